"""Who sees a dossier (design §1, §5): a unit's draft is its own until it is sent; the council sees
what reaches it; the agency's leads see everything; the same 404 for hidden and missing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from nominations.selectors import dossiers_for_user

from .helpers import accepted_dossier, open_cycle, open_dossier

pytestmark = pytest.mark.django_db


def test_a_council_member_sees_another_units_dossier_only_once_it_is_submitted(login, person):
    cycle = open_cycle(2025)
    draft = open_dossier(cycle, "NC")
    submitted = accepted_dossier(cycle, "KT", [(person("canbo.kt.02"), "LDTT")])

    visible = set(dossiers_for_user(person("hoidong1")).values_list("pk", flat=True))
    client = login("hoidong1")

    assert submitted.pk in visible and draft.pk not in visible
    assert client.get(reverse("nominations:dossier", args=[draft.pk])).status_code == 404
    assert client.get(reverse("nominations:dossier", args=[submitted.pk])).status_code == 200


def test_the_units_head_and_the_secretariat_see_the_draft(person):
    draft = open_dossier(open_cycle(2025), "NC")

    assert dossiers_for_user(person("truongphong.nc")).filter(pk=draft.pk).exists()
    assert dossiers_for_user(person("hcqt")).filter(pk=draft.pk).exists()
    assert not dossiers_for_user(person("truongphong.kt")).filter(pk=draft.pk).exists()
