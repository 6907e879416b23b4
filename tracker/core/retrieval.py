"""BM25 over jieba tokens: the review sentences most related to a commitment.

Used for qualitative and milestone commitments, which have no figure to match.
The index is built once per review. A query reads the postings of its rarest
tokens first and stops once no sentence left unread can reach the top; of the
sentences read, only those that can still reach the top are scored in full.
The common tokens' long postings are not read.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from .indicators import content_tokens

# Scores this close are never told apart by a bound: a sentence is left out only when clearly below.
_MARGIN = 1e-9


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
        n = len(passages)
        df = Counter(token for d in self.docs for token in d)
        self.idf = {t: math.log(1 + (n - k + 0.5) / (k + 0.5)) for t, k in df.items()}
        # what each token adds to each sentence's score, by sentence and by token, and its most
        self.weights = [{t: self._weight(t, i) for t in d} for i, d in enumerate(self.docs)]
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for i, weights in enumerate(self.weights):
            for token, weight in weights.items():
                self.postings[token].append((i, weight))
        self.ceiling = {t: max(w for _, w in p) for t, p in self.postings.items()}
        self.by_token = {t: dict(p) for t, p in self.postings.items()}  # token → {passage: weight}

    def _weight(self, token: str, i: int) -> float:
        tf = self.docs[i][token]
        norm = tf + self.k1 * (1 - self.b + self.b * self.lengths[i] / self.avg)
        return self.idf[token] * tf * (self.k1 + 1) / norm

    def score(self, query_tokens: set[str] | frozenset[str], i: int) -> float:
        """BM25 score of passage ``i``, its tokens' weights added in the query's order."""
        weights = self.weights[i]
        total = 0.0
        for token in query_tokens:
            if token in weights:
                total += weights[token]
        return total

    def search(self, query_tokens: set[str] | frozenset[str], top: int = 3) -> list[tuple[float, int]]:
        """The ``top`` (score, passage index) pairs, best first; of equal scores, the later passage."""
        tokens = sorted((t for t in query_tokens if t in self.idf), key=lambda t: -self.ceiling[t])
        unread = sum(self.ceiling[t] for t in tokens)
        partial: dict[int, float] = defaultdict(float)
        read = 0
        for token in tokens:
            if unread + _MARGIN < _lowest_of_top(partial.values(), top):
                break  # a passage not met yet scores at most ``unread``: below all of the top
            unread -= self.ceiling[token]
            read += 1
            if not partial:
                partial.update(self.by_token[token])  # the first token's weights, copied in C
                continue
            for i, weight in self.postings[token]:
                partial[i] += weight
        # the passages met that can still reach the top, completed with the tokens not read
        floor = _lowest_of_top(partial.values(), top) - unread - _MARGIN
        totals = {i: s for i, s in partial.items() if s >= floor}
        for token in tokens[read:]:
            weights = self.by_token[token]
            for i in totals.keys() & weights.keys():  # a passage without the token adds nothing
                totals[i] += weights[i]
        # totals are added in another order than the query's: the last digits may differ
        cut = _lowest_of_top(totals.values(), top) - _MARGIN
        return heapq.nlargest(top, ((self.score(query_tokens, i), i) for i, s in totals.items() if s >= cut))


def _lowest_of_top(scores, top: int) -> float:
    """The ``top``-th highest of the scores; minus infinity while there are fewer."""
    return sorted(scores, reverse=True)[top - 1] if 0 < top <= len(scores) else -math.inf  # sorted in C
