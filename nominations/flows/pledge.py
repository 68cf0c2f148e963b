"""Pledge registration (đăng ký thi đua, domain §6; design §3 flow 1).

``PledgeFlow``: a unit's registration of a year — the unit head submits, the secretariat accepts
or returns it with the reason, and a returned registration goes back to the unit head (loop).
``AgencyPledgeFlow``: the agency's registration — the secretariat compiles the accepted units'
registrations, the chief approves and signs the numbered công văn, Sở Nội vụ acknowledges it or
returns it to the secretariat (loop).
Nodes call ``nominations.services.pledges``; each human task is taken by whoever holds the role
over the registration's unit or agency (guardian object permission, never a model-level grant).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow

from accounts.roles import PERM_CHIEF, PERM_HEAD_UNIT, PERM_HOME_AFFAIRS, PERM_SECRETARIAT
from workflow.locks import process_lock
from workflow.nodes import View, lazy_view
from workflow.registry import register_flow

from .. import announcements
from ..deadlines import NOBODY, TO_CHIEF, TO_DEPUTY, TO_OWN_CHIEF, agency_compile_due, pledge_submit_due
from ..models import AgencyPledgeProcess, AgencyPledgeStatus, PledgeProcess, PledgeStatus
from ..process_kinds import AGENCY_PLEDGE, PLEDGE
from ..services.pledges import agency_pledge_open, pledge_registration_create

VIEWS = "nominations.views.pledge_tasks."


class _SignedInViewMixin:
    def has_view_permission(self, user, obj=None) -> bool:
        """Everyone signed in reaches the flow's pages; what they see is filtered by the selectors."""
        return user.is_authenticated and user.is_active


@register_flow
class PledgeFlow(_SignedInViewMixin, flow.Flow):
    """Đăng ký thi đua của đơn vị (Luật Thi đua, khen thưởng 2022, Điều 13; Nghị định 98/2023/NĐ-CP,
    Điều 5): the unit registers, the agency's emulation secretariat reviews."""

    process_class = PledgeProcess
    lock_impl = process_lock
    process_title = _("Đăng ký thi đua của đơn vị")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_registration).Annotation(title=_("Lập bản đăng ký")).Next(this.submit)
    submit = (
        View(lazy_view(VIEWS + "submit_view")).Annotation(title=_("Gửi bản đăng ký thi đua"))
        .Deadline(step="pledge.submit", due=pledge_submit_due, escalate_to=TO_DEPUTY)
        .Announce("pledge_returned", context=announcements.pledge_returned)
        .Permission(PERM_HEAD_UNIT, obj=lambda process: PLEDGE.carried(process).unit)
        .Next(this.review)
    )
    review = (
        View(lazy_view(VIEWS + "review_view")).Annotation(title=_("Xem xét bản đăng ký thi đua"))
        .Deadline(step="pledge.review", escalate_to=TO_CHIEF)
        .Permission(PERM_SECRETARIAT, obj=PLEDGE.agency_of)
        .Next(this.reviewed)
    )
    reviewed = (
        flow.If(lambda activation: PLEDGE.carried(activation.process).status == PledgeStatus.ACCEPTED)
        .Annotation(title=_("Đã chấp nhận?"))
        .Then(this.end)
        .Else(this.submit)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_registration(self, activation, *, actor, unit, year, amends=None):
        activation.process.registration = pledge_registration_create(actor=actor, unit=unit, year=year,
                                                                      amends=amends)
        return activation.process


@register_flow
class AgencyPledgeFlow(_SignedInViewMixin, flow.Flow):
    """Đăng ký thi đua của cơ quan gửi Sở Nội vụ (Luật Thi đua, khen thưởng 2022, Điều 13; Nghị định
    98/2023/NĐ-CP, Điều 5; signed and numbered as a công văn, Nghị định 30/2020/NĐ-CP)."""

    process_class = AgencyPledgeProcess
    lock_impl = process_lock
    process_title = _("Đăng ký thi đua của cơ quan")
    process_summary_template = "{{ process }}"  # viewflow's lists name what the process carries

    start = flow.StartHandle(this.start_registration).Annotation(title=_("Mở đợt đăng ký")).Next(this.compile)
    compile = (
        View(lazy_view(VIEWS + "compile_view")).Annotation(title=_("Tổng hợp bản đăng ký thi đua của cơ quan"))
        .Deadline(step="agency_pledge.compile", due=agency_compile_due, escalate_to=TO_CHIEF)
        .Announce("pledge_returned", context=announcements.agency_pledge_returned)
        .Permission(PERM_SECRETARIAT, obj=AGENCY_PLEDGE.agency_of)
        .Next(this.sign)
    )
    sign = (
        View(lazy_view(VIEWS + "sign_view")).Annotation(title=_("Duyệt và ký bản đăng ký thi đua của cơ quan"))
        .Deadline(step="agency_pledge.sign", escalate_to=NOBODY)
        .Permission(PERM_CHIEF, obj=AGENCY_PLEDGE.agency_of).SoleHolder()
        .Next(this.signed)
    )
    # The signer may return the registration to the secretariat instead of signing: it is compiled again.
    signed = (
        flow.If(lambda activation: AGENCY_PLEDGE.carried(activation.process).status == AgencyPledgeStatus.SENT)
        .Annotation(title=_("Đã ký?"))
        .Then(this.home_affairs)
        .Else(this.compile)
    )
    home_affairs = (
        View(lazy_view(VIEWS + "home_affairs_view")).Annotation(title=_("Sở Nội vụ tiếp nhận bản đăng ký thi đua"))
        .Deadline(step="agency_pledge.home_affairs", escalate_to=TO_OWN_CHIEF)
        .Permission(PERM_HOME_AFFAIRS, obj=lambda process: AGENCY_PLEDGE.agency_of(process).province)
        .Next(this.decided)
    )
    decided = (
        flow.If(lambda activation: AGENCY_PLEDGE.carried(activation.process).status == AgencyPledgeStatus.ACKNOWLEDGED)
        .Annotation(title=_("Sở Nội vụ đã tiếp nhận?"))
        .Then(this.end)
        .Else(this.compile)
    )
    end = flow.End().Annotation(title=_("Kết thúc"))

    def start_registration(self, activation, *, actor, agency, year, deadline, amends=None):
        activation.process.registration = agency_pledge_open(actor=actor, agency=agency, year=year,
                                                             deadline=deadline, amends=amends)
        return activation.process
