"""PDF → text, one page at a time (PDFium through pypdfium2): the page count is checked
against the cap before any page is read, each page's text is read and released before the
next, and characters are counted while reading, so memory stays bounded whatever the file
declares. A PDF without a text layer (a scan) or with a password is refused."""

from __future__ import annotations

import re

from .lexicon import PAGE_NUMBER_PATTERN, PDF_HEADING_START_PATTERN
from .limits import Limits, UnreadableDocument
from .messages import MESSAGES

_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


def pdf_to_text(data: bytes, limits: Limits, read_pages: int | None = None) -> tuple[str, bool]:
    """The PDF's text and whether it is all of it (``read_pages``: read only the first pages)."""
    try:
        import pypdfium2 as pdfium

        document = pdfium.PdfDocument(data)
    except Exception as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise UnreadableDocument(MESSAGES["pdf_encrypted"]) from exc
        raise UnreadableDocument(MESSAGES["pdf_broken"]) from exc
    try:
        pages = len(document)
        if pages > limits.max_pdf_pages:
            raise UnreadableDocument(MESSAGES["pdf_pages"].format(pages=pages, limit=limits.max_pdf_pages))
        texts, chars = [], 0
        reading = pages if read_pages is None else min(pages, read_pages)
        for index in range(reading):
            texts.append(_page_text(document, index))
            chars += len(texts[-1])
            if chars > limits.max_chars:
                raise UnreadableDocument(MESSAGES["too_many_chars"].format(limit=limits.max_chars))
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument(MESSAGES["pdf_unreadable"]) from exc
    finally:
        document.close()
    text = "\n".join(t.strip("\n") for t in texts).strip()
    if len(text) < 10:
        raise UnreadableDocument(MESSAGES["pdf_no_text"])
    return reflow(text), reading == pages


def _page_text(document, index: int) -> str:
    page = document[index]
    try:
        textpage = page.get_textpage()
        try:
            text = textpage.get_text_bounded()
        finally:
            textpage.close()
    finally:
        page.close()
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


_PAGE_NUMBER = re.compile(PAGE_NUMBER_PATTERN)
_HEADING_START = re.compile(PDF_HEADING_START_PATTERN)
_LINE_END = ("。", ";", "；", "!", "！", "?", "？", ":", "：")


def reflow(text: str) -> str:
    """Join the lines a PDF wraps inside a paragraph and drop page numbers. A line runs on
    into the next when it is about as long as the page's lines, does not end a sentence, and
    the next line does not open a heading or item; short lines (titles, dates) stand alone."""
    lines = [ln.strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln and not _PAGE_NUMBER.match(ln)]
    if not lines:
        return ""
    lengths = sorted(len(ln) for ln in lines)
    full = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))] * 0.75
    out: list[str] = []
    width = 0  # length of the last physical line of out[-1]
    for line in lines:
        if out and width >= full and not out[-1].endswith(_LINE_END) and not _HEADING_START.match(line):
            out[-1] += line
        else:
            out.append(line)
        width = len(line)
    return "\n".join(out)
