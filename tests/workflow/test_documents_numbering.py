"""The numbering register: "Số: 05/QĐ-VP", per agency, year and type, no gap, no duplicate."""

from __future__ import annotations

import functools
import threading
import time

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import Agency
from tests.factories import AgencyFactory
from workflow.documents import numbering, services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument


@pytest.mark.parametrize(
    ("number", "doc_type", "unit", "expected"),
    [
        (5, "QĐ", "", "Số: 05/QĐ-VP"),
        (12, "BC", "", "Số: 12/BC-VP"),
        (9, "TTr", "", "Số: 09/TTr-VP"),
        (10, "BB", "", "Số: 10/BB-VP"),
        (1014, "CV", "HCQT", "Số: 1014/VP-HCQT"),
    ],
)
def test_numbers_are_formatted_as_the_decree_shows(number, doc_type, unit, expected):
    assert numbering.format_number(number=number, doc_type=doc_type, agency_code="VP", unit_code=unit) == expected


def test_a_draft_has_a_blank_where_the_number_goes():
    text = numbering.format_number(number=None, doc_type="QĐ", agency_code="VP")

    assert text.startswith("Số: ") and text.endswith("/QĐ-VP")
    assert not any(ch.isdigit() for ch in text)


@pytest.mark.django_db
def test_each_register_counts_on_its_own_from_one():
    vp = Agency.objects.get(code="VP")
    other = AgencyFactory()

    with transaction.atomic():
        taken = [
            numbering.number_allocate(agency=vp, year=2024, doc_type="QĐ"),
            numbering.number_allocate(agency=vp, year=2024, doc_type="QĐ"),
            numbering.number_allocate(agency=vp, year=2024, doc_type="BC"),
            numbering.number_allocate(agency=vp, year=2025, doc_type="QĐ"),
            numbering.number_allocate(agency=other, year=2024, doc_type="QĐ"),
            numbering.number_allocate(agency=vp, year=2024, doc_type="QĐ"),
        ]

    assert taken == [1, 2, 1, 1, 1, 3]
    assert DocumentCounter.objects.get(agency=vp, year=2024, doc_type="QĐ").last_number == 3


@pytest.mark.django_db
def test_a_number_taken_in_a_transaction_that_rolls_back_is_given_again():
    vp = Agency.objects.get(code="VP")
    with transaction.atomic():
        assert numbering.number_allocate(agency=vp, year=2030, doc_type="TB") == 1

    with pytest.raises(RuntimeError), transaction.atomic():
        assert numbering.number_allocate(agency=vp, year=2030, doc_type="TB") == 2
        raise RuntimeError("rendering failed")

    with transaction.atomic():
        assert numbering.number_allocate(agency=vp, year=2030, doc_type="TB") == 2


def test_a_register_continues_from_the_paper_one_and_never_goes_back(person):
    vp = Agency.objects.get(code="VP")
    secretariat = person("hcqt")

    numbering.register_continue_from(actor=secretariat, agency=vp, year=2024, doc_type="CV", last_number=1013)
    with transaction.atomic():
        assert numbering.number_allocate(agency=vp, year=2024, doc_type="CV") == 1014
    with pytest.raises(ValidationError, match="không thể lùi"):
        numbering.register_continue_from(actor=secretariat, agency=vp, year=2024, doc_type="CV", last_number=1000)

    counter = DocumentCounter.objects.get(agency=vp, year=2024, doc_type="CV")
    assert counter.last_number == 1014
    assert counter.history.filter(history_user=secretariat, last_number=1013).exists()


@pytest.mark.parametrize("username", ["truongphong.hcqt", "kiemtra", "phochanhvp1"])
def test_only_the_secretariat_or_the_chief_set_where_a_register_starts(person, username):
    with pytest.raises(PermissionDenied):
        numbering.register_continue_from(actor=person(username), agency=Agency.objects.get(code="VP"),
                                         year=2024, doc_type="CV", last_number=10)

    assert not DocumentCounter.objects.exists()


def test_taking_a_number_outside_a_transaction_is_refused(transactional_db):
    agency = AgencyFactory()

    with pytest.raises(RuntimeError):
        numbering.number_allocate(agency=agency, year=2024, doc_type="QĐ")

    assert not DocumentCounter.objects.exists()


# --- Two signatures at the same instant (PostgreSQL: real row locks, real threads) -------------


def _small_decision(chief):
    from accounts.models import User

    secretariat = User.objects.get(username="hcqt")
    vp = chief.unit.agency
    return services.document_create(
        actor=secretariat, agency=vp, template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", issuer_unit_code="HCQT",
        data={"authority": "Chánh Văn phòng UBND tỉnh Quảng Ngãi", "articles": ["Tặng Giấy khen."], "annex": []},
    )


def _sign_both_at_once(documents, signers):
    barrier = threading.Barrier(len(documents))
    errors: list[BaseException] = []

    def sign(document, signer):
        try:
            barrier.wait(timeout=10)
            services.document_sign(actor=signer, document=document)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=sign, args=pair) for pair in zip(documents, signers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


@pytest.fixture
def slow_critical_section(monkeypatch):
    """Hold each signer between reading the counter and writing it, so the two overlap.

    The year's counter row exists already (as it does after the first document of a year),
    so what keeps the two apart is the row lock alone, not the creation of the row.
    """
    DocumentCounter.objects.create(
        agency=Agency.objects.get(code="VP"), year=timezone.localdate().year, doc_type="QĐ", last_number=0
    )
    monkeypatch.setattr(numbering, "_inside_critical_section", lambda: time.sleep(0.3))


@pytest.mark.postgres
def test_two_signatures_at_the_same_instant_get_consecutive_numbers(
    seeded_transactional_db, person, slow_critical_section
):
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    documents = [_small_decision(chief), _small_decision(chief)]

    errors = _sign_both_at_once(documents, [chief, deputy])

    assert errors == []
    issued = list(IssuedDocument.objects.filter(pk__in=[d.pk for d in documents]))
    assert [d.status for d in issued] == [DocumentStatus.READY, DocumentStatus.READY]
    assert sorted(d.number for d in issued) == [1, 2]
    assert sorted(d.number_text for d in issued) == ["01/QĐ-VP", "02/QĐ-VP"]


@pytest.mark.postgres
def test_without_the_row_lock_the_same_instant_gives_a_duplicate(
    seeded_transactional_db, person, slow_critical_section, monkeypatch
):
    """The control experiment: the test above can fail, and does when the lock is taken away."""
    monkeypatch.setattr(
        numbering, "number_allocate", functools.partial(numbering.number_allocate, for_update=False)
    )
    chief, deputy = person("chanhvp"), person("phochanhvp1")
    documents = [_small_decision(chief), _small_decision(chief)]

    _sign_both_at_once(documents, [chief, deputy])

    issued = list(IssuedDocument.objects.filter(pk__in=[d.pk for d in documents]))
    numbers = [d.number for d in issued if d.status == DocumentStatus.READY]
    failed = [d for d in issued if d.status == DocumentStatus.FAILED]
    assert len(set(numbers)) < 2
    assert failed and "IntegrityError" in failed[0].error
    assert failed[0].number is None
