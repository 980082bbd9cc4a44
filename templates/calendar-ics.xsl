<?xml version="1.0" encoding="UTF-8"?>
<!--
  calendar-ics.xsl - the meeting calendar (Årshjul) as iCalendar text
  (RFC 5545) from one agreement (root <agreement>) or several (root
  <agreements>).

  One all-day VEVENT per computed <date>: DTSTART;VALUE=DATE the day,
  DTEND the next day (EXSLT date:add), UID "<id>-<kind>-<value>@overens"
  (stable across renderings), DTSTAMP from the parameter so that the output
  is reproducible, SUMMARY "<label> – <agreement title>".  TEXT values are
  escaped (\ ; , and line breaks); lines end in CRLF and are folded so that
  no line is longer than 75 octets, at character boundaries (octets are
  counted through EXSLT str:encode-uri, which percent-encodes each UTF-8
  byte).

  A date whose workflow asks for alarms before its kind gets one VALARM
  (ACTION:DISPLAY) per period, TRIGGER:-P14D and so on before the day.

  Parameters (all optional):
    stamp   DTSTAMP, UTC form 20260401T120000Z (default 19700101T000000Z)
    alarms  "|WORKFLOW/KIND=P14D P1D|WORKFLOW/KIND=P7D|" from the workflows'
            <reminders> (engine/notify/remind_rules.c); default: no alarms
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:date="http://exslt.org/dates-and-times"
                xmlns:str="http://exslt.org/strings"
                exclude-result-prefixes="date str">
  <xsl:include href="common.xsl"/>
  <xsl:output method="text" encoding="UTF-8"/>

  <xsl:param name="stamp" select="'19700101T000000Z'"/>
  <xsl:param name="alarms" select="''"/>

  <xsl:variable name="crlf" select="'&#13;&#10;'"/>
  <!-- A well-formed stamp (digits around T and Z), else the fixed default. -->
  <xsl:variable name="dtstamp">
    <xsl:choose>
      <xsl:when test="string-length($stamp) = 16 and substring($stamp, 9, 1) = 'T'
                      and substring($stamp, 16, 1) = 'Z'
                      and translate($stamp, '0123456789', '') = 'TZ'">
        <xsl:value-of select="$stamp"/>
      </xsl:when>
      <xsl:otherwise>19700101T000000Z</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>

  <xsl:template match="/">
    <xsl:if test="not(agreement or agreements)">
      <xsl:message terminate="yes">calendar-ics.xsl: the input is neither an agreement nor agreements</xsl:message>
    </xsl:if>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'BEGIN:VCALENDAR'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'VERSION:2.0'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'PRODID:-//Överens//Årshjul//SV'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'CALSCALE:GREGORIAN'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'METHOD:PUBLISH'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'X-WR-CALNAME:Årshjul'"/></xsl:call-template>
    <xsl:for-each select="(agreement | agreements/agreement)/dates/date[string-length(@value) = 10]">
      <xsl:sort select="@value"/>
      <xsl:sort select="ancestor::agreement/@id"/>
      <xsl:call-template name="event"/>
    </xsl:for-each>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'END:VCALENDAR'"/></xsl:call-template>
  </xsl:template>

  <!-- One VEVENT for the current <date>. -->
  <xsl:template name="event">
    <xsl:variable name="a" select="ancestor::agreement[1]"/>
    <xsl:variable name="label"><xsl:call-template name="date-label"/></xsl:variable>
    <xsl:variable name="title" select="normalize-space($a/title)"/>
    <xsl:variable name="kind">
      <xsl:choose>
        <xsl:when test="normalize-space($a/kind) != ''"><xsl:value-of select="normalize-space($a/kind)"/></xsl:when>
        <xsl:otherwise>Avtal</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'BEGIN:VEVENT'"/></xsl:call-template>
    <xsl:call-template name="prop">
      <xsl:with-param name="name" select="'UID'"/>
      <xsl:with-param name="value" select="concat($a/@id, '-', @kind, '-', @value, '@overens')"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('DTSTAMP:', $dtstamp)"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('DTSTART;VALUE=DATE:', translate(@value, '-', ''))"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('DTEND;VALUE=DATE:', translate(date:add(@value, 'P1D'), '-', ''))"/>
    </xsl:call-template>
    <xsl:call-template name="prop">
      <xsl:with-param name="name" select="'SUMMARY'"/>
      <xsl:with-param name="value" select="concat($label, ' – ', $title)"/>
    </xsl:call-template>
    <xsl:call-template name="prop">
      <xsl:with-param name="name" select="'DESCRIPTION'"/>
      <xsl:with-param name="value">
        <xsl:value-of select="concat($kind, ' ', $a/@id, ': ', $title, '&#10;Parter: ')"/>
        <xsl:call-template name="join-names">
          <xsl:with-param name="nodes" select="$a/parties/party"/>
        </xsl:call-template>
      </xsl:with-param>
    </xsl:call-template>
    <xsl:call-template name="prop">
      <xsl:with-param name="name" select="'CATEGORIES'"/>
      <xsl:with-param name="value" select="$kind"/>
    </xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'TRANSP:TRANSPARENT'"/></xsl:call-template>
    <xsl:variable name="key" select="concat('|', $a/@workflow, '/', @kind, '=')"/>
    <xsl:if test="contains($alarms, $key)">
      <xsl:for-each select="str:tokenize(substring-before(substring-after($alarms, $key), '|'), ' ')">
        <xsl:call-template name="alarm">
          <xsl:with-param name="before" select="string(.)"/>
          <xsl:with-param name="text" select="concat($label, ' – ', $title)"/>
        </xsl:call-template>
      </xsl:for-each>
    </xsl:if>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'END:VEVENT'"/></xsl:call-template>
  </xsl:template>

  <!-- A VALARM $before (an ISO 8601 period) ahead of the event's start. -->
  <xsl:template name="alarm">
    <xsl:param name="before"/>
    <xsl:param name="text"/>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'BEGIN:VALARM'"/></xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'ACTION:DISPLAY'"/></xsl:call-template>
    <xsl:call-template name="prop">
      <xsl:with-param name="name" select="'DESCRIPTION'"/>
      <xsl:with-param name="value" select="$text"/>
    </xsl:call-template>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat('TRIGGER:-', $before)"/>
    </xsl:call-template>
    <xsl:call-template name="line"><xsl:with-param name="text" select="'END:VALARM'"/></xsl:call-template>
  </xsl:template>

  <!-- A property with a TEXT value, escaped. -->
  <xsl:template name="prop">
    <xsl:param name="name"/>
    <xsl:param name="value"/>
    <xsl:call-template name="line">
      <xsl:with-param name="text" select="concat($name, ':',
          str:replace(str:replace(str:replace(str:replace(str:replace(string($value),
              '\', '\\'), ';', '\;'), ',', '\,'), '&#13;', ''), '&#10;', '\n'))"/>
    </xsl:call-template>
  </xsl:template>

  <!-- Number of UTF-8 octets in $s. -->
  <xsl:template name="octets">
    <xsl:param name="s"/>
    <xsl:variable name="enc" select="str:encode-uri($s, true())"/>
    <xsl:value-of select="string-length($enc)
        - 2 * (string-length($enc) - string-length(translate($enc, '%', '')))"/>
  </xsl:template>

  <!--
    Writes a content line, folded: at most $limit octets, continuation
    lines start with one space (which counts towards their 75).
  -->
  <xsl:template name="line">
    <xsl:param name="text"/>
    <xsl:param name="limit" select="75"/>
    <xsl:variable name="n">
      <xsl:call-template name="octets"><xsl:with-param name="s" select="$text"/></xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$n &lt;= $limit">
        <xsl:value-of select="concat($text, $crlf)"/>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="k">
          <xsl:call-template name="fitting">
            <xsl:with-param name="text" select="$text"/>
            <xsl:with-param name="k" select="$limit"/>
            <xsl:with-param name="limit" select="$limit"/>
          </xsl:call-template>
        </xsl:variable>
        <xsl:value-of select="concat(substring($text, 1, $k), $crlf, ' ')"/>
        <xsl:call-template name="line">
          <xsl:with-param name="text" select="substring($text, $k + 1)"/>
          <xsl:with-param name="limit" select="74"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- The largest number of characters (at most $k) of $text that fit in $limit octets. -->
  <xsl:template name="fitting">
    <xsl:param name="text"/>
    <xsl:param name="k"/>
    <xsl:param name="limit"/>
    <xsl:variable name="n">
      <xsl:call-template name="octets">
        <xsl:with-param name="s" select="substring($text, 1, $k)"/>
      </xsl:call-template>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$n &lt;= $limit or $k &lt;= 1"><xsl:value-of select="$k"/></xsl:when>
      <xsl:otherwise>
        <xsl:call-template name="fitting">
          <xsl:with-param name="text" select="$text"/>
          <xsl:with-param name="k" select="$k - 1"/>
          <xsl:with-param name="limit" select="$limit"/>
        </xsl:call-template>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
