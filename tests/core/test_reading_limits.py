"""Streaming limits of the readers: what a file really holds is counted while it is read,
never what it declares; hostile files are refused with a message in Chinese."""

from __future__ import annotations

import io
import resource
import struct
import time
import zipfile

import pytest

from tests.fixtures import documents as fx
from tracker.core.reading import Limits, UnreadableDocument, read_bytes

BODY = "一、2023年工作总结\n全年新增规上企业12家。\n二、2024年工作计划\n2024年力争新增省级专精特新企业15家。\n"


def lying_docx(inflated: int, declared: int = 1000) -> bytes:
    """A docx whose document.xml inflates to ``inflated`` bytes but declares ``declared``."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        with z.open("word/document.xml", "w") as fh:
            chunk = b" " * (1 << 20)
            for _ in range(inflated // len(chunk)):
                fh.write(chunk)
    data = bytearray(out.getvalue())
    name = b"word/document.xml"
    for sig, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        pos = data.index(sig)
        while data[pos + name_at:pos + name_at + len(name)] != name:
            pos = data.index(sig, pos + 1)
        struct.pack_into("<I", data, pos + size_at, declared)
    return bytes(data)


def test_nul_bytes_after_the_first_4k_are_dropped():
    data = ("说明" * 3000).encode() + b"\x00" + BODY.encode()
    read = read_bytes(data)
    assert "\x00" not in read.text and "新增规上企业12家" in read.text


def test_nul_bytes_in_html_are_dropped():
    html = f"<html><body><div id='zoom'><p>{'说明' * 3000}</p><p>\x00{BODY}</p></div></body></html>"
    assert "\x00" not in read_bytes(html.encode()).text


def test_zip_bomb_declaring_small_sizes_is_refused_by_its_real_size():
    data = lying_docx(1024 ** 3)  # 1 GiB of spaces in about 1 MB, declaring 1,000 bytes
    assert len(data) < 2 * 1024 * 1024
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size == 1000
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_bytes(data)
    assert time.perf_counter() - t0 < 10
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mb < 100, f"peak memory grew by {grown_mb:.0f} MB"


def test_the_inflated_budget_follows_the_ratio_limit():
    data = lying_docx(8 * 1024 ** 2)  # 8 MB from a few kB: within 200 MB, past 100 × its size
    with pytest.raises(UnreadableDocument, match="压缩炸弹"):
        read_bytes(data)
    with pytest.raises(UnreadableDocument, match="损坏"):  # allowed by a looser ratio: the lie shows
        read_bytes(data, Limits(max_zip_ratio=10_000))


def test_honest_docx_still_reads():
    assert "专精特新企业15家" in read_bytes(fx.docx_with_numbering()).text


def test_pathological_nesting_is_refused():
    html = "<html><body>" + "<div>" * 100_000 + "2024年力争新增省级专精特新企业15家。" + "</div>" * 100_000
    with pytest.raises(UnreadableDocument, match="嵌套层级过深"):
        read_bytes(html.encode())


def test_ordinary_nesting_reads():
    html = "<html><body>" + "<div>" * 40 + "<div id='zoom'>" + "".join(
        f"<p>{line}</p>" for line in BODY.split("\n")) + "</div>" * 41 + "</body></html>"
    assert "新增规上企业12家" in read_bytes(html.encode()).text


def many_pages(n: int) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for i in range(n):
        c.setFont("STSong-Light", 11)
        c.drawString(40, 800, f"第{i + 1}页:全年新增规上企业12家,完成工业投资30亿元。")
        c.showPage()
    c.save()
    return buf.getvalue()


def test_pdf_page_cap_is_checked_before_reading():
    with pytest.raises(UnreadableDocument, match="页数过多:6 页,上限 5 页"):
        read_bytes(many_pages(6), Limits(max_pdf_pages=5))
    assert read_bytes(many_pages(5), Limits(max_pdf_pages=5)).text.count("新增规上企业12家") == 5


def test_characters_are_counted_while_reading():
    with pytest.raises(UnreadableDocument, match="文字过多"):
        read_bytes(many_pages(20), Limits(max_chars=200))
    with pytest.raises(UnreadableDocument, match="文字过多"):
        read_bytes(BODY.encode() * 50, Limits(max_chars=1000))


def test_an_upload_previews_a_long_pdf_and_the_parse_reads_it_all():
    data = many_pages(12)
    preview = read_bytes(data, preview_pages=3)
    assert preview.text.count("新增规上企业12家") == 3 and not preview.complete
    whole = read_bytes(data)
    assert whole.text.count("新增规上企业12家") == 12 and whole.complete
    with pytest.raises(UnreadableDocument, match="页数过多"):  # the cap is checked even for a preview
        read_bytes(data, Limits(max_pdf_pages=5), preview_pages=3)
