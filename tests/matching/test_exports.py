"""Exports of the candidate, opportunity and match lists (CSV and XLSX): the same scope and filters as the
pages, anonymous profiles for employers, consent checked on every download, and an access-log line for every
exported candidate, written in a fixed number of queries. An XLSX file is made by an export job (asked for with
a POST, built by the task, downloaded from the job: see test_export_jobs.py); these tests go that way."""

import csv
import io
import zipfile
from datetime import date
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from openpyxl import load_workbook

from spil.accounts.models import Membership, Role
from spil.matching import templates
from spil.matching.candidate_selectors import strip_identity
from spil.matching.candidate_services import consent_revoke
from spil.matching.match_services import match_propose
from spil.matching.models import AccessLog, Consent, Match
from tests.cast import make_organisation, make_partnership, make_user
from tests.matching.candidate_factories import FIRST, LAST, add_consent, make_candidate
from tests.matching.opportunity_factories import make_opportunity

pytestmark = pytest.mark.django_db

EMAIL, PHONE = "fatima@example.org", "06 1234 5678"
BIRTH_DATES = ("17-05-1990", "1990-05-17", "17/05/1990", "1990-05-17 00:00:00")


KINDS = {"candidates_export": "candidates", "opportunities_export": "opportunities", "matches_export": "matches"}


def _get(client, cast, name: str, fmt: str = "csv", **params):
    if fmt == "xlsx":
        return _xlsx(client, cast, name, params)
    return client.get(reverse(f"matching:{name}", args=[cast.network.slug, fmt]), params)


