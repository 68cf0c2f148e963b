"""Sáng kiến recognition (issue 21): the author's list and đơn, the page of one application (the author edits and
submits the draft; a member of the Hội đồng sáng kiến votes; the chief recognises or refuses it) and the chief's
Hội đồng sáng kiến. Who reads what: ``selectors.initiatives``; a forbidden application is a 404, as a missing one."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.roles import Role
from accounts.selectors import agencies_in_scope, roles_here
from workflow.audit.selectors import is_auditor
from workflow.documents.selectors import documents_for_user

from ..forms.initiatives import (
    InitiativeApplicationForm,
    InitiativeCouncilMemberForm,
    InitiativeRejectForm,
    InitiativeVoteForm,
)
from ..models import InitiativeStatus
from ..selectors import initiatives as selectors
from ..services import initiatives as services


def _errors_to(form, error: Exception) -> None:
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
        return
    for message in getattr(error, "messages", [str(error)]):
        form.add_error(None, message)


class InitiativeListView(TemplateView):
    template_name = "nominations/initiative_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["applications"] = selectors.applications_for(user)
        context["may_create"] = selectors.is_staff_of_an_agency(user) and not is_auditor(user)
        context["reads_council"] = bool(user.unit_id and selectors.reads_agency(user, user.unit.agency))
        return context


class InitiativeNewView(TemplateView):
    template_name = "nominations/initiative_form.html"

    def _agency(self):
        user = self.request.user
        if not selectors.is_staff_of_an_agency(user) or is_auditor(user):
            raise Http404
        return user.unit.agency

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", InitiativeApplicationForm(agency=self._agency(),
                                                             initial={"author_1": self.request.user.pk,
                                                                      "share_1": 100}))
        return context

    def post(self, request):
        form = InitiativeApplicationForm(request.POST, agency=self._agency())
        if form.is_valid():
            try:
                application = services.initiative_application_create(actor=request.user, **form.service_kwargs())
            except (PermissionDenied, ValidationError) as error:
                _errors_to(form, error)
            else:
                messages.success(request, _("Đã lưu đơn yêu cầu công nhận sáng kiến (chưa gửi)."))
                return redirect("nominations:initiative", pk=application.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class InitiativeDetailView(TemplateView):
    template_name = "nominations/initiative_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        application = context["application"] = selectors.get_application_for(user, self.kwargs["pk"])
        agency = application.agency
        editable = application.status == InitiativeStatus.DRAFT and application.created_by_id == user.pk
        context["editable"] = editable
        if editable:
            context.setdefault("form", InitiativeApplicationForm(
                agency=agency, initial=InitiativeApplicationForm.initial_of(application)))
        context["authors"] = list(application.authors.select_related("person__unit"))
        # The Quyết định công nhận sáng kiến, to whom the document register lets read it (the authors it names,
        # the agency's secretariat, leaders and auditors).
        context["decision"] = (documents_for_user(user).filter(pk=application.document_id).first()
                               if application.document_id else None)
        open_ = application.status in selectors.OPEN
        context["reads_votes"] = selectors.reads_agency(user, agency)
        if context["reads_votes"]:
            context["votes"] = list(application.votes.select_related("member"))
            context["tally"] = selectors.council_tally(application)
        context["may_vote"] = open_ and selectors.is_council_member(user, agency)
        if context["may_vote"]:
            mine = application.votes.filter(member=user).first()
            context.setdefault("vote_form", InitiativeVoteForm(
                initial={"agrees": "1" if mine and mine.agrees else ("0" if mine else None),
                         "remark": mine.remark if mine else ""}))
        context["may_decide"] = open_ and Role.CHIEF in roles_here(user, agency)
        if context["may_decide"]:
            context.setdefault("reject_form", InitiativeRejectForm())
        return context

    def post(self, request, pk):
        application = selectors.get_application_for(request.user, pk)
        action = request.POST.get("action", "")
        handler = {"save": self._save, "submit": self._save, "vote": self._vote, "recognise": self._recognise,
                   "reject": self._reject}.get(action)
        if handler is None or (action in ("save", "submit") and application.status != InitiativeStatus.DRAFT):
            messages.error(request, _("Thao tác không hợp lệ."))
            return self.render_to_response(self.get_context_data(), status=400)
        form_key, form, done = handler(request, application, action)
        if done:
            messages.success(request, done)
            return redirect("nominations:initiative", pk=pk)
        return self.render_to_response(self.get_context_data(**({form_key: form} if form else {})), status=400)

    @staticmethod
    def _run(form, call) -> bool:
        """Run the service; a refusal becomes the form's message (or the page's, without a form)."""
        try:
            call()
        except (PermissionDenied, ValidationError) as error:
            if form is None:
                raise
            _errors_to(form, error)
            return False
        return True

    def _save(self, request, application, action):
        form = InitiativeApplicationForm(request.POST, agency=application.agency)
        if not form.is_valid():
            return "form", form, None

        def call():
            services.initiative_application_update(actor=request.user, application=application,
                                                   **form.service_kwargs())
            if action == "submit":
                services.initiative_application_submit(actor=request.user, application=application)

        if not self._run(form, transaction.atomic()(call)):
            return "form", form, None
        return "form", form, (_("Đã gửi đơn tới Hội đồng sáng kiến.") if action == "submit"
                              else _("Đã lưu đơn (chưa gửi)."))

    def _vote(self, request, application, action):
        form = InitiativeVoteForm(request.POST)
        if form.is_valid() and self._run(form, lambda: services.initiative_application_evaluate(
                actor=request.user, application=application, **form.cleaned_data)):
            return "vote_form", form, _("Đã ghi ý kiến của anh/chị.")
        return "vote_form", form, None

    def _recognise(self, request, application, action):
        try:
            application = services.initiative_application_recognise(actor=request.user, application=application)
        except (PermissionDenied, ValidationError) as error:
            for message in getattr(error, "messages", [str(error)]):
                messages.error(request, message)
            return "reject_form", None, None
        return "reject_form", None, _("Đã ký Quyết định công nhận sáng kiến; văn bản được cấp số và phát hành "
                                      "ngay sau đó.")

    def _reject(self, request, application, action):
        form = InitiativeRejectForm(request.POST)
        if form.is_valid() and self._run(form, lambda: services.initiative_application_reject(
                actor=request.user, application=application, **form.cleaned_data)):
            return "reject_form", form, _("Đã ghi quyết định không công nhận sáng kiến.")
        return "reject_form", form, None


class InitiativeCouncilView(TemplateView):
    """The agency's Hội đồng sáng kiến: read by its leads and auditor, set up by the chief."""

    template_name = "nominations/initiative_council.html"

    def _agency(self):
        """The reader's own agency; for an auditor (or a lead) without a unit there, the first agency they work
        over as a whole (``agencies_in_scope``). Anyone else: 404."""
        user = self.request.user
        if not user.is_authenticated:
            raise Http404
        candidates = [user.unit.agency] if user.unit_id else []
        candidates += list(agencies_in_scope(user).order_by("name", "pk"))
        for agency in candidates:
            if selectors.READERS & roles_here(user, agency):
                return agency
        raise Http404

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        agency = context["agency"] = self._agency()
        context["members"] = list(selectors.council_members(agency))
        context["may_change"] = Role.CHIEF in roles_here(self.request.user, agency)
        if context["may_change"]:
            context.setdefault("form", InitiativeCouncilMemberForm(agency=agency))
        return context

    def post(self, request):
        agency = self._agency()
        form = InitiativeCouncilMemberForm(request.POST, agency=agency)
        try:
            if "remove" in request.POST:
                raw = request.POST.get("remove", "")
                member = (selectors.council_members(agency).filter(pk=int(raw)).first()
                          if raw.isascii() and raw.isdigit() and len(raw) < 10 else None)
                if member is None:
                    raise ValidationError(_("Không có thành viên này trong Hội đồng sáng kiến."))
                services.initiative_council_member_remove(actor=request.user, member=member)
                messages.success(request, _("Đã bớt thành viên khỏi Hội đồng sáng kiến."))
                return redirect("nominations:initiative_council")
            if form.is_valid():
                services.initiative_council_member_add(actor=request.user, agency=agency, **form.cleaned_data)
                messages.success(request, _("Đã thêm thành viên Hội đồng sáng kiến."))
                return redirect("nominations:initiative_council")
        except PermissionDenied as error:
            messages.error(request, str(error))
        except ValidationError as error:
            _errors_to(form, error)
        return self.render_to_response(self.get_context_data(form=form), status=400)
