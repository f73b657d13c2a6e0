"""Before each group update went on one agenda only, refreshing a past meeting could put an update on two.

The first meeting keeps the link to the update; on later agendas the point stays (with any minutes), unlinked.
"""

from django.db import migrations
from django.db.models import Count


def keep_first_link(apps, schema_editor):
    AgendaItem = apps.get_model("activities", "AgendaItem")
    doubled = (
        AgendaItem.objects.filter(group_update__isnull=False)
        .values("group_update_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("group_update_id", flat=True)
    )
    for update_id in list(doubled):
        items = AgendaItem.objects.filter(group_update_id=update_id).order_by("meeting__starts_at", "pk")
        later = list(items.values_list("pk", flat=True)[1:])
        AgendaItem.objects.filter(pk__in=later).update(group_update=None)


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0002_practice_tables"),
    ]

    operations = [
        migrations.RunPython(keep_first_link, migrations.RunPython.noop),
    ]
