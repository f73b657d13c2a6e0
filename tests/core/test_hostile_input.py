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
from django.test import Client

from spil.core.forms import as_key
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


def _attack(client: Client, label: str, url: str, failures: list[str], seen: set) -> int:
    """Send every form of the page at ``url`` not in ``seen`` back with each hostile value; the number
    of requests."""
    response = client.get(url)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return 0
    controls = _Controls()
    controls.feed(response.content.decode())
    path, _sep, query = url.partition("?")
    if query:  # the page's own query parameters (filters, a chosen organisation)
        controls.forms.append({"method": "get", "action": path, "fields": set(parse_qs(query)), "files": set()})
    sent = 0
    for form in controls.forms:
        action = urljoin(url, form["action"]) if form["action"] else url
        key = (form["method"], action.split("?")[0], frozenset(form["fields"]))
        if key in seen or not action.startswith("/") or action.startswith(SKIPPED):
            continue
        seen.add(key)
        fields = form["fields"] or {"q"}
        for value in HOSTILE:
            data = {name: value for name in fields}
            if form["method"] == "post":
                data.update(_garbage_files(form["files"]))
            problem = _send(client, form["method"], action, data)
            sent += 1
            if problem:
                failures.append(f"{label} {form['method'].upper()} {action} {value[:12]!r}: {problem}")
    return sent


@pytest.mark.django_db
def test_hostile_values_in_every_form_never_give_a_server_error(cast):
    add_rows(cast, 2)
    urls = page_urls(cast)
    failures: list[str] = []
    sent = 0
    client = Client()
    seen: set = set()  # each form once, by the first persona who sees it
    for persona in PERSONAS:
        client.force_login(getattr(cast, persona))
        for page, url in urls.items():
            sent += _attack(client, f"{persona} {page}", url, failures, seen)
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
    sent = sum(_attack(Client(), "anonymous", url, failures, set()) for url in urls)
    assert sent > 30
    assert not failures, "\n".join(failures)


def test_as_key_takes_only_plain_digits_that_fit_a_key():
    assert as_key("12") == 12
    assert as_key(" 7 ") == 7
    assert as_key(3) == 3
    for value in ("", None, "-1", "²", "1e3", "12a", "9" * 19):
        assert as_key(value) is None
