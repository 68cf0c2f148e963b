"""The mức lương cơ sở of each decree found (docs/legal-basis.md §13): amount, the day it took effect, the decree.

Only what was read is seeded. 1.600.000 đ from 01/7/2020 (planned by Nghị quyết 86/2019/QH14) never took effect
(postponed, Nghị quyết 122/2020/QH14): 1.490.000 đ stayed until 30/6/2023. The article of Nghị định 73/2024/NĐ-CP
was not read (doubtful); an administrator corrects a citation in the admin, the history keeps who and when.
"""

import datetime as dt

from django.db import migrations

D = dt.date
SALARIES = [
    (1_300_000, D(2017, 7, 1), "Nghị định số 47/2017/NĐ-CP ngày 24/4/2017 của Chính phủ"),
    (1_390_000, D(2018, 7, 1), "Nghị định số 72/2018/NĐ-CP ngày 15/5/2018 của Chính phủ"),
    (1_490_000, D(2019, 7, 1), "Nghị định số 38/2019/NĐ-CP ngày 09/5/2019 của Chính phủ"),
    (1_800_000, D(2023, 7, 1), "Nghị định số 24/2023/NĐ-CP ngày 14/5/2023 của Chính phủ"),
    (2_340_000, D(2024, 7, 1), "Nghị định số 73/2024/NĐ-CP của Chính phủ"),
]


def seed(apps, schema_editor):
    BaseSalary = apps.get_model("nominations", "BaseSalary")
    for amount, start, basis in SALARIES:
        BaseSalary.objects.update_or_create(effective_from=start, defaults={"amount": amount, "legal_basis": basis})


def unseed(apps, schema_editor):
    apps.get_model("nominations", "BaseSalary").objects.filter(
        effective_from__in=[start for _amount, start, _basis in SALARIES]).delete()


class Migration(migrations.Migration):
    dependencies = [("nominations", "0039_base_salaries")]
    operations = [migrations.RunPython(seed, unseed)]
