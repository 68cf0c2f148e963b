"""Pages of a bloc's year (khối thi đua; issue 21): the giao ước, the self-assessments, the ranked table, the vote
and the Tờ trình on one page, and one member's self-assessment on its own. Thin: services write, selectors read.
A refused input re-renders the page with its message and HTTP 400; nothing is written."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from ..forms.blocs import BlocActionForm, BlocAssessmentForm, BlocMeetingForm, BlocTargetForm
from ..models import BlocMembership, BlocVote
from ..selectors import blocs as selectors
from ..selectors.pledges import get_bloc_for_user
from ..services import blocs as services

MAX_YEAR = 9999


def _message(exc: ValidationError) -> str:
    return " ".join(exc.messages)


class BlocYearView(TemplateView):
    """The bloc's year: members, targets and confirmations; then assessments, ranking, votes and documents."""

    template_name = "nominations/blocs/year.html"

    def dispatch(self, request, *args, pk: int, year: int, **kwargs):
        if not 1 <= year <= MAX_YEAR:
            raise Http404
        self.bloc = get_bloc_for_user(request.user, pk)
        self.year = year
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        members = list(selectors.members_of(self.bloc, self.year))
        bloc_year = selectors.bloc_year_of(self.bloc, self.year)
        leads = selectors.leads_bloc(user, members)
        mine = [m for m in members if selectors.acts_for(user, m.agency)]
        candidates = [m for m in members if m.proposed_award_id]
        my_votes = {(v.voter_id, v.candidate_id): v.agree
                    for v in BlocVote.objects.filter(voter__in=mine, candidate__in=candidates)}
        rows = []
        for m in members:
            visible = selectors.sees_assessment(user, m, bloc_year, members)
            rows.append({"m": m, "visible": visible, "targets": list(m.targets.all())})
        context.update(
            bloc=self.bloc, year=self.year, bloc_year=bloc_year, rows=rows, members=members, leads=leads,
            mine=mine, candidates=candidates, my_votes=my_votes,
            status=bloc_year.status if bloc_year else "drafting",
            target_form=kwargs.get("target_form") or BlocTargetForm(),
            meeting_form=kwargs.get("meeting_form") or BlocMeetingForm(),
            ranked=sorted((m for m in members if m.rank), key=lambda m: (m.rank, m.agency.name)),
        )
        return context

    def _refuse(self, message: str, **forms):
        messages.error(self.request, message)
        return self.render_to_response(self.get_context_data(**forms), status=400)

    def _membership(self, pk) -> BlocMembership:
        membership = BlocMembership.objects.filter(bloc=self.bloc, year=self.year, pk=pk).select_related(
            "agency", "bloc").first()
        if membership is None:
            raise Http404
        return membership

    def post(self, request, *args, **kwargs):
        form = BlocActionForm(request.POST)
        if not form.is_valid():
            return self._refuse(_("Thao tác không hợp lệ."))
        action = form.cleaned_data["action"]
        user, bloc, year = request.user, self.bloc, self.year
        try:
            if action == "target":
                target_form = BlocTargetForm(request.POST)
                if not target_form.is_valid():
                    return self._refuse(_("Nhập đủ nội dung, đơn vị tính, chỉ tiêu và điểm tối đa."),
                                        target_form=target_form)
                data = target_form.cleaned_data
                services.bloc_target_add(actor=user, membership=self._membership(data["membership"]),
                                         content=data["content"], measure=data["measure"],
                                         planned_value=data["planned_value"], max_score=data["max_score"])
                done = _("Đã thêm chỉ tiêu giao ước.")
            elif action == "confirm":
                membership = self._membership(form.cleaned_data["membership"])
                services.bloc_covenant_confirm(actor=user, membership=membership)
                done = _("%(agency)s đã xác nhận giao ước.") % {"agency": membership.agency.name}
            elif action == "sign":
                services.bloc_covenant_sign(actor=user, bloc=bloc, year=year)
                done = _("Đã ký bản giao ước thi đua; văn bản đang được phát hành.")
            elif action == "compile":
                services.bloc_results_compile(actor=user, bloc=bloc, year=year)
                done = _("Đã tổng hợp, xếp hạng kết quả chấm điểm.")
            elif action == "vote":
                voter = self._membership(form.cleaned_data["membership"])
                votes = {}
                for candidate in BlocMembership.objects.filter(bloc=bloc, year=year, proposed_award__isnull=False):
                    value = request.POST.get(f"vote_{candidate.pk}", "")
                    if value not in ("1", "0"):
                        return self._refuse(_("Cho ý kiến đồng ý hoặc không đồng ý với từng cơ quan được đề nghị."))
                    votes[candidate.pk] = value == "1"
                services.bloc_vote_cast(actor=user, voter=voter, votes=votes)
                done = _("Đã ghi phiếu của %(agency)s.") % {"agency": voter.agency.name}
            elif action == "close":
                meeting_form = BlocMeetingForm(request.POST)
                if not meeting_form.is_valid():
                    return self._refuse(_("Nhập ngày họp bình xét (dd/mm/yyyy)."), meeting_form=meeting_form)
                services.bloc_vote_close(actor=user, bloc=bloc, year=year,
                                         meeting_on=meeting_form.cleaned_data["meeting_on"])
                done = _("Đã kết thúc bình xét, suy tôn.")
            else:
                services.bloc_submission_sign(actor=user, bloc=bloc, year=year)
                done = _("Đã ký tờ trình của khối gửi Sở Nội vụ; văn bản đang được phát hành.")
        except ValidationError as exc:
            return self._refuse(_message(exc))
        messages.success(request, done)
        return redirect(reverse("pledges:bloc_year", args=[bloc.pk, year]))


