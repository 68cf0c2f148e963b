"""The agency council's vote rule per title (CouncilVoteRule), apart from the rule set's provincial
council rule; a vote base may be the valid ballots (issue 16, domain §4)."""

import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_agency_document_data'),
        ('nominations', '0018_remove_award_reward_coefficient'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicaltitlerule',
            name='vote_base',
            field=models.CharField(choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], default='all_members', max_length=20, verbose_name='tính tỷ lệ trên'),
        ),
        migrations.AlterField(
            model_name='titlerule',
            name='vote_base',
            field=models.CharField(choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], default='all_members', max_length=20, verbose_name='tính tỷ lệ trên'),
        ),
        migrations.CreateModel(
            name='HistoricalCouncilVoteRule',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('method', models.CharField(choices=[('secret', 'Bỏ phiếu kín'), ('show_of_hands', 'Biểu quyết giơ tay')], max_length=20, verbose_name='hình thức biểu quyết')),
                ('base', models.CharField(choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], max_length=20, verbose_name='tính tỷ lệ trên')),
                ('comparison', models.CharField(choices=[('gt', 'Trên'), ('ge', 'Từ … trở lên')], max_length=2, verbose_name='cách so sánh với tỷ lệ')),
                ('threshold_pct', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ phiếu đồng ý (%)')),
                ('quorum_pct', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ thành viên có mặt tối thiểu (%)')),
                ('recusal', models.CharField(choices=[('excluded', 'Không tính vào số làm căn cứ'), ('counted_not_yes', 'Vẫn tính vào số làm căn cứ, coi như không đồng ý')], default='excluded', max_length=20, verbose_name='thành viên là người được đề nghị')),
                ('source', models.TextField(help_text='Số, điều của Quy chế hoạt động của Hội đồng; với quy tắc mặc định: văn bản làm căn cứ, hoặc ghi rõ “chưa xác định được căn cứ”.', verbose_name='căn cứ')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('agency', models.ForeignKey(blank=True, db_constraint=False, help_text='Để trống: quy tắc mặc định cho các cơ quan chưa nhập quy chế của mình.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.agency', verbose_name='cơ quan')),
                ('award', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='nominations.award', verbose_name='danh hiệu, hình thức')),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'verbose_name': 'historical quy tắc biểu quyết của Hội đồng cơ quan',
                'verbose_name_plural': 'historical quy tắc biểu quyết của Hội đồng cơ quan',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='CouncilVoteRule',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('method', models.CharField(choices=[('secret', 'Bỏ phiếu kín'), ('show_of_hands', 'Biểu quyết giơ tay')], max_length=20, verbose_name='hình thức biểu quyết')),
                ('base', models.CharField(choices=[('all_members', 'Tổng số thành viên Hội đồng'), ('present', 'Số thành viên có mặt'), ('valid_ballots', 'Số phiếu hợp lệ')], max_length=20, verbose_name='tính tỷ lệ trên')),
                ('comparison', models.CharField(choices=[('gt', 'Trên'), ('ge', 'Từ … trở lên')], max_length=2, verbose_name='cách so sánh với tỷ lệ')),
                ('threshold_pct', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ phiếu đồng ý (%)')),
                ('quorum_pct', models.DecimalField(decimal_places=2, max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='tỷ lệ thành viên có mặt tối thiểu (%)')),
                ('recusal', models.CharField(choices=[('excluded', 'Không tính vào số làm căn cứ'), ('counted_not_yes', 'Vẫn tính vào số làm căn cứ, coi như không đồng ý')], default='excluded', max_length=20, verbose_name='thành viên là người được đề nghị')),
                ('source', models.TextField(help_text='Số, điều của Quy chế hoạt động của Hội đồng; với quy tắc mặc định: văn bản làm căn cứ, hoặc ghi rõ “chưa xác định được căn cứ”.', verbose_name='căn cứ')),
                ('agency', models.ForeignKey(blank=True, help_text='Để trống: quy tắc mặc định cho các cơ quan chưa nhập quy chế của mình.', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='council_vote_rules', to='accounts.agency', verbose_name='cơ quan')),
                ('award', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='council_vote_rules', to='nominations.award', verbose_name='danh hiệu, hình thức')),
            ],
            options={
                'verbose_name': 'quy tắc biểu quyết của Hội đồng cơ quan',
                'verbose_name_plural': 'quy tắc biểu quyết của Hội đồng cơ quan',
                'ordering': ['agency__name', 'award__position'],
                'constraints': [models.UniqueConstraint(condition=models.Q(('agency__isnull', False)), fields=('agency', 'award'), name='council_vote_rule_unique_per_agency'), models.UniqueConstraint(condition=models.Q(('agency__isnull', True)), fields=('award',), name='council_vote_rule_one_default')],
            },
        ),
    ]
