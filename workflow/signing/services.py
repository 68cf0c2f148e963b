"""Writes of the signing engine: registering a certificate, issuing one from the development CA, and signing an
issued document's PDF (recording each signature and its audit event in the issuing transaction)."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Agency, User
from accounts.roles import Role
from accounts.selectors import role_set
from workflow.audit import audit_record
from workflow.audit.actions import register_action

from . import appearance, devca
from .backends import SigningError, get_backend, timestamper
from .loops import outside_event_loop
from .models import DocumentSignature, SignatureRole, SigningCertificate
from .pdf import Box, Slot, seal_box, sign_pdf, signature_box
from .verify import Expected

CERTIFICATE_REGISTERED = register_action("signing.certificate_registered", gettext_lazy("Đăng ký chứng thư số"))
CERTIFICATE_REVOKED = register_action("signing.certificate_revoked", gettext_lazy("Thu hồi chứng thư số"))
DOCUMENT_DIGITALLY_SIGNED = register_action("document.digitally_signed", gettext_lazy("Ký số văn bản"))

SIGNER_FIELD = "KySoNguoiCoThamQuyen"
AGENCY_FIELD = "KySoCoQuan"
SIGNER_ANCHOR = "ky-so-nguoi-ky"


def _fingerprint(certificate: x509.Certificate) -> str:
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def _owner_agency(certificate: SigningCertificate) -> Agency | None:
    if certificate.agency_id:
        return certificate.agency
    return certificate.user.unit.agency if certificate.user.unit_id else None


def _certificate_row(*, certificate: x509.Certificate, key_label: str, user: User | None, agency: Agency | None,
                     image_png: bytes, actor: User | None) -> SigningCertificate:
    row = SigningCertificate(
        user=user, agency=agency, key_label=key_label,
        certificate_pem=certificate.public_bytes(serialization.Encoding.PEM).decode(),
        fingerprint=_fingerprint(certificate), subject=certificate.subject.rfc4514_string()[:300],
        issuer=certificate.issuer.rfc4514_string()[:300],
        not_before=certificate.not_valid_before_utc, not_after=certificate.not_valid_after_utc, image_png=image_png)
    row.full_clean()
    row._history_user = actor
    row.save()
    audit_record(actor=actor, action=CERTIFICATE_REGISTERED, obj=row, agency=_owner_agency(row),
                 changes={"fingerprint": row.fingerprint, "subject": row.subject, "key_label": key_label,
                          "not_after": row.not_after.isoformat()})
    return row


def certificate_registration_check(*, certificate_pem: str, key_label: str, user: User | None = None,
                                   agency: Agency | None = None, image_png: bytes = b"") -> x509.Certificate:
    """What registering would refuse, with the reason in Vietnamese (the admin form asks before it saves)."""
    if (user is None) == (agency is None):
        raise ValidationError(_("Chứng thư số phải thuộc đúng một người hoặc một cơ quan."))
    try:
        certificate = x509.load_pem_x509_certificate(certificate_pem.encode())
    except ValueError as exc:
        raise ValidationError(_("Tệp chứng thư số không đọc được (cần định dạng PEM).")) from exc
    if not key_label.strip():
        raise ValidationError(_("Ghi nhãn của khóa bí mật trong thiết bị ký số hoặc dịch vụ ký số."))
    if image_png and not image_png.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ValidationError(_("Hình ảnh chữ ký số phải là tệp PNG."))
    if SigningCertificate.objects.filter(fingerprint=_fingerprint(certificate)).exists():
        raise ValidationError(_("Chứng thư số này đã được đăng ký."))
    return certificate


@transaction.atomic
def certificate_register(*, actor: User, certificate_pem: str, key_label: str, user: User | None = None,
                         agency: Agency | None = None, image_png: bytes = b"") -> SigningCertificate:
    """An administrator registers a person's or an agency's certificate (from the token or the signing service)
    with the image its signature shows."""
    _require_administrator(actor)
    certificate = certificate_registration_check(certificate_pem=certificate_pem, key_label=key_label, user=user,
                                                 agency=agency, image_png=image_png)
    return _certificate_row(certificate=certificate, key_label=key_label.strip(), user=user, agency=agency,
                            image_png=image_png, actor=actor)


def _require_administrator(actor: User) -> None:
    if Role.ADMINISTRATOR not in role_set(actor):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được đăng ký hoặc thu hồi chứng thư số."))


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: SigningCertificate, reason: str) -> SigningCertificate:
    """The certificate is revoked (the CA's notice, a lost token): nothing is signed with it any more; what it
    signed before keeps its signature, which a check then reports as made with a revoked certificate only when the
    CA's revocation data says so."""
    _require_administrator(actor)
    if not reason.strip():
        raise ValidationError(_("Ghi rõ lý do thu hồi chứng thư số."))
    locked = SigningCertificate.objects.select_for_update().get(pk=certificate.pk)
    if locked.revoked_at is not None:
        raise ValidationError(_("Chứng thư số này đã bị thu hồi."))
    locked.revoked_at = timezone.now()
    locked._history_user = actor
    locked.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=CERTIFICATE_REVOKED, obj=locked, reason=reason.strip(),
                 agency=_owner_agency(locked), changes={"fingerprint": locked.fingerprint})
    return locked


