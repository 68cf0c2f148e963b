"""The chief's page to annul (hủy bỏ, with thu hồi) or correct (đính chính) awards of an issued Quyết định
khen thưởng, reached from the decision's page in the register; the draft is previewed, then signed here."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from workflow.documents.models import DocumentStatus
from workflow.params import posted_pk

from ..models import AmendmentKind, AnnulmentGround, CorrectedField, LineStatus, PastAward
from ..selectors.amendments import get_decision_to_amend, may_amend
from ..services import annulments


def _messages(error: Exception) -> str:
    return " ".join(getattr(error, "messages", None) or [str(error)])


class AmendmentView(TemplateView):
    """GET: the decision's lines with their registry state, the drafts and issued amendments, the two forms.
    POST ``action``: ``annul`` (lines, ground, reason, rule_broken), ``correct`` (line, field, new, reason),
    ``sign`` (amendment)."""

    template_name = "nominations/decision_amend.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        decision = get_decision_to_amend(self.request.user, self.kwargs["pk"])
        lines = list(decision.lines.select_related("person__unit", "unit", "award", "cycle")
                     .order_by("agenda_item__position", "pk"))
        rows = {(a.person_id, a.unit_id): a for a in PastAward.objects.filter(
            award=decision.award, year=decision.session.cycle.year, decision_number=decision.document.number_text,
        ).select_related("annulled_by")}
        for line in lines:
            line.registry = rows.get((line.person_id, line.unit_id))
        context.update(
            decision=decision, lines=lines, grounds=AnnulmentGround.choices, fields=CorrectedField.choices,
            amendments=decision.amendments.select_related("document").order_by("pk"), kinds=AmendmentKind,
            annulled=LineStatus.ANNULLED, draft=DocumentStatus.DRAFT,
        )
        return context

    def post(self, request, pk):
        decision = get_decision_to_amend(request.user, pk)
        action = request.POST.get("action")
        try:
            if action == "sign":
                amendment = decision.amendments.filter(pk=posted_pk(request.POST.get("amendment"))).first()
                if amendment is None:
                    raise ValidationError(_("Không tìm thấy dự thảo quyết định."))
                annulments.amendment_sign(actor=request.user, amendment=amendment)
                messages.success(request, _("Đã ký quyết định. Hệ thống đang cấp số, tạo bản PDF và cập nhật sổ "
                                            "khen thưởng."))
                return redirect("documents:detail", pk=amendment.document_id)
            if action == "annul":
                amendment = annulments.annulment_draft(
                    actor=request.user, decision=decision, lines=self._lines(decision, request.POST.getlist("line")),
                    ground=request.POST.get("ground", ""), reason=request.POST.get("reason", ""),
                    rule_broken=request.POST.get("rule_broken", ""))
            elif action == "correct":
                lines = self._lines(decision, [request.POST.get("line", "")])
                amendment = annulments.correction_draft(
                    actor=request.user, decision=decision, reason=request.POST.get("reason", ""),
                    corrections=[{"line": line, "field": request.POST.get("field", ""),
                                  "new": request.POST.get("new", "")} for line in lines])
            else:
                raise ValidationError(_("Thao tác không hợp lệ."))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, _messages(error))
            return redirect(request.path)
        messages.success(request, _("Đã lập dự thảo quyết định. Xem bản dự thảo, rồi ký ban hành."))
        return redirect(f"{request.path}#amendment-{amendment.pk}")

    @staticmethod
    def _lines(decision, posted: list[str]) -> list:
        """The decision's lines named in the request; a line of another decision (or agency) is refused with
        the service's message, never looked up outside the decision."""
        wanted = {posted_pk(value) for value in posted if value.strip()}
        lines = list(decision.lines.filter(pk__in=wanted))
        if len(lines) != len(wanted):
            raise ValidationError(_("Có cá nhân, tập thể không thuộc Quyết định số %(number)s.")
                                  % {"number": decision.document.number_text})
        return lines


def amendment_links(document, user) -> list[dict]:
    """The register's page of a decision links to its annulments and corrections and back (the original stays as
    issued); its decider is offered the page to annul or correct it (``workflow.documents.kinds``)."""
    links = []
    amendment = getattr(document, "decision_amendment", None)
    if amendment is not None:
        verb = _("Hủy bỏ khen thưởng tại") if amendment.kind == AmendmentKind.ANNUL else _("Đính chính")
        original = amendment.original.document
        links.append({"text": _("%(verb)s Quyết định số %(number)s") % {"verb": verb, "number": original.number_text},
                      "document": original})
    outcome = getattr(document, "nomination_outcome", None)
    if outcome is not None:
        for later in outcome.amendments.select_related("document").filter(document__number__isnull=False):
            verb = _("Bị hủy bỏ khen thưởng bởi") if later.kind == AmendmentKind.ANNUL else _("Được đính chính bởi")
            links.append({"text": _("%(verb)s Quyết định số %(number)s")
                          % {"verb": verb, "number": later.document.number_text}, "document": later.document})
        if may_amend(user, outcome):
            links.append({"text": _("Hủy bỏ, đính chính khen thưởng"),
                          "url": reverse("nominations:amend", args=[document.pk])})
    return links
