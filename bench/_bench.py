"""What every benchmark shares: the machine note, cold engine caches, peak memory and the verdict line."""

from __future__ import annotations

import importlib
import math
import os
import pkgutil
import resource
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MACHINE = (f"figures from a shared {os.cpu_count()}-core machine (other engineers' jobs run beside this one; "
           f"load average {os.getloadavg()[0]:.1f} at start); each size measured once")


def clear_engine_caches() -> int:
    """Empty every functools cache in tracker.core (found, not listed, so a new cache is cleared too)."""
    import tracker.core

    cleared = 0
    for info in pkgutil.iter_modules(tracker.core.__path__):
        module = importlib.import_module(f"tracker.core.{info.name}")
        for obj in vars(module).values():
            if callable(getattr(obj, "cache_clear", None)) and getattr(obj, "__module__", "") == module.__name__:
                obj.cache_clear()
                cleared += 1
    return cleared


def peak_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def slope(xs: list[float], ys: list[float]) -> float:
    """Growth exponent: the least-squares slope of log y over log x (1.0 is linear, 2.0 quadratic)."""
    lx, ly = [math.log(x) for x in xs], [math.log(y) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly, strict=True)) / sum((a - mx) ** 2 for a in lx)


def verdict(bar: str, figure: str, goal: str, met: bool) -> bool:
    print(f"VERDICT  {bar}: {figure}  (goal {goal})  {'met' if met else 'NOT MET'}")
    return met
