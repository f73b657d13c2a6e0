"""Opportunities are imported for employer partners named by KvK number or name, all-or-nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from spil.matching.models import ImportJob, Opportunity, OpportunityTask

pytestmark = pytest.mark.django_db

HEADER = "kenmerk,werkgever,titel,soort,taken,uren per week,postcode,startdatum"
GOOD = [
    "V-1,12345678,Medewerker winkel,Vacature,kassa:40; vakkenvullen:60,24,3512 JE,01-09-2026",
    "V-2,Bouwbedrijf Bosman,Hulp op de bouw,werkervaringsplek,opruimen; sjouwen,32,3811 AB,",
]


def _post(client, cast, name: str, content: bytes, capture):
    with capture(execute=True):
        return client.post(
            reverse("matching:opportunity_import", args=[cast.network.slug]),
            {"file": SimpleUploadedFile(name, content)},
        )


def test_backoffice_imports_a_good_csv(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.backoffice)
    content = "\n".join([HEADER, *GOOD]).encode()
    response = _post(client, cast, "kansen.csv", content, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "done" and job.created_count == 2
    shop = Opportunity.objects.get(title="Medewerker winkel")
    assert shop.organisation == cast.org_a and shop.kind == "vacancy" and shop.starts_on.month == 9
    assert dict(OpportunityTask.objects.filter(opportunity=shop).values_list("task__name", "share")) == {
        "kassa": 40,
        "vakkenvullen": 60,
    }
    build = Opportunity.objects.get(title="Hulp op de bouw")
    assert build.organisation == cast.org_b and build.starts_on is None
    assert sorted(build.task_shares.values_list("share", flat=True)) == [50, 50]
    page = client.get(response.url).content.decode()
    assert "2 kansen aangemaakt" in page
    assert reverse("matching:opportunities", args=[cast.network.slug]) in page


def test_advisor_imports_a_good_xlsx(cast, client, django_capture_on_commit_callbacks):
    book = Workbook()
    book.active.append(HEADER.split(","))
    for line in GOOD:
        book.active.append(line.split(","))
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(cast.wsp_advisor)
    response = _post(client, cast, "kansen.xlsx", buffer.getvalue(), django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert ImportJob.objects.get().status == "done"
    assert Opportunity.objects.filter(created_by=cast.wsp_advisor).count() == 2


def test_an_unknown_employer_creates_nothing(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.coordinator)
    content = "\n".join([HEADER, GOOD[0], GOOD[1].replace("Bouwbedrijf Bosman", "Onbekend BV")]).encode()
    before = Opportunity.objects.count()
    response = _post(client, cast, "kansen.csv", content, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and Opportunity.objects.count() == before
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "werkgever")]
    assert "Onbekend BV" in client.get(response.url).content.decode()


def test_a_partner_contact_cannot_import(cast, client):
    client.force_login(cast.partner_a)
    slug = cast.network.slug
    assert client.get(reverse("matching:opportunity_import", args=[slug])).status_code == 403
    assert client.get(reverse("matching:opportunity_import_template", args=[slug, "csv"])).status_code == 403
    response = client.post(
        reverse("matching:opportunity_import", args=[slug]),
        {"file": SimpleUploadedFile("k.csv", "\n".join([HEADER, *GOOD]).encode())},
    )
    assert response.status_code == 403 and not ImportJob.objects.exists()
