"""One way of drawing a form for the whole site (``FORM_RENDERER``), in the look of viewflow's Material shell.

Every ``{{ form }}`` and ``{{ form.field.as_field_group }}`` of the site goes through
``templates/forms/form.html`` and ``templates/forms/field.html``: a label tied to its control, a
red asterisk on required fields (the control itself carries ``required`` for screen readers),
the help text, and the field's own errors under it, linked by ``aria-describedby`` (Django 5.2).
The controls stay native ``<input>``/``<select>``/``<textarea>`` elements, styled by
``static/css/site.css`` (block "Forms"), so the date box of ``workflow.dates`` and every browser
test keep working, and a page without JavaScript still submits. Forms are posted with
``novalidate``: the server's Vietnamese message, next to its field, is the only validation a
person sees (no browser bubble in the browser's language).

viewflow's own ``{% render form %}`` draws web components (``vf-field-*``) whose date field writes
the browser's format; it is not used for our forms.
"""

from __future__ import annotations

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.html import format_html, format_html_join


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "forms/field.html"


def _attrs(attrs: dict) -> str:
    """``django/forms/widgets/attrs.html``, in Python."""
    return format_html_join("", " {}{}", ((name, "" if value is True else format_html('="{}"', str(value)))
                                          for name, value in attrs.items() if value is not False))


class LongSelect(forms.Select):
    """A ``<select>`` of thousands of options (the units of a province, for Sở Nội vụ 6,567), drawn in Python in
    the markup of Django's ``select.html`` and ``select_option.html``: through the templates each option is an
    include, seconds for the whole list. A select with groups is drawn by the templates as before."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        if any(group_name for group_name, _choices, _index in widget["optgroups"]):
            return super().render(name, value, attrs, renderer)
        options = format_html_join("", '\n  <option value="{}"{}>{}</option>\n', (
            (str(option["value"]), _attrs(option["attrs"]), option["label"])
            for _group_name, choices, _index in widget["optgroups"] for option in choices))
        return format_html('<select name="{}"{}>{}\n</select>', widget["name"], _attrs(widget["attrs"]), options)
