<?xml version="1.0" encoding="UTF-8"?>
<!--
  html.xsl - a layout document (templates/layout.rng) as one standalone
  HTML5 page: UTF-8, lang="sv", a small embedded style sheet, the running
  header and footer at the top and bottom, signature blocks as boxes with
  lines to sign on.  All text is copied as text (escaped), never as markup.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:str="http://exslt.org/strings" exclude-result-prefixes="str">
  <xsl:output method="html" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="not(document)">
      <xsl:message terminate="yes">html.xsl: the input is not a layout document</xsl:message>
    </xsl:if>
    <xsl:text disable-output-escaping="yes">&lt;!DOCTYPE html&gt;&#10;</xsl:text>
    <xsl:apply-templates select="document"/>
  </xsl:template>

  <xsl:template match="document">
    <html lang="sv">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:choose>
            <xsl:when test="normalize-space(@title) != ''"><xsl:value-of select="normalize-space(@title)"/></xsl:when>
            <xsl:otherwise>Överens</xsl:otherwise>
          </xsl:choose>
        </title>
        <xsl:if test="normalize-space(@author) != ''">
          <meta name="author" content="{normalize-space(@author)}"/>
        </xsl:if>
        <xsl:if test="normalize-space(@subject) != ''">
          <meta name="description" content="{normalize-space(@subject)}"/>
        </xsl:if>
        <xsl:if test="normalize-space(@keywords) != ''">
          <meta name="keywords" content="{normalize-space(@keywords)}"/>
        </xsl:if>
        <style>
