from django import template

from outcomes.selectors import STATUS_LABELS

register = template.Library()


@register.filter
def get_item(mapping: dict, key):
    return mapping.get(key)


@register.filter
def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)
