<?xml version="1.0" encoding="UTF-8"?>
<!--
  termination.xsl - termination notice (Uppsägning) as a layout document:
  from the terminating party to all the others, the date of notice, the
  notice period in words and the day the agreement ends (@effective); an
  immediate termination says "med omedelbar verkan" and gives the reason.
  Ends with a signature block for the terminating party.  In an agreement
  where a party's notice ends only its own participation, the notice of
  the party that left last (its <departure>) is rendered the same way,
  saying that its participation ends and the others continue.

  Parameters (all optional):
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
  Fails (xsl:message terminate) when the agreement is neither terminated
  nor left by a party.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:template match="/">
    <xsl:if test="not(agreement/termination) and not(agreement/departures/departure)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('termination.xsl: agreement ', agreement/@id, ' has not been terminated')"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="(agreement/termination | agreement/departures/departure[last()])[1]"/>
  </xsl:template>

  <!-- A <departure> holds the party that left; a <termination>'s party is still among $parties. -->
  <xsl:template match="termination | departure">
    <xsl:variable name="role" select="@party"/>
    <xsl:variable name="leaves" select="self::departure"/>
    <xsl:variable name="from" select="(party | $parties[@role = $role])[1]"/>
    <xsl:variable name="to" select="$parties[@role != $role]"/>
    <xsl:variable name="pname">
      <xsl:choose>
        <xsl:when test="$leaves">
          <xsl:value-of select="concat(normalize-space(party/name), substring(concat(', ', normalize-space(party/unit)), 1 div (normalize-space(party/unit) != '')))"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>

    <xsl:variable name="immediate" select="@immediate = 'yes'"/>
    <xsl:variable name="notice">
      <xsl:choose>
        <xsl:when test="normalize-space(@notice) != ''"><xsl:value-of select="@notice"/></xsl:when>
        <xsl:when test="normalize-space($ag/term/@notice) != ''"><xsl:value-of select="$ag/term/@notice"/></xsl:when>
        <xsl:otherwise>P1M</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="concat('Uppsägning, ', normalize-space($ag/title))"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>
      <h1>Uppsägning</h1>
      <p size="large"><b><xsl:value-of select="normalize-space($ag/title)"/></b></p>
      <kv>
        <item key="Avtal"><xsl:value-of select="concat($kind-title, ' ', $ag/@id)"/></item>
        <item key="Från"><xsl:value-of select="$pname"/></item>
        <item key="Till">
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$to"/></xsl:call-template>
        </item>
        <item key="Datum för uppsägningen">
          <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        </item>
        <item key="Uppsägningstid">
          <xsl:choose>
            <xsl:when test="$immediate">Ingen, uppsägning med omedelbar verkan</xsl:when>
            <xsl:otherwise>
              <xsl:call-template name="period-words"><xsl:with-param name="period" select="$notice"/></xsl:call-template>
            </xsl:otherwise>
          </xsl:choose>
        </item>
        <item>
          <xsl:attribute name="key">
            <xsl:choose>
              <xsl:when test="$leaves">Deltagandet upphör</xsl:when>
              <xsl:otherwise>Avtalet upphör</xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:choose>
            <xsl:when test="@effective">
              <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
      </kv>

      <p>
        <xsl:value-of select="$pname"/>
        <xsl:choose>
          <xsl:when test="$leaves"> säger härmed upp sitt deltagande i </xsl:when>
          <xsl:otherwise> säger härmed upp </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="concat($the, ' ”', normalize-space($ag/title), '” (', $kind-title, ' ', $ag/@id, ')')"/>
        <xsl:choose>
          <xsl:when test="$immediate and $leaves">
            <xsl:text> med omedelbar verkan. Deltagandet upphör den </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:when>
          <xsl:when test="$immediate">
            <xsl:text> med omedelbar verkan. </xsl:text>
            <xsl:value-of select="$The"/>
            <xsl:text> upphör att gälla den </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:when>
          <xsl:otherwise>
            <xsl:text>. Uppsägningstiden är </xsl:text>
            <xsl:call-template name="period-words"><xsl:with-param name="period" select="$notice"/></xsl:call-template>
            <xsl:text>, och </xsl:text>
            <xsl:choose>
              <xsl:when test="$leaves">deltagandet upphör därmed den </xsl:when>
              <xsl:otherwise><xsl:value-of select="concat($the, ' upphör därmed att gälla den ')"/></xsl:otherwise>
            </xsl:choose>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <p>
        <xsl:text>Uppsägningen görs skriftligen enligt bestämmelserna om uppsägning i </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text> och skickas till samtliga övriga parter.</xsl:text>
        <xsl:if test="$leaves">
          <xsl:value-of select="concat(' De övriga parterna fortsätter samverkan enligt en ny version av ', $the, ' utan ', $pname, '.')"/>
        </xsl:if>
      </p>

      <xsl:if test="normalize-space(reason) != ''">
        <h2>Skäl för uppsägningen</h2>
        <p>
          <xsl:call-template name="lines"><xsl:with-param name="text" select="reason"/></xsl:call-template>
        </p>
      </xsl:if>

      <h2>Mottagare</h2>
      <list kind="bullet">
        <xsl:for-each select="$to">
          <item>
            <xsl:value-of select="concat(normalize-space(name), substring(concat(', ', normalize-space(unit)), 1 div (normalize-space(unit) != '')))"/>
            <xsl:if test="normalize-space(address) != ''">
              <xsl:value-of select="concat(', ', normalize-space(address))"/>
            </xsl:if>
          </item>
        </xsl:for-each>
      </list>

      <signatures>
        <signature id="{@party}" party="{$pname}" name="{normalize-space($from/signatory[1]/name)}"
                   title="{normalize-space($from/signatory[1]/title)}" place="" date=""/>
      </signatures>
    </document>
  </xsl:template>
</xsl:stylesheet>
