<?xml version="1.0" encoding="UTF-8"?>
<!--
  evidence.xsl - the evidence page (Bevislogg) of the PDF made for signing:
  the signing-stage evidence log (evidence.rng, stage="signing") as a layout
  document whose blocks the renderer puts after the agreement's text.

  It shows every event up to the frozen text (date, actor, event, short
  commit id, what changed) and, for each earlier signed version, its
  signatures (certificate subject, issuer, serial, fingerprint, time-stamp,
  the SHA-256 of the signed revision).  This version's own signatures are
  in the document itself: their details go into the next version's log and
  into the reviewer's export.
-->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="xml" encoding="UTF-8" indent="no"/>

  <xsl:template match="/">
    <xsl:if test="not(evidence[@stage = 'signing'])">
      <xsl:message terminate="yes">evidence.xsl: the input is not a signing-stage evidence log</xsl:message>
    </xsl:if>
    <xsl:apply-templates select="evidence"/>
  </xsl:template>

  <xsl:template match="evidence">
    <document>
      <h1>Bevislogg</h1>
      <p size="small" align="left">
        <xsl:value-of select="concat('Avtal ', @agreement, ', version ', @version,
            ', fruset för undertecknande i commit ', substring(@commit, 1, 10), '. ')"/>
        <xsl:text>Loggen finns också bifogad i PDF-filen som bevislogg.xml.</xsl:text>
      </p>
      <h2 bookmark="no">Händelser</h2>
      <table widths="15 22 47 16">
        <thead>
          <row><cell>Datum</cell><cell>Aktör</cell><cell>Händelse</cell><cell>Commit</cell></row>
        </thead>
        <xsl:apply-templates select="events/event"/>
      </table>
      <xsl:if test="earlier-versions/signed-version">
        <h2 bookmark="no">Underskrifter av tidigare versioner</h2>
        <xsl:apply-templates select="earlier-versions/signed-version"/>
      </xsl:if>
      <p size="small" align="left">
        <xsl:text>Den här versionens underskrifter finns i själva dokumentet. Uppgifterna om dem (certifikat, tidsstämpel och kontrollsumma för den undertecknade revisionen) förs in i nästa versions bevislogg och i granskningsunderlaget från overens export.</xsl:text>
      </p>
    </document>
  </xsl:template>

  <xsl:template match="event">
    <row>
      <cell>
        <xsl:value-of select="substring(@recorded, 1, 10)"/>
        <br/>
        <xsl:value-of select="substring(@recorded, 12, 5)"/>
      </cell>
      <cell>
        <xsl:value-of select="actor/@name"/>
        <xsl:if test="actor/@email != ''">
          <br/>
          <xsl:value-of select="actor/@email"/>
        </xsl:if>
      </cell>
      <cell>
        <b><xsl:value-of select="summary"/></b>
        <xsl:value-of select="concat(' (', @kind)"/>
        <xsl:if test="phase">
          <xsl:value-of select="concat(', fas ', phase/@from)"/>
          <xsl:if test="phase/@from != ''"><xsl:text> → </xsl:text></xsl:if>
          <xsl:value-of select="phase/@to"/>
        </xsl:if>
        <xsl:text>)</xsl:text>
        <xsl:if test="changes">
          <br/>
          <xsl:value-of select="changes"/>
        </xsl:if>
      </cell>
      <cell><xsl:value-of select="substring(@commit, 1, 10)"/></cell>
    </row>
  </xsl:template>

  <xsl:template match="signed-version">
    <h3 bookmark="no">
      <xsl:value-of select="concat('Version ', @version, ' (', @tag, ')')"/>
    </h3>
    <p size="small" align="left">
      <xsl:value-of select="concat('Undertecknad PDF: ', document/@bytes, ' byte, SHA-256 ',
          document/@sha256, '.')"/>
    </p>
    <xsl:if test="not(signatures/signature)">
      <p size="small">Ingen digital underskrift.</p>
    </xsl:if>
    <xsl:apply-templates select="signatures/signature"/>
  </xsl:template>

  <xsl:template match="signature">
    <kv>
      <item key="Underskrift">
        <xsl:value-of select="concat(signer/@name, ' (part ', @party, ')')"/>
      </item>
      <item key="Certifikatets subjekt"><xsl:value-of select="certificate/subject"/></item>
      <item key="Utfärdare"><xsl:value-of select="certificate/issuer"/></item>
      <item key="Serienummer"><xsl:value-of select="certificate/serial"/></item>
      <item key="Fingeravtryck (SHA-256)"><xsl:value-of select="certificate/sha256"/></item>
      <item key="Tid för underskrift"><xsl:value-of select="signing-time"/></item>
      <item key="Tidsstämpel">
        <xsl:choose>
          <xsl:when test="timestamp">
            <xsl:value-of select="concat(timestamp, ' (', timestamp/@tsa, ')')"/>
          </xsl:when>
          <xsl:otherwise>ingen</xsl:otherwise>
        </xsl:choose>
      </item>
      <item key="Undertecknad revision">
        <xsl:choose>
          <xsl:when test="revision">
            <xsl:value-of select="concat(revision/@bytes, ' byte, SHA-256 ', revision/@sha256)"/>
          </xsl:when>
          <xsl:otherwise>okänd</xsl:otherwise>
        </xsl:choose>
      </item>
    </kv>
  </xsl:template>
</xsl:stylesheet>
