"""XLSX exports of the matching lists run in the background as export jobs: the file the direct download
built, with consent read when the job runs and the access-log lines written in one bulk write when the file is
made; a progress bar; a file that only its requester downloads, for a limited time, after which the sweep
empties it."""

import io
import zipfile
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone
from openpyxl import load_workbook

from spil.accounts.models import Membership, Role
from spil.core.downloads import CONTENT_TYPES, table_response
from spil.matching import export_job_services
from spil.matching.candidate_services import consent_revoke
from spil.matching.match_services import match_propose
from spil.matching.models import AccessLog, Consent, ExportJob
from spil.matching.tasks import export_files_sweep
from tests.cast import make_user
from tests.matching.candidate_factories import FIRST, LAST, make_candidate
from tests.matching.opportunity_factories import make_opportunity

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "fatima@example.org", "06 1234 5678"


def _post(client, cast, kind: str = "candidates", fmt: str = "xlsx", **params):
    url = reverse("matching:export_create", args=[cast.network.slug, kind, fmt])
    return client.post(f"{url}?{urlencode(params)}" if params else url)


def _export(client, cast, capture, kind: str = "candidates", **params) -> ExportJob:
    """Ask for an export as the logged-in member and let the task run (after commit)."""
    with capture(execute=True):
        response = _post(client, cast, kind, **params)
    assert response.status_code == 302
    job = ExportJob.objects.get(pk=resolve(response.url).kwargs["pk"])
    assert response.url == reverse("matching:export_job", args=[cast.network.slug, job.pk])
    return job


def _url(name: str, cast, job) -> str:
    return reverse(f"matching:{name}", args=[cast.network.slug, job.pk])


def _download(client, cast, job) -> bytes:
    response = client.get(_url("export_download", cast, job))
    assert response.status_code == 200
    return response.content


