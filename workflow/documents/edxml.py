"""The electronic document package exchanged between agencies' e-office systems: the edXML message of
QCVN 102:2016/BTTTT (Thông tư 10/2016/TT-BTTTT), as amended by Sửa đổi 1:2022 (Thông tư 01/2022/TT-BTTTT),
whose OrganId is the agency's mã định danh điện tử of Quyết định 20/2020/QĐ-TTg (``Agency.electronic_id``).

``document_package`` makes the package of an issued document (its PDF as the one attachment); ``parse`` reads a
package another agency sent. Engine level: nothing here knows the domain; what the domain does with a received
package (nominations/edxml_import.py) is its own business.

What is known of the format and what is doubtful is in docs/legal-basis.md (the edXML section): no XSD was
found published, so the package is checked by its structure (``parse`` reads back everything ``build`` writes,
and refuses what lacks an element it needs). Incoming XML is parsed with defusedxml and any DOCTYPE refused: no
entity is ever expanded (billion laughs) or fetched (XXE), and nothing is read from the network.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError
from defusedxml.ElementTree import fromstring as defused_fromstring
from django.utils import timezone
from django.utils.translation import gettext as _
from lxml import etree

from accounts.models import Agency

if TYPE_CHECKING:
    # For type hints only: what is received is parsed by defusedxml (``parse``).
    from xml.etree.ElementTree import Element  # nosec B405

from .models import DocumentRecipient, DocumentStatus, DocumentType, IssuedDocument, RecipientKind

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
PREFIX = "edXML"
XLINK = "http://www.w3.org/1999/xlink"
DATE_FORMAT = "%Y/%m/%d"  # PromulgationDate as every implementation seen writes it ("2012/08/06"): doubtful
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"
MAX_BYTES = 30 * 1024 * 1024  # a package larger than this is refused before it is parsed
CONTENT_TYPE = "application/xml"

# DocumentType: Type 2 = văn bản hành chính, TypeDetail = the kind's place in the list of Nghị định 30/2020/NĐ-CP,
# Điều 7 (Công văn 18, as the SDK example's "Type=18 = Công văn"): doubtful, see docs/legal-basis.md.
ADMINISTRATIVE = "2"
TYPE_DETAIL = {
    DocumentType.QUYET_DINH: "2", DocumentType.THONG_BAO: "7", DocumentType.KE_HOACH: "10",
    DocumentType.BAO_CAO: "14", DocumentType.BIEN_BAN: "15", DocumentType.TO_TRINH: "16",
    DocumentType.CONG_VAN: "18",
}


class EdxmlError(ValueError):
    """A package that cannot be made or read; ``str()`` says why, in the user's language (Vietnamese source)."""


@dataclass(frozen=True)
class Party:
    organ_id: str
    organ_name: str = ""
    in_charge: str = ""


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    content: bytes
    description: str = ""


@dataclass
class Package:
    """What the message header says about one document, and its attached files."""

    sender: Party
    recipients: list[Party]
    code_number: str
    code_notation: str
    place: str
    promulgation_date: dt.date
    subject: str
    type_code: str = ADMINISTRATIVE
    type_detail: str = ""
    type_name: str = ""
    content: str = ""
    competence: str = ""
    signer_position: str = ""
    signer_name: str = ""
    document_id: str = ""
    to_places: list[str] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def number_text(self) -> str:
        """“12/QĐ-VP”: the number and the notation as the document prints them."""
        return "/".join(part for part in (self.code_number, self.code_notation) if part)


# --- making a package ------------------------------------------------------------------------------------------


def _sub(parent, tag: str, text: str | None = None, **attrs):
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", **attrs)
    if text is not None:
        element.text = text
    return element


