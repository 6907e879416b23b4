from django import template

from outcomes.selectors import STATUS_LABELS
from tracker.formatting import number, percent, score_text, zh_punct

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


@register.filter
def num(value, places: int = 4) -> str:
    """One number format everywhere (tracker/formatting.py): 6.6, never 6.6000."""
    return number(value, int(places))


@register.filter
def pct(ratio) -> str:
    return percent(ratio)


@register.filter
def zh(text) -> str:
    """Full-width punctuation in a generated Chinese sentence."""
    return zh_punct(text)


@register.filter
def score(value) -> str:
    """A score or a confidence: two decimals (1.00)."""
    return score_text(value)
