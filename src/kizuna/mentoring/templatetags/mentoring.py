from django import template

from kizuna.mentoring.notifications import notifications_unread

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