class BlocAssessmentView(TemplateView):
    """One member's self-assessment: its own secretariat or leadership fills and sends it; the leader reads it;
    other members only once the table is compiled (404 before)."""

    template_name = "nominations/blocs/assessment.html"

    def dispatch(self, request, *args, pk: int, year: int, member: int, **kwargs):
        if not 1 <= year <= MAX_YEAR:
            raise Http404
        self.membership = selectors.get_assessment_for_user(request.user, pk, year, member)
        self.year = year
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        targets = list(self.membership.targets.order_by("pk"))
        bloc_year = selectors.bloc_year_of(self.membership.bloc, self.year)
        editable = (selectors.acts_for(self.request.user, self.membership.agency)
                    and bloc_year is not None and bloc_year.status == "signed"
                    and self.membership.assessment_submitted_at is None)
        form = kwargs.get("form") or BlocAssessmentForm(targets=targets)
        context.update(membership=self.membership, bloc=self.membership.bloc, year=self.year, editable=editable,
                       rows=[(t, form[f"achieved_{t.pk}"], form[f"score_{t.pk}"]) for t in targets],
                       total=sum(t.self_score for t in targets if t.self_score is not None))
        return context

    def post(self, request, *args, **kwargs):
        targets = list(self.membership.targets.order_by("pk"))
        form = BlocAssessmentForm(request.POST, targets=targets)
        if not form.is_valid():
            messages.error(request, _("Kết quả đạt được tối đa 300 ký tự, điểm tối đa 10 ký tự."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        scores = {t.pk: (form.cleaned_data[f"achieved_{t.pk}"], form.cleaned_data[f"score_{t.pk}"]) for t in targets}
        submit = request.POST.get("submit") == "1"
        try:
            services.bloc_assessment_save(actor=request.user, membership=self.membership, scores=scores,
                                          submit=submit)
        except ValidationError as exc:
            messages.error(request, _message(exc))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Đã gửi bản tự chấm điểm cho khối trưởng.") if submit
                         else _("Đã lưu bản tự chấm điểm."))
        return redirect(reverse("pledges:bloc_assessment", args=[self.membership.bloc_id, self.year,
                                                                  self.membership.pk]))



