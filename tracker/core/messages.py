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
    "html_broken": "HTML 文件无法解析。",
    "html_empty": "HTML 页面中没有正文。",
    "docx_empty": "DOCX 文件中没有文字。",
    "pdf_encrypted": "PDF 已加密,请上传未加密的文件。",
    "pdf_no_text": "PDF 没有文本层(可能是扫描件),请上传带文字的 PDF 或 DOCX。",
    "file_too_big": "文件过大:{size} MB,上限 {limit} MB。",
    "file_unreadable": "无法读取文件:{reason}",
}

# The arithmetic of a score, as a sentence a person can check (scoring.py fills the fields with
# formatted numbers): "越低越好：2.1 ≤ 3，比值 3 / 2.1 = 1.4286".
SCORE_TEXTS = {
    "rank": "排名 {actual} {compare} {target}",
    "lower": "越低越好：{actual} {compare} {target}，比值 {arithmetic}",
    "negative": "实际 {actual} 为负，目标 {target} 为正：得分 0",
    "higher": "{actual} {compare} {target}，比值 {actual} / {target} = {ratio}",
    "approx": "（“左右”容差：≥ {bar} × 目标）",
}
