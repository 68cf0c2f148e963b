"""Column specs of the award domain's lists for the engine's Excel exporter (workflow.exports).

Each list view exports the rows it shows, with the filters in the address; these specs only say
which columns, in Vietnamese, with real dates.
"""

from __future__ import annotations

from operator import itemgetter

from django.utils.translation import gettext_lazy as _

from workflow.exports import Column, ExportSpec, attr

from .eligibility import Outcome

DOSSIERS = ExportSpec(title=_("Hồ sơ đề nghị"), filename="ho-so-de-nghi-khen-thuong", columns=[
    Column(_("Cơ quan"), attr("cycle.agency.name"), 30),
    Column(_("Đợt xét"), attr("cycle.name"), 30),
    Column(_("Năm"), attr("cycle.year"), 8),
    Column(_("Đơn vị"), attr("unit.name"), 40),
    Column(_("Số dòng"), attr("line_count"), 10),
    Column(_("Lần nộp"), attr("round_count"), 10),
    Column(_("Trạng thái"), attr("get_status_display"), 30),
    Column(_("Người lập"), attr("created_by.full_name"), 25),
    Column(_("Thời điểm lập"), attr("created_at"), 18),
])

CYCLES = ExportSpec(title=_("Các đợt xét"), filename="dot-xet-khen-thuong", columns=[
    Column(_("Cơ quan"), attr("agency.name"), 30),
    Column(_("Năm"), attr("year"), 8),
    Column(_("Tên đợt xét"), attr("name"), 40),
    Column(_("Loại hình khen thưởng"), attr("kind.name"), 25),
    Column(_("Hạn nộp hồ sơ"), attr("nominations_due"), 14),
    Column(_("Công khai từ ngày"), attr("posting_from"), 14),
    Column(_("Công khai đến ngày"), attr("posting_to"), 14),
    Column(_("Ngày họp Hội đồng"), attr("council_date"), 14),
    Column(_("Đang nhận hồ sơ"), attr("is_open"), 10),
])

SESSIONS = ExportSpec(title=_("Phiên họp Hội đồng"), filename="phien-hop-hoi-dong", columns=[
    Column(_("Cơ quan"), attr("cycle.agency.name"), 30),
    Column(_("Đợt xét"), attr("cycle.name"), 30),
    Column(_("Ngày họp"), attr("meeting_date"), 12),
    Column(_("Địa điểm"), attr("venue"), 25),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Số thành viên có quyền biểu quyết"), attr("members_total"), 12),
    Column(_("Số thành viên có mặt"), attr("members_present"), 12),
    Column(_("Đủ số thành viên dự họp"), attr("quorum_met"), 10),
    Column(_("Số dòng đề nghị"), attr("item_count"), 10),
])

PLEDGES = ExportSpec(title=_("Đăng ký thi đua"), filename="dang-ky-thi-dua", columns=[
    Column(_("Cơ quan"), attr("unit.agency.name"), 30),
    Column(_("Đơn vị"), attr("unit.name"), 40),
    Column(_("Năm"), attr("year"), 8),
    Column(_("Danh hiệu tập thể"), attr("shown_title"), 30),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Đăng ký muộn"), attr("is_late"), 10),
    Column(_("Bổ sung cho bản trước"), lambda r: r.amends_id is not None, 10),
    Column(_("Thời điểm gửi"), attr("submitted_at"), 18),
    Column(_("Thời điểm chấp nhận"), attr("accepted_at"), 18),
])

MOVEMENTS = ExportSpec(title=_("Phong trào thi đua"), filename="phong-trao-thi-dua", columns=[
    Column(_("Cấp phát động"), attr("get_level_display"), 18),
    Column(_("Phong trào"), attr("name"), 50),
    Column(_("Số văn bản phát động"), attr("document_number"), 18),
    Column(_("Ngày văn bản"), attr("document_date"), 12),
    Column(_("Cơ quan ban hành văn bản"), attr("document_issuer"), 30),
    Column(_("Bắt đầu"), attr("period_start"), 12),
    Column(_("Kết thúc"), attr("period_end"), 12),
    Column(_("Mục tiêu"), attr("aim"), 50),
])

REPORTS = ExportSpec(title=_("Báo cáo tổng kết"), filename="bao-cao-tong-ket", columns=[
    Column(_("Năm"), attr("year"), 8),
    Column(_("Cơ quan"), attr("agency.name"), 40),
    Column(_("Trạng thái"), attr("get_status_display"), 25),
    Column(_("Số, ký hiệu"), attr("document.number_text"), 18),
    Column(_("Thời điểm tổng hợp"), attr("compiled_at"), 18),
])


