"""``{% page_messages %}``: every message of the request in a card at the top of the page.

viewflow's snackbar shows only the last message, for a few seconds; people acting on a refusal
need all of them, and for as long as they read. A page that shows the card marks the request,
and the snackbar (templates/viewflow/includes/snackbar.html) then stays empty, so no message
prints twice.
"""

from django import template

register = template.Library()

SHOWN = "messages_shown_in_page"


@register.inclusion_tag("workflow/_messages.html", takes_context=True)
def page_messages(context):
    messages = list(context.get("messages") or ())
    request = context.get("request")
    if messages and request is not None:
        setattr(request, SHOWN, True)
    return {"page_messages": messages}
