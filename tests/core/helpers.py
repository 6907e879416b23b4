"""Helpers shared by the engine tests (tests/core): one place, imported, never copied."""

PLAN_BODY = "今年要着力扩大内需，力争地区生产总值增长5%左右，确保城镇新增就业60万人以上。" * 4
REVIEW_BODY = "过去一年，我们取得了新成效，地区生产总值增长5.2%，同比提高0.3个百分点，获评全国先进。" * 4


def find(items, fragment, number=None, attr="target"):
    hits = [i for i in items if fragment in i.text and (number is None or getattr(i, attr) == number)]
    assert hits, f"nothing with {fragment!r} {number}"
    return hits[0]
