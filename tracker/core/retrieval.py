"""BM25 over jieba tokens: the review sentences most related to a commitment.

Used for qualitative and milestone commitments, which have no figure to match.
The index is built once per review; a query touches only the postings of its
own tokens, so cost grows with the query, not with the review.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .indicators import content_tokens


@dataclass(frozen=True)
class Passage:
    text: str
    start: int
    end: int


class BM25:
    def __init__(self, passages: list[Passage], k1: float = 1.5, b: float = 0.75) -> None:
        self.passages = passages
        self.k1, self.b = k1, b
        self.docs = [Counter(content_tokens(p.text)) for p in passages]
        self.lengths = [sum(d.values()) for d in self.docs]
        self.avg = (sum(self.lengths) / len(self.lengths)) if self.lengths else 1.0
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(self.docs):
            for token in d:
                self.postings[token].append(i)
        n = len(passages)
        self.idf = {t: math.log(1 + (n - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def search(self, query_tokens: set[str] | frozenset[str], top: int = 3) -> list[tuple[float, int]]:
        scores: dict[int, float] = defaultdict(float)
        for token in query_tokens:
            idf = self.idf.get(token)
            if idf is None:
                continue
            for i in self.postings[token]:
                tf = self.docs[i][token]
                norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
                scores[i] += idf * tf * (self.k1 + 1) / norm
        return sorted(((s, i) for i, s in scores.items()), reverse=True)[:top]
