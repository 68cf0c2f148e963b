from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What IT staff (the administrators group of accounts) manage here: catalogue, rules, registries.
ADMINISTERED_MODELS = [
    "award", "commendationkind", "ruleset", "titlerule", "titlecriterion", "pastaward", "initiative",
    "discipline", "personyearrecord", "unityearrecord", "servicerecord", "movement", "emulationbloc", "blocmembership",
    "cycle", "councilvoterule", "legaltext", "reportreference", "requiredpaper", "basesalary",
    "positionrecord", "serviceawardrule",
]


def grant_administrators(sender, using="default", **kwargs):
    """Let the system administrators' group manage the catalogue and the rule parameters (design §1).

    A system-wide role: no scoped role ever receives these model permissions.
    """
    from django.contrib.auth.models import Group, Permission

    from accounts.roles import ADMINISTRATORS_GROUP

    wanted = Permission.objects.using(using).filter(
        content_type__app_label="nominations",
        codename__in=[f"{action}_{model}" for model in ADMINISTERED_MODELS for action in ("add", "change", "view")],
    )
    if not wanted.exists():
        return
    group, _created = Group.objects.using(using).get_or_create(name=ADMINISTRATORS_GROUP)
    missing = wanted.exclude(pk__in=group.permissions.values("pk"))
    if missing.exists():
        group.permissions.add(*missing)


class NominationsConfig(AppConfig):
    name = "nominations"
    verbose_name = _("Thi đua, khen thưởng")

    def ready(self) -> None:
        # Django's documented place for start-up wiring: the app registry is ready only now.
        from workflow.audit import register_agency_resolver
        from workflow.documents.kinds import register_document_links, register_kind, register_on_issued
        from workflow.registry import register_home_section, register_process_namer
        from workflow.sweep import register_sweep

        from . import audit, checks, home, process_kinds, receivers  # noqa: F401  (checks, audit actions, receivers register)
        from .documents.amendments import AMENDMENT_KINDS
        from .documents.blocs import BLOC_KINDS
        from .documents.initiatives import RECOGNITION_KIND
        from .naming import name_processes
        from .services.annulments import amendment_apply
        from .services.initiatives import initiative_decision_register
        from .services.papers import achievement_reports_sweep
        from .services.submissions import decision_register
        from .views.amendments import amendment_links
        from .views.certificates import certificate_links
        from .views.funds import payout_links
        from .views.pledges import pledge_home_section

        process_kinds.register()
        from . import webhooks

        webhooks.register()  # dossier.returned, answer.received; the API route of an issued decision
        register_process_namer(name_processes)  # tasks are named by what they carry (workflow.naming)
        register_on_issued("quyet_dinh_khen_thuong", decision_register)  # an issued decision fills the registry
        for kind in AMENDMENT_KINDS:  # an issued annulment or correction changes it (Luật TĐKT 2022, Điều 93)
            register_kind(kind)
            register_on_issued(kind.key, amendment_apply)
        # an issued Quyết định công nhận sáng kiến writes the sáng kiến into the registry
        register_kind(RECOGNITION_KIND)
        register_on_issued(RECOGNITION_KIND.key, initiative_decision_register)
        for kind in BLOC_KINDS:  # the bloc's giao ước and Tờ trình (docs/legal-basis.md §18)
            register_kind(kind)
        register_document_links(amendment_links)
        register_document_links(certificate_links)  # an issued decision's certificates, for who prints them
        register_document_links(payout_links)  # an issued decision's payout list
        audit.register_secrets()
        register_agency_resolver(audit.agency_of)
        register_sweep("report_pdfs_requeued", achievement_reports_sweep)  # a confirmed report's PDF whose job was lost
        for section in (home.posting_notice, home.written_votes_to_enter, home.open_cycles, pledge_home_section,
                        home.escalated_to_me, home.my_units_dossiers,
                        home.waiting_at_secretariat, home.submissions_waiting, home.my_awards):
            register_home_section(section)
        post_migrate.connect(grant_administrators, sender=self, dispatch_uid="nominations-grant-administrators")
