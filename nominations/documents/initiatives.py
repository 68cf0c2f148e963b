"""The chief's Quyết định công nhận sáng kiến (issue 21; docs/legal-basis.md §16, §17), in the layout of the other
Quyết định (template contract: documents/quyet_dinh_khen_thuong.html; Nghị định 30/2020/NĐ-CP, Phụ lục I).

What it says, and from where:
- Căn cứ: the agency's own functions decision (the text giving the signer his competence, as every Quyết định of
  the agency cites it), then the Điều lệ Sáng kiến (Nghị định số 13/2012/NĐ-CP ngày 02/3/2012 của Chính phủ) and
  the circular guiding it (Thông tư số 18/2013/TT-BKHCN ngày 01/8/2013 của Bộ trưởng Bộ Khoa học và Công nghệ):
  both cited whole, no article (which article makes the head issue the recognition was not read: doubtful, §17).
- Theo đề nghị của Hội đồng sáng kiến, with its vote: carried with at least 2/3 of its members agreeing
  (Thông tư 18/2013/TT-BKHCN, Điều 8 khoản 1, read through a secondary source: §16 S3).
- Điều 1: the sáng kiến, its field, the day first applied and its scope; the annex lists the authors and
  co-authors with each one's share (Thông tư 18/2013/TT-BKHCN, Điều 5 and Phụ lục I: §16 S1, S2).
"""

from __future__ import annotations

import datetime as dt

from accounts.models import User
from workflow.documents.kinds import DocumentKind
from workflow.documents.models import DocumentType, RecipientKind
from workflow.documents.services import Recipient

from ..models import InitiativeApplication, LegalTextKind
from ..models.registries import InitiativeScope
from ..selectors.legal import texts_in_force
from .base import Draft, decider, emulation_executor, issuer_unit_code

RECOGNITION_TEMPLATE = "quyet_dinh_cong_nhan_sang_kien"
# A Quyết định of the chief in the agency's register; it reaches the authors it names (Như Điều 3) and the archive.
RECOGNITION_KIND = DocumentKind(RECOGNITION_TEMPLATE, "Quyết định công nhận sáng kiến",
                                "documents/quyet_dinh_khen_thuong.html", "QUYẾT ĐỊNH", DocumentType.QUYET_DINH,
                                (RecipientKind.INTERNAL, RecipientKind.ARCHIVE))
# National texts on sáng kiến (docs/legal-basis.md §17, S6–S7): their numbers, dates and titles as the provinces'
# own Quyết định cite them.
SANG_KIEN_GROUNDS = (
    "Căn cứ Nghị định số 13/2012/NĐ-CP ngày 02 tháng 3 năm 2012 của Chính phủ ban hành Điều lệ Sáng kiến;",
    "Căn cứ Thông tư số 18/2013/TT-BKHCN ngày 01 tháng 8 năm 2013 của Bộ trưởng Bộ Khoa học và Công nghệ "
    "hướng dẫn thi hành một số quy định của Điều lệ Sáng kiến;",
)
SCOPE_WORDS = {InitiativeScope.BASE: "cấp cơ sở", InitiativeScope.PROVINCE: "cấp tỉnh",
               InitiativeScope.NATIONAL: "toàn quốc"}


def _grounds(agency, on: dt.date) -> list[str]:
    own = [f"Căn cứ {text.citation()};" for text in texts_in_force(on, agency) if text.kind == LegalTextKind.AGENCY]
    return [*own, *SANG_KIEN_GROUNDS]


def author_rows(application: InitiativeApplication) -> list[dict]:
    """The annex: each author with the position and unit, and the share (%) of the contribution."""
    rows = []
    for row in application.authors.select_related("person__unit").order_by("-share", "pk"):
        person = row.person
        rows.append({"name": person.full_name, "position": person.position_title,
                     "unit": person.unit.name if person.unit_id else "", "title": f"{row.share}%"})
    return rows


def recognition_recipients(application: InitiativeApplication) -> list[Recipient]:
    """Nơi nhận: each author named (each reads the issued Quyết định), then the archive."""
    return [*(Recipient(RecipientKind.INTERNAL, person=row.person) for row in application.authors.all()),
            Recipient(RecipientKind.ARCHIVE)]


def recognition_draft(application: InitiativeApplication, *, tally: dict, drafter: User | None,
                      on: dt.date) -> Draft:
    """Công nhận ``application`` as a sáng kiến, the council's vote ``tally`` (``selectors.council_tally``) in the
    preamble; the text as of ``on``, the signing day."""
    agency = application.agency
    authors = author_rows(application)
    who = "Tác giả" if len(authors) == 1 else "Các tác giả, đồng tác giả"
    vote = f"{tally['agree']:02d}/{tally['members']:02d} thành viên Hội đồng đồng ý công nhận"
    if tally["disagree"]:
        vote += f", {tally['disagree']:02d} thành viên không đồng ý"
    if tally["members"] > tally["voted"]:
        vote += f", {tally['members'] - tally['voted']:02d} thành viên không biểu quyết"
    applied = application.first_applied_on.strftime("%d/%m/%Y")
    scope = SCOPE_WORDS.get(InitiativeScope(application.scope), application.get_scope_display())
    articles = [
        f"Công nhận sáng kiến “{application.title}”, lĩnh vực áp dụng: {application.field}, áp dụng lần đầu "
        f"(hoặc áp dụng thử) từ ngày {applied}, phạm vi ảnh hưởng {scope}, của "
        f"{'tác giả' if len(authors) == 1 else 'các tác giả, đồng tác giả'} có tên và tỷ lệ đóng góp tại danh "
        "sách kèm theo Quyết định này.",
        f"{who} sáng kiến có tên tại Điều 1 được hưởng các quyền của tác giả sáng kiến theo Điều lệ Sáng kiến ban "
        "hành kèm theo Nghị định số 13/2012/NĐ-CP; sáng kiến được ghi nhận làm căn cứ xét tặng danh hiệu thi đua, "
        "hình thức khen thưởng theo quy định của pháp luật về thi đua, khen thưởng.",
        f"Quyết định này có hiệu lực kể từ ngày ký. {emulation_executor(agency)} và {who[:1].lower()}{who[1:]} "
        "có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ]
    return Draft(
        template_key=RECOGNITION_TEMPLATE, issuer_unit_code=issuer_unit_code(agency, drafter),
        summary="Về việc công nhận sáng kiến",
        data={
            "authority": decider(agency),
            "grounds": _grounds(agency, on),
            "proposal": f"Theo đề nghị của Hội đồng sáng kiến {agency.name} ({vote}).",
            "articles": articles,
            "annex_title": f"DANH SÁCH TÁC GIẢ, ĐỒNG TÁC GIẢ SÁNG KIẾN “{application.title.upper()}”",
            "annex_column": "Tỷ lệ đóng góp",
            "annex": authors,
            "noi_nhan": ["Như Điều 3;"],
        },
    )
