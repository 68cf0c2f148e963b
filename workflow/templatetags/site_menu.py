"""``{% menu_entries app request.user as entries %}``: the drawer's links of one application (workflow.menu)."""

from django import template

from workflow.menu import entries_for

register = template.Library()


@register.simple_tag
def menu_entries(app, user):
    return entries_for(app, user)