def _rows(content: bytes) -> tuple[list[str], list[list]]:
    book = load_workbook(io.BytesIO(content), read_only=True)
    return book.sheetnames, [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def _matches(cast):
    opportunity = make_opportunity(cast, title="Afwasser")
    make_opportunity(cast, title="Stagiair keuken", kind="internship")
    candidates = [make_candidate(cast, first_name=name, tasks=["Afwassen"]) for name in ("Anna", "Bram")]
    for candidate in candidates:
        match_propose(candidate=candidate, opportunity=opportunity, user=cast.wsp_advisor)
    make_candidate(cast, first_name="Cem", tasks=["Lassen"])
    return candidates


# the file


@pytest.mark.parametrize(
    ("persona", "kind", "params", "filters"),
    [
        ("wsp_advisor", "candidates", {"q": "afwassen", "page": "2"}, {"q": "afwassen"}),
        ("coordinator", "candidates", {}, {"q": ""}),
        ("partner_a", "candidates", {}, {"q": ""}),
        ("coordinator", "opportunities", {"soort": "internship"}, {"kind": "internship", "status": "open", "q": ""}),
        ("partner_b", "opportunities", {"status": "all"}, {"kind": "", "status": "all", "q": ""}),
        ("coordinator", "matches", {"fase": "proposed"}, {"stage": "proposed"}),
        ("partner_a", "matches", {}, {"stage": ""}),
    ],
)
def test_the_job_builds_the_file_the_direct_download_built(
    cast, client, django_capture_on_commit_callbacks, persona, kind, params, filters
):
    _matches(cast)
    client.force_login(getattr(cast, persona))
    job = _export(client, cast, django_capture_on_commit_callbacks, kind, **params)
    assert job.filters == filters
    assert job.status == "done" and job.processed == job.total and job.percentage == 100
    content = _download(client, cast, job)

    # As the list's XLSX download was made in the request before: the same builder, the same writer.
    membership = Membership.objects.get(user=getattr(cast, persona), network=cast.network)
    table = export_job_services.BUILDERS[kind](membership=membership, **filters).table
    before = table_response(table, "xlsx")
    assert _rows(content) == _rows(before.content)
    assert job.total == len(table.rows) and job.filename == f"{table.filename}.xlsx"
    assert before["Content-Disposition"] == f'attachment; filename="{job.filename}"'


def test_the_candidate_file_holds_the_filtered_list_in_the_import_columns(
    cast, client, django_capture_on_commit_callbacks
):
    anna, bram = _matches(cast)
    client.force_login(cast.wsp_advisor)
    job = _export(client, cast, django_capture_on_commit_callbacks, q="afwassen")
    _sheets, rows = _rows(_download(client, cast, job))
    assert rows[0][:3] == ["kenmerk", "voornaam", "achternaam"]
    assert sorted(row[0] for row in rows[1:]) == [anna.pk, bram.pk]
    assert {row[3] for row in rows[1:]} == {EMAIL}


def test_an_employers_file_holds_anonymous_profiles_without_personal_data(
    cast, client, django_capture_on_commit_callbacks
):
    profile = make_candidate(cast, consents=("anonymous_profile", "share_contact"), employer=cast.org_a)
    profile.pitch = f"Ik ben {FIRST} {LAST}, bel {PHONE} of mail {EMAIL}. Ik werk graag met mijn handen."
    profile.save()
    make_candidate(cast, first_name="Zonder", last_name="Profiel", consents=("match",))
    client.force_login(cast.partner_a)
    job = _export(client, cast, django_capture_on_commit_callbacks)
    content = _download(client, cast, job)
    _sheets, rows = _rows(content)
    assert [row[0] for row in rows[1:]] == [f"Kandidaat {profile.pk}"]
    assert "Ik werk graag met mijn handen." in rows[1][-1]
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # every part of the zipped workbook, as text
        text = "".join(archive.read(name).decode() for name in archive.namelist())
    for secret in (FIRST, LAST, "Zonder", "Profiel", EMAIL, PHONE, "17-05-1990", "1990-05-17"):
        assert secret not in text and secret not in job.filename


def test_a_consent_revoked_before_the_job_runs_is_absent(cast, client, django_capture_on_commit_callbacks):
    kept = make_candidate(cast, first_name="Blijft")
    gone = make_candidate(cast, first_name="Ingetrokken")
    client.force_login(cast.coordinator)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(client, cast)
    job = ExportJob.objects.get()
    assert job.status == "queued" and not AccessLog.objects.filter(action="export").exists()

    consent_revoke(consent_id=Consent.objects.get(candidate=gone, purpose="match").pk, user=cast.wsp_advisor)
    for callback in callbacks:
        callback()
    job.refresh_from_db()
    _sheets, rows = _rows(_download(client, cast, job))
    assert [row[0] for row in rows[1:]] == [kept.pk]
    assert list(AccessLog.objects.filter(action="export").values_list("candidate_id", flat=True)) == [kept.pk]


def test_a_member_whose_role_changed_before_the_job_ran_gets_no_file(cast, client, django_capture_on_commit_callbacks):
    make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _post(client, cast)
    Membership.objects.filter(user=cast.wsp_advisor, network=cast.network).update(
        role=Role.PARTNER_CONTACT, organisation=cast.org_a
    )
    for callback in callbacks:
        callback()
    job = ExportJob.objects.get()
    assert job.status == "failed" and bytes(job.content) == b"" and "rol" in job.message
    assert not AccessLog.objects.filter(action="export").exists()


# the access log


def test_the_access_log_lines_are_written_in_one_bulk_write_when_the_file_is_made(
    cast, client, django_capture_on_commit_callbacks
):
    candidates = [make_candidate(cast, first_name=f"Kandidaat{i}") for i in range(3)]
    AccessLog.objects.all().delete()
    client.force_login(cast.wsp_advisor)
    with CaptureQueriesContext(connection) as queries:
        job = _export(client, cast, django_capture_on_commit_callbacks)
    writes = [
        q["sql"] for q in queries.captured_queries if q["sql"].lower().count("insert into") and "accesslog" in q["sql"]
    ]
    assert len(writes) == 1
    lines = AccessLog.objects.all()
    assert sorted(line.candidate_id for line in lines) == sorted(c.pk for c in candidates)
    assert {(line.user, line.network, line.action, line.reason) for line in lines} == {
        (cast.wsp_advisor, cast.network, "export", "Export kandidatenlijst (XLSX)")
    }
    _download(client, cast, job)  # the file was logged when it was made, not again per download
    assert AccessLog.objects.count() == 3

    client.force_login(cast.partner_a)
    _export(client, cast, django_capture_on_commit_callbacks)
    assert set(AccessLog.objects.filter(user=cast.partner_a).values_list("reason", flat=True)) == {
        "Export kandidatenlijst, anonieme profielen (XLSX)"
    }
    client.force_login(cast.coordinator)
    _export(client, cast, django_capture_on_commit_callbacks, "opportunities")
    assert not AccessLog.objects.filter(user=cast.coordinator).exists()  # opportunities hold no personal data


# progress


def test_the_job_writes_its_progress_every_few_hundred_rows(
    cast, client, django_capture_on_commit_callbacks, monkeypatch
):
    assert 100 <= export_job_services.PROGRESS_EVERY <= 1000
    for i in range(5):
        make_candidate(cast, first_name=f"Rij{i}")
    monkeypatch.setattr(export_job_services, "PROGRESS_EVERY", 2)
    written = []
    progress = ExportJob.record_progress

    def spy(job, **fields):
        written.append({name: fields[name] for name in ("status", "total", "processed") if name in fields})
        progress(job, **fields)

    monkeypatch.setattr(ExportJob, "record_progress", spy)
    client.force_login(cast.wsp_advisor)
    job = _export(client, cast, django_capture_on_commit_callbacks)
    assert written == [
        {"status": "running", "total": 0, "processed": 0},
        {"total": 5},
        {"processed": 2},
        {"processed": 4},
        {"status": "done", "processed": 5},
    ]
    assert (job.status, job.total, job.processed, job.percentage) == ("done", 5, 5, 100)


def _running(cast, **fields) -> ExportJob:
    values = {"status": "running", "total": 1000, "processed": 400, **fields}
    return ExportJob.objects.create(
        network=cast.network,
        user=cast.wsp_advisor,
        role="public_advisor",
        organisation=cast.wsp,
        kind="candidates",
        **values,
    )


def test_a_running_job_shows_a_progress_bar_that_polls(cast, client):
    job = _running(cast)
    client.force_login(cast.wsp_advisor)
    page = client.get(_url("export_job", cast, job)).content.decode()
    assert 'value="40"' in page and 'hx-trigger="every 1s"' in page and "400 van 1000 rijen" in page
    assert page.count('id="export-progress"') == 1 and 'role="status"' in page
    assert "Alleen u kunt het dan downloaden, 60 minuten lang" in page
    progress = _url("export_progress", cast, job)
    assert client.get(progress).json() == {"status": "running", "total": 1000, "processed": 400, "percentage": 40}
    partial = client.get(progress, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in partial and "<progress" in partial.content.decode()
    assert client.get(_url("export_download", cast, job)).status_code == 404  # nothing to download yet

    queued = _running(cast, status="queued", total=0, processed=0)
    assert client.get(_url("export_progress", cast, queued)).json()["percentage"] == 0
    ExportJob.objects.filter(pk=job.pk).update(status="done", processed=1000, finished_at=timezone.now(), content=b"x")
    partial = client.get(progress, headers={"HX-Request": "true"})
    assert partial["HX-Refresh"] == "true"
    assert client.get(progress).json()["percentage"] == 100


# who downloads, and for how long


def test_only_the_member_who_asked_sees_the_job_and_downloads_the_file(
    cast, client, django_capture_on_commit_callbacks
):
    make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    job = _export(client, cast, django_capture_on_commit_callbacks)
    urls = [_url(name, cast, job) for name in ("export_job", "export_progress", "export_download")]
    assert [client.get(url).status_code for url in urls] == [200, 200, 200]
    page = client.get(urls[0]).content.decode()
    assert "Alleen u kunt dit bestand downloaden" in page and urls[2] in page

    colleague = make_user("collega@example.org")  # same organisation, same role: still not the requester
    Membership.objects.create(user=colleague, network=cast.network, role=Role.PUBLIC_ADVISOR, organisation=cast.wsp)
    for user in (colleague, cast.coordinator, cast.partner_a, cast.backoffice, cast.outsider):
        client.force_login(user)
        assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    # Nor the requester in another role: the file holds what the old role saw.
    Membership.objects.filter(user=cast.wsp_advisor, network=cast.network).update(
        role=Role.PARTNER_CONTACT, organisation=cast.org_a
    )
    client.force_login(cast.wsp_advisor)
    assert [client.get(url).status_code for url in urls] == [404, 404, 404]
    client.logout()
    assert all(client.get(url).url.startswith("/accounts/login/") for url in urls)


def test_the_download_is_private_and_never_cached(cast, client, django_capture_on_commit_callbacks):
    make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    job = _export(client, cast, django_capture_on_commit_callbacks)
    assert job.downloaded_at is None
    response = client.get(_url("export_download", cast, job))
    assert response["Cache-Control"] == "no-store, private"
    assert response["Content-Type"] == CONTENT_TYPES["xlsx"]
    assert response["Content-Disposition"] == f'attachment; filename="{job.filename}"'
    job.refresh_from_db()
    assert job.downloaded_at is not None


def test_the_file_is_wiped_by_the_sweep_once_its_time_is_over(
    cast, client, django_capture_on_commit_callbacks, settings
):
    assert "spil.matching.tasks.export_files_sweep" in settings.SPIL_SWEEPS
    assert settings.SPIL_EXPORT_KEEP_MINUTES == 60
    make_candidate(cast)
    client.force_login(cast.wsp_advisor)
    old = _export(client, cast, django_capture_on_commit_callbacks, q="fatima")
    fresh = _export(client, cast, django_capture_on_commit_callbacks)
    ExportJob.objects.filter(pk=old.pk).update(finished_at=timezone.now() - timedelta(minutes=61))
    # Past its time the file is not sent, even before the sweep empties it.
    assert client.get(_url("export_download", cast, old)).status_code == 404

    assert export_files_sweep.enqueue().return_value == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert bytes(old.content) == b"" and old.wiped_at is not None and old.status == "done"
    assert old.filters == {}  # a search may be a name
    assert bytes(fresh.content) != b"" and fresh.wiped_at is None
    assert "is gewist" in client.get(_url("export_job", cast, old)).content.decode()
    assert export_files_sweep.enqueue().return_value == 0  # nothing twice

    settings.SPIL_EXPORT_KEEP_MINUTES = 5
    ExportJob.objects.filter(pk=fresh.pk).update(finished_at=timezone.now() - timedelta(minutes=6))
    assert client.get(_url("export_download", cast, fresh)).status_code == 404
    assert export_files_sweep.enqueue().return_value == 1


# bad requests and roles


def test_an_unknown_kind_or_format_is_not_found_and_a_get_is_not_allowed(cast, client):
    client.force_login(cast.coordinator)
    for kind, fmt in (("kandidaten", "xlsx"), ("candidates", "pdf"), ("candidates", "csv"), ("import", "xlsx")):
        assert _post(client, cast, kind, fmt).status_code == 404
    slug = cast.network.slug
    assert client.get(reverse("matching:export_create", args=[slug, "candidates", "xlsx"])).status_code == 405
    # The list's own export address streams CSV only: an XLSX is never built in the request any more.
    assert client.get(reverse("matching:candidates_export", args=[slug, "xlsx"])).status_code == 404
    assert client.get(_url("export_job", cast, ExportJob(pk=999))).status_code == 404
    assert not ExportJob.objects.exists()


def test_the_request_needs_a_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.coordinator)
    assert _post(client, cast).status_code == 403
    assert not ExportJob.objects.exists()


@pytest.mark.parametrize("persona", ["backoffice", "chair", "core_member", "steering", "editor", "outsider"])
def test_roles_without_candidates_cannot_export_candidates_or_matches(cast, client, persona):
    client.force_login(getattr(cast, persona))
    for kind in ("candidates", "matches"):
        assert _post(client, cast, kind).status_code in (403, 404)
    assert not ExportJob.objects.exists()


def test_the_list_pages_post_the_xlsx_export_with_their_filters(cast, client):
    _matches(cast)
    client.force_login(cast.coordinator)
    slug = cast.network.slug
    pages = {
        "candidates": ("?q=afwassen&page=1", "?q=afwassen"),
        "opportunities": ("?soort=vacancy&status=all&page=1", "?soort=vacancy&amp;status=all"),
        "matches": ("?fase=proposed&page=1", "?fase=proposed"),
    }
    for kind, (query, carried) in pages.items():
        body = client.get(reverse(f"matching:{kind}", args=[slug]) + query).content.decode()
        action = reverse("matching:export_create", args=[slug, kind, "xlsx"])
        form = body[body.index(f'<form method="post" action="{action}{carried}"') :]
        form = form[: form.index("</form>")]
        assert 'name="csrfmiddlewaretoken"' in form and "Exporteren als Excel (XLSX)" in form
