"""Writes to the registries: who may write, what is refused, and the history they leave."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Unit
from nominations import services
from nominations.models import Award, PastAward, PersonYearRecord
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_secretariat_records_an_award_with_itself_in_history(person):
    award = services.past_award_record(actor=person("hcqt"), person=person("canbo.kt.02"),
                                       award=Award.objects.get(code="LDTT"), year=2023, decision_number="5/QĐ-VP",
                                       decision_date=dt.date(2024, 1, 10), issuer="Chánh Văn phòng")

    assert award.history.latest().history_user == person("hcqt")


@pytest.mark.parametrize("username", ["truongphong.kt", "canbo.kt.02", "kiemtra", "chanhvp", "sonoivu"])
def test_nobody_else_writes_the_registries(person, username):
    with pytest.raises(PermissionDenied):
        services.person_year_record_save(actor=person(username), person=person("canbo.kt.02"), year=2023,
                                         rating="htt")


def test_the_secretariat_of_one_agency_cannot_write_for_another(person):
    stranger = UserFactory(unit=UnitFactory())

    with pytest.raises(PermissionDenied):
        services.discipline_record(actor=person("hcqt"), person=stranger, level="khien_trach", year=2023)


def test_the_administrator_may_correct_any_registry(person):
    record = services.unit_year_record_save(actor=person("admin"), unit=Unit.objects.get(agency__code="VP", code="KT"),
                                            year=2023, rating="htxs")

    assert record.history.latest().history_user == person("admin")


def test_saving_a_year_twice_corrects_the_record_and_keeps_both_in_history(person):
    worker = person("canbo.kt.02")
    services.person_year_record_save(actor=person("hcqt"), person=worker, year=2023, rating="htt")
    record = services.person_year_record_save(actor=person("hcqt"), person=worker, year=2023, rating="htxs",
                                              absent_days=5)

    assert PersonYearRecord.objects.filter(person=worker).count() == 1
    assert [h.rating for h in record.history.order_by("history_date")] == ["htt", "htxs"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"unit_code": "KT", "award": "LDTT"}, "không xét tặng cho tập thể"),
    ({"award": "TTLDTT"}, "không xét tặng cho cá nhân"),
    ({"award": "LDTT", "decision_date": dt.date(2022, 12, 1)}, "Ngày quyết định không thể trước năm được khen."),
])
def test_invalid_awards_are_refused_in_vietnamese(person, kwargs, message):
    unit_code = kwargs.pop("unit_code", None)
    target = {"unit": Unit.objects.get(agency__code="VP", code=unit_code)} if unit_code \
        else {"person": person("canbo.kt.02")}

    with pytest.raises(ValidationError) as error:
        services.past_award_record(actor=person("hcqt"), award=Award.objects.get(code=kwargs.pop("award")), year=2023,
                                   decision_number="1/QĐ", issuer="Chánh Văn phòng", **target, **kwargs)

    assert message in str(error.value)
    assert not PastAward.objects.exists()


def test_maternity_leave_cannot_exceed_the_days_absent(person):
    with pytest.raises(ValidationError) as error:
        services.person_year_record_save(actor=None, person=person("canbo.kt.02"), year=2023, rating="htt",
                                         absent_days=10, maternity_leave_days=20)

    assert "nghỉ thai sản không thể lớn hơn" in str(error.value)


def test_an_initiative_needs_an_author(person):
    with pytest.raises(ValidationError):
        services.initiative_record(actor=person("hcqt"), title="Không tác giả", authors=[],
                                   decision_date=dt.date(2023, 1, 1), scope="co_so")
