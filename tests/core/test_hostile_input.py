"""Hostile input into every form of every page gives a page with messages, never a server error.

Each page of tests.pages is opened as a persona; every form on it (and every htmx control that posts
or gets) is sent back with each value of HOSTILE in all of its fields, hidden ones included, and
files that are not what they claim. Every answer must be below 500. (On PostgreSQL a database error
aborts the test's transaction, so the requests after a first failure fail as well: read the first.)
"""

from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client

from spil.core.forms import as_key
from tests.core.test_role_page_matrix import ALLOWED
from tests.pages import page_urls
from tests.rows import add_rows

HOSTILE = [
    "x" * 6_000,  # beyond every column and field length
    "a\x00b",  # PostgreSQL refuses NUL characters in text
    "9" * 30,  # beyond every integer column (and, as a form count, beyond every formset)
    "-1",
    "0001-01-01 00:00",  # a date the conversion to UTC cannot take
    "²",  # str.isdigit() takes it, int() does not
]

# Logging out would end the persona's session for the pages after it; the language switch is
# Django's own view.
SKIPPED = ("/accounts/logout/", "/i18n/")

PERSONAS = ["coordinator", "partner_a", "wsp_advisor", "chair"]


class _Controls(HTMLParser):
    """The forms of a page (method, action, field names, file fields) and htmx controls outside them."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._open: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            method = (attrs.get("method") or "get").lower()
            action = attrs.get("action") or ""
            for verb in ("post", "get"):
                if attrs.get(f"hx-{verb}") is not None:
                    method, action = verb, attrs[f"hx-{verb}"]
            self._open = {"method": method, "action": action, "fields": set(), "files": set()}
            self.forms.append(self._open)
            return
        if tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            form = self._open
            if form is None:  # a control outside any form (htmx)
                form = None
                for verb in ("post", "get"):
                    if attrs.get(f"hx-{verb}") is not None:
                        form = {"method": verb, "action": attrs[f"hx-{verb}"], "fields": set(), "files": set()}
                        self.forms.append(form)
                if form is None:
                    return
            if tag == "input" and attrs.get("type") == "file":
                form["files"].add(attrs["name"])
            elif attrs["name"] != "csrfmiddlewaretoken":
                form["fields"].add(attrs["name"])
            return
        for verb in ("post", "get"):
            if self._open is None and attrs.get(f"hx-{verb}") is not None:
                self.forms.append({"method": verb, "action": attrs[f"hx-{verb}"], "fields": set(), "files": set()})

    def handle_endtag(self, tag):
        if tag == "form":
            self._open = None


def _garbage_files(names):
    return {
        name: SimpleUploadedFile("lijst.xlsx", b"PK\x03\x04 not a workbook \x00\xff", content_type="text/csv")
        for name in names
    }


def _send(client: Client, method: str, url: str, data: dict):
    try:
        response = client.post(url, data) if method == "post" else client.get(url, data)
    except Exception as error:  # any exception is the failure this test looks for
        return f"{type(error).__name__}: {str(error)[:300]}"
    if response.status_code >= 500:
        return f"status {response.status_code}"
    return None


def _forms_of(client: Client, url: str, seen: set) -> list[tuple[str, str, set, set]] | None:
    """The forms on the page at ``url`` not in ``seen`` as (method, action, fields, file fields); None if the
    page does not open."""
    response = client.get(url)
    if response.status_code != 200:
        return None
    if "html" not in response.get("Content-Type", ""):
        return []  # a download or a calendar: nothing to fill in
    controls = _Controls()
    controls.feed(response.content.decode())
    path, _sep, query = url.partition("?")
    if query:  # the page's own query parameters (filters, a chosen organisation)
        controls.forms.append({"method": "get", "action": path, "fields": set(parse_qs(query)), "files": set()})
    found = []
    for form in controls.forms:
        action = urljoin(url, form["action"]) if form["action"] else url
        key = (form["method"], action.split("?")[0], frozenset(form["fields"]))
        if key in seen or not action.startswith("/") or action.startswith(SKIPPED):
            continue
        seen.add(key)
        found.append((form["method"], action, form["fields"] or {"q"}, form["files"]))
    return found


def _attack(client: Client, label: str, form: tuple, failures: list[str]) -> int:
    """Send a form back with each hostile value in all its fields, then (on PostgreSQL, which refuses it) with
    NUL in one field at a time and "1" in the others, so that a field checked first does not hide the rest.
    The number of requests."""
    method, action, fields, files = form
    variants = [dict.fromkeys(fields, value) for value in HOSTILE]
    if method == "post" and len(fields) > 1 and connection.vendor == "postgresql":  # SQLite stores NUL
        variants += [{**dict.fromkeys(fields, "1"), name: "a\x00b"} for name in sorted(fields)]
    for data in variants:
        if method == "post":
            data.update(_garbage_files(files))
        problem = _send(client, method, action, data)
        if problem:
            shown = {name: value[:12] for name, value in data.items() if isinstance(value, str) and value != "1"}
            failures.append(f"{label} {method.upper()} {action} {shown}: {problem}")
    return len(variants)


# Forms that remove what later forms need (their objects would be gone): sent last.
DESTRUCTIVE = ("/verwijderen/", "/wissen/", "/beeindigen/", "/weg/", "/stoppen/")


@pytest.mark.django_db
def test_hostile_values_in_every_form_never_give_a_server_error(cast):
    add_rows(cast, 2)
    urls = page_urls(cast)
    client = Client()
    seen: set = set()  # each form once, by the first persona who sees it
    opened, forms = set(), []
    # First every page as every persona (before anything is removed), then the forms.
    for persona in PERSONAS:
        client.force_login(getattr(cast, persona))
        for page, url in urls.items():
            found = _forms_of(client, url, seen)
            if found is not None:
                opened.add(page)
                forms += [(persona, page, form) for form in found]
    expected = {page for page, who in ALLOWED.items() if who & set(PERSONAS)}
    assert expected - opened == set()  # no page went unchecked
    forms.sort(key=lambda item: any(part in item[2][1] for part in DESTRUCTIVE))
    failures: list[str] = []
    sent = 0
    logged_in = None
    for persona, page, form in forms:
        if persona != logged_in:
            client.force_login(getattr(cast, persona))
            logged_in = persona
        sent += _attack(client, f"{persona} {page}", form, failures)
    assert sent > 800
    assert not failures, "\n".join(failures)


@pytest.mark.django_db
def test_hostile_values_in_the_public_forms_never_give_a_server_error(cast):
    from spil.communication.services import unsubscribe_token
    from spil.desk.models import Request as DeskRequest

    add_rows(cast, 2)
    slug = cast.network.slug
    desk_request = DeskRequest.objects.filter(network=cast.network).order_by("pk").first()
    urls = [
        "/accounts/login/",
        "/accounts/password/reset/",
        f"/aanmelden/{slug}/",
        f"/loket/{slug}/",
        f"/loket/status/{desk_request.token}/",
        f"/wegwijzer/{slug}/",
        f"/afmelden/{unsubscribe_token(cast.network.pk, 'lezer@example.org')}/",
    ]
    failures: list[str] = []
    client = Client()
    forms = [form for url in urls for form in _forms_of(client, url, set()) or []]
    sent = sum(_attack(client, "anonymous", form, failures) for form in forms)
    assert sent > 30
    assert not failures, "\n".join(failures)


def test_as_key_takes_only_plain_digits_that_fit_a_key():
    assert as_key("12") == 12
    assert as_key(" 7 ") == 7
    assert as_key(3) == 3
    for value in ("", None, "-1", "²", "1e3", "12a", "9" * 19):
        assert as_key(value) is None
