from django import template

from kizuna.mentoring.notifications import notifications_unread
from kizuna.mentoring.queries.pairings import pairing_status_for

register = template.Library()


@register.inclusion_tag("mentoring/notification_badge.html", takes_context=True)
def notifications_badge(context):
    """The header's link to the notifications with the unread count (one query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"unread": notifications_unread(user) if user is not None else 0, "show": bool(user and user.is_authenticated)}


@register.filter
def percent(value):
    return f"{float(value) * 100:.2f} %" if value is not None else ""


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key)


@register.filter
def stars(strength) -> str:
    """★★★★☆ for a strength of four stars out of five."""
    n = int(getattr(strength, "stars", 0) or 0)
    return "★" * n + "☆" * (5 - n)


@register.filter
def closeness(value) -> str:
    """A share from 0 to 1 as a whole percentage, rounded down below 100 so that a
    total not proven best never reads "100 %"."""
    if value is None:
        return ""
    percent = float(value) * 100
    return f"{percent:.0f}" if percent >= 100 else f"{min(percent, 99.9):.1f}".rstrip("0").rstrip(".")


@register.filter
def pair_status(pairing, user) -> str:
    """The pair's status as `user` reads it: whose answer it waits for, from the
    reader's point of view ("Waiting for your answer", "Waiting for the SME's answer")."""
    return pairing_status_for(pairing, user)
