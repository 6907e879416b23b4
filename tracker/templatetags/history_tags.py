from django import template

from tracker.history_display import admin_rows

register = template.Library()


@register.simple_tag
def readable_history(records):
    """The admin history page's rows in Chinese (tracker.history_display)."""
    return admin_rows(records)
