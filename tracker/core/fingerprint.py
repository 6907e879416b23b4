"""The same report uploaded as .txt, .docx and .pdf: recognised from its text, not its bytes.

A document's fingerprint is a MinHash signature over the hashes of its normalised
sentences (widths folded, spaces, punctuation and digits' separators dropped), so page
chrome, line wrapping and a few differing lines barely move it. Two signatures agreeing
on most slots are the same text (``similarity`` estimates the Jaccard overlap of their
sentence sets).
"""

from __future__ import annotations

import hashlib
import re

from .numerals import fold

SLOTS = 64
SAME_DOCUMENT = 0.8  # estimated sentence overlap from which two uploads are one report
_MASK = (1 << 61) - 1
_SPLIT = re.compile(r"[。;!?\n]")
_NOISE = re.compile(r"[\s,、:\"'“”‘’()《》\[\]【】·—\-]")
# a fixed family of hash functions h_i(x) = (a_i * x + b_i) mod p, derived from the slot number
_PARAMS = [(int.from_bytes(hashlib.blake2b(f"a{i}".encode(), digest_size=8).digest(), "big") | 1,
            int.from_bytes(hashlib.blake2b(f"b{i}".encode(), digest_size=8).digest(), "big")) for i in range(SLOTS)]


def sentence_keys(text: str) -> set[int]:
    keys = set()
    for raw in _SPLIT.split(fold(text)):
        s = _NOISE.sub("", raw)
        if len(s) >= 8:  # headings and chrome lines (打印, 字号) are too short to tell documents apart
            keys.add(int.from_bytes(hashlib.blake2b(s.encode(), digest_size=8).digest(), "big"))
    return keys


def fingerprint(text: str) -> list[int]:
    """MinHash signature of the text's sentences; empty for a text without sentences."""
    keys = sentence_keys(text)
    if not keys:
        return []
    return [min((a * k + b) & _MASK for k in keys) for a, b in _PARAMS]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated share of sentences the two texts have in common (0 when either is empty)."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)


def same_document(a: list[int], b: list[int]) -> bool:
    return similarity(a, b) >= SAME_DOCUMENT
