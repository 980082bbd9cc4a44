#!/usr/bin/env python3
"""Checks a PDF for the parts of PDF/A-3b that Överens makes sure of.

Usage: check-pdfa.py [--quiet] FILE.pdf

Reads the file's objects through `qpdf --json` (stream data inline and
decoded) and its raw bytes (header, every trailer or cross-reference stream
dictionary of the incremental updates).  Each requirement that fails is printed as "FAIL <name>: why";
the exit status is 1 when any failed, 2 when the file could not be read.
This is not a full PDF/A validator (no veraPDF is packaged for Debian); the
README ("PDF/A-3b") lists what is checked and what is not.

Requirements, by name:
  header            %PDF-1.n (n 4..7) and a comment line of 4 bytes >= 128
  trailer-id        every trailer (or cross-reference stream dictionary) has
                    /ID [<a> <b>], the first part the same
  no-encrypt        no /Encrypt in any trailer
  xmp               the catalog's /Metadata is a /Type /Metadata /Subtype /XML
                    stream holding a well-formed XMP packet
  xmp-pdfaid        pdfaid:part 3, pdfaid:conformance B
  xmp-info          each Info entry (Title, Author, Subject, Keywords,
                    Creator, Producer, CreationDate, ModDate) has the same
                    value in the XMP (dc:title, dc:creator, dc:description,
                    pdf:Keywords, xmp:CreatorTool, pdf:Producer,
                    xmp:CreateDate, xmp:ModifyDate; dates as instants)
  output-intent     /OutputIntents has a /S /GTS_PDFA1 entry whose
                    /DestOutputProfile is an ICC stream with /N 3
  fonts-embedded    every font dictionary in the file (page resources,
                    form XObjects, annotation appearances) except Type3 has
                    a FontDescriptor with FontFile, FontFile2 or FontFile3
  tounicode         every such font has a /ToUnicode stream
  embedded-files    every /EmbeddedFiles entry: a file specification with
                    /F, /UF and an /AFRelationship of the standard's list,
                    listed in the catalog's /AF, its stream with /Subtype (a
                    MIME type) and /Params with /ModDate and /Size; every /AF
                    entry is embedded; at least one file is embedded
  no-actions        no JavaScript, Launch or other forbidden actions, no
                    /JavaScript name tree, no /AA in catalog, pages, widgets
  annotations       every annotation has the print flag, is not hidden and
                    (except Popup and Link) has an /AP with /N;
                    /NeedAppearances is not true
  no-transparency   no transparency group, no soft mask, no constant alpha < 1
"""
import base64
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
FORBIDDEN_ACTIONS = {"/JavaScript", "/Launch", "/Sound", "/Movie", "/ResetForm",
                     "/ImportData", "/Hide", "/SetOCGState", "/Rendition",
                     "/Trans", "/GoTo3DView"}


class Pdf:
    """The objects of a PDF as qpdf's JSON (version 2) shows them."""

    def __init__(self, path):
        out = subprocess.run(
            ["qpdf", "--json=2", "--json-key=qpdf", "--json-stream-data=inline",
             "--decode-level=generalized", path],
            capture_output=True, check=False)
        if out.returncode not in (0, 3):
            raise RuntimeError(out.stderr.decode("utf-8", "replace").strip())
        j = json.loads(out.stdout)
        self.header = j["qpdf"][0]
        self.objs = j["qpdf"][1]
        self.trailer = self.objs.get("trailer", {}).get("value", {})

    def get(self, v):
        """Follows a reference; a stream becomes its dict (data in .data())."""
        if isinstance(v, str) and v.endswith(" R"):
            o = self.objs.get("obj:" + v, {})
            if "stream" in o:
                return o["stream"]["dict"]
            return o.get("value")
        return v

    def data(self, ref):
        o = self.objs.get("obj:" + ref, {}) if isinstance(ref, str) else {}
        d = o.get("stream", {}).get("data")
        return base64.b64decode(d) if d is not None else None

    def catalog(self):
        return self.get(self.trailer.get("/Root")) or {}

    def values(self):
        """Every object's dictionary (streams' dicts), with its key."""
        for k, o in self.objs.items():
            if not k.startswith("obj:"):
                continue
            if "stream" in o:
                yield k[4:], o["stream"]["dict"]
            else:
                yield k[4:], o.get("value")


# ISO 32000-2 / PDF/A-3 Table 43: the relationships an associated file may have.
AF_RELATIONSHIPS = ("/Source", "/Data", "/Alternative", "/Supplement", "/EncryptedPayload",
                    "/FormData", "/Schema", "/Unspecified")


