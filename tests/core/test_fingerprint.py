"""One report in several files is recognised from its text."""

from pathlib import Path

from tracker.core.fingerprint import fingerprint, same_document, similarity
from tracker.core.reading import read_bytes

CORPUS = Path(__file__).resolve().parents[2] / "seeds" / "provinces"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}*")).read_text(encoding="utf-8")


def test_same_text_with_other_chrome_and_line_breaks_is_the_same_document():
    text = seed("004_")
    rewrapped = "打印 | 关闭窗口\n字号：大 中 小\n" + text.replace("。", "。\n").replace(",", "，")
    assert same_document(fingerprint(text), fingerprint(rewrapped))


def test_different_reports_are_not_the_same_document():
    a, b = fingerprint(seed("001_")), fingerprint(seed("004_"))
    assert similarity(a, b) < 0.2
    assert not same_document(a, b)
    plan, review = fingerprint(seed("national-2018")), fingerprint(seed("national-2019"))
    assert not same_document(plan, review)


def test_empty_text_has_no_fingerprint():
    assert fingerprint("") == []
    assert not same_document([], [])


def test_docx_and_its_portal_text_are_told_apart_from_the_next_years_report():
    docx = read_bytes((CORPUS / "hubei-2025-gwr.docx").read_bytes()).text
    nxt = (CORPUS / "hubei-2026-gwr.txt").read_text(encoding="utf-8")
    assert not same_document(fingerprint(docx), fingerprint(nxt))
