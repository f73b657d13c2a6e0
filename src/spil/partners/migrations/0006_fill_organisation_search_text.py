from django.db import migrations


def fill(apps, schema_editor):
    organisation_model = apps.get_model("partners", "Organisation")
    batch = []
    for organisation in organisation_model.objects.only("name", "municipality", "sector", "kvk_number").iterator():
        parts = (organisation.name, organisation.municipality, organisation.sector, organisation.kvk_number or "")
        organisation.search_text = " ".join(part for part in parts if part).lower()[:500]
        batch.append(organisation)
        if len(batch) >= 1000:
            organisation_model.objects.bulk_update(batch, ["search_text"])
            batch = []
    organisation_model.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("partners", "0005_organisation_search_text_and_totals_index")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
