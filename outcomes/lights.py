"""Deadlines and the traffic lights of 督办 (三色预警): the one definition.

- **Due date** (``tracker.core.deadlines.due_date``): the commitment's milestone deadline if it has
  one, else 31 December of its year.
- **Overdue** (逾期): the due date has passed (today in Asia/Shanghai) and the commitment is not met.
  未到期 (a commitment for a later year, 到2027年) is never overdue.
- **Due soon** (临期): due within ``SOON_DAYS`` days from today and not met.
- **Light**: a judgment from the review decides where there is one — 达成 绿, 部分达成 黄, 未达成 红;
  without one (待评估, 无证据) the deadline decides — 逾期 红, 临期 黄, otherwise none (grey).
  A judgment comes after the year's end by design (the review of year N is published in N + 1),
  so letting 逾期 outrank 部分达成 would turn every 部分达成 red; the judgment is what the reader
  is told, the deadline only speaks while there is none.

The rule exists twice, as with ``outcomes/judgment.py``: in Python (``warning``, for one commitment)
and in SQL (``light_expr`` and ``overdue_q``/``soon_q``, for tables, filters and counts over many
rows); a test checks that the two agree. Colours, labels and which status has which light are the
tables of ``tracker/core/statuses.py``: ``LIGHTS`` for the lights, ``STATUS_COLOURS`` for the statuses
(read by the SVG and PNG charts and, as CSS variables from ``css_variables``, by the stylesheet).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Case, CharField, Q, Value, When

from tracker.core import statuses
from tracker.core.deadlines import due_date
from tracker.core.statuses import Light as LightCode
from tracker.core.statuses import Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
SOON_DAYS = 30

# light code → (label, background colour, text colour); "none" is the grey of no warning
LIGHTS = {lamp.code: (lamp.label, lamp.colour, lamp.ink) for lamp in statuses.LIGHT_TABLE}
LIGHT_ORDER = tuple(lamp.code for lamp in statuses.LIGHT_TABLE)
LIGHT_MEANINGS = {
    LightCode.RED: "未达成，或逾期（截止日期已过，尚无达成的评估）",
    LightCode.YELLOW: "部分达成，或临期（30天内到期，尚无评估）",
    LightCode.GREEN: "达成",
    LightCode.NONE: "无证据、待评估或未到期，且未逾期、未临期",
}
LIGHT_SHORT = {LightCode.RED: "未达成／逾期", LightCode.YELLOW: "部分达成／临期", LightCode.GREEN: "达成",
               LightCode.NONE: "其他"}
# the judged statuses and their lights; the others have none of their own (tracker/core/statuses.py)
STATUS_LIGHTS = statuses.LIGHTS
# each status's colour on charts and badges: the judged ones take their light's, the others greys
STATUS_COLOURS = statuses.COLOURS
NEVER_OVERDUE = statuses.NEVER_OVERDUE


def today() -> date:
    """Today in Asia/Shanghai, whatever the server's zone."""
    return datetime.now(SHANGHAI).date()


@dataclass(frozen=True)
class Light:
    """One commitment's deadline and light, as pages, exports, the API and emails show them."""

    due: date | None
    overdue: bool
    soon: bool
    light: str  # red / yellow / green / none
    reason: str  # 未达成, 逾期, 部分达成, 临期, 达成 or ""

    @property
    def label(self) -> str:
        return LIGHTS[self.light][0]

    @property
    def text(self) -> str:
        """红灯·逾期, 绿灯·达成, or 无预警."""
        return f"{self.label}灯·{self.reason}" if self.light != LightCode.NONE else "无预警"

    @property
    def colour(self) -> str:
        return LIGHTS[self.light][1]

    @property
    def ink(self) -> str:
        return LIGHTS[self.light][2]

    on: date | None = None  # the day it was computed for

    @property
    def days_left(self) -> int | None:
        return None if self.due is None else (self.due - (self.on or today())).days

    @property
    def days_overdue(self) -> int:
        return max(0, -(self.days_left or 0))


REASONS = {s: statuses.LABELS[s] for s in statuses.LIGHTS}  # a judged status is its own reason