def _xlsx(client, cast, name: str, params: dict):
    """Ask for the list's XLSX export, let the task run (on commit) and download the file; any other answer to
    the request (403, 404) as it is."""
    url = reverse("matching:export_create", args=[cast.network.slug, KINDS[name], "xlsx"])
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(f"{url}?{urlencode(params)}" if params else url)
    if response.status_code != 302 or "/exports/" not in response.url:
        return response
    job = resolve(response.url).kwargs["pk"]
    return client.get(reverse("matching:export_download", args=[cast.network.slug, job]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _csv_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return _body(response).decode("utf-8-sig")


def _table(response) -> list[list]:
    """The rows of a CSV or XLSX download (header first), as text."""
    assert response.status_code == 200
    if response["Content-Type"].startswith("text/csv"):
        return list(csv.reader(io.StringIO(_csv_text(response))))
    book = load_workbook(io.BytesIO(_body(response)), read_only=True)
    return [["" if v is None else str(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]


def _column(rows, header: str) -> list[str]:
    position = rows[0].index(header)
    return [row[position] for row in rows[1:]]


def _other_wsp(cast):
    """A second public partner in the network with its own advisor and candidate."""
    uwv = make_organisation("UWV Testregio", "45678901", kind="uwv")
    make_partnership(cast.network, uwv)
    advisor = make_user("uwv@example.org", "Uma", "UWV")
    Membership.objects.create(user=advisor, network=cast.network, role=Role.PUBLIC_ADVISOR, organisation=uwv)
    candidate = make_candidate(cast, organisation=uwv, first_name="Yusuf", last_name="Demir", email="y@example.org")
    return advisor, candidate


# candidates


def test_an_advisor_exports_the_own_organisations_candidates_in_the_import_columns(cast, client):
    own = make_candidate(cast, consents=())  # the advisor's own, consent or not
    other_advisor, theirs = _other_wsp(cast)
    client.force_login(cast.wsp_advisor)

    text = _csv_text(_get(client, cast, "candidates_export"))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [column.header for column in templates.CANDIDATE_COLUMNS]
    assert _column(rows, "kenmerk") == [str(own.pk)]
    assert FIRST in text and EMAIL in text and "17-05-1990" in text and "Afwassen; Tafels dekken" in text
    assert "Demir" not in text and "y@example.org" not in text

    client.force_login(other_advisor)
    rows = _table(_get(client, cast, "candidates_export"))
    assert _column(rows, "kenmerk") == [str(theirs.pk)] and _column(rows, "achternaam") == ["Demir"]


def test_the_export_follows_the_search_of_the_list(cast, client):
    make_candidate(cast, first_name="Anna", tasks=["Afwassen"])
    make_candidate(cast, first_name="Bram", tasks=["Lassen"])
    client.force_login(cast.wsp_advisor)
    rows = _table(_get(client, cast, "candidates_export", "xlsx", q="lassen"))
    assert _column(rows, "voornaam") == ["Bram"]


def test_an_exported_file_can_be_imported_again(cast, client):
    make_candidate(cast, target_groups=["wajong", "ww"], support_needs=["job_coach"], sectors=["Horeca", "Zorg"])
    make_opportunity(cast, title="Afwasser", starts_on=date(2026, 9, 1), support=["buddy"])
    client.force_login(cast.wsp_advisor)
    for fmt in ("csv", "xlsx"):
        content = _body(_get(client, cast, "candidates_export", fmt))
        [record] = templates.parse("candidates", f"export.{fmt}", content)
        assert (record["first_name"], record["last_name"], record["email"]) == (FIRST, LAST, EMAIL)
        assert record["birth_date"].isoformat() == "1990-05-17"
        assert record["target_groups"] == ["wajong", "ww"] and record["support_needs"] == ["job_coach"]
        assert record["tasks"] == ["Afwassen", "Tafels dekken"] and record["sectors"] == ["Horeca", "Zorg"]

        content = _body(_get(client, cast, "opportunities_export", fmt))
        [record] = templates.parse("opportunities", f"export.{fmt}", content)
        assert (record["employer"], record["title"], record["kind"]) == (cast.org_a.name, "Afwasser", "vacancy")
        assert record["tasks"] == [("Afwassen", 60), ("Koken", 40)] and record["support"] == ["buddy"]
        assert record["starts_on"].isoformat() == "2026-09-01"


def test_the_coordinator_exports_what_the_coordinator_list_shows(cast, client):
    shown = make_candidate(cast, first_name="Gedeeld", consents=("match",))
    make_candidate(cast, first_name="Binnenshuis", consents=("anonymous_profile",))
    client.force_login(cast.coordinator)
    rows = _table(_get(client, cast, "candidates_export", "xlsx"))
    assert _column(rows, "kenmerk") == [str(shown.pk)]
    assert _column(rows, "voornaam") == ["Gedeeld"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_employer_gets_anonymous_profiles_without_names_contact_details_or_birth_date(cast, client, fmt):
    # Even with consent to share contact details with this employer: the list export stays anonymous.
    profile = make_candidate(cast, consents=("anonymous_profile", "share_contact"), employer=cast.org_a)
    profile.pitch = f"Ik ben {FIRST} {LAST}, bel {PHONE} of mail {EMAIL}. Ik werk graag met mijn handen."
    profile.save()
    make_candidate(cast, first_name="Zonder", last_name="Profiel", consents=("match",))
    client.force_login(cast.partner_a)

    response = _get(client, cast, "candidates_export", fmt)
    rows = _table(response)
    assert _column(rows, "kandidaat") == [f"Kandidaat {profile.pk}"]
    assert _column(rows, "leeftijd")[0].endswith("jaar")
    assert "Ik werk graag met mijn handen." in _column(rows, "pitch")[0]
    body = _body(_get(client, cast, "candidates_export", fmt))
    if fmt == "xlsx":  # every part of the zipped workbook, as text
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            text = "".join(archive.read(name).decode() for name in archive.namelist())
    else:
        text = body.decode("utf-8-sig")
    text += " ".join(" ".join(row) for row in rows)
    for secret in (FIRST, LAST, "Zonder", "Profiel", EMAIL, PHONE, "12345678", *BIRTH_DATES):
        assert secret not in text


def test_a_revoked_consent_is_absent_from_the_next_export_at_once(cast, client):
    candidate = make_candidate(cast)
    client.force_login(cast.partner_a)
    response = _get(client, cast, "candidates_export")
    assert "no-store" in response["Cache-Control"]
    rows = _table(response)
    assert _column(rows, "kandidaat") == [f"Kandidaat {candidate.pk}"]

    consent = Consent.objects.get(candidate=candidate, purpose="anonymous_profile")
    consent_revoke(consent_id=consent.pk, user=cast.wsp_advisor)
    assert _table(_get(client, cast, "candidates_export")) == [rows[0]]

    client.force_login(cast.coordinator)
    assert len(_table(_get(client, cast, "candidates_export"))) == 2
    consent_revoke(consent_id=Consent.objects.get(candidate=candidate, purpose="match").pk, user=cast.wsp_advisor)
    assert len(_table(_get(client, cast, "candidates_export", "xlsx"))) == 1


def test_every_exported_candidate_gets_an_access_log_line(cast, client):
    candidates = [make_candidate(cast, first_name=f"Kandidaat{i}") for i in range(3)]
    _advisor, theirs = _other_wsp(cast)
    AccessLog.objects.all().delete()
    client.force_login(cast.wsp_advisor)
    _get(client, cast, "candidates_export", "xlsx")
    lines = AccessLog.objects.all()
    assert sorted(line.candidate_id for line in lines) == sorted(c.pk for c in candidates)
    assert {(line.user, line.network, line.action, line.reason) for line in lines} == {
        (cast.wsp_advisor, cast.network, "export", "Export kandidatenlijst (XLSX)")
    }

    client.force_login(cast.partner_a)
    _get(client, cast, "candidates_export", "csv")
    lines = AccessLog.objects.filter(user=cast.partner_a)
    assert sorted(line.candidate_id for line in lines) == sorted(c.pk for c in [*candidates, theirs])
    assert {line.reason for line in lines} == {"Export kandidatenlijst, anonieme profielen (CSV)"}


# opportunities


def test_the_opportunity_export_follows_the_scope_and_filters_of_the_list(cast, client):
    make_opportunity(cast, title="Afwasser")
    make_opportunity(cast, title="Stagiair keuken", kind="internship")
    make_opportunity(cast, cast.org_b, title="Timmerman", shares=[("Timmeren", 100)])
    closed = make_opportunity(cast, title="Oude kans")
    closed.is_open = False
    closed.save()

    client.force_login(cast.coordinator)
    rows = _table(_get(client, cast, "opportunities_export"))
    assert rows[0] == [column.header for column in templates.OPPORTUNITY_COLUMNS]
    assert sorted(_column(rows, "titel")) == ["Afwasser", "Stagiair keuken", "Timmerman"]
    assert _column(_table(_get(client, cast, "opportunities_export", "xlsx", soort="internship")), "titel") == [
        "Stagiair keuken"
    ]
    assert len(_table(_get(client, cast, "opportunities_export", status="all"))) == 5

    client.force_login(cast.partner_b)
    rows = _table(_get(client, cast, "opportunities_export", "xlsx"))
    assert _column(rows, "titel") == ["Timmerman"] and _column(rows, "taken") == ["Timmeren:100"]


# matches


def _matches(cast):
    opportunity = make_opportunity(cast, title="Afwasser")
    shown = make_candidate(cast, first_name="Zichtbaar", tasks=["Afwassen"])
    hidden = make_candidate(cast, first_name="Ingetrokken", tasks=["Afwassen"])
    for candidate in (shown, hidden):
        match_propose(candidate=candidate, opportunity=opportunity, user=cast.wsp_advisor)
    return shown, hidden


def test_the_match_export_names_only_candidates_the_member_may_see_and_logs_them(cast, client):
    shown, hidden = _matches(cast)
    consent_revoke(consent_id=Consent.objects.get(candidate=hidden, purpose="match").pk, user=cast.wsp_advisor)
    AccessLog.objects.all().delete()

    client.force_login(cast.coordinator)
    rows = _table(_get(client, cast, "matches_export", "xlsx"))
    names = dict(zip(_column(rows, "kandidaat"), _column(rows, "naam"), strict=True))
    assert names == {f"Kandidaat {shown.pk}": f"Zichtbaar {LAST}", f"Kandidaat {hidden.pk}": ""}
    assert set(_column(rows, "fase")) == {"Voorgelegd aan de werkgever"}
    assert _column(rows, "werkgever") == [cast.org_a.name] * 2
    assert all(_column(rows, "voorgelegd op"))
    assert list(AccessLog.objects.values_list("candidate_id", "action", "reason")) == [
        (shown.pk, "export", "Export matches (XLSX)")
    ]

    client.force_login(cast.wsp_advisor)  # the registering organisation sees both
    assert sorted(_column(_table(_get(client, cast, "matches_export")), "naam")) == [
        f"Ingetrokken {LAST}",
        f"Zichtbaar {LAST}",
    ]


def test_an_employer_exports_its_proposed_matches_without_names(cast, client):
    _matches(cast)
    AccessLog.objects.all().delete()
    client.force_login(cast.partner_a)
    response = _get(client, cast, "matches_export")
    text = _csv_text(response)
    rows = list(csv.reader(io.StringIO(text)))
    assert "naam" not in rows[0] and len(rows) == 3
    assert FIRST not in text and LAST not in text and "Zichtbaar" not in text
    assert not AccessLog.objects.exists()
    client.force_login(cast.partner_b)
    assert len(_table(_get(client, cast, "matches_export", "xlsx"))) == 1
    assert len(_table(_get(client, cast, "matches_export", fase="trial"))) == 1


# safety, size and access


def test_text_that_looks_like_a_formula_stays_text(cast, client):
    make_candidate(cast, first_name='=HYPERLINK("http://x")', last_name="@SUM(A1)", phone="+31 6 1234 5678")
    client.force_login(cast.wsp_advisor)
    text = _csv_text(_get(client, cast, "candidates_export"))
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and ",+31 6 1234 5678," in text
    book = load_workbook(io.BytesIO(_get(client, cast, "candidates_export", "xlsx").content))
    sheet = book.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    cell = sheet.cell(2, header.index("voornaam") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'


def _export_queries(client, cast, persona: str, name: str, fmt: str) -> int:
    client.force_login(getattr(cast, persona))
    with CaptureQueriesContext(connection) as queries:
        response = _get(client, cast, name, fmt)
        _body(response)
    assert response.status_code == 200
    return len(queries)


EXPORTS = [
    ("wsp_advisor", "candidates_export"),
    ("coordinator", "candidates_export"),
    ("partner_a", "candidates_export"),
    ("coordinator", "opportunities_export"),
    ("coordinator", "matches_export"),
    ("wsp_advisor", "matches_export"),
    ("partner_a", "matches_export"),
]


def _fill(cast, opportunity, start: int, n: int) -> None:
    for i in range(start, start + n):
        candidate = make_candidate(cast, first_name=f"Rij{i}", tasks=["Afwassen", f"Taak {i}"])
        add_consent(cast, candidate, "share_contact", employer=cast.org_a)
        match = Match.objects.create(candidate=candidate, opportunity=opportunity, score=50, stage="proposed")
        match.events.create(stage="proposed")
        make_opportunity(cast, title=f"Kans {i}", shares=[("Afwassen", 50), (f"Taak {i}", 50)])


def test_the_number_of_queries_is_the_same_for_1_and_50_rows(cast, client):
    opportunity = make_opportunity(cast, title="Eerste")
    _fill(cast, opportunity, 0, 1)
    one = {(p, n, f): _export_queries(client, cast, p, n, f) for p, n in EXPORTS for f in ("csv", "xlsx")}
    _fill(cast, opportunity, 1, 49)
    fifty = {(p, n, f): _export_queries(client, cast, p, n, f) for p, n in EXPORTS for f in ("csv", "xlsx")}
    assert fifty == one


@pytest.mark.parametrize("persona", ["backoffice", "chair", "core_member", "steering", "editor", "outsider"])
def test_roles_without_candidates_get_no_candidate_or_match_export(cast, client, persona):
    make_candidate(cast)
    client.force_login(getattr(cast, persona))
    for name in ("candidates_export", "matches_export"):
        for fmt in ("csv", "xlsx"):
            assert _get(client, cast, name, fmt).status_code in (403, 404)
    assert not AccessLog.objects.filter(action="export").exists()


@pytest.mark.parametrize("persona", ["steering", "editor", "outsider"])
def test_roles_without_opportunities_get_no_opportunity_export(cast, client, persona):
    client.force_login(getattr(cast, persona))
    assert _get(client, cast, "opportunities_export").status_code in (403, 404)


def test_an_unknown_format_is_not_found_and_anonymous_visitors_log_in(cast, client):
    assert _get(client, cast, "candidates_export").status_code == 302
    client.force_login(cast.coordinator)
    assert _get(client, cast, "candidates_export", "pdf").status_code == 404


def test_the_pitch_loses_the_names_also_when_the_case_differs_or_the_letters_are_turkish():
    assert strip_identity("Ik ben JAN de vries.", first_name="Jan", last_name="de Vries") == "Ik ben … …."
    assert (
        strip_identity("Ik heet ilker en ben kok.", first_name="İlker", last_name="Yılmaz") == "Ik heet … en ben kok."
    )
    assert strip_identity("Ik heet ılker.", first_name="Ilker", last_name="Demir") == "Ik heet …."
    assert strip_identity("Ik werk graag.", first_name="Sam", last_name="Bakker") == "Ik werk graag."


def test_the_list_pages_link_to_their_exports_with_the_filters_but_not_the_page_number(cast, client):
    make_candidate(cast)
    make_opportunity(cast, title="Afwasser")
    client.force_login(cast.wsp_advisor)
    slug = cast.network.slug
    pages = {
        "candidates": ("candidates_export", "?q=afwassen&page=1", "?q=afwassen"),
        "opportunities": ("opportunities_export", "?soort=vacancy&status=all&page=1", "?soort=vacancy&amp;status=all"),
    }
    for page, (export, query, carried) in pages.items():
        body = client.get(reverse(f"matching:{page}", args=[slug]) + query).content.decode()
        assert f'href="{reverse(f"matching:{export}", args=[slug, "csv"])}{carried}"' in body
        # XLSX: a POST that queues an export job, with the same filters.
        action = reverse("matching:export_create", args=[slug, page, "xlsx"])
        assert f'<form method="post" action="{action}{carried}"' in body
