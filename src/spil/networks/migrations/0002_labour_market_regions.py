from django.db import migrations

# The 35 Dutch labour-market regions (arbeidsmarktregio's).
REGIONS = [
    "Groningen", "Friesland", "Drenthe", "Regio Zwolle", "Twente",
    "Stedendriehoek en Noordwest-Veluwe", "Achterhoek", "Midden-Gelderland", "Food Valley",
    "Rijk van Nijmegen", "Rivierenland", "Flevoland", "Midden-Utrecht", "Amersfoort",
    "Gooi en Vechtstreek", "Zaanstreek/Waterland", "Groot Amsterdam",
    "Zuid-Kennemerland en IJmond", "Noord-Holland Noord", "Holland Rijnland",
    "Zuid-Holland Centraal", "Haaglanden", "Midden-Holland", "Rijnmond", "Drechtsteden",
    "Gorinchem", "Zeeland", "West-Brabant", "Midden-Brabant", "Noordoost-Brabant",
    "Helmond-De Peel", "Zuidoost-Brabant", "Noord-Limburg", "Midden-Limburg", "Zuid-Limburg",
]


def add_regions(apps, schema_editor):
    region_model = apps.get_model("networks", "LabourMarketRegion")
    for number, name in enumerate(REGIONS, start=1):
        region_model.objects.update_or_create(number=number, defaults={"name": name})


def remove_regions(apps, schema_editor):
    apps.get_model("networks", "LabourMarketRegion").objects.filter(name__in=REGIONS).delete()


class Migration(migrations.Migration):
    dependencies = [("networks", "0001_initial")]

    operations = [migrations.RunPython(add_regions, remove_regions)]
