"""Checking the signatures of a PDF: integrity, the chain to the configured trust roots, the certificate's
validity at the checking time, changes after signing (DocMDP and pyHanko's difference analysis), and — where the
register says who must have signed — that each signature is by a certificate registered to that person or
agency. Every problem becomes a reason in the reader's language."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext as _
from pyhanko.pdf_utils.misc import PdfReadError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESIndeterminate
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from .backends import trust_roots
from .loops import outside_event_loop

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Expected:
    """Who the register says signs in ``field_name``: the fingerprints of that owner's certificates."""

    field_name: str
    owner_name: str
    fingerprints: frozenset[str]


@dataclass
class SignatureCheck:
    field_name: str
    subject: str
    fingerprint: str
    signed_at: dt.datetime | None
    timestamped: bool
    valid: bool
    reasons: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"field": self.field_name, "subject": self.subject, "fingerprint": self.fingerprint,
                "signed_at": self.signed_at.isoformat() if self.signed_at else None,
                "timestamped": self.timestamped, "valid": self.valid, "reasons": list(self.reasons)}


def _common_name(certificate) -> str:
    try:
        return certificate.subject.native.get("common_name", "") or certificate.subject.human_friendly
    except (AttributeError, ValueError):
        return ""


def _out_of_bounds(status) -> bool:
    return status.trust_problem_indic in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE,
                                          AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED, AdESIndeterminate.EXPIRED)


def _trust_reason(status) -> str:
    indication = status.trust_problem_indic
    if indication in (AdESIndeterminate.REVOKED_NO_POE, AdESIndeterminate.REVOKED_CA_NO_POE) or status.revoked:
        return _("chứng thư số đã bị thu hồi")
    if indication in (AdESIndeterminate.OUT_OF_BOUNDS_NO_POE, AdESIndeterminate.OUT_OF_BOUNDS_NOT_REVOKED,
                      AdESIndeterminate.EXPIRED, AdESIndeterminate.NOT_YET_VALID):
        return _("chứng thư số đã hết hạn hoặc chưa có hiệu lực")
    return _("chứng thư số không do tổ chức được tin cậy cấp")


def check_pdf(pdf: bytes, *, expected: list[Expected] | None = None, moment: dt.datetime | None = None,
              unreadable_is_finding: bool = True) -> list[SignatureCheck]:
    """One ``SignatureCheck`` per embedded signature, in signing order; an expected signature the file does not
    carry is reported as a failed check of its own. A file that does not parse is a failed check, unless
    ``unreadable_is_finding`` is off (an upload: there it only means that no signature can be read)."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError) as exc:
        if not unreadable_is_finding:
            return []
        return [SignatureCheck("", "", "", None, False, False,
                               [_("tệp không đọc được như một PDF: %(error)s") % {"error": type(exc).__name__}])]
    roots = trust_roots()
    context = ValidationContext(trust_roots=roots, allow_fetching=False, moment=moment)
    wanted = {item.field_name: item for item in expected or []}
    checks = []
    for signature in embedded:
        reasons: list[str] = []
        certificate = signature.signer_cert
        fingerprint = hashlib.sha256(certificate.dump()).hexdigest() if certificate is not None else ""
        try:
            status = outside_event_loop(validate_pdf_signature, signature, context)
        except Exception as exc:  # noqa: BLE001 - a malformed signature is a finding, not a crash
            logger.info("Signature %s could not be validated: %s", signature.field_name, exc)
            checks.append(SignatureCheck(signature.field_name, _common_name(certificate) if certificate else "",
                                         fingerprint, None, False, False,
                                         [_("chữ ký không kiểm tra được: %(error)s") % {"error": type(exc).__name__}]))
            continue
        timestamp = status.timestamp_validity
        if (status.intact and status.valid and not status.trusted and timestamp is not None and timestamp.valid
                and timestamp.trusted and _out_of_bounds(status)):
            # PAdES B-T: the timestamp proves the signature existed at that time; the certificate is judged then,
            # so a signature made inside its certificate's validity stays valid after the certificate expires.
            at_timestamp = ValidationContext(trust_roots=roots,
                                             allow_fetching=False, moment=timestamp.timestamp)
            try:
                status = outside_event_loop(validate_pdf_signature, signature, at_timestamp)
            except Exception:  # noqa: BLE001 - keep the first finding
                logger.info("Signature %s could not be checked at its timestamp", signature.field_name)
        if not status.intact:  # nothing else about this signature means anything any more
            reasons.append(_("nội dung đã bị thay đổi sau khi ký"))
        elif not status.valid:
            reasons.append(_("chữ ký không khớp với nội dung"))
        else:
            if not status.trusted or status.revoked:
                reasons.append(_trust_reason(status))
            if status.docmdp_ok is False or (status.modification_level is not None
                                             and status.modification_level.value > 2):
                reasons.append(_("văn bản bị sửa đổi sau khi ký theo cách không được phép"))
        timestamp = status.timestamp_validity
        signed_at = timestamp.timestamp if timestamp is not None else status.signer_reported_dt
        if timestamp is not None and not timestamp.valid:
            reasons.append(_("dấu thời gian không hợp lệ"))
        if certificate is not None and signed_at is not None and not (
                certificate.not_valid_before <= signed_at <= certificate.not_valid_after):
            reasons.append(_("thời điểm ký nằm ngoài thời hạn của chứng thư số"))
        wants = wanted.pop(signature.field_name, None)
        if wants is not None and fingerprint not in wants.fingerprints:
            reasons.append(_("chứng thư số không phải của %(owner)s, người được ghi nhận là người ký")
                           % {"owner": wants.owner_name})
        checks.append(SignatureCheck(signature.field_name, _common_name(certificate) if certificate else "",
                                     fingerprint, signed_at, timestamp is not None, not reasons, reasons))
    for missing in wanted.values():
        checks.append(SignatureCheck(missing.field_name, missing.owner_name, "", None, False, False,
                                     [_("thiếu chữ ký số của %(owner)s") % {"owner": missing.owner_name}]))
    return checks


def check_pdf_cached(pdf: bytes, *, expected: list[Expected] | None = None) -> list[SignatureCheck]:
    """``check_pdf`` remembered for ten minutes per file and expectation (a page shows it on every view)."""
    key_source = hashlib.sha256(pdf).hexdigest() + repr(sorted((e.field_name, sorted(e.fingerprints))
                                                             for e in expected or []))
    key = f"signing.check:{translation.get_language()}:" + hashlib.sha256(key_source.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = check_pdf(pdf, expected=expected)
        cache.set(key, found, 600)
    return found

