"""The periodic jobs the README documents are scheduled and exist as Celery tasks."""

from celery.schedules import crontab
from django.conf import settings

from config.celery import app


def test_reminders_hourly_in_office_hours_and_the_digest_at_half_past_seven():
    schedule = settings.CELERY_BEAT_SCHEDULE
    app.loader.import_default_modules()

    reminders, digests = schedule["send-reminders"], schedule["send-digests"]

    assert reminders["schedule"] == crontab(minute=0, hour="7-17", day_of_week="mon-sat")
    assert digests["schedule"] == crontab(minute=30, hour=7)
    assert {reminders["task"], digests["task"]} <= set(app.tasks)
    assert settings.CELERY_TIMEZONE == "Asia/Ho_Chi_Minh"


def test_the_sweep_for_stale_work_runs_every_ten_minutes_next_to_the_reminders():
    app.loader.import_default_modules()

    sweep = settings.CELERY_BEAT_SCHEDULE["sweep-stale"]

    assert sweep["schedule"] == crontab(minute="*/10")
    assert sweep["task"] == "workflow.sweep_stale" and sweep["task"] in app.tasks
