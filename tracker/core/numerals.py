"""Chinese numerals and width folding.

``cn_to_number("十五")`` → 15, ``cn_to_number("一万")`` → 10000,
``cn_to_number("三十五")`` → 35. Only isolated numeral runs are converted:
the text itself is never rewritten (``进一步`` stays ``进一步``).
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import (
    NUMERAL_BIG_UNITS,
    NUMERAL_DIGITS,
    NUMERAL_HUNDRED_MILLION,
    NUMERAL_SMALL_UNITS,
    NUMERAL_ZEROS,
)

DIGITS = NUMERAL_DIGITS
SMALL_UNITS = NUMERAL_SMALL_UNITS
BIG_UNITS = NUMERAL_BIG_UNITS
NUMERAL_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)

# One-to-one character folding (full-width → half-width) so offsets never move.
_FOLD = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}
# Every Unicode space (no-break, en/em, thin, ideographic) is a plain space: Word's
# published reports indent headings with U+2003 (``\u2003\u2003一、2024年工作回顾``).
_FOLD.update({chr(c): " " for c in (0x00A0, *range(0x2000, 0x200B), 0x202F, 0x205F)})
_FOLD.update({"\u3000": " ", "−": "-", "－": "-", "〔": "(", "〕": ")", "【": "[", "】": "]"})
FOLD_TABLE = str.maketrans(_FOLD)


def fold(text: str) -> str:
    """Fold widths without changing length: ``（一）２０２３年，`` → ``(一)2023年,``.
    A whole document is folded once: the stages that each need it folded (sections, commitments,
    outcomes) get the same folded copy back."""
    if len(text) >= LONG_TEXT:
        return _fold_long(text)
    return text.translate(FOLD_TABLE)


LONG_TEXT = 4096  # a document, not a clause


@lru_cache(maxsize=2)
def _fold_long(text: str) -> str:
    return text.translate(FOLD_TABLE)


def cn_to_number(s: str) -> int | None:
    """Convert a run of Chinese numerals; None if it is not a well-formed number."""
    if not s or any(ch not in NUMERAL_CHARS for ch in s):
        return None
    if all(ch in DIGITS for ch in s) and len(s) > 1:
        if len(s) != 4 and not any(ch in NUMERAL_ZEROS for ch in s):
            return None  # 五六 (five or six) is not 56
        # 二〇二三 written digit by digit
        return int("".join(str(DIGITS[ch]) for ch in s))
    total, section, number = 0, 0, None
    for ch in s:
        if ch in DIGITS:
            if number is not None:
                return None  # two digits in a row: 五六 is not a number
            number = DIGITS[ch]
        elif ch in SMALL_UNITS:
            section += (1 if number is None else number) * SMALL_UNITS[ch]
            number = None
        else:
            section += number or 0
            if ch == NUMERAL_HUNDRED_MILLION:
                total = (total + section) * BIG_UNITS[ch]
            else:
                total = total + section * BIG_UNITS[ch]
            section, number = 0, None
    return total + section + (number or 0)
