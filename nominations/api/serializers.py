"""What the API prints of each object: plain fields, codes beside labels, dates as ISO 8601."""

from __future__ import annotations

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Agency, Unit

from ..models import Award, CommendationKind, Cycle, Dossier, Line, OutcomeDocument, PastAward


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


__all__ = ["CycleSerializer", "DecisionDetailSerializer", "DecisionSerializer", "DossierDetailSerializer",
           "DossierSerializer", "RegistryRowSerializer"]
