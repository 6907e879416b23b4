"""PDF → text, page by page, with pypdf for a fast page count and pdfplumber for text.
A PDF without a text layer (a scan) or with a password is refused."""

from __future__ import annotations

import io
import re

from .reading import Limits, UnreadableDocument


def pdf_to_text(data: bytes, limits: Limits) -> str:
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise UnreadableDocument("PDF 已加密,请上传未加密的文件。")
        pages = len(reader.pages)
    except UnreadableDocument:
        raise
    except Exception as exc:
        raise UnreadableDocument("PDF 文件已损坏,无法打开。") from exc
    if pages > limits.max_pdf_pages:
        raise UnreadableDocument(f"PDF 页数过多:{pages} 页,上限 {limits.max_pdf_pages} 页。")
    try:
        import pdfplumber

        with pdfplumber.open(io.BytesIO(data)) as pdf:
            texts = [(page.extract_text() or "") for page in pdf.pages]
    except Exception as exc:
        raise UnreadableDocument("PDF 文件已损坏,无法读取文字。") from exc
    text = "\n".join(t.strip("\n") for t in texts).strip()
    if len(text) < 10:
        raise UnreadableDocument("PDF 没有文本层(可能是扫描件),请上传带文字的 PDF 或 DOCX。")
    return reflow(text)


_PAGE_NUMBER = re.compile(r"^[-—\s]*(第\s*)?\d{1,4}(\s*页)?[-—\s]*$|^\d+\s*/\s*\d+$")
_HEADING_START = re.compile(r"^(第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+[、.]"
                            r"|[(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[、.．](?!\d)|[一二三四五六七八九十]+是)")
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
