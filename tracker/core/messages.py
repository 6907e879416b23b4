"""What the readers tell a user when a file is refused: messages, in Chinese, as data.

Kept out of the reading modules so that their rules hold no Chinese literals
(tests/core/test_vocabulary.py); ``str.format`` fields are filled by the reader.
"""

from __future__ import annotations

from .statuses import Status

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

# What a reader supports, told after every refusal of a format (reading.py).
SUPPORTED = "支持的格式:TXT(UTF-8/GBK/GB18030/UTF-16)、DOCX、带文本层的 PDF、HTML"
# Formats refused on sight (reading.sniff), each told with SUPPORTED after it.
REFUSALS = {
    "ole": "无法识别的文件格式:这是旧版 Word/WPS(.doc/.wps)文件,请另存为 DOCX 后上传。",
    "image": "无法识别的文件格式:这是图片,请上传文字版文件。",
    "archive": "无法识别的文件格式:这是压缩包,请解压后逐个上传。",
    "zip": "无法识别的文件格式:这是压缩包而不是 DOCX 文档。",
    "corrupt_zip": "DOCX 文件已损坏,无法打开。",
}
# Why a text is refused after reading (reading.py); {supported} is SUPPORTED.
READ_REFUSALS = {
    "empty": "文件为空。",
    "too_short": "文件内容过短,没有可以解析的文字。",
    "not_chinese": "文件中几乎没有中文文字,可能不是工作总结或计划文档。",
    "utf16_broken": "文件编码无法识别(UTF-16 内容损坏)。",
    "binary": "无法识别的文件格式:内容是二进制数据,不是文本。{supported}。",
    "encoding": "文件编码无法识别,请另存为 UTF-8 或 GBK 文本。{supported}。",
}

# Why a figure is not a target (rejections.py): (label shown to users, a clause the rule exists for).
REJECTIONS = {
    "baseline": ("基数(起点而非目标)", "从平均2-3个月压缩至1个月以内"),
    "describes_noun": ("修饰名词的描述数字", "总投资89亿元的…项目"),
    "size_class": ("规模门槛", "10亿元以上项目"),
    "part_of_name": ("名称中的数字", "8吉瓦电池片"),
    "existing_fact": ("现状陈述", "我国60岁以上人口已达2.5亿"),
    "difference": ("与上年的差额", "比去年增加8000亿元"),
    "approximate_stock": ("约数存量", "区内70余家持证企业"),
    "list_under_way": ("推进中清单的规模", "加快推进“多杆合一”等9个省级重大应用试点建设"),
    "document_contents": ("文件所列内容", "“十四五”规划中6项…指标"),
    "in_title": ("书名号内的数字", "《…2025年行动方案》"),
}

# Why a commitment got its status (assessment.py): "承诺年度 2026 晚于总结年度 2025，尚未到期".
JUDGMENT_TEXTS = {
    Status.NOT_DUE: "承诺年度 {year} 晚于总结年度 {review_year}，尚未到期",
    "completed_list": "所属清单“{name}”在总结中明确全部完成",
    "nearest": "（最接近的是“{text}”，相似度 {similarity:.2f}，不足以认定）",
    "no_figure": "总结中没有找到该指标的数据{nearest}",
    "no_keywords": "承诺没有可检索的关键词",
    "no_statement": "总结中没有相关表述",
    "weak_coverage": "最相关的总结句只覆盖 {coverage:.0%} 的关键词",
    "no_delivery": "，且没有完成类表述",
    "late": "节点要求 {deadline} 前完成，总结称{late}才完成",
    "delivered": "总结中有“{verb}”的明确表述，覆盖 {coverage:.0%} 的关键词",
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
