<?xml version="1.0" encoding="UTF-8"?>
<!--
  calendar.xsl - the meeting calendar (Årshjul) as a one-page layout
  document: a table of the meetings, follow-up deadlines, notice deadline
  and term end, sorted by date.  The input is one agreement (root
  <agreement>) or several (root <agreements>); with several, a column names
  the agreement of each date.

  Parameters (all optional):
    year   only dates in this year (e.g. 2027); default: every date
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="year" select="''"/>

  <xsl:variable name="many" select="boolean(/agreements)"/>
  <xsl:variable name="dates" select="(/agreement | /agreements/agreement)/dates/date[
      normalize-space($year) = '' or substring(@value, 1, 4) = normalize-space($year)]"/>

  <xsl:template match="/">
    <xsl:if test="not(agreement or agreements)">
      <xsl:message terminate="yes">calendar.xsl: the input is neither an agreement nor agreements</xsl:message>
    </xsl:if>
    <xsl:variable name="title">
      <xsl:choose>
        <xsl:when test="$many">Alla avtal</xsl:when>
        <xsl:otherwise><xsl:value-of select="normalize-space(agreement/title)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <document title="{concat('Årshjul, ', $title)}" subject="Årshjul" keywords="Årshjul, möten, uppföljning">
      <xsl:attribute name="author">
        <xsl:for-each select="(/agreement | /agreements/agreement)/parties/party/name[not(. = preceding::party/name)]">
          <xsl:if test="position() &gt; 1">, </xsl:if>
          <xsl:value-of select="."/>
        </xsl:for-each>
      </xsl:attribute>
      <header left="Årshjul">
        <xsl:attribute name="right">
          <xsl:choose>
            <xsl:when test="$many">
              <xsl:value-of select="concat('Alla avtal (', count(agreements/agreement), ')')"/>
            </xsl:when>
            <xsl:otherwise><xsl:value-of select="concat($kind-title, ' ', agreement/@id)"/></xsl:otherwise>
          </xsl:choose>
        </xsl:attribute>
      </header>
      <footer left="{$title}"/>
      <h1>
        <xsl:text>Årshjul</xsl:text>
        <xsl:if test="normalize-space($year) != ''">
          <xsl:value-of select="concat(' ', normalize-space($year))"/>
        </xsl:if>
      </h1>
      <p size="large"><b><xsl:value-of select="$title"/></b></p>
      <xsl:if test="not($many)">
        <p>
          <xsl:text>Parter: </xsl:text>
          <xsl:call-template name="join-names"><xsl:with-param name="nodes" select="$parties"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </p>
        <xsl:if test="normalize-space(agreement/meetings/structure) != ''">
          <p>
            <xsl:call-template name="lines">
              <xsl:with-param name="text" select="agreement/meetings/structure"/>
            </xsl:call-template>
          </p>
        </xsl:if>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="$dates">
          <table>
            <xsl:attribute name="widths">
              <xsl:choose>
                <xsl:when test="$many">20 40 40</xsl:when>
                <xsl:otherwise>25 75</xsl:otherwise>
              </xsl:choose>
            </xsl:attribute>
            <thead>
              <row>
                <cell>Datum</cell>
                <cell>Händelse</cell>
                <xsl:if test="$many"><cell>Avtal</cell></xsl:if>
              </row>
            </thead>
            <xsl:for-each select="$dates">
              <xsl:sort select="@value"/>
              <xsl:sort select="ancestor::agreement/@id"/>
              <row>
                <cell>
                  <xsl:call-template name="date"><xsl:with-param name="date" select="@value"/></xsl:call-template>
                </cell>
                <cell><xsl:call-template name="date-label"/></cell>
                <xsl:if test="$many">
                  <cell>
                    <xsl:value-of select="concat(ancestor::agreement/@id, ' ',
                        normalize-space(ancestor::agreement/title))"/>
                  </cell>
                </xsl:if>
              </row>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise>
          <p>Inga datum är beräknade ännu.</p>
        </xsl:otherwise>
      </xsl:choose>
    </document>
  </xsl:template>
</xsl:stylesheet>
