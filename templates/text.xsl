<?xml version="1.0" encoding="UTF-8"?>
<!--
  text.xsl - a layout document (templates/layout.rng) as plain UTF-8 text:
  headings underlined (h1 "=", h2 "-", h3 "~"), paragraphs and list items
  wrapped at 76 characters, key/value blocks and tables with a header row
  as "Nyckel: värde" lines (other tables as cells joined by " | "),
  signature blocks with lines to write on.  Line breaks are LF.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:variable name="nl" select="'&#10;'"/>
  <xsl:variable name="width" select="76"/>
  <xsl:variable name="rule" select="'____________________________________________'"/>
  <xsl:variable name="underlines-h1" select="'============================================================================'"/>
  <xsl:variable name="underlines-h2" select="'----------------------------------------------------------------------------'"/>
  <xsl:variable name="underlines-h3" select="'~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~'"/>

  <xsl:template match="/">
    <xsl:if test="not(document)">
      <xsl:message terminate="yes">text.xsl: the input is not a layout document</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="document"/>
  </xsl:template>

  <xsl:template match="document">
    <xsl:if test="normalize-space(@watermark) != ''">
      <xsl:value-of select="concat('*** ', normalize-space(@watermark), ' ***', $nl, $nl)"/>
    </xsl:if>
    <xsl:if test="header[normalize-space(@left) != '' or normalize-space(@right) != '']">
      <xsl:value-of select="normalize-space(header/@left)"/>
      <xsl:if test="normalize-space(header/@left) != '' and normalize-space(header/@right) != ''">
        <xsl:text> | </xsl:text>
      </xsl:if>
      <xsl:value-of select="concat(normalize-space(header/@right), $nl, $nl)"/>
    </xsl:if>
    <xsl:apply-templates select="*[not(self::header or self::footer)]"/>
    <xsl:if test="normalize-space(footer/@left) != ''">
      <xsl:value-of select="concat('--', $nl, normalize-space(footer/@left), $nl)"/>
    </xsl:if>
  </xsl:template>

  <!-- Headings: the text, then a line of the same length. -->
  <xsl:template match="h1 | h2 | h3">
    <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
    <xsl:variable name="text" select="normalize-space(translate($t, '&#10;', ' '))"/>
    <xsl:variable name="under">
      <xsl:choose>
        <xsl:when test="self::h1"><xsl:value-of select="$underlines-h1"/></xsl:when>
        <xsl:when test="self::h2"><xsl:value-of select="$underlines-h2"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$underlines-h3"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:if test="$text != ''">
      <xsl:if test="self::h1 and preceding-sibling::*[not(self::header or self::footer)]
                    and not(preceding-sibling::*[1][self::pagebreak])">
        <xsl:value-of select="$nl"/>
      </xsl:if>
      <xsl:value-of select="concat($text, $nl, substring($under, 1, string-length($text)), $nl, $nl)"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="p">
    <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
    <xsl:if test="normalize-space($t) != ''">
      <xsl:call-template name="wrap-lines">
        <xsl:with-param name="text" select="$t"/>
      </xsl:call-template>
      <xsl:value-of select="$nl"/>
    </xsl:if>
  </xsl:template>

  <xsl:template match="list">
    <xsl:for-each select="item">
      <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
      <xsl:variable name="mark">
        <xsl:choose>
          <xsl:when test="../@kind = 'number'"><xsl:value-of select="concat('  ', position(), '. ')"/></xsl:when>
          <xsl:otherwise>  • </xsl:otherwise>
        </xsl:choose>
      </xsl:variable>
      <xsl:call-template name="wrap-lines">
        <xsl:with-param name="text" select="$t"/>
        <xsl:with-param name="first" select="$mark"/>
        <xsl:with-param name="indent" select="substring('          ', 1, string-length($mark))"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="item"><xsl:value-of select="$nl"/></xsl:if>
  </xsl:template>

  <xsl:template match="kv">
    <xsl:for-each select="item">
      <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
      <xsl:call-template name="wrap-lines">
        <xsl:with-param name="text" select="$t"/>
        <xsl:with-param name="first" select="concat(normalize-space(@key), ': ')"/>
        <xsl:with-param name="indent" select="'    '"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:if test="item"><xsl:value-of select="$nl"/></xsl:if>
  </xsl:template>

  <!--
    Tables with a header row: one block per row, "Header: value" per cell.
    Without: the cells of each row joined by " | ".
  -->
  <xsl:template match="table">
    <xsl:variable name="head" select="thead/row[last()]/cell"/>
    <xsl:for-each select="row">
      <xsl:choose>
        <xsl:when test="$head">
          <xsl:for-each select="cell">
            <xsl:variable name="pos" select="position()"/>
            <xsl:variable name="t"><xsl:apply-templates mode="inline"/></xsl:variable>
            <xsl:variable name="key">
              <xsl:apply-templates select="$head[$pos]" mode="inline"/>
            </xsl:variable>
            <xsl:call-template name="wrap-lines">
              <xsl:with-param name="text" select="$t"/>
              <xsl:with-param name="first" select="concat(normalize-space($key), ': ')"/>
              <xsl:with-param name="indent" select="'    '"/>
            </xsl:call-template>
          </xsl:for-each>
          <xsl:value-of select="$nl"/>
        </xsl:when>
        <xsl:otherwise>
          <xsl:variable name="t">
            <xsl:for-each select="cell">
              <xsl:if test="position() &gt; 1"> | </xsl:if>
              <xsl:variable name="c"><xsl:apply-templates mode="inline"/></xsl:variable>
              <xsl:value-of select="normalize-space(translate($c, '&#10;', ' '))"/>
            </xsl:for-each>
          </xsl:variable>
          <xsl:call-template name="wrap-lines">
            <xsl:with-param name="text" select="$t"/>
            <xsl:with-param name="indent" select="'    '"/>
          </xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <xsl:if test="row and not($head)"><xsl:value-of select="$nl"/></xsl:if>
  </xsl:template>

  <xsl:template match="signatures">
    <xsl:for-each select="signature">
      <xsl:value-of select="concat(normalize-space(@party), $nl)"/>
      <xsl:value-of select="'Ort: '"/>
      <xsl:call-template name="fill"><xsl:with-param name="value" select="@place"/></xsl:call-template>
      <xsl:value-of select="'Datum: '"/>
      <xsl:call-template name="fill"><xsl:with-param name="value" select="@date"/></xsl:call-template>
      <xsl:value-of select="concat($nl, $nl, $rule, $nl)"/>
      <xsl:if test="normalize-space(@name) != ''">
        <xsl:value-of select="concat(normalize-space(@name), $nl)"/>
      </xsl:if>
      <xsl:if test="normalize-space(@title) != ''">
        <xsl:value-of select="concat(normalize-space(@title), $nl)"/>
      </xsl:if>
      <xsl:value-of select="$nl"/>
    </xsl:for-each>
  </xsl:template>

  <xsl:template name="fill">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="normalize-space($value) != ''">
        <xsl:value-of select="concat(normalize-space($value), $nl)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat('______________________', $nl)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="pagebreak | spacer">
    <xsl:value-of select="$nl"/>
  </xsl:template>

  <!-- Inline content as text: white space runs become one space, <br/> a line feed. -->
  <xsl:template match="text()" mode="inline">
    <xsl:value-of select="translate(., '&#9;&#10;&#13;', '   ')"/>
  </xsl:template>
  <xsl:template match="br" mode="inline"><xsl:value-of select="$nl"/></xsl:template>
  <xsl:template match="b | i" mode="inline"><xsl:apply-templates mode="inline"/></xsl:template>
  <!-- Inserted and deleted text (a redline): [+inserted+] and [-deleted-]. -->
  <xsl:template match="ins" mode="inline">[+<xsl:apply-templates mode="inline"/>+]</xsl:template>
  <xsl:template match="del" mode="inline">[-<xsl:apply-templates mode="inline"/>-]</xsl:template>

  <!--
    Writes $text wrapped at $width: each of its lines (split at line feeds)
    is wrapped separately; the first output line starts with $first, the
    others with $indent.
  -->
  <xsl:template name="wrap-lines">
    <xsl:param name="text"/>
    <xsl:param name="first" select="''"/>
    <xsl:param name="indent" select="''"/>
    <xsl:variable name="t" select="string($text)"/>
    <xsl:variable name="head">
      <xsl:choose>
        <xsl:when test="contains($t, $nl)"><xsl:value-of select="substring-before($t, $nl)"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$t"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="wrap">
      <xsl:with-param name="rest" select="normalize-space($head)"/>
      <xsl:with-param name="line" select="$first"/>
      <xsl:with-param name="fresh" select="true()"/>
      <xsl:with-param name="indent" select="$indent"/>
    </xsl:call-template>
    <xsl:if test="contains($t, $nl)">
      <xsl:call-template name="wrap-lines">
        <xsl:with-param name="text" select="substring-after($t, $nl)"/>
        <xsl:with-param name="first" select="$indent"/>
        <xsl:with-param name="indent" select="$indent"/>
      </xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- Word by word: $line is the line being built, $fresh while it has no word yet. -->
  <xsl:template name="wrap">
    <xsl:param name="rest"/>
    <xsl:param name="line"/>
    <xsl:param name="fresh"/>
    <xsl:param name="indent"/>
    <xsl:variable name="word" select="substring-before(concat($rest, ' '), ' ')"/>
    <xsl:variable name="after" select="substring-after($rest, ' ')"/>
    <xsl:choose>
      <xsl:when test="$rest = '' and substring($line, string-length($line)) = ' '">
        <xsl:value-of select="concat(substring($line, 1, string-length($line) - 1), $nl)"/>
      </xsl:when>
      <xsl:when test="$rest = ''">
        <xsl:value-of select="concat($line, $nl)"/>
      </xsl:when>
      <xsl:when test="$fresh and normalize-space($line) != ''
                      and string-length($line) + string-length($word) &gt; $width">
        <!-- A prefix (key) too long to share its line with the first word. -->
        <xsl:value-of select="concat(substring($line, 1, string-length($line) - 1), $nl)"/>
        <xsl:call-template name="wrap">
          <xsl:with-param name="rest" select="$after"/>
          <xsl:with-param name="line" select="concat($indent, $word)"/>
          <xsl:with-param name="fresh" select="false()"/>
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$fresh">
        <xsl:call-template name="wrap">
          <xsl:with-param name="rest" select="$after"/>
          <xsl:with-param name="line" select="concat($line, $word)"/>
          <xsl:with-param name="fresh" select="false()"/>
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($line) + 1 + string-length($word) &lt;= $width">
        <xsl:call-template name="wrap">
          <xsl:with-param name="rest" select="$after"/>
          <xsl:with-param name="line" select="concat($line, ' ', $word)"/>
          <xsl:with-param name="fresh" select="false()"/>
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($line, $nl)"/>
        <xsl:call-template name="wrap">
          <xsl:with-param name="rest" select="$after"/>
          <xsl:with-param name="line" select="concat($indent, $word)"/>
          <xsl:with-param name="fresh" select="false()"/>
          <xsl:with-param name="indent" select="$indent"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
