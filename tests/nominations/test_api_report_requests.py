"""API v1, the e-office system's side (issue 22): a received request for the year's report (văn bản đến, Sở Nội
vụ's Công văn) registered over the API — by its fields or as the edXML package received — through
``services.report.report_request_receive``, as the secretariat records it on the report's page, also before the
report is opened."""

from __future__ import annotations

import base64
import datetime as dt

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from accounts.models import Agency, User
from accounts.roles import Role
from nominations.models import AnnualReport, ReferenceRole, ReportReference, ReportStatus
from nominations.processes.report import report_start
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import edxml

from .api_helpers import api_client, bearer

pytestmark = pytest.mark.django_db

URL = "/api/v1/report-requests/"
REQUEST = {"year": 2026, "kind": "Công văn", "number": "1273/SNV-TĐKT", "date": "2026-10-05",
           "issuer": "Sở Nội vụ tỉnh Quảng Ngãi",
           "summary": "Về việc báo cáo tổng kết công tác thi đua, khen thưởng năm 2026"}


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def _office() -> Agency:
    return Agency.objects.get(code="VP")


def _eoffice(role: str = Role.SECRETARIAT, agency_code: str = "VP") -> str:
    """The agency's e-office system: a client whose service account is the agency's secretariat (văn thư's desk)."""
    return api_client(f"Hệ thống QLVB {agency_code} {role}", role=role, agency_code=agency_code)[1]


def _post(token: str, body: dict):
    return bearer(token).post(URL, body, content_type="application/json")


def test_the_route_is_the_one_the_schema_names():
    assert reverse("api:report-request-list") == URL


def test_a_request_received_before_the_report_is_opened_is_cited_once_it_is(login):
    """Given the Office's e-office system and no 2026 report yet
    When it registers Sở Nội vụ's Công văn 1273/SNV-TĐKT
    Then it is the report's văn bản đến, with its audit event naming the client; when the secretariat opens the
    report, the report's page cites it."""
    token = _eoffice()

    response = _post(token, {"agency": _office().pk, **REQUEST})

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["citation"] == "Công văn số 1273/SNV-TĐKT ngày 05/10/2026 của Sở Nội vụ tỉnh Quảng Ngãi"
    reference = ReportReference.objects.get(pk=body["id"])
    assert (reference.agency, reference.year, reference.role) == (_office(), 2026, ReferenceRole.REQUEST)
    event = AuditEvent.objects.get(action=Action.CREATED, object_id=str(reference.pk))
    assert event.changes["report"] is None and event.changes["api_client"].startswith("Hệ thống QLVB VP")
    secretariat = User.objects.get(username="hcqt")
    report_start(actor=secretariat, agency=_office(), year=2026)
    report = AnnualReport.objects.get(agency=_office(), year=2026)
    page = login("hcqt").get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "1273/SNV-TĐKT" in page


def test_the_package_received_is_read_for_its_fields():
    """Given the Office's and Sở Nội vụ's mã định danh and Sở Nội vụ's package addressed to the Office
    When the e-office system sends the package as received (base64)
    Then the fields come from the package: number, date, issuer and subject."""
    Agency.objects.filter(code="VP").update(electronic_id="000.01.99.Z99")
    package = edxml.build(edxml.Package(
        sender=edxml.Party("000.02.99.Z99", "Sở Nội vụ tỉnh Quảng Ngãi"),
        recipients=[edxml.Party("000.01.99.Z99", "Văn phòng")], code_number="1273", code_notation="SNV-TĐKT",
        place="Quảng Ngãi", promulgation_date=dt.date(2026, 10, 5), subject=REQUEST["summary"], type_detail="18",
        type_name="Công văn", signer_name="Nguyễn Văn A", signer_position="Giám đốc",
        attachments=[edxml.Attachment("1273.pdf", "application/pdf", b"%PDF-1.7 request")]))

    response = _post(_eoffice(), {"agency": _office().pk, "year": 2026,
                                  "package": base64.b64encode(package).decode()})

    assert response.status_code == 201, response.content
    reference = ReportReference.objects.get(pk=response.json()["id"])
    assert (reference.number, reference.date, reference.issuer) == (
        "1273/SNV-TĐKT", dt.date(2026, 10, 5), "Sở Nội vụ tỉnh Quảng Ngãi")
    assert reference.summary == REQUEST["summary"]


@pytest.mark.parametrize(("body", "field", "message"), [
    ({"number": ""}, "non_field_errors", "cần có số, ký hiệu"),
    ({"date": "05/10/2026"}, "date", ""),
    ({"year": 1999}, "year", ""),
    ({"package": "không phải base64"}, "package", "base64"),
])
def test_bad_input_is_a_400_problem_in_vietnamese_and_writes_nothing(body, field, message):
    token = _eoffice()
    before = ReportReference.objects.count(), AuditEvent.objects.count()

    response = _post(token, {"agency": _office().pk, **REQUEST, **body})

    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert message in " ".join(response.json()["errors"][field])
    assert (ReportReference.objects.count(), AuditEvent.objects.count()) == before


def test_the_same_request_twice_is_refused_the_second_time():
    token = _eoffice()
    assert _post(token, {"agency": _office().pk, **REQUEST}).status_code == 201

    response = _post(token, {"agency": _office().pk, **REQUEST})

    assert response.status_code == 400 and "đã được ghi" in " ".join(response.json()["errors"]["non_field_errors"])
    assert ReportReference.objects.filter(agency=_office(), year=2026).count() == 1


def test_a_signed_report_takes_no_more_requests():
    report_start(actor=User.objects.get(username="hcqt"), agency=_office(), year=2026)
    AnnualReport.objects.filter(agency=_office(), year=2026).update(status=ReportStatus.SENT)

    response = _post(_eoffice(), {"agency": _office().pk, **REQUEST})

    assert response.status_code == 400 and "đã ký" in " ".join(response.json()["errors"]["non_field_errors"])
    assert not ReportReference.objects.filter(agency=_office(), year=2026).exists()


def test_only_the_agencys_secretariat_may_register_and_another_agency_is_unknown():
    """A unit head's system, and the secretariat of another agency, name the Office as an unknown id: 400, nothing
    written; anonymous is 401; a GET is 405."""
    unit_head = api_client("Phần mềm KT", role=Role.UNIT_HEAD, unit=_office().units.get(code="KT"))[1]
    other = _eoffice(agency_code="SKHDT")

    for token in (unit_head, other):
        response = _post(token, {"agency": _office().pk, **REQUEST})
        assert response.status_code == 400 and "agency" in response.json()["errors"]
    assert bearer(other).post(URL, {}, content_type="application/json").status_code == 400
    assert Client().post(URL, {"agency": _office().pk, **REQUEST}, content_type="application/json").status_code == 401
    assert bearer(other).get(URL).status_code == 405
    assert not ReportReference.objects.filter(agency=_office(), year=2026).exists()
