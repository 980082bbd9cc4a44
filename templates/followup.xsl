<?xml version="1.0" encoding="UTF-8"?>
<!--
  followup.xsl - written follow-up report (Uppföljning) as a layout
  document: the questions with their answers, the decision (fortsätta,
  ändra or avsluta) and the new term end.

  Parameters (all optional):
    index          which follow-up, 1-based (default: the last)
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text
  Fails (xsl:message terminate) when there is no such follow-up.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="index" select="''"/>
  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:variable name="all" select="/agreement/followups/followup"/>
  <xsl:variable name="i">
    <xsl:choose>
      <xsl:when test="normalize-space($index) = ''"><xsl:value-of select="count($all)"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="number($index)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="not(agreement)">
      <xsl:message terminate="yes">followup.xsl: the input is not an agreement</xsl:message>
    </xsl:if>
    <xsl:if test="not($all)">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('followup.xsl: agreement ', agreement/@id, ' has no follow-ups')"/>
      </xsl:message>
    </xsl:if>
    <xsl:if test="not($all[position() = $i])">
      <xsl:message terminate="yes">
        <xsl:value-of select="concat('followup.xsl: agreement ', agreement/@id, ' has no follow-up number ',
            $index, ' (it has ', count($all), ')')"/>
      </xsl:message>
    </xsl:if>
    <xsl:apply-templates select="$all[position() = $i]"/>
  </xsl:template>

  <xsl:template match="followup">
    <xsl:variable name="t" select="$ag/term"/>
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="concat('Uppföljning, ', normalize-space($ag/title))"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>
      <h1>Uppföljning</h1>
      <p size="large"><b><xsl:value-of select="normalize-space($ag/title)"/></b></p>
      <kv>
        <item key="Avtal"><xsl:value-of select="concat($kind-title, ' ', $ag/@id)"/></item>
        <item key="Parter">
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$parties"/></xsl:call-template>
        </item>
        <item key="Datum för uppföljningen">
          <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        </item>
        <item key="Uppföljning">
          <xsl:value-of select="concat($i, ' av ', count($all))"/>
        </item>
        <item key="Avtalstid">
          <xsl:choose>
            <xsl:when test="$t/@start">
              <xsl:text>från och med </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="date" select="$t/@start"/></xsl:call-template>
              <xsl:if test="$t/@end">
                <xsl:text> till och med </xsl:text>
                <xsl:call-template name="date"><xsl:with-param name="date" select="$t/@end"/></xsl:call-template>
              </xsl:if>
            </xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
      </kv>
      <p>
        <xsl:text>Parterna har tillsammans följt upp samarbetet skriftligen, så som </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text> föreskriver. Frågorna och parternas gemensamma svar följer nedan.</xsl:text>
      </p>

      <h2>Frågor och svar</h2>
      <xsl:choose>
        <xsl:when test="answer">
          <xsl:for-each select="answer">
            <h3 bookmark="no">
              <xsl:value-of select="concat(position(), '. ')"/>
              <xsl:choose>
                <xsl:when test="normalize-space(@question) != ''">
                  <xsl:value-of select="normalize-space(@question)"/>
                </xsl:when>
                <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
              </xsl:choose>
            </h3>
            <p>
              <xsl:call-template name="or-none"><xsl:with-param name="value" select="."/></xsl:call-template>
            </p>
          </xsl:for-each>
        </xsl:when>
        <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
      </xsl:choose>

      <h2>Beslut</h2>
      <p>
        <xsl:text>Parterna beslutade att </xsl:text>
        <xsl:call-template name="followup-decision-label">
          <xsl:with-param name="decision" select="@decision"/>
        </xsl:call-template>
        <xsl:choose>
          <xsl:when test="@decision = 'amend'">
            <xsl:value-of select="concat(' ', $the, '. Ändringarna görs skriftligen och gäller när samtliga parter har godkänt dem.')"/>
          </xsl:when>
          <xsl:otherwise> samarbetet.</xsl:otherwise>
        </xsl:choose>
      </p>
      <kv>
        <item key="Beslut">
          <xsl:call-template name="followup-decision-label">
            <xsl:with-param name="decision" select="@decision"/>
          </xsl:call-template>
        </item>
        <xsl:choose>
          <xsl:when test="@new-end">
            <item key="Ny avtalstid till och med">
              <xsl:call-template name="date"><xsl:with-param name="date" select="@new-end"/></xsl:call-template>
            </item>
          </xsl:when>
          <xsl:when test="@decision = 'terminate' and $ag/termination/@effective">
            <item key="Avtalet upphör">
              <xsl:call-template name="date">
                <xsl:with-param name="date" select="$ag/termination/@effective"/>
              </xsl:call-template>
            </item>
          </xsl:when>
        </xsl:choose>
      </kv>
    </document>
  </xsl:template>
</xsl:stylesheet>
