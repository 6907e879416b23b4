"""What the readers tell a user when a file is refused: messages, in Chinese, as data.

Kept out of the reading modules so that their rules hold no Chinese literals
(tests/core/test_vocabulary.py); ``str.format`` fields are filled by the reader.
"""

from __future__ import annotations

MESSAGES = {
    "pdf_pages": "PDF 页数过多:{pages} 页,上限 {limit} 页。",
    "pdf_broken": "PDF 文件已损坏,无法打开。",
    "pdf_unreadable": "PDF 文件已损坏,无法读取文字。",
    "too_many_chars": "文件文字过多:超过 {limit:,} 个字符,请拆分后上传。",
    "docx_broken": "DOCX 文件已损坏,无法打开。",
    "zip_bomb": "DOCX 文件解压后体积异常(疑似压缩炸弹),已拒绝。",
    "html_nesting": "HTML 页面嵌套层级过深(超过 {limit} 层),无法可靠提取正文,已拒绝。请另存为 TXT 或 DOCX 后上传。",
}
