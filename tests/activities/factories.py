"""Activities for tests, made through the same service the pages use."""

from datetime import timedelta

from django.utils import timezone

from spil.activities import services
from spil.activities.models import Activity, ActivityKind, Segment

# The activity form's speaker and segment formsets with no rows.
NO_FORMSET_ROWS = {
    "speakers-TOTAL_FORMS": "0",
    "speakers-INITIAL_FORMS": "0",
    "segments-TOTAL_FORMS": "0",
    "segments-INITIAL_FORMS": "0",
}


def make_activity(network, *, title="Kennissessie inclusief werven", days=14, **extra) -> Activity:
    starts = timezone.now().replace(microsecond=0) + timedelta(days=days)
    extra.setdefault("kind", ActivityKind.KNOWLEDGE_SESSION)
    extra.setdefault("starts_at", starts)
    extra.setdefault("ends_at", starts + timedelta(hours=2))
    segments = extra.pop("segments", {})
    activity = services.activity_save(activity=Activity(network=network, title=title, **extra))
    for name, seats in segments.items():
        Segment.objects.create(activity=activity, name=name, seats=seats)
    return activity


def register(activity, n: int, *, prefix="deelnemer", segment=None):
    return [
        services.registration_create(
            activity_id=activity.pk,
            name=f"{prefix.title()} {i}",
            email=f"{prefix}{i}@example.org",
            segment_id=segment.pk if segment else None,
        )
        for i in range(n)
    ]
