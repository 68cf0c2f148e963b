"""Ký số (issue 19): an issued document carries the signer's and the agency's signatures, made with their own
certificates, covering the number and the date; anyone can check them, and what is wrong is said.

Nghị định 30/2020/NĐ-CP, Điều 5 (an electronic document counts when signed by the competent person and by the
agency), Điều 32(2)(d) (the agency signs only what the person has signed), Phụ lục I mục II.7–II.8."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from asn1crypto import keys as asn1_keys
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import MDPPerm
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from accounts.models import Agency
from tests.workflow.test_documents_services import DECISION
from workflow.audit.models import AuditEvent
from workflow.documents import rendering, services
from workflow.documents.models import DocumentCounter, DocumentStatus, IssuedDocument
from workflow.signing import backends, devca
from workflow.signing import services as signing
from workflow.signing.models import DocumentSignature, SignatureRole, SigningCertificate
from workflow.signing.pdf import Slot, sign_pdf
from workflow.signing.verify import check_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(person, django_capture_on_commit_callbacks):
    """Draft a Quyết định as the secretariat, sign it as ``signer`` and run the issuing, as a commit would."""

    def run(signer: str = "chanhvp") -> IssuedDocument:
        draft = services.document_create(
            actor=person("hcqt"), agency=Agency.objects.get(code="VP"), template_key="quyet_dinh_khen_thuong",
            summary="Về việc tặng Giấy khen", data=DECISION, issuer_unit_code="HCQT")
        with django_capture_on_commit_callbacks(execute=True):
            services.document_sign(actor=person(signer), document=draft)
        return IssuedDocument.objects.select_related("agency", "signer").get(pk=draft.pk)

    return run


def stored(document: IssuedDocument) -> bytes:
    with document.pdf.open("rb") as handle:
        return handle.read()


def dev_root():
    return backends.asn1_certificate(devca.ca_paths()[0].read_bytes())


def embedded(pdf: bytes):
    return list(PdfFileReader(io.BytesIO(pdf)).embedded_signatures)


def test_an_issued_decision_carries_the_signers_and_the_agencys_valid_signatures(issue, person):
    document = issue()

    signatures = embedded(stored(document))
    assert [s.field_name for s in signatures] == [signing.SIGNER_FIELD, signing.AGENCY_FIELD]
    context = ValidationContext(trust_roots=[dev_root()])
    statuses = [validate_pdf_signature(s, context) for s in signatures]
    assert all(status.bottom_line for status in statuses), [status.pretty_print_details() for status in statuses]
    signer, agency = (s.signer_cert.subject.native["common_name"] for s in signatures)
    assert signer == person("chanhvp").full_name and agency == document.agency.name
    # The person certifies, allowing only the filling of fields and signing: the agency's signature after it.
    assert signatures[0].docmdp_level == MDPPerm.FILL_FORMS
    assert statuses[1].coverage.name == "ENTIRE_FILE"
    rows = list(DocumentSignature.objects.filter(document=document).order_by("position"))
    assert [(r.role, r.signed_by) for r in rows] == [(SignatureRole.SIGNER, person("chanhvp")),
                                                     (SignatureRole.AGENCY, None)]


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler-utils is installed by .ci/run")
def test_pdfsig_finds_both_signatures_intact(issue, tmp_path):
    path = tmp_path / "qd.pdf"
    path.write_bytes(stored(issue()))

    listing = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=True).stdout

    assert listing.count("Signature Validation: Signature is Valid.") == 2
    assert f"Signature Field Name: {signing.SIGNER_FIELD}" in listing and "Total document signed" in listing


def test_both_signatures_cover_the_number_and_the_date(issue):
    """What each signature signed is the file up to the end of its byte range: its text holds the number and
    the date of issue, so neither can change without breaking both signatures."""
    document = issue()
    pdf = stored(document)
    date = timezone.localtime(document.signed_at)

    for signature in embedded(pdf):
        *_, start, length = signature.sig_object["/ByteRange"]
        signed_revision = " ".join(rendering.pdf_text(pdf[: start + length]).split())
        assert "Số: 01/QĐ-VP" in signed_revision
        assert f"ngày {date:%d} tháng {date:%m} năm {date:%Y}" in signed_revision


def test_a_deputy_signs_kt_with_the_deputys_own_certificate(issue, person):
    document = issue(signer="phochanhvp2")

    first = embedded(stored(document))[0]
    deputy = person("phochanhvp2")
    assert document.snapshot["doc"]["signature_lines"][0].startswith("KT.")
    assert first.signer_cert.subject.native["common_name"] == deputy.full_name
    fingerprint = first.signer_cert.sha256.hex()
    assert SigningCertificate.objects.get(fingerprint=fingerprint).user == deputy
    assert not SigningCertificate.objects.filter(user=person("chanhvp"), fingerprint=fingerprint).exists()


def test_each_signature_is_an_audit_event_naming_the_certificate_and_the_file(issue, person):
    document = issue()

    events = list(AuditEvent.objects.filter(action=signing.DOCUMENT_DIGITALLY_SIGNED, object_id=str(document.pk))
                  .order_by("pk"))
    assert [e.changes["role"] for e in events] == ["signer", "agency"]
    assert events[0].actor == person("chanhvp") and events[1].actor is None
    for event, row in zip(events, document.signatures.order_by("position"), strict=True):
        assert event.changes["certificate_sha256"] == row.certificate.fingerprint
        assert event.changes["pdf_sha256"] == document.pdf_sha256


def test_the_chain_head_is_in_the_metadata_of_the_signed_file_not_on_the_page(issue):
    document = issue()
    pdf = stored(document)

    head = document.snapshot["doc"]["audit_head"]
    assert head and rendering.pdf_audit_head(pdf) == head
    assert head not in rendering.pdf_text(pdf)


def test_one_changed_byte_is_reported_invalid_with_the_reason(issue):
    document = issue()
    pdf = bytearray(stored(document))
    at = pdf.index(b"WeasyPrint")  # the Producer, inside both signatures' byte ranges
    pdf[at] = ord("w")
    Path(document.pdf.path).write_bytes(bytes(pdf))

    check = services.document_check(document, rerender=False)

    assert not check.valid and not check.signatures_ok
    assert all("nội dung đã bị thay đổi sau khi ký" in c.reasons for c in check.signatures)
    out = StringIO()
    with pytest.raises(CommandError, match="01/QĐ-VP"):
        call_command("verify_documents", "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["invalid"] == 1
    assert {tuple(s["reasons"]) for s in report["documents"][0]["signatures"]} == {
        ("nội dung đã bị thay đổi sau khi ký",)}


def _resign(document: IssuedDocument, person_certificate: SigningCertificate) -> None:
    """The document's rendering signed again, the person's signature by ``person_certificate``; the stored file
    and its hash replaced, as someone with the file store would."""
    pdf = rendering.render_pdf("documents/quyet_dinh_khen_thuong.html", document.snapshot)
    agency = signing.certificate_for(agency=document.agency)
    backend = backends.get_backend()
    with backend.signer(person_certificate) as by_person, backend.signer(agency) as by_agency:
        signed = sign_pdf(pdf.pdf, [
            Slot(signing.SIGNER_FIELD, by_person, b"", None, name="x", reason="x", certify=True),
            Slot(signing.AGENCY_FIELD, by_agency, b"", None, name="x", reason="x")])
    Path(document.pdf.path).write_bytes(signed)
    document.pdf_sha256 = hashlib.sha256(signed).hexdigest()


def test_a_signature_by_someone_elses_certificate_is_reported(issue, person):
    """The deputy's key, valid and issued by the trusted CA, in the place of the chief who is recorded as the
    signer: the register, not the CA, says whose signature it must be."""
    document = issue()
    _resign(document, signing.certificate_for(user=person("phochanhvp2")))

    check = services.document_check(document, rerender=False)

    by_field = {c.field_name: c for c in check.signatures}
    assert not by_field[signing.SIGNER_FIELD].valid
    assert by_field[signing.SIGNER_FIELD].reasons == [
        f"chứng thư số không phải của {person('chanhvp').full_name}, người được ghi nhận là người ký"]
    assert by_field[signing.AGENCY_FIELD].valid


def test_a_signature_made_with_an_expired_certificate_is_reported(issue, person):
    document = issue()
    chief = person("chanhvp")
    long_ago = timezone.now() - dt.timedelta(days=30)
    expired = signing.dev_certificate_issue(user=chief, valid_from=long_ago, valid_days=10)
    _resign(document, expired)

    check = services.document_check(document, rerender=False)

    signer = next(c for c in check.signatures if c.field_name == signing.SIGNER_FIELD)
    assert not signer.valid
    assert "chứng thư số đã hết hạn hoặc chưa có hiệu lực" in signer.reasons
    assert "thời điểm ký nằm ngoài thời hạn của chứng thư số" in signer.reasons


def test_an_expired_certificate_leaves_the_document_waiting_without_a_number_until_the_sweep(
        issue, person, django_capture_on_commit_callbacks):
    chief = person("chanhvp")
    signing.certificate_for(user=chief)
    for certificate in SigningCertificate.objects.filter(user=chief):
        certificate.not_after = timezone.now() - dt.timedelta(days=1)
        certificate.save()

    document = issue()

    assert document.status == DocumentStatus.SIGN_PENDING and document.number is None
    assert "đã hết hạn" in document.error and chief.full_name in document.error
    assert not DocumentCounter.objects.exists() and not DocumentSignature.objects.exists()
    # A new certificate is registered; the sweep tries again and the document takes the first number.
    signing.dev_certificate_issue(user=chief)
    with django_capture_on_commit_callbacks(execute=True):
        requeued = services.documents_requeue_stale(older_than=dt.timedelta(0),
                                                    now=timezone.now() + dt.timedelta(seconds=1))
    document.refresh_from_db()
    assert requeued == [document.pk]
    assert document.status == DocumentStatus.READY and document.number_text == "01/QĐ-VP"
    assert services.document_check(document, rerender=False).valid


def test_a_revoked_certificate_is_not_used(issue, person):
    chief = person("chanhvp")
    certificate = signing.certificate_for(user=chief)
    certificate.revoked_at = timezone.now()
    certificate.save()

    document = issue()

    assert document.status == DocumentStatus.SIGN_PENDING
    assert document.error == f"Chứng thư số của {chief.full_name} đã bị thu hồi."


def test_with_a_timestamping_authority_both_signatures_carry_a_valid_rfc3161_timestamp(issue, settings):
    settings.DOCUMENT_SIGNING_TSA_URL = "dev"

    document = issue()

    checks = services.document_check(document, rerender=False).signatures
    assert [c.timestamped for c in checks] == [True, True] and all(c.valid for c in checks)


def test_through_a_remote_signing_service(issue, person, settings, monkeypatch):
    """The service holds the keys (here a fake that signs with the development CA's key files): only the data to
    sign and the raw signature cross the wire, with the configured bearer token."""
    settings.DOCUMENT_SIGNING_BACKEND = "remote"
    settings.DOCUMENT_SIGNING_REMOTE_URL = "https://ky-so.example/api"
    settings.DOCUMENT_SIGNING_REMOTE_TOKEN = "secret-token"
    settings.DOCUMENT_SIGNING_TRUST_ROOTS = [str(devca.ca_paths()[0])]  # the service's CA: here the development one
    for owner in ({"user": person("chanhvp")}, {"agency": Agency.objects.get(code="VP")}):
        if not SigningCertificate.objects.filter(**owner).exists():
            settings.DOCUMENT_SIGNING_BACKEND = "devca"
            signing.dev_certificate_issue(**owner)
            settings.DOCUMENT_SIGNING_BACKEND = "remote"
    calls = []

    def fake_service(url, payload, headers):
        calls.append((url, payload["key"], headers))
        key = devca.private_key(payload["key"])
        assert payload["digest_algorithm"] == "sha256"
        signature = key.sign(base64.b64decode(payload["data"]), ec.ECDSA(hashes.SHA256()))
        return {"signature": base64.b64encode(signature).decode()}

    monkeypatch.setattr(backends.RemoteBackend, "transport", staticmethod(fake_service))

    document = issue()

    assert document.status == DocumentStatus.READY, document.error
    assert services.document_check(document, rerender=False).signatures_ok
    assert [c[0] for c in calls] == ["https://ky-so.example/api/sign"] * 2
    assert all(c[2] == {"Authorization": "Bearer secret-token"} for c in calls)


def test_a_signing_service_that_does_not_answer_leaves_the_document_waiting(issue, person, settings, monkeypatch):
    signing.certificate_for(user=person("chanhvp"))
    signing.certificate_for(agency=Agency.objects.get(code="VP"))
    settings.DOCUMENT_SIGNING_BACKEND = "remote"
    settings.DOCUMENT_SIGNING_REMOTE_URL = "https://ky-so.example/api"

    def down(url, payload, headers):
        raise backends.SigningError("Dịch vụ ký số không trả lời: ConnectionError")

    monkeypatch.setattr(backends.RemoteBackend, "transport", staticmethod(down))

    document = issue()

    assert document.status == DocumentStatus.SIGN_PENDING and document.number is None
    assert document.error == "Dịch vụ ký số không trả lời: ConnectionError"


def test_the_document_page_says_who_signed_when_and_whether_it_is_valid(issue, client, person):
    document = issue()
    client.force_login(person("chanhvp"))

    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()

    lines = [" ".join(m.split()) for m in re.findall(r'<li class="signature-check"[^>]*>(.*?)</li>', page, re.S)]
    assert len(lines) == 2
    assert lines[0].startswith('<span class="signature-role">Người có thẩm quyền ký</span> — '
                               f"Đã ký số bởi {person('chanhvp').full_name} lúc ")
    assert lines[1].startswith('<span class="signature-role">Cơ quan ban hành (văn thư ký số)</span> — '
                               f"Đã ký số bởi {document.agency.name} lúc ")
    assert all(line.endswith('<strong class="valid">hợp lệ</strong>') for line in lines)


def test_a_waiting_document_shows_why_and_can_be_signed_again(issue, client, person,
                                                              django_capture_on_commit_callbacks):
    chief = person("chanhvp")
    certificate = signing.certificate_for(user=chief)
    certificate.revoked_at = timezone.now()
    certificate.save()
    document = issue()
    client.force_login(chief)

    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()

    assert "Văn bản đã được ký duyệt nhưng chưa ký số được" in page and "đã bị thu hồi" in page
    signing.dev_certificate_issue(user=chief)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:retry", args=[document.pk]))
    document.refresh_from_db()
    assert document.status == DocumentStatus.READY and document.number_text == "01/QĐ-VP"


def test_verify_documents_json_reports_every_signature_valid(issue):
    issue()
    issue(signer="phochanhvp2")
    out = StringIO()

    call_command("verify_documents", "--json", stdout=out)

    report = json.loads(out.getvalue())
    assert report["checked"] == 2 and report["invalid"] == 0
    for document in report["documents"]:
        assert [s["field"] for s in document["signatures"]] == [signing.SIGNER_FIELD, signing.AGENCY_FIELD]
        assert all(s["valid"] and not s["reasons"] for s in document["signatures"])


def test_keys_stay_outside_git_and_static(issue):
    issue()

    keys = list((devca.root() / "keys").glob("*.key.pem"))
    assert keys and all(path.stat().st_mode & 0o077 == 0 for path in keys)
    assert all(str(path).startswith(str(Path(django_settings.DOCUMENTS_ROOT))) for path in keys)
    key = serialization.load_pem_private_key(keys[0].read_bytes(), password=None)
    assert isinstance(asn1_keys.PrivateKeyInfo.load(key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        asn1_keys.PrivateKeyInfo)


def test_the_drawn_signature_and_seal_use_fonts_with_every_vietnamese_letter():
    """The development CA draws each person's name: with Debian's older Liberation fonts (same file names, no
    ầ ộ ự) "Trần" came out with a blank box."""
    from fontTools.ttLib import TTFont

    from workflow.signing import appearance

    for file_name in ("LiberationSerif-Italic.ttf", "LiberationSans-Bold.ttf"):
        cmap = TTFont(appearance._font_path(file_name)).getBestCmap()
        assert all(ord(letter) in cmap for letter in "ầẦộỘựỰửỬỹỸđĐ"), file_name


def test_a_timestamp_made_while_the_certificate_was_valid_keeps_the_signature_valid_after_it_expires(person):
    """PAdES B-T: signed and timestamped on a day inside the certificate's validity, checked after it ended —
    valid; the same signature without a timestamp cannot prove when it was made and is reported."""
    from pyhanko.sign import timestamps

    chief, office = person("chanhvp"), Agency.objects.get(code="VP")
    start = timezone.now() - dt.timedelta(days=30)
    expired = signing.dev_certificate_issue(user=chief, valid_from=start, valid_days=10)
    seal = signing.certificate_for(agency=office)
    tsa_cert, tsa_key = devca.timestamping_authority()
    der = tsa_key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    back_then = timestamps.DummyTimeStamper(
        tsa_cert=backends.asn1_certificate(tsa_cert.public_bytes(serialization.Encoding.PEM)),
        tsa_key=asn1_keys.PrivateKeyInfo.load(der), fixed_dt=start + dt.timedelta(days=5))
    pdf = rendering.render_pdf("documents/quyet_dinh_khen_thuong.html", services.document_context(
        IssuedDocument(agency=office, template_key="quyet_dinh_khen_thuong", summary="Về việc tặng Giấy khen",
                       doc_type="QĐ", data=DECISION), draft=True)).pdf
    backend = backends.get_backend()

    def signed_by_chief(timestamper):
        with backend.signer(expired) as by_chief, backend.signer(seal) as by_office:
            return sign_pdf(pdf, [Slot(signing.SIGNER_FIELD, by_chief, b"", None, name="x", reason="x", certify=True),
                                  Slot(signing.AGENCY_FIELD, by_office, b"", None, name="x", reason="x")],
                            timestamper=timestamper)

    stamped = check_pdf(signed_by_chief(back_then))[0]
    unstamped = check_pdf(signed_by_chief(None))[0]

    assert stamped.timestamped and stamped.valid, stamped.reasons
    assert stamped.signed_at == start + dt.timedelta(days=5)
    assert not unstamped.valid and "chứng thư số đã hết hạn hoặc chưa có hiệu lực" in unstamped.reasons


def test_signing_and_checking_work_in_a_thread_whose_event_loop_is_running(person):
    """pyHanko's synchronous API starts an event loop of its own, which fails inside a running one (an ASGI
    thread; here, as in the suite after the browser tests, a loop this test runs): the document then waited
    "chờ ký số" with "asyncio.run() cannot be called from a running event loop"."""
    import asyncio

    from tests.pdfs import blank_pdf
    from workflow.signing.loops import outside_event_loop

    chief = signing.certificate_for(user=person("chanhvp"))
    seal = signing.certificate_for(agency=Agency.objects.get(code="VP"))
    backend = backends.get_backend()

    async def inside_a_loop():
        with backend.signer(chief) as by_chief, backend.signer(seal) as by_office:
            signed = outside_event_loop(sign_pdf, blank_pdf(), [
                Slot(signing.SIGNER_FIELD, by_chief, b"", None, name="x", reason="x", certify=True),
                Slot(signing.AGENCY_FIELD, by_office, b"", None, name="x", reason="x")])
        return check_pdf(signed)

    checks = asyncio.run(inside_a_loop())

    assert [c.valid for c in checks] == [True, True], [c.reasons for c in checks]
