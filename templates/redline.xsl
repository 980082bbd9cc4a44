<?xml version="1.0" encoding="UTF-8"?>
<!--
  redline.xsl - the changes between two versions of an agreement as a
  layout document (templates/layout.rng).

  The engine (engine/documents/redline.c) compares the two versions and
  hands over

    <redline id kind title>
      <from version commit date day asked/> <to …/>   (date: the commit's
                                                     day; day: its event's)
      <parties> <party change="added|removed" role name orgnr/> … </parties>
      <fields> <field name label><old>…</old><new>…</new></field> … </fields>
        (a list field: list="yes", <old> and <new> hold <item kept="yes|…">)
      <text changed="yes|no">
        <section key status="same|changed|added|removed"> heading and
          layout blocks, with <ins> and <del> in their text and moved="yes"
          on a list item or table row that only changed place </section> …
      </text>
    </redline>

  This stylesheet lays it out: a header with both versions (version, commit
  and day), the parties added and removed, the fields changed (old and new
  value side by side), then the text clause by clause.  Unchanged clauses
  are shown as they are, without marks.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:apply-templates select="redline"/>
  </xsl:template>

  <xsl:template match="redline">
    <xsl:variable name="name" select="normalize-space(concat(@kind, ' ', @id))"/>
    <document title="{concat('Ändringar i ', $name)}"
              subject="{concat($name, ': version ', from/@version, ' jämförd med version ', to/@version)}"
              keywords="{concat('ändringar, ', $name)}">
      <header left="{concat('Ändringar i ', $name)}"
              right="{concat('Version ', from/@version, ' (', substring(from/@commit, 1, 12), ') → ',
                             to/@version, ' (', substring(to/@commit, 1, 12), ')')}"/>
      <footer left="{normalize-space(@title)}"/>
      <h1><xsl:value-of select="concat('Ändringar i ', $name)"/></h1>
      <p align="center" size="large"><b><xsl:value-of select="normalize-space(@title)"/></b></p>
      <kv>
        <item key="Före"><xsl:apply-templates select="from" mode="side"/></item>
        <item key="Efter"><xsl:apply-templates select="to" mode="side"/></item>
      </kv>
      <p size="small">Text som har lagts till är understruken och text som har tagits bort är
        överstruken. Avsnitt som inte har ändrats visas utan markeringar.</p>

      <h2>Parter</h2>
      <xsl:choose>
        <xsl:when test="parties/party">
          <list kind="bullet">
            <xsl:for-each select="parties/party">
              <item>
                <xsl:choose>
                  <xsl:when test="@change = 'added'">
                    <xsl:text>Tillkommer: </xsl:text>
                    <ins><xsl:call-template name="party"/></ins>
                  </xsl:when>
                  <xsl:otherwise>
                    <xsl:text>Utgår: </xsl:text>
                    <del><xsl:call-template name="party"/></del>
                  </xsl:otherwise>
                </xsl:choose>
              </item>
            </xsl:for-each>
          </list>
        </xsl:when>
        <xsl:otherwise><p>Samma parter i båda versionerna.</p></xsl:otherwise>
      </xsl:choose>

      <h2>Ändrade uppgifter</h2>
      <xsl:choose>
        <xsl:when test="fields/field">
          <table widths="26 37 37">
            <thead>
              <row><cell>Uppgift</cell><cell>Före</cell><cell>Efter</cell></row>
            </thead>
            <xsl:for-each select="fields/field">
              <row>
                <cell><xsl:value-of select="normalize-space(@label)"/></cell>
                <cell><xsl:call-template name="value"><xsl:with-param name="v" select="old"/><xsl:with-param name="mark" select="'del'"/></xsl:call-template></cell>
                <cell><xsl:call-template name="value"><xsl:with-param name="v" select="new"/><xsl:with-param name="mark" select="'ins'"/></xsl:call-template></cell>
              </row>
            </xsl:for-each>
          </table>
        </xsl:when>
        <xsl:otherwise><p>Inga uppgifter har ändrats.</p></xsl:otherwise>
      </xsl:choose>

      <h2>Avtalstexten</h2>
      <xsl:if test="text/@changed = 'no'">
        <p>Avtalstexten är densamma i båda versionerna.</p>
      </xsl:if>
      <xsl:apply-templates select="text/section/*"/>
    </document>
  </xsl:template>

  <!-- A version: its number, how it was asked for, its commit and day. -->
  <xsl:template match="from | to" mode="side">
    <xsl:value-of select="concat('version ', @version)"/>
    <xsl:if test="normalize-space(@asked) != ''">
      <xsl:value-of select="concat(' (', normalize-space(@asked), ')')"/>
    </xsl:if>
    <xsl:if test="normalize-space(@day) != ''">
      <xsl:value-of select="concat(', ', @day)"/>
    </xsl:if>
    <br/>
    <xsl:value-of select="concat('commit ', @commit)"/>
    <xsl:if test="normalize-space(@date) != '' and @date != @day">
      <xsl:value-of select="concat(', registrerad ', @date)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template name="party">
    <xsl:value-of select="normalize-space(@name)"/>
    <xsl:if test="normalize-space(@orgnr) != ''">
      <xsl:value-of select="concat(' (', normalize-space(@orgnr), ')')"/>
    </xsl:if>
    <xsl:value-of select="concat(', part som ', @role)"/>
  </xsl:template>

  <!--
    A field's value, marked; an empty one says so, unmarked; lines kept.  A
    list field's items one a line, marked only when the other version lacks
    them, so a list in a new order has no marks (and says so).
  -->
  <xsl:template name="value">
    <xsl:param name="v"/>
    <xsl:param name="mark"/>
    <xsl:choose>
      <xsl:when test="normalize-space($v) = ''"><i>(tomt)</i></xsl:when>
      <xsl:when test="$v/../@list = 'yes'">
        <xsl:for-each select="$v/item">
          <xsl:if test="position() > 1"><br/></xsl:if>
          <xsl:choose>
            <xsl:when test="@kept = 'yes'"><xsl:value-of select="."/></xsl:when>
            <xsl:otherwise>
              <xsl:element name="{$mark}"><xsl:value-of select="."/></xsl:element>
            </xsl:otherwise>
          </xsl:choose>
        </xsl:for-each>
        <xsl:if test="$mark = 'ins' and not($v/../old/item[not(@kept)] or $v/../new/item[not(@kept)])">
          <br/><i>(samma punkter i ny ordning)</i>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise>
        <xsl:element name="{$mark}">
          <xsl:call-template name="lines"><xsl:with-param name="text" select="string($v)"/></xsl:call-template>
        </xsl:element>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <xsl:value-of select="substring-before($text, '&#10;')"/>
        <br/>
        <xsl:call-template name="lines">
          <xsl:with-param name="text" select="substring-after($text, '&#10;')"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The text's blocks as the agreement laid them out; the moved mark becomes a note. -->
  <xsl:template match="*">
    <xsl:copy>
      <xsl:copy-of select="@*[name() != 'moved']"/>
      <xsl:apply-templates/>
      <xsl:if test="(@moved = 'yes' and not(self::row)) or
                    (self::cell and ../@moved = 'yes' and not(following-sibling::cell))">
        <xsl:text> </xsl:text><i>(flyttad)</i>
      </xsl:if>
    </xsl:copy>
  </xsl:template>
</xsl:stylesheet>
