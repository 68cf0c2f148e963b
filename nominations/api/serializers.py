"""What the API prints of each object: plain fields, codes beside labels, dates as ISO 8601."""

from __future__ import annotations

import base64
import binascii

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Agency, Unit, User
from accounts.roles import PERM_HEAD_UNIT, PERM_SECRETARIAT
from accounts.scope import objects_with_perms
from workflow.documents.models import DocumentStatus

from ..models import (
    AnswerStatus,
    AttachmentKind,
    Award,
    CommendationKind,
    Cycle,
    Dossier,
    Line,
    OutcomeDocument,
    PastAward,
    ReportReference,
)
from ..selectors.dossiers import cycles_for_user
from ..selectors.submissions import SUBMISSION_STATES, submission_state
from ..uploads import max_upload_bytes


class ProblemSerializer(serializers.Serializer):
    """RFC 9457 problem details, as ``errors.problem`` writes them."""

    type = serializers.CharField(default="about:blank")
    title = serializers.CharField()
    status = serializers.IntegerField()
    detail = serializers.CharField()
    instance = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["code", "name"]


class UnitSerializer(serializers.ModelSerializer):
    class Meta:
        model = Unit
        fields = ["id", "code", "name"]


class AwardSerializer(serializers.ModelSerializer):
    class Meta:
        model = Award
        fields = ["code", "name"]


class KindSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommendationKind
        fields = ["code", "name"]


class RegistryRowSerializer(serializers.ModelSerializer):
    """A row of the awards registry (sổ khen thưởng), as the Tra cứu khen thưởng page lists it."""

    holder = serializers.SerializerMethodField()
    holder_kind = serializers.SerializerMethodField()
    agency = serializers.SerializerMethodField()
    award = AwardSerializer()
    title = serializers.SerializerMethodField()
    annulled = serializers.SerializerMethodField()

    class Meta:
        model = PastAward
        fields = ["id", "holder_kind", "holder", "agency", "award", "title", "year", "decision_number",
                  "decision_date", "issuer", "annulled"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_holder(self, row: PastAward) -> str:
        return row.printed_name or (row.person.full_name if row.person_id else row.unit.name)

    @extend_schema_field(serializers.ChoiceField(choices=["person", "unit"]))
    def get_holder_kind(self, row: PastAward) -> str:
        return "person" if row.person_id else "unit"

    @extend_schema_field(AgencySerializer(allow_null=True))
    def get_agency(self, row: PastAward) -> dict | None:
        unit = row.person.unit if row.person_id else row.unit
        return AgencySerializer(unit.agency).data if unit is not None else None

    @extend_schema_field(OpenApiTypes.STR)
    def get_title(self, row: PastAward) -> str:
        return row.printed_title or row.award.name

    @extend_schema_field(OpenApiTypes.BOOL)
    def get_annulled(self, row: PastAward) -> bool:
        return row.annulled_by_id is not None


class CycleSerializer(serializers.ModelSerializer):
    agency = AgencySerializer()
    kind = KindSerializer()

    class Meta:
        model = Cycle
        fields = ["id", "agency", "year", "name", "kind", "nominations_due", "council_date", "is_open"]


class LineSerializer(serializers.ModelSerializer):
    nominee = serializers.SerializerMethodField()
    nominee_kind = serializers.SerializerMethodField()
    award = AwardSerializer()
    status_label = serializers.CharField(source="get_status_display")

    class Meta:
        model = Line
        fields = ["id", "nominee_kind", "nominee", "award", "status", "status_label", "decision_number",
                  "decision_date"]

    @extend_schema_field(OpenApiTypes.STR)
    def get_nominee(self, line: Line) -> str:
        return line.person.full_name if line.person_id else line.unit.name

    @extend_schema_field(serializers.ChoiceField(choices=["person", "unit"]))
    def get_nominee_kind(self, line: Line) -> str:
        return "person" if line.person_id else "unit"


class DossierSerializer(serializers.ModelSerializer):
    cycle = serializers.PrimaryKeyRelatedField(read_only=True)
    agency = AgencySerializer(source="cycle.agency")
    unit = UnitSerializer()
    status_label = serializers.CharField(source="get_status_display")
    line_count = serializers.IntegerField()
    rounds = serializers.IntegerField(source="round_count")

    class Meta:
        model = Dossier
        fields = ["id", "cycle", "agency", "unit", "status", "status_label", "line_count", "rounds", "created_at"]


class DossierDetailSerializer(DossierSerializer):
    """A dossier and the lines the caller may read of it (as sent, outside the unit)."""

    lines = serializers.SerializerMethodField()

    class Meta(DossierSerializer.Meta):
        fields = [*DossierSerializer.Meta.fields, "lines"]

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, dossier: Dossier) -> list[dict]:
        return LineSerializer(self.context["lines"], many=True).data


