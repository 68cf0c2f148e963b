"""The award domain's audit vocabulary and secrets (registered with the engine's log)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from workflow.audit import Action, mark_secret, register_action

CYCLE_OPENED = register_action("nominations.cycle_opened", _("Mở đợt xét khen thưởng"))
CYCLE_UPDATED = register_action("nominations.cycle_updated", _("Sửa đợt xét khen thưởng"))
CYCLE_CLOSED = register_action("nominations.cycle_closed", _("Đóng đợt xét khen thưởng"))
CYCLE_REOPENED = register_action("nominations.cycle_reopened", _("Mở lại đợt xét khen thưởng"))
AGENDA_PUBLISHED = register_action("nominations.agenda_published", _("Công bố danh sách, mở phiếu bầu"))
SESSION_CANCELLED = register_action("nominations.session_cancelled", _("Hủy phiên họp Hội đồng"))
MINUTES_FINALISED = register_action("nominations.minutes_finalised", _("Hoàn thành biên bản họp Hội đồng"))
AWARDS_REGISTERED = register_action("nominations.awards_registered", _("Ghi sổ khen thưởng"))
AMENDMENT_DRAFTED = register_action("nominations.amendment_drafted",
                                    _("Lập dự thảo quyết định hủy bỏ, đính chính khen thưởng"))
AWARDS_ANNULLED = register_action("nominations.awards_annulled", _("Hủy bỏ khen thưởng trong sổ khen thưởng"))
AWARDS_CORRECTED = register_action("nominations.awards_corrected", _("Đính chính sổ khen thưởng"))
WARNINGS_ACKNOWLEDGED = register_action("nominations.warnings_acknowledged",
                                        _("Xác nhận điểm cần lưu ý của dòng đề nghị"))
REPORT_WRITTEN = register_action("nominations.achievement_report_written", _("Lập, sửa báo cáo thành tích"))
REPORT_CONFIRMED = register_action("nominations.achievement_report_confirmed",
                                   _("Trưởng đơn vị xác nhận báo cáo thành tích"))
REPORT_PDF_RETRIED = register_action("nominations.achievement_report_pdf_retried",
                                     _("Trưởng đơn vị yêu cầu tạo lại tệp PDF báo cáo thành tích"))
REPORT_PDF_REQUEUED = register_action("nominations.achievement_report_pdf_requeued",
                                      _("Hệ thống xếp lại việc tạo tệp PDF báo cáo thành tích (yêu cầu trước bị mất)"))
FUND_APPROPRIATED = register_action("nominations.fund_appropriated",
                                    _("Ghi dự toán quỹ thi đua, khen thưởng"))
FUND_PAID = register_action("nominations.fund_paid", _("Ghi chi tiền thưởng từ quỹ thi đua, khen thưởng"))
FUND_RECOVERED = register_action("nominations.fund_recovered",
                                 _("Ghi thu hồi tiền thưởng vào quỹ thi đua, khen thưởng"))
LINE_UPDATED = register_action("nominations.line_updated", _("Sửa dòng đề nghị"))
POSTING_OPINION_GIVEN = register_action("nominations.posting_opinion_given",
                                        _("Góp ý về danh sách đề nghị khen thưởng được công khai"))
CONSULTATION_REQUESTED = register_action("nominations.consultation_requested",
                                         _("Gửi văn bản xin ý kiến (hiệp y) về dòng đề nghị"))
CONSULTATION_ANSWERED = register_action("nominations.consultation_answered",
                                        _("Ghi văn bản trả lời xin ý kiến (hiệp y)"))
CERTIFICATE_LAYOUT_SAVED = register_action("nominations.certificate_layout_saved",
                                           _("Lưu căn chỉnh in giấy khen"))
SESSION_CREATED = register_action("nominations.session_created",
                                  _("Lập phiên họp Hội đồng và danh sách đưa ra xét"))
LINE_ADDED = register_action("nominations.line_added", _("Thêm dòng đề nghị"))
LINE_REMOVED = register_action("nominations.line_removed", _("Xóa dòng đề nghị"))
ATTACHMENT_ADDED = register_action("nominations.attachment_added", _("Đính kèm tệp vào hồ sơ đề nghị"))
PLEDGE_REGISTRATION_UPDATED = register_action("nominations.pledge_registration_updated",
                                              _("Sửa danh hiệu tập thể đăng ký thi đua"))
PLEDGE_LINE_SAVED = register_action("nominations.pledge_line_saved", _("Ghi dòng đăng ký thi đua của cá nhân"))
PLEDGE_LINE_REMOVED = register_action("nominations.pledge_line_removed", _("Xóa dòng đăng ký thi đua của cá nhân"))
PLEDGE_TARGET_ADDED = register_action("nominations.pledge_target_added", _("Thêm chỉ tiêu đăng ký thi đua"))
PLEDGE_TARGET_REMOVED = register_action("nominations.pledge_target_removed", _("Xóa chỉ tiêu đăng ký thi đua"))
REGISTRY_IMPORTED = register_action("nominations.registry_imported", _("Nhập sổ khen thưởng, sáng kiến từ tệp"))
PAST_AWARD_RECORDED = register_action("nominations.past_award_recorded", _("Ghi khen thưởng đã có vào sổ"))
INITIATIVE_RECORDED = register_action("nominations.initiative_recorded", _("Ghi sáng kiến được công nhận"))
DISCIPLINE_RECORDED = register_action("nominations.discipline_recorded", _("Ghi hình thức kỷ luật"))
PERSON_YEAR_RECORD_SAVED = register_action("nominations.person_year_record_saved",
                                           _("Ghi kết quả đánh giá, xếp loại năm của cá nhân"))
UNIT_YEAR_RECORD_SAVED = register_action("nominations.unit_year_record_saved",
                                         _("Ghi kết quả xếp loại năm của tập thể"))
SERVICE_RECORD_SAVED = register_action("nominations.service_record_saved", _("Ghi thời điểm bắt đầu công tác"))
INITIATIVE_APPLICATION_SAVED = register_action("nominations.initiative_application_saved",
                                              _("Lập, sửa đơn yêu cầu công nhận sáng kiến"))
INITIATIVE_APPLICATION_SUBMITTED = register_action("nominations.initiative_application_submitted",
                                                  _("Gửi đơn yêu cầu công nhận sáng kiến"))
INITIATIVE_VOTED = register_action("nominations.initiative_voted",
                                   _("Thành viên Hội đồng sáng kiến biểu quyết"))
INITIATIVE_RECOGNISED = register_action("nominations.initiative_recognised",
                                        _("Quyết định công nhận sáng kiến"))
INITIATIVE_DECISION_REGISTERED = register_action("nominations.initiative_decision_registered",
                                                _("Ghi sổ sáng kiến theo Quyết định công nhận đã ban hành"))
INITIATIVE_REJECTED = register_action("nominations.initiative_rejected", _("Không công nhận sáng kiến"))
INITIATIVE_COUNCIL_CHANGED = register_action("nominations.initiative_council_changed",
                                             _("Thay đổi thành viên Hội đồng sáng kiến"))
SERVICE_CANDIDATES_CONFIRMED = register_action("nominations.service_candidates_confirmed",
                                               _("Xác nhận đề nghị khen thưởng cống hiến, niên hạn từ danh sách gợi ý"))
POSITION_RECORD_SAVED = register_action("nominations.position_record_saved",
                                        _("Ghi quá trình giữ chức vụ, công tác"))

__all__ = ["AGENDA_PUBLISHED", "ATTACHMENT_ADDED", "CERTIFICATE_LAYOUT_SAVED", "CONSULTATION_ANSWERED",
           "CONSULTATION_REQUESTED", "DISCIPLINE_RECORDED",
           "INITIATIVE_RECORDED", "INITIATIVE_APPLICATION_SAVED", "INITIATIVE_APPLICATION_SUBMITTED",
           "INITIATIVE_VOTED", "INITIATIVE_RECOGNISED", "INITIATIVE_DECISION_REGISTERED", "INITIATIVE_REJECTED",
           "INITIATIVE_COUNCIL_CHANGED",
           "LINE_ADDED", "LINE_REMOVED", "PAST_AWARD_RECORDED", "PERSON_YEAR_RECORD_SAVED",
           "PLEDGE_LINE_SAVED", "PLEDGE_REGISTRATION_UPDATED", "SERVICE_RECORD_SAVED",
           "SERVICE_CANDIDATES_CONFIRMED", "POSITION_RECORD_SAVED", "SESSION_CREATED",
           "UNIT_YEAR_RECORD_SAVED",
           "AMENDMENT_DRAFTED", "AWARDS_ANNULLED", "AWARDS_CORRECTED", "AWARDS_REGISTERED",
           "Action", "CYCLE_CLOSED", "CYCLE_OPENED", "CYCLE_REOPENED", "CYCLE_UPDATED",
           "FUND_APPROPRIATED", "FUND_PAID", "FUND_RECOVERED", "LINE_UPDATED",
           "MINUTES_FINALISED", "POSTING_OPINION_GIVEN",
           "REPORT_CONFIRMED", "REPORT_PDF_REQUEUED", "REPORT_PDF_RETRIED", "REPORT_WRITTEN", "SESSION_CANCELLED",
           "WARNINGS_ACKNOWLEDGED"]


def register_secrets() -> None:
    """Secret ballot (domain §4): what a paper says never reaches the log, a timeline or an export."""
    mark_secret("nominations.BallotPaper")
    mark_secret("nominations.BallotChoice")


# The way from each domain object to its agency (the agency of the cycle, registration or report it
# belongs to). A line's own ``unit`` is its nominee's, empty for a person, so it cannot be used.
AGENCY_PATHS = {
    "Dossier": "cycle.agency", "Line": "cycle.agency", "Session": "cycle.agency",
    "DossierRound": "dossier.cycle.agency", "Attachment": "dossier.cycle.agency",
    "AchievementReport": "line.cycle.agency",
    "SessionMember": "session.cycle.agency", "AgendaItem": "session.cycle.agency",
    "Ballot": "session.cycle.agency", "BallotPaper": "session.cycle.agency",
    "OutcomeDocument": "session.cycle.agency", "DecisionAmendment": "original.session.cycle.agency",
    "SubmissionAnswer": "submission.session.cycle.agency",
    "PledgeTarget": "registration.unit.agency", "PledgeLine": "registration.unit.agency",
    "PledgeReview": "registration.unit.agency", "ReportSection": "report.agency",
    "PostingOpinion": "cycle.agency",
}  # processes: their kind names their agency (``nominations.process_kinds``)


def agency_of(obj: object) -> Agency | None:
    """The agency whose log and auditors an object of the award domain belongs to: without it the
    auditor's timeline of a line, a session, a Tờ trình or a process answered 404 from the log.

    The first step is read fresh from the database, never through the object's own relation: that
    would cache, say, a process's dossier on the process, and a flow's ``If`` would then read the
    dossier's status from the stale copy after the service changed it.
    """
    meta = getattr(type(obj), "_meta", None)
    path = AGENCY_PATHS.get(meta.object_name) if meta is not None and meta.app_label == "nominations" else None
    if path is None:
        return None
    first, *rest = path.split(".")
    field = meta.get_field(first)
    related_id = getattr(obj, field.attname, None)
    if related_id is None:
        return None
    manager = field.related_model._default_manager
    found = manager.select_related("__".join(rest)).filter(pk=related_id).first() if rest else None
    for name in rest:
        found = getattr(found, name, None)
    return found if isinstance(found, Agency) else None
