"""The reward coefficient belongs to a rule set's title rule: each decree sets its own (NĐ 98/2023
Art 54, NĐ 152/2025 Art 50 and 54), for a person and for a collective; ``reward_basis`` cites it."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0015_dossier_sent_round_of_existing'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicaltitlerule',
            name='collective_reward_coefficient',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='hệ số tiền thưởng tập thể (× lương cơ sở)'),
        ),
        migrations.AddField(
            model_name='historicaltitlerule',
            name='reward_basis',
            field=models.CharField(blank=True, help_text='Điều, khoản quy định hệ số tiền thưởng.', max_length=300, verbose_name='căn cứ mức thưởng'),
        ),
        migrations.AddField(
            model_name='historicaltitlerule',
            name='reward_coefficient',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='hệ số tiền thưởng cá nhân (× lương cơ sở)'),
        ),
        migrations.AddField(
            model_name='titlerule',
            name='collective_reward_coefficient',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='hệ số tiền thưởng tập thể (× lương cơ sở)'),
        ),
        migrations.AddField(
            model_name='titlerule',
            name='reward_basis',
            field=models.CharField(blank=True, help_text='Điều, khoản quy định hệ số tiền thưởng.', max_length=300, verbose_name='căn cứ mức thưởng'),
        ),
        migrations.AddField(
            model_name='titlerule',
            name='reward_coefficient',
            field=models.DecimalField(blank=True, decimal_places=2, help_text='Để trống khi văn bản của bộ quy tắc này không quy định (hoặc chưa xác định được) mức thưởng.', max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0)], verbose_name='hệ số tiền thưởng cá nhân (× lương cơ sở)'),
        ),
    ]
