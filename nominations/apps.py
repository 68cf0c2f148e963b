from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

# What IT staff (the administrators group of accounts) manage here: catalogue, rules, registries.
ADMINISTERED_MODELS = [
    "award", "commendationkind", "ruleset", "titlerule", "titlecriterion", "pastaward", "initiative",
    "discipline", "personyearrecord", "unityearrecord", "servicerecord", "movement", "emulationbloc", "blocmembership",
    "cycle",
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
        from workflow.documents.kinds import register_on_issued

        from . import audit, checks, home  # noqa: F401  (registers checks, audit actions)
        from .services.submissions import decision_register

        register_on_issued("quyet_dinh_khen_thuong", decision_register)  # an issued decision fills the registry
        from .eligibility.pledges import register_pledge_source
        from .selectors.pledges import registered_for_emulation

        register_pledge_source(registered_for_emulation)

        from workflow.deadlines.escalation import register_escalation_target

        from .deadlines import escalation_target

        register_escalation_target(escalation_target)

        from workflow.registry import register_home_section
        from workflow.selectors import register_process_viewer

        from .process_viewers import can_view_process, visible_process_ids

        register_process_viewer(can_view_process, visible=visible_process_ids)

        from .views.pledges import pledge_home_section

        register_home_section(pledge_home_section)
        audit.register_secrets()

        from workflow.audit import register_agency_resolver

        register_agency_resolver(audit.agency_of)

        for section in (home.escalated_to_me, home.my_units_dossiers, home.waiting_at_secretariat,
                        home.submissions_waiting):
            register_home_section(section)
        post_migrate.connect(grant_administrators, sender=self, dispatch_uid="nominations-grant-administrators")
