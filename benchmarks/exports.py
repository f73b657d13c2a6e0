"""Time the list exports (candidates, opportunities, matches; CSV and XLSX) on generated data.

    .venv/bin/python benchmarks/exports.py --size national
    .venv/bin/python benchmarks/exports.py --size national --one-network

The script makes a fresh SQLite database in a temporary directory (or uses the PostgreSQL database named in
--database-url, created and dropped as in pages.py), migrates, generates data of the given size and then
downloads each export a few times through django.test.Client as the benchmark logins of the first network,
reading the whole body (a streamed CSV included; an XLSX through its export job, which the immediate task
backend builds within the request that asks for it). It prints per export the median time, the rows, the size
of the file and the number of SQL queries.

--one-network moves every generated candidate, opportunity and consent into the first network, registered
by its WSP, and gives each candidate a proposed match: the national worst case of one export holding
every candidate (20,000 at the national size)."""

import argparse
import statistics
import sys
import time

from pages import HOST, bench_database

REPEAT = 3
EXPORTS = [
    ("advisor", "candidates_export"),
    ("coordinator", "candidates_export"),
    ("partner", "candidates_export"),
    ("coordinator", "opportunities_export"),
    ("coordinator", "matches_export"),
    ("partner", "matches_export"),
]


def _one_network(network) -> None:
    """Every candidate, consent and opportunity in the first network; a proposed match per candidate."""
    from django.utils import timezone

    from spil.accounts.models import Membership
    from spil.matching.models import Candidate, Consent, Match, MatchEvent, Opportunity

    wsp = Membership.objects.get(network=network, user__email="bench-adviseur@spil.example").organisation_id
    partner = Membership.objects.get(network=network, user__email="bench-partner@spil.example").organisation_id
    Candidate.objects.update(network=network, organisation_id=wsp)
    Consent.objects.update(network=network)
    Opportunity.objects.update(network=network)
    own = list(Opportunity.objects.filter(organisation_id=partner).values_list("pk", flat=True))
    others = list(Opportunity.objects.exclude(organisation_id=partner).values_list("pk", flat=True))
    Match.objects.all().delete()
    now = timezone.now()
    candidates = list(Candidate.objects.order_by("pk").values_list("pk", flat=True))
    matches = [
        Match(
            candidate_id=pk,
            opportunity_id=(own[i % len(own)] if own and i % 10 == 0 else others[i % len(others)]),
            score=50 + i % 50,
            stage="proposed",
            stage_changed_at=now,
        )
        for i, pk in enumerate(candidates)
    ]
    matches = Match.objects.bulk_create(matches, batch_size=2000)
    MatchEvent.objects.bulk_create(
        [MatchEvent(match_id=m.pk, stage="proposed", at=now) for m in matches], batch_size=2000
    )


def _clients() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    users = get_user_model().objects
    clients = {}
    for key in ("coordinator", "partner", "advisor"):
        email = {"advisor": "bench-adviseur@spil.example"}.get(key, f"bench-{key}@spil.example")
        clients[key] = Client(HTTP_HOST=HOST)
        clients[key].force_login(users.get(email=email))
    return clients


def _download(client, url: str) -> tuple[float, bytes]:
    from django.urls import resolve, reverse

    started = time.perf_counter()
    if "/exports/" in url:
        # XLSX is an export job: asked for with a POST, built at once by the immediate task backend (on commit,
        # before the POST answers), then downloaded from the job.
        job = resolve(client.post(url).url)
        url = reverse("matching:export_download", kwargs=job.kwargs)
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return elapsed, body


class _Count:
    def __init__(self):
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        self.queries += 1
        return execute(sql, params, many, context)


def measure(network, *, repeat: int = REPEAT) -> None:
    from django.db import connection
    from django.urls import reverse

    clients = _clients()
    print(f"{'export':<42} {'median s':>9} {'rows':>7} {'kB':>7} {'queries':>8}")
    for persona, name in EXPORTS:
        for fmt in ("csv", "xlsx"):
            url = reverse(f"matching:{name}", args=[network.slug, fmt])
            if fmt == "xlsx":
                url = reverse("matching:export_create", args=[network.slug, name.removesuffix("_export"), fmt])
            count = _Count()
            with connection.execute_wrapper(count):
                _seconds, body = _download(clients[persona], url)
            samples = [_download(clients[persona], url)[0] for _ in range(repeat)]
            rows = body.count(b"\r\n") - 1 if fmt == "csv" else _xlsx_rows(body)
            label = f"{name} {fmt} ({persona})"
            print(
                f"{label:<42} {statistics.median(samples):>9.2f} {rows:>7} {len(body) / 1024:>7.0f} {count.queries:>8}"
            )


def _xlsx_rows(body: bytes) -> int:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(body), read_only=True).worksheets[0]
    return sum(1 for _row in sheet.iter_rows()) - 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", choices=["demo", "region", "national"], default="national")
    parser.add_argument("--database-url", help="postgres://… : a database to create, use and drop (default SQLite)")
    parser.add_argument("--one-network", action="store_true", help="all candidates in the first network")
    parser.add_argument("--repeat", type=int, default=REPEAT)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    with bench_database(args.database_url):
        return _run(args)


def _run(args) -> int:
    from django.core.management import call_command
    from django.db import connection

    from spil.demo.generate import generate

    call_command("migrate", interactive=False, verbosity=0)
    generated = generate(size=args.size, seed=args.seed)
    network = generated.first
    if args.one_network:
        _one_network(network)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"database: {connection.vendor}; generate --size {args.size}: {generated.seconds:.1f} s")
    print(f"network measured: /n/{network.slug}/{' (every candidate moved into it)' if args.one_network else ''}\n")
    measure(network, repeat=args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
