<?xml version="1.0" encoding="UTF-8"?>
<!--
  termination.xsl - termination notice (Uppsägning) as a layout document:
  from the terminating party to all the others, the date of notice, the
  notice period in words and the day the agreement ends (@effective); an
  immediate termination says "med omedelbar verkan" and gives the reason.
  Ends with a signature block for the terminating party.

  Parameters (all optional):
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
  Fails (xsl:message terminate) when the agreement is not terminated.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:template match="/">
    <xsl:if test="not(agreement/termination)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('termination.xsl: agreement ', agreement/@id, ' has not been terminated')"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="agreement/termination"/>
  </xsl:template>

  <xsl:template match="termination">
    <xsl:variable name="role" select="@party"/>
    <xsl:variable name="from" select="$parties[@role = $role][1]"/>
    <xsl:variable name="to" select="$parties[@role != $role]"/>
    <xsl:variable name="pname">
      <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
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
        <item key="Avtalet upphör">
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
        <xsl:value-of select="concat(' säger härmed upp ', $the, ' ”', normalize-space($ag/title), '” (', $kind-title, ' ', $ag/@id, ')')"/>
        <xsl:choose>
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
            <xsl:value-of select="$the"/>
            <xsl:text> upphör därmed att gälla den </xsl:text>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
            <xsl:text>.</xsl:text>
          </xsl:otherwise>
        </xsl:choose>
      </p>
      <p>
        <xsl:text>Uppsägningen görs skriftligen enligt bestämmelserna om uppsägning i </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text> och skickas till samtliga övriga parter.</xsl:text>
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
