"""Extraction speed and memory: the whole pipeline vs jieba's segmentation alone, on the same texts.

    python bench/extract_speed.py [CORPUS_DIR]

Reads every distinct document once: the seeds and the province corpus (default seeds/provinces,
.docx and .txt as users upload them). Each text is
extracted once with the engine's caches cleared before it (a worker sees a new
document every time), and segmented once by `jieba.lcut`. Prints characters per
second for both, their ratio, a per-document spread, and the peak memory.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.core import assessment, indicators  # noqa: E402
from tracker.core.extraction import extract_text  # noqa: E402
from tracker.core.indicators import segment  # noqa: E402
from tracker.core.reading import read_bytes  # noqa: E402


def clear_caches() -> None:
    indicators.content_tokens.cache_clear()
    assessment.split_unit.cache_clear()


def main() -> None:
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "seeds" / "provinces"
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if corpus_dir.is_dir():
        paths += sorted(p for p in corpus_dir.iterdir() if p.suffix in (".txt", ".docx"))
    reads = [read_bytes(p.read_bytes()) for p in paths]
    texts = [r.text for r in reads]
    chars = sum(len(t) for t in texts)
    segment("预热")  # load jieba and the domain dictionary once, as a worker does
    ratios, pipeline, jieba_only = [], 0.0, 0.0
    for r in reads:
        clear_caches()
        t0 = time.perf_counter()
        extract_text(r.text, r.format, r.hints)
        t1 = time.perf_counter()
        segment(r.text)
        t2 = time.perf_counter()
        pipeline += t1 - t0
        jieba_only += t2 - t1
        ratios.append((t1 - t0) / (t2 - t1))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"texts: {len(texts)} distinct documents, {chars:,} characters, each read once, caches cleared")
    print(f"extract pipeline: {chars / pipeline:,.0f} chars/s ({pipeline:.2f} s)")
    print(f"jieba.lcut alone: {chars / jieba_only:,.0f} chars/s ({jieba_only:.2f} s)")
    print(f"pipeline / jieba time: {pipeline / jieba_only:.2f}x overall (target <= 1.5x); per document "
          f"median {statistics.median(ratios):.2f}x, worst {max(ratios):.2f}x")
    print(f"peak memory (max RSS): {peak_mb:.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
