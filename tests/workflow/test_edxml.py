"""The edXML package of QCVN 102:2016/BTTTT (issue 22, e-office axis): an issued Quyết định exports with its number,
date, subject, signer and PDF, on its page and through the API, to whoever reads it (404 to others); never without
the agency's mã định danh điện tử; a received package (Sở Nội vụ's request) is recorded as the annual report's
received request through the report's service; malformed or hostile XML is refused in Vietnamese, nothing saved."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse
from lxml import etree

from accounts.models import Agency, User
from accounts.roles import Role
from nominations.edxml_import import request_import
from nominations.models import AnnualReport, ReferenceRole, ReportReference
from nominations.processes.report import report_start
from tests.nominations.api_helpers import api_client, bearer
from tests.nominations.certificate_helpers import issued_decision
from workflow.audit import Action
from workflow.audit.models import AuditEvent
from workflow.documents import edxml
from workflow.documents.models import DocumentRecipient, RecipientKind

pytestmark = pytest.mark.django_db

NS = {"e": edxml.NS}
# Test values in the format of Quyết định 20/2020/QĐ-TTg, not any agency's real code.
VP_CODE, SNV_CODE = "000.01.99.Z99", "000.02.99.Z99"


@pytest.fixture(autouse=True)
def _fresh_throttle():
    cache.clear()


def _set_codes(**codes: str) -> None:
    for code, electronic_id in codes.items():
        Agency.objects.filter(code=code).update(electronic_id=electronic_id)


@pytest.fixture
def decision(fast_pdfs):
    """The Office's issued Lao động tiên tiến decision, the Office (and Sở Nội vụ) with their codes."""
    _set_codes(VP=VP_CODE, SNV=SNV_CODE)
    return issued_decision()


