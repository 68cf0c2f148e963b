"""Each agenda item keeps the vote rule copied when the ballots open, which its tally applies (issue
16): the minutes and the audit say what was applied even after the rule changes."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('nominations', '0019_council_vote_rules'),
    ]

    operations = [
        migrations.AddField(
            model_name='agendaitem',
            name='vote_base',
            field=models.CharField(blank=True, choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], max_length=20, verbose_name='tính tỷ lệ trên (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_comparison',
            field=models.CharField(blank=True, choices=[('gt', 'Trên'), ('ge', 'Từ … trở lên')], max_length=2, verbose_name='cách so sánh (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_method',
            field=models.CharField(blank=True, choices=[('secret', 'Bỏ phiếu kín'), ('show_of_hands', 'Biểu quyết giơ tay')], max_length=20, verbose_name='hình thức biểu quyết đã áp dụng'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_recusal',
            field=models.CharField(blank=True, choices=[('excluded', 'Không tính vào số làm căn cứ'), ('counted_not_yes', 'Vẫn tính vào số làm căn cứ, coi như không đồng ý')], max_length=20, verbose_name='thành viên là người được đề nghị (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_rule_source',
            field=models.TextField(blank=True, verbose_name='căn cứ quy tắc biểu quyết đã áp dụng'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_threshold_pct',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ phiếu đồng ý đã áp dụng (%)'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_base',
            field=models.CharField(blank=True, choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], max_length=20, verbose_name='tính tỷ lệ trên (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_comparison',
            field=models.CharField(blank=True, choices=[('gt', 'Trên'), ('ge', 'Từ … trở lên')], max_length=2, verbose_name='cách so sánh (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_method',
            field=models.CharField(blank=True, choices=[('secret', 'Bỏ phiếu kín'), ('show_of_hands', 'Biểu quyết giơ tay')], max_length=20, verbose_name='hình thức biểu quyết đã áp dụng'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_recusal',
            field=models.CharField(blank=True, choices=[('excluded', 'Không tính vào số làm căn cứ'), ('counted_not_yes', 'Vẫn tính vào số làm căn cứ, coi như không đồng ý')], max_length=20, verbose_name='thành viên là người được đề nghị (đã áp dụng)'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_rule_source',
            field=models.TextField(blank=True, verbose_name='căn cứ quy tắc biểu quyết đã áp dụng'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_threshold_pct',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ phiếu đồng ý đã áp dụng (%)'),
        ),
        migrations.AddField(
            model_name='agendaitem',
            name='vote_quorum_pct',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ thành viên có mặt tối thiểu đã áp dụng (%)'),
        ),
        migrations.AddField(
            model_name='historicalagendaitem',
            name='vote_quorum_pct',
            field=models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ thành viên có mặt tối thiểu đã áp dụng (%)'),
        ),
    ]
