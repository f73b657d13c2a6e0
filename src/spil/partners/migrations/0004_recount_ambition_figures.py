from django.db import migrations
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce


def recount(apps, schema_editor):
    ambition_model = apps.get_model("partners", "Ambition")
    result_model = apps.get_model("partners", "Result")
    partnership_model = apps.get_model("partners", "Partnership")

    def subtotal(model, link, value):
        rows = model.objects.filter(**{link: OuterRef("pk")}).values(link).annotate(t=value).values("t")
        return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))

    ambition_model.objects.update(realised=subtotal(result_model, "ambition", Sum("number")))
    partnership_model.objects.update(
        ambition_count=subtotal(ambition_model, "partnership", Count("pk")),
        result_count=subtotal(result_model, "ambition__partnership", Count("pk")),
    )


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_kept_ambition_figures")]

    operations = [migrations.RunPython(recount, migrations.RunPython.noop)]
