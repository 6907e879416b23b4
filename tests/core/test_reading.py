"""Every supported format, and every kind of bad input, on fixtures the tests generate."""

import pytest

from tests.fixtures import documents as fx
from tracker.core.extraction import extract_text
from tracker.core.reading import Limits, UnreadableDocument, read_bytes


def extract(data: bytes):
    read = read_bytes(data)
    return read, extract_text(read.text, read.format, read.hints)


def test_gbk_text():
    read, x = extract(fx.gbk_text())
    assert read.format == "txt" and "专精特新" in read.text
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(15, "家")]


def test_utf8_bom_and_crlf():
    read = read_bytes(("一、2022年工作总结\r\n全年新增规上企业12家。\r\n").encode("utf-8-sig"))
    assert read.text.startswith("一、") and "\r" not in read.text


def test_utf16_with_bom():
    read, x = extract(fx.utf16_text())
    assert [(o.value, o.unit) for o in x.outcomes] == [(12, "家")]


def test_docx_numbering_is_restored():
    read, x = extract(fx.docx_with_numbering())
    assert read.format == "docx"
    lines = read.text.split("\n")
    assert "一、2022年工作总结" in lines and "二、2023年工作思路" in lines and "(一)着力提升产业链竞争力" in lines
    assert "指标\t工业投资增长10%" in lines
    # the table sits in the plan part: its row is a target too
    assert [(c.target, c.unit, c.strength) for c in x.commitments if c.target] == [(15, "家", "力争"), (10, "%", None)]
    assert {(o.value, o.unit) for o in x.outcomes} >= {(12, "家"), (30, "亿元")}


def test_pdf_with_chinese_text_layer():
    read, x = extract(fx.pdf(["二、2023年工作思路", "一是完善企业梯队培育。力争新增专精特新企业15家。"]))
    assert read.format == "pdf"
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(15, "家")]


def test_portal_html_body_and_metadata():
    read, x = extract(fx.PORTAL_HTML.encode("utf-8"))
    assert read.format == "html"
    assert read.hints["published"] == "2022-03-28" and read.hints["issuer"] == "市经信局"
    assert x.document.title == "嘉兴市经信工作2021年总结和2022年思路"
    for noise in ("当前位置", "浏览次数", "分享到", "alert('x')", "注入", "主办单位"):
        assert noise not in read.text
    assert [(c.target, c.unit) for c in x.commitments if c.target] == [(300, "亿元")]


@pytest.mark.parametrize("data,message", [
    (b"", "文件为空"),
    (b"   \n ", "文件为空"),
    (b"a", "过短"),
    (bytes(range(256)) * 40, "二进制"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, ".doc"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "图片"),
    (b"PK\x03\x04garbage-not-a-zip", "损坏"),
    (b"%PDF-1.4 broken", "PDF"),
])
def test_bad_input_gets_a_chinese_message(data, message):
    with pytest.raises(UnreadableDocument) as err:
        read_bytes(data)
    assert message in str(err.value)


def test_scanned_pdf_is_refused():
    with pytest.raises(UnreadableDocument, match="没有文本层"):
        read_bytes(fx.scanned_pdf())


def test_zip_bomb_is_refused():
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_bytes(fx.zip_bomb())


def test_size_limit_is_a_setting():
    with pytest.raises(UnreadableDocument, match="文件过大"):
        read_bytes("全年新增规上企业12家。".encode() * 1000, Limits(max_bytes=1000))


def test_wrong_extension_does_not_matter():
    # a PDF is a PDF whatever its name; the reader never looks at the name
    read = read_bytes(fx.pdf(["一、2022年工作总结", "全年新增规上企业12家。"]))
    assert read.format == "pdf"


def test_encrypted_pdf_is_refused():
    with pytest.raises(UnreadableDocument, match="加密"):
        read_bytes(fx.encrypted_pdf())


def test_pdf_lines_wrapped_inside_a_paragraph_are_joined():
    from tracker.core.pdf_text import reflow

    wrapped = ("区经信局2023年工作总结\n发布日期:2024-01-22\n一、2023年工作总结\n"
               "全年新增规上工业企业45家,累计达到826家。新认定国家级专精特新“小巨人”企\n"
               "业3家、省级专精特新中小企业28家,兑现各类惠企资金2.3亿元,惠及企业1\n"
               "200余家次。\n- 2 -\n二、2024年工作计划\n一是完善梯队培育。")
    assert reflow(wrapped).split("\n") == [
        "区经信局2023年工作总结", "发布日期:2024-01-22", "一、2023年工作总结",
        "全年新增规上工业企业45家,累计达到826家。新认定国家级专精特新“小巨人”企业3家、省级专精特新中小企业28家,"
        "兑现各类惠企资金2.3亿元,惠及企业1200余家次。",
        "二、2024年工作计划", "一是完善梯队培育。"]


def test_wrapped_pdf_extracts_whole_figures():
    read, x = extract(fx.pdf(["一、2023年工作总结",
                              "全年新增规上工业企业45家,累计达到826家。新认定国家级专精特新“小巨人”企",
                              "业3家、省级专精特新中小企业28家,兑现各类惠企资金2.3亿元,惠及企业1",
                              "200余家次。"]))
    assert {(o.value, o.unit) for o in x.outcomes} == {(45, "家"), (826, "家"), (3, "家"), (28, "家"), (2.3, "亿元"),
                                                        (1200, "家次")}