def text(v):
    """A PDF string from qpdf's JSON ("u:text" or "b:hex") as text."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        if b.startswith(b"\xfe\xff"):
            return b[2:].decode("utf-16-be", "replace")
        return b.decode("latin-1")
    return v


def dicts_in(v):
    """Every dictionary inside a value, the value itself included."""
    stack = [v]
    while stack:
        x = stack.pop()
        if isinstance(x, dict):
            yield x
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)


class Checker:
    def __init__(self, path):
        self.path = path
        self.failed = []
        with open(path, "rb") as f:
            self.raw = f.read()
        self.pdf = Pdf(path)

    def fail(self, name, why):
        self.failed.append((name, why))

    # --- the file's bytes --------------------------------------------------

    def check_header(self):
        m = re.match(rb"%PDF-1\.([0-7])\r?\n?%([^\r\n]*)", self.raw)
        if not m:
            self.fail("header", "the file does not start with %PDF-1.n and a comment")
        elif int(m.group(1)) < 4:
            self.fail("header", "PDF version 1.%s is older than 1.4" % m.group(1).decode())
        elif sum(1 for c in m.group(2)[:4] if c >= 128) < 4:
            self.fail("header", "the second line is not a comment of 4 bytes >= 128")

    def check_trailers(self):
        # classic trailers and cross-reference stream dictionaries, in file order
        found = [(m.start(), m.group(1)) for m in
                 re.finditer(rb"trailer\s*<<(.*?)>>\s*startxref", self.raw, re.S)]
        found += [(m.start(), m.group(1)) for m in
                  re.finditer(rb"\d+\s+\d+\s+obj\s*<<((?:(?!>>\s*stream).)*?/Type\s*/XRef\b"
                               rb"(?:(?!>>\s*stream).)*)>>\s*stream", self.raw, re.S)]
        trailers = [t for _, t in sorted(found)]
        if not trailers:
            self.fail("trailer-id", "no trailer dictionary found")
        first = None
        for i, t in enumerate(trailers):
            if b"/Encrypt" in t:
                self.fail("no-encrypt", "trailer %d has /Encrypt" % (i + 1))
            m = re.search(rb"/ID\s*\[\s*<([0-9A-Fa-f]*)>\s*<([0-9A-Fa-f]*)>\s*\]", t)
            if not m:
                self.fail("trailer-id", "trailer %d has no /ID" % (i + 1))
                continue
            if first is None:
                first = m.group(1).lower()
            elif m.group(1).lower() != first:
                self.fail("trailer-id", "trailer %d changes the first /ID part" % (i + 1))
        if "/Encrypt" in self.pdf.trailer:
            self.fail("no-encrypt", "the trailer has /Encrypt")

    # --- metadata ----------------------------------------------------------

    def xmp(self):
        cat = self.pdf.catalog()
        ref = cat.get("/Metadata")
        md = self.pdf.get(ref) or {}
        if md.get("/Type") != "/Metadata" or md.get("/Subtype") != "/XML":
            self.fail("xmp", "the catalog has no /Type /Metadata /Subtype /XML stream")
            return None
        data = self.pdf.data(ref)
        if data is None:
            self.fail("xmp", "the metadata stream could not be read")
            return None
        try:
            return ET.fromstring(data)
        except ET.ParseError as e:
            self.fail("xmp", "the XMP packet is not well-formed XML: %s" % e)
            return None

    @staticmethod
    def xmp_value(root, qname):
        """A simple property as element or attribute; Alt/Seq: the first li."""
        prefix, local = qname.split(":")
        tag = "{%s}%s" % (NS[prefix], local)
        for desc in root.iter("{%s}Description" % NS["rdf"]):
            if tag in desc.attrib:
                return desc.attrib[tag]
            el = desc.find(tag)
            if el is not None:
                li = el.find(".//{%s}li" % NS["rdf"])
                return (li.text if li is not None else el.text) or ""
        return None

    def check_xmp(self):
        root = self.xmp()
        if root is None:
            self.fail("xmp-pdfaid", "no XMP to read pdfaid from")
            self.fail("xmp-info", "no XMP to compare the Info dictionary with")
            return
        part = self.xmp_value(root, "pdfaid:part")
        conf = self.xmp_value(root, "pdfaid:conformance")
        if part != "3" or conf != "B":
            self.fail("xmp-pdfaid", "pdfaid:part %r, pdfaid:conformance %r (want 3, B)"
                      % (part, conf))
        self.check_info(root)

    def check_info(self, root):
        info = self.pdf.get(self.pdf.trailer.get("/Info")) or {}
        pairs = [("/Title", "dc:title"), ("/Author", "dc:creator"),
                 ("/Subject", "dc:description"), ("/Keywords", "pdf:Keywords"),
                 ("/Creator", "xmp:CreatorTool"), ("/Producer", "pdf:Producer")]
        for key, prop in pairs:
            v = text(info.get(key))
            if v is not None and self.xmp_value(root, prop) != v:
                self.fail("xmp-info", "Info %s %r but XMP %s %r"
                          % (key, v, prop, self.xmp_value(root, prop)))
        for key, prop in (("/CreationDate", "xmp:CreateDate"),
                          ("/ModDate", "xmp:ModifyDate")):
            v = text(info.get(key))
            if v is None:
                continue
            x = self.xmp_value(root, prop)
            a, b = pdf_date(v), xmp_date(x)
            if a is None or b is None or a != b:
                self.fail("xmp-info", "Info %s %r but XMP %s %r" % (key, v, prop, x))

    def check_output_intent(self):
        intents = self.pdf.get(self.pdf.catalog().get("/OutputIntents")) or []
        for i in intents:
            d = self.pdf.get(i) or {}
            if d.get("/S") != "/GTS_PDFA1":
                continue
            ref = d.get("/DestOutputProfile")
            prof = self.pdf.get(ref) or {}
            data = self.pdf.data(ref) or b""
            if prof.get("/N") != 3:
                self.fail("output-intent", "the ICC profile has /N %r, not 3" % prof.get("/N"))
            elif len(data) < 132 or data[36:40] != b"acsp":
                self.fail("output-intent", "/DestOutputProfile is not an ICC profile")
            return
        self.fail("output-intent", "no /OutputIntents entry with /S /GTS_PDFA1")

    # --- fonts ---------------------------------------------------------------

    def check_fonts(self):
        seen = set()
        for key, v in self.pdf.values():
            for d in dicts_in(v):
                if d.get("/Type") != "/Font" or d.get("/Subtype") in ("/Type3", "/CIDFontType0",
                                                                      "/CIDFontType2"):
                    continue
                name = "%s (%s)" % (d.get("/BaseFont", "?"), key)
                if name in seen:
                    continue
                seen.add(name)
                self.check_font(d, name)

    def check_font(self, d, name):
        desc_font = d
        if d.get("/Subtype") == "/Type0":
            kids = self.pdf.get(d.get("/DescendantFonts")) or []
            desc_font = self.pdf.get(kids[0]) if kids else {}
        fd = self.pdf.get((desc_font or {}).get("/FontDescriptor")) or {}
        if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            self.fail("fonts-embedded", "font %s is not embedded" % name)
        if "/ToUnicode" not in d:
            self.fail("tounicode", "font %s has no /ToUnicode" % name)

    # --- embedded files --------------------------------------------------------

    def name_tree(self, node, out, depth=0):
        node = self.pdf.get(node) or {}
        names = self.pdf.get(node.get("/Names")) or []
        out.extend(names[1::2])
        for kid in self.pdf.get(node.get("/Kids")) or []:
            if depth < 20:
                self.name_tree(kid, out, depth + 1)

    def check_embedded(self):
        cat = self.pdf.catalog()
        names = self.pdf.get(cat.get("/Names")) or {}
        specs = []
        self.name_tree(names.get("/EmbeddedFiles"), specs)
        af = self.pdf.get(cat.get("/AF")) or []
        if not specs:
            self.fail("embedded-files", "no /EmbeddedFiles entry")
        for ref in specs:
            fs = self.pdf.get(ref) or {}
            label = text(fs.get("/UF")) or text(fs.get("/F")) or str(ref)
            missing = [k for k in ("/F", "/UF", "/AFRelationship") if k not in fs]
            if missing:
                self.fail("embedded-files", "%s lacks %s" % (label, ", ".join(missing)))
            if ref not in af:
                self.fail("embedded-files", "%s is not in the catalog's /AF" % label)
            if "/AFRelationship" in fs and fs["/AFRelationship"] not in AF_RELATIONSHIPS:
                self.fail("embedded-files", "%s has /AFRelationship %s, not one of %s"
                          % (label, fs["/AFRelationship"], ", ".join(AF_RELATIONSHIPS)))
            ef = self.pdf.get(fs.get("/EF")) or {}
            st = self.pdf.get(ef.get("/F")) or {}
            params = self.pdf.get(st.get("/Params")) or {}
            if not isinstance(st.get("/Subtype"), str) or "/" not in st["/Subtype"][1:]:
                self.fail("embedded-files", "%s has no MIME /Subtype" % label)
            if "/ModDate" not in params or "/Size" not in params:
                self.fail("embedded-files", "%s has no /Params with /ModDate and /Size" % label)
        for ref in af:
            if ref not in specs:
                self.fail("embedded-files", "/AF entry %s is not an embedded file" % (ref,))

    # --- actions, annotations, transparency ------------------------------------

    def check_actions(self):
        names = self.pdf.get(self.pdf.catalog().get("/Names")) or {}
        if "/JavaScript" in names:
            self.fail("no-actions", "the catalog has a /JavaScript name tree")
        if "/AA" in self.pdf.catalog():
            self.fail("no-actions", "the catalog has /AA")
        for key, v in self.pdf.values():
            for d in dicts_in(v):
                if d.get("/S") in FORBIDDEN_ACTIONS and d.get("/Type") != "/OutputIntent":
                    self.fail("no-actions", "object %s has a %s action" % (key, d["/S"]))
                if d.get("/Type") == "/Page" and "/AA" in d:
                    self.fail("no-actions", "page %s has /AA" % key)
                if d.get("/Subtype") == "/Widget" and "/AA" in d:
                    self.fail("no-actions", "widget %s has /AA" % key)

    def check_annotations(self):
        form = self.pdf.get(self.pdf.catalog().get("/AcroForm")) or {}
        if form.get("/NeedAppearances") is True:
            self.fail("annotations", "/AcroForm has /NeedAppearances true")
        for key, v in self.pdf.values():
            if not isinstance(v, dict) or v.get("/Type") != "/Page":
                continue
            for a in self.pdf.get(v.get("/Annots")) or []:
                self.check_annotation(self.pdf.get(a) or {}, a)

    def check_annotation(self, a, ref):
        flags = a.get("/F", 0) if isinstance(a.get("/F"), int) else 0
        if not flags & 4:
            self.fail("annotations", "annotation %s lacks the print flag" % ref)
        if flags & (1 | 2 | 32):
            self.fail("annotations", "annotation %s is hidden or invisible" % ref)
        if a.get("/Subtype") in ("/Popup", "/Link"):
            return
        ap = self.pdf.get(a.get("/AP")) or {}
        if "/N" not in ap:
            self.fail("annotations", "annotation %s has no normal appearance" % ref)

    def check_transparency(self):
        for key, v in self.pdf.values():
            for d in dicts_in(v):
                if d.get("/S") == "/Transparency":
                    self.fail("no-transparency", "object %s has a transparency group" % key)
                if "/SMask" in d and d["/SMask"] != "/None":
                    self.fail("no-transparency", "object %s has a soft mask" % key)
                for k in ("/CA", "/ca"):
                    if isinstance(d.get(k), (int, float)) and d[k] < 1:
                        self.fail("no-transparency", "object %s has %s %s" % (key, k, d[k]))

    def run(self):
        self.check_header()
        self.check_trailers()
        self.check_xmp()
        self.check_output_intent()
        self.check_fonts()
        self.check_embedded()
        self.check_actions()
        self.check_annotations()
        self.check_transparency()
        return self.failed


def pdf_date(s):
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(Z|[+-]\d\d'?\d\d'?)?", s or "")
    if not m:
        return None
    t = datetime(*[int(g) for g in m.groups()[:6]], tzinfo=timezone.utc)
    z = (m.group(7) or "Z").replace("'", "")
    if z[0] in "+-":
        off = timedelta(hours=int(z[1:3]), minutes=int(z[3:5]))
        t = t - off if z[0] == "+" else t + off
    return t


def xmp_date(s):
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d+)?(Z|[+-]\d\d:\d\d)?$",
                 s or "")
    if not m:
        return None
    t = datetime(*[int(g) for g in m.groups()[:6]], tzinfo=timezone.utc)
    z = m.group(7) or "Z"
    if z[0] in "+-":
        off = timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
        t = t - off if z[0] == "+" else t + off
    return t


def main(argv):
    quiet = "--quiet" in argv
    args = [a for a in argv[1:] if a != "--quiet"]
    if len(args) != 1:
        sys.stderr.write("usage: check-pdfa.py [--quiet] FILE.pdf\n")
        return 2
    try:
        failed = Checker(args[0]).run()
    except (OSError, RuntimeError, ValueError, KeyError, IndexError) as e:
        sys.stderr.write("%s: cannot read: %s\n" % (args[0], e))
        return 2
    for name, why in failed:
        print("FAIL %s: %s" % (name, why))
    if not failed and not quiet:
        print("%s: all PDF/A-3b checks passed" % args[0])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
