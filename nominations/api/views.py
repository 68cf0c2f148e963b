"""The read endpoints of API v1. Each reads through the selector its page uses, as the client's service account:
a list shows only what that account may read (nothing at all outside its scope), a detail answers 404 alike for
a missing object and a forbidden one.

Reads are not written to the audit log (see README "API"): they change nothing, the pages' reads are not logged
either, and each event takes the log's one chain lock; every call is logged to ``api.access`` with the client's
name, and the client's ``last_used_at`` is kept. Writes are audited by the services they call, with the service
account (named after the client) as the actor.
"""

from __future__ import annotations

import io
import time

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.models import User
from accounts.selectors import people_in_scope, units_in_scope
from workflow.documents.edxml import EdxmlError, document_edxml, package_filename
from workflow.documents.models import DocumentStatus
from workflow.documents.selectors import documents_for_user

from .. import edxml_import
from ..forms.records import RecordSearchForm
from ..models import OutcomeDocument, OutcomeDocumentKind, PastAward, ReportReference
from ..processes import dossier as dossier_processes
from ..processes import home_affairs as home_affairs_processes
from ..selectors.dossiers import cycles_for_user, dossiers_for_user, lines_for_user
from ..selectors.records import registry_scope, search_agencies, search_registry, search_units
from ..selectors.submissions import submissions_with_answers
from ..services import report as report_services
from ..services.submissions import home_affairs_may_answer
from . import serializers
from .authentication import access_log
from .errors import PROBLEM_JSON, Conflict

PROBLEM = OpenApiResponse(serializers.ProblemSerializer, description="RFC 9457 problem details.")
ERRORS = {(401, PROBLEM_JSON): PROBLEM, (404, PROBLEM_JSON): PROBLEM, (429, PROBLEM_JSON): PROBLEM}
INVALID = {(400, PROBLEM_JSON): PROBLEM}
LANGUAGES = ("vi", "en")


