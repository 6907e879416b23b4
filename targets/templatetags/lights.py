"""Template tags for 三色预警 (outcomes/lights.py): the badge, the legend's colours as CSS variables."""

from __future__ import annotations

from django import template
from django.utils.safestring import mark_safe

from outcomes.lights import Light, badge_html, css_variables, legend, warning_of

register = template.Library()


@register.simple_tag
def light_badge(w, inline: bool = False) -> str:
    """``w``: a ``Light`` (``warning_of``) or a commitment."""
    if not isinstance(w, Light):
        w = warning_of(w)
    return badge_html(w, inline=inline)


@register.simple_tag
def light_css() -> str:
    return mark_safe(f":root{{{css_variables()}}}")  # noqa: S308 - our own constants, no input


@register.simple_tag
def light_legend() -> list[dict]:
    return legend()
