"""Secret ballots: a field or model marked secret never reaches the log, a diff or an export.

A real ballot model arrives with the council issue; here existing fields stand in for it,
marked through the same registry the domain will use.
"""

import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Unit, User
from workflow.audit import Action, audit_record, mark_secret
from workflow.audit.secrets import unmark_secret

pytestmark = pytest.mark.django_db

CHOICE = "Không đồng ý — phiếu kín"


@pytest.fixture
def secret_choice():
    """``User.position_title`` plays the part of a ballot's choice."""
    mark_secret(User, "position_title")
    yield
    unmark_secret(User, "position_title")


@pytest.fixture
def secret_ballot_model():
    mark_secret("accounts.Unit")
    yield
    unmark_secret("accounts.Unit")


def timeline(client, obj):
    content_type = ContentType.objects.get_for_model(obj)
    return client.get(reverse("audit:timeline", args=[content_type.pk, obj.pk]))


def test_the_log_never_stores_a_secret_choice(person, secret_choice):
    member = person("hoidong1")

    event = audit_record(actor=member, action=Action.VOTED, obj=member,
                         changes={"position_title": ["", CHOICE], "is_leader": [False, True]})
    event.refresh_from_db()

    assert event.changes == {"is_leader": [False, True]}


def test_no_timeline_diff_shows_a_secret_field(login, person, secret_choice):
    member = person("hoidong1")
    member.position_title = CHOICE
    member.is_leader = True
    member._history_user = member
    member.save()

    page = timeline(login("kiemtra"), member).content.decode()

    assert CHOICE not in page
    assert "chức vụ" not in page
    assert "là lãnh đạo, quản lý" in page


def test_no_export_shows_a_secret_choice(login, person, secret_choice):
    member = person("hoidong1")
    audit_record(actor=member, action=Action.VOTED, obj=member, changes={"position_title": CHOICE})

    csv_text = b"".join(login("kiemtra").get(reverse("audit:export", args=["csv"])).streaming_content).decode()
    workbook = load_workbook(io.BytesIO(login("kiemtra").get(reverse("audit:export", args=["xlsx"])).content))
    cells = [str(c) for row in workbook.active.iter_rows(values_only=True) for c in row]

    assert CHOICE not in csv_text
    assert not any(CHOICE in cell for cell in cells)
    assert any(cell == "Bỏ phiếu, biểu quyết" for cell in cells)


def test_a_secret_model_shows_that_it_changed_never_how(login, person, secret_ballot_model):
    ballot = Unit.objects.get(agency__code="VP", code="KT")
    ballot.name = CHOICE
    ballot._history_user = person("hoidong1")
    ballot.save()
    event = audit_record(actor=person("hoidong1"), action=Action.VOTED, obj=ballot, changes={"name": CHOICE})

    page = timeline(login("kiemtra"), ballot).content.decode()

    assert event.object_repr == f"đơn vị #{ballot.pk}" and event.changes == {}
    assert CHOICE not in page
    assert "nội dung bỏ phiếu kín, không hiển thị" in page
    assert "Bỏ phiếu, biểu quyết" in page
