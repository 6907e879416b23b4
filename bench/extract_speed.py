"""Extraction time against jieba's segmentation alone, on the same distinct real texts.

    python bench/extract_speed.py [CORPUS_DIR]

Reads every distinct document once: the seeds and the province corpus (default seeds/provinces,
.docx and .txt as users upload them; a text read twice is counted once). Each text is extracted
once with every engine cache emptied before it (a worker sees a new document every time) and
segmented once by `jieba.lcut` (the engine's own jieba, domain dictionary loaded once beforehand).

Bars: extraction <= 0.7x jieba.lcut (issue 13) and <= 1.5x (issue 10's looser bar).
"""

from __future__ import annotations

import hashlib
import statistics
import sys
import time
from pathlib import Path

from _bench import MACHINE, ROOT, clear_engine_caches, peak_mb, verdict

from tracker.core.extraction import extract_text
from tracker.core.indicators import segment  # (jieba.lcut with the domain dictionary)
from tracker.core.reading import read_bytes


def distinct_reads(corpus_dir: Path) -> list:
    paths = sorted((ROOT / "seeds").glob("*.txt"))
    if corpus_dir.is_dir():
        paths += sorted(p for p in corpus_dir.iterdir() if p.suffix in (".txt", ".docx"))
    reads, seen = [], set()
    for p in paths:
        r = read_bytes(p.read_bytes())
        digest = hashlib.sha256(r.text.encode()).digest()
        if digest not in seen:
            seen.add(digest)
            reads.append(r)
    return reads


def main() -> None:
    corpus_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "seeds" / "provinces"
    reads = distinct_reads(corpus_dir)
    chars = sum(len(r.text) for r in reads)
    segment("预热")  # load jieba and the domain dictionary once, as a worker does
    ratios, pipeline, jieba_only = [], 0.0, 0.0
    for r in reads:
        clear_engine_caches()
        t0 = time.perf_counter()
        extract_text(r.text, r.format, r.hints)
        t1 = time.perf_counter()
        segment(r.text)
        t2 = time.perf_counter()
        pipeline += t1 - t0
        jieba_only += t2 - t1
        ratios.append((t1 - t0) / (t2 - t1))
    ratio = pipeline / jieba_only
    print(MACHINE)
    print(f"texts: {len(reads)} distinct documents, {chars:,} characters, each read once, caches cleared before each")
    print(f"extraction:       {chars / pipeline:>9,.0f} chars/s ({pipeline:.2f} s)")
    print(f"jieba.lcut alone: {chars / jieba_only:>9,.0f} chars/s ({jieba_only:.2f} s)  <- this machine's yardstick")
    print(f"extraction / jieba.lcut: {ratio:.2f}x overall; per document median {statistics.median(ratios):.2f}x, "
          f"worst {max(ratios):.2f}x")
    print(f"peak memory (max RSS): {peak_mb():.0f} MB")
    verdict("extraction vs jieba.lcut (issue 13)", f"{ratio:.2f}x", "<= 0.7x", ratio <= 0.7)
    verdict("extraction vs jieba.lcut (issue 10)", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5)


if __name__ == "__main__":
    main()
