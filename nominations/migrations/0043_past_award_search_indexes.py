"""Indexes of the award history search on the holder columns: a unit's registry newest first, a title newest
first (replacing the title-and-year index, which left the tie on ``id`` to a sort), and on PostgreSQL a trigram
index on the folded holder name, so "contains" a word of the name reads the index (migration 0037's way: only when
the database role may create the extension; the search works without it)."""

from django.db import migrations, models, transaction

TRGM_INDEX = "nominations_pastaward_holder_name_trgm"


def add_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {TRGM_INDEX} ON nominations_pastaward "
                                  "USING gin (holder_name_key gin_trgm_ops)")
    except Exception:  # noqa: BLE001, S110 - no right to create the extension: the search reads without it
        pass


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {TRGM_INDEX}")


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0042_past_award_holder_columns'),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='pastaward',
            name='past_award_title_year',
        ),
        migrations.AddIndex(
            model_name='pastaward',
            index=models.Index(fields=['holder_unit', '-year', '-id'], name='past_award_holder_newest'),
        ),
        migrations.AddIndex(
            model_name='pastaward',
            index=models.Index(fields=['award', '-year', '-id'], name='past_award_title_newest'),
        ),
        migrations.RunPython(add_trigram_index, drop_trigram_index),
    ]