def _download(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200, getattr(response, "content", b"")[:300]
    assert response["Content-Disposition"].startswith("attachment;")
    return b"".join(response.streaming_content)


def _report(year: int = 2026) -> AnnualReport:
    secretariat = User.objects.get(username="hcqt")
    report_start(actor=secretariat, agency=secretariat.unit.agency, year=year)
    return AnnualReport.objects.get(agency=secretariat.unit.agency, year=year)


def _request_package(**overrides) -> bytes:
    """Sở Nội vụ's Công văn asking the Office for its report, as Sở Nội vụ's e-office system would send it."""
    fields = dict(
        sender=edxml.Party(SNV_CODE, "Sở Nội vụ tỉnh Quảng Ngãi"), recipients=[edxml.Party(VP_CODE, "Văn phòng")],
        code_number="1273", code_notation="SNV-TĐKT", place="Quảng Ngãi", promulgation_date=dt.date(2026, 10, 5),
        subject="Về việc báo cáo tổng kết công tác thi đua, khen thưởng năm 2026", type_detail="18",
        type_name="Công văn", signer_name="Nguyễn Văn A", signer_position="Giám đốc",
        attachments=[edxml.Attachment("1273-SNV-TDKT.pdf", "application/pdf", b"%PDF-1.7 request")])
    fields.update(overrides)
    return edxml.build(edxml.Package(**fields))


# --- export -----------------------------------------------------------------------------------------------------


def test_the_package_carries_the_number_date_subject_signer_and_pdf(decision, login):
    """Given an issued decision of the Office, whose agency has its mã định danh
    When the secretariat downloads its edXML package from the document's page
    Then the envelope holds the sender's code, CodeNumber/CodeNotation, the date, subject, signer and the PDF."""
    document = decision.document

    data = _download(login("hcqt"), reverse("documents:edxml_download", args=[document.pk]))

    root = etree.fromstring(data)
    header = root.find("e:edXMLEnvelope/e:edXMLHeader/e:MessageHeader", NS)
    assert root.tag == f"{{{edxml.NS}}}edXML" and header is not None
    assert header.findtext("e:From/e:OrganId", namespaces=NS) == VP_CODE
    assert header.findtext("e:From/e:OrganName", namespaces=NS) == document.agency.name
    number, notation = document.number_text.split("/", 1)  # "01/QĐ-VP": the number as printed, the notation
    assert int(number) == document.number and notation.startswith("QĐ-")
    assert header.findtext("e:Code/e:CodeNumber", namespaces=NS) == number
    assert header.findtext("e:Code/e:CodeNotation", namespaces=NS) == notation
    signed = document.signed_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    assert header.findtext("e:PromulgationInfo/e:PromulgationDate", namespaces=NS) == signed.strftime("%Y/%m/%d")
    assert header.findtext("e:PromulgationInfo/e:Place", namespaces=NS) == document.agency.place_name
    assert header.findtext("e:Subject", namespaces=NS) == document.summary
    assert header.findtext("e:SignerInfo/e:FullName", namespaces=NS) == document.signer.full_name
    assert header.findtext("e:DocumentType/e:TypeName", namespaces=NS) == "Quyết định"
    assert header.findtext("e:DocumentId", namespaces=NS) == f"{VP_CODE},{signed:%Y/%m/%d},{document.number_text}"
    # A decision names only people and units of the Office: the package goes to the Office's own e-office system.
    assert [to.findtext("e:OrganId", namespaces=NS) for to in header.findall("e:To", NS)] == [VP_CODE]
    manifest = root.findall("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", NS)
    assert [ref.findtext("e:ContentType", namespaces=NS) for ref in manifest] == ["application/pdf"]
    with document.pdf.open("rb") as handle:
        assert edxml.parse(data).attachments[0].content == handle.read()


def test_the_api_gives_the_same_package_to_the_agencys_client_and_404_to_another_agencys(decision):
    """Given the Office's client and Sở Kế hoạch và Đầu tư's client
    When each asks for the decision's package, and an anonymous caller too
    Then the Office's reads it (parsing to the same number), the other gets 404 and anonymous 401."""
    _own, own = api_client("Hệ thống văn bản Văn phòng", role=Role.SECRETARIAT)
    _other, other = api_client("Hệ thống Sở Kế hoạch", role=Role.SECRETARIAT, agency_code="SKHDT")
    url = reverse("api:decision-edxml-download", args=[decision.pk])

    package = edxml.parse(_download(bearer(own), url))

    assert package.number_text == decision.document.number_text
    assert package.subject == decision.document.summary
    missing = bearer(other).get(url)
    assert missing.status_code == 404 and missing["Content-Type"] == "application/problem+json"
    assert bearer(own).get(reverse("api:decision-edxml-download", args=[999999])).status_code == 404
    from django.test import Client

    assert Client().get(url).status_code == 401


def test_whoever_cannot_read_the_document_finds_its_package_missing(decision, login):
    """Given the issued decision
    When the head of an unrelated unit asks for its package, or for a document that does not exist
    Then both are 404 alike."""
    url = reverse("documents:edxml_download", args=[decision.document.pk])

    assert login("truongphong.nc").get(url).status_code == 404
    assert login("hcqt").get(reverse("documents:edxml_download", args=[999999])).status_code == 404


def test_no_package_without_the_agencys_code(decision, login):
    """Given the Office has no mã định danh điện tử recorded
    When its package is asked on the page and through the API
    Then none is made: the page says (in Vietnamese) the code is missing, the API answers 409 with the reason."""
    _set_codes(VP="")
    url = reverse("documents:edxml_download", args=[decision.document.pk])

    response = login("hcqt").get(url, follow=True)

    assert response.redirect_chain[-1][0] == reverse("documents:detail", args=[decision.document.pk])
    text = response.content.decode()
    assert "chưa có mã định danh điện tử" in text and "Quyết định 20/2020/QĐ-TTg" in text
    _own, own = api_client("Hệ thống văn bản Văn phòng", role=Role.SECRETARIAT)
    problem = bearer(own).get(reverse("api:decision-edxml-download", args=[decision.pk]))
    assert problem.status_code == 409 and "chưa có mã định danh điện tử" in problem.json()["detail"]


def test_a_recipient_agency_without_its_code_stops_the_package(decision):
    """Given a decision also addressed to Sở Nội vụ, whose code is not recorded
    When its package is made
    Then it is refused naming Sở Nội vụ: a package never goes to a made-up address."""
    _set_codes(SNV="")
    DocumentRecipient.objects.create(document=decision.document, kind=RecipientKind.HOME_AFFAIRS, position=99)

    with pytest.raises(edxml.EdxmlError, match="Sở Nội vụ tỉnh Quảng Ngãi"):
        edxml.document_edxml(decision.document)

    _set_codes(SNV=SNV_CODE)
    package = edxml.parse(edxml.document_edxml(decision.document))
    assert [party.organ_id for party in package.recipients] == [SNV_CODE]


# --- import -----------------------------------------------------------------------------------------------------


def test_the_exported_decision_round_trips_through_the_importer(decision):
    """Given the decision's package (addressed to the Office's own e-office system) and the Office's 2026 report
    When the secretariat imports it
    Then a received document with the decision's number, date, issuer and subject is recorded, with its audit event."""
    report = _report()
    document = decision.document

    reference = request_import(actor=User.objects.get(username="hcqt"), agency=report.agency, year=report.year,
                               data=edxml.document_edxml(document))

    assert reference.role == ReferenceRole.REQUEST and reference.kind == "Quyết định"
    assert reference.number == document.number_text
    assert reference.date == document.signed_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()
    assert reference.issuer == document.agency.name and reference.summary == document.summary
    assert AuditEvent.objects.filter(action=Action.CREATED, object_id=str(reference.pk)).exists()


def test_sn_vs_request_is_recorded_by_the_command_once(decision, tmp_path):
    """Given Sở Nội vụ's request as a file
    When the command records it for the Office's 2026 report, then again
    Then the report cites “Công văn số 1273/SNV-TĐKT ngày 05/10/2026 của Sở Nội vụ …”; the second time is refused."""
    report = _report()
    path = tmp_path / "request.edxml"
    path.write_bytes(_request_package())

    call_command("import_edxml", str(path), "--agency", "VP", "--year", "2026", "--user", "hcqt")

    reference = ReportReference.objects.get(agency=report.agency, year=2026, role=ReferenceRole.REQUEST)
    assert reference.citation == ("Công văn số 1273/SNV-TĐKT ngày 05/10/2026 của Sở Nội vụ tỉnh Quảng Ngãi")
    with pytest.raises(CommandError, match="đã được ghi"):
        call_command("import_edxml", str(path), "--agency", "VP", "--year", "2026", "--user", "hcqt")
    assert ReportReference.objects.filter(agency=report.agency, year=2026).count() == 1


XXE = b"""<?xml version="1.0"?>
<!DOCTYPE edXML [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><MessageHeader>
<Subject>&secret;</Subject></MessageHeader></edXMLHeader></edXMLEnvelope></edXML>"""
LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">&lol4;</edXML>"""
EXTERNAL_DTD = b"""<?xml version="1.0"?><!DOCTYPE edXML SYSTEM "http://example.invalid/edxml.dtd">
<edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"/>"""


@pytest.mark.parametrize(("data", "reason"), [
    (XXE, "DOCTYPE"),
    (LAUGHS, "DOCTYPE"),
    (EXTERNAL_DTD, "DOCTYPE"),
    (b"<edXML xmlns='http://www.mic.gov.vn/TBT/QCVN_102_2016'><edXMLEnvelope>", "không phải XML đúng cú pháp"),
    (b"", "tệp rỗng"),
    (b"<Envelope xmlns='urn:other'/>", "phần tử gốc"),
    (b"<edXML xmlns='http://www.mic.gov.vn/TBT/QCVN_102_2016'><edXMLEnvelope/></edXML>", "MessageHeader"),
    ("no subject", "Subject"),
    ("no sender code", "From/OrganId"),
    ("bad base64", "base64"),
    ("to another agency", "không phải đến cơ quan"),
])
def test_a_malformed_or_hostile_package_is_refused_in_vietnamese_and_nothing_is_saved(decision, data, reason):
    """Given the Office's report
    When a hostile (XXE, billion laughs, external DTD), malformed, incomplete or misaddressed package is imported
    Then it is refused with a Vietnamese reason and no reference is written."""
    report = _report()
    if data == "no subject":
        data = _request_package(subject="")
    elif data == "no sender code":
        data = _request_package(sender=edxml.Party("", "Sở Nội vụ"))
    elif data == "bad base64":
        data = _request_package().replace(b"JVBERi0xLjcgcmVxdWVzdA==", b"@@not base64@@")
    elif data == "to another agency":
        data = _request_package(recipients=[edxml.Party("000.03.99.Z99", "Sở Kế hoạch và Đầu tư")])

    with pytest.raises(ValidationError) as refused:
        request_import(actor=User.objects.get(username="hcqt"), agency=report.agency, year=report.year, data=data)

    assert reason in " ".join(refused.value.messages)
    assert not ReportReference.objects.filter(agency=report.agency).exists()


def test_the_import_is_the_secretariats_and_needs_the_agencys_code(decision):
    """Given the Office's report
    When a unit head imports a valid package, or the secretariat does while the Office has no code
    Then the first is refused as not the secretariat's, the second as the code missing; nothing written."""
    from django.core.exceptions import PermissionDenied

    report = _report()
    with pytest.raises(PermissionDenied):
        request_import(actor=User.objects.get(username="truongphong.kt"), agency=report.agency, year=report.year,
                       data=_request_package())
    _set_codes(VP="")
    with pytest.raises(ValidationError, match="chưa có mã định danh điện tử"):
        request_import(actor=User.objects.get(username="hcqt"), agency=report.agency, year=report.year,
                       data=_request_package())
    assert not ReportReference.objects.filter(agency=report.agency).exists()


def test_the_agency_code_keeps_to_the_character_set_of_qd_20_2020():
    """Given the Office
    When an administrator types a code with lower case letters or a space
    Then full_clean refuses it; a dotted upper-case code is accepted."""
    agency = Agency.objects.get(code="VP")
    agency.electronic_id = "000.00.00.h48 "
    with pytest.raises(ValidationError):
        agency.full_clean()
    agency.electronic_id = VP_CODE
    agency.full_clean()
