<?xml version="1.0" encoding="UTF-8"?>
<!--
  amendment.xsl - an amendment (Ändring och tillägg) as a layout document:
  what changes (field, old and new wording), from which text version to
  which, who proposed it, and each party's approval.

  Parameters (all optional):
    index          which amendment, 1-based (default: the last)
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
  Fails (xsl:message terminate) when there is no such amendment.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="index" select="''"/>
  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:variable name="all" select="/agreement/amendments/amendment"/>
  <xsl:variable name="i">
    <xsl:choose>
      <xsl:when test="normalize-space($index) = ''"><xsl:value-of select="count($all)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="number($index)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="not(agreement)">
      <xsl:message terminate="yes">amendment.xsl: the input is not an agreement</xsl:message>
    </xsl:if>
    <xsl:if test="not($all)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('amendment.xsl: agreement ', agreement/@id, ' has no amendments')"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not($all[position() = $i])">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('amendment.xsl: agreement ', agreement/@id, ' has no amendment number ',
            $index, ' (it has ', count($all), ')')"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$all[position() = $i]"/>
  </xsl:template>

  <xsl:template match="amendment">
    <xsl:variable name="am" select="."/>
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="concat('Ändring ', @n, ', ', normalize-space($ag/title))"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>
      <h1><xsl:value-of select="concat('Ändring och tillägg nr ', @n)"/></h1>
      <p size="large"><b><xsl:value-of select="normalize-space($ag/title)"/></b></p>
      <kv>
        <item key="Avtal"><xsl:value-of select="concat($kind-title, ' ', $ag/@id)"/></item>
        <item key="Parter">
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$parties"/></xsl:call-template>
        </item>
        <item key="Föreslagen av">
          <xsl:choose>
            <xsl:when test="normalize-space(@party) != ''">
              <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
        <item key="Datum">
          <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        </item>
        <item key="Version">
          <xsl:value-of select="concat('från version ', @from-version, ' till version ', @to-version)"/>
        </item>
        <item key="Status">
          <xsl:choose>
            <xsl:when test="@status = 'approved'">Godkänd av samtliga parter</xsl:when>
            <xsl:otherwise>Föreslagen, ännu inte godkänd av samtliga parter</xsl:otherwise>
          </xsl:choose>
        </item>
      </kv>

      <h2>Sammanfattning</h2>
      <p>
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="summary"/></xsl:call-template>
      </p>

      <h2>Ändringar</h2>
      <xsl:choose>
        <xsl:when test="change">
          <table widths="24 38 38">
            <thead>
              <row><cell>Punkt</cell><cell>Tidigare lydelse</cell><cell>Ny lydelse</cell></row>
            </thead>
            <xsl:for-each select="change">
              <row>
                <cell>
                  <xsl:call-template name="field-label"><xsl:with-param name="field" select="@field"/></xsl:call-template>
                </cell>
                <cell><xsl:call-template name="or-none"><xsl:with-param name="value" select="old"/></xsl:call-template></cell>
                <cell><xsl:call-template name="or-none"><xsl:with-param name="value" select="new"/></xsl:call-template></cell>
              </row>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
      </xsl:choose>

      <h2>Godkännanden</h2>
      <table widths="40 25 35">
        <thead>
          <row><cell>Part</cell><cell>Godkänt</cell><cell>Godkänt av</cell></row>
        </thead>
        <xsl:for-each select="$parties">
          <xsl:variable name="role" select="@role"/>
          <xsl:variable name="ap" select="$am/approval[@party = $role][1]"/>
          <row>
            <cell><xsl:value-of select="concat(normalize-space(name), substring(concat(', ', normalize-space(unit)), 1 div (normalize-space(unit) != '')))"/></cell>
            <cell>
              <xsl:choose>
                <xsl:when test="$ap">
                  <xsl:call-template name="date"><xsl:with-param name="date" select="$ap/@date"/></xsl:call-template>
                </xsl:when>
                <xsl:otherwise>Ej godkänt ännu</xsl:otherwise>
              </xsl:choose>
            </cell>
            <cell>
              <xsl:choose>
                <xsl:when test="normalize-space($ap/@by) != ''"><xsl:value-of select="normalize-space($ap/@by)"/></xsl:when>
                <xsl:otherwise>–</xsl:otherwise>
              </xsl:choose>
            </cell>
          </row>
        </xsl:for-each>
      </table>

      <p>
        <xsl:text>Ändringen gäller först när samtliga parter har godkänt den skriftligen. Den ändrade lydelsen ingår i version </xsl:text>
        <xsl:value-of select="@to-version"/>
        <xsl:text> av </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text>, som parterna undertecknar på nytt. I övrigt gäller </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text> oförändrat.</xsl:text>
      </p>
    </document>
  </xsl:template>
</xsl:stylesheet>
