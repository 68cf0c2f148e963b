"""``{% export_url %}``: the current list's address with its filters, asking for the Excel file."""

from django import template

from workflow.exports import EXPORT_PARAM

register = template.Library()


@register.simple_tag(takes_context=True)
def export_url(context) -> str:
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    query[EXPORT_PARAM] = "xlsx"
    return f"{request.path}?{query.urlencode()}"


@register.inclusion_tag("workflow/_export_link.html", takes_context=True)
def export_link(context):
    return {"url": export_url(context)}