def warning(status: str, deadline: date | None, year: int | None, *, on: date | None = None) -> Light:
    """The deadline and light of one commitment of effective ``status`` (``outcomes.judgment``)."""
    on = on or today()
    due = due_date(deadline, year)
    open_ = status not in NEVER_OVERDUE and due is not None
    overdue = open_ and due < on
    soon = open_ and on <= due <= on + timedelta(days=SOON_DAYS)
    if status in STATUS_LIGHTS:
        light, reason = STATUS_LIGHTS[status], REASONS[status]
    elif overdue:
        light, reason = LightCode.RED, "逾期"
    elif soon:
        light, reason = LightCode.YELLOW, "临期"
    else:
        light, reason = LightCode.NONE, ""
    return Light(due, overdue, soon, light, reason, on)


def warning_of(c, *, on: date | None = None) -> Light:
    """``warning`` for a commitment annotated by ``selectors.judged`` (its ``status``), or with an
    assessment (its effective status), or none (待评估)."""
    status = getattr(c, "status", None)
    if status is None:
        a = getattr(c, "assessment", None) if _has_assessment(c) else None
        status = a.effective_status if a is not None else Status.PENDING
    return warning(status, c.deadline, c.year, on=on)


def _has_assessment(c) -> bool:
    try:
        c.assessment  # noqa: B018 - a reverse one-to-one raises when missing
    except ObjectDoesNotExist:
        return False
    return True


# SQL: the same rule over a Commitment queryset annotated with ``status`` (``selectors.judged``)

def _due_before(on: date) -> Q:
    """Due date < on."""
    return Q(deadline__isnull=False, deadline__lt=on) | Q(deadline__isnull=True, year__lt=on.year)


def _due_between(lo: date, hi: date) -> Q:
    """lo <= due date <= hi."""
    year_end = Q(deadline__isnull=True, year__isnull=False)
    years = [y for y in range(lo.year, hi.year + 1) if lo <= date(y, 12, 31) <= hi]
    return Q(deadline__isnull=False, deadline__gte=lo, deadline__lte=hi) | (year_end & Q(year__in=years))


def overdue_q(on: date | None = None) -> Q:
    on = on or today()
    return _due_before(on) & ~Q(status__in=NEVER_OVERDUE)


def soon_q(on: date | None = None) -> Q:
    on = on or today()
    return _due_between(on, on + timedelta(days=SOON_DAYS)) & ~Q(status__in=NEVER_OVERDUE)


def light_expr(on: date | None = None):
    """SQL: ``warning(...).light`` for each row (needs the ``status`` annotation)."""
    on = on or today()
    return Case(
        *[When(Q(status=s.value), then=Value(light.value)) for s, light in STATUS_LIGHTS.items()],
        When(overdue_q(on), then=Value(LightCode.RED.value)),
        When(soon_q(on), then=Value(LightCode.YELLOW.value)),
        default=Value(LightCode.NONE.value), output_field=CharField(),
    )


def css_variables() -> str:
    """The colours as CSS custom properties, for the stylesheet (base.html puts them in ``:root``)."""
    parts = [f"--light-{code}:{bg};--light-{code}-ink:{ink}" for code, (_, bg, ink) in LIGHTS.items()]
    parts += [f"--status-{s.replace('_', '-')}:{colour}" for s, colour in STATUS_COLOURS.items()]
    return ";".join(parts) + ";"


def legend() -> list[dict]:
    """The lights' legend (charts, emails, pages): label, colour, meaning."""
    return [{"code": code, "label": LIGHTS[code][0], "colour": LIGHTS[code][1], "ink": LIGHTS[code][2],
             "meaning": LIGHT_MEANINGS[code], "short": LIGHT_SHORT[code]} for code in LIGHT_ORDER]


def badge_html(w: Light, *, inline: bool = False) -> str:
    """The badge of a light: a class for pages (the stylesheet's colours), inline style for emails."""
    from django.utils.html import format_html

    title = f"截止 {w.due:%Y-%m-%d}" if w.due else "没有截止日期"
    if inline:
        return format_html('<span class="light light-{}" title="{}" style="display:inline-block;padding:1px 6px;'
                           'border-radius:9px;background:{};color:{};white-space:nowrap;">{}</span>',
                           w.light, title, w.colour, w.ink, w.text)
    return format_html('<span class="light light-{}" title="{}">{}</span>', w.light, title, w.text)
