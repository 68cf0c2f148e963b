"""``Award.reward_coefficient`` goes: the coefficient is now each rule set's (``TitleRule``, 0016–0017).

Going back re-creates the column and fills it with the values 0004 gave it.
"""

from decimal import Decimal

from django.db import migrations

# 0004's values (persons for person titles, collectives for collective titles).
CATALOGUE_0004 = {"LDTT": Decimal("0.3"), "CSTDCS": Decimal("1.0"), "CSTD_TINH": Decimal("3.0"),
                  "TTLDTT": Decimal("0.8"), "TTLDXS": Decimal("1.5")}


def restore(apps, schema_editor):
    Award = apps.get_model("nominations", "Award")
    for code, value in CATALOGUE_0004.items():
        Award.objects.filter(code=code).update(reward_coefficient=value)


class Migration(migrations.Migration):

    dependencies = [
        ("nominations", "0017_rule_sets_true_to_each_text"),
    ]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, restore),
        migrations.RemoveField(
            model_name="award",
            name="reward_coefficient",
        ),
        migrations.RemoveField(
            model_name="historicalaward",
            name="reward_coefficient",
        ),
    ]
