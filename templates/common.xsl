<?xml version="1.0" encoding="UTF-8"?>
<!--
  common.xsl - named templates shared by every document template (included
  with xsl:include href="common.xsl").

  Exports:
    parameter  $draft ('yes': the text is a draft; furniture marks it UTKAST)
    variables  $ag $parties $public $civil $kommuner $redcross $the $The
               $this $This $kind-title (for one agreement as the input's
               root; empty when the root is <agreements>)
    templates  date, month-name, number-word, counted, period-words,
               join-rtf, party-name, party-kind-label, join-names,
               phase-label, outcome-label, followup-decision-label,
               field-label, date-label, or-none, lines, furniture, needs-kv,
               civil-label, public-label, kommun-label
  All output is text (or layout inline content for "lines", layout blocks
  for "furniture" and "needs-kv"); data is always copied as text, never as
  markup.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:exsl="http://exslt.org/common" exclude-result-prefixes="exsl">

  <!-- 'yes' when the renderer says the text is a draft (its phase is not
       frozen for signing); the engine's <assembled draft="..."> says the same. -->
  <xsl:param name="draft" select="''"/>

  <!-- The agreement (when the input is a single agreement). -->
  <xsl:variable name="ag" select="/agreement"/>
  <xsl:variable name="parties" select="$ag/parties/party"/>
  <xsl:variable name="public-kinds" select="' kommun region myndighet '"/>
  <!-- A party's kind, or its role when the kind is not filled in yet. -->
  <xsl:variable name="public" select="$parties[
      contains($public-kinds, concat(' ', normalize-space(kind), ' '))
      or (normalize-space(kind) = '' and contains($public-kinds, concat(' ', @role, ' ')))]"/>
  <xsl:variable name="civil" select="$parties[count(. | $public) != count($public)]"/>
  <xsl:variable name="kommuner" select="$parties[normalize-space(kind) = 'kommun'
      or (normalize-space(kind) = '' and @role = 'kommun')]"/>
  <xsl:variable name="redcross" select="$parties[normalize-space(kind) = 'krets'
      or (normalize-space(kind) = '' and @role = 'krets')]"/>

  <!-- "avtalet" or "överenskommelsen" and their demonstrative forms. -->
  <xsl:variable name="is-ok" select="starts-with(normalize-space($ag/kind), 'Överenskommelse')
      or (normalize-space($ag/kind) = '' and $ag/@workflow = 'overenskommelse')"/>
  <xsl:variable name="the">
    <xsl:choose>
      <xsl:when test="$is-ok">överenskommelsen</xsl:when>
      <xsl:otherwise>avtalet</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="The">
    <xsl:choose>
      <xsl:when test="$is-ok">Överenskommelsen</xsl:when>
      <xsl:otherwise>Avtalet</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="this">
    <xsl:choose>
      <xsl:when test="$is-ok">denna överenskommelse</xsl:when>
      <xsl:otherwise>detta avtal</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:variable name="This">
    <xsl:choose>
      <xsl:when test="$is-ok">Denna överenskommelse</xsl:when>
      <xsl:otherwise>Detta avtal</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <!-- The document kind as a title: the agreement's kind, else by workflow. -->
  <xsl:variable name="kind-title">
    <xsl:choose>
      <xsl:when test="normalize-space($ag/kind) != ''">
        <xsl:value-of select="normalize-space($ag/kind)"/>
      </xsl:when>
      <xsl:when test="$is-ok">Överenskommelse</xsl:when>
      <xsl:otherwise>Samarbetsavtal</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <!-- "2026-04-01" -> "1 april 2026"; anything else is returned as it is. -->
  <xsl:template name="date">
    <xsl:param name="date"/>
    <xsl:variable name="d" select="normalize-space($date)"/>
    <xsl:choose>
      <xsl:when test="string-length($d) = 10 and substring($d, 5, 1) = '-'
                      and substring($d, 8, 1) = '-'
                      and number(substring($d, 6, 2)) &gt;= 1
                      and number(substring($d, 6, 2)) &lt;= 12
                      and number(substring($d, 9, 2)) &gt;= 1">
        <xsl:value-of select="number(substring($d, 9, 2))"/>
        <xsl:text> </xsl:text>
        <xsl:call-template name="month-name">
          <xsl:with-param name="n" select="number(substring($d, 6, 2))"/>
        </xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:value-of select="substring($d, 1, 4)"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$d"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="month-name">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="$n = 1">januari</xsl:when>
      <xsl:when test="$n = 2">februari</xsl:when>
      <xsl:when test="$n = 3">mars</xsl:when>
      <xsl:when test="$n = 4">april</xsl:when>
      <xsl:when test="$n = 5">maj</xsl:when>
      <xsl:when test="$n = 6">juni</xsl:when>
      <xsl:when test="$n = 7">juli</xsl:when>
      <xsl:when test="$n = 8">augusti</xsl:when>
      <xsl:when test="$n = 9">september</xsl:when>
      <xsl:when test="$n = 10">oktober</xsl:when>
      <xsl:when test="$n = 11">november</xsl:when>
      <xsl:when test="$n = 12">december</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- 1..12 in words ("en"/"ett" by gender), larger numbers as digits. -->
  <xsl:template name="number-word">
    <xsl:param name="n"/>
    <xsl:param name="neuter" select="false()"/>
    <xsl:choose>
      <xsl:when test="$n = 0">noll</xsl:when>
      <xsl:when test="$n = 1 and $neuter">ett</xsl:when>
      <xsl:when test="$n = 1">en</xsl:when>
      <xsl:when test="$n = 2">två</xsl:when>
      <xsl:when test="$n = 3">tre</xsl:when>
      <xsl:when test="$n = 4">fyra</xsl:when>
      <xsl:when test="$n = 5">fem</xsl:when>
      <xsl:when test="$n = 6">sex</xsl:when>
      <xsl:when test="$n = 7">sju</xsl:when>
      <xsl:when test="$n = 8">åtta</xsl:when>
      <xsl:when test="$n = 9">nio</xsl:when>
      <xsl:when test="$n = 10">tio</xsl:when>
      <xsl:when test="$n = 11">elva</xsl:when>
      <xsl:when test="$n = 12">tolv</xsl:when>
      <xsl:otherwise><xsl:value-of select="$n"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "en (1) månad", "tre (3) månader", "24 månader". -->
  <xsl:template name="counted">
    <xsl:param name="n"/>
    <xsl:param name="neuter" select="false()"/>
    <xsl:param name="one"/>
    <xsl:param name="many"/>
    <xsl:if test="$n &lt;= 12">
      <xsl:call-template name="number-word">
        <xsl:with-param name="n" select="$n"/>
        <xsl:with-param name="neuter" select="$neuter"/>
      </xsl:call-template>
      <xsl:text> (</xsl:text>
    </xsl:if>
    <xsl:value-of select="$n"/>
    <xsl:if test="$n &lt;= 12">)</xsl:if>
    <xsl:text> </xsl:text>
    <xsl:choose>
      <xsl:when test="$n = 1"><xsl:value-of select="$one"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$many"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    An ISO 8601 period (P1Y, P1M, P1Y6M, P2W, P30D) in words:
    "ett (1) år och sex (6) månader".  Empty input gives "Ej angivet".
  -->
  <xsl:template name="period-words">
    <xsl:param name="period"/>
    <xsl:variable name="p" select="normalize-space($period)"/>
    <xsl:variable name="after-p" select="substring-after($p, 'P')"/>
    <xsl:variable name="y">
      <xsl:if test="contains($after-p, 'Y')">
        <xsl:value-of select="substring-before($after-p, 'Y')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="rest-y">
      <xsl:choose>
        <xsl:when test="contains($after-p, 'Y')">
          <xsl:value-of select="substring-after($after-p, 'Y')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$after-p"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="m">
      <xsl:if test="contains($rest-y, 'M')">
        <xsl:value-of select="substring-before($rest-y, 'M')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="rest-m">
      <xsl:choose>
        <xsl:when test="contains($rest-y, 'M')">
          <xsl:value-of select="substring-after($rest-y, 'M')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$rest-y"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="w">
      <xsl:if test="contains($rest-m, 'W')">
        <xsl:value-of select="substring-before($rest-m, 'W')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="rest-w">
      <xsl:choose>
        <xsl:when test="contains($rest-m, 'W')">
          <xsl:value-of select="substring-after($rest-m, 'W')"/>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$rest-m"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="d">
      <xsl:if test="contains($rest-w, 'D')">
        <xsl:value-of select="substring-before($rest-w, 'D')"/>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="parts">
      <xsl:if test="number($y) &gt; 0">
        <part>
          <xsl:call-template name="counted">
            <xsl:with-param name="n" select="number($y)"/>
            <xsl:with-param name="neuter" select="true()"/>
            <xsl:with-param name="one" select="'år'"/>
            <xsl:with-param name="many" select="'år'"/>
          </xsl:call-template>
        </part>
      </xsl:if>
      <xsl:if test="number($m) &gt; 0">
        <part>
          <xsl:call-template name="counted">
            <xsl:with-param name="n" select="number($m)"/>
            <xsl:with-param name="one" select="'månad'"/>
            <xsl:with-param name="many" select="'månader'"/>
          </xsl:call-template>
        </part>
      </xsl:if>
      <xsl:if test="number($w) &gt; 0">
        <part>
          <xsl:call-template name="counted">
            <xsl:with-param name="n" select="number($w)"/>
            <xsl:with-param name="one" select="'vecka'"/>
            <xsl:with-param name="many" select="'veckor'"/>
          </xsl:call-template>
        </part>
      </xsl:if>
      <xsl:if test="number($d) &gt; 0">
        <part>
          <xsl:call-template name="counted">
            <xsl:with-param name="n" select="number($d)"/>
            <xsl:with-param name="one" select="'dag'"/>
            <xsl:with-param name="many" select="'dagar'"/>
          </xsl:call-template>
        </part>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="text" select="string($parts)"/>
    <xsl:choose>
      <xsl:when test="$p = '' or not(starts-with($p, 'P'))">Ej angivet</xsl:when>
      <xsl:when test="$text = ''">ingen tid alls</xsl:when>
      <xsl:otherwise>
        <!-- Join the parts: "a", "a och b", "a, b och c". -->
        <xsl:call-template name="join-rtf">
          <xsl:with-param name="rtf" select="$parts"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Joins the <part> elements of a result tree fragment: "a", "a och b",
    "a, b och c" (through exsl:node-set, which libxslt always provides).
  -->
  <xsl:template name="join-rtf">
    <xsl:param name="rtf"/>
    <xsl:for-each select="exsl:node-set($rtf)/part">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> och </xsl:when>
          <xsl:otherwise>, </xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:value-of select="."/>
    </xsl:for-each>
  </xsl:template>

  <!-- Name of the party with role $role in $agreement (the role if unknown). -->
  <xsl:template name="party-name">
    <xsl:param name="role"/>
    <xsl:param name="agreement" select="ancestor-or-self::agreement[1]"/>
    <xsl:variable name="p" select="$agreement/parties/party[@role = $role][1]"/>
    <xsl:choose>
      <xsl:when test="normalize-space($p/name) != ''">
        <xsl:value-of select="normalize-space($p/name)"/>
        <xsl:if test="normalize-space($p/unit) != ''">, <xsl:value-of select="normalize-space($p/unit)"/></xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$role"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Party names of the <party> nodes given: "A", "A och B", "A, B och C";
    when a name holds a comma the names are separated by "; " instead.
  -->
  <xsl:template name="join-names">
    <xsl:param name="nodes"/>
    <xsl:variable name="sep">
      <xsl:choose>
        <xsl:when test="$nodes[contains(name, ',') or normalize-space(unit) != '']">; </xsl:when>
        <xsl:otherwise>, </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:for-each select="$nodes">
      <xsl:if test="position() &gt; 1">
        <xsl:choose>
          <xsl:when test="position() = last()"> och </xsl:when>
          <xsl:otherwise><xsl:value-of select="$sep"/></xsl:otherwise>
        </xsl:choose>
      </xsl:if>
      <xsl:choose>
        <xsl:when test="normalize-space(name) != ''">
          <xsl:value-of select="normalize-space(name)"/>
          <xsl:if test="normalize-space(unit) != ''">, <xsl:value-of select="normalize-space(unit)"/></xsl:if>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="@role"/></xsl:otherwise>
      </xsl:choose>
    </xsl:for-each>
  </xsl:template>

  <!--
    The civil-society party as a phrase: its name when there is one,
    otherwise a collective noun (lists of long names read badly in clauses).
  -->
  <xsl:template name="civil-label">
    <xsl:choose>
      <xsl:when test="count($civil) = 1">
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$civil"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$civil">de ideella parterna</xsl:when>
      <xsl:otherwise>den ideella parten</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The public party as a phrase: its name when there is one. -->
  <xsl:template name="public-label">
    <xsl:choose>
      <xsl:when test="count($public) = 1">
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$public"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:when test="$public">de offentliga parterna</xsl:when>
      <xsl:otherwise>övriga parter</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The municipal party: its name when there is exactly one, else "kommunen". -->
  <xsl:template name="kommun-label">
    <xsl:choose>
      <xsl:when test="count($kommuner) = 1">
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$kommuner"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>kommunen</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- What kind of organisation a party is, in words. -->
  <xsl:template name="party-kind-label">
    <xsl:param name="kind"/>
    <xsl:variable name="k" select="normalize-space($kind)"/>
    <xsl:choose>
      <xsl:when test="$k = 'kommun'">Kommun</xsl:when>
      <xsl:when test="$k = 'region'">Region</xsl:when>
      <xsl:when test="$k = 'myndighet'">Statlig myndighet</xsl:when>
      <xsl:when test="$k = 'krets'">Rödakorskrets</xsl:when>
      <xsl:when test="$k = 'förening' or $k = 'forening'">Ideell förening</xsl:when>
      <xsl:otherwise><xsl:value-of select="$k"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="phase-label">
    <xsl:param name="phase"/>
    <xsl:choose>
      <xsl:when test="$phase = 'kontakt'">Kontakt</xsl:when>
      <xsl:when test="$phase = 'beslut'">Beslut inom respektive organisation</xsl:when>
      <xsl:when test="$phase = 'kartlaggning'">Kartläggning av behov</xsl:when>
      <xsl:when test="$phase = 'uppdrag'">Gränsdragningar och uppdragsbeskrivning</xsl:when>
      <xsl:when test="$phase = 'signering'">Undertecknande</xsl:when>
      <xsl:when test="$phase = 'aktivt'">Aktivt</xsl:when>
      <xsl:when test="$phase = 'uppfoljning'">Uppföljning</xsl:when>
      <xsl:when test="$phase = 'andring'">Ändring och tillägg</xsl:when>
      <xsl:when test="$phase = 'uppsagd'">Uppsagt</xsl:when>
      <xsl:when test="$phase = 'avslutat'">Avslutat</xsl:when>
      <xsl:otherwise><xsl:value-of select="$phase"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="outcome-label">
    <xsl:param name="outcome"/>
    <xsl:choose>
      <xsl:when test="$outcome = 'bifall'">Bifall</xsl:when>
      <xsl:when test="$outcome = 'avslag'">Avslag</xsl:when>
      <xsl:otherwise><xsl:value-of select="$outcome"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="followup-decision-label">
    <xsl:param name="decision"/>
    <xsl:choose>
      <xsl:when test="$decision = 'continue'">fortsätta</xsl:when>
      <xsl:when test="$decision = 'amend'">ändra</xsl:when>
      <xsl:when test="$decision = 'terminate'">avsluta</xsl:when>
      <xsl:otherwise><xsl:value-of select="$decision"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- A changed field (workflow field name or element path) in words. -->
  <xsl:template name="field-label">
    <xsl:param name="field"/>
    <xsl:choose>
      <xsl:when test="$field = 'titel' or $field = 'title'">Avtalets rubrik</xsl:when>
      <xsl:when test="$field = 'bakgrund' or $field = 'background'">Bakgrund</xsl:when>
      <xsl:when test="$field = 'uppdrag.vem' or $field = 'assignment.who'">Vem utför uppdraget</xsl:when>
      <xsl:when test="$field = 'uppdrag.omfattning' or $field = 'assignment.extent'">Uppdragets omfattning</xsl:when>
      <xsl:when test="$field = 'uppdrag.hur' or $field = 'assignment.how'">Hur uppdraget utförs</xsl:when>
      <xsl:when test="$field = 'uppdrag.ingar-inte' or $field = 'assignment.excluded'">Vad som inte ingår</xsl:when>
      <xsl:when test="$field = 'kommunens-ataganden' or $field = 'commitments'">Kommunens åtaganden</xsl:when>
      <xsl:when test="$field = 'behov.lokala' or $field = 'needs.local'">Lokala behov</xsl:when>
      <xsl:when test="$field = 'behov.malgrupp' or $field = 'needs.targetgroup'">Målgrupp</xsl:when>
      <xsl:when test="$field = 'behov.mal' or $field = 'needs.goals'">Mål</xsl:when>
      <xsl:when test="$field = 'moten' or $field = 'meetings.structure'">Mötesstruktur</xsl:when>
      <xsl:when test="$field = 'stod' or $field = 'support'">Stöd vid problem</xsl:when>
      <xsl:when test="$field = 'avtalstid.start' or $field = 'term.start'">Avtalets startdatum</xsl:when>
      <xsl:when test="$field = 'ort' or $field = 'place'">Ort för undertecknande</xsl:when>
      <xsl:when test="starts-with($field, 'ekonomi.') or starts-with($field, 'economy')">Ekonomiska villkor</xsl:when>
      <xsl:when test="starts-with($field, 'volontarer.') or starts-with($field, 'volunteers')">Volontärer</xsl:when>
      <xsl:otherwise><xsl:value-of select="$field"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The value, or "Ej angivet" when it is empty. -->
  <xsl:template name="or-none">
    <xsl:param name="value"/>
    <xsl:choose>
      <xsl:when test="normalize-space($value) != ''">
        <xsl:call-template name="lines">
          <xsl:with-param name="text" select="$value"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise>Ej angivet</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Text as layout inline content: each line break becomes <br/>. -->
  <xsl:template name="lines">
    <xsl:param name="text"/>
    <xsl:variable name="t" select="string($text)"/>
    <xsl:choose>
      <xsl:when test="contains($t, '&#10;')">
        <xsl:value-of select="normalize-space(substring-before($t, '&#10;'))"/>
        <xsl:if test="normalize-space(substring-after($t, '&#10;')) != ''">
          <br/>
          <xsl:call-template name="lines">
            <xsl:with-param name="text" select="substring-after($t, '&#10;')"/>
          </xsl:call-template>
        </xsl:if>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($t)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!--
    Document attributes, running header and footer for a document about
    the agreement: header "<kind> <id>" / "Version N", footer the title.
    $version overrides the agreement's version; $version-label replaces the
    whole right-hand header text.
  -->
  <xsl:template name="furniture">
    <xsl:param name="doc-title"/>
    <xsl:param name="version"/>
    <xsl:param name="version-label"/>
    <xsl:variable name="v">
      <xsl:choose>
        <xsl:when test="normalize-space($version) != ''"><xsl:value-of select="$version"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$ag/@version"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:attribute name="title">
      <xsl:value-of select="normalize-space($doc-title)"/>
    </xsl:attribute>
    <xsl:attribute name="author">
      <xsl:call-template name="join-names">
        <xsl:with-param name="nodes" select="$parties"/>
      </xsl:call-template>
    </xsl:attribute>
    <xsl:attribute name="subject">
      <xsl:value-of select="concat($kind-title, ' ', $ag/@id, ', version ', $v)"/>
    </xsl:attribute>
    <xsl:attribute name="keywords">
      <xsl:value-of select="concat($kind-title, ', ', normalize-space($ag/title))"/>
    </xsl:attribute>
    <!-- A draft says so on every page until the text is frozen for signing. -->
    <xsl:if test="$ag/assembled/@draft = 'yes' or (not($ag/assembled/@draft) and $draft = 'yes')">
      <xsl:attribute name="watermark">UTKAST</xsl:attribute>
    </xsl:if>
    <header left="{concat($kind-title, ' ', $ag/@id)}">
      <xsl:attribute name="right">
        <xsl:choose>
          <xsl:when test="normalize-space($version-label) != ''">
            <xsl:value-of select="normalize-space($version-label)"/>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="concat('Version ', $v)"/></xsl:otherwise>
        </xsl:choose>
      </xsl:attribute>
    </header>
    <footer left="{normalize-space($ag/title)}"/>
  </xsl:template>

  <!-- A computed <date>'s label (context: the date), or a label for its kind. -->
  <xsl:template name="date-label">
    <xsl:choose>
      <xsl:when test="normalize-space(@label) != ''"><xsl:value-of select="normalize-space(@label)"/></xsl:when>
      <xsl:when test="@kind = 'term-end'">Avtalstiden löper ut</xsl:when>
      <xsl:when test="@kind = 'notice'">Sista dag för uppsägning</xsl:when>
      <xsl:when test="@kind = 'followup'">Skriftlig uppföljning</xsl:when>
      <xsl:when test="@kind = 'renewal'">Förnyelse</xsl:when>
      <xsl:when test="@kind = 'expiry'">Avtalstiden löper ut och avtalet upphör</xsl:when>
      <xsl:when test="@kind = 'meeting'">Möte</xsl:when>
      <xsl:otherwise><xsl:value-of select="@kind"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The needs mapping as a key/value block. -->
  <xsl:template name="needs-kv">
    <xsl:variable name="n" select="$ag/needs"/>
    <kv>
      <item key="Lokala behov">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$n/local"/></xsl:call-template>
      </item>
      <item>
        <xsl:attribute name="key">
          <xsl:text>Vad </xsl:text>
          <xsl:call-template name="civil-label"/>
          <xsl:text> kan bidra med</xsl:text>
        </xsl:attribute>
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$n/branch"/></xsl:call-template>
      </item>
      <item>
        <xsl:attribute name="key">
          <xsl:text>Vad </xsl:text>
          <xsl:call-template name="public-label"/>
          <xsl:text> kan bidra med</xsl:text>
        </xsl:attribute>
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$n/municipality"/></xsl:call-template>
      </item>
      <item key="Målgrupp">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$n/targetgroup"/></xsl:call-template>
      </item>
      <item key="Mål">
        <xsl:call-template name="or-none"><xsl:with-param name="value" select="$n/goals"/></xsl:call-template>
      </item>
    </kv>
  </xsl:template>
</xsl:stylesheet>