body { font-family: "DejaVu Sans", Verdana, sans-serif; font-size: 11pt; line-height: 1.45;
       max-width: 50em; margin: 2em auto; padding: 0 1em; color: #111; }
header.running, footer.running { display: flex; justify-content: space-between; gap: 2em;
       font-size: 9pt; color: #555; }
header.running { border-bottom: 1px solid #bbb; padding-bottom: .3em; margin-bottom: 1.5em; }
footer.running { border-top: 1px solid #bbb; padding-top: .3em; margin-top: 2em; }
h1 { font-size: 16pt; } h2 { font-size: 13pt; } h3 { font-size: 11pt; }
p.justify { text-align: justify; } p.left { text-align: left; }
p.center { text-align: center; } p.right { text-align: right; }
p.small { font-size: 8.5pt; } p.large { font-size: 12pt; }
table.grid { border-collapse: collapse; width: 100%; margin: .5em 0 1em; }
table.grid th, table.grid td { border: 1px solid #999; padding: .25em .4em; text-align: left;
       vertical-align: top; }
table.grid thead th { background: #eee; }
dl.kv { display: grid; grid-template-columns: minmax(8em, 30%) 1fr; gap: .2em 1em; margin: .5em 0 1em; }
dl.kv dt { font-weight: bold; } dl.kv dd { margin: 0; }
div.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1.5em; margin: 1.5em 0; }
div.signature { border: 1px solid #777; padding: .8em 1em; break-inside: avoid; }
div.signature p { margin: .2em 0; }
div.signature .party { font-weight: bold; }
div.signature .blank { display: inline-block; min-width: 10em; border-bottom: 1px solid #333; }
div.signature .sign { height: 3em; border-bottom: 1px solid #333; margin-bottom: .3em; }
hr.pagebreak { border: none; border-top: 1px dashed #ccc; margin: 2em 0; break-after: page; }
div.spacer { height: 1em; }
ins { text-decoration: underline; color: #05622e; } del { text-decoration: line-through; color: #a00; }
div.watermark { border: 2px solid #b00; color: #b00; font-weight: bold; letter-spacing: .3em;
       text-align: center; padding: .3em; margin-bottom: 1em; }
@media print { hr.pagebreak { border: none; margin: 0; }
       div.watermark { position: fixed; top: 45%; left: 0; right: 0; border: none; z-index: -1;
       color: #ddd; font-size: 90pt; transform: rotate(-55deg); } }
        </style>
      </head>
      <body>
        <xsl:if test="normalize-space(@watermark) != ''">
          <div class="watermark" role="note"><xsl:value-of select="normalize-space(@watermark)"/></div>
        </xsl:if>
        <xsl:apply-templates select="header"/>
        <main>
          <xsl:apply-templates select="*[not(self::header or self::footer)]"/>
        </main>
        <xsl:apply-templates select="footer"/>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="header">
    <header class="running">
      <span><xsl:value-of select="@left"/></span>
      <span><xsl:value-of select="@right"/></span>
    </header>
  </xsl:template>

  <xsl:template match="footer">
    <footer class="running">
      <span><xsl:value-of select="@left"/></span>
    </footer>
  </xsl:template>

  <xsl:template match="h1 | h2 | h3">
    <xsl:element name="{local-name()}">
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <xsl:template match="p">
    <p>
      <xsl:if test="@align or @size">
        <xsl:attribute name="class">
          <xsl:value-of select="normalize-space(concat(@align, ' ', @size))"/>
        </xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </p>
  </xsl:template>

  <xsl:template match="b"><b><xsl:apply-templates/></b></xsl:template>
  <xsl:template match="i"><i><xsl:apply-templates/></i></xsl:template>
  <xsl:template match="ins"><ins><xsl:apply-templates/></ins></xsl:template>
  <xsl:template match="del"><del><xsl:apply-templates/></del></xsl:template>
  <xsl:template match="br"><br/></xsl:template>

  <xsl:template match="list">
    <xsl:choose>
      <xsl:when test="@kind = 'number'">
        <ol><xsl:apply-templates select="item"/></ol>
      </xsl:when>
      <xsl:otherwise>
        <ul><xsl:apply-templates select="item"/></ul>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="list/item"><li><xsl:apply-templates/></li></xsl:template>

  <xsl:template match="table">
    <xsl:variable name="widths" select="str:tokenize(normalize-space(@widths), ' ')"/>
    <xsl:variable name="ncols" select="count((thead/row | row)[1]/cell)"/>
    <xsl:variable name="total" select="sum($widths)"/>
    <table class="grid">
      <xsl:if test="count($widths) = $ncols and $total &gt; 0">
        <colgroup>
          <xsl:for-each select="$widths">
            <col style="width: {format-number(. * 100 div $total, '0.##')}%"/>
          </xsl:for-each>
        </colgroup>
      </xsl:if>
      <xsl:if test="thead">
        <thead>
          <xsl:for-each select="thead/row">
            <tr>
              <xsl:for-each select="cell"><th><xsl:apply-templates/></th></xsl:for-each>
            </tr>
          </xsl:for-each>
        </thead>
      </xsl:if>
      <tbody>
        <xsl:for-each select="row">
          <tr>
            <xsl:for-each select="cell"><td><xsl:apply-templates/></td></xsl:for-each>
          </tr>
        </xsl:for-each>
      </tbody>
    </table>
  </xsl:template>

  <xsl:template match="kv">
    <dl class="kv">
      <xsl:for-each select="item">
        <dt><xsl:value-of select="@key"/></dt>
        <dd><xsl:apply-templates/></dd>
      </xsl:for-each>
    </dl>
  </xsl:template>

  <xsl:template match="signatures">
    <div class="signatures">
      <xsl:for-each select="signature">
        <div class="signature" id="{concat('underskrift-', @id)}">
          <p class="party"><xsl:value-of select="@party"/></p>
          <p>
            <xsl:text>Ort: </xsl:text>
            <xsl:call-template name="fill"><xsl:with-param name="value" select="@place"/></xsl:call-template>
          </p>
          <p>
            <xsl:text>Datum: </xsl:text>
            <xsl:call-template name="fill"><xsl:with-param name="value" select="@date"/></xsl:call-template>
          </p>
          <div class="sign"></div>
          <p class="name"><xsl:value-of select="@name"/></p>
          <p class="title"><xsl:value-of select="@title"/></p>
        </div>
      </xsl:for-each>
    </div>
  </xsl:template>

  <!-- A filled-in value, or a blank line to write on. -->
  <xsl:template name="fill">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="normalize-space($value) != ''"><xsl:value-of select="$value"/></xsl:when>
      <xsl:otherwise><span class="blank">&#160;</span></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="pagebreak"><hr class="pagebreak"/></xsl:template>
  <xsl:template match="spacer"><div class="spacer"></div></xsl:template>
</xsl:stylesheet>
