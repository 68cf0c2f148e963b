"""The human steps of the pledge flows (``nominations.flows.pledge``): thin views over the services.

viewflow has already checked that the signed-in person owns the task and locked the process;
a refused step (a Vietnamese error) changes nothing and leaves the task open.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.steps import step_run

from ..forms.pledges import CompileForm, ReasonForm
from ..selectors.pledges import pledge_as_read, pledge_detail
from ..selectors.previews import agency_pledge_previews
from ..services import pledges as services
from .signing import signing_post

TEMPLATE = "nominations/pledges/task.html"


def _unit_page(registration) -> str:
    return reverse("pledges:detail", args=[registration.pk])


def _agency_page(registration) -> str:
    return reverse("pledges:agency", args=[registration.pk])


def submit_view(request, **kwargs):
    """The unit head sends the unit's registration to the secretariat."""
    activation = request.activation
    registration = activation.process.registration
    errors: list[str] = []
    if request.method == "POST":
        step = step_run(activation, lambda: services.pledge_registration_submit(actor=request.user,
                                                                                 registration=registration))
        errors = step.errors
        if step.ok:
            registration = step.value
            messages.success(request, _("Đã gửi bản đăng ký cho thường trực thi đua – khen thưởng."))
            return redirect(_unit_page(registration))
    return render(request, TEMPLATE, {
        "task_title": _("Gửi bản đăng ký thi đua"), "registration": (detail := pledge_detail(registration)),
        "shown": pledge_as_read(request.user, detail), "errors": errors,
        "button": _("Gửi bản đăng ký"),
    })


def review_view(request, **kwargs):
    """The secretariat accepts the unit's registration or returns it with the reason."""
    activation = request.activation
    registration = activation.process.registration
    form = ReasonForm(request.POST if request.method == "POST" else None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        step = step_run(activation, lambda: services.pledge_registration_review(
            actor=request.user, registration=registration, accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"]))
        errors = step.errors
        if step.ok:
            if form.cleaned_data["decision"] == "accept":
                messages.success(request, _("Đã chấp nhận bản đăng ký của %(unit)s; bản đăng ký sẽ được tổng hợp vào "
                                            "bản đăng ký của cơ quan.") % {"unit": registration.unit.name})
            else:
                messages.success(request, _("Đã trả lại bản đăng ký cho %(unit)s kèm lý do; đơn vị chỉnh sửa rồi gửi "
                                            "lại.") % {"unit": registration.unit.name})
            return redirect(_unit_page(registration))
    return render(request, TEMPLATE, {
        "task_title": _("Xem xét bản đăng ký thi đua"), "registration": (detail := pledge_detail(registration)),
        "shown": pledge_as_read(request.user, detail), "form": form,
        "errors": errors, "button": _("Ghi nhận"),
    })


def compile_view(request, **kwargs):
    """The secretariat compiles the accepted units' registrations into the agency's công văn."""
    activation = request.activation
    registration = activation.process.registration
    form = CompileForm(request.POST if request.method == "POST" else None,
                       initial={"collective_title": registration.collective_title_id})
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        step = step_run(activation, lambda: services.agency_pledge_compile(
            actor=request.user, registration=registration, collective_title=form.cleaned_data["collective_title"]))
        errors = step.errors
        if step.ok:
            messages.success(request, _("Đã tổng hợp bản đăng ký thi đua của cơ quan và trình lãnh đạo duyệt, ký."))
            return redirect(_agency_page(registration))
    return render(request, TEMPLATE, {
        "task_title": _("Tổng hợp bản đăng ký thi đua của cơ quan"), "agency_registration": registration,
        "missing": services.missing_units(registration), "form": form, "errors": errors,
        "button": _("Tổng hợp và trình ký"),
    })


def sign_view(request, **kwargs):
    """The chief (or a deputy, "KT.") reads the công văn's draft with its annex and signs it, ticking that he
    read it — the công văn takes its number from the agency's register — or returns it to the secretariat with
    a reason. Either way he lands on the registration's page, which links the công văn."""
    activation = request.activation
    registration = activation.process.registration
    errors: list[str] = []
    if request.method == "POST":
        outcome = signing_post(
            request, sign=lambda: services.agency_pledge_sign(actor=request.user, registration=registration),
            give_back=lambda reason: services.agency_pledge_return(actor=request.user, registration=registration,
                                                                   reason=reason))
        if outcome.ok:
            messages.success(request, _("Đã trả lại bản đăng ký cho Thường trực để tổng hợp lại.") if outcome.returned
                             else _("Đã ký công văn đăng ký thi đua; công văn được cấp số, tạo bản PDF trong giây "
                                    "lát và gửi Sở Nội vụ."))
            return redirect(_agency_page(registration))
        errors = outcome.errors
    return render(request, TEMPLATE, {
        "task_title": _("Duyệt và ký bản đăng ký thi đua của cơ quan"), "agency_registration": registration,
        "errors": errors, "button": _("Duyệt và ký"), "sign": True,
        "previews": agency_pledge_previews(actor=request.user, registration=registration),
    }, status=400 if errors else 200)


def home_affairs_view(request, **kwargs):
    """Sở Nội vụ acknowledges the agency's registration or returns it with the reason."""
    activation = request.activation
    registration = activation.process.registration
    form = ReasonForm(request.POST if request.method == "POST" else None)
    form.fields["decision"].choices = [("accept", _("Tiếp nhận")), ("return", _("Trả lại"))]
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        step = step_run(activation, lambda: services.agency_pledge_home_affairs_decide(
            actor=request.user, registration=registration,
            acknowledge=form.cleaned_data["decision"] == "accept", reason=form.cleaned_data["reason"]))
        errors = step.errors
        if step.ok:
            if form.cleaned_data["decision"] == "accept":
                messages.success(request, _("Đã tiếp nhận bản đăng ký thi đua của %(agency)s.") % {
                    "agency": registration.agency.name})
            else:
                messages.success(request, _("Đã trả lại bản đăng ký thi đua cho %(agency)s kèm ý kiến; cơ quan chỉnh "
                                            "sửa rồi trình lại.") % {"agency": registration.agency.name})
            return redirect(reverse("home:index"))
    return render(request, TEMPLATE, {
        "task_title": _("Tiếp nhận bản đăng ký thi đua"), "agency_registration": registration, "form": form,
        "errors": errors, "button": _("Ghi nhận"),
    })