class ApiViewMixin:
    """The conventions every API view shares: the caller's language from ``Accept-Language`` (Vietnamese unless
    English is asked for; the site's own cookie is ignored: a system has none), the access log line."""

    def initial(self, request, *args, **kwargs):
        self._started = time.monotonic()
        translation.activate(_language(request))
        super().initial(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        if not hasattr(self, "_started"):  # refused before initial() (an unknown method)
            self._started = time.monotonic()
            translation.activate(_language(request))
        if isinstance(response, Response) and response.content_type == PROBLEM_JSON:
            # A problem is JSON whatever the route renders otherwise (the schema's YAML)
            request.accepted_renderer, request.accepted_media_type = JSONRenderer(), PROBLEM_JSON
        response = super().finalize_response(request, response, *args, **kwargs)
        response.headers["Content-Language"] = translation.get_language()
        client = getattr(request, "auth", None)
        access_log.info("%s %s %s %s %.0fms", getattr(client, "name", "-"), request.method, request.path,
                        response.status_code, (time.monotonic() - self._started) * 1000)
        return response


def _language(request) -> str:
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for part in header.split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return "vi"


REGISTRY_PARAMETERS = [
    OpenApiParameter("ten", str, description="Họ và tên, tên tập thể (có dấu hoặc không dấu), mỗi từ là đầu một từ."),
    OpenApiParameter("nam_sinh", int, description="Năm sinh của cá nhân."),
    OpenApiParameter("co_quan", int, description="Mã số (id) cơ quan trong phạm vi."),
    OpenApiParameter("don_vi", int, description="Mã số (id) đơn vị trong phạm vi."),
    OpenApiParameter("danh_hieu", int, description="Mã số (id) danh hiệu, hình thức khen thưởng."),
    OpenApiParameter("tu_nam", int, description="Từ năm."),
    OpenApiParameter("den_nam", int, description="Đến năm."),
    OpenApiParameter("so_quyet_dinh", str, description="Phần đầu của số quyết định, ví dụ 123/QĐ."),
]


@extend_schema_view(list=extend_schema(
    summary="Tra cứu sổ khen thưởng", parameters=REGISTRY_PARAMETERS, responses={
        200: serializers.RegistryRowSerializer(many=True), **INVALID, **ERRORS},
    description="Sổ khen thưởng của các cơ quan, đơn vị trong phạm vi tài khoản dịch vụ, mới nhất trước; tìm như "
                "trang Tra cứu khen thưởng (cùng tham số)."))
class RegistryViewSet(ApiViewMixin, viewsets.GenericViewSet):
    serializer_class = serializers.RegistryRowSerializer
    queryset = PastAward.objects.none()  # for the schema; rows come from search_registry

    def list(self, request):
        units = registry_scope(request.user)
        form = RecordSearchForm(request.query_params, agencies=search_agencies(request.user, units),
                                units=search_units(request.user, units))
        if not form.is_valid():
            raise ValidationError({field: [str(message) for message in messages]
                                   for field, messages in form.errors.items()})
        found = search_registry(request.user, form.query(), units=units)
        self.count = found.count
        page = self.paginate_queryset(found.rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


@extend_schema_view(
    list=extend_schema(summary="Đợt xét khen thưởng", description="Các đợt xét của cơ quan trong phạm vi.", responses={
        200: serializers.CycleSerializer(many=True), **INVALID, **ERRORS}),
    retrieve=extend_schema(summary="Một đợt xét", description="404 nếu không có hoặc ngoài phạm vi.",
                           responses={200: serializers.CycleSerializer, **ERRORS}),
)
class CycleViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.CycleSerializer

    def get_queryset(self):
        return cycles_for_user(self.request.user).select_related("kind").order_by("-year", "agency__code", "pk")


@extend_schema_view(
    list=extend_schema(summary="Hồ sơ đề nghị và trạng thái", description="Hồ sơ trong phạm vi, kèm số dòng đề nghị "
                       "được xem (ngoài đơn vị: những gì đơn vị đã gửi).", responses={
        200: serializers.DossierSerializer(many=True), **INVALID, **ERRORS}),
    create=extend_schema(
        summary="Đơn vị nộp hồ sơ đề nghị", description="Hệ thống của đơn vị nộp hồ sơ của đơn vị cho một đợt xét "
        "đang mở, như trưởng đơn vị nộp trên trang: các dòng, báo cáo thành tích (được xác nhận), tệp đính kèm; qua "
        "cùng điều kiện nộp. Tài khoản dịch vụ phải giữ vai trò Trưởng đơn vị. Bị từ chối thì không ghi gì.",
        request=serializers.DossierSubmitSerializer,
        responses={201: serializers.DossierDetailSerializer, **INVALID, (403, PROBLEM_JSON): PROBLEM, **ERRORS}),
    retrieve=extend_schema(summary="Một hồ sơ đề nghị và các dòng đề nghị",
                           description="404 nếu không có hoặc ngoài phạm vi.",
                           responses={200: serializers.DossierDetailSerializer, **ERRORS}),
)
class DossierViewSet(ApiViewMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return dossiers_for_user(self.request.user).order_by("-cycle__year", "cycle_id", "unit__position", "pk")

    def get_serializer_class(self):
        if self.action == "create":
            return serializers.DossierSubmitSerializer
        return serializers.DossierDetailSerializer if self.action == "retrieve" else serializers.DossierSerializer

    def create(self, request, *args, **kwargs):
        """A unit's system submits its dossier: ``processes.dossier.dossier_submit_from_system``, as its head would."""
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            dossier = dossier_processes.dossier_submit_from_system(
                actor=request.user, cycle=data["cycle"], unit=data["unit"],
                lines=[dossier_processes.LineDraft(
                    award=line["award"], commendation_kind=line["commendation_kind"],
                    achievements=line["achievements"], person=line.get("person"), unit=line.get("unit"),
                    report=line.get("report", "")) for line in data["lines"]],
                files=[dossier_processes.FileDraft(kind=f["kind"], filename=f["filename"], content=f["content"],
                                                   line=f.get("line")) for f in data.get("files", [])])
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        self.kwargs["pk"] = dossier.pk
        self.action = "retrieve"
        body = serializers.DossierDetailSerializer(self.get_object(), context=self.get_serializer_context()).data
        return Response(body, status=201, headers={"Location": request.build_absolute_uri(
            reverse("api:dossier-detail", kwargs={"pk": dossier.pk}))})

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if self.action == "retrieve" and "pk" in self.kwargs:  # (create answers with the dossier as retrieved)
            context["lines"] = (lines_for_user(self.request.user).filter(dossier_id=self.kwargs["pk"])
                                .select_related("person", "unit", "award").order_by("position", "pk"))
        return context


def decisions_for_user(user):
    """Issued Quyết định khen thưởng the caller may read (the register's own rule, ``documents_for_user``)."""
    return (OutcomeDocument.objects
            .filter(kind=OutcomeDocumentKind.DECISION, document__status=DocumentStatus.READY,
                    document__in=documents_for_user(user).values("pk"))
            .select_related("document__agency", "award", "session")
            .order_by("-document__signed_at", "-pk"))


@extend_schema_view(
    list=extend_schema(summary="Quyết định khen thưởng đã ban hành",
                       description="Quyết định đã ký, cấp số, có tệp PDF, mà tài khoản dịch vụ được đọc.", responses={
        200: serializers.DecisionSerializer(many=True), **INVALID, **ERRORS}),
    retrieve=extend_schema(summary="Một quyết định và các dòng được khen thưởng",
                           description="404 nếu không có hoặc ngoài phạm vi.",
                           responses={200: serializers.DecisionDetailSerializer, **ERRORS}),
)
class DecisionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        queryset = decisions_for_user(self.request.user)
        if self.action != "list":
            queryset = queryset.prefetch_related("lines__person", "lines__unit", "lines__award")
        return queryset

    def get_serializer_class(self):
        return serializers.DecisionDetailSerializer if self.action == "retrieve" else serializers.DecisionSerializer

    @extend_schema(summary="Tệp PDF của quyết định", description="Bản PDF đã ban hành (tệp đính kèm).", responses={
        (200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS})
    @action(detail=True, url_path="pdf", url_name="pdf")
    def pdf(self, request, pk=None):
        outcome = self.get_object()
        document = outcome.document
        if not document.pdf:
            raise Http404
        return FileResponse(document.pdf.open("rb"), as_attachment=True, content_type="application/pdf",
                            filename=f"{document.number_text or document.pk}.pdf".replace("/", "-"))

    @extend_schema(
        summary="Gói tin văn bản điện tử (edXML) của quyết định",
        description="Quyết định đã ban hành dưới dạng gói tin edXML theo QCVN 102:2016/BTTTT (Sửa đổi 1:2022), "
                    "bản PDF là tệp đính kèm trong gói, để hệ thống quản lý văn bản và điều hành gửi đi. "
                    "409 nếu cơ quan ban hành hoặc cơ quan nhận chưa có mã định danh điện tử "
                    "(Quyết định 20/2020/QĐ-TTg).",
        responses={(200, "application/xml"): OpenApiTypes.BINARY, (409, PROBLEM_JSON): PROBLEM, **ERRORS})
    @action(detail=True, url_path="edxml", url_name="edxml-download")
    def edxml(self, request, pk=None):
        outcome = self.get_object()
        document = outcome.document
        if not document.pdf:
            raise Http404
        try:
            package = document_edxml(document)
        except EdxmlError as exc:
            raise Conflict(str(exc)) from None
        return FileResponse(io.BytesIO(package), as_attachment=True, content_type="application/xml",
                            filename=package_filename(document))


def _pdf(document):
    if document.status != DocumentStatus.READY or not document.pdf:
        raise Http404
    return FileResponse(document.pdf.open("rb"), as_attachment=True, content_type="application/pdf",
                        filename=f"{document.number_text or document.pk}.pdf".replace("/", "-"))


@extend_schema_view(
    list=extend_schema(summary="Tờ trình đề nghị khen thưởng gửi Sở Nội vụ", description="Tờ trình mà tài khoản dịch "
                       "vụ được đọc: của cơ quan mình (lãnh đạo, thường trực, hội đồng, kiểm tra), hoặc đã ban hành và "
                       "gửi tới Sở Nội vụ của tỉnh; kèm trạng thái và số dòng theo ý kiến của Sở Nội vụ.", responses={
        200: serializers.SubmissionSerializer(many=True), **INVALID, **ERRORS}),
    retrieve=extend_schema(summary="Một tờ trình, các dòng và ý kiến của Sở Nội vụ về từng dòng",
                           description="404 nếu không có hoặc ngoài phạm vi.",
                           responses={200: serializers.SubmissionDetailSerializer, **ERRORS}),
)
class SubmissionViewSet(ApiViewMixin, viewsets.ReadOnlyModelViewSet):
    def get_queryset(self):
        return submissions_with_answers(self.request.user, lines=self.action != "list")

    def get_serializer_class(self):
        return serializers.SubmissionSerializer if self.action == "list" else serializers.SubmissionDetailSerializer

    @extend_schema(summary="Tệp PDF của tờ trình", description="Bản PDF đã ban hành; 404 khi tờ trình chưa ban hành.",
                   responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS})
    @action(detail=True, url_path="pdf", url_name="pdf")
    def pdf(self, request, pk=None):
        return _pdf(self.get_object().document)

    @extend_schema(
        summary="Sở Nội vụ trả lời tờ trình", request=serializers.SubmissionAnswerSerializer,
        description="Hệ thống của Sở Nội vụ ghi ý kiến về mọi dòng đang chờ, như cán bộ Sở Nội vụ trên trang thẩm "
                    "định: tiếp nhận (số và ngày quyết định của tỉnh; dòng vào sổ khen thưởng), trả lại để bổ sung "
                    "hoặc không khen thưởng (kèm lý do). Tài khoản dịch vụ phải giữ vai trò Sở Nội vụ của tỉnh (403 "
                    "nếu đọc được tờ trình mà không giữ vai trò); 409 khi tờ trình không chờ ý kiến hoặc một cán bộ "
                    "đang thẩm định trên trang. Bị từ chối thì không ghi gì.",
        responses={200: serializers.SubmissionDetailSerializer, **INVALID, (403, PROBLEM_JSON): PROBLEM,
                   (409, PROBLEM_JSON): PROBLEM, **ERRORS})
    @action(detail=True, methods=["post"], url_path="answer", url_name="answer")
    def answer(self, request, pk=None):
        """``processes.home_affairs.submission_answer_from_system``: the review task, as the officer runs it."""
        submission = self.get_object()
        if not home_affairs_may_answer(request.user, submission):
            raise PermissionDenied(_("Chỉ hệ thống của Sở Nội vụ được trả lời tờ trình."))
        incoming = serializers.SubmissionAnswerSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        answers = {given["line"]: {"status": given["status"], "decision_number": given.get("decision_number", ""),
                                   "decision_date": given.get("decision_date"), "reason": given.get("reason", "")}
                   for given in incoming.validated_data["answers"]}
        try:
            home_affairs_processes.submission_answer_from_system(actor=request.user, submission=submission,
                                                                 answers=answers)
        except home_affairs_processes.NotAwaitingAnswer as exc:
            raise Conflict(" ".join(exc.messages)) from None
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        return Response(serializers.SubmissionDetailSerializer(
            self.get_object(), context=self.get_serializer_context()).data)


@extend_schema_view(list=extend_schema(
    summary="Đơn vị trong phạm vi", description="Các đơn vị mà tài khoản dịch vụ được xem (trưởng đơn vị: đơn vị "
    "mình; lãnh đạo, thường trực: mọi đơn vị của cơ quan).", responses={
        200: serializers.UnitDetailSerializer(many=True), **INVALID, **ERRORS}))
class UnitViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.UnitDetailSerializer

    def get_queryset(self):
        return units_in_scope(self.request.user).order_by("agency__code", "position", "name", "pk")


@extend_schema_view(list=extend_schema(
    summary="Cán bộ trong phạm vi", parameters=[
        OpenApiParameter("ten", str, description="Họ và tên (có dấu hoặc không dấu), mỗi từ phải có trong tên."),
        OpenApiParameter("don_vi", int, description="Mã số (id) đơn vị trong phạm vi.")],
    description="Cán bộ đang làm việc ở các đơn vị mà tài khoản dịch vụ được xem, theo thứ tự tên; tìm tên như "
                "các trang (không phân biệt dấu, hoa thường).",
    responses={200: serializers.PersonSerializer(many=True), **INVALID, **ERRORS}))
class PersonViewSet(ApiViewMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.PersonSerializer
    queryset = User.objects.none()  # for the schema; rows come from people_in_scope

    def get_queryset(self):
        people = people_in_scope(self.request.user).filter(is_active=True, unit__isnull=False)
        name = self.request.query_params.get("ten", "").strip()
        if len(name) > 150:  # noqa: PLR2004 - a name's length
            raise ValidationError({"ten": [_("Tên tìm kiếm dài quá 150 ký tự.")]})
        if name:
            people = people.search(name)
        unit = self.request.query_params.get("don_vi", "").strip()
        if unit:
            if not unit.isdigit():
                raise ValidationError({"don_vi": [_("Mã số phải là số nguyên.")]})
            people = people.filter(unit_id=int(unit))
        return people.select_related("unit__agency").alphabetical()


@extend_schema_view(create=extend_schema(
    summary="Văn bản đến: đề nghị báo cáo công tác thi đua, khen thưởng năm",
    description="Hệ thống quản lý văn bản của cơ quan ghi văn bản đến (Công văn của Sở Nội vụ đề nghị báo cáo năm) "
                "vào các văn bản dẫn của báo cáo năm, như thường trực ghi trên trang báo cáo "
                "(services.report.report_request_receive): được ghi cả trước khi báo cáo năm được mở; báo cáo đã ký "
                "thì không nhận. Gửi các trường, hoặc gói tin edXML nhận được (base64) để lấy các trường từ gói "
                "tin. Tài khoản dịch vụ phải là thường trực của cơ quan; sai hoặc trùng: 400, không ghi gì.",
    responses={201: serializers.ReportRequestSerializer, **INVALID, **ERRORS}))
class ReportRequestViewSet(ApiViewMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.ReportRequestInSerializer
    queryset = ReportReference.objects.none()  # for the schema; nothing is read here

    def create(self, request, *args, **kwargs):
        incoming = self.get_serializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        try:
            if data.get("package"):
                fields = edxml_import.package_fields(agency=data["agency"], year=data["year"], data=data["package"])
                fields.pop("role")
            else:
                fields = {name: data.get(name) for name in ("kind", "number", "date", "issuer", "summary")}
            reference = report_services.report_request_receive(actor=request.user, agency=data["agency"],
                                                               year=data["year"], **fields)
        except DjangoValidationError as exc:
            raise ValidationError({"non_field_errors": exc.messages}) from None
        return Response(serializers.ReportRequestSerializer(reference).data, status=201)


__all__ = ["PROBLEM_JSON", "CycleViewSet", "DecisionViewSet", "DossierViewSet", "PersonViewSet", "RegistryViewSet",
           "ReportRequestViewSet", "SubmissionViewSet", "UnitViewSet"]
