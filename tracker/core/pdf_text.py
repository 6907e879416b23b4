"""PDF → text, page by page, with pypdf for a fast page count and pdfplumber for text.
A PDF without a text layer (a scan) or with a password is refused."""

from __future__ import annotations

import io

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
    return text