@transaction.atomic
def dev_certificate_issue(*, user: User | None = None, agency: Agency | None = None,
                          valid_from: dt.datetime | None = None, valid_days: int = 730) -> SigningCertificate:
    """The development CA gives a person or an agency a key, a certificate and a drawn image (the system acts).
    Only with the ``devca`` back-end: a real certificate is never made here."""
    if getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca") != "devca":
        raise SigningError(_("Chỉ cấp chứng thư thử nghiệm khi dùng CA phát triển."))
    if (user is None) == (agency is None):
        raise ValidationError(_("Chứng thư số phải thuộc đúng một người hoặc một cơ quan."))
    if user is not None:
        organisation = user.unit.agency.name if user.unit_id else ""
        issued = devca.issue(common_name=user.full_name or user.username, organisation=organisation,
                             serial_hint=user.username, valid_from=valid_from, valid_days=valid_days)
        image = appearance.signature_png(user.full_name or user.username)
    else:
        issued = devca.issue(common_name=agency.name, organisation=agency.name, serial_hint=agency.code,
                             valid_from=valid_from, valid_days=valid_days)
        image = appearance.seal_png(agency.name, agency.place_name)
    return _certificate_row(certificate=issued.certificate, key_label=issued.key_label, user=user, agency=agency,
                            image_png=image, actor=None)


def certificate_for(*, user: User | None = None, agency: Agency | None = None,
                    at: dt.datetime | None = None) -> SigningCertificate:
    """The newest certificate of the owner usable at ``at``; with the development CA and
    ``DOCUMENT_SIGNING_DEV_AUTO_ISSUE`` one is issued on first need (demo people, test factories)."""
    at = at or timezone.now()
    rows = SigningCertificate.objects.filter(user=user) if user is not None else SigningCertificate.objects.filter(
        agency=agency)
    found = rows.filter(revoked_at__isnull=True, not_before__lte=at, not_after__gte=at).order_by("-not_after").first()
    if found is not None:
        return found
    auto = (getattr(settings, "DOCUMENT_SIGNING_BACKEND", "devca") == "devca"
            and getattr(settings, "DOCUMENT_SIGNING_DEV_AUTO_ISSUE", False))
    if auto and not rows.exists():
        return dev_certificate_issue(user=user, agency=agency)
    owner = (user.full_name or user.username) if user is not None else agency.name
    latest = rows.order_by("-not_after").first()
    if latest is not None and latest.revoked_at is not None:
        raise SigningError(_("Chứng thư số của %(owner)s đã bị thu hồi.") % {"owner": owner})
    if latest is not None and latest.not_after < at:
        raise SigningError(_("Chứng thư số của %(owner)s đã hết hạn ngày %(date)s.")
                           % {"owner": owner, "date": timezone.localtime(latest.not_after).strftime("%d/%m/%Y")})
    raise SigningError(_("%(owner)s chưa có chứng thư số còn hiệu lực.") % {"owner": owner})


@dataclass(frozen=True)
class Signed:
    pdf: bytes
    signatures: list[DocumentSignature]


def _iso_vietnam(moment: dt.datetime) -> str:
    return timezone.localtime(moment, dt.timezone(dt.timedelta(hours=7))).isoformat(timespec="seconds")


def _co_signers(document) -> list[tuple[User, str]]:
    """Who else signs the page, before the signer: ``data["co_signers"]`` as the domain wrote it when drafting —
    ``[{"user_id": …, "anchor": …}]``, e.g. the secretary of the council's minutes (its place is the element
    with that id)."""
    entries = [(entry.get("user_id"), entry.get("anchor", "")) for entry in (document.data or {}).get("co_signers", [])
               if isinstance(entry, dict)]
    people = User.objects.in_bulk([user_id for user_id, _anchor in entries if user_id])
    return [(people[user_id], anchor) for user_id, anchor in entries if user_id in people]


def co_signer_field(index: int) -> str:
    return f"KySoCungKy{index}"


