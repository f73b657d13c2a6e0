from django.db import migrations

# Fallback from the first two digits of a postcode to a labour-market region. No postcode table can be
# installed as a package here, so this is the documented fallback: an area that straddles two regions
# goes to the region that holds most of it (21: Haarlemmermeer; 72: Zutphen; 93: Noordenveld), and the
# intake corrects a request's region where needed. Platform administrators can refine it in the admin.
AREAS = {
    "Groot Amsterdam": "10 11 21",
    "Gooi en Vechtstreek": "12",
    "Flevoland": "13 82 83",
    "Zaanstreek/Waterland": "14 15",
    "Noord-Holland Noord": "16 17 18",
    "Zuid-Kennemerland en IJmond": "19 20",
    "Holland Rijnland": "22 23 24",
    "Haaglanden": "25 26 27",
    "Midden-Holland": "28",
    "Rijnmond": "29 30 31 32",
    "Drechtsteden": "33",
    "Midden-Utrecht": "34 35 36 37",
    "Amersfoort": "38",
    "Food Valley": "39 67",
    "Rivierenland": "40 41",
    "Gorinchem": "42",
    "Zeeland": "43 44 45",
    "West-Brabant": "46 47 48 49",
    "Midden-Brabant": "50 51",
    "Noordoost-Brabant": "52 53 54",
    "Zuidoost-Brabant": "55 56",
    "Helmond-De Peel": "57",
    "Noord-Limburg": "58 59",
    "Midden-Limburg": "60",
    "Zuid-Limburg": "61 62 63 64",
    "Rijk van Nijmegen": "65 66",
    "Midden-Gelderland": "68 69",
    "Achterhoek": "70 71",
    "Stedendriehoek en Noordwest-Veluwe": "72 73 74",
    "Twente": "75 76",
    "Regio Zwolle": "77 80 81",
    "Drenthe": "78 79 94",
    "Friesland": "84 85 86 87 88 89 90 91 92",
    "Groningen": "93 95 96 97 98 99",
}


def add_areas(apps, schema_editor):
    region_model = apps.get_model("networks", "LabourMarketRegion")
    area_model = apps.get_model("desk", "PostcodeArea")
    regions = {region.name: region for region in region_model.objects.all()}
    for name, prefixes in AREAS.items():
        for prefix in prefixes.split():
            area_model.objects.update_or_create(prefix=prefix, defaults={"region": regions[name]})


def remove_areas(apps, schema_editor):
    apps.get_model("desk", "PostcodeArea").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0001_requests_roster_exchange"),
        ("networks", "0002_labour_market_regions"),
    ]

    operations = [migrations.RunPython(add_areas, remove_areas)]
