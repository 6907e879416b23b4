"""Chinese numerals and folding (tracker/core/numerals.py)."""

import pytest

from tracker.core.numerals import cn_to_number, fold


@pytest.mark.parametrize("text,value", [("十五", 15), ("一万", 10000), ("三十五", 35), ("两万五千", 25000),
                                        ("一百二十", 120), ("十", 10), ("五六", None), ("进一步", None)])
def test_cn_to_number(text, value):
    assert cn_to_number(text) == value


def test_fold_keeps_length():
    text = "（一）２０２３年，增长８％；"
    assert len(fold(text)) == len(text)
    assert fold(text) == "(一)2023年,增长8%;"


def test_em_spaces_fold_to_spaces_without_moving_offsets():
    assert fold("\u2003\u2003一、") == "  一、"
    assert len(fold("\u00a0\u2009x")) == 3


def test_a_document_is_folded_once_and_a_clause_each_time():
    from tracker.core.numerals import LONG_TEXT, fold

    document = "（一）２０２３年，" * (LONG_TEXT // 9 + 1)
    assert fold(document) is fold(document)  # the stages that each fold the document share one copy
    assert fold(document).startswith("(一)2023年,")
    assert fold("（一）") == "(一)"
