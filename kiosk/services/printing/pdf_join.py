"""Join many tagged PDFs into one, writing each as it comes, so memory stays flat.

A batch for a hall is hundreds of packs. Each pack is rendered to its own file, then copied
here object by object straight to the output: object numbers move up by a fixed offset per
pack, pages join one page tree, and each pack's structure tree hangs under one structure
root (its parent-tree keys shifted), so the joined file stays tagged, with its language and
title. What stays in memory is one number per object written (its offset) and a few per
page, never a page itself.

The parts are WeasyPrint's own output (pydyf writes every `(` and `)` in a string escaped),
so objects are copied as bytes with their references rewritten, without parsing each one.
"""
from __future__ import annotations

import re
import secrets
import zlib
from array import array
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from pypdf import PdfReader

CATALOG, PAGES, STRUCT_ROOT, METADATA, OUTLINES, INFO = range(1, 7)
FIRST_FREE = 7
# A literal string (skipped whole), a reference, or a page's or annotation's parent-tree key.
_TOKENS = re.compile(rb"\((?:[^\\()]|\\.)*\)|(?<![\w./+-])(\d+) 0 R(?!\w)|(/StructParents? )(\d+)", re.S)
_REF = re.compile(rb"(\d+) 0 R")
_SKIPPED_TYPES = re.compile(rb"/Type\s*/(?:ObjStm|XRef)\b")


def _ref_after(body: bytes, key: bytes) -> int | None:
    """The object number referred to right after `key` in a dictionary, if any."""
    found = re.search(re.escape(key) + rb"\s*(\d+) 0 R", body)
    return int(found.group(1)) if found else None


def _refs_in_array_after(body: bytes, key: bytes) -> list[int]:
    """The object numbers in the array that follows `key`."""
    found = re.search(re.escape(key) + rb"\s*\[([^\]]*)\]", body)
    return [int(n) for n in _REF.findall(found.group(1))] if found else []


def _text(value: str) -> bytes:
    """A PDF text string (UTF-16 with a byte-order mark), safe for any name or language."""
    return b"<" + ("\ufeff" + value).encode("utf-16-be").hex().encode() + b">"


def _xmp(title: str, lang: str) -> bytes:
    """PDF/UA-1 identification, title and language, as XMP."""
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">'
        '<rdf:Description rdf:about="" pdfuaid:part="1"/>'
        f'<rdf:Description rdf:about=""><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}'
        f'</rdf:li></rdf:Alt></dc:title><dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag>'
        '</dc:language></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode("utf-8")


class _Part:
    """One PDF to copy: its bytes, where each object is, and object streams opened on demand."""

    def __init__(self, data: bytes):
        self.data = data
        reader = PdfReader(BytesIO(data))  # reads the cross-reference section only
        self.offsets = reader.xref.get(0, {})
        self.in_streams = reader.xref_objStm
        self.size = int(reader.trailer["/Size"])
        self.root = reader.trailer.raw_get("/Root").idnum
        info = reader.trailer.raw_get("/Info") if "/Info" in reader.trailer else None
        self.info = info.idnum if info is not None else None
        self._streams: dict[int, list[bytes]] = {}

    def numbers(self):
        """Every object number in use, in order."""
        return sorted({*self.offsets, *self.in_streams} - {0})

    def body(self, number: int) -> tuple[bytes, bytes | None]:
        """An object's dictionary (or other value) and, for a stream, its raw data."""
        if number in self.in_streams:
            stream, index = self.in_streams[number]
            return self._objects_of(stream)[index], None
        data, start = self.data, self.offsets[number]
        start = data.index(b"obj", start) + 3
        end = data.index(b"endobj", start)
        keyword = data.find(b"stream", start, end)
        if keyword < 0:
            return data[start:end].strip(), None
        length = int(re.search(rb"/Length (\d+)", data[start:keyword]).group(1))
        begins = keyword + (8 if data[keyword + 6:keyword + 8] == b"\r\n" else 7)
        return data[start:keyword].strip(), data[begins:begins + length]

    def _objects_of(self, stream: int) -> list[bytes]:
        """The objects packed in one object stream, as bytes."""
        if stream not in self._streams:
            head, raw = self.body(stream)
            count = int(re.search(rb"/N (\d+)", head).group(1))
            first = int(re.search(rb"/First (\d+)", head).group(1))
            unpacked = zlib.decompress(raw)
            places = [int(n) for n in unpacked[:first].split()[1::2]] + [len(unpacked) - first]
            self._streams[stream] = [unpacked[first + places[i]:first + places[i + 1]].strip()
                                     for i in range(count)]
        return self._streams[stream]


