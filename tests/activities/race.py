"""Many people registering for the last places at the same moment, in threads with their own connections.

Run as a script (`python -m tests.activities.race DIR [--control]`) it does this on a fresh SQLite file
in DIR, with the project's SQLite settings, and prints the outcome as JSON: SQLite's test database lives
in memory, which threads cannot share the way real web processes share a file.
"""

import json
import os
import sys
import threading


def run_race(activity_id: int, people: int, *, without_lock: bool = False, patch=None) -> dict:
    """Register `people` at once; without_lock removes the activity lock and lets everyone count first."""
    from django.db import connections

    from spil.activities import services
    from spil.activities.models import Activity, Registration

    start = threading.Barrier(people, timeout=30)
    if without_lock:
        counted = threading.Barrier(people, timeout=30)
        original_count = services._registered_per_segment

        def count_then_wait(activity):
            result = original_count(activity)
            counted.wait()
            return result

        patch(services, "_locked_activity", lambda pk: Activity.objects.get(pk=pk))
        patch(services, "_registered_per_segment", count_then_wait)
    outcomes: list[str] = []
    errors: list[str] = []

    def register(i: int) -> None:
        try:
            start.wait()
            registration = services.registration_create(
                activity_id=activity_id, name=f"Deelnemer {i}", email=f"gelijktijdig{i}@example.org"
            )
            outcomes.append(registration.status)
        except Exception as error:  # the outcome under test: which errors, if any, reach the user
            errors.append(f"{type(error).__name__}: {error}")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(people)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    stored = Registration.objects.filter(activity_id=activity_id, email__startswith="gelijktijdig")
    activity = Activity.objects.get(pk=activity_id)
    return {
        "registered": stored.filter(status="registered").count(),
        "waiting": stored.filter(status="waiting").count(),
        "errors": errors,
        "registered_total": activity.registrations.filter(status="registered").count(),
        "capacity": activity.capacity,
        "kept_count": activity.registered_count,
    }


def prepare(network, *, capacity: int, taken: int) -> int:
    from tests.activities.factories import make_activity, register

    activity = make_activity(network, title="Jaarbijeenkomst", capacity=capacity)
    register(activity, taken, prefix="eerder")
    return activity.pk


def _main(directory: str, control: bool) -> None:
    os.environ.update({"SPIL_TESTING": "1", "SPIL_DEBUG": "1", "SPIL_DATA_DIR": directory})
    os.environ.pop("SPIL_DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "spil.settings"
    from django.conf import settings

    settings.MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
    if control:
        # Without IMMEDIATE transactions a transaction takes the write lock only when it first writes.
        settings.DATABASES["default"]["OPTIONS"]["transaction_mode"] = "DEFERRED"
    import django

    django.setup()
    from django.core.management import call_command

    from spil.networks.models import Network

    call_command("migrate", verbosity=0)
    network = Network.objects.create(name="99vanRace", slug="race")
    activity_id = prepare(network, capacity=30, taken=20)
    result = run_race(activity_id, 50, without_lock=control, patch=setattr)
    print(json.dumps(result))


if __name__ == "__main__":
    _main(sys.argv[1], "--control" in sys.argv[2:])