class DecisionSerializer(serializers.ModelSerializer):
    """An issued Quyết định khen thưởng: its number, date, signer's title, lines and the PDF's address."""

    number = serializers.CharField(source="document.number_text")
    summary = serializers.CharField(source="document.summary")
    signed_at = serializers.DateTimeField(source="document.signed_at")
    agency = AgencySerializer(source="document.agency")
    award = AwardSerializer(allow_null=True)
    cycle = serializers.IntegerField(source="session.cycle_id")
    pdf = serializers.SerializerMethodField()
    pdf_sha256 = serializers.CharField(source="document.pdf_sha256")

    class Meta:
        model = OutcomeDocument
        fields = ["id", "number", "summary", "signed_at", "agency", "award", "cycle", "pdf", "pdf_sha256"]

    @extend_schema_field(OpenApiTypes.URI)
    def get_pdf(self, outcome: OutcomeDocument) -> str:
        path = reverse("api:decision-pdf", kwargs={"pk": outcome.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class DecisionDetailSerializer(DecisionSerializer):
    lines = LineSerializer(many=True)

    class Meta(DecisionSerializer.Meta):
        fields = [*DecisionSerializer.Meta.fields, "lines"]


class SubmissionSerializer(serializers.ModelSerializer):
    """A Tờ trình đề nghị cấp trên khen thưởng sent to Sở Nội vụ: its number, state, answers counted, the PDF."""

    number = serializers.CharField(source="document.number_text")
    summary = serializers.CharField(source="document.summary")
    document_status = serializers.CharField(source="document.status")
    signed_at = serializers.DateTimeField(source="document.signed_at")
    agency = AgencySerializer(source="document.agency")
    cycle = serializers.IntegerField(source="session.cycle_id")
    status = serializers.SerializerMethodField()
    status_label = serializers.SerializerMethodField()
    answers = serializers.SerializerMethodField()
    pdf = serializers.SerializerMethodField()
    pdf_sha256 = serializers.CharField(source="document.pdf_sha256")

    class Meta:
        model = OutcomeDocument
        fields = ["id", "number", "summary", "document_status", "signed_at", "agency", "cycle", "status",
                  "status_label", "answers", "pdf", "pdf_sha256"]

    @staticmethod
    def _counts(outcome: OutcomeDocument) -> dict[str, int]:
        return {status: getattr(outcome, f"{status}_count", 0) for status in AnswerStatus.values}

    @extend_schema_field(serializers.ChoiceField(choices=list(SUBMISSION_STATES)))
    def get_status(self, outcome: OutcomeDocument) -> str:
        return submission_state(outcome.document.status, self._counts(outcome))

    @extend_schema_field(OpenApiTypes.STR)
    def get_status_label(self, outcome: OutcomeDocument) -> str:
        return str(SUBMISSION_STATES[self.get_status(outcome)])

    @extend_schema_field({"type": "object", "description": "Số dòng theo ý kiến của Sở Nội vụ.",
                          "properties": {status: {"type": "integer"} for status in AnswerStatus.values}})
    def get_answers(self, outcome: OutcomeDocument) -> dict[str, int]:
        return self._counts(outcome)

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf(self, outcome: OutcomeDocument) -> str | None:
        if outcome.document.status != DocumentStatus.READY or not outcome.document.pdf:
            return None
        path = reverse("api:submission-pdf", kwargs={"pk": outcome.pk})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class SubmissionLineSerializer(LineSerializer):
    """A line of the Tờ trình with Sở Nội vụ's answer to it."""

    answer = serializers.CharField(source="home_affairs_answer.status")
    answer_label = serializers.CharField(source="home_affairs_answer.get_status_display")
    reason = serializers.CharField(source="home_affairs_answer.reason")
    rounds = serializers.IntegerField(source="home_affairs_answer.rounds")
    provincial_decision_number = serializers.CharField(source="home_affairs_answer.decision_number")
    provincial_decision_date = serializers.DateField(source="home_affairs_answer.decision_date")

    class Meta(LineSerializer.Meta):
        fields = [*LineSerializer.Meta.fields, "answer", "answer_label", "reason", "rounds",
                  "provincial_decision_number", "provincial_decision_date"]


class SubmissionDetailSerializer(SubmissionSerializer):
    lines = serializers.SerializerMethodField()

    class Meta(SubmissionSerializer.Meta):
        fields = [*SubmissionSerializer.Meta.fields, "lines"]

    @extend_schema_field(SubmissionLineSerializer(many=True))
    def get_lines(self, outcome: OutcomeDocument) -> list[dict]:
        lines = [answer.line for answer in outcome.answers.all()]
        return SubmissionLineSerializer(lines, many=True).data


class PersonSerializer(serializers.ModelSerializer):
    unit = UnitSerializer()
    agency = AgencySerializer(source="unit.agency", allow_null=True)

    class Meta:
        model = User
        fields = ["id", "full_name", "position_title", "birth_date", "unit", "agency"]


class UnitDetailSerializer(serializers.ModelSerializer):
    agency = AgencySerializer()
    kind_label = serializers.CharField(source="get_kind_display")

    class Meta:
        model = Unit
        fields = ["id", "code", "name", "kind", "kind_label", "agency"]


# ----- what Sở Nội vụ's system sends ----------------------------------------------------------------------------

class AnswerInSerializer(serializers.Serializer):
    """Sở Nội vụ's verdict on one line, as the officer gives it on the review page."""

    line = serializers.IntegerField(help_text="Mã số (id) dòng của tờ trình.")
    status = serializers.ChoiceField(choices=[AnswerStatus.ACCEPTED, AnswerStatus.RETURNED, AnswerStatus.REJECTED],
                                     help_text="accepted: có quyết định của tỉnh; returned: trả lại để bổ sung; "
                                               "rejected: không khen thưởng.")
    decision_number = serializers.CharField(required=False, allow_blank=True, max_length=200,
                                            help_text="Số quyết định khen thưởng của tỉnh (khi accepted).")
    decision_date = serializers.DateField(required=False, allow_null=True,
                                          help_text="Ngày quyết định (khi accepted), YYYY-MM-DD.")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=5000,
                                   help_text="Lý do (bắt buộc khi returned hoặc rejected).")


class SubmissionAnswerSerializer(serializers.Serializer):
    """Sở Nội vụ's answer to every line waiting for it, sent whole."""

    answers = AnswerInSerializer(many=True, allow_empty=False, max_length=1000)

    def validate_answers(self, value: list[dict]) -> list[dict]:
        lines = [answer["line"] for answer in value]
        if len(set(lines)) != len(lines):
            raise serializers.ValidationError(_("Mỗi dòng của tờ trình chỉ được trả lời một lần."))
        return value


# ----- what a unit's system sends ---------------------------------------------------------------------------

def _headed_units(user: User):
    return objects_with_perms(user, [PERM_HEAD_UNIT], Unit)


UNKNOWN = {"does_not_exist": _("Không có mã số {pk_value} trong phạm vi của hệ thống."),
           "incorrect_type": _("Mã số phải là số nguyên.")}


@extend_schema_field(OpenApiTypes.INT)
class ScopedKey(serializers.PrimaryKeyRelatedField):
    """An id among what the caller's service account may name (``scope(user)``): any other id is unknown, as a missing
    one, and never answered with another unit's names."""

    def __init__(self, scope, **kwargs):
        self.scope = scope
        super().__init__(error_messages=UNKNOWN, **kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return self.scope(request.user) if request is not None else self.scope(None)


def _unit_people(user):
    return User.objects.filter(unit__in=_headed_units(user).values("pk")) if user else User.objects.none()


def _units(user):
    return _headed_units(user) if user else Unit.objects.none()


def _open_cycles(user):
    return cycles_for_user(user).filter(is_open=True) if user else Cycle.objects.none()


class LineInSerializer(serializers.Serializer):
    """A proposal: ``person`` (a person of the unit) or ``unit`` (the unit itself), by id."""

    person = ScopedKey(_unit_people, required=False, allow_null=True)
    unit = ScopedKey(_units, required=False, allow_null=True)
    award = serializers.SlugRelatedField(slug_field="code", queryset=Award.objects.all(), error_messages={
        "does_not_exist": _("Không có danh hiệu mã {value}.")})
    commendation_kind = serializers.SlugRelatedField(slug_field="code", queryset=CommendationKind.objects.all(),
                                                     error_messages={"does_not_exist": _(
                                                         "Không có loại hình khen thưởng mã {value}.")})
    achievements = serializers.CharField(max_length=5000)
    report = serializers.CharField(required=False, allow_blank=True, max_length=50000,
                                   help_text="Báo cáo thành tích; gửi kèm thì được xác nhận ngay như trưởng đơn vị.")


class FileInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AttachmentKind.choices)
    filename = serializers.CharField(max_length=200)
    content = serializers.CharField(help_text="Nội dung tệp, mã hóa base64.")
    line = serializers.IntegerField(min_value=0, required=False, allow_null=True,
                                    help_text="Số thứ tự (từ 0) của dòng trong “lines” mà tệp thuộc về.")

    def validate_content(self, value: str) -> bytes:
        if len(value) > max_upload_bytes() * 4 // 3 + 4:  # attachment_add checks the decoded size itself
            raise serializers.ValidationError(_("Tệp quá lớn."))
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(_("Nội dung tệp phải mã hóa base64.")) from None


class DossierSubmitSerializer(serializers.Serializer):
    """A unit's dossier for a cycle, sent whole: its lines, their reports and its files."""

    cycle = ScopedKey(_open_cycles)
    unit = ScopedKey(_units)
    lines = LineInSerializer(many=True, allow_empty=False, max_length=500)
    files = FileInSerializer(many=True, required=False, max_length=100)


# ----- what the e-office system registers ----------------------------------------------------------------------

def _secretariat_agencies(user):
    return objects_with_perms(user, [PERM_SECRETARIAT], Agency) if user else Agency.objects.none()


class ReportRequestInSerializer(serializers.Serializer):
    """A received request for the year's report (văn bản đến), by its fields or as the edXML package received."""

    agency = ScopedKey(_secretariat_agencies, help_text="Mã số (id) cơ quan nhận văn bản (tài khoản dịch vụ là "
                                                        "thường trực thi đua – khen thưởng của cơ quan).")
    year = serializers.IntegerField(min_value=2000, max_value=2100, help_text="Năm được đề nghị báo cáo.")
    package = serializers.CharField(required=False, help_text="Gói tin edXML nhận được (QCVN 102:2016/BTTTT), mã "
                                    "hóa base64; khi có thì các trường dưới đây lấy từ gói tin.")
    kind = serializers.CharField(required=False, allow_blank=True, max_length=60, help_text="Loại văn bản, ví dụ "
                                 "Công văn.")
    number = serializers.CharField(required=False, allow_blank=True, max_length=60, help_text="Số, ký hiệu.")
    date = serializers.DateField(required=False, allow_null=True, help_text="Ngày ban hành, YYYY-MM-DD.")
    issuer = serializers.CharField(required=False, allow_blank=True, max_length=200, help_text="Cơ quan ban hành.")
    summary = serializers.CharField(required=False, allow_blank=True, max_length=500, help_text="Trích yếu.")

    def validate_package(self, value: str) -> bytes:
        if len(value) > max_upload_bytes() * 4 // 3 + 4:
            raise serializers.ValidationError(_("Tệp quá lớn."))
        try:
            return base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError):
            raise serializers.ValidationError(_("Nội dung tệp phải mã hóa base64.")) from None


class ReportRequestSerializer(serializers.ModelSerializer):
    # Declared, not derived from the model: a PositiveSmallIntegerField's bound is the database's (32767 on
    # PostgreSQL, none on SQLite), and the committed schema must be one.
    year = serializers.IntegerField(read_only=True, help_text="Năm báo cáo.")
    citation = serializers.CharField(read_only=True, help_text="Cách báo cáo dẫn văn bản.")

    class Meta:
        model = ReportReference
        fields = ["id", "agency", "year", "kind", "number", "date", "issuer", "summary", "citation"]


__all__ = ["AnswerInSerializer", "CycleSerializer", "DecisionDetailSerializer", "DecisionSerializer",
           "DossierDetailSerializer", "DossierSerializer", "DossierSubmitSerializer", "PersonSerializer",
           "RegistryRowSerializer", "ReportRequestInSerializer", "ReportRequestSerializer",
           "SubmissionAnswerSerializer", "SubmissionDetailSerializer", "SubmissionSerializer", "UnitDetailSerializer"]
