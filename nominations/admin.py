"""The catalogue, rule sets and registries in the Django admin, every change kept in history."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import (
    Award,
    BaseSalary,
    CommendationKind,
    CouncilVoteRule,
    Cycle,
    Discipline,
    Initiative,
    LegalText,
    PastAward,
    PersonYearRecord,
    PositionRecord,
    RequiredConsultation,
    RequiredPaper,
    RuleSet,
    ServiceAwardRule,
    ServiceRecord,
    TitleCriterion,
    TitleRule,
    UnitYearRecord,
)
from .models.cycles import DEFAULT_KIND_CODE


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "nominee_kind", "level", "authority", "is_active"]
    list_filter = ["kind", "nominee_kind", "level", "authority", "is_active"]
    search_fields = ["code", "name", "short_name"]


@admin.register(CommendationKind)
class CommendationKindAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "position"]


class TitleRuleInline(admin.TabularInline):
    model = TitleRule
    extra = 0
    fields = ["award", "vote_method", "vote_base", "vote_threshold_pct", "vote_quorum_pct", "reward_coefficient",
              "collective_reward_coefficient"]
    show_change_link = True


@admin.register(BaseSalary)
class BaseSalaryAdmin(SimpleHistoryAdmin):
    """The mức lương cơ sở by the day it takes effect (reward money: Nghị định 152/2025/NĐ-CP, Điều 49 khoản 1)."""

    list_display = ["effective_from", "amount", "legal_basis"]
    ordering = ["-effective_from"]


@admin.register(LegalText)
class LegalTextAdmin(SimpleHistoryAdmin):
    """The texts printed in the "Căn cứ" of the Quyết định and Tờ trình, by their validity range."""

    list_display = ["kind", "number", "issued_on", "title", "in_force_from", "in_force_to", "agency", "province",
                    "printed"]
    list_filter = ["kind", "printed", "province", "agency"]
    search_fields = ["number", "title", "issuer"]
    ordering = ["in_force_from", "position"]


@admin.register(RuleSet)
class RuleSetAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "effective_from", "effective_to"]
    inlines = [TitleRuleInline]


class TitleCriterionInline(admin.TabularInline):
    model = TitleCriterion
    extra = 0
    fields = ["position", "criterion", "nominee_kind", "value", "years", "option", "article"]


class RequiredPaperInline(admin.TabularInline):
    model = RequiredPaper
    extra = 0
    fields = ["position", "name", "kind", "nominee_kind", "article"]


class RequiredConsultationInline(admin.TabularInline):
    """The bodies whose opinion (hiệp y) a line of the title must have before the chief's approval."""

    model = RequiredConsultation
    extra = 0
    fields = ["position", "body", "subject", "nominee_kind", "scope", "article"]


@admin.register(TitleRule)
class TitleRuleAdmin(SimpleHistoryAdmin):
    list_display = ["award", "rule_set", "vote_method", "vote_base", "vote_threshold_pct", "vote_quorum_pct",
                    "reward_coefficient", "collective_reward_coefficient"]
    list_filter = ["rule_set", "award"]
    inlines = [TitleCriterionInline, RequiredPaperInline, RequiredConsultationInline]


@admin.register(RequiredPaper)
class RequiredPaperAdmin(SimpleHistoryAdmin):
    """The papers a title's line must have in its dossier under a rule set (the gates check them)."""

    list_display = ["title_rule", "name", "kind", "nominee_kind", "article"]
    list_filter = ["title_rule__rule_set", "title_rule__award", "kind"]


@admin.register(TitleCriterion)
class TitleCriterionAdmin(SimpleHistoryAdmin):
    list_display = ["title_rule", "criterion", "nominee_kind", "value", "years", "option"]
    list_filter = ["title_rule__rule_set", "title_rule__award", "criterion"]


@admin.register(CouncilVoteRule)
class CouncilVoteRuleAdmin(SimpleHistoryAdmin):
    """The agency council's vote rule per title (its Quy chế); a row without agency is the default."""

    list_display = ["award", "agency", "method", "base", "comparison", "threshold_pct", "quorum_pct", "recusal"]
    list_filter = ["agency", "award", "method"]
    search_fields = ["award__name", "agency__name", "source"]


