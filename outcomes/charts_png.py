"""The scorecard chart as a PNG for emails (mail clients show no SVG), drawn with Pillow
in a CJK font so that the Chinese labels render."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from outcomes.lights import LIGHT_ORDER, LIGHT_SHORT, LIGHTS
from tracker.core.statuses import COLOURS, LAMPS, Light

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
# COLOURS: one definition, the status table of tracker/core/statuses.py


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
    height = 50 + len(rows) * (bar + gap) + 30  # and the 三色预警 legend
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.text((10, 10), title, fill="#222222", font=font)
    top = max((n for _, _, n in rows), default=0) or 1
    for i, (status, label, n) in enumerate(rows):
        y = 44 + i * (bar + gap)
        draw.text((10, y + 3), label, fill="#222222", font=font)
        length = int((width - 190) * n / top)
        draw.rectangle((110, y, 110 + max(length, 1), y + bar), fill=COLOURS.get(status, LAMPS[Light.NONE].colour))
        draw.text((120 + length, y + 3), str(n), fill="#222222", font=font)
    x, y = 10, 50 + len(rows) * (bar + gap)
    draw.text((x, y), "三色预警：", fill="#222222", font=font)
    x += 90
    for code in LIGHT_ORDER[:3]:
        label, colour = LIGHTS[code][0], LIGHTS[code][1]
        draw.ellipse((x, y + 3, x + 14, y + 17), fill=colour)
        meaning = LIGHT_SHORT[code]
        draw.text((x + 18, y), f"{label} {meaning}", fill="#222222", font=font)
        x += 28 + 16 * (len(meaning) + 1)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()
