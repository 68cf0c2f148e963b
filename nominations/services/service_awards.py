"""The unit head confirms the cống hiến / niên hạn candidates the records suggest (issue 21; docs/legal-basis.md
§20): each confirmed person becomes a line of the unit's dossier through ``line_add``, with the cycle's loại hình,
the award the rule gives and the years counted as the achievements."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from workflow.audit import audit_record

from ..audit import SERVICE_CANDIDATES_CONFIRMED
from ..models import Dossier, Line
from ..selectors.service_awards import Candidate, candidates, months_text
from .dossiers import line_add, require_unit_head


def candidate_achievements(candidate: Candidate) -> str:
    """What the line says of the years counted, period by period."""
    periods = "; ".join(
        _("%(title)s từ %(start)s đến %(end)s (%(span)s)")
        % {"title": p.title or _("công tác"), "start": f"{p.start:%d/%m/%Y}", "end": f"{p.end:%d/%m/%Y}",
           "span": months_text(p.months)}
        for p in candidate.periods)
    if candidate.rule.kind.code == "CONG_HIEN":
        head = _("Đã có quá trình cống hiến lâu dài trong cơ quan: giữ chức vụ %(level)s tổng cộng %(years)s.") % {
            "level": candidate.level_label, "years": candidate.years_text}
    else:
        head = _("Có thời gian công tác %(years)s.") % {"years": candidate.years_text}
    return f"{head} {periods}. {_('Căn cứ')}: {candidate.rule.citation}."


@transaction.atomic
def service_candidates_confirm(*, actor: User, dossier: Dossier, people: list[User]) -> list[Line]:
    """Add a line for each of ``people`` whom the cycle's records suggest (recomputed now, for the dossier's
    unit); anyone not suggested, or already proposed, refuses the whole confirmation."""
    require_unit_head(actor, dossier.unit)
    if not people:
        raise ValidationError(_("Chọn ít nhất một người trong danh sách gợi ý."))
    cycle = dossier.cycle
    suggested = {c.person.pk: c for c in candidates(cycle, units=[dossier.unit])}
    lines = []
    for person in people:
        candidate = suggested.get(person.pk)
        if candidate is None:
            raise ValidationError(_("%(name)s không có trong danh sách gợi ý của đợt xét.") % {"name": person})
        if candidate.proposed:
            raise ValidationError(_("%(name)s đã được đề nghị “%(award)s” trong đợt xét này.")
                                  % {"name": person, "award": candidate.award.name})
        lines.append(line_add(actor=actor, dossier=dossier, award=candidate.award, commendation_kind=cycle.kind,
                              achievements=candidate_achievements(candidate), person=person))
    audit_record(actor=actor, action=SERVICE_CANDIDATES_CONFIRMED, obj=dossier, agency=cycle.agency,
                 changes={"kind": cycle.kind.code, "lines": [line.pk for line in lines],
                          "people": [p.pk for p in people]})
    return lines
