"""Prepare a SQLite database file with a newsletter to N recipients, queued for a real worker.

`python -m tests.communication.crash_setup DIR N` (with the environment of the worker) prints the mailing id.
"""

import os
import sys


def main(directory: str, count: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "spil.settings"
    import django

    django.setup()
    from django.core.management import call_command

    from spil.communication import services
    from spil.communication.models import Mailing
    from spil.networks.models import Network
    from spil.partners.models import Contact, Organisation, Partnership, Status

    call_command("migrate", verbosity=0)
    network = Network.objects.create(name="99vanCrash", slug="crash")
    organisations = Organisation.objects.bulk_create(Organisation(name=f"Werkgever {i}") for i in range(count // 10))
    Partnership.objects.bulk_create(
        Partnership(network=network, organisation=o, status=Status.ACTIVE) for o in organisations
    )
    Contact.objects.bulk_create(
        Contact(organisation=organisations[i % len(organisations)], name=f"Ontvanger {i}", email=f"r{i}@crash.example")
        for i in range(count)
    )
    mailing = services.mailing_save(
        mailing=Mailing(
            network=network, kind="newsletter", audience="active_partners", subject="Nieuws", body="Beste {{ naam }}"
        )
    )
    services.mailing_send(mailing_id=mailing.pk)
    print(mailing.pk)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
