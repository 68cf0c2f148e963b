"""The kinds of document the engine can render: a template and how its header reads.

The engine ships the kinds of domain §5–§7; the domain may register others
(``register_kind``) without the engine importing it, and says what follows when a document of a
kind is issued (``register_on_issued``): the engine calls those hooks after it records
``document.issued``, in the same transaction, so the audit log reads cause then effect, and a hook
that fails undoes the issuing (the document shows the failure and may be retried).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _

from .models import DocumentType, RecipientKind

_ARCHIVE = (RecipientKind.ARCHIVE,)


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    template: str
    type_name: str
    default_doc_type: str
    # Its Nơi nhận when the drafter names none (``services.document_create``): who outside the agency reads it
    # once issued. A kind not sent out stays internal: its archive, and the agency's units and people.
    recipients: tuple[str, ...] = _ARCHIVE
    # Called as hook(document=…) with the issued document (status "ready", numbered, its PDF stored).
    on_issued: tuple[Callable, ...] = field(default=(), kw_only=True)


_kinds: dict[str, DocumentKind] = {}


def register_kind(kind: DocumentKind) -> DocumentKind:
    _kinds[kind.key] = kind
    return kind


def get_kind(key: str) -> DocumentKind | None:
    return _kinds.get(key)


def register_on_issued(key: str, hook: Callable) -> None:
    """Call ``hook(document=document)`` each time a document of kind ``key`` is issued; idempotent."""
    kind = _kinds.get(key)
    if kind is None:
        raise LookupError(f"no document kind {key!r}")
    if hook not in kind.on_issued:
        _kinds[key] = replace(kind, on_issued=(*kind.on_issued, hook))


def all_kinds() -> list[DocumentKind]:
    return list(_kinds.values())


# What the domain says links one document to others (a decision and the decision that annuls or corrects it),
# and what the reader may do from it: provider(document, user) -> [{"text", "document": IssuedDocument}] or
# [{"text", "url"}] (an action page of the domain, offered only to whom it names); the page shows related
# documents linked when the reader may open them.
DocumentLinks = Callable[[object, object], list[dict]]
_link_providers: list[DocumentLinks] = []


def register_document_links(provider: DocumentLinks) -> None:
    """Let the domain name the documents related to one document; idempotent."""
    if provider not in _link_providers:
        _link_providers.append(provider)


def document_links(document, user) -> list[dict]:
    return [link for provider in _link_providers for link in provider(document, user)]


# Nơi nhận of each kind (README, "Security model": who reads which document): a Quyết định goes to the units and
# people it names (“Như Điều 3”), in the agency; the Tờ trình, the agency's registration (a công văn) and its
# annual report go to Sở Nội vụ; the council's minutes and a unit's report of achievements stay in the agency.
_TO_HOME_AFFAIRS = (RecipientKind.HOME_AFFAIRS, RecipientKind.ARCHIVE)
for _kind in (
    DocumentKind("quyet_dinh_khen_thuong", _("Quyết định khen thưởng"),
                 "documents/quyet_dinh_khen_thuong.html", "QUYẾT ĐỊNH", DocumentType.QUYET_DINH,
                 (RecipientKind.INTERNAL, RecipientKind.ARCHIVE)),
    DocumentKind("to_trinh_khen_thuong", _("Tờ trình đề nghị khen thưởng"),
                 "documents/to_trinh_khen_thuong.html", "TỜ TRÌNH", DocumentType.TO_TRINH, _TO_HOME_AFFAIRS),
    DocumentKind("bien_ban_hop_hoi_dong", _("Biên bản họp Hội đồng Thi đua – Khen thưởng"),
                 "documents/bien_ban_hop_hoi_dong.html", "BIÊN BẢN", DocumentType.BIEN_BAN),
    DocumentKind("bao_cao_thanh_tich", _("Báo cáo thành tích"),
                 "documents/bao_cao_thanh_tich.html", "BÁO CÁO THÀNH TÍCH", ""),
    DocumentKind("dang_ky_thi_dua", _("Bản đăng ký thi đua"),
                 "documents/dang_ky_thi_dua.html", "BẢN ĐĂNG KÝ THI ĐUA", "",
                 (RecipientKind.HOME_AFFAIRS, RecipientKind.INTERNAL, RecipientKind.ARCHIVE)),
    DocumentKind("bao_cao_tong_ket", _("Báo cáo tổng kết công tác thi đua, khen thưởng"),
                 "documents/bao_cao_tong_ket.html", "BÁO CÁO", DocumentType.BAO_CAO, _TO_HOME_AFFAIRS),
):
    register_kind(_kind)
