"""Hostile uploads to a dossier, over HTTP as the unit head clicks: refused with a Vietnamese
message and nothing stored (no row, no file); and every download of the project goes through a
permission check and is sent as an attachment (design §5)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import get_resolver, reverse

from nominations import demo_facts, demo_pledges, services
from nominations.flows import PledgeFlow
from nominations.models import Attachment, Award, CommendationKind

from .helpers import edit_task, open_cycle, open_dossier, run, task_url

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00This program cannot be run in DOS mode"


def docx(extra: dict[str, bytes] | None = None, document: bytes = b"<w:document/>") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return buffer.getvalue()


def bomb() -> bytes:
    """A .docx of ~60 KB whose document unpacks to 60 MB of zeros."""
    return docx(document=b"\0" * (60 * 1024 * 1024))


def nested() -> bytes:
    return docx({"word/media/image1.png": docx()})


@pytest.fixture
def upload_dir() -> Path:
    return Path(settings.DOCUMENTS_ROOT) / "uploads"


def stored_files(upload_dir: Path) -> set[Path]:
    return set(upload_dir.rglob("*")) if upload_dir.exists() else set()


def post_file(login, name: str, content: bytes):
    dossier = open_dossier(open_cycle())
    return login("truongphong.kt").post(task_url("dossier", edit_task(dossier)), {
        "action": "upload", "kind": "minutes", "file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize("name,content,message", [
    ("bao-cao.pdf", EXE, "Chỉ nhận tệp PDF"),
    ("bao-cao.pdf.exe", PDF, "đuôi .pdf"),
    ("bao-cao.exe.pdf", EXE, "Chỉ nhận tệp PDF"),
    ("anh.png", PDF, "đuôi .pdf"),
    ("bao-cao.pdf", b"", "Vui lòng chọn tệp"),
    ("to-trinh.docx", bomb, "giải nén quá lớn"),
    ("to-trinh.docx", nested, "chứa tệp nén"),
    ("to-trinh.docx", b"PK\x03\x04" + b"\0" * 64, "Chỉ nhận tệp PDF"),
], ids=["wrong magic", "pdf.exe", "exe.pdf", "pdf named png", "zero bytes", "docx bomb", "nested zip", "broken zip"])
def test_hostile_uploads_are_refused_in_vietnamese_and_nothing_is_stored(login, upload_dir, name, content, message):
    before = stored_files(upload_dir)

    response = post_file(login, name, content() if callable(content) else content)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(upload_dir) == before


@override_settings(NOMINATIONS_UPLOAD_MAX_BYTES=1024)
def test_an_oversize_upload_is_refused_before_it_is_read(login, upload_dir):
    response = post_file(login, "bao-cao.pdf", PDF + b"x" * 4096)

    assert response.status_code == 400 and "quá lớn" in response.content.decode()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize("name,content", [("bien-ban.pdf", PDF), ("to-trinh.docx", docx),
                                          ("Ảnh.JPEG", b"\xff\xd8\xff\xe0jfif")], ids=["pdf", "docx", "jpeg"])
def test_a_genuine_file_with_its_own_extension_is_kept(login, name, content):
    response = post_file(login, name, content() if callable(content) else content)

    assert response.status_code == 302
    assert Attachment.objects.get().original_name == name


# --- Downloads --------------------------------------------------------------------------------------

# Every URL that sends a file, and the test that shows its permission check and attachment header.
DOWNLOADS = {
    "nominations:attachment": "test_dossier_flow.py::test_a_pdf_is_kept_privately_and_served_as_attachment…",
    "documents:download": "tests/workflow/test_documents_views.py",
    "documents:draft": "tests/workflow/test_documents_views.py",
    "audit:export": "tests/workflow/test_audit_views.py",
    "admin:accounts_user_export": "tests/accounts/test_spreadsheets.py",
    "pledges:pdf": "test_the_unit_pledge_pdf_is_an_attachment_for_its_unit_only (below)",
    "home:job_download": "tests/workflow/test_jobs.py (owner only, attachment)",
    "home:people_export": "tests/workflow/test_jobs.py (starts a job; the file comes from home:job_download)",
    "audit:export_job": "tests/workflow/test_jobs.py (starts a job; the file comes from home:job_download)",
    "nominations:certificates_pdf": "tests/nominations/test_certificates.py (attachment; 404 to others and before "
                                    "the decision is issued)",
    "nominations:payouts_pdf": "tests/nominations/test_reward_money.py (attachment; who reads the payout list)",
    "api:decision-pdf": "tests/nominations/test_api.py (attachment to the agency's client; 404 to another agency's)",
    "documents:edxml_download": "tests/workflow/test_edxml.py (attachment to who reads the document; 404 to others)",
    "api:decision-edxml-download": "tests/workflow/test_edxml.py (attachment to the agency's client; 404 to "
                                   "another agency's; 409 without the mã định danh)",
    "api:submission-pdf": "tests/nominations/test_api_submissions.py (attachment to Sở Nội vụ's client; 404 to "
                          "another agency's)",
}
FILE_WORDS = ("pdf", "file", "export", "download", "draft", "attachment")


def _url_names(resolver=None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if hasattr(pattern, "url_patterns"):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= _url_names(pattern, inner)
        elif pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_download_url_is_in_the_table():
    """A new URL whose name says it sends a file must be added (with its test) to ``DOWNLOADS``."""
    found = {name for name in _url_names() if any(word in name.split(":")[-1] for word in FILE_WORDS)
             and name.split(":")[0] not in ("pledge", "agencypledge", "dossier", "council", "homeaffairs",
                                                 "annualreport")}
    assert found == set(DOWNLOADS)


def test_the_unit_pledge_pdf_is_an_attachment_for_its_unit_only(login, person):
    demo_pledges.seed()
    head = person("truongphong.kt")
    process = PledgeFlow.start.run(actor=head, unit=head.unit, year=2023)
    url = reverse("pledges:pdf", args=[process.registration_id])

    response = login("truongphong.kt").get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response.content.startswith(b"%PDF-")

    assert login("truongphong.nc").get(url).status_code == 404
    assert login("truongphong.nc").get(reverse("pledges:pdf", args=[999999])).status_code == 404


def _issued_pdf(person, django_capture_on_commit_callbacks) -> bytes:
    """A Quyết định the Office issued, with the chief's and the Office's signatures."""
    from accounts.models import Agency
    from workflow.documents import services as documents
    from workflow.documents.models import IssuedDocument

    draft = documents.document_create(
        actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
        summary="Về việc tặng Giấy khen", data={"authority": "Chánh Văn phòng", "articles": ["Tặng."], "annex": []})
    with django_capture_on_commit_callbacks(execute=True):
        documents.document_sign(actor=person("chanhvp"), document=draft)
    with IssuedDocument.objects.get(pk=draft.pk).pdf.open("rb") as handle:
        return handle.read()


def test_a_signed_pdf_is_verified_on_upload_and_the_secretariat_reads_the_result(
        login, person, fast_pdfs, django_capture_on_commit_callbacks):
    """Given a digitally signed PDF and a copy with one byte changed, when the unit head uploads both and sends
    the dossier, then the secretariat reads beside each file who signed it and whether the signature holds."""
    signed = _issued_pdf(person, django_capture_on_commit_callbacks)
    tampered = bytearray(signed)
    tampered[tampered.index(b"pypdf")] = ord("P")  # the blank page's Producer: inside both signatures' ranges
    dossier = open_dossier(open_cycle())
    head = dossier.created_by
    nominee = person("canbo.kt.02")
    demo_facts.facts_record(year=dossier.cycle.year, lines=[(nominee, "LDTT")])
    services.line_add(actor=head, dossier=dossier, award=Award.objects.get(code="LDTT"), person=nominee,
                      commendation_kind=CommendationKind.objects.get(code="THUONG_XUYEN"),
                      achievements="Hoàn thành xuất sắc nhiệm vụ.")
    for name, content in (("qd-da-ky.pdf", signed), ("qd-bi-sua.pdf", bytes(tampered))):
        services.attachment_add(actor=head, dossier=dossier, kind="supporting", filename=name, content=content)
    demo_facts.papers_record(dossier=dossier)
    run(edit_task(dossier), head, lambda: services.dossier_submit(actor=head, dossier=dossier))

    page = " ".join(login("hcqt").get(reverse("nominations:dossier", args=[dossier.pk])).content.decode().split())

    good = Attachment.objects.get(original_name="qd-da-ky.pdf").signatures
    bad = Attachment.objects.get(original_name="qd-bi-sua.pdf").signatures
    assert [s["subject"] for s in good] == [person("chanhvp").full_name, "Văn phòng UBND tỉnh Quảng Ngãi"]
    assert [s["valid"] for s in good] == [True, True]
    assert [s["reasons"] for s in bad] == [["nội dung đã bị thay đổi sau khi ký"]] * 2
    assert f'Ký số: {person("chanhvp").full_name} — <strong class="valid">hợp lệ</strong>' in page
    assert ('Ký số: Văn phòng UBND tỉnh Quảng Ngãi — <strong class="invalid">không hợp lệ</strong> '
            "(nội dung đã bị thay đổi sau khi ký)") in page
