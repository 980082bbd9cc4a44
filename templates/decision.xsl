<?xml version="1.0" encoding="UTF-8"?>
<!--
  decision.xsl - minutes extract (Protokollsutdrag) of one party's decision
  on the agreement, as a layout document.

  Parameters (all optional):
    party          role of the party whose decision is shown (its latest
                   decision; default: the last decision recorded)
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
  Fails (xsl:message terminate) when the party has no recorded decision.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="party" select="''"/>
  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:template match="/">
    <xsl:if test="not(agreement)">
      <xsl:message terminate="yes">decision.xsl: the input is not an agreement</xsl:message>
    </xsl:if>
    <xsl:variable name="d" select="agreement/decisions/decision[$party = ''][1]
        | agreement/decisions/decision[$party != '' and @party = $party][last()]"/>
    <xsl:if test="not(agreement/decisions/decision)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('decision.xsl: agreement ', agreement/@id, ' has no decisions')"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not($d)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('decision.xsl: agreement ', agreement/@id,
            ' has no decision by party ', $party)"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$d"/>
  </xsl:template>

  <xsl:template match="decision">
    <xsl:variable name="pname">
      <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
    </xsl:variable>
    <xsl:variable name="role" select="@party"/>
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="concat('Protokollsutdrag, ', $pname)"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>
      <h1>Protokollsutdrag</h1>
      <p size="large"><b><xsl:value-of select="$pname"/></b></p>
      <kv>
        <item key="Organ">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="@body"/></xsl:call-template>
        </item>
        <item key="Sammanträdesdatum">
          <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        </item>
        <item key="Paragraf">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="@minutes"/></xsl:call-template>
        </item>
        <item key="Ärende">
          <xsl:value-of select="concat($kind-title, ' ', $ag/@id, ': ', normalize-space($ag/title))"/>
        </item>
        <item key="Parter">
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$parties"/></xsl:call-template>
        </item>
      </kv>
      <h2>Beslut</h2>
      <p>
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="text"/></xsl:call-template>
      </p>
      <kv>
        <item key="Utfall">
          <xsl:call-template name="outcome-label"><xsl:with-param name="outcome" select="@outcome"/></xsl:call-template>
        </item>
      </kv>
      <p>
        <xsl:text>Beslutet innebär att </xsl:text>
        <xsl:value-of select="$pname"/>
        <xsl:choose>
          <xsl:when test="@outcome = 'bifall'"> ingår </xsl:when>
          <xsl:otherwise> inte ingår </xsl:otherwise>
        </xsl:choose>
        <xsl:value-of select="$the"/>
        <xsl:text> ”</xsl:text>
        <xsl:value-of select="normalize-space($ag/title)"/>
        <xsl:text>” med </xsl:text>
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$parties[@role != $role]"/>
        </xsl:call-template>
        <xsl:text>.</xsl:text>
      </p>
      <spacer/>
      <p>Rätt utdraget intygar:</p>
      <signatures>
        <signature id="{concat('intygande-', @party)}" party="{$pname}" place="" date=""/>
      </signatures>
    </document>
  </xsl:template>
</xsl:stylesheet>
