<?xml version="1.0" encoding="UTF-8"?>
<!--
  page.xsl - the web interface's HTML, from the page model that the server
  builds for each request (web/page.c): <page title section user csrf> with
  one view element below it (home, agreement, step-form, sign-form,
  documents, history, change, verify-form, verify-report, new-form,
  calendar, admin, login) and any <notice kind="ok|error|info">.
  Plain forms that work without JavaScript; every field has a label; an
  error is announced next to its field (aria-describedby, role="alert").
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>

  <xsl:variable name="csrf" select="/page/@csrf"/>

  <xsl:template match="/page">
    <html lang="sv">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title><xsl:value-of select="@title"/> – Överens</title>
        <link rel="stylesheet" href="/stil.css"/>
        <script src="/app.js" defer="defer"></script>
      </head>
      <body>
        <a class="skip" href="#main">Hoppa till innehållet</a>
        <header class="top">
          <a class="brand" href="/mina">Överens</a>
          <xsl:if test="@user">
            <nav aria-label="Huvudmeny">
              <ul>
                <li><a href="/mina"><xsl:if test="@section='mina'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Mina avtal</a></li>
                <li><a href="/nytt"><xsl:if test="@section='nytt'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Nytt avtal</a></li>
                <li><a href="/granska"><xsl:if test="@section='granska'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Granska PDF</a></li>
                <li><a href="/kalender"><xsl:if test="@section='kalender'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Årshjul</a></li>
                <li><a href="/admin"><xsl:if test="@section='admin'"><xsl:attribute name="aria-current">page</xsl:attribute></xsl:if>Administration</a></li>
              </ul>
            </nav>
            <form class="logout" method="post" action="/logout">
              <xsl:call-template name="csrf"/>
              <span class="who" id="inloggad"><xsl:value-of select="@user"/></span>
              <button type="submit">Logga ut</button>
            </form>
          </xsl:if>
        </header>
        <main id="main" tabindex="-1">
          <h1><xsl:value-of select="@title"/></h1>
          <xsl:apply-templates select="notice"/>
          <xsl:apply-templates select="*[not(self::notice)]"/>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template name="csrf">
    <input type="hidden" name="csrf" value="{$csrf}"/>
  </xsl:template>

  <xsl:template match="notice">
    <div class="notice {@kind}">
      <xsl:choose>
        <xsl:when test="@kind='error'"><xsl:attribute name="role">alert</xsl:attribute></xsl:when>
        <xsl:otherwise><xsl:attribute name="role">status</xsl:attribute></xsl:otherwise>
      </xsl:choose>
      <xsl:call-template name="lines"><xsl:with-param name="text" select="."/></xsl:call-template>
    </div>
  </xsl:template>

  <!-- Text with line breaks kept (engine messages list what is missing, one a line). -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <xsl:call-template name="plain"><xsl:with-param name="text" select="substring-before($text, '&#10;')"/></xsl:call-template><br/>
        <xsl:call-template name="lines"><xsl:with-param name="text" select="substring-after($text, '&#10;')"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="plain"><xsl:with-param name="text" select="$text"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A missing item without the command-line hint the engine adds for the tool's users. -->
  <xsl:template name="plain">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, ' (overens ')"><xsl:value-of select="substring-before($text, ' (overens ')"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== login ===== -->
  <xsl:template match="login">
    <form class="card narrow" method="post" action="/login">
      <xsl:call-template name="csrf"/>
      <p><label for="email">E-postadress</label>
        <input id="email" name="email" type="email" autocomplete="username" required="required" value="{@email}"/></p>
      <p><label for="password">Lösenord</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required="required"/></p>
      <p><button type="submit">Logga in</button></p>
    </form>
  </xsl:template>

  <!-- ===== start page ===== -->
  <xsl:template match="home">
    <p class="lead"><xsl:value-of select="@name"/>, <xsl:value-of select="@org"/>. Dagens datum <xsl:value-of select="@today"/>.</p>
    <section aria-labelledby="h-todo">
      <h2 id="h-todo">Att göra</h2>
      <xsl:choose>
        <xsl:when test="todo/step">
          <ul class="todo">
            <xsl:for-each select="todo/step">
              <li>
                <a href="/avtal/{@agreement}/steg/{@event}"><xsl:value-of select="@label"/></a>
                i <a href="/avtal/{@agreement}"><xsl:value-of select="@agreement"/></a>
                <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@title"/></span>
                <xsl:if test="@missing &gt; 0"> – saknas: <xsl:call-template name="plain"><xsl:with-param name="text" select="@first-missing"/></xsl:call-template>
                  <xsl:if test="@missing &gt; 1"> (och <xsl:value-of select="@missing - 1"/> till)</xsl:if>
                </xsl:if>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p>Inget steg väntar på dig just nu.</p></xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="h-mina">
      <h2 id="h-mina">
        <xsl:choose><xsl:when test="@all">Alla avtal</xsl:when><xsl:otherwise>Mina avtal</xsl:otherwise></xsl:choose>
        (<xsl:value-of select="@total"/>)</h2>
      <xsl:if test="@may-list-all">
        <p><xsl:choose>
          <xsl:when test="@all"><a href="/mina">Visa bara min organisations avtal</a></xsl:when>
          <xsl:otherwise><a href="/mina?alla=1">Visa alla avtal i arbetsytan</a></xsl:otherwise>
        </xsl:choose></p>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="agreements/agreement">
          <div class="scroll"><table class="list">
            <thead><tr><th scope="col">Avtal</th><th scope="col">Fas</th><th scope="col">Saknas före nästa steg</th><th scope="col">Nästa datum</th></tr></thead>
            <tbody>
              <xsl:for-each select="agreements/agreement">
                <tr>
                  <td><a href="/avtal/{@id}"><xsl:value-of select="@id"/></a><br/><xsl:value-of select="@title"/></td>
                  <td><xsl:value-of select="@phase-label"/></td>
                  <td><xsl:choose>
                    <xsl:when test="@missing &gt; 0"><xsl:call-template name="plain"><xsl:with-param name="text" select="@missing-first"/></xsl:call-template>
                      <xsl:if test="@missing &gt; 1"> (och <xsl:value-of select="@missing - 1"/> till)</xsl:if></xsl:when>
                    <xsl:when test="@next-step">Inget – <xsl:value-of select="@next-step"/> kan tas</xsl:when>
                    <xsl:otherwise>–</xsl:otherwise>
                  </xsl:choose></td>
                  <td><xsl:value-of select="@next-date"/><xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@next-label"/></span></td>
                </tr>
              </xsl:for-each>
            </tbody>
          </table></div>
          <xsl:if test="@total &gt; @page-rows">
            <nav class="pages" aria-label="Sidor">
              <xsl:if test="@from &gt; 0"><a href="/mina?sida={floor(@from div @page-rows) - 1}{substring('&amp;alla=1', 1, 8 * boolean(@all))}">Föregående</a></xsl:if>
              <xsl:text> </xsl:text>
              <xsl:if test="@from + @page-rows &lt; @total"><a href="/mina?sida={floor(@from div @page-rows) + 1}{substring('&amp;alla=1', 1, 8 * boolean(@all))}">Nästa</a></xsl:if>
            </nav>
          </xsl:if>
        </xsl:when>
        <xsl:otherwise><p>Inga avtal ännu. <a href="/nytt">Starta ett nytt avtal.</a></p></xsl:otherwise>
      </xsl:choose>
    </section>
    <section aria-labelledby="h-due">
      <h2 id="h-due">Förfaller (till och med <xsl:value-of select="due/@until"/>)</h2>
      <xsl:choose>
        <xsl:when test="due/date">
          <ul class="dates">
            <xsl:for-each select="due/date">
              <li><time datetime="{@date}"><xsl:value-of select="@date"/></time>
                <xsl:text> </xsl:text><xsl:value-of select="@label"/> –
                <a href="/avtal/{@agreement}"><xsl:value-of select="@agreement"/></a>
                <xsl:text> </xsl:text><span class="muted"><xsl:value-of select="@title"/></span></li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p>Inget förfaller de närmaste 90 dagarna.</p></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- ===== one agreement ===== -->
  <xsl:template name="agreement-nav">
    <xsl:param name="id"/>
    <nav class="sub" aria-label="Avtalet">
      <a href="/avtal/{$id}">Översikt</a>
      <a href="/avtal/{$id}/dokument">Dokument</a>
      <a href="/avtal/{$id}/historik">Historik</a>
    </nav>
  </xsl:template>

  <xsl:template match="agreement">
    <xsl:call-template name="agreement-nav"><xsl:with-param name="id" select="@id"/></xsl:call-template>
    <dl class="facts">
      <dt>Avtal</dt><dd><xsl:value-of select="@id"/> (version <xsl:value-of select="@version"/>)</dd>
      <xsl:if test="@version &gt; 1">
        <dt>Ändringar</dt>
        <dd><xsl:call-template name="redlines"><xsl:with-param name="id" select="@id"/><xsl:with-param name="n" select="@version"/></xsl:call-template></dd>
      </xsl:if>
      <dt>Fas</dt><dd id="fas"><xsl:value-of select="@phase-label"/><xsl:if test="@since"> sedan <xsl:value-of select="@since"/></xsl:if></dd>
      <dt>Arbetsgång</dt><dd><xsl:value-of select="@workflow"/></dd>
    </dl>
    <section aria-labelledby="h-parter">
      <h2 id="h-parter">Parter</h2>
      <ul class="parties">
        <xsl:for-each select="parties/party">
          <li><strong><xsl:value-of select="@name"/><xsl:if test="@unit">, <xsl:value-of select="@unit"/></xsl:if></strong> (<xsl:value-of select="@role"/>, <xsl:value-of select="@orgnr"/>)
            <xsl:if test="@own"> – din organisation</xsl:if>
            <xsl:if test="@decision">; beslut: <xsl:value-of select="@decision"/></xsl:if>
            <xsl:if test="@signed-on">; undertecknat <xsl:value-of select="@signed-on"/></xsl:if></li>
        </xsl:for-each>
      </ul>
    </section>
    <section aria-labelledby="h-steg">
      <h2 id="h-steg">Steg i den här fasen</h2>
      <xsl:choose>
        <xsl:when test="steps/step">
          <ul class="steps">
            <xsl:for-each select="steps/step">
              <li class="step">
                <xsl:choose>
                  <xsl:when test="@may"><a class="button" href="/avtal/{../../@id}/steg/{@event}"><xsl:value-of select="@label"/></a></xsl:when>
                  <xsl:otherwise><strong><xsl:value-of select="@label"/></strong></xsl:otherwise>
                </xsl:choose>
                <span class="muted"> Får tas av: <xsl:call-template name="roles"><xsl:with-param name="list" select="@roles"/></xsl:call-template><xsl:if test="@party-own"> (för den egna parten)</xsl:if></span>
                <xsl:if test="@denied"><br/><span class="muted"><xsl:value-of select="@denied"/></span></xsl:if>
                <xsl:choose>
                  <xsl:when test="missing">
                    <p>Saknas innan steget kan tas:</p>
                    <ul class="missing"><xsl:for-each select="missing"><li><xsl:call-template name="plain"><xsl:with-param name="text" select="."/></xsl:call-template></li></xsl:for-each></ul>
                  </xsl:when>
                  <xsl:otherwise><p class="ready">Inget saknas.</p></xsl:otherwise>
                </xsl:choose>
              </li>
            </xsl:for-each>
          </ul>
        </xsl:when>
        <xsl:otherwise><p>Fasen har inga fler steg.</p></xsl:otherwise>
      </xsl:choose>
    </section>
    <xsl:if test="dates/date">
      <section aria-labelledby="h-datum">
        <h2 id="h-datum">Kommande datum</h2>
        <ul class="dates"><xsl:for-each select="dates/date">
          <li><time datetime="{@date}"><xsl:value-of select="@date"/></time><xsl:text> </xsl:text><xsl:value-of select="@label"/></li>
        </xsl:for-each></ul>
      </section>
    </xsl:if>
    <xsl:apply-templates select="form"/>
  </xsl:template>

  <xsl:template match="form">
    <section aria-labelledby="h-fragor">
      <h2 id="h-fragor">Uppgifter i avtalet</h2>
      <xsl:for-each select="phase">
        <details id="fas-{@id}">
          <xsl:if test="@open"><xsl:attribute name="open">open</xsl:attribute></xsl:if>
          <summary><xsl:value-of select="@label"/><xsl:if test="@current"> (nuvarande fas)</xsl:if></summary>
          <form method="post" action="/avtal/{../../@id}/falt">
            <xsl:call-template name="csrf"/>
            <input type="hidden" name="phase" value="{@id}"/>
            <xsl:apply-templates select="field"/>
            <xsl:if test="field[@editable]"><p><button type="submit">Spara svaren</button></p></xsl:if>
          </form>
        </details>
      </xsl:for-each>
    </section>
  </xsl:template>

  <xsl:template match="field">
    <xsl:variable name="fid" select="concat('f-', translate(@name, '.', '-'))"/>
    <div class="field">
      <xsl:if test="error"><xsl:attribute name="class">field invalid</xsl:attribute></xsl:if>
      <label for="{$fid}"><xsl:value-of select="question"/>
        <span class="muted"> (<xsl:value-of select="@label"/>)</span></label>
      <xsl:if test="help"><p class="help" id="{$fid}-hjalp"><xsl:value-of select="help"/></p></xsl:if>
      <xsl:if test="@type='list' and value"><ul class="items"><xsl:call-template name="items"><xsl:with-param name="text" select="value"/></xsl:call-template></ul></xsl:if>
      <xsl:choose>
        <xsl:when test="not(@editable)">
          <xsl:if test="@type!='list'"><p class="value" id="{$fid}"><xsl:value-of select="value"/><xsl:if test="not(value)"><span class="muted">Inte ifyllt</span></xsl:if></p></xsl:if>
        </xsl:when>
        <xsl:when test="@type='text' and string-length(value) &gt; 60 or @type='longtext'">
          <textarea id="{$fid}" name="f:{@name}" rows="4">
            <xsl:call-template name="described"/>
            <xsl:value-of select="value"/></textarea>
        </xsl:when>
        <xsl:when test="@type='text'">
          <textarea id="{$fid}" name="f:{@name}" rows="2">
            <xsl:call-template name="described"/>
            <xsl:value-of select="value"/></textarea>
        </xsl:when>
        <xsl:when test="choice">
          <select id="{$fid}" name="f:{@name}">
            <xsl:call-template name="described"/>
            <option value="">–</option>
            <xsl:for-each select="choice">
              <option value="{@value}"><xsl:if test="@value = ../value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@label"/></option>
            </xsl:for-each>
          </select>
        </xsl:when>
        <xsl:when test="@type='list'">
          <input id="{$fid}" name="f:{@name}" type="text" placeholder="Lägg till en rad">
            <xsl:call-template name="described"/>
            <xsl:if test="error"><xsl:attribute name="value"><xsl:value-of select="value"/></xsl:attribute></xsl:if>
          </input>
        </xsl:when>
        <xsl:otherwise>
          <input id="{$fid}" name="f:{@name}" value="{value}">
            <xsl:attribute name="type"><xsl:choose><xsl:when test="@type='date'">date</xsl:when><xsl:when test="@type='count'">number</xsl:when><xsl:otherwise>text</xsl:otherwise></xsl:choose></xsl:attribute>
            <xsl:if test="@type='count'"><xsl:attribute name="min">0</xsl:attribute></xsl:if>
            <xsl:call-template name="described"/>
          </input>
        </xsl:otherwise>
      </xsl:choose>
      <xsl:if test="error"><p class="error" role="alert" id="{$fid}-fel"><xsl:value-of select="error"/></p></xsl:if>
    </div>
  </xsl:template>

  <xsl:template name="described">
    <xsl:variable name="fid" select="concat('f-', translate(@name, '.', '-'))"/>
    <xsl:if test="help or error">
      <xsl:attribute name="aria-describedby"><xsl:if test="help"><xsl:value-of select="$fid"/>-hjalp </xsl:if><xsl:if test="error"><xsl:value-of select="$fid"/>-fel</xsl:if></xsl:attribute>
    </xsl:if>
    <xsl:if test="error"><xsl:attribute name="aria-invalid">true</xsl:attribute></xsl:if>
  </xsl:template>

  <xsl:template name="items">
    <xsl:param name="text"/>
    <xsl:choose>
      <xsl:when test="contains($text, '&#10;')">
        <li><xsl:value-of select="substring-before($text, '&#10;')"/></li>
        <xsl:call-template name="items"><xsl:with-param name="text" select="substring-after($text, '&#10;')"/></xsl:call-template>
      </xsl:when>
      <xsl:when test="string-length($text)"><li><xsl:value-of select="$text"/></li></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== a step ===== -->
  <xsl:template name="step-head">
    <p><a href="/avtal/{@agreement}">← <xsl:value-of select="@agreement"/></a> · <xsl:value-of select="@title"/> · fas: <xsl:value-of select="@phase-label"/></p>
    <h2 id="h-step"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="@event"/></xsl:if></h2>
    <xsl:if test="@roles"><p class="muted">Får tas av: <xsl:call-template name="roles"><xsl:with-param name="list" select="@roles"/></xsl:call-template></p></xsl:if>
    <xsl:if test="@denied"><p class="notice info" role="status"><xsl:value-of select="@denied"/></p></xsl:if>
    <xsl:if test="missing">
      <div class="missing-box"><p>Saknas innan steget kan tas:</p>
        <ul class="missing"><xsl:for-each select="missing"><li><xsl:call-template name="plain"><xsl:with-param name="text" select="."/></xsl:call-template></li></xsl:for-each></ul></div>
    </xsl:if>
  </xsl:template>

  <xsl:template match="step-form">
    <xsl:call-template name="step-head"/>
    <form method="post" action="/avtal/{@agreement}/steg/{@event}" aria-labelledby="h-step">
      <xsl:call-template name="csrf"/>
      <xsl:for-each select="input">
        <xsl:variable name="iid" select="concat('in-', translate(@name, '.:', '--'))"/>
        <div class="field">
          <xsl:choose>
            <xsl:when test="@type='yesno'">
              <label><input type="checkbox" id="{$iid}" name="in:{@name}" value="yes"><xsl:if test="@value='yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if></input>
                <xsl:text> </xsl:text><xsl:value-of select="@label"/></label>
            </xsl:when>
            <xsl:otherwise>
              <label for="{$iid}"><xsl:value-of select="@label"/><xsl:if test="@required"> (måste fyllas i)</xsl:if></label>
              <xsl:choose>
                <xsl:when test="@type='choice' or @type='party'">
                  <select id="{$iid}" name="in:{@name}">
                    <xsl:if test="@required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
                    <xsl:if test="not(@required)"><option value="">–</option></xsl:if>
                    <xsl:for-each select="choice">
                      <option value="{@value}"><xsl:if test="@value = ../@value"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@label"/></option>
                    </xsl:for-each>
                  </select>
                </xsl:when>
                <xsl:when test="@type='longtext'">
                  <textarea id="{$iid}" name="in:{@name}" rows="3"><xsl:if test="@required"><xsl:attribute name="required">required</xsl:attribute></xsl:if><xsl:value-of select="@value"/></textarea>
                </xsl:when>
                <xsl:otherwise>
                  <input id="{$iid}" name="in:{@name}" value="{@value}">
                    <xsl:attribute name="type"><xsl:choose><xsl:when test="@type='date'">date</xsl:when><xsl:otherwise>text</xsl:otherwise></xsl:choose></xsl:attribute>
                    <xsl:if test="@required"><xsl:attribute name="required">required</xsl:attribute></xsl:if>
                  </input>
                </xsl:otherwise>
              </xsl:choose>
            </xsl:otherwise>
          </xsl:choose>
        </div>
      </xsl:for-each>
      <div class="field">
        <label for="in-date">Datum för steget</label>
        <input id="in-date" name="date" type="date" value="{@date}"/>
        <p class="help">Lämna tomt för dagens datum (<xsl:value-of select="@today"/>); ange ett tidigare datum för ett beslut som redan är fattat.</p>
      </div>
      <p><button type="submit">Registrera: <xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="@event"/></xsl:if></button></p>
    </form>
  </xsl:template>

  <xsl:template match="sign-form">
    <xsl:call-template name="step-head"/>
    <xsl:choose>
      <xsl:when test="party">
        <form method="post" action="/avtal/{@agreement}/underteckna" enctype="multipart/form-data" aria-labelledby="h-step">
          <xsl:call-template name="csrf"/>
          <div class="field"><label for="sign-party">Part du undertecknar för</label>
            <select id="sign-party" name="party">
              <xsl:for-each select="party"><option value="{@role}"><xsl:value-of select="@name"/><xsl:if test="@signed-on"> (undertecknat <xsl:value-of select="@signed-on"/>)</xsl:if></option></xsl:for-each>
            </select></div>
          <div class="field"><label for="sign-p12">Din e-legitimation som fil (PKCS#12, .p12 eller .pfx)</label>
            <input id="sign-p12" name="p12" type="file" accept=".p12,.pfx,application/x-pkcs12" required="required"/>
            <p class="help">Filen används bara för den här underskriften, i minnet, och sparas aldrig.</p></div>
          <div class="field"><label for="sign-password">Lösenord till filen</label>
            <input id="sign-password" name="password" type="password" autocomplete="off"/></div>
          <p><button type="submit">Underteckna digitalt</button></p>
        </form>
      </xsl:when>
      <xsl:otherwise><p>Du kan inte underteckna för någon av parterna.</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== documents ===== -->
  <xsl:template match="documents">
    <xsl:call-template name="agreement-nav"><xsl:with-param name="id" select="@agreement"/></xsl:call-template>
    <xsl:variable name="id" select="@agreement"/>
    <section aria-labelledby="h-dok">
      <h2 id="h-dok">Dokument</h2>
      <ul class="docs">
        <li>Avtalet, som det ser ut nu: <a href="/avtal/{$id}/dokument/agreement.pdf">PDF</a> · <a href="/avtal/{$id}/dokument/agreement.html">HTML</a> · <a href="/avtal/{$id}/dokument/agreement.txt">text</a></li>
        <xsl:call-template name="versions"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="@version"/></xsl:call-template>
        <xsl:if test="@signed"><li><strong><a href="/avtal/{$id}/undertecknad.pdf">Det undertecknade avtalet (PDF)</a></strong></li></xsl:if>
        <xsl:for-each select="party[@decided]">
          <li>Protokollsutdrag, <xsl:value-of select="@name"/>: <a href="/avtal/{$id}/dokument/decision.pdf?part={@role}">PDF</a></li>
        </xsl:for-each>
        <li>Behovskartläggning: <a href="/avtal/{$id}/dokument/needs.pdf">PDF</a></li>
        <li>Senaste uppföljningen: <a href="/avtal/{$id}/dokument/followup.pdf">PDF</a></li>
        <li>Senaste ändringen: <a href="/avtal/{$id}/dokument/amendment.pdf">PDF</a></li>
        <li>Uppsägning: <a href="/avtal/{$id}/dokument/termination.pdf">PDF</a></li>
        <li>Årshjul: <a href="/avtal/{$id}/kalender.ics">.ics</a> · <a href="/avtal/{$id}/dokument/calendar.pdf">PDF</a></li>
      </ul>
    </section>
    <section aria-labelledby="h-forhands">
      <h2 id="h-forhands">Förhandsvisning</h2>
      <iframe class="preview" title="Avtalet som HTML" src="/avtal/{$id}/forhandsvisning"></iframe>
    </section>
  </xsl:template>

  <xsl:template name="versions">
    <xsl:param name="id"/><xsl:param name="n"/><xsl:param name="i" select="1"/>
    <xsl:if test="$i &lt;= $n">
      <li>Version <xsl:value-of select="$i"/>: <a href="/avtal/{$id}/dokument/agreement.pdf?version={$i}">PDF</a> · <a href="/avtal/{$id}/forhandsvisning?version={$i}">HTML</a></li>
      <xsl:call-template name="versions"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="$n"/><xsl:with-param name="i" select="$i + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- A link to the redline of each version against the one before it. -->
  <xsl:template name="redlines">
    <xsl:param name="id"/><xsl:param name="n"/><xsl:param name="i" select="2"/>
    <xsl:if test="$i &lt;= $n">
      <xsl:if test="$i &gt; 2"> · </xsl:if>
      <a class="redline" href="/avtal/{$id}/andringar?fran={$i - 1}&amp;till={$i}">version <xsl:value-of select="$i - 1"/> → <xsl:value-of select="$i"/></a>
      <xsl:call-template name="redlines"><xsl:with-param name="id" select="$id"/><xsl:with-param name="n" select="$n"/><xsl:with-param name="i" select="$i + 1"/></xsl:call-template>
    </xsl:if>
  </xsl:template>

  <!-- ===== history ===== -->
  <xsl:template match="history">
    <xsl:call-template name="agreement-nav"><xsl:with-param name="id" select="@agreement"/></xsl:call-template>
    <ol class="timeline">
      <xsl:for-each select="event">
        <li>
          <p><time datetime="{@date}"><xsl:value-of select="@date"/></time> ·
            <strong data-event="{@event}"><xsl:call-template name="event"><xsl:with-param name="e" select="@event"/></xsl:call-template></strong> ·
            <xsl:value-of select="@actor-name"/> &lt;<xsl:value-of select="@actor"/>&gt;
            <xsl:if test="@phase-from != @phase-to and not(starts-with(@phase-from, '-'))"> · fas <xsl:value-of select="@phase-from"/> → <xsl:value-of select="@phase-to"/></xsl:if></p>
          <p><xsl:value-of select="summary"/></p>
          <xsl:if test="changes"><pre class="changes"><xsl:value-of select="changes"/></pre></xsl:if>
          <p class="muted"><a href="/avtal/{../@agreement}/historik/{@commit}">Jämför med versionen före</a> · commit <code><xsl:value-of select="@commit"/></code></p>
        </li>
      </xsl:for-each>
    </ol>
  </xsl:template>

  <xsl:template match="change">
    <xsl:call-template name="agreement-nav"><xsl:with-param name="id" select="@agreement"/></xsl:call-template>
    <p><xsl:value-of select="event/@date"/> · <strong><xsl:call-template name="event"><xsl:with-param name="e" select="event/@event"/></xsl:call-template></strong> · <xsl:value-of select="event/@actor-name"/></p>
    <p><xsl:value-of select="event/summary"/></p>
    <xsl:if test="event/changes"><pre class="changes"><xsl:value-of select="event/changes"/></pre></xsl:if>
    <div class="side-by-side">
      <section aria-labelledby="h-fore"><h2 id="h-fore">Före <xsl:if test="@previous"><code><xsl:value-of select="substring(@previous, 1, 12)"/></code></xsl:if></h2>
        <pre class="text"><xsl:value-of select="before"/></pre></section>
      <section aria-labelledby="h-efter"><h2 id="h-efter">Efter <code><xsl:value-of select="substring(event/@commit, 1, 12)"/></code></h2>
        <pre class="text"><xsl:value-of select="after"/></pre></section>
    </div>
  </xsl:template>

  <!-- ===== verification ===== -->
  <xsl:template match="verify-form">
    <form method="post" action="/granska" enctype="multipart/form-data" class="card">
      <xsl:call-template name="csrf"/>
      <div class="field"><label for="verify-pdf">PDF-fil att granska</label>
        <input id="verify-pdf" name="pdf" type="file" accept=".pdf,application/pdf" required="required"/></div>
      <p><button type="submit">Granska</button></p>
    </form>
  </xsl:template>

  <xsl:template match="verify-report">
    <section aria-labelledby="h-resultat">
      <h2 id="h-resultat">Resultat för <xsl:value-of select="@file"/></h2>
      <p class="verdict {@ok}" id="verdict"><xsl:choose>
        <xsl:when test="@ok='yes'">Giltigt: alla underskrifter håller och texten är densamma som i historiken.</xsl:when>
        <xsl:otherwise>Inte giltigt.</xsl:otherwise></xsl:choose></p>
      <dl class="facts">
        <dt>Avtal</dt><dd><xsl:value-of select="@agreement"/>, version <xsl:value-of select="@version"/></dd>
        <dt>Texten lika med versionen i historiken</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@xml-matches"/></xsl:call-template></dd>
        <dt>Alla parter har undertecknat</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@all-parties"/></xsl:call-template></dd>
        <dt>Historiken stämmer</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@history-ok"/></xsl:call-template></dd>
        <dt>Valideringsdata i filen (DSS)</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@dss"/></xsl:call-template></dd>
        <dt>Commit</dt><dd><code><xsl:value-of select="@commit"/></code></dd>
      </dl>
      <xsl:if test="problem"><ul class="missing"><xsl:for-each select="problem"><li><xsl:value-of select="."/></li></xsl:for-each></ul></xsl:if>
      <xsl:for-each select="signature">
        <article class="signature {@ok}">
          <h3><xsl:value-of select="@signer"/> för <xsl:value-of select="@party"/></h3>
          <dl class="facts">
            <dt>Giltig</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@ok"/></xsl:call-template></dd>
            <dt>Betrodd utfärdare</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@trusted"/></xsl:call-template></dd>
            <dt>Tid</dt><dd><xsl:value-of select="@time"/><xsl:if test="@timestamp"> (tidsstämpel <xsl:value-of select="@timestamp"/>)</xsl:if></dd>
            <xsl:if test="@level"><dt>Nivå (PAdES)</dt><dd><xsl:value-of select="@level"/></dd></xsl:if>
            <dt>Certifikat</dt><dd><xsl:value-of select="@subject"/></dd>
            <dt>Utfärdare</dt><dd><xsl:value-of select="@issuer"/></dd>
          </dl>
          <ul class="checks"><xsl:for-each select="check"><li class="{@ok}"><xsl:call-template name="yn"><xsl:with-param name="v" select="@ok"/></xsl:call-template>: <xsl:value-of select="."/></li></xsl:for-each></ul>
        </article>
      </xsl:for-each>
      <xsl:if test="stamp">
        <h3 id="h-tidsstamplar">Dokumenttidsstämplar (långtidsvalidering)</h3>
        <p>En dokumenttidsstämpel visar att filen med sina underskrifter och valideringsdata fanns vid
          den tiden. Den håller underskrifterna kontrollerbara efter att certifikaten har gått ut,
          så länge en ny stämpel läggs till innan den senastes certifikat går ut.</p>
        <xsl:for-each select="stamp">
          <article class="signature {@ok}">
            <h4><xsl:value-of select="@field"/></h4>
            <dl class="facts">
              <dt>Giltig</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@ok"/></xsl:call-template><xsl:if test="@problem">: <xsl:value-of select="@problem"/></xsl:if></dd>
              <dt>Tid</dt><dd><xsl:value-of select="@time"/></dd>
              <dt>Tidsstämpeltjänst</dt><dd><xsl:value-of select="@tsa"/></dd>
              <xsl:if test="@expires"><dt>Tjänstens certifikat gäller till</dt><dd><xsl:value-of select="@expires"/></dd></xsl:if>
              <xsl:if test="@ok='yes'"><dt>Bevisar fortfarande tiden</dt><dd><xsl:call-template name="yn"><xsl:with-param name="v" select="@live"/></xsl:call-template><xsl:if test="@lapsed">: <xsl:value-of select="@lapsed"/></xsl:if></dd></xsl:if>
            </dl>
          </article>
        </xsl:for-each>
      </xsl:if>
    </section>
  </xsl:template>

  <!-- The roles of the registry (official board …) in Swedish, comma-separated. -->
  <xsl:template name="roles">
    <xsl:param name="list"/>
    <xsl:variable name="l" select="normalize-space($list)"/>
    <xsl:variable name="first"><xsl:choose><xsl:when test="contains($l, ' ')"><xsl:value-of select="substring-before($l, ' ')"/></xsl:when><xsl:otherwise><xsl:value-of select="$l"/></xsl:otherwise></xsl:choose></xsl:variable>
    <xsl:choose>
      <xsl:when test="$first='official'">tjänsteperson</xsl:when>
      <xsl:when test="$first='board'">styrelse eller nämnd</xsl:when>
      <xsl:when test="$first='steering'">styrgrupp</xsl:when>
      <xsl:when test="$first='reviewer'">granskare</xsl:when>
      <xsl:when test="$first='signatory'">firmatecknare</xsl:when>
      <xsl:when test="$first='admin'">administratör</xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
    <xsl:if test="contains($l, ' ')">, <xsl:call-template name="roles"><xsl:with-param name="list" select="substring-after($l, ' ')"/></xsl:call-template></xsl:if>
  </xsl:template>

  <!-- An event of the history by its Swedish name (a workflow's own step keeps its name). -->
  <xsl:template name="event">
    <xsl:param name="e"/>
    <xsl:choose>
      <xsl:when test="$e='new'">Nytt avtal</xsl:when>
      <xsl:when test="$e='set'">Uppgift ändrad</xsl:when>
      <xsl:when test="$e='unset'">Uppgift borttagen</xsl:when>
      <xsl:when test="$e='import'">Uppgifter inlästa</xsl:when>
      <xsl:when test="$e='contact'">Första kontakt</xsl:when>
      <xsl:when test="$e='decide'">Beslut</xsl:when>
      <xsl:when test="$e='needs'">Behoven kartlagda</xsl:when>
      <xsl:when test="$e='assign'">Uppdraget beskrivet</xsl:when>
      <xsl:when test="$e='sign'">Undertecknat</xsl:when>
      <xsl:when test="$e='cancel-signing'">Undertecknandet avbrutet</xsl:when>
      <xsl:when test="$e='followup'">Uppföljning</xsl:when>
      <xsl:when test="$e='amend'">Ändring föreslagen</xsl:when>
      <xsl:when test="$e='approve'">Ändring godkänd</xsl:when>
      <xsl:when test="$e='terminate'">Uppsagt</xsl:when>
      <xsl:when test="$e='end'">Avslutat</xsl:when>
      <xsl:otherwise><xsl:value-of select="$e"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="yn"><xsl:param name="v"/><xsl:choose><xsl:when test="$v='yes'">Ja</xsl:when><xsl:otherwise>Nej</xsl:otherwise></xsl:choose></xsl:template>

  <!-- ===== a new agreement ===== -->
  <xsl:template match="new-form">
    <xsl:variable name="orgs" select="organisations/org"/>
    <xsl:variable name="subjects" select="subjects"/>
    <xsl:for-each select="workflows/workflow">
      <form method="post" action="/nytt" class="card">
        <xsl:call-template name="csrf"/>
        <h2><xsl:value-of select="@title"/></h2>
        <input type="hidden" name="workflow" value="{@id}"/>
        <div class="field"><label for="titel-{@id}">Rubrik (valfri)</label>
          <input id="titel-{@id}" name="title" type="text" value="{../../@title}"/></div>
        <xsl:if test="$subjects/subject">
          <div class="field"><label for="amne-{@id}">Ämne</label>
            <select id="amne-{@id}" name="subject">
              <option value="">Arbetsflödets standardämne</option>
              <xsl:for-each select="$subjects/subject"><option value="{@id}" title="{@description}"><xsl:if test="@id = $subjects/@chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@label"/></option></xsl:for-each>
            </select></div>
        </xsl:if>
        <xsl:for-each select="party">
          <div class="field"><label for="part-{../@id}-{@role}"><xsl:value-of select="@label"/><xsl:if test="not(@label)"><xsl:value-of select="@role"/></xsl:if></label>
            <select id="part-{../@id}-{@role}" name="part:{@role}">
              <option value="">Välj organisation</option>
              <xsl:variable name="chosen" select="@chosen"/>
              <xsl:for-each select="$orgs"><option value="{@orgnr}"><xsl:if test="@orgnr = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="@name"/> (<xsl:value-of select="@orgnr"/>)</option>
                <xsl:variable name="org" select="."/>
                <xsl:for-each select="unit"><option value="{$org/@orgnr}:{@name}"><xsl:if test="concat($org/@orgnr, ':', @name) = $chosen"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if><xsl:value-of select="$org/@name"/>, <xsl:value-of select="@name"/> (<xsl:value-of select="$org/@orgnr"/>)</option></xsl:for-each></xsl:for-each>
            </select></div>
        </xsl:for-each>
        <p><button type="submit">Starta avtalet</button></p>
      </form>
    </xsl:for-each>
  </xsl:template>

  <!-- ===== calendar ===== -->
  <xsl:template match="calendar">
    <p><a href="/kalender/arshjul.ics">Ladda ned årshjulet för din organisations avtal (.ics)</a></p>
    <xsl:if test="@feed">
      <p>Din prenumerationsadress (visas bara nu; spara den i din kalender):</p>
      <p><code id="feed-url"><xsl:value-of select="@feed"/></code></p>
    </xsl:if>
    <form method="post" action="/kalender/ny"><xsl:call-template name="csrf"/>
      <button type="submit">Skapa en ny prenumerationsadress</button></form>
    <form method="post" action="/kalender/aterkalla"><xsl:call-template name="csrf"/>
      <button type="submit">Återkalla prenumerationsadressen</button></form>
  </xsl:template>

  <!-- ===== administration ===== -->
  <xsl:template match="admin">
    <section aria-labelledby="h-org"><h2 id="h-org">Organisationer</h2>
      <ul><xsl:for-each select="organisations/org">
        <li><strong><xsl:value-of select="@name"/></strong> (<xsl:value-of select="@orgnr"/>, <xsl:value-of select="@kind"/>)
          <xsl:if test="unit"><br/>Enheter: <xsl:for-each select="unit"><xsl:value-of select="@name"/><xsl:if test="position() != last()">, </xsl:if></xsl:for-each></xsl:if>
          <xsl:if test="signatory"><br/>Firmatecknare: <xsl:for-each select="signatory"><xsl:value-of select="@name"/> (<xsl:value-of select="@title"/>)<xsl:if test="position() != last()">, </xsl:if></xsl:for-each></xsl:if></li>
      </xsl:for-each></ul>
      <form method="post" action="/admin/org" class="card"><xsl:call-template name="csrf"/>
        <h3>Ny organisation</h3>
        <div class="field"><label for="org-name">Namn</label><input id="org-name" name="name" required="required"/></div>
        <div class="field"><label for="org-kind">Slag</label><select id="org-kind" name="kind"><option value="kommun">Kommun</option><option value="krets">Rödakorskrets</option><option value="forening">Förening</option><option value="myndighet">Myndighet</option></select></div>
        <div class="field"><label for="org-orgnr">Organisationsnummer</label><input id="org-orgnr" name="orgnr" required="required" placeholder="NNNNNN-NNNN"/></div>
        <div class="field"><label for="org-address">Adress</label><input id="org-address" name="address"/></div>
        <div class="field"><label for="org-contact">Kontaktperson</label><input id="org-contact" name="contact"/></div>
        <p><button type="submit">Registrera organisationen</button></p>
      </form>
      <form method="post" action="/admin/enhet" class="card"><xsl:call-template name="csrf"/>
        <h3>Ny enhet</h3>
        <xsl:call-template name="org-select"><xsl:with-param name="id" select="'unit-org'"/></xsl:call-template>
        <div class="field"><label for="unit-name">Enhetens namn</label><input id="unit-name" name="name" required="required"/></div>
        <p><button type="submit">Lägg till enheten</button></p>
      </form>
      <form method="post" action="/admin/firmatecknare" class="card"><xsl:call-template name="csrf"/>
        <h3>Ny firmatecknare</h3>
        <xsl:call-template name="org-select"><xsl:with-param name="id" select="'sig-org'"/></xsl:call-template>
        <div class="field"><label for="sig-name">Namn</label><input id="sig-name" name="name" required="required"/></div>
        <div class="field"><label for="sig-title">Titel</label><input id="sig-title" name="title" required="required"/></div>
        <div class="field"><label for="sig-email">E-postadress</label><input id="sig-email" name="email" type="email"/></div>
        <p><button type="submit">Lägg till firmatecknaren</button></p>
      </form>
    </section>
    <section aria-labelledby="h-personer"><h2 id="h-personer">Personer och roller</h2>
      <div class="scroll"><table class="list"><thead><tr><th scope="col">Person</th><th scope="col">Organisation</th><th scope="col">Roller</th><th scope="col">Lösenord</th></tr></thead>
        <tbody><xsl:for-each select="people/person"><tr><td><xsl:value-of select="@name"/><br/><xsl:value-of select="@email"/></td><td><xsl:value-of select="@org-name"/></td><td><xsl:call-template name="roles"><xsl:with-param name="list" select="@roles"/></xsl:call-template></td><td><xsl:choose><xsl:when test="@password">satt</xsl:when><xsl:otherwise>inget</xsl:otherwise></xsl:choose></td></tr></xsl:for-each></tbody></table></div>
      <form method="post" action="/admin/person" class="card"><xsl:call-template name="csrf"/>
        <h3>Ny person</h3>
        <div class="field"><label for="p-email">E-postadress</label><input id="p-email" name="email" type="email" required="required"/></div>
        <div class="field"><label for="p-name">Namn</label><input id="p-name" name="name" required="required"/></div>
        <xsl:call-template name="org-select"><xsl:with-param name="id" select="'p-org'"/></xsl:call-template>
        <fieldset><legend>Roller</legend>
          <label><input type="checkbox" name="roles" value="official"/> Tjänsteperson</label>
          <label><input type="checkbox" name="roles" value="board"/> Styrelse/nämnd</label>
          <label><input type="checkbox" name="roles" value="steering"/> Styrgrupp</label>
          <label><input type="checkbox" name="roles" value="signatory"/> Firmatecknare</label>
          <label><input type="checkbox" name="roles" value="reviewer"/> Granskare</label>
          <label><input type="checkbox" name="roles" value="admin"/> Administratör</label>
        </fieldset>
        <p><button type="submit">Registrera personen</button></p>
      </form>
      <form method="post" action="/admin/losenord" class="card"><xsl:call-template name="csrf"/>
        <h3>Sätt lösenord</h3>
        <div class="field"><label for="pw-email">Person</label><select id="pw-email" name="email"><xsl:for-each select="people/person"><option value="{@email}"><xsl:value-of select="@name"/> (<xsl:value-of select="@email"/>)</option></xsl:for-each></select></div>
        <div class="field"><label for="pw-password">Nytt lösenord (minst 10 tecken)</label><input id="pw-password" name="password" type="password" autocomplete="new-password" required="required" minlength="10"/></div>
        <p><button type="submit">Sätt lösenordet</button></p>
      </form>
    </section>
    <section aria-labelledby="h-ca"><h2 id="h-ca">Betrodda utfärdare (CA)</h2>
      <ul><xsl:for-each select="cas/ca"><li><xsl:value-of select="@subject"/> (giltigt till <xsl:value-of select="@not-after"/>)
        <form method="post" action="/admin/ca-bort" class="inline"><xsl:call-template name="csrf"/><input type="hidden" name="fingerprint" value="{@fingerprint}"/><button type="submit">Ta bort</button></form></li></xsl:for-each></ul>
      <form method="post" action="/admin/ca" enctype="multipart/form-data" class="card"><xsl:call-template name="csrf"/>
        <div class="field"><label for="ca-pem">CA-certifikat (PEM)</label><input id="ca-pem" name="pem" type="file" required="required"/></div>
        <p><button type="submit">Lägg till</button></p>
      </form>
    </section>
  </xsl:template>

  <xsl:template name="org-select">
    <xsl:param name="id"/>
    <div class="field"><label for="{$id}">Organisation</label>
      <select id="{$id}" name="orgnr"><xsl:for-each select="/page/admin/organisations/org"><option value="{@orgnr}"><xsl:value-of select="@name"/></option></xsl:for-each></select></div>
  </xsl:template>

</xsl:stylesheet>
