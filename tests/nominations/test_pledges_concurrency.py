"""Concurrency on PostgreSQL: a unit head double-clicks "create" (or two tabs post at once); the
unit's row lock lets exactly one registration of the year through, the other gets the Vietnamese
error and a redirect."""

import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from accounts.models import User
from nominations.models import PledgeRegistration

pytestmark = pytest.mark.postgres


def test_two_simultaneous_creations_give_one_registration(seeded_transactional_db):
    head = User.objects.get(username="truongphong.kt")
    barrier = threading.Barrier(4)
    statuses: list[int] = []

    def create():
        try:
            client = Client()
            client.force_login(head)
            barrier.wait()
            statuses.append(client.post(reverse("pledges:index"),
                                        {"action": "create", "unit": head.unit_id, "year": 2024}).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=create) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert statuses == [302] * 4
    assert PledgeRegistration.objects.filter(unit_id=head.unit_id, year=2024).count() == 1
