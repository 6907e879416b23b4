"""Extraction on pathological inputs at 100 KB, 300 KB and 1 MB: time, peak memory, growth, jieba ratio.

    python bench/pathological.py

The inputs issue 13 lists, each cut to N bytes of UTF-8 (a file of that size):
  - one line without sentence punctuation: the real corpus, 。！？；and line breaks removed, after a
    title and a review heading;
  - “增长5%，” repeated;
  - a raw one-line portal file: the crawled 2026 reports (page chrome with 字号 and 来源 kept) joined
    into one line, read as an upload is read.
Each size runs in a fresh process (so peak RSS is that size's), extraction then `jieba.lcut` on the
same text. The growth exponent is the least-squares slope of log time over log size.

Bars: exponent <= 1.2 per input; at 1 MB under 10x jieba.lcut and under 400 MB.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

from _bench import MACHINE, ROOT, peak_mb, slope, verdict

HEAD = "2025年某省政府工作报告\n一、2024年工作回顾\n"  # a title and a heading, then the one line
SIZES = (100_000, 300_000, 1_000_000)
TIMEOUT = 600  # seconds per size; a size that outlives it is reported as such
CORPUS = ROOT / "seeds" / "provinces"


def corpus_text(pattern: str) -> str:
    from tracker.core.reading import read_bytes

    return "\n".join(read_bytes(p.read_bytes()).text for p in sorted(CORPUS.glob(pattern))
                     if p.suffix in (".txt", ".docx"))


def repeat_to(text: str, size: int) -> str:
    """``text`` repeated and cut so that its UTF-8 encoding is at most ``size`` bytes."""
    text = text * (size // len(text.encode()) + 1)
    return text.encode()[:size].decode(errors="ignore")


def make(kind: str, size: int) -> bytes:
    if kind == "no sentence punctuation":
        body = corpus_text("*").translate({ord(c): None for c in "。！？；!?;\n\r"})
        return (HEAD + repeat_to(body, size - len(HEAD.encode()))).encode()
    elif kind == "“增长5%，” repeated":
        text = "增长5%，"
    else:  # raw one-line portal file
        text = corpus_text("*-2026-gwr.txt").replace("\r", "").replace("\n", " ")
        assert "字号" in text and "来源" in text
    return repeat_to(text, size).encode()


KINDS = ("no sentence punctuation", "“增长5%，” repeated", "raw one-line portal file (字号, 来源)")


def child(kind: str, size: int) -> None:
    """One size in this fresh process: read as an upload, extract, then jieba.lcut on the same text."""
    from tracker.core.extraction import extract_text
    from tracker.core.indicators import segment
    from tracker.core.reading import read_bytes

    data = make(kind, size)
    segment("预热")  # jieba and the domain dictionary loaded once, as a worker has them
    r = read_bytes(data)
    t = time.perf_counter()
    e = extract_text(r.text, r.format, r.hints)
    seconds = time.perf_counter() - t
    peak = peak_mb()
    t = time.perf_counter()
    segment(r.text)
    jieba = time.perf_counter() - t
    print(json.dumps({"seconds": seconds, "jieba": jieba, "peak_mb": peak, "chars": len(r.text),
                      "commitments": len(e.commitments), "outcomes": len(e.outcomes)}))


def run(kind: str, size: int) -> dict | None:
    try:
        out = subprocess.run([sys.executable, __file__, "--child", kind, str(size)], capture_output=True,
                             text=True, timeout=TIMEOUT, check=True).stdout
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    print(MACHINE)
    print(f"{'input':40} {'size':>7} {'chars':>9} {'extract':>9} {'jieba':>7} {'ratio':>6} {'peak':>7}  found")
    results = {}
    for kind in KINDS:
        rows = []
        for size in SIZES:
            r = run(kind, size)
            rows.append(r)
            if r is None:
                print(f"{kind:40} {size // 1000:>5}KB  outlived the {TIMEOUT} s limit; larger sizes skipped")
                break
            print(f"{kind:40} {size // 1000:>5}KB {r['chars']:>9,} {r['seconds']:>8.2f}s {r['jieba']:>6.2f}s "
                  f"{r['seconds'] / r['jieba']:>5.1f}x {r['peak_mb']:>5.0f}MB  "
                  f"{r['commitments']} commitments, {r['outcomes']} outcomes")
        results[kind] = rows
    print("goals: exponent <= 1.2 (1.0 is linear), 1 MB < 10x jieba.lcut and < 400 MB")
    for kind, rows in results.items():
        done = [r for r in rows if r]
        if len(done) == len(SIZES):
            k = slope(list(SIZES), [r["seconds"] for r in done])
            last = done[-1]
            verdict(f"{kind}: growth exponent 100 KB → 1 MB", f"{k:.2f}", "<= 1.2", k <= 1.2)
            verdict(f"{kind}: 1 MB vs jieba.lcut", f"{last['seconds'] / last['jieba']:.1f}x", "< 10x",
                    last["seconds"] / last["jieba"] < 10)
            verdict(f"{kind}: 1 MB peak memory", f"{last['peak_mb']:.0f} MB", "< 400 MB", last["peak_mb"] < 400)
        else:
            verdict(f"{kind}: all sizes within {TIMEOUT} s", f"stopped at {SIZES[len(done)] // 1000} KB", "1 MB",
                    False)
    raw = results[KINDS[2]]
    verdict("raw one-line portal file is read, not swallowed as header",
            ", ".join(f"{r['commitments'] + r['outcomes']}" for r in raw if r) + " items found",
            "> 0 at every size", all(r and r["commitments"] + r["outcomes"] > 0 for r in raw))
    print("(a time beside 'found: 0' is the time of reading nothing; figures per sentence are capped at 200)")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], int(sys.argv[3]))
    else:
        main()
