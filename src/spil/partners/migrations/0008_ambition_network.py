import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_network(apps, schema_editor):
    ambition_model = apps.get_model("partners", "Ambition")
    partnership_model = apps.get_model("partners", "Partnership")
    network = partnership_model.objects.filter(pk=OuterRef("partnership_id")).values("network_id")
    ambition_model.objects.update(network_id=Subquery(network))


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0002_labour_market_regions"),
        ("partners", "0007_figure_limits"),
    ]

    operations = [
        migrations.AddField(
            model_name="ambition",
            name="network",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="networks.network",
            ),
        ),
        migrations.RunPython(copy_network, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="ambition",
            name="network",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="networks.network",
            ),
        ),
        migrations.AddIndex(
            model_name="ambition",
            index=models.Index(fields=["network", "kind", "target", "realised"], name="ambition_network_totals_idx"),
        ),
    ]
