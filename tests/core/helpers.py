"""Helpers shared by the engine tests (tests/core): one place, imported, never copied."""

from tracker.core.assessment import assess
from tracker.core.extraction import extract_text

PLAN_BODY = "今年要着力扩大内需，力争地区生产总值增长5%左右，确保城镇新增就业60万人以上。" * 4
REVIEW_BODY = "过去一年，我们取得了新成效，地区生产总值增长5.2%，同比提高0.3个百分点，获评全国先进。" * 4


def find(items, fragment, number=None, attr="target"):
    hits = [i for i in items if fragment in i.text and (number is None or getattr(i, attr) == number)]
    assert hits, f"nothing with {fragment!r} {number}"
    return hits[0]


def report(title: str, source: str, body_line: str, parts: list[tuple[str, str]]) -> str:
    """A work report written after a structure seen in several provincial reports
    (``../shared/corpus/provinces``): the republishing newspaper in 来源, the body in ``我代表省政府``."""
    lines = [title, "——2026年1月20日在某省第十四届人民代表大会第四次会议上", f"来源：{source}", "各位代表：",
             body_line]
    for heading, body in parts:
        lines += [heading, body]
    return "\n".join(lines) + "\n"


def dept(title: str, review: str, plan: str = "") -> str:
    """A department's 总结 (and 思路, given a plan) of 2023/2024, the smallest shape of one."""
    text = f"{title}\n一、2023年主要工作完成情况\n{review}\n"
    return text + (f"二、2024年工作思路\n{plan}\n" if plan else "")


# A review of year N that also sums up five years (ASSESS-POLICY P5, P6), and the plan it answers:
# test_review_periods.py and test_outcomes.py judge PLAN against REVIEW.
PLAN = """2025年某省政府工作报告
现在，我代表省人民政府向大会报告工作。
一、2024年工作回顾
过去一年，我们取得了新成效，同比提高，获评先进。
二、2025年重点工作
今年要着力扩大内需，确保新建高标准农田500万亩，力争新建5G基站2.3万个以上，力争技术合同成交额突破6000亿元，高新技术企业总量超过1.4万家，新增高新技术企业1000家，城镇新增就业70万人以上，高速公路通车里程突破9300公里，交通、水利分别完成投资2500亿元、800亿元。要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。
"""
REVIEW = """2026年某省政府工作报告
现在，我代表省人民政府向大会报告工作。
一、“十四五”时期和2025年工作回顾
“十四五”时期是极不平凡的五年。五年来，新建改造高标准农田3167万亩，技术合同成交额达到6121亿元，国家高新技术企业1.28万家，城镇新增就业每年超过90万人，高速公路由7473公里增至9310公里。
刚刚过去的2025年，我们取得了新成效。5G基站增至18.8万个，交通、能源、水利完成投资5400多亿元。
二、2026年重点工作
今年要着力扩大内需，力争新建高标准农田600万亩。要推动、要加快、要深化、要强化、要着力、要抓好、要坚持，确保落实，力争突破，今年将全面推进。
"""


def judged():
    return assess(extract_text(PLAN), extract_text(REVIEW))


def one(judgments, fragment):
    hits = [j for j in judgments if fragment in j.commitment.text]
    assert len(hits) == 1, (fragment, [j.commitment.text for j in judgments])
    return hits[0]
