"""Candidates are imported from CSV or XLSX all-or-nothing in a background task: a good file registers every
row (access-logged, without consent), a bad file registers nothing and lists the errors by row and column."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from spil.matching.models import AccessLog, Candidate, Consent, ImportJob, Task
from spil.partners.models import Organisation
from tests.cast import make_partnership

pytestmark = pytest.mark.django_db

HEADER = "kenmerk,voornaam,achternaam,postcode,gemeente,geboortedatum,opleiding,taken,uren per week"
GOOD = [
    "K-1,Sam,Jansen,3511 AB,Utrecht,15-03-1998,vmbo,kassa; vakkenvullen,24",
    "K-2,Lotte,Visser,3811AB,Amersfoort,1990-07-01,Mbo-2,afwassen,32",
]


def _csv(*lines: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *lines]).encode()


def _xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _upload(client, cast, name: str, content: bytes, capture, **extra):
    url = reverse("matching:candidate_import", args=[cast.network.slug])
    with capture(execute=True):
        response = client.post(url, {"file": _file(name, content), **extra})
    return response


def _file(name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_advisor_imports_a_good_csv(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.wsp_advisor)
    response = _upload(client, cast, "kandidaten.csv", _csv(*GOOD), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/imports/{job.pk}/")
    assert job.status == "done" and job.created_count == 2 and job.total == job.processed == 2
    assert bytes(job.content) == b""  # the file is not kept once read
    sam = Candidate.objects.get(first_name="Sam")
    assert sam.organisation == cast.wsp and sam.network == cast.network and sam.registered_by == cast.wsp_advisor
    assert sorted(t.name for t in sam.tasks.all()) == ["kassa", "vakkenvullen"]
    assert sam.latitude is not None
    # Access-logged, and no consent: consents are recorded per person.
    assert AccessLog.objects.filter(action="edit", reason="geïmporteerd").count() == 2
    assert not Consent.objects.exists()
    page = client.get(response.url).content.decode()
    assert "2 kandidaten geregistreerd" in page and "geen toestemming" in page
    assert reverse("matching:candidates", args=[cast.network.slug]) in page


def test_coordinator_imports_a_good_xlsx_for_a_chosen_public_partner(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.coordinator)
    rows = [HEADER.split(","), *[line.split(",") for line in GOOD]]
    rows[1][5] = datetime.date(1998, 3, 15)  # a real date cell
    response = _upload(
        client,
        cast,
        "kandidaten.xlsx",
        _xlsx(rows),
        django_capture_on_commit_callbacks,
        organisation=cast.wsp.pk,
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "done" and job.organisation == cast.wsp and job.created_count == 2
    assert set(Candidate.objects.values_list("organisation_id", flat=True)) == {cast.wsp.pk}


def test_coordinator_must_choose_a_public_partner(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.coordinator)
    response = _upload(
        client, cast, "k.csv", _csv(*GOOD), django_capture_on_commit_callbacks, organisation=cast.org_a.pk
    )
    assert response.status_code == 400
    assert not ImportJob.objects.exists() and not Candidate.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        # A BSN column, whatever its header says: the whole file is refused and the column named.
        (
            _csv("K-1,Sam,Jansen,3511 AB,Utrecht,15-03-1998,vmbo,kassa,24,111222333", header=HEADER + ",nummer"),
            [(None, "nummer", "BSN")],
        ),
        (_csv(*GOOD, header=HEADER + ",shoenmaat"), [(None, "shoenmaat", "onbekende kolom")]),
        (
            _csv(GOOD[0], "K-2,Lotte,Visser,38AB,Amersfoort,1990-07-01,vmbo,afwassen,32"),
            [(3, "postcode", "")],
        ),
        (
            _csv(GOOD[0], "K-2,Lotte,Visser,3811 AB,Amersfoort,31-02-1990,vmbo,afwassen,32"),
            [(3, "geboortedatum", "geen bestaande datum")],
        ),
    ],
    ids=["bsn", "wrong-column", "bad-postcode", "impossible-date"],
)
def test_a_bad_file_creates_nothing_and_lists_errors_per_row_and_column(
    cast, client, django_capture_on_commit_callbacks, content, expected
):
    client.force_login(cast.wsp_advisor)
    tasks_before = Task.objects.count()
    response = _upload(client, cast, "kandidaten.csv", content, django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.created_count == 0
    assert not Candidate.objects.exists() and not AccessLog.objects.exists()
    assert Task.objects.count() == tasks_before
    found = [(e["row"], e["column"]) for e in job.errors]
    for row, column, text in expected:
        assert (row, column) in found
        assert any(text in e["message"] for e in job.errors if (e["row"], e["column"]) == (row, column))
    page = client.get(response.url).content.decode()
    assert "Er is niets ingelezen" in page and "Fouten per rij en kolom" in page
    assert f"<td>{expected[0][1]}</td>" in page


def test_another_organisations_advisor_cannot_see_the_job(cast, client, django_capture_on_commit_callbacks):
    from spil.accounts.models import Membership, Role
    from tests.cast import make_user

    client.force_login(cast.wsp_advisor)
    _upload(client, cast, "kandidaten.csv", _csv(*GOOD), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    uwv = Organisation.objects.create(name="UWV Testregio", kind="uwv")
    make_partnership(cast.network, uwv)
    other = make_user("uwv@example.org", "Una", "Adviseur")
    Membership.objects.create(user=other, network=cast.network, role=Role.PUBLIC_ADVISOR, organisation=uwv)
    client.force_login(other)
    slug = cast.network.slug
    assert client.get(reverse("matching:import_job", args=[slug, job.pk])).status_code == 404
    assert client.get(reverse("matching:import_progress", args=[slug, job.pk])).status_code == 404
    assert "kandidaten.csv" not in client.get(reverse("matching:candidate_import", args=[slug])).content.decode()
    # Partner contacts and the kerngroep never reach it either.
    for persona in ("partner_a", "chair"):
        client.force_login(getattr(cast, persona))
        assert client.get(reverse("matching:import_job", args=[slug, job.pk])).status_code in (403, 404)


def test_progress_endpoint_answers_with_the_numbers(cast, client, django_capture_on_commit_callbacks):
    client.force_login(cast.wsp_advisor)
    _upload(client, cast, "kandidaten.csv", _csv(*GOOD), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    url = reverse("matching:import_progress", args=[cast.network.slug, job.pk])
    data = client.get(url).json()
    assert data == {"status": "done", "total": 2, "processed": 2, "percentage": 100, "created": 2, "errors": 0}
    partial = client.get(url, headers={"HX-Request": "true"})
    assert partial["HX-Refresh"] == "true" and "<progress" in partial.content.decode()


def test_a_running_job_shows_a_progress_bar_that_polls(cast, client):
    job = ImportJob.objects.create(
        network=cast.network,
        kind="candidates",
        user=cast.wsp_advisor,
        organisation=cast.wsp,
        filename="groot.csv",
        content=b"",
        status="running",
        total=1000,
        processed=400,
    )
    client.force_login(cast.wsp_advisor)
    page = client.get(reverse("matching:import_job", args=[cast.network.slug, job.pk])).content.decode()
    assert 'value="40"' in page and "hx-get" in page and "400 van 1000" in page
    assert page.count('id="import-progress"') == 1
    data = client.get(reverse("matching:import_progress", args=[cast.network.slug, job.pk])).json()
    assert data["processed"] == 400 and data["total"] == 1000 and data["percentage"] == 40


def test_templates_download_in_both_formats(cast, client):
    client.force_login(cast.wsp_advisor)
    slug = cast.network.slug
    csv_file = client.get(reverse("matching:candidate_import_template", args=[slug, "csv"]))
    assert csv_file.status_code == 200 and "voornaam" in csv_file.content.decode("utf-8-sig")
    xlsx_file = client.get(reverse("matching:candidate_import_template", args=[slug, "xlsx"]))
    book = load_workbook(io.BytesIO(xlsx_file.content))
    assert "voornaam" in [c.value for c in book.worksheets[0][1]]
    assert client.get(reverse("matching:candidate_import_template", args=[slug, "pdf"])).status_code == 404
    page = client.get(reverse("matching:candidate_import", args=[slug])).content.decode()
    assert "sjabloon.csv" in page and "sjabloon.xlsx" in page and "géén toestemming" in page


def test_a_failure_while_saving_leaves_nothing_behind(cast, client, django_capture_on_commit_callbacks, monkeypatch):
    from django.db import DatabaseError

    from spil.matching import import_services

    def broken(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(import_services, "log_access", broken)
    client.force_login(cast.wsp_advisor)
    tasks_before = Task.objects.count()
    _upload(client, cast, "kandidaten.csv", _csv(*GOOD), django_capture_on_commit_callbacks)
    job = ImportJob.objects.get()
    assert job.status == "failed" and job.errors and job.created_count == 0
    assert not Candidate.objects.exists() and Task.objects.count() == tasks_before


def test_progress_is_written_every_few_rows_while_checking(
    cast, client, django_capture_on_commit_callbacks, monkeypatch
):
    from spil.matching import import_services

    seen = []
    original = ImportJob.record_progress

    def spy(job, **fields):
        if "processed" in fields:
            seen.append(fields["processed"])
        original(job, **fields)

    monkeypatch.setattr(import_services, "PROGRESS_EVERY", 2)
    monkeypatch.setattr(ImportJob, "record_progress", spy)
    lines = [f"K-{n},Sam,Jansen,3511 AB,Utrecht,15-03-1998,vmbo,kassa,24" for n in range(5)]
    client.force_login(cast.wsp_advisor)
    _upload(client, cast, "kandidaten.csv", _csv(*lines), django_capture_on_commit_callbacks)
    assert seen == [0, 2, 4, 5]
    assert ImportJob.objects.get().created_count == 5
