"""A task screen's POST: the step's service and the task's completion stand or fall together."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from accounts.models import Province
from tests.factories import ProvinceFactory
from workflow.steps import form_messages, step_run

pytestmark = pytest.mark.django_db


class Activation:
    """The part of a viewflow activation the helper touches: ``execute``."""

    def __init__(self, refuse: Exception | None = None):
        self.refuse, self.executed = refuse, 0

    def execute(self):
        if self.refuse is not None:
            raise self.refuse
        self.executed += 1


def test_a_step_that_passes_returns_the_service_value_and_completes_the_task():
    activation = Activation()

    step = step_run(activation, lambda: ProvinceFactory(name="Quảng Ngãi"))

    assert step.ok and step.errors == [] and step.value.name == "Quảng Ngãi"
    assert activation.executed == 1 and Province.objects.filter(name="Quảng Ngãi").exists()


def test_when_completing_the_task_is_refused_the_service_write_is_rolled_back():
    before = Province.objects.count()
    activation = Activation(refuse=ValidationError("Việc này đã được xử lý."))

    step = step_run(activation, lambda: ProvinceFactory(name="Kon Tum"))

    assert not step.ok and step.errors == ["Việc này đã được xử lý."] and step.value is None
    assert Province.objects.count() == before


def test_a_refused_service_leaves_the_task_open_and_says_why():
    activation = Activation()

    def refuse():
        ProvinceFactory(name="Bình Định")
        raise PermissionDenied

    step = step_run(activation, refuse)

    assert step.errors == ["Bạn không có quyền thực hiện thao tác này."] and activation.executed == 0
    assert not Province.objects.filter(name="Bình Định").exists()


def test_a_draft_save_keeps_the_task_open():
    activation = Activation()

    step = step_run(activation, lambda: "saved", complete=False)

    assert step.ok and step.value == "saved" and activation.executed == 0


def test_form_errors_name_their_field():
    class Reason(forms.Form):
        reason = forms.CharField(label="Lý do")

    with translation.override("en"):
        form = Reason({"reason": ""})
        form.is_valid()

        assert form_messages(form) == ["Lý do: This field is required."]
