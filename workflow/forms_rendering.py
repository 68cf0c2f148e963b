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

from django.forms.renderers import TemplatesSetting


class SiteFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    formset_template_name = "django/forms/formsets/div.html"
    field_template_name = "forms/field.html"
