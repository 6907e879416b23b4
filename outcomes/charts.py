"""Charts drawn on the server as data for SVG templates: readable without JavaScript."""

from __future__ import annotations

from outcomes.lights import legend
from tracker.core.statuses import COLOURS, Light

# COLOURS: one definition, the status table of tracker/core/statuses.py


def status_bars(rows: list[tuple[str, str, int]], width: int = 420, bar: int = 22) -> dict:
    top = max((n for _, _, n in rows), default=0) or 1
    bars = []
    for i, (status, label, n) in enumerate(rows):
        bars.append({"y": i * (bar + 8), "w": round((width - 160) * n / top), "label": label, "n": n,
                     "colour": COLOURS[status], "text_y": i * (bar + 8) + bar * 0.7})
    return {"width": width, "height": len(rows) * (bar + 8), "bars": bars, "bar": bar,
            "legend": [x for x in legend() if x["code"] != Light.NONE]}


def trend_line(points: list[tuple[int, float | None]], width: int = 480, height: int = 200) -> dict:
    """达成率 by year as a line; a single year as one bar with its value (a line of one point is a lone
    dot at the chart's left edge), for the template to say there is no trend yet."""
    pts = [(y, v) for y, v in points if v is not None]
    if len(pts) == 1:
        (year, v), bar = pts[0], 60
        h = round((height - 60) * v)
        return {"width": width, "height": height, "points": "", "dots": [],
                "single": {"year": year, "rate": v, "x": (width - bar) // 2, "w": bar,
                           "y": height - 30 - h, "h": h, "cx": width // 2, "label_y": height - 38 - h}}
    if not pts:
        return {"width": width, "height": height, "points": "", "dots": [], "single": None}
    step = (width - 80) / (len(pts) - 1)
    dots = [{"x": 40 + i * step, "y": height - 30 - (height - 60) * v, "year": y, "pct": round(100 * v)}
            for i, (y, v) in enumerate(pts)]
    return {"width": width, "height": height, "points": " ".join(f"{d['x']:.0f},{d['y']:.0f}" for d in dots),
            "dots": dots, "single": None}
