"""DOCX → text: paragraphs and tables in body order, with Word's automatic
numbering (一、/（一）/1.) restored from ``numbering.xml`` — python-docx leaves it
out of ``paragraph.text``."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from .lexicon import NUMERAL_TEN, NUMERAL_TWO_COUNTED, NUMERAL_ZERO
from .limits import Limits, UnreadableDocument
from .messages import MESSAGES
from .numerals import DIGITS

_CN = [NUMERAL_ZERO, *(k for k, v in sorted(DIGITS.items(), key=lambda kv: kv[1]) if v and k != NUMERAL_TWO_COUNTED)]


def _cn_number(n: int) -> str:
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return NUMERAL_TEN + (_CN[n - 10] if n > 10 else "")
    return _CN[n // 10] + NUMERAL_TEN + (_CN[n % 10] if n % 10 else "")


def _format_number(fmt: str, n: int) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified",
               "taiwaneseCountingThousand", "japaneseCounting"):
        return _cn_number(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "bullet" or fmt == "none":
        return ""
    return str(n)


_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_CHUNK = 64 * 1024


def _check_zip(data: bytes, limits: Limits) -> None:
    """Refuse a zip bomb by what its members really inflate to, counted while inflating in
    bounded chunks (the sizes a zip declares are not trusted: a 1 MB file may declare 1,000
    bytes and inflate to 1 GiB)."""
    budget = min(limits.max_unzipped_bytes, limits.max_zip_ratio * max(len(data), 1))
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise UnreadableDocument(MESSAGES["docx_broken"]) from exc
    total = 0
    for info in infos:
        total += _inflated_size(data, info, budget - total)
        if total > budget:
            raise UnreadableDocument(MESSAGES["zip_bomb"])


def _inflated_size(data: bytes, info: zipfile.ZipInfo, budget: int) -> int:
    """The bytes ``info``'s data inflates to, stopping once past ``budget``."""
    offset = info.header_offset
    header = data[offset:offset + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise UnreadableDocument(MESSAGES["docx_broken"])
    fields = _LOCAL_HEADER.unpack(header)
    start = offset + _LOCAL_HEADER.size + fields[9] + fields[10]
    raw = memoryview(data)[start:]  # the declared compressed size is not trusted either
    if info.compress_type == zipfile.ZIP_STORED:
        return min(info.compress_size, len(raw))
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise UnreadableDocument(MESSAGES["docx_broken"])
    inflater, size, pos = zlib.decompressobj(-zlib.MAX_WBITS), 0, 0
    try:
        while not inflater.eof and size <= budget:
            chunk = inflater.unconsumed_tail or raw[pos:pos + _CHUNK]
            if not inflater.unconsumed_tail:
                pos += len(chunk)
                if not chunk:
                    break
            size += len(inflater.decompress(chunk, _CHUNK))
    except zlib.error as exc:
        raise UnreadableDocument(MESSAGES["docx_broken"]) from exc
    return size


def docx_to_text(data: bytes, limits: Limits) -> str:
    _check_zip(data, limits)
    try:
        import docx
        from docx.oxml.ns import qn

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on broken parts
        raise UnreadableDocument(MESSAGES["docx_broken"]) from exc

    numbering = _numbering(document, qn)
    counters: dict[tuple[str, int], int] = {}
    lines: list[str] = []
    body = document.element.body
    chars = 0
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child, numbering, counters, qn))
        elif child.tag == qn("w:tbl"):
            for row in child.iter(qn("w:tr")):
                cells = []
                for cell in row.iter(qn("w:tc")):
                    cells.append("".join(t.text or "" for t in cell.iter(qn("w:t"))))
                lines.append("\t".join(cells))
        else:
            continue
        chars += len(lines[-1]) + 1
        if chars > limits.max_chars:  # counted while reading, paragraph by paragraph
            raise UnreadableDocument(MESSAGES["too_many_chars"].format(limit=limits.max_chars))
    text = "\n".join(lines).strip()
    if not text:
        raise UnreadableDocument(MESSAGES["docx_empty"])
    return text


def _numbering(document, qn) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId → level → (numFmt, lvlText, start)."""
    try:
        part = document.part.numbering_part
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    root = part.element
    abstract = {}
    for an in root.iter(qn("w:abstractNum")):
        levels = {}
        for lvl in an.iter(qn("w:lvl")):
            ilvl = int(lvl.get(qn("w:ilvl")))
            fmt = lvl.find(qn("w:numFmt"))
            text = lvl.find(qn("w:lvlText"))
            start = lvl.find(qn("w:start"))
            levels[ilvl] = (
                fmt.get(qn("w:val")) if fmt is not None else "decimal",
                text.get(qn("w:val")) if text is not None else "",
                int(start.get(qn("w:val"))) if start is not None else 1,
            )
        abstract[an.get(qn("w:abstractNumId"))] = levels
    out = {}
    for num in root.iter(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        if ref is not None:
            out[num.get(qn("w:numId"))] = abstract.get(ref.get(qn("w:val")), {})
    return out


def _paragraph_text(p, numbering, counters, qn) -> str:
    text = "".join(t.text or "" for t in p.iter(qn("w:t")))
    num_pr = p.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if num_pr is None:
        return text
    num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
    if num_id_el is None:
        return text
    num_id = num_id_el.get(qn("w:val"))
    ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
    levels = numbering.get(num_id, {})
    if ilvl not in levels:
        return text
    for key in [k for k in counters if k[0] == num_id and k[1] > ilvl]:
        del counters[key]  # a higher level restarts the ones below it
    fmt, pattern, start = levels[ilvl]
    counters[(num_id, ilvl)] = counters.get((num_id, ilvl), start - 1) + 1
    label = pattern
    for lv in range(ilvl + 1):
        if f"%{lv + 1}" in label:
            lv_fmt, _, lv_start = levels.get(lv, ("decimal", "", 1))
            n = counters.get((num_id, lv), lv_start)
            label = label.replace(f"%{lv + 1}", _format_number(lv_fmt, n))
    return label + text
