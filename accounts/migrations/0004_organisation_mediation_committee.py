from __future__ import annotations

import django.db.models.deletion
from django.db import migrations, models

from accounts.reference import link_centre_committees, load_reference_organisations


def forwards(apps, schema_editor):
    load_reference_organisations(apps)
    link_centre_committees(apps)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_office_file_prefixes")]
    operations = [
        migrations.AlterField(
            model_name="organisation",
            name="kind",
            field=models.CharField(
                choices=[
                    ("intermediate_court", "中级人民法院"),
                    ("basic_court", "基层人民法院"),
                    ("justice_bureau", "司法局"),
                    ("one_stop_centre", "矛盾纠纷调处化解中心"),
                    ("centre_window", "综合受理窗口"),
                    ("workroom", "调解工作室"),
                    ("town_mediation_committee", "镇（街道）人民调解委员会"),
                    ("village_mediation_committee", "村（社区）人民调解委员会"),
                    ("county_mediation_committee", "县（市、区）人民调解委员会"),
                    ("legal_aid_centre", "法律援助机构"),
                    ("law_firm", "律师事务所"),
                    ("labour_arbitration", "劳动人事争议仲裁委员会"),
                    ("petition_office", "信访部门"),
                    ("village_committee", "村（居）民委员会"),
                    ("politics_law_committee", "政法委"),
                ],
                max_length=40,
                verbose_name="类型",
            ),
        ),
        migrations.AddField(
            model_name="organisation",
            name="mediation_committee",
            field=models.ForeignKey(
                blank=True,
                help_text="本机构调解协议书上加盖印章的人民调解委员会；留空则沿用上级机构的",
                limit_choices_to={
                    "kind__in": (
                        "village_mediation_committee",
                        "town_mediation_committee",
                        "county_mediation_committee",
                    )
                },
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.organisation",
                verbose_name="所属人民调解委员会",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
    ]
