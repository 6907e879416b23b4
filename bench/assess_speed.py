"""Linking and scoring speed: a plan of N commitments against a review of 2.5·N outcomes.

    python bench/assess_speed.py

Prints assessments per second at 200/500 and at ten times that, so that a
quadratic blow-up shows as a falling rate.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.core.assessment import assess_items  # noqa: E402
from tracker.core.extraction import extract_text  # noqa: E402
from tracker.core.model import Commitment, Outcome  # noqa: E402
from tracker.core.retrieval import Passage  # noqa: E402


def corpus():
    """Real commitments and outcomes from the seeds, as the vocabulary to sample from."""
    docs = [extract_text(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "seeds").glob("*.txt"))]
    commitments = [c for d in docs for c in d.commitments]
    outcomes = [o for d in docs for o in d.outcomes]
    return commitments, outcomes


def sample(commitments, outcomes, n_commit: int, n_out: int, rng: random.Random):
    cs = [Commitment(**{**c.__dict__, "year": 2023, "start": i, "end": i + 1})
          for i, c in enumerate(rng.choices(commitments, k=n_commit))]
    os_ = [Outcome(**{**o.__dict__, "year": 2023, "start": i * 10, "end": i * 10 + 5})
           for i, o in enumerate(rng.choices(outcomes, k=n_out))]
    passages = [Passage(o.text, o.start, o.end) for o in os_]
    return cs, os_, passages


def main() -> None:
    commitments, outcomes = corpus()
    rng = random.Random(7)
    for n_commit, n_out in ((200, 500), (2000, 5000)):
        cs, os_, passages = sample(commitments, outcomes, n_commit, n_out, rng)
        t = time.perf_counter()
        judgments = assess_items(cs, os_, passages, 2023)
        elapsed = time.perf_counter() - t
        print(f"{n_commit} commitments vs {n_out} outcomes: {len(judgments) / elapsed:,.0f} assessments/s "
              f"({elapsed:.2f} s)")


if __name__ == "__main__":
    main()
