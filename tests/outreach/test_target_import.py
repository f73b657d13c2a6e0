"""A target list imported from CSV or XLSX: all rows or none, with a message per row and column."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from spil.outreach.imports import targets_import
from spil.outreach.models import Target
from spil.partners.models import Organisation
from tests.outreach.factories import make_campaign

pytestmark = pytest.mark.django_db


def _xlsx(rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_csv_adds_new_and_known_employers(cast):
    campaign = make_campaign(cast)
    content = "naam;kvk;postcode;gemeente\nNieuw Bedrijf;87654321;3812 cd;Amersfoort\nBakkerij Aalbers;;;\n"
    added, already = targets_import(campaign=campaign, name="lijst.csv", content=content.encode())
    assert (added, already) == (2, 0)
    new = Organisation.objects.get(kvk_number="87654321")
    assert new.postcode == "3812 CD"
    assert set(campaign.targets.values_list("organisation__name", flat=True)) == {"Nieuw Bedrijf", "Bakkerij Aalbers"}
    assert Organisation.objects.filter(name="Bakkerij Aalbers").count() == 1


def test_xlsx_matches_by_kvk_and_skips_employers_already_on_the_list(cast):
    campaign = make_campaign(cast)
    content = _xlsx([["Naam", "KvK", "Sector"], ["Bouwbedrijf Bosman BV", 23456789, "Bouw"]])
    assert targets_import(campaign=campaign, name="lijst.xlsx", content=content) == (1, 0)
    assert campaign.targets.get().organisation == cast.org_b
    assert targets_import(campaign=campaign, name="lijst.xlsx", content=content) == (0, 1)


def test_unknown_or_missing_columns_are_named(cast):
    campaign = make_campaign(cast)
    with pytest.raises(ValidationError) as error:
        targets_import(campaign=campaign, name="lijst.csv", content=b"bedrijf,telefoon\nA,06\n")
    messages = error.value.messages
    assert "Kolom 1: onbekende kolom 'bedrijf'; gebruik naam, kvk, postcode, gemeente, sector." in messages
    assert "De kolom 'naam' ontbreekt." in messages
    assert Target.objects.count() == 0


def test_one_bad_row_stores_nothing_and_each_error_names_row_and_column(cast):
    campaign = make_campaign(cast)
    before = Organisation.objects.count()
    content = _xlsx(
        [
            ["naam", "kvk", "postcode"],
            ["Goed Bedrijf", "11112222", "3811 AB"],
            ["", "123", "1234"],
            ["Dubbel", "11112222", ""],
        ]
    )
    with pytest.raises(ValidationError) as error:
        targets_import(campaign=campaign, name="lijst.xlsx", content=content)
    messages = error.value.messages
    assert "Rij 3, kolom naam: vul de naam van de werkgever in." in messages
    assert "Rij 3, kolom kvk: Een KvK-nummer bestaat uit precies 8 cijfers." in messages
    assert any(m.startswith("Rij 3, kolom postcode:") for m in messages)
    assert "Rij 4, kolom kvk: staat ook in rij 2." in messages
    assert Target.objects.count() == 0 and Organisation.objects.count() == before


def test_a_file_that_is_not_a_spreadsheet_gives_a_message(cast):
    campaign = make_campaign(cast)
    with pytest.raises(ValidationError):
        targets_import(campaign=campaign, name="lijst.xlsx", content=b"geen zip")


def test_the_upload_page_shows_the_errors_on_the_file_field(cast, client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    campaign = make_campaign(cast)
    client.force_login(cast.backoffice)
    upload = SimpleUploadedFile("lijst.csv", b"naam,kvk\nA,12\n", content_type="text/csv")
    response = client.post(
        f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/doellijst/", {"form": "import", "file": upload}
    )
    assert response.status_code == 200
    assert "Rij 2, kolom kvk" in str(response.context["import_form"].errors["file"])
    upload = SimpleUploadedFile("lijst.txt", b"naam\nA\n", content_type="text/plain")
    response = client.post(
        f"/n/{cast.network.slug}/gesprekken/rondes/{campaign.pk}/doellijst/", {"form": "import", "file": upload}
    )
    assert response.context["import_form"].errors["file"]
    assert Target.objects.count() == 0
