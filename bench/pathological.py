"""Extraction time on pathological plan texts, per size: each doubling should cost about 2x.

    python bench/pathological.py

Five shapes a hostile or broken upload can take (one sentence of thousands of figures, many
short sentences, no punctuation, thousands of headings, digit soup); for each, the time at
1,000 / 2,000 / 4,000 / 8,000 units and the ratio of the last two (2.0 is linear).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tracker.core.extraction import extract_text  # noqa: E402

HEAD = ("2025年某省政府工作报告\n我代表省人民政府向大会报告工作。\n一、2024年工作回顾\n过去一年取得了成效。\n"
        "二、2025年重点工作\n")
SHAPES = {
    "one sentence of n figures": lambda n: HEAD + "力争" + "、".join(f"新增企业{i}家" for i in range(n)) + "。",
    "n short sentences": lambda n: HEAD + "".join(f"力争新增企业{i}家。" for i in range(n)),
    "n words, no punctuation": lambda n: HEAD + "力争新增企业" * n,
    "n headings": lambda n: HEAD + "".join(f"({i % 10})事项\n" for i in range(n)),
    "digit soup of n runs": lambda n: HEAD + "1、2.3%4亿元5-6个" * n,
}
SIZES = (1000, 2000, 4000, 8000)


def main() -> None:
    extract_text(HEAD)  # load jieba once, as a worker does
    print(f"{'shape':28}" + "".join(f"{n:>10,}" for n in SIZES) + "   last ratio")
    for name, make in SHAPES.items():
        times = []
        for n in SIZES:
            text = make(n)
            t = time.perf_counter()
            extract_text(text)
            times.append(time.perf_counter() - t)
        print(f"{name:28}" + "".join(f"{t:>9.3f}s" for t in times) + f"   {times[-1] / times[-2]:.2f}x")


if __name__ == "__main__":
    main()
