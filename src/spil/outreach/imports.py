"""Import a target list from CSV or XLSX: all rows or none, with a message per row and column."""

import csv
import io
import zipfile

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from spil.partners.models import Organisation, OrganisationKind
from spil.partners.validators import normalise_postcode, validate_kvk

from .models import Campaign, Target
from .selectors import network_organisations

COLUMNS = ("naam", "kvk", "postcode", "gemeente", "sector")
MAX_ROWS = 5000


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(name: str, content: bytes) -> list[list[str]]:
    """The file's rows as text, header first; a file Spil cannot read is a ValidationError."""
    try:
        if name.lower().endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        elif name.lower().endswith(".csv"):
            text = content.decode("utf-8-sig")
            try:
                dialect = csv.Sniffer().sniff(text[:2000], delimiters=",;\t")
            except csv.Error:
                dialect = csv.excel
            rows = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), dialect)]
        else:
            raise ValidationError(_("Kies een CSV- of XLSX-bestand."))
    except UnicodeDecodeError as error:
        raise ValidationError(_("Het CSV-bestand is geen UTF-8-tekst.")) from error
    except (csv.Error, OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ValidationError(_("Spil kan dit bestand niet lezen.")) from error
    return [row for row in rows if any(row)]


def _header(row: list[str]) -> list[str]:
    header = [cell.lower() for cell in row]
    errors = []
    for position, column in enumerate(header, 1):
        if column and column not in COLUMNS:
            errors.append(
                _("Kolom %(position)s: onbekende kolom '%(column)s'; gebruik %(columns)s.")
                % {"position": position, "column": row[position - 1], "columns": ", ".join(COLUMNS)}
            )
    if "naam" not in header:
        errors.append(_("De kolom 'naam' ontbreekt."))
    if len(set(c for c in header if c)) != len([c for c in header if c]):
        errors.append(_("Een kolomnaam staat er twee keer in."))
    if errors:
        raise ValidationError(errors)
    return header


def targets_import(*, campaign: Campaign, name: str, content: bytes) -> tuple[int, int]:
    """Add the employers of a file to the target list. Returns (added, already on the list).

    An employer is found by KvK number, else by name among the network's organisations, else created.
    Any error in any row stores nothing.
    """
    rows = read_rows(name, content)
    if not rows:
        raise ValidationError(_("Het bestand is leeg."))
    header = _header(rows[0])
    if len(rows) - 1 > MAX_ROWS:
        raise ValidationError(_("Hooguit %(max)s rijen per bestand.") % {"max": MAX_ROWS})
    records, errors, seen = [], [], {}
    for number, row in enumerate(rows[1:], 2):
        record = dict(zip(header, row + [""] * (len(header) - len(row)), strict=False))
        record.pop("", None)

        def fail(column, message, number=number):
            errors.append(
                _("Rij %(row)s, kolom %(column)s: %(message)s")
                % {
                    "row": number,
                    "column": column,
                    "message": message,
                }
            )

        if not record.get("naam"):
            fail("naam", _("vul de naam van de werkgever in."))
        elif len(record["naam"]) > 200:
            fail("naam", _("hooguit 200 tekens."))
        if record.get("kvk"):
            try:
                validate_kvk(record["kvk"])
            except ValidationError as error:
                fail("kvk", " ".join(error.messages))
        if record.get("postcode"):
            try:
                record["postcode"] = normalise_postcode(record["postcode"])
            except ValidationError as error:
                fail("postcode", " ".join(error.messages))
        key = record.get("kvk") or (record.get("naam") or "").lower()
        if key and key in seen:
            fail("kvk" if record.get("kvk") else "naam", _("staat ook in rij %(row)s.") % {"row": seen[key]})
        seen[key] = number
        records.append(record)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(durable=True):
        return _store(campaign, records)


def _store(campaign: Campaign, records: list[dict]) -> tuple[int, int]:
    by_kvk = {
        o.kvk_number: o for o in Organisation.objects.filter(kvk_number__in=[r["kvk"] for r in records if r.get("kvk")])
    }
    by_name = {}
    for organisation in network_organisations(campaign.network):
        by_name.setdefault(organisation.name.lower(), organisation)
    present = set(campaign.targets.values_list("organisation_id", flat=True))
    new_targets, already = [], 0
    for record in records:
        organisation = by_kvk.get(record.get("kvk")) or (
            None if record.get("kvk") else by_name.get(record["naam"].lower())
        )
        if organisation is None:
            organisation = Organisation(
                name=record["naam"],
                kind=OrganisationKind.EMPLOYER,
                kvk_number=record.get("kvk") or None,
                postcode=record.get("postcode", ""),
                municipality=record.get("gemeente", "")[:100],
                sector=record.get("sector", "")[:100],
            )
            organisation.save()
        if organisation.pk in present:
            already += 1
            continue
        present.add(organisation.pk)
        new_targets.append(Target(campaign=campaign, organisation=organisation, imported=True))
    Target.objects.bulk_create(new_targets)
    return len(new_targets), already