STATISTICS = ExportSpec(title=_("Thống kê khen thưởng"), filename="thong-ke-khen-thuong", columns=[
    Column(_("Nhóm"), itemgetter("group"), 40),
    Column(_("Danh hiệu, hình thức khen thưởng"), itemgetter("label"), 45),
    Column(_("Kết quả"), itemgetter("outcome"), 20),
    Column(_("Lãnh đạo, quản lý"), itemgetter("leaders"), 12),
    Column(_("Người trực tiếp công tác"), itemgetter("workers"), 12),
    Column(_("Tổng"), itemgetter("total"), 10),
])


def statistics_rows(table: dict) -> list[dict]:
    """The annex's grouped table (``award_statistics``) as flat rows, the group named on each."""
    return [{"group": group["heading"], **row} for group in table["groups"] for row in group["rows"]]


def _outcome_label(line) -> str:
    try:
        return Outcome(line.outcome).label
    except ValueError:
        return ""


def _unmet(line) -> str:
    """The criteria that did not pass at the last check, with why: what an officer reads to explain a refusal."""
    return "; ".join(v.get("explanation", "") for v in line.verdicts or []
                     if v.get("outcome") not in ("", Outcome.PASS) and v.get("explanation"))


def _item(line):
    return getattr(line, "agenda_item", None)


def _vote(line) -> str:
    item = _item(line)
    return f"{item.yes}/{item.base}" if item is not None and item.passed is not None else ""


def _vote_result(line) -> str:
    item = _item(line)
    if item is None or item.passed is None:
        return ""
    return str(_("Đạt")) if item.passed else str(_("Không đạt"))


def _decision(attribute: str):
    def read(line):
        decision = getattr(line, "decision", None)
        return getattr(decision, attribute, "") if decision is not None else ""
    return read


LINES = ExportSpec(title=_("Danh sách đề nghị"), filename="danh-sach-de-nghi-khen-thuong", columns=[
    Column(_("Năm"), attr("cycle.year"), 8),
    Column(_("Đợt xét"), attr("cycle.name"), 30),
    Column(_("Đơn vị"), attr("dossier.unit.name"), 35),
    Column(_("Cá nhân, tập thể"), attr("nominee_name"), 30),
    Column(_("Chức vụ"), lambda line: line.person.position_title if line.person_id else "", 25),
    Column(_("Danh hiệu, hình thức"), attr("award.name"), 35),
    Column(_("Loại hình khen thưởng"), attr("commendation_kind.name"), 25),
    Column(_("Kết quả xét điều kiện"), _outcome_label, 16),
    Column(_("Tiêu chí chưa đạt, cần lưu ý"), _unmet, 50),
    Column(_("Phiếu đồng ý"), _vote, 12),
    Column(_("Tỷ lệ (%)"), lambda line: _item(line).percent if _vote(line) else "", 10),
    Column(_("Kết quả biểu quyết"), _vote_result, 14),
    Column(_("Trạng thái"), attr("get_status_display"), 28),
    Column(_("Số quyết định"), _decision("number"), 18),
    Column(_("Ngày quyết định"), _decision("date"), 14),
    Column(_("Cấp quyết định"), _decision("issuer"), 35),
])


def _record_name(row) -> str:
    return row.person.full_name if row.person_id else row.unit.name


def _record_unit(row) -> str:
    unit = row.person.unit if row.person_id else row.unit
    return unit.name if unit else ""


def _record_agency(row) -> str:
    unit = row.person.unit if row.person_id else row.unit
    return unit.agency.name if unit else ""


RECORDS = ExportSpec(title=_("Tra cứu khen thưởng"), filename="tra-cuu-khen-thuong", columns=[
    Column(_("Năm"), attr("year"), 8),
    Column(_("Cá nhân, tập thể"), _record_name, 30),
    Column(_("Ngày sinh"), lambda row: row.person.birth_date if row.person_id else "", 12),
    Column(_("Đơn vị"), _record_unit, 35),
    Column(_("Cơ quan"), _record_agency, 35),
    Column(_("Danh hiệu, hình thức"), attr("award.name"), 35),
    Column(_("Số quyết định"), attr("decision_number"), 18),
    Column(_("Ngày quyết định"), attr("decision_date"), 14),
    Column(_("Cấp quyết định"), attr("issuer"), 30),
    Column(_("Bị hủy bỏ ngày"), attr("annulled_on"), 14),
])
