<?xml version="1.0" encoding="UTF-8"?>
<!--
  agreement.xsl - the agreement itself (Samarbetsavtal or Överenskommelse)
  as a layout document (templates/layout.rng).

  Numbered sections follow the model agreement: Parter, Bakgrund,
  Uppdragsbeskrivning, Kommunens (or Parternas) åtaganden, Frivilligpolicy,
  Ekonomiska villkor, Styrgrupp (only when there is one), Avtalstid och
  uppföljning, Uppsägning, Ändringar och tillägg.  Every numbered section is
  always present, with its standing clauses; a field without data reads
  "Ej angivet".  Annexes (needs mapping, volunteer roles, economy, meeting
  structure) are included only when their data exists and are numbered in
  that order.  Then place, and one signature block per party.

  Parameters (all optional):
    version        text version shown in the header (default: @version)
    version-label  replaces the header's right-hand text ("Utkast", ...)
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="common.xsl"/>
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:param name="version" select="''"/>
  <xsl:param name="version-label" select="''"/>

  <xsl:variable name="nparties" select="count($parties)"/>
  <xsl:variable name="has-steering" select="boolean($ag/steering/member)"/>
  <!-- Section numbers after the optional steering section. -->
  <xsl:variable name="s" select="6 + number($has-steering)"/>

  <!-- Annexes present and their numbers. -->
  <xsl:variable name="has-needs" select="normalize-space($ag/needs) != ''"/>
  <xsl:variable name="has-vol" select="boolean($ag/volunteers/role)"/>
  <xsl:variable name="has-eco" select="boolean($ag/economy/item)"/>
  <xsl:variable name="has-meet" select="normalize-space($ag/meetings/structure) != ''
      or $ag/dates/date[@kind = 'meeting' or @kind = 'followup']"/>
  <xsl:variable name="n-needs" select="number($has-needs)"/>
  <xsl:variable name="n-vol" select="$n-needs + number($has-vol)"/>
  <xsl:variable name="n-eco" select="$n-vol + number($has-eco)"/>
  <xsl:variable name="n-meet" select="$n-eco + number($has-meet)"/>

  <xsl:variable name="other-parties">
    <xsl:choose>
      <xsl:when test="$nparties = 2">den andra parten</xsl:when>
      <xsl:otherwise>samtliga övriga parter</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:apply-templates select="agreement"/>
  </xsl:template>

  <xsl:template match="agreement">
    <document>
      <xsl:call-template name="furniture">
        <xsl:with-param name="doc-title" select="title"/>
        <xsl:with-param name="version" select="$version"/>
        <xsl:with-param name="version-label" select="$version-label"/>
      </xsl:call-template>

      <h1><xsl:value-of select="$kind-title"/></h1>
      <p align="center" size="large"><b><xsl:value-of select="normalize-space(title)"/></b></p>
      <p align="center">
        <xsl:value-of select="concat($kind-title, ' ', @id, ', version ')"/>
        <xsl:choose>
          <xsl:when test="normalize-space($version) != ''"><xsl:value-of select="$version"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@version"/></xsl:otherwise>
        </xsl:choose>
      </p>

      <xsl:call-template name="sec-parties"/>
      <xsl:call-template name="sec-background"/>
      <xsl:call-template name="sec-assignment"/>
      <xsl:call-template name="sec-commitments"/>
      <xsl:call-template name="sec-policy"/>
      <xsl:call-template name="sec-economy"/>
      <xsl:if test="$has-steering">
        <xsl:call-template name="sec-steering"/>
      </xsl:if>
      <xsl:call-template name="sec-term"/>
      <xsl:call-template name="sec-termination"/>
      <xsl:call-template name="sec-amendments"/>

      <xsl:if test="$has-needs">
        <pagebreak/>
        <h1><xsl:value-of select="concat('Bilaga ', $n-needs, ' Behovskartläggning')"/></h1>
        <xsl:call-template name="needs-kv"/>
      </xsl:if>
      <xsl:if test="$has-vol">
        <spacer/>
        <xsl:call-template name="annex-volunteers"/>
      </xsl:if>
      <xsl:if test="$has-eco">
        <spacer/>
        <xsl:call-template name="annex-economy"/>
      </xsl:if>
      <xsl:if test="$has-meet">
        <spacer/>
        <xsl:call-template name="annex-meetings"/>
      </xsl:if>

      <!-- $n-meet is the number of annexes present. -->
      <xsl:if test="$n-meet &gt; 0">
        <spacer/>
      </xsl:if>
      <xsl:call-template name="sec-signatures"/>
    </document>
  </xsl:template>

  <!-- 1 Parter -->
  <xsl:template name="sec-parties">
    <h2>1 Parter</h2>
    <p>
      <xsl:value-of select="$This"/>
      <xsl:text> har träffats mellan följande </xsl:text>
      <xsl:call-template name="counted">
        <xsl:with-param name="n" select="$nparties"/>
        <xsl:with-param name="one" select="'part'"/>
        <xsl:with-param name="many" select="'parter'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$nparties &lt;= 2">
          <xsl:text>, nedan gemensamt kallade parterna: </xsl:text>
          <xsl:call-template name="join-names">
            <xsl:with-param name="nodes" select="$parties"/>
          </xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>, nedan gemensamt kallade parterna:</xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:if test="$nparties &gt; 2">
      <list kind="bullet">
        <xsl:for-each select="$parties">
          <item><xsl:value-of select="concat(normalize-space(name), substring(concat(', ', normalize-space(unit)), 1 div (normalize-space(unit) != '')))"/></item>
        </xsl:for-each>
      </list>
    </xsl:if>
    <table widths="27 22 26 25">
      <thead>
        <row>
          <cell>Part</cell>
          <cell>Org.nr</cell>
          <cell>Adress</cell>
          <cell>Kontaktperson</cell>
        </row>
      </thead>
      <xsl:for-each select="$parties">
        <row>
          <cell>
            <b><xsl:value-of select="normalize-space(name)"/></b>
            <xsl:if test="normalize-space(unit) != ''">
              <br/><xsl:value-of select="normalize-space(unit)"/>
            </xsl:if>
            <xsl:if test="normalize-space(kind) != ''">
              <br/>
              <xsl:call-template name="party-kind-label">
                <xsl:with-param name="kind" select="kind"/>
              </xsl:call-template>
            </xsl:if>
          </cell>
          <cell>
            <xsl:call-template name="or-none"><xsl:with-param name="value" select="orgnr"/></xsl:call-template>
          </cell>
          <cell>
            <xsl:call-template name="or-none"><xsl:with-param name="value" select="address"/></xsl:call-template>
          </cell>
          <cell>
            <xsl:choose>
              <xsl:when test="normalize-space(contact) != ''">
                <xsl:for-each select="contact/name | contact/email | contact/phone">
                  <xsl:if test="normalize-space(.) != ''">
                    <xsl:if test="position() &gt; 1"><br/></xsl:if>
                    <xsl:value-of select="normalize-space(.)"/>
                  </xsl:if>
                </xsl:for-each>
              </xsl:when>
              <xsl:otherwise>Ej angivet</xsl:otherwise>
            </xsl:choose>
          </cell>
        </row>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- 2 Bakgrund -->
  <xsl:template name="sec-background">
    <h2>2 Bakgrund</h2>
    <p>
      <xsl:call-template name="or-none"><xsl:with-param name="value" select="$ag/background"/></xsl:call-template>
    </p>
    <p>
      <xsl:value-of select="$The"/>
      <xsl:text> reglerar hur volontärer från </xsl:text>
      <xsl:call-template name="civil-label"/>
      <xsl:text> och </xsl:text>
      <xsl:call-template name="public-label"/>
      <xsl:text> samverkar. </xsl:text>
      <xsl:value-of select="$The"/>
      <xsl:text> skapar inget anställningsförhållande och inte heller någon relation som liknar en anställning, vare sig mellan parterna eller mellan någon av parterna och de volontärer som deltar.</xsl:text>
    </p>
    <p>
      <xsl:text>Samverkan bygger på att </xsl:text>
      <xsl:call-template name="civil-label"/>
      <xsl:text> är en självständig aktör i det civila samhället. Parterna respekterar det oberoende som det civila samhällets organisationer ska ha i förhållande till det offentliga (jfr prop. 2009/10:55).</xsl:text>
    </p>
  </xsl:template>

  <!-- 3 Uppdragsbeskrivning -->
  <xsl:template name="sec-assignment">
    <xsl:variable name="a" select="$ag/assignment"/>
    <h2>3 Uppdragsbeskrivning</h2>
    <p>
      <xsl:call-template name="civil-label"/>
      <xsl:text> åtar sig följande uppdrag.</xsl:text>
    </p>
    <kv>
      <item key="Vem utför uppdraget">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$a/who"/></xsl:call-template>
      </item>
      <item key="Omfattning">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$a/extent"/></xsl:call-template>
      </item>
      <item key="Så utförs uppdraget">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$a/how"/></xsl:call-template>
      </item>
      <item key="Ingår inte i uppdraget">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$a/excluded"/></xsl:call-template>
      </item>
    </kv>
    <p>
      <xsl:text>Uppdraget är ett komplement till det stöd som </xsl:text>
      <xsl:call-template name="kommun-label"/>
      <xsl:text> ger och ersätter ingen verksamhet som det offentliga ansvarar för. Enligt 5&#160;kap. 10&#160;§ socialtjänstlagen är det kommunen som ska erbjuda stöd till den som vårdar eller stödjer en närstående. Det ansvaret ligger kvar hos kommunen och övergår inte genom </xsl:text>
      <xsl:value-of select="$this"/>
      <xsl:text> till </xsl:text>
      <xsl:call-template name="civil-label"/>
      <xsl:text> eller till volontärerna.</xsl:text>
    </p>
  </xsl:template>

  <!-- 4 Kommunens åtaganden / Parternas åtaganden -->
  <xsl:template name="sec-commitments">
    <xsl:variable name="single-kommun" select="$nparties = 2 and count($kommuner) = 1"/>
    <h2>
      <xsl:choose>
        <xsl:when test="$single-kommun">4 Kommunens åtaganden</xsl:when>
        <xsl:otherwise>4 Parternas åtaganden</xsl:otherwise>
      </xsl:choose>
    </h2>
    <xsl:choose>
      <xsl:when test="$ag/commitments/item[normalize-space(.) != '']">
        <p>
          <xsl:choose>
            <xsl:when test="$single-kommun">
              <xsl:call-template name="kommun-label"/>
            </xsl:when>
            <xsl:otherwise>Parterna</xsl:otherwise>
          </xsl:choose>
          <xsl:text> åtar sig följande.</xsl:text>
        </p>
        <list kind="bullet">
          <xsl:for-each select="$ag/commitments/item[normalize-space(.) != '']">
            <item><xsl:call-template name="lines"><xsl:with-param name="text" select="."/></xsl:call-template></item>
          </xsl:for-each>
        </list>
      </xsl:when>
      <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 5 Frivilligpolicy -->
  <xsl:template name="sec-policy">
    <h2>5 Frivilligpolicy</h2>
    <p>
      <xsl:text>Volontärerna utför sitt uppdrag enligt den frivilligpolicy som gäller hos </xsl:text>
      <xsl:call-template name="civil-label"/>
      <xsl:text>. Varje volontär har skrivit under ett tystnadslöfte och för inte vidare något om enskilda personers förhållanden som volontären får veta genom uppdraget. En kopia av tystnadslöftet visas på begäran för </xsl:text>
      <xsl:call-template name="public-label"/>
      <xsl:text>.</xsl:text>
    </p>
    <p>
      <xsl:text>Frivilligpolicyn och tystnadslöftet gäller fullt ut vid sidan av </xsl:text>
      <xsl:value-of select="$this"/>
      <xsl:text>. Ingenting i </xsl:text>
      <xsl:value-of select="$this"/>
      <xsl:text> inskränker eller ersätter dem.</xsl:text>
    </p>
    <xsl:if test="$redcross">
      <p>
        <xsl:text>Röda Korsets sju grundprinciper – humanitet, opartiskhet, neutralitet, självständighet, frivillighet, enhet och universalitet – styr </xsl:text>
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$redcross"/>
        </xsl:call-template>
        <xsl:text> i allt arbete och kan inte sättas åt sidan genom </xsl:text>
        <xsl:value-of select="$this"/>
        <xsl:text> eller genom någon överenskommelse mellan parterna.</xsl:text>
      </p>
    </xsl:if>
    <xsl:if test="$has-vol">
      <p>
        <xsl:value-of select="concat('Volontärernas roller och den utbildning som krävs för varje roll framgår av bilaga ', $n-vol, '.')"/>
      </p>
    </xsl:if>
    <kv>
      <item key="Stöd vid problem">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$ag/support"/></xsl:call-template>
      </item>
    </kv>
  </xsl:template>

  <!-- 6 Ekonomiska villkor -->
  <xsl:template name="sec-economy">
    <h2>6 Ekonomiska villkor</h2>
    <xsl:choose>
      <xsl:when test="$has-eco">
        <p>
          <xsl:text>Parterna står för följande kostnader</xsl:text>
          <xsl:value-of select="concat(' (se även bilaga ', $n-eco, ').')"/>
        </p>
        <list kind="bullet">
          <xsl:for-each select="$ag/economy/item">
            <item>
              <xsl:call-template name="or-none"><xsl:with-param name="value" select="what"/></xsl:call-template>
              <xsl:text> – betalas av </xsl:text>
              <xsl:call-template name="payer"/>
              <xsl:if test="normalize-space(amount) != ''">
                <xsl:value-of select="concat(' (', normalize-space(amount), ')')"/>
              </xsl:if>
            </item>
          </xsl:for-each>
        </list>
        <p>Kostnader som inte nämns här står varje part för själv.</p>
      </xsl:when>
      <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="payer">
    <xsl:choose>
      <xsl:when test="normalize-space(@payer) != ''">
        <xsl:call-template name="party-name">
          <xsl:with-param name="role" select="@payer"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>Ej angivet</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- 7 Styrgrupp (only with a steering group) -->
  <xsl:template name="sec-steering">
    <h2>7 Styrgrupp</h2>
    <p>
      <xsl:text>Samverkan leds och följs upp av en styrgrupp med företrädare för parterna. Styrgruppen består av:</xsl:text>
    </p>
    <table widths="30 22 26 22">
      <thead>
        <row><cell>Part</cell><cell>Namn</cell><cell>Titel</cell><cell>E-post</cell></row>
      </thead>
      <xsl:for-each select="$ag/steering/member">
        <row>
          <cell>
            <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
          </cell>
          <cell><xsl:value-of select="normalize-space(@name)"/></cell>
          <cell><xsl:value-of select="normalize-space(@title)"/></cell>
          <cell><xsl:value-of select="normalize-space(@email)"/></cell>
        </row>
      </xsl:for-each>
    </table>
    <xsl:if test="$has-meet">
      <p><xsl:value-of select="concat('Styrgruppens och arbetsgruppens möten framgår av bilaga ', $n-meet, '.')"/></p>
    </xsl:if>
  </xsl:template>

  <!-- Avtalstid och uppföljning -->
  <xsl:template name="sec-term">
    <xsl:variable name="t" select="$ag/term"/>
    <h2><xsl:value-of select="concat($s + 1, ' Avtalstid och uppföljning')"/></h2>
    <p>
      <xsl:choose>
        <xsl:when test="$t/@start and $t/@end">
          <xsl:value-of select="$The"/>
          <xsl:text> gäller från och med </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="date" select="$t/@start"/></xsl:call-template>
          <xsl:text> till och med </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="date" select="$t/@end"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:when test="$t/@start">
          <xsl:value-of select="$The"/>
          <xsl:text> gäller från och med </xsl:text>
          <xsl:call-template name="date"><xsl:with-param name="date" select="$t/@start"/></xsl:call-template>
          <xsl:text>.</xsl:text>
        </xsl:when>
        <xsl:otherwise>Avtalstid: Ej angivet.</xsl:otherwise>
      </xsl:choose>
      <xsl:if test="$t/@duration">
        <xsl:text> Avtalstiden är </xsl:text>
        <xsl:call-template name="period-words"><xsl:with-param name="period" select="$t/@duration"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </xsl:if>
    </p>
    <p>
      <xsl:choose>
        <!-- How the term renews (templates/agreement.rng): tacit, fixed or
             explicit by @period; a period in @renewal is the form written
             before renewal kinds existed. -->
        <xsl:when test="$t/@renewal = 'tacit'">
          <xsl:value-of select="$The"/>
          <xsl:text> förlängs därefter automatiskt med </xsl:text>
          <xsl:call-template name="period-words"><xsl:with-param name="period" select="$t/@period"/></xsl:call-template>
          <xsl:text> i taget, om ingen part har sagt upp det. Parterna gör tillsammans en skriftlig uppföljning av samarbetet och kan då skriftligen komma överens om ändringar.</xsl:text>
        </xsl:when>
        <xsl:when test="$t/@renewal = 'fixed'">
          <xsl:value-of select="$The"/>
          <xsl:text> upphör när avtalstiden löper ut och förlängs inte. Parterna gör tillsammans en skriftlig uppföljning av samarbetet och kan då skriftligen komma överens om ändringar.</xsl:text>
        </xsl:when>
        <xsl:when test="$t/@renewal = 'explicit'">
          <xsl:text>Parterna gör tillsammans en skriftlig uppföljning av samarbetet. </xsl:text>
          <xsl:value-of select="$The"/>
          <xsl:text> förlängs med </xsl:text>
          <xsl:call-template name="period-words"><xsl:with-param name="period" select="$t/@period"/></xsl:call-template>
          <xsl:text> i taget endast genom ett skriftligt beslut av parterna innan avtalstiden löper ut; annars upphör </xsl:text>
          <xsl:value-of select="$the"/>
          <xsl:text> när avtalstiden löper ut.</xsl:text>
        </xsl:when>
        <xsl:otherwise>
          <xsl:text>Innan avtalstiden löper ut gör parterna tillsammans en skriftlig uppföljning av samarbetet. Parterna kan då skriftligen komma överens om ändringar och om att </xsl:text>
          <xsl:value-of select="$the"/>
          <xsl:text> ska fortsätta att gälla </xsl:text>
          <xsl:choose>
            <xsl:when test="$t/@renewal">
              <xsl:text>i ytterligare </xsl:text>
              <xsl:call-template name="period-words"><xsl:with-param name="period" select="$t/@renewal"/></xsl:call-template>
            </xsl:when>
            <xsl:otherwise>under ytterligare en period</xsl:otherwise>
          </xsl:choose>
          <xsl:text>.</xsl:text>
        </xsl:otherwise>
      </xsl:choose>
    </p>
    <xsl:variable name="fu" select="$ag/dates/date[@kind = 'followup']"/>
    <xsl:if test="$fu">
      <p>
        <xsl:text>Skriftlig uppföljning görs senast: </xsl:text>
        <xsl:for-each select="$fu">
          <xsl:sort select="@value"/>
          <xsl:if test="position() &gt; 1">
            <xsl:choose>
              <xsl:when test="position() = last()"> och </xsl:when>
              <xsl:otherwise>, </xsl:otherwise>
            </xsl:choose>
          </xsl:if>
          <xsl:call-template name="date"><xsl:with-param name="date" select="@value"/></xsl:call-template>
        </xsl:for-each>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:if>
    <xsl:for-each select="$ag/followups/followup">
      <p>
        <xsl:text>Vid uppföljningen den </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        <xsl:text> beslutade parterna att </xsl:text>
        <xsl:choose>
          <xsl:when test="@decision = 'continue'">
            <xsl:text>fortsätta samarbetet</xsl:text>
            <xsl:if test="@new-end">
              <xsl:text> till och med </xsl:text>
              <xsl:call-template name="date"><xsl:with-param name="date" select="@new-end"/></xsl:call-template>
            </xsl:if>
          </xsl:when>
          <xsl:when test="@decision = 'amend'">
            <xsl:text>ändra </xsl:text>
            <xsl:value-of select="$the"/>
          </xsl:when>
          <xsl:otherwise>avsluta samarbetet</xsl:otherwise>
        </xsl:choose>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:for-each>
    <xsl:for-each select="$ag/renewals/renewal">
      <p>
        <xsl:text>Den </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
        <xsl:text> beslutade parterna att förnya </xsl:text>
        <xsl:value-of select="$the"/>
        <xsl:text> till och med </xsl:text>
        <xsl:call-template name="date"><xsl:with-param name="date" select="@to"/></xsl:call-template>
        <xsl:text>.</xsl:text>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- Uppsägning -->
  <xsl:template name="sec-termination">
    <xsl:variable name="notice">
      <xsl:choose>
        <xsl:when test="normalize-space($ag/term/@notice) != ''">
          <xsl:value-of select="$ag/term/@notice"/>
        </xsl:when>
        <xsl:otherwise>P1M</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <h2><xsl:value-of select="concat($s + 2, ' Uppsägning')"/></h2>
    <p>
      <xsl:text>Varje part får säga upp </xsl:text>
      <xsl:value-of select="$the"/>
      <xsl:text> skriftligen med en uppsägningstid om </xsl:text>
      <xsl:call-template name="period-words"><xsl:with-param name="period" select="$notice"/></xsl:call-template>
      <xsl:text>. Uppsägningen skickas till </xsl:text>
      <xsl:value-of select="$other-parties"/>
      <xsl:text>.</xsl:text>
    </p>
    <p>
      <xsl:text>Om en part i väsentlig mån brister i sina åtaganden enligt </xsl:text>
      <xsl:value-of select="$this"/>
      <xsl:text> eller agerar olämpligt får </xsl:text>
      <xsl:choose>
        <xsl:when test="$nparties = 2">den andra parten</xsl:when>
        <xsl:otherwise>var och en av de övriga parterna</xsl:otherwise>
      </xsl:choose>
      <xsl:text> säga upp </xsl:text>
      <xsl:value-of select="$the"/>
      <xsl:text> med omedelbar verkan.</xsl:text>
    </p>
    <xsl:for-each select="$ag/termination">
      <p>
        <b>
          <xsl:call-template name="party-name"><xsl:with-param name="role" select="@party"/></xsl:call-template>
          <xsl:value-of select="concat(' sade upp ', $the, ' den ')"/>
          <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
          <xsl:if test="@immediate = 'yes'"> med omedelbar verkan</xsl:if>
          <xsl:if test="@effective">
            <xsl:value-of select="concat('. ', $The, ' upphör att gälla den ')"/>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@effective"/></xsl:call-template>
          </xsl:if>
          <xsl:text>.</xsl:text>
        </b>
      </p>
    </xsl:for-each>
  </xsl:template>

  <!-- Ändringar och tillägg -->
  <xsl:template name="sec-amendments">
    <h2><xsl:value-of select="concat($s + 3, ' Ändringar och tillägg')"/></h2>
    <p>
      <xsl:text>Ändringar i och tillägg till </xsl:text>
      <xsl:value-of select="$this"/>
      <xsl:text> gäller bara om de har gjorts skriftligen och godkänts av samtliga parter. En godkänd ändring ger en ny version av </xsl:text>
      <xsl:value-of select="$the"/>
      <xsl:text>, som parterna undertecknar på nytt.</xsl:text>
    </p>
    <xsl:variable name="approved" select="$ag/amendments/amendment[@status = 'approved']"/>
    <xsl:if test="$approved">
      <p>Följande ändringar har godkänts av samtliga parter:</p>
      <list kind="bullet">
        <xsl:for-each select="$approved">
          <item>
            <xsl:value-of select="concat('Ändring ', @n, ' (version ', @from-version, ' till ', @to-version, ', ')"/>
            <xsl:call-template name="date"><xsl:with-param name="date" select="@date"/></xsl:call-template>
            <xsl:text>)</xsl:text>
            <xsl:if test="normalize-space(summary) != ''">
              <xsl:text>: </xsl:text>
              <xsl:value-of select="normalize-space(summary)"/>
            </xsl:if>
          </item>
        </xsl:for-each>
      </list>
    </xsl:if>
    <p>
      <xsl:value-of select="$This"/>
      <xsl:text> upprättas i </xsl:text>
      <xsl:call-template name="counted">
        <xsl:with-param name="n" select="$nparties"/>
        <xsl:with-param name="neuter" select="true()"/>
        <xsl:with-param name="one" select="'exemplar'"/>
        <xsl:with-param name="many" select="'likalydande exemplar'"/>
      </xsl:call-template>
      <xsl:choose>
        <xsl:when test="$nparties = 1">.</xsl:when>
        <xsl:otherwise>, ett för varje part.</xsl:otherwise>
      </xsl:choose>
    </p>
  </xsl:template>

  <!-- Bilaga: Volontärroller och utbildning -->
  <xsl:template name="annex-volunteers">
    <h1><xsl:value-of select="concat('Bilaga ', $n-vol, ' Volontärroller och utbildning')"/></h1>
    <xsl:for-each select="$ag/volunteers/role">
      <h2>
        <xsl:choose>
          <xsl:when test="normalize-space(name) != ''"><xsl:value-of select="normalize-space(name)"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="@id"/></xsl:otherwise>
        </xsl:choose>
      </h2>
      <kv>
        <item key="Uppgift">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="task"/></xsl:call-template>
        </item>
        <item key="Antal volontärer">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="@count"/></xsl:call-template>
        </item>
        <item key="Tystnadslöfte">
          <xsl:choose>
            <xsl:when test="@pledge = 'yes'">Ja, skriftligt tystnadslöfte</xsl:when>
            <xsl:when test="@pledge = 'no'">Nej</xsl:when>
            <xsl:otherwise>Ej angivet</xsl:otherwise>
          </xsl:choose>
        </item>
      </kv>
      <xsl:choose>
        <xsl:when test="course[normalize-space(.) != '']">
          <p>Utbildning som krävs för rollen:</p>
          <list kind="bullet">
            <xsl:for-each select="course[normalize-space(.) != '']">
              <item><xsl:value-of select="normalize-space(.)"/></item>
            </xsl:for-each>
          </list>
        </xsl:when>
        <xsl:otherwise><p>Utbildning som krävs för rollen: Ej angivet</p></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
    <p>
      <xsl:text>Alla volontärer i uppdraget har skrivit under tystnadslöftet innan de börjar. En volontär får inte ta en roll innan hen har gått den utbildning som rollen kräver.</xsl:text>
    </p>
  </xsl:template>

  <!-- Bilaga: Ekonomi -->
  <xsl:template name="annex-economy">
    <h1><xsl:value-of select="concat('Bilaga ', $n-eco, ' Ekonomi')"/></h1>
    <table widths="45 30 25">
      <thead>
        <row><cell>Vad</cell><cell>Betalas av</cell><cell>Belopp</cell></row>
      </thead>
      <xsl:for-each select="$ag/economy/item">
        <row>
          <cell><xsl:call-template name="or-none"><xsl:with-param name="value" select="what"/></xsl:call-template></cell>
          <cell><xsl:call-template name="payer"/></cell>
          <cell><xsl:call-template name="or-none"><xsl:with-param name="value" select="amount"/></xsl:call-template></cell>
        </row>
      </xsl:for-each>
    </table>
  </xsl:template>

  <!-- Bilaga: Mötesstruktur -->
  <xsl:template name="annex-meetings">
    <xsl:variable name="d" select="$ag/dates/date[@kind = 'meeting' or @kind = 'followup']"/>
    <h1><xsl:value-of select="concat('Bilaga ', $n-meet, ' Mötesstruktur')"/></h1>
    <p>
      <xsl:call-template name="or-none"><xsl:with-param name="value" select="$ag/meetings/structure"/></xsl:call-template>
    </p>
    <xsl:if test="$d">
      <h2>Möten och uppföljningar</h2>
      <table widths="30 70">
        <thead>
          <row><cell>Datum</cell><cell>Vad</cell></row>
        </thead>
        <xsl:for-each select="$d">
          <xsl:sort select="@value"/>
          <row>
            <cell><xsl:call-template name="date"><xsl:with-param name="date" select="@value"/></xsl:call-template></cell>
            <cell><xsl:call-template name="date-label"/></cell>
          </row>
        </xsl:for-each>
      </table>
    </xsl:if>
  </xsl:template>

  <!-- Ort, datum och underskrifter -->
  <xsl:template name="sec-signatures">
    <h1>Underskrifter</h1>
    <p>
      <xsl:choose>
        <xsl:when test="normalize-space($ag/place) != ''">
          <xsl:value-of select="concat($This, ' har upprättats i ', normalize-space($ag/place), '.')"/>
        </xsl:when>
        <xsl:otherwise>Ort: Ej angivet.</xsl:otherwise>
      </xsl:choose>
      <xsl:text> Varje part skriver under med ort och datum för sin underskrift.</xsl:text>
    </p>
    <signatures>
      <xsl:for-each select="$parties">
        <xsl:variable name="role" select="@role"/>
        <xsl:variable name="signed" select="$ag/signatures/signature[@party = $role][1]"/>
        <signature id="{@role}" party="{concat(normalize-space(name), substring(concat(', ', normalize-space(unit)), 1 div (normalize-space(unit) != '')))}">
          <xsl:attribute name="name">
            <xsl:choose>
              <xsl:when test="normalize-space($signed/@name) != ''"><xsl:value-of select="normalize-space($signed/@name)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(signatory[1]/name)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:attribute name="title">
            <xsl:choose>
              <xsl:when test="normalize-space($signed/@title) != ''"><xsl:value-of select="normalize-space($signed/@title)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="normalize-space(signatory[1]/title)"/></xsl:otherwise>
            </xsl:choose>
          </xsl:attribute>
          <xsl:attribute name="place"><xsl:value-of select="normalize-space($signed/@place)"/></xsl:attribute>
          <xsl:attribute name="date"><xsl:value-of select="normalize-space($signed/@date)"/></xsl:attribute>
        </signature>
      </xsl:for-each>
    </signatures>
  </xsl:template>
</xsl:stylesheet>
