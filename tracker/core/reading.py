"""Bytes of an upload → plain text, with the format told by the bytes, not the name.

``.txt`` in UTF-8 (BOM or not), GB18030/GBK or UTF-16 with BOM; ``.docx``
(with Word's automatic numbering restored); ``.pdf`` with a text layer;
``.html`` saved from a portal (article body and portal metadata). Everything
else is refused with a message in Chinese that names what works.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from .docx_text import docx_to_text
from .html_text import check_nesting, html_to_text
from .limits import Limits, UnreadableDocument, check_size
from .messages import MESSAGES, READ_REFUSALS, REFUSALS, SUPPORTED
from .pdf_text import pdf_to_text

__all__ = ["Limits", "ReadText", "UnreadableDocument", "decode_text", "read_bytes", "sniff"]


@dataclass(frozen=True)
class ReadText:
    text: str
    format: str
    hints: dict = field(default_factory=dict)  # title / published / issuer read from the file's metadata
    complete: bool = True  # False: a preview (the first pages of a PDF), for an upload to be parsed later


def sniff(data: bytes) -> str:
    """The format of ``data``: txt, docx, pdf, html, or what it is when refused."""
    head = data[:2048]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return "corrupt_zip"
        return "docx" if "word/document.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "ole"  # .doc / .wps / .xls
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")):
        return "image"
    if head.startswith((b"\x1f\x8b", b"Rar!", b"7z\xbc\xaf", b"BZh")):
        return "archive"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<!doctype html", b"<html", b"<head", b"<meta", b"<body")) or (
        probe.startswith(b"<") and re.search(rb"<(p|div|body|table)[\s>]", data[:20000].lower())
    ):
        return "html"
    return "txt"


def read_bytes(data: bytes, limits: Limits | None = None, *, preview_pages: int | None = None) -> ReadText:
    """The text of ``data``. With ``preview_pages`` a PDF is checked whole (opens, page cap) but
    only its first pages are read: enough to tell an upload's issuer, the full read is the parse's."""
    limits = limits or Limits()
    if not data or not data.strip():
        raise UnreadableDocument(READ_REFUSALS["empty"])
    check_size(len(data), limits)
    fmt = sniff(data)
    if fmt in REFUSALS:
        raise UnreadableDocument(f"{REFUSALS[fmt]}{SUPPORTED}。")
    if fmt == "pdf":
        text, complete = pdf_to_text(data, limits, read_pages=preview_pages)
        return _clean(ReadText(text, "pdf", complete=complete))
    if fmt == "docx":
        return _clean(ReadText(docx_to_text(data, limits), "docx"))
    text = decode_text(data)
    if len(text) > limits.max_chars:
        raise UnreadableDocument(MESSAGES["too_many_chars"].format(limit=limits.max_chars))
    if fmt == "html":
        check_nesting(text, limits.max_html_depth)
        body, hints = html_to_text(text)
        return _checked(_clean(ReadText(body, "html", hints)))
    return _checked(_clean(ReadText(normalise_newlines(text), "txt")))


def _clean(read: ReadText) -> ReadText:
    """NUL characters dropped: they carry nothing, and PostgreSQL refuses them in text."""
    if "\x00" not in read.text and not any("\x00" in str(v) for v in read.hints.values()):
        return read
    hints = {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in read.hints.items()}
    return ReadText(read.text.replace("\x00", ""), read.format, hints, read.complete)


def _checked(read: ReadText) -> ReadText:
    if len(read.text.strip()) < 2:
        raise UnreadableDocument(READ_REFUSALS["too_short"])
    if _cjk_count(read.text) < max(2, len(read.text.strip()) // 50):
        raise UnreadableDocument(READ_REFUSALS["not_chinese"])
    return read


_NOT_CJK = re.compile(r"[^\u4e00-\u9fff]+")


def _cjk_count(text: str, chunk: int = 1 << 20) -> int:
    """Chinese characters in ``text``, a chunk at a time (no list of 18 million matches)."""
    return sum(len(_NOT_CJK.sub("", text[i:i + chunk])) for i in range(0, len(text), chunk))


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def decode_text(data: bytes) -> str:
    """Strict decoding: UTF-16 by BOM, then UTF-8 (BOM or not), GB18030, then a detector
    restricted to Chinese encodings (detectors call short GBK text Korean)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise UnreadableDocument(READ_REFUSALS["utf16_broken"]) from exc
    if b"\x00" in data[:4096]:
        raise UnreadableDocument(READ_REFUSALS["binary"].format(supported=SUPPORTED))
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "gbk", "gb2312", "big5", "utf_8", "hz"]).best()
    if best is not None and _plausible(str(best)):
        return str(best)
    raise UnreadableDocument(READ_REFUSALS["encoding"].format(supported=SUPPORTED))


def _plausible(text: str) -> bool:
    if not text:
        return False
    allowed = len(text) // 200
    controls = 0
    for _ in _CONTROLS.finditer(text):  # control characters other than \t \n \f \r
        controls += 1
        if controls > allowed:
            return False
    return True


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
