"""The documents the annual report cites, recorded by the secretariat on the report's page (domain §7): the
request it answers becomes the opening "Thực hiện Công văn số … ngày … của …"; only the secretariat records
them; the system's own documents are listed with their local date (Asia/Ho_Chi_Minh)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from nominations.models import ReferenceRole, ReportReference
from nominations.selectors.report import documents_issued, prose_prefill
from workflow.documents.models import DocumentStatus, DocumentType
from workflow.documents.services import document_create

from .report_helpers import open_report

pytestmark = pytest.mark.django_db


def test_the_secretariat_records_the_request_and_the_prefill_answers_it(login):
    secretariat = login("hcqt")
    report = open_report(secretariat)

    response = secretariat.post(reverse("reports:detail", args=[report.pk]), {
        "action": "reference_add", "role": ReferenceRole.REQUEST, "kind": "Công văn", "number": "1273/SNV-TĐKT",
        "date": "2021-06-04", "issuer": "Sở Nội vụ", "summary": "về việc báo cáo kết quả công tác thi đua, khen thưởng",
        "position": 0})

    assert response.status_code == 302
    reference = ReportReference.objects.get(agency=report.agency, year=2023)
    assert reference.history.count() == 1
    assert prose_prefill(report)["request"].startswith(
        "Thực hiện Công văn số 1273/SNV-TĐKT ngày 04/06/2021 của Sở Nội vụ về việc báo cáo kết quả công tác thi đua")
    page = secretariat.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Công văn số 1273/SNV-TĐKT ngày 04/06/2021 của Sở Nội vụ" in page


def test_a_request_without_its_date_is_refused_and_a_unit_head_records_nothing(login):
    report = open_report(login("hcqt"))
    post = {"action": "reference_add", "role": ReferenceRole.REQUEST, "kind": "Công văn", "number": "1/SNV",
            "issuer": "Sở Nội vụ", "position": 0}

    login("hcqt").post(reverse("reports:detail", args=[report.pk]), post)
    login("truongphong.kt").post(reverse("reports:detail", args=[report.pk]), {**post, "date": "2023-10-05"})

    assert not ReportReference.objects.exists()


def test_the_documents_of_the_year_carry_their_local_date(person):
    """Signed at 18:30 UTC on 1 December is 2 December in Quảng Ngãi."""
    vp = person("hcqt").unit.agency
    document = document_create(actor=person("hcqt"), agency=vp, template_key="bao_cao_thanh_tich",
                               summary="Thử ngày địa phương", data={"year": 2026}, doc_type=DocumentType.QUYET_DINH)
    type(document).objects.filter(pk=document.pk).update(
        status=DocumentStatus.READY, year=2026, signed_at=dt.datetime(2026, 12, 1, 18, 30, tzinfo=dt.UTC))

    [row] = documents_issued(vp, 2026)

    assert row["date"] == dt.date(2026, 12, 2)
    assert timezone.get_current_timezone_name() == "Asia/Ho_Chi_Minh"
