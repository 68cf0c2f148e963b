"""API clients for the tests: a service account holding roles like a person, and a token issued to it."""

from __future__ import annotations

from django.test import Client

from accounts import services as account_services
from accounts.models import Agency, ApiClient, User


def api_client(name: str, *, role: str, agency_code: str = "VP", unit=None) -> tuple[ApiClient, str]:
    """A registered client whose service account holds ``role`` over the agency (or ``unit``); and its token."""
    username = "api." + "".join(ch for ch in name.lower() if ch.isalnum())[:20]
    user = account_services.person_create(actor=None, username=username, full_name=name, unit=None)
    scope = {"unit": unit} if unit is not None else {"agency": Agency.objects.get(code=agency_code)}
    account_services.role_grant(actor=None, user=user, role=role, **scope)
    client = account_services.api_client_create(actor=None, name=name, user=User.objects.get(pk=user.pk))
    return client, account_services.api_token_issue(actor=None, client=client)


def bearer(token: str, **extra) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}", **extra)