def build(package: Package, *, now: dt.datetime | None = None) -> bytes:
    """The edXML bytes (UTF-8) of ``package``: header, manifest, then each attachment in base64."""
    now = timezone.localtime(now or timezone.now())
    root = etree.Element(f"{{{NS}}}edXML", nsmap={None: NS})
    envelope = etree.SubElement(root, f"{{{NS}}}edXMLEnvelope", nsmap={PREFIX: NS})
    header = _sub(envelope, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    for tag, party in [("From", package.sender), *(("To", recipient) for recipient in package.recipients)]:
        element = _sub(message, tag)
        _sub(element, "OrganId", party.organ_id)
        _sub(element, "OrganizationInCharge", party.in_charge or party.organ_name)
        _sub(element, "OrganName", party.organ_name)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", package.code_number)
    _sub(code, "CodeNotation", package.code_notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", package.place)
    _sub(promulgation, "PromulgationDate", package.promulgation_date.strftime(DATE_FORMAT))
    document_type = _sub(message, "DocumentType")
    _sub(document_type, "Type", package.type_code)
    _sub(document_type, "TypeDetail", package.type_detail)
    _sub(document_type, "TypeName", package.type_name)
    _sub(message, "Subject", package.subject)
    _sub(message, "Content", package.content or package.subject)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", package.competence)
    _sub(signer, "Position", package.signer_position)
    _sub(signer, "FullName", package.signer_name)
    places = _sub(message, "ToPlaces")
    for place in package.to_places:
        _sub(places, "Place", place)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", "0")
    _sub(other, "PromulgationAmount", "1")
    _sub(message, "SteeringType", "0")
    _sub(message, "DocumentId", package.document_id or ",".join(
        (package.sender.organ_id, package.promulgation_date.strftime(DATE_FORMAT), package.number_text)))
    traces = _sub(header, "TraceHeaderList")
    trace = _sub(traces, "TraceHeader")
    _sub(trace, "OrganId", package.sender.organ_id)
    _sub(trace, "Timestamp", now.strftime(TIMESTAMP_FORMAT))

    body = _sub(envelope, "edXMLBody")
    manifest = _sub(body, "edXMLManifest", version="1.0")
    encoded = etree.SubElement(root, f"{{{NS}}}AttachmentEncoded")
    for attachment in package.attachments:
        content_id = str(uuid.uuid4())
        reference = etree.SubElement(manifest, f"{{{NS}}}Reference", nsmap={"xlink": XLINK}, attrib={
            f"{{{XLINK}}}href": f"cid:{content_id}", f"{{{XLINK}}}type": "simple"})
        _sub(reference, "Description", attachment.description)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "ContentId", f"cid:{content_id}")
        item = etree.SubElement(encoded, f"{{{NS}}}Attachment")
        for tag, text in (("ContentType", attachment.content_type), ("ContentId", content_id),
                          ("Description", attachment.description),
                          ("ContentTransferEncoded", base64.b64encode(attachment.content).decode("ascii")),
                          ("AttachmentName", attachment.name)):
            child = etree.SubElement(item, f"{{{NS}}}{tag}")
            child.text = text
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _party(agency) -> Party:
    if not agency.electronic_id:
        raise EdxmlError(_("Cơ quan “%(agency)s” chưa có mã định danh điện tử (Quyết định 20/2020/QĐ-TTg); "
                           "quản trị hệ thống cần nhập mã này trước khi xuất gói tin văn bản điện tử.")
                         % {"agency": agency.name})
    return Party(organ_id=agency.electronic_id, organ_name=agency.name, in_charge=agency.parent_name)


def _recipient_agencies(document: IssuedDocument) -> list:
    """The agencies the document is addressed to (its Nơi nhận outside the agency): Sở Nội vụ of the issuing
    agency's province and any other agency named."""
    agencies = []
    for recipient in DocumentRecipient.objects.filter(document=document).select_related("agency"):
        if recipient.kind == RecipientKind.AGENCY:
            agencies.append(recipient.agency)
        elif recipient.kind == RecipientKind.HOME_AFFAIRS:
            agencies.extend(Agency.objects.filter(province_id=document.agency.province_id,
                                                  kind=Agency.Kind.HOME_AFFAIRS).order_by("pk")[:1])
    return list({agency.pk: agency for agency in agencies}.values())  # each once, in the Nơi nhận's order


def document_package(document: IssuedDocument) -> Package:
    """The package of an issued document, addressed to the agencies of its Nơi nhận (or, when it names none
    outside the agency, to the agency's own e-office system, which registers it as sent).

    Refuses (``EdxmlError``) a document not issued, and one whose agency or a recipient agency has no mã định
    danh điện tử: a package is never sent under a made-up code."""
    if document.status != DocumentStatus.READY or not document.pdf or not document.number:
        raise EdxmlError(_("Chỉ văn bản đã ban hành (đã cấp số, có bản PDF) mới xuất được gói tin văn bản điện tử."))
    sender = _party(document.agency)
    recipients = [_party(agency) for agency in _recipient_agencies(document)] or [sender]
    snapshot = (document.snapshot or {}).get("doc", {})
    lines = list(snapshot.get("signature_lines") or [])
    # "01/QĐ-VP": the number as printed (Nghị định 30/2020 writes numbers below 10 with a leading zero), and the
    # notation after the slash.
    number, _slash, notation = document.number_text.partition("/")
    with document.pdf.open("rb") as handle:
        pdf = handle.read()
    return Package(
        sender=sender, recipients=recipients, code_number=number or str(document.number), code_notation=notation,
        place=document.agency.place_name, promulgation_date=timezone.localtime(document.signed_at).date(),
        subject=document.summary, type_detail=TYPE_DETAIL.get(document.doc_type, ""),
        type_name=document.get_doc_type_display() if document.doc_type else (snapshot.get("type_name") or ""),
        competence=lines[0] if len(lines) > 1 else "", signer_position=lines[-1] if lines else "",
        signer_name=snapshot.get("signer_name") or (document.signer.full_name if document.signer else ""),
        to_places=[party.organ_name for party in recipients],
        attachments=[Attachment(name=package_filename(document, "pdf"), content_type="application/pdf",
                                content=pdf, description=document.summary)],
    )


def package_filename(document: IssuedDocument, extension: str = "edxml") -> str:
    return (document.number_text or str(document.pk)).replace("/", "-") + f".{extension}"


def document_edxml(document: IssuedDocument) -> bytes:
    """The edXML bytes of an issued document (``EdxmlError`` when it cannot be made)."""
    return build(document_package(document))


# --- reading a package ------------------------------------------------------------------------------------------


def _local(element: Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _child(parent: Element | None, name: str) -> Element | None:
    if parent is None:
        return None
    return next((child for child in parent if _local(child) == name), None)


def _children(parent: Element | None, name: str) -> list[Element]:
    return [] if parent is None else [child for child in parent if _local(child) == name]


def _text(parent: Element | None, *path: str) -> str:
    element = parent
    for name in path:
        element = _child(element, name)
    return (element.text or "").strip() if element is not None else ""


def _invalid(reason: str) -> EdxmlError:
    return EdxmlError(_("Gói tin văn bản điện tử không hợp lệ: %(reason)s") % {"reason": reason})


def _date(text: str) -> dt.date:
    for pattern in (DATE_FORMAT, "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise _invalid(_("ngày ban hành “%(value)s” không đọc được.") % {"value": text[:40]})


def _parse_party(element: Element) -> Party:
    return Party(organ_id=_text(element, "OrganId"), organ_name=_text(element, "OrganName"),
                 in_charge=_text(element, "OrganizationInCharge"))


def parse(data: bytes) -> Package:
    """The package in ``data``; ``EdxmlError`` (in Vietnamese) when it is not a well-formed edXML message with a
    sender, a recipient, a number, a date and a subject, or carries a DOCTYPE (entities are never expanded)."""
    if not data:
        raise _invalid(_("tệp rỗng."))
    if len(data) > MAX_BYTES:
        raise _invalid(_("tệp lớn hơn %(mb)s MB.") % {"mb": MAX_BYTES // (1024 * 1024)})
    try:
        root = defused_fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise _invalid(_("tệp có khai báo DOCTYPE hoặc thực thể (entity), không được chấp nhận.")) from None
    except (ParseError, ValueError) as exc:
        raise _invalid(_("tệp không phải XML đúng cú pháp (%(error)s).") % {"error": str(exc)[:120]}) from None
    if root.tag != f"{{{NS}}}edXML":
        raise _invalid(_("phần tử gốc không phải edXML của QCVN 102:2016/BTTTT."))
    envelope = _child(root, "edXMLEnvelope")
    message = _child(_child(envelope, "edXMLHeader"), "MessageHeader")
    if message is None:
        raise _invalid(_("thiếu edXMLEnvelope/edXMLHeader/MessageHeader."))
    senders = _children(message, "From")
    recipients = [_parse_party(element) for element in _children(message, "To")]
    if len(senders) != 1 or not _text(senders[0], "OrganId"):
        raise _invalid(_("thiếu mã định danh của cơ quan gửi (From/OrganId)."))
    if not recipients or not all(party.organ_id for party in recipients):
        raise _invalid(_("thiếu mã định danh của cơ quan nhận (To/OrganId)."))
    code_number = _text(message, "Code", "CodeNumber")
    subject = _text(message, "Subject")
    date_text = _text(message, "PromulgationInfo", "PromulgationDate")
    missing = [name for name, value in (("Code/CodeNumber", code_number), ("Subject", subject),
                                        ("PromulgationInfo/PromulgationDate", date_text)) if not value]
    if missing:
        raise _invalid(_("thiếu %(elements)s.") % {"elements": ", ".join(missing)})
    signer = _child(message, "SignerInfo")
    return Package(
        sender=_parse_party(senders[0]), recipients=recipients, code_number=code_number,
        code_notation=_text(message, "Code", "CodeNotation"), place=_text(message, "PromulgationInfo", "Place"),
        promulgation_date=_date(date_text), subject=subject,
        type_code=_text(message, "DocumentType", "Type"), type_detail=_text(message, "DocumentType", "TypeDetail"),
        type_name=_text(message, "DocumentType", "TypeName"), content=_text(message, "Content"),
        competence=_text(signer, "Competence"), signer_position=_text(signer, "Position"),
        signer_name=_text(signer, "FullName"), document_id=_text(message, "DocumentId"),
        to_places=[(place.text or "").strip() for place in _children(_child(message, "ToPlaces"), "Place")],
        attachments=_attachments(root, envelope),
    )


def _attachments(root: Element, envelope: Element | None) -> list[Attachment]:
    """The files of ``AttachmentEncoded``, named and typed by the manifest's references where they match."""
    references = {}
    manifest = _child(_child(envelope, "edXMLBody"), "edXMLManifest")
    for reference in _children(manifest, "Reference"):
        references[_text(reference, "ContentId").removeprefix("cid:")] = reference
    files = []
    for encoded in _children(root, "AttachmentEncoded"):
        for item in _children(encoded, "Attachment"):
            content_id = _text(item, "ContentId").removeprefix("cid:")
            reference = references.get(content_id)
            try:
                content = base64.b64decode("".join(_text(item, "ContentTransferEncoded").split()), validate=True)
            except (binascii.Error, ValueError):
                raise _invalid(_("tệp đính kèm “%(name)s” không phải base64.")
                               % {"name": _text(item, "AttachmentName")[:80]}) from None
            files.append(Attachment(
                name=_text(item, "AttachmentName") or _text(reference, "AttachmentName"),
                content_type=_text(item, "ContentType") or _text(reference, "ContentType"),
                content=content, description=_text(item, "Description")))
    return files


def addressed_to(package: Package, electronic_id: str) -> bool:
    return any(party.organ_id == electronic_id for party in package.recipients)