class PdfJoiner:
    """Append PDFs made by `kiosk.services.printing.pdf.render_pdf` to one open binary file."""

    def __init__(self, out: BinaryIO, *, title: str, lang: str):
        self.out, self.title, self.lang = out, title, lang
        self.offsets = array("q", [-1] * FIRST_FREE)  # by object number; -1: not written
        self.pages = array("q")
        self.documents = array("q")    # each part's top structure elements
        self.parent_keys = array("q")  # (key, object number) pairs of the joined parent tree
        self.outline: list[tuple[str, int]] = []  # (title, first page), one per part
        self.next_key = 0
        self.out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")

    def _place(self, number: int) -> None:
        while len(self.offsets) <= number:
            self.offsets.append(-1)
        self.offsets[number] = self.out.tell()

    def _write(self, number: int, body: bytes, stream: bytes | None = None) -> None:
        self._place(number)
        self.out.write(b"%d 0 obj\n" % number + body)
        if stream is not None:
            self.out.write(b"\nstream\n" + stream + b"\nendstream")
        self.out.write(b"\nendobj\n")

    def append(self, source: str | Path | bytes, outline_title: str, lang: str | None = None) -> int:
        """Copy one PDF's pages and structure in; returns how many pages it had.

        `lang` marks the part's structure with its own language, for batches that mix them.
        """
        part = _Part(source if isinstance(source, bytes) else Path(source).read_bytes())
        base = len(self.offsets) - 1
        self.offsets.extend([-1] * (part.size - 1))  # this part's numbers, kept even if unused
        catalog, _ = part.body(part.root)
        pages_root = _ref_after(catalog, b"/Pages")
        renumber = {pages_root: PAGES}
        struct_root = _ref_after(catalog, b"/StructTreeRoot")
        if struct_root is not None:
            renumber[struct_root] = STRUCT_ROOT
        skipped = self._belonging_to_the_whole(part, catalog, struct_root) | {part.root, pages_root}
        shift = self.next_key
        top = set(self._top_elements(part, struct_root)) if lang else set()

        def rewrite(body: bytes) -> bytes:
            def one(match: re.Match) -> bytes:
                if match.group(1):
                    number = int(match.group(1))
                    return b"%d 0 R" % renumber.get(number, number + base)
                if match.group(2):
                    return match.group(2) + b"%d" % (int(match.group(3)) + shift)
                return match.group(0)
            return _TOKENS.sub(one, body)

        for number in part.numbers():
            if number in skipped:
                continue
            body, stream = part.body(number)
            if stream is not None and _SKIPPED_TYPES.search(body):
                continue
            if number in top:
                body = body.replace(b"<<", b"<< /Lang %s " % _text(lang), 1)
            self._write(number + base, rewrite(body), stream)

        pages = [number + base for number in _refs_in_array_after(part.body(pages_root)[0], b"/Kids")]
        self.pages.extend(pages)
        if pages:
            self.outline.append((outline_title, pages[0]))
        if struct_root is not None:
            self._take_structure(part, struct_root, rewrite)
        return len(pages)

    def _belonging_to_the_whole(self, part: _Part, catalog: bytes, struct_root: int | None) -> set[int]:
        """The part's own info, metadata, outline and parent tree: the joined file has its own."""
        skipped = {part.info, _ref_after(catalog, b"/Metadata")}
        outlines = _ref_after(catalog, b"/Outlines")
        pending = [outlines]
        while pending:  # the outline root and every item under it
            item = pending.pop()
            if item is None or item in skipped:
                continue
            skipped.add(item)
            body, _ = part.body(item)
            pending += [_ref_after(body, b"/First"), _ref_after(body, b"/Next")]
        if struct_root is not None:
            skipped.add(_ref_after(part.body(struct_root)[0], b"/ParentTree"))
        return skipped - {None}

    @staticmethod
    def _top_elements(part: _Part, struct_root: int | None) -> list[int]:
        """The part's top structure elements (its Document), as the part numbers them."""
        if struct_root is None:
            return []
        root, _ = part.body(struct_root)
        return [n for n in _refs_in_array_after(root, b"/K") or [_ref_after(root, b"/K")] if n]

    def _take_structure(self, part: _Part, struct_root: int, rewrite) -> None:
        """Hang the part's structure under the joined root; shift and keep its parent tree."""
        root, _ = part.body(struct_root)
        kids = self._top_elements(part, struct_root)
        self.documents.extend(int(_REF.match(rewrite(b"%d 0 R" % kid)).group(1)) for kid in kids)
        tree, _ = part.body(_ref_after(root, b"/ParentTree"))
        nums = re.search(rb"/Nums\s*\[(.*)\]", tree, re.S).group(1)
        highest = -1
        for key, value in re.findall(rb"(\d+)\s*(\[[^\]]*\]|\d+ 0 R)", nums):
            number = len(self.offsets)
            self._write(number, rewrite(value))
            self.parent_keys.extend((int(key) + self.next_key, number))
            highest = max(highest, int(key))
        self.next_key += highest + 1

    # Finishing ---------------------------------------------------------------------------

    def close(self) -> None:
        """Write the page tree, structure root, outline, catalog, cross-references, trailer."""
        refs = lambda numbers: b" ".join(b"%d 0 R" % n for n in numbers)  # noqa: E731
        self._write(PAGES, b"<< /Type /Pages /Kids [%s] /Count %d >>" % (refs(self.pages), len(self.pages)))
        nums = b" ".join(b"%d %d 0 R" % (self.parent_keys[i], self.parent_keys[i + 1])
                         for i in range(0, len(self.parent_keys), 2))
        self._write(STRUCT_ROOT, b"<< /Type /StructTreeRoot /K [%s] /ParentTree << /Nums [%s] >>"
                                 b" /ParentTreeNextKey %d >>" % (refs(self.documents), nums, self.next_key))
        xmp = _xmp(self.title, self.lang)
        self._write(METADATA, b"<< /Type /Metadata /Subtype /XML /Length %d >>" % len(xmp), xmp)
        self._write_outline()
        self._write(INFO, b"<< /Title %s /Producer %s >>" % (_text(self.title), _text("My Plan")))
        self._write(CATALOG, b"<< /Type /Catalog /Pages %d 0 R /StructTreeRoot %d 0 R"
                             b" /MarkInfo << /Marked true >> /Lang %s /Metadata %d 0 R /Outlines %d 0 R"
                             b" /ViewerPreferences << /DisplayDocTitle true >> >>"
                    % (PAGES, STRUCT_ROOT, _text(self.lang), METADATA, OUTLINES))
        self._write_cross_references()

    def _write_outline(self) -> None:
        """One bookmark per pack, so staff can find a person in a long batch."""
        first = len(self.offsets)
        count = len(self.outline)
        for i, (title, page) in enumerate(self.outline):
            links = (b" /Prev %d 0 R" % (first + i - 1) if i else b"") + (
                b" /Next %d 0 R" % (first + i + 1) if i + 1 < count else b"")
            self._write(first + i, b"<< /Title %s /Parent %d 0 R /Dest [%d 0 R /Fit]%s >>"
                        % (_text(title), OUTLINES, page, links))
        ends = b" /First %d 0 R /Last %d 0 R" % (first, first + count - 1) if count else b""
        self._write(OUTLINES, b"<< /Type /Outlines /Count %d%s >>" % (count, ends))

    def _write_cross_references(self) -> None:
        start = self.out.tell()
        self.out.write(b"xref\n0 %d\n0000000000 65535 f \n" % len(self.offsets))
        for offset in self.offsets[1:]:
            self.out.write(b"0000000000 65535 f \n" if offset < 0 else b"%010d 00000 n \n" % offset)
        file_id = secrets.token_hex(16).encode()
        self.out.write(b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<%s> <%s>] >>\n"
                       b"startxref\n%d\n%%%%EOF\n" % (len(self.offsets), CATALOG, INFO, file_id, file_id, start))
