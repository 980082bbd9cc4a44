<?xml version="1.0" encoding="UTF-8"?>
<!--
  needs.xsl - summary of the needs mapping (Behovskartläggning) as a layout
  document: the parties, the first contact, then local needs, what each
  side can contribute, target group and goals ("Ej angivet" when empty).

  Parameters (all optional):
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:template match="/">
    <xsl:if test="not(agreement)">
      <xsl:message terminate="yes">needs.xsl: the input is not an agreement</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="agreement"/>
  </xsl:template>

  <xsl:template match="agreement">
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="concat('Behovskartläggning, ', normalize-space(title))"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>
      <h1>Behovskartläggning</h1>
      <p size="large"><b><xsl:value-of select="normalize-space(title)"/></b></p>
      <kv>
        <item key="Avtal">
          <xsl:value-of select="concat($kind-title, ' ', @id)"/>
        </item>
        <item key="Parter">
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$parties"/></xsl:call-template>
        </item>
        <item key="Skede">
          <xsl:call-template name="phase-label"><xsl:with-param name="phase" select="state/@phase"/></xsl:call-template>
        </item>
      </kv>

      <h2>Första kontakt</h2>
      <kv>
        <item key="Datum">
          <xsl:choose>
            <xsl:when test="contact/@date">
              <xsl:call-template name="date"><xsl:with-param name="date" select="contact/@date"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
        <item key="Kontakten togs av">
          <xsl:choose>
            <xsl:when test="normalize-space(contact/@party) != ''">
              <xsl:call-template name="party-name"><xsl:with-param name="role" select="contact/@party"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
        <item key="Kontakt med">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="contact/with"/></xsl:call-template>
        </item>
        <item key="Anteckningar">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="contact/notes"/></xsl:call-template>
        </item>
      </kv>

      <h2>Behov och bidrag</h2>
      <xsl:call-template name="needs-kv"/>
    </document>
  </xsl:template>
</xsl:stylesheet>