@admin.register(PastAward)
class PastAwardAdmin(SimpleHistoryAdmin):
    list_display = ["award", "year", "person", "unit", "decision_number", "decision_date", "issuer", "annulled_by",
                    "annulled_on"]
    list_filter = ["award", "year", ("annulled_by", admin.EmptyFieldListFilter)]
    search_fields = ["person__full_name", "person__username", "unit__name", "decision_number"]
    autocomplete_fields = ["person"]


@admin.register(Initiative)
class InitiativeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "scope", "decision_number", "decision_date"]
    list_filter = ["scope"]
    search_fields = ["title", "decision_number"]
    autocomplete_fields = ["authors"]


@admin.register(Discipline)
class DisciplineAdmin(SimpleHistoryAdmin):
    list_display = ["person", "level", "year", "decision_number"]
    list_filter = ["level", "year"]
    autocomplete_fields = ["person"]


@admin.register(PersonYearRecord)
class PersonYearRecordAdmin(SimpleHistoryAdmin):
    list_display = ["person", "year", "rating", "absent_days", "maternity_leave_days", "administrative_sanction"]
    list_filter = ["year", "rating"]
    autocomplete_fields = ["person"]


@admin.register(UnitYearRecord)
class UnitYearRecordAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "year", "rating"]
    list_filter = ["year", "rating"]


@admin.register(ServiceRecord)
class ServiceRecordAdmin(SimpleHistoryAdmin):
    list_display = ["person", "started_on", "female", "retires_on"]
    list_filter = ["female"]
    autocomplete_fields = ["person"]


@admin.register(PositionRecord)
class PositionRecordAdmin(SimpleHistoryAdmin):
    """The periods the cống hiến and niên hạn rules count (docs/legal-basis.md §20)."""

    list_display = ["person", "title", "level", "started_on", "ended_on"]
    list_filter = ["level"]
    search_fields = ["person__full_name", "person__username", "title"]
    autocomplete_fields = ["person"]


@admin.register(ServiceAwardRule)
class ServiceAwardRuleAdmin(SimpleHistoryAdmin):
    """Years that give an award, per loại hình, with the article that says so (docs/legal-basis.md §20)."""

    list_display = ["kind", "award", "level", "min_years", "max_years", "min_years_women", "in_force_from",
                    "in_force_to"]
    list_filter = ["kind", "level"]


@admin.register(Cycle)
class CycleAdmin(SimpleHistoryAdmin):
    """Administrators (or the secretariat on its page) open cycles; opening goes through the service."""

    list_display = ["name", "agency", "year", "kind", "nominations_due", "posting_from", "posting_to", "council_date",
                    "is_open"]
    list_filter = ["agency", "year", "kind", "is_open"]
    search_fields = ["name"]
    readonly_fields = ["created_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            obj._history_user = request.user
            obj.save()
            return
        created = services.cycle_open(
            actor=request.user, agency=obj.agency, year=obj.year, name=obj.name, nominations_due=obj.nominations_due,
            posting_from=obj.posting_from, posting_to=obj.posting_to, council_date=obj.council_date,
            posting_public=obj.posting_public, kind=obj.kind, movement=obj.movement, period_from=obj.period_from,
            period_to=obj.period_to)
        obj.pk, obj.created_by = created.pk, created.created_by

    def get_readonly_fields(self, request, obj=None):
        # The loại hình stays as opened (as on the secretariat's page): its lines, deadlines and wording follow it.
        return [*super().get_readonly_fields(request, obj), *(["kind"] if obj is not None else [])]

    def get_changeform_initial_data(self, request):
        """A new cycle is the annual review unless the administrator picks another loại hình."""
        initial = super().get_changeform_initial_data(request)
        kind = CommendationKind.objects.filter(code=DEFAULT_KIND_CODE).first()
        if kind is not None:
            initial.setdefault("kind", kind.pk)
        return initial
from . import admin_pledges  # noqa: E402, F401  (movements and blocs)
