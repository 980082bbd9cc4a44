<?xml version="1.0" encoding="UTF-8"?>
<!--
  agreement.xsl - the agreement itself (Samarbetsavtal or Överenskommelse)
  as a layout document (templates/layout.rng).

  The text is not written here.  The engine assembles it from the clause
  library (templates/clauses/*.xml, described in templates/README.md): the
  subject's outline, the clauses the workflow makes mandatory or the
  interview chose, each clause's and each paragraph's condition, field
  values and statutory references already resolved.  It is appended to the
  agreement as

    <assembled subject date draft>
      <clause id title n> body </clause> ...
      <annex id title n> body </annex> ...
    </assembled>

  and this stylesheet only lays it out: a title page with each party's
  registration number, one numbered section per clause, one annex per
  annex, then place and one signature block per party.  What it draws
  itself are the generic data blocks a clause names (<block name>): the
  party table, lists, the term and notice rules, tables.  None of them
  names a subject or cites a law.

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
  <xsl:variable name="text" select="$ag/assembled"/>

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
      <xsl:call-template name="registration-numbers"/>

      <xsl:for-each select="$text/clause">
        <h2><xsl:value-of select="concat(@n, ' ', @title)"/></h2>
        <xsl:apply-templates select="*" mode="body"/>
      </xsl:for-each>

      <xsl:for-each select="$text/annex">
        <xsl:choose>
          <xsl:when test="position() = 1"><pagebreak/></xsl:when>
          <xsl:otherwise><spacer/></xsl:otherwise>
        </xsl:choose>
        <h1><xsl:value-of select="concat('Bilaga ', @n, ' ', @title)"/></h1>
        <xsl:apply-templates select="*" mode="body"/>
      </xsl:for-each>

      <xsl:if test="$text/annex">
        <spacer/>
      </xsl:if>
      <xsl:call-template name="sec-signatures"/>
    </document>
  </xsl:template>

  <!-- Each party's registration number (diarienummer) on the first page. -->
  <xsl:template name="registration-numbers">
    <xsl:if test="$parties[normalize-space(diarienr) != '']">
      <kv>
        <xsl:for-each select="$parties">
          <item>
            <xsl:attribute name="key">
              <xsl:value-of select="concat('Diarienummer, ', normalize-space(name))"/>
            </xsl:attribute>
            <xsl:call-template name="or-none"><xsl:with-param name="value" select="diarienr"/></xsl:call-template>
          </item>
        </xsl:for-each>
      </kv>
    </xsl:if>
  </xsl:template>

  <!-- A clause's body: paragraphs, lists, field tables and data blocks. -->
  <xsl:template match="p" mode="body">
    <p><xsl:apply-templates mode="inline"/></p>
  </xsl:template>

  <xsl:template match="list" mode="body">
    <list kind="bullet">
      <xsl:for-each select="item">
        <item><xsl:apply-templates mode="inline"/></item>
      </xsl:for-each>
    </list>
  </xsl:template>

  <!-- <fields>: each item's text is the key; the engine put the field's value in @value. -->
  <xsl:template match="fields" mode="body">
    <kv>
      <xsl:for-each select="item">
        <item key="{normalize-space(.)}">
          <xsl:call-template name="or-none"><xsl:with-param name="value" select="@value"/></xsl:call-template>
        </item>
      </xsl:for-each>
    </kv>
  </xsl:template>

  <xsl:template match="block" mode="body">
    <xsl:choose>
      <xsl:when test="@name = 'parties'"><xsl:call-template name="block-parties"/></xsl:when>
      <xsl:when test="@name = 'commitments'"><xsl:call-template name="block-commitments"/></xsl:when>
      <xsl:when test="@name = 'economy'"><xsl:call-template name="block-economy"/></xsl:when>
      <xsl:when test="@name = 'economy-table'"><xsl:call-template name="block-economy-table"/></xsl:when>
      <xsl:when test="@name = 'steering'"><xsl:call-template name="block-steering"/></xsl:when>
      <xsl:when test="@name = 'term'"><xsl:call-template name="block-term"/></xsl:when>
      <xsl:when test="@name = 'termination'"><xsl:call-template name="block-termination"/></xsl:when>
      <xsl:when test="@name = 'amendments'"><xsl:call-template name="block-amendments"/></xsl:when>
      <xsl:when test="@name = 'needs'"><xsl:call-template name="needs-kv"/></xsl:when>
      <xsl:when test="@name = 'volunteers'"><xsl:call-template name="block-volunteers"/></xsl:when>
      <xsl:when test="@name = 'meetings'"><xsl:call-template name="block-meetings"/></xsl:when>
      <xsl:otherwise>
        <xsl:message terminate="yes">
          <xsl:value-of select="concat('clause ', ../@id, ': no block named ', @name)"/>
        </xsl:message>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="*" mode="body">
    <xsl:message terminate="yes">
      <xsl:value-of select="concat('clause ', ../@id, ': ', name(), ' is not a paragraph, list, fields or block')"/>
    </xsl:message>
  </xsl:template>

  <!-- Inline content: text, emphasis and the words that depend on the parties. -->
  <xsl:template match="text()" mode="inline">
    <xsl:value-of select="."/>
  </xsl:template>
  <xsl:template match="b" mode="inline"><b><xsl:apply-templates mode="inline"/></b></xsl:template>
  <xsl:template match="i" mode="inline"><i><xsl:apply-templates mode="inline"/></i></xsl:template>
  <!-- A line break in a field's value (the engine puts <br/> there). -->
  <xsl:template match="br" mode="inline"><br/></xsl:template>
  <xsl:template match="cite" mode="inline"><xsl:value-of select="normalize-space(.)"/></xsl:template>
  <xsl:template match="the" mode="inline"><xsl:value-of select="$the"/></xsl:template>
  <xsl:template match="The" mode="inline"><xsl:value-of select="$The"/></xsl:template>
  <xsl:template match="this" mode="inline"><xsl:value-of select="$this"/></xsl:template>
  <xsl:template match="This" mode="inline"><xsl:value-of select="$This"/></xsl:template>
  <xsl:template match="civil" mode="inline"><xsl:call-template name="civil-label"/></xsl:template>
  <xsl:template match="public" mode="inline"><xsl:call-template name="public-label"/></xsl:template>
  <xsl:template match="kommun" mode="inline"><xsl:call-template name="kommun-label"/></xsl:template>
  <xsl:template match="other-parties" mode="inline"><xsl:value-of select="$other-parties"/></xsl:template>
  <xsl:template match="*" mode="inline">
    <xsl:message terminate="yes">
      <xsl:value-of select="concat('clause ', ancestor::*[@n][1]/@id, ': unknown word ', name())"/>
    </xsl:message>
  </xsl:template>

  <!-- The data blocks. -->
  <xsl:template name="block-commitments">
    <xsl:choose>
      <xsl:when test="$ag/commitments/item[normalize-space(.) != '']">
        <list kind="bullet">
          <xsl:for-each select="$ag/commitments/item[normalize-space(.) != '']">
            <item><xsl:call-template name="lines"><xsl:with-param name="text" select="."/></xsl:call-template></item>
          </xsl:for-each>
        </list>
      </xsl:when>
      <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="block-economy">
    <xsl:choose>
      <xsl:when test="$ag/economy/item">
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
      </xsl:when>
      <xsl:otherwise><p>Ej angivet</p></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="block-steering">
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
  </xsl:template>

  <!-- Each role: its task, how many, the pledge and the courses it needs. -->
  <xsl:template name="block-volunteers">
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
        <item key="Antal">
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
  </xsl:template>

  <xsl:template name="block-parties">
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

  <xsl:template name="block-term">
    <xsl:variable name="t" select="$ag/term"/>
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

  <xsl:template name="block-termination">
    <xsl:variable name="notice">
      <xsl:choose>
        <xsl:when test="normalize-space($ag/term/@notice) != ''">
          <xsl:value-of select="$ag/term/@notice"/>
        </xsl:when>
        <xsl:otherwise>P1M</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
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

  <xsl:template name="block-amendments">
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

  <xsl:template name="block-meetings">
    <xsl:variable name="d" select="$ag/dates/date[@kind = 'meeting' or @kind = 'followup']"/>
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

  <xsl:template name="block-economy-table">
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
