"""Extraction speed and memory: the whole pipeline vs jieba's segmentation alone, on the same text.

    python bench/extract_speed.py [COPIES]

Prints characters per second for `extract_text` and for `jieba.lcut`, their ratio,
and the peak memory of the process.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.core.extraction import extract_text  # noqa: E402
from tracker.core.indicators import segment  # noqa: E402


def best_of(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    corpus = ["\n".join(texts)] * copies
    chars = sum(len(t) for t in corpus)
    segment("预热")  # load jieba and the domain dictionary once, as a worker does
    extract_text(texts[0])
    pipeline = best_of(lambda: [extract_text(t) for t in corpus])
    jieba_only = best_of(lambda: [segment(t) for t in corpus])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"text: {chars:,} characters ({copies} copies of the {len(texts)} seed documents)")
    print(f"extract pipeline: {chars / pipeline:,.0f} chars/s ({pipeline:.2f} s)")
    print(f"jieba.lcut alone: {chars / jieba_only:,.0f} chars/s ({jieba_only:.2f} s)")
    print(f"pipeline / jieba time: {pipeline / jieba_only:.2f}x (target <= 1.5x)")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
