"""A newsletter to 10,000 recipients through a local SMTP sink: mails per second, against a 5-minute target.

    .venv/bin/python benchmarks/newsletter.py
    .venv/bin/python benchmarks/newsletter.py --database-url postgres://postgres@127.0.0.1:5432/spil_bench

Makes a fresh database (as pages.py does), adds a network with RECIPIENTS partner contacts, composes a
newsletter to all active partners and sends it with the same code the background worker runs
(`services.mailing_deliver`), to an aiosmtpd server on localhost that accepts every message. It prints the
time to create the delivery rows, the time to send, mails per second and whether every recipient got
exactly one message.
"""

import argparse
import os
import socket
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

TARGET_SECONDS = 300


class Sink:
    def __init__(self):
        self.recipients = Counter()

    async def handle_DATA(self, server, session, envelope):
        self.recipients.update(envelope.rcpt_tos)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--recipients", type=int, default=10_000)
    parser.add_argument("--database-url", help="postgres://… : a database to create, use and drop (default SQLite)")
    args = parser.parse_args(argv)

    here = Path(__file__).resolve().parent
    sys.path.insert(0, str(here.parent / "src"))
    from pages import _create_postgres, _drop_postgres

    data_dir = tempfile.TemporaryDirectory(prefix="spil-bench-")
    os.environ.update({"SPIL_TESTING": "1", "SPIL_DEBUG": "0", "SPIL_DATA_DIR": data_dir.name})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spil.settings")
    database_url = _create_postgres(args.database_url) if args.database_url else None
    if database_url:
        os.environ["SPIL_DATABASE_URL"] = database_url
    else:
        os.environ.pop("SPIL_DATABASE_URL", None)

    import django

    django.setup()
    from aiosmtpd.controller import Controller
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from spil.communication import services
    from spil.communication.models import Mailing
    from spil.networks.models import Network
    from spil.partners.models import Contact, Organisation, Partnership, Status

    sink = Sink()
    port = _free_port()
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }
    # The sender runs below, as the worker would; nothing else runs tasks.
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    try:
        call_command("migrate", interactive=False, verbosity=0)
        network = Network.objects.create(name="99vanBench", slug="bench")
        organisations = Organisation.objects.bulk_create(
            [Organisation(name=f"Werkgever {i}") for i in range(max(1, args.recipients // 10))], batch_size=1000
        )
        Partnership.objects.bulk_create(
            [Partnership(network=network, organisation=o, status=Status.ACTIVE) for o in organisations],
            batch_size=1000,
        )
        Contact.objects.bulk_create(
            [
                Contact(organisation=organisations[i % len(organisations)], name=f"Lezer {i}", email=f"l{i}@x.example")
                for i in range(args.recipients)
            ],
            batch_size=1000,
        )
        mailing = services.mailing_save(
            mailing=Mailing(
                network=network,
                kind="newsletter",
                audience="active_partners",
                subject="Nieuws uit {{ netwerk }}",
                body="Beste {{ naam }},\n\nDit is het nieuws van {{ netwerk }} voor {{ organisatie }}.",
            )
        )
        started = time.perf_counter()
        services.mailing_send(mailing_id=mailing.pk)
        queued = time.perf_counter() - started
        started = time.perf_counter()
        services.mailing_deliver(mailing_id=mailing.pk)
        sent = time.perf_counter() - started
        mailing.refresh_from_db()
        progress = services.progress(mailing)
    finally:
        controller.stop()
        connection.close()
        if database_url:
            _drop_postgres(database_url)
    once = len(sink.recipients) == args.recipients and set(sink.recipients.values()) == {1}
    total = queued + sent
    print(f"database: {connection.vendor}; recipients: {args.recipients}")
    print(f"delivery rows created in {queued:.1f} s; sent in {sent:.1f} s: {args.recipients / sent:.0f} mails/s")
    print(f"status: {mailing.status}, {progress['sent']} sent, {progress['failed']} failed; exactly once: {once}")
    print(f"total {total:.1f} s; target ≤ {TARGET_SECONDS} s: {'met' if total <= TARGET_SECONDS else 'NOT met'}")
    return 0 if once and total <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