def document_pdf_sign(*, document, pdf: bytes, anchors: dict[str, Box]) -> Signed:
    """Sign an issued document's rendered PDF — any co-signer the domain named (the minutes' secretary), the signer
    (the head, or the deputy "KT.", each with their own certificate), then the agency — and record the signatures
    and their audit events in the caller's (the issuing's) transaction. The first signature certifies the document
    (form filling and signing allowed); raises ``SigningError`` with a Vietnamese message when a key cannot sign."""
    signer = document.signer
    if signer is None:
        raise SigningError(_("Văn bản chưa có người ký."))
    now = timezone.now()
    people = [(co_signer_field(index), SignatureRole.CO_SIGNER, who, anchors.get(anchor))
              for index, (who, anchor) in enumerate(_co_signers(document), start=1)]
    people.append((SIGNER_FIELD, SignatureRole.SIGNER, signer, anchors.get(SIGNER_ANCHOR)))
    certificates = [certificate_for(user=who, at=now) for _field, _role, who, _place in people]
    seal = certificate_for(agency=document.agency, at=now)
    backend = get_backend()
    stamper = timestamper()
    signer_box = None
    with contextlib.ExitStack() as stack:
        slots = []
        for index, ((field_name, _role, who, place), certificate) in enumerate(zip(people, certificates, strict=True)):
            box = signature_box(place) if place is not None else None
            if who == signer:
                signer_box = box
            slots.append(Slot(field_name, stack.enter_context(backend.signer(certificate)),
                              bytes(certificate.image_png), box, name=who.full_name or who.username,
                              reason=_("Ký ban hành văn bản %(number)s") % {
                                  "number": document.number_text or document.summary[:80]},
                              location=document.agency.place_name, certify=index == 0))
        signer_image = bytes(certificates[-1].image_png)
        slots.append(Slot(AGENCY_FIELD, stack.enter_context(backend.signer(seal)), bytes(seal.image_png),
                          seal_box(signer_box, signer_image) if signer_box is not None and signer_image else None,
                          name=document.agency.name,
                          reason=_("Ký số của cơ quan: %(number)s, %(time)s") % {
                              "number": document.number_text or "—", "time": _iso_vietnam(now)},
                          location=document.agency.place_name))
        try:
            signed = outside_event_loop(sign_pdf, pdf, slots, timestamper=stamper)
        except SigningError:
            raise
        except Exception as exc:  # a token or a service failing inside pyHanko: the issuing waits and retries
            failure = f"{type(exc).__name__}: {exc}"[:300]
            raise SigningError(_("Không ký số được: %(error)s") % {"error": failure}) from exc
    digest = hashlib.sha256(signed).hexdigest()
    rows = []
    made = [(role, field_name, certificate, who) for (field_name, role, who, _place), certificate
            in zip(people, certificates, strict=True)] + [(SignatureRole.AGENCY, AGENCY_FIELD, seal, None)]
    for position, (role, field_name, certificate, who) in enumerate(made, start=1):
        row = DocumentSignature(document=document, role=role, field_name=field_name, certificate=certificate,
                                signed_by=who, signed_at=now, position=position)
        row._history_user = signer
        row.save()
        audit_record(actor=signer if role == SignatureRole.SIGNER else None, action=DOCUMENT_DIGITALLY_SIGNED,
                     obj=document, agency=document.agency,
                     changes={"role": role, "field": field_name, "signed_by": who.pk if who else None,
                              "certificate_sha256": certificate.fingerprint, "subject": certificate.subject,
                              "pdf_sha256": digest})
        rows.append(row)
    return Signed(pdf=signed, signatures=rows)


def expected_signatures(document) -> list[Expected]:
    """Who the register says signed an issued document — its co-signers, its signer, its agency — by the
    fingerprints of their registered certificates."""
    if document.signer_id is None:
        return []
    people = [(co_signer_field(index), who) for index, (who, _anchor) in enumerate(_co_signers(document), start=1)]
    people.append((SIGNER_FIELD, document.signer))
    owned: dict[int, set[str]] = {}
    for user_id, fingerprint in SigningCertificate.objects.filter(
            user_id__in=[who.pk for _field, who in people]).values_list("user_id", "fingerprint"):
        owned.setdefault(user_id, set()).add(fingerprint)
    seals = SigningCertificate.objects.filter(agency_id=document.agency_id).values_list("fingerprint", flat=True)
    return [*(Expected(field_name, who.full_name or who.username, frozenset(owned.get(who.pk, ())))
              for field_name, who in people),
            Expected(AGENCY_FIELD, document.agency.name, frozenset(seals))]
