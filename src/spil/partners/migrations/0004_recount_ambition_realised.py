from django.db import migrations
from django.db.models import IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    ambition_model = apps.get_model("partners", "Ambition")
    result_model = apps.get_model("partners", "Result")
    total = (
        result_model.objects.filter(ambition=OuterRef("pk")).values("ambition").annotate(t=Sum("number")).values("t")
    )
    ambition_model.objects.update(realised=Coalesce(Subquery(total, output_field=IntegerField()), Value(0)))


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_ambition_realised")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
