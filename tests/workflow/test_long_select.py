"""``LongSelect`` (a select of thousands of options drawn in Python) writes what Django's templates write."""

import pytest
from django import forms

from accounts.models import Unit
from workflow.forms_rendering import LongSelect

CHOICES = [("", "---------"), ("1", 'Phòng "Kinh tế" & <Hạ tầng>'), ("2", "Văn phòng"), ("x y", "Khác")]


class Plain(forms.Form):
    unit = forms.ChoiceField(choices=CHOICES, required=False)
    year = forms.ChoiceField(choices=CHOICES[1:], required=True)


class Long(forms.Form):
    unit = forms.ChoiceField(choices=CHOICES, required=False, widget=LongSelect)
    year = forms.ChoiceField(choices=CHOICES[1:], required=True, widget=LongSelect(attrs={"class": "a<b"}))


@pytest.mark.parametrize("data", [None, {"unit": "1", "year": "2"}, {"unit": "x y"}])
def test_it_writes_what_the_templates_write(data):
    assert str(Long(data)["unit"]) == str(Plain(data)["unit"])
    plain = Plain(data)
    plain.fields["year"].widget.attrs["class"] = "a<b"
    assert str(Long(data)["year"]) == str(plain["year"])


@pytest.mark.django_db
def test_a_list_of_units_as_the_records_search_draws_it():
    units = Unit.objects.select_related("agency").order_by("pk")

    def field(widget):
        form = forms.Form({"don_vi": str(units.last().pk)})
        form.fields["don_vi"] = forms.ModelChoiceField(queryset=units, required=False, widget=widget)
        form.fields["don_vi"].label_from_instance = lambda unit: f"{unit.name} ({unit.agency.code})"
        return str(form["don_vi"])

    assert units.count() > 5
    assert field(LongSelect) == field(forms.Select)
