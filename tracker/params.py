"""Query parameters read strictly: a value that is not a plain ASCII number in range is a 400
(``BadRequest``), never a 500 (``'²'.isdigit()`` is true, ``int('²')`` raises)."""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.http import HttpRequest

_INT = re.compile(r"[0-9]{1,18}")


def int_param(request: HttpRequest, name: str, *, default: int | None = None, lo: int = 0,
              hi: int = 2**63 - 1) -> int | None:
    """``?name=`` as an int in [lo, hi]; ``default`` when absent or empty; else ``BadRequest``."""
    raw = request.GET.get(name)
    if raw is None or raw.strip() == "":
        return default
    raw = raw.strip()
    if not _INT.fullmatch(raw) or not lo <= int(raw) <= hi:
        raise BadRequest(f"参数 {name} 无效:应为 {lo} 到 {hi} 之间的整数。")
    return int(raw)
