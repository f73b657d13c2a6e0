"""Trigram indexes for the partner search on PostgreSQL (case-insensitive 'contains' on three columns).

SQLite searches a network's few thousand rows fast enough without them, so there this does nothing.
"""

from django.db import migrations

COLUMNS = ["name", "municipality", "sector"]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for column in COLUMNS:
        # The expression matches what Django's icontains produces: UPPER(col::text) LIKE UPPER(%s).
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS partners_organisation_{column}_trgm "
            f'ON partners_organisation USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for column in COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS partners_organisation_{column}_trgm")


class Migration(migrations.Migration):
    dependencies = [("partners", "0004_recount_ambition_figures")]

    operations = [migrations.RunPython(create, drop)]
