"""Assessment cold at 200x500, 2,000x5,000 and 20,000x50,000 (commitments x outcomes), and linking per
judgment for one real pair copied x1, x10, x100.

    python bench/assess_speed.py

The items are the distinct commitments, outcomes and review sentences the engine extracts from the
seeds and the province corpus, taken in turn from each document. Where a size needs more than the
corpus holds, the corpus is replicated as other issuers: copy k of an item names the issuer k
(石家庄市…) in its text and indicator, so every copy is a text the engine has not seen; all share the
assessed year, so copies compete as candidates as a large review's figures would. Every engine cache
is emptied before each run, and the time includes building the indexes; the smaller sizes are the
median of 5 cold runs, the largest one run.

The pair (山东 2025 plan, its 2026 review) is copied as one document of k plans against k reviews; its
texts are tokenized once before the clock (at every k alike), so the per-judgment time is linking;
x1 is the median of 100 runs, x10 of 10, x100 one run.

Bars: linking time per judgment within 1.5x from x1 to x100 (issue 13); the cold sizes' growth exponent
(log-log slope of time over size) <= 1.2, the linear cost issue 13 asks of every engine stage.
"""

from __future__ import annotations

import hashlib
import statistics
import time
from dataclasses import replace
from itertools import zip_longest

from _bench import MACHINE, ROOT, clear_engine_caches, slope, verdict

from tracker.core.assessment import assess_items, review_passages
from tracker.core.extraction import extract_text
from tracker.core.reading import read_bytes

YEAR = 2025
SIZES = ((200, 500), (2_000, 5_000), (20_000, 50_000))
ISSUERS = ("", *"石家庄市 唐山市 保定市 邯郸市 太原市 大同市 沈阳市 大连市 长春市 吉林市 哈尔滨市 齐齐哈尔市 "
           "合肥市 芜湖市 福州市 厦门市 南昌市 赣州市 济南市 青岛市 郑州市 洛阳市 武汉市 宜昌市 长沙市".split())
PAIR = ("shandong-2025-gwr.docx", "shandong-2026-gwr.txt")
COLD_RUNS = 5  # the smaller sizes take seconds: one run on a shared machine is mostly noise


def read(path):
    r = read_bytes(path.read_bytes())
    return extract_text(r.text, r.format, r.hints)


def round_robin(per_doc: list[list], key) -> list:
    """Items taken in turn from each document, each distinct text once."""
    seen, out = set(), []
    for row in zip_longest(*per_doc):
        for item in row:
            if item is not None and (k := hashlib.sha1(key(item).encode()).digest()) not in seen:
                seen.add(k)
                out.append(item)
    return out


def pools():
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        p for p in (ROOT / "seeds" / "provinces").iterdir() if p.suffix in (".txt", ".docx"))
    docs = [read(p) for p in paths]
    commitments = round_robin([list(d.commitments) for d in docs], lambda c: c.indicator + c.text)
    outcomes = round_robin([list(d.outcomes) for d in docs], lambda o: o.indicator + o.text)
    passages = round_robin([review_passages(d.text, list(d.sections)) for d in docs], lambda p: p.text)
    return commitments, outcomes, passages


def take(pool: list, n: int, **fields) -> list:
    """n items from the pool, copy k naming issuer k; offsets laid end to end."""
    out = []
    for i in range(n):
        k, item = divmod(i, len(pool))
        item = pool[item]
        name = ISSUERS[k]
        changes = {"text": name + item.text, "start": i * 1000, "end": i * 1000 + len(name + item.text)}
        if hasattr(item, "indicator"):
            changes |= {"indicator": name + item.indicator, "year": YEAR}
        out.append(replace(item, **changes, **fields))
    return out


def cold_run(cs: list, os_: list, ps: list) -> float:
    """Seconds to assess the items with every engine cache emptied first."""
    clear_engine_caches()
    t = time.perf_counter()
    assess_items(cs, os_, ps, YEAR)
    return time.perf_counter() - t


def cold_sizes() -> None:
    commitments, outcomes, passages = pools()
    print(f"corpus: {len(commitments):,} distinct commitments, {len(outcomes):,} outcomes, "
          f"{len(passages):,} review sentences")
    per_outcome = len(passages) / len(outcomes)
    times = []
    for n_c, n_o in SIZES:
        cs, os_ = take(commitments, n_c), take(outcomes, n_o)
        ps = take(passages, round(n_o * per_outcome))
        runs = COLD_RUNS if n_c < SIZES[-1][0] else 1  # a short run is repeated (median), cold each time
        elapsed = statistics.median(cold_run(cs, os_, ps) for _ in range(runs))
        times.append(elapsed)
        print(f"{n_c:>6,} x {n_o:>6,} ({len(ps):,} sentences, corpus x{-(-n_o // len(outcomes))}): "
              f"{elapsed:7.2f} s, {elapsed / len(cs) * 1000:6.2f} ms per commitment (median of {runs})")
    k = slope([n for n, _ in SIZES], times)
    (c0, o0), (c1, o1) = SIZES[0], SIZES[-1]
    verdict(f"assessment cold, growth exponent {c0:,}x{o0:,} -> {c1:,}x{o1:,}", f"{k:.2f}", "<= 1.2", k <= 1.2)


def linking() -> None:
    plan, review = (read(ROOT / "seeds" / "provinces" / name) for name in PAIR)
    year = plan.document.plan_year
    outcomes = [o if o.year == year else replace(o, year=year) for o in review.outcomes]
    passages = review_passages(review.text, list(review.sections))
    headings = {s.path: s.heading for s in plan.sections}
    n_p, n_r = len(plan.text), len(review.text)

    def copied(k: int):
        shift = lambda items, n: [replace(x, start=x.start + j * n, end=x.end + j * n)  # noqa: E731
                                  for j in range(k) for x in items]
        return (shift(plan.commitments, n_p), shift(outcomes, n_r), shift(passages, n_r), year, None,
                headings, plan.text * k)

    clear_engine_caches()
    assess_items(*copied(1))  # tokenize the pair's texts once, for every k alike
    per = {}
    for k in (1, 10, 100):
        args, runs = copied(k), 100 // k  # a short run is repeated (median); x100 runs once
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            judgments = assess_items(*args)
            times.append(time.perf_counter() - t)
        per[k] = statistics.median(times) / len(judgments) * 1000
        print(f"pair x{k:<3}: {len(args[0]):>6,} commitments vs {len(args[1]):>6,} outcomes: "
              f"{per[k]:.2f} ms per judgment (median of {runs})")
    growth = per[100] / per[1]
    verdict("linking per judgment, x100 / x1", f"{per[1]:.2f} -> {per[100]:.2f} ms = {growth:.2f}x", "<= 1.5x",
            growth <= 1.5)


def main() -> None:
    print(MACHINE)
    cold_sizes()
    linking()


if __name__ == "__main__":
    main()
