"""The scorecard chart as a PNG for emails (mail clients show no SVG), drawn with Pillow
in a CJK font so that the Chinese labels render."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
COLOURS = {"met": "#2e7d32", "partly_met": "#f9a825", "not_met": "#c62828", "no_evidence": "#757575"}


def cjk_font_path() -> str | None:
    configured = getattr(settings, "CJK_FONT", "")
    for path in (configured, *FONT_CANDIDATES):
        if path and Path(path).exists():
            return path
    return None


@lru_cache(maxsize=512)
def status_png(rows: tuple[tuple[str, str, int], ...], title: str) -> bytes:
    """rows: (status, label, count) → a bar chart PNG. Cached: recipients of one issuer share it."""
    from PIL import Image, ImageDraw, ImageFont

    path = cjk_font_path()
    font = ImageFont.truetype(path, 16) if path else ImageFont.load_default()
    width, bar, gap = 520, 24, 10
    height = 50 + len(rows) * (bar + gap)
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 10), title, fill="#222222", font=font)
    top = max((n for _, _, n in rows), default=0) or 1
    for i, (status, label, n) in enumerate(rows):
        y = 44 + i * (bar + gap)
        draw.text((10, y + 3), label, fill="#222222", font=font)
        length = int((width - 190) * n / top)
        draw.rectangle((110, y, 110 + max(length, 1), y + bar), fill=COLOURS.get(status, "#90a4ae"))
        draw.text((120 + length, y + 3), str(n), fill="#222222", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
