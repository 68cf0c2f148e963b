"""The award registry's search columns: the holder's unit and folded name, copied onto each row so the award history
search filters and orders one table (selectors.records), and a person's birth year; filled here for the rows that exist. The name is folded
after one space (``PastAward.name_key``), so a typed word is matched at the start of a word of the name."""

import unicodedata

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Concat, ExtractYear

BATCH = 2000


def _fold(text: str) -> str:
    # accounts.vietnamese.fold as of this migration (lower case, no tones, đ → d), frozen here.
    lowered = unicodedata.normalize("NFC", text or "").lower().replace("đ", "d")
    return "".join(ch for ch in unicodedata.normalize("NFD", lowered) if not unicodedata.combining(ch))


def fill(apps, schema_editor):
    PastAward = apps.get_model("nominations", "PastAward")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    Unit = apps.get_model("accounts", "Unit")
    people = User.objects.filter(pk=OuterRef("person_id"))
    PastAward.objects.filter(person__isnull=False).update(
        holder_unit_id=Subquery(people.values("unit_id")[:1]),
        holder_name_key=Concat(Value(" "), Subquery(people.values("name_search_key")[:1])),
        holder_birth_year=Subquery(people.annotate(born=ExtractYear("birth_date")).values("born")[:1]))
    PastAward.objects.filter(unit__isnull=False).update(holder_unit_id=models.F("unit_id"))
    names = dict(Unit.objects.filter(pk__in=PastAward.objects.filter(unit__isnull=False).values("unit_id"))
                 .values_list("pk", "name"))
    for pk, name in names.items():
        PastAward.objects.filter(unit_id=pk).update(holder_name_key=" " + _fold(name))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0003_user_birth_date'),
        ('nominations', '0041_emulation_fund_ledger'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='pastaward',
            name='holder_name_key',
            field=models.CharField(blank=True, default='', editable=False, max_length=200),
        ),
        migrations.AddField(
            model_name='pastaward',
            name='holder_unit',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True,
                                    on_delete=django.db.models.deletion.SET_NULL, related_name='+',
                                    to='accounts.unit'),
        ),
        migrations.AddField(
            model_name='pastaward',
            name='holder_birth_year',
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
