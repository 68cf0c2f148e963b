"""What the award domain lets another system subscribe to (issue 22), and where it reads the object.

Who hears of an object is who may read it through the API: the client's service account asked through the
selectors the API's routes use (``dossiers_for_user``, ``lines_for_user``, the decisions' rule).
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from workflow.audit import Action
from workflow.webhooks.engine_events import DOCUMENT_ISSUED
from workflow.webhooks.events import register_webhook_event, set_resource_path

DOSSIER_RETURNED = "dossier.returned"
ANSWER_RECEIVED = "answer.received"


def _dossier_visible(user, dossier) -> bool:
    from .selectors.dossiers import dossiers_for_user  # noqa: PLC0415 - selectors import the models

    return dossiers_for_user(user).filter(pk=dossier.pk).exists()


def _line_visible(user, line) -> bool:
    from .selectors.dossiers import lines_for_user  # noqa: PLC0415 - selectors import the models

    return lines_for_user(user).filter(pk=line.pk).exists()


def _decision_path(document) -> str | None:
    from .models import OutcomeDocument, OutcomeDocumentKind  # noqa: PLC0415 - models load after the registry

    outcome = OutcomeDocument.objects.filter(document=document, kind=OutcomeDocumentKind.DECISION).first()
    return reverse("api:decision-detail", args=[outcome.pk]) if outcome else None


def register() -> None:
    register_webhook_event(DOSSIER_RETURNED, label=_("Hồ sơ đề nghị bị trả lại để bổ sung"),
                           actions=[Action.RETURNED], model="nominations.dossier", visible=_dossier_visible,
                           resource_path=lambda dossier: reverse("api:dossier-detail", args=[dossier.pk]))
    register_webhook_event(ANSWER_RECEIVED, label=_("Sở Nội vụ trả lời một dòng của tờ trình"),
                           actions=[Action.HOME_AFFAIRS_ACCEPTED, Action.HOME_AFFAIRS_RETURNED,
                                    Action.HOME_AFFAIRS_REJECTED],
                           model="nominations.line", visible=_line_visible,
                           resource_path=lambda line: reverse("api:dossier-detail", args=[line.dossier_id]))
    set_resource_path(DOCUMENT_ISSUED, _decision_path)
