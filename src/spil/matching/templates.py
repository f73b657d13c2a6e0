"""The documented import templates for candidates and opportunities (CSV and XLSX): the columns, a parser that
returns every row or every error (all-or-nothing), and the downloadable template files.

Format, for both kinds (the columns are in `CANDIDATE_COLUMNS` and `OPPORTUNITY_COLUMNS`):
- the first row holds the column names (Dutch, any case); the order is free; required columns must be there,
  optional ones may be left out; an unknown column is refused, so a typo never loses data;
- CSV: UTF-8 (a BOM is fine), separated by commas, semicolons or tabs (read from the header line); lists inside
  a cell are then quoted. XLSX: the first sheet is read; dates may be real date cells;
- dates: dd-mm-jjjj (also d-m-jjjj, with / or .) or jjjj-mm-dd; a date that does not exist is refused;
- postcodes: four digits and two letters ('3511 AB' or '3511AB');
- lists: values separated by ';'. Target groups, education, kind of place, support and work-fit accept the code
  or the Dutch name shown in the template's explanation sheet (any case);
- tasks by name from the shared task list ('think in tasks'); on an opportunity a task may carry its share of the
  time in percent, 'kassa:40; vakkenvullen:60'; tasks without a share split what is left equally;
- no BSN, ever (UAVG art. 46): a column whose values look like citizen service numbers (nine digits passing the
  eleven-test, or eight digits, which a spreadsheet makes of a BSN with a leading zero) refuses the whole file and
  names the column, whatever its header says. At least half of the 8–9 digit values must pass the test, so a
  column of other numbers, of which about one in eleven passes by chance, is not refused.

`parse(kind, filename, content)` returns the rows as dicts (see `_candidate` and `_opportunity` for the keys)
or raises `TemplateError` with every problem as (row, column, message); `write_template(kind, fmt)` returns
the template file; `candidate_row` and `opportunity_row` turn parsed rows into the engine's input.
"""

import csv
import datetime
import functools
import io
import re
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from spil.core.forms import as_key
from spil.partners.validators import normalise_postcode

from . import geo
from .engine import CandidateRow, OpportunityRow
from .models import Education, OpportunityKind, Support, TargetGroup, WorkFit

MAX_ROWS = 100_000
KINDS = ("candidates", "opportunities")
FORMATS = ("csv", "xlsx")
BSN_HEADERS = {"bsn", "burgerservicenummer", "sofinummer", "sofi-nummer", "sofi nummer", "citizen service number"}


@dataclass(frozen=True)
class Column:
    header: str
    field: str
    required: bool
    kind: str  # text, int, date, postcode, list, choice, choices, tasks, shares, email, url
    help: str
    example: str
    limit: tuple[int, int] | int | None = None  # (min, max) for int, max length for text
    choices: type | None = None


CANDIDATE_COLUMNS = (
    Column("kenmerk", "ref", False, "text", "Uw eigen kenmerk, uniek in het bestand (geen BSN).", "K-001", 40),
    Column("voornaam", "first_name", True, "text", "Voornaam.", "Sam", 100),
    Column("achternaam", "last_name", True, "text", "Achternaam.", "Jansen", 100),
    Column("e-mailadres", "email", False, "email", "E-mailadres.", "sam@example.nl"),
    Column("telefoon", "phone", False, "text", "Telefoonnummer.", "06-12345678", 30),
    Column("postcode", "postcode", True, "postcode", "Postcode: 1234 AB.", "3511 AB"),
    Column("gemeente", "municipality", True, "text", "Woonplaats (gemeente).", "Utrecht", 100),
    Column("geboortedatum", "birth_date", True, "date", "dd-mm-jjjj of jjjj-mm-dd.", "15-03-1998"),
    Column("doelgroepen", "target_groups", False, "choices", "Lijst, gescheiden door ';'.", "WW", None, TargetGroup),
    Column("opleiding", "education", True, "choice", "Hoogste opleiding.", "Vmbo", None, Education),
    Column("taken", "tasks", True, "list", "Taken die de kandidaat kan, gescheiden door ';'.", "kassa; vakkenvullen"),
    Column("wil leren", "learn_tasks", False, "list", "Taken die de kandidaat wil leren.", "bestellingen verwerken"),
    Column("sectoren", "sectors", False, "list", "Sectoren van interesse, gescheiden door ';'.", "retail; logistiek"),
    Column("uren per week", "hours_per_week", True, "int", "Aantal uren per week, 1 tot en met 60.", "24", (1, 60)),
    Column(
        "reisafstand km", "max_travel_km", False, "int", "Maximale reisafstand in km (standaard 15).", "15", (1, 200)
    ),
    Column("werkfit", "work_fit", False, "choice", "Werkfit (standaard: met begeleiding).", "", None, WorkFit),
    Column(
        "ondersteuning",
        "support_needs",
        False,
        "choices",
        "Nodige ondersteuning, gescheiden door ';'.",
        "Jobcoach",
        None,
        Support,
    ),
    Column("pitch", "pitch", False, "text", "Korte pitch, zonder naam.", "Ik werk graag met mensen.", 1000),
    Column("video-cv", "video_url", False, "url", "Link naar een video-cv.", ""),
)

OPPORTUNITY_COLUMNS = (
    Column("kenmerk", "ref", False, "text", "Uw eigen kenmerk, uniek in het bestand.", "V-001", 40),
    Column("werkgever", "employer", True, "text", "Naam van de werkgever.", "Bakkerij De Korenaar", 200),
    Column("titel", "title", True, "text", "Titel van de plek.", "Medewerker winkel", 200),
    Column("soort", "kind", True, "choice", "Soort plek.", "Vacature", None, OpportunityKind),
    Column(
        "taken",
        "tasks",
        True,
        "shares",
        "Taken met hun aandeel in de tijd in %: 'kassa:40; vakkenvullen:60'.",
        "kassa:40; vakkenvullen:60",
    ),
    Column("uren per week", "hours_per_week", True, "int", "Aantal uren per week, 1 tot en met 60.", "24", (1, 60)),
    Column("postcode", "postcode", True, "postcode", "Postcode van de werkplek: 1234 AB.", "3512 JE"),
    Column("startdatum", "starts_on", False, "date", "dd-mm-jjjj of jjjj-mm-dd.", "01-09-2026"),
    Column(
        "begeleiding",
        "support",
        False,
        "choices",
        "Beschikbare begeleiding, gescheiden door ';'.",
        "Jobcoach; Buddy",
        None,
        Support,
    ),
    Column("sector", "sector", False, "text", "Sector.", "retail", 100),
    Column("leerroute", "learning_route", False, "text", "Leerroute (bij een leerbaan).", "", 200),
    Column("school", "school", False, "text", "School (bij een leerbaan).", "", 200),
    Column("opleidingsniveau", "education_level", False, "choice", "Niveau van de leerroute.", "", None, Education),
    Column("plaatsen", "places", False, "int", "Aantal plaatsen (standaard 1).", "1", (1, 999)),
    Column("omschrijving", "description", False, "text", "Korte omschrijving.", "", 2000),
)

COLUMNS = {"candidates": CANDIDATE_COLUMNS, "opportunities": OPPORTUNITY_COLUMNS}
SYNONYMS = {
    "banenafspraak": "job_agreement",
    "doelgroepregister": "job_agreement",
    "beschut": "sheltered",
    "participatiewet": "participation",
    "bijstand": "participation",
    "entree": "entree",
    "mbo-1": "entree",
    "mbo-2": "mbo2",
    "mbo-3": "mbo3",
    "mbo-4": "mbo4",
    "havo": "havo_vwo",
    "vwo": "havo_vwo",
    "hbo": "hbo_wo",
    "wo": "hbo_wo",
    "leerbaan bbl": "learning_job_bbl",
    "bbl": "learning_job_bbl",
    "leerbaan praktijkverklaring": "learning_job_certificate",
    "praktijkverklaring": "learning_job_certificate",
    "taal": "language",
}


@dataclass(frozen=True)
class RowError:
    row: int | None  # the spreadsheet's row number (the header is row 1); None for the whole file
    column: str | None
    message: str

    def __str__(self):
        if self.row is None and self.column is None:
            return self.message
        if self.row is None:
            return _("Kolom '%(column)s': %(message)s") % {"column": self.column, "message": self.message}
        if self.column is None:
            return _("Rij %(row)s: %(message)s") % {"row": self.row, "message": self.message}
        return _("Rij %(row)s, kolom '%(column)s': %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class TemplateError(ValueError):
    """Everything wrong with a file; nothing of it may be used."""

    def __init__(self, errors: list[RowError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))

    def messages(self) -> list[str]:
        return [str(e) for e in self.errors]


def _header_key(text) -> str:
    return " ".join(str(text or "").split()).casefold()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime | datetime.date):
        return value
    return str(value).strip()


def read_table(filename: str, content: bytes) -> list[list]:
    """The rows of a CSV or XLSX file (header first, empty rows left out); dates in XLSX stay dates."""
    name = filename.lower()
    try:
        if name.endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).worksheets[0]
            rows = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        elif name.endswith(".csv"):
            text = content.decode("utf-8-sig")
            first = text.split("\n", 1)[0]
            delimiter = max(",;\t", key=first.count)
            rows = [[_cell(v) for v in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
        else:
            raise TemplateError([RowError(None, None, _("Kies een CSV- of XLSX-bestand."))])
    except UnicodeDecodeError as error:
        raise TemplateError([RowError(None, None, _("Het CSV-bestand is geen UTF-8-tekst."))]) from error
    except (csv.Error, OSError, KeyError, ValueError, IndexError, zipfile.BadZipFile) as error:
        if isinstance(error, TemplateError):
            raise
        raise TemplateError([RowError(None, None, _("Spil kan dit bestand niet lezen."))]) from error
    return [row for row in rows if any(v != "" for v in row)]


# BSN (UAVG art. 46)


_DATE_SHAPE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}[-/.][0-9]{4}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")


def _bsn_digits(value) -> str | None:
    """The digits of a value shaped like a BSN ('123456782', '123.456.782', '123 456 782'), else None.
    Dates are not: 15-03-1998 has eight digits too."""
    if not isinstance(value, str | int) or _DATE_SHAPE.fullmatch(str(value).strip()):
        return None
    digits = re.sub(r"[\s.]", "", str(value))
    return digits if re.fullmatch(r"[0-9]{8,9}", digits) else None


def is_bsn(value) -> bool:
    """Nine digits (or eight: a spreadsheet drops a leading zero) that pass the eleven-test."""
    digits = _bsn_digits(value)
    if digits is None:
        return False
    digits = digits.zfill(9)
    if digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def bsn_columns(header: list, rows: list[list]) -> list[str]:
    """The names of the columns that hold BSNs: by header, or by values (see the module docstring)."""
    found = []
    for position, title in enumerate(header):
        values = [row[position] for row in rows if position < len(row) and row[position] != ""]
        numbers = [v for v in values if _bsn_digits(v) is not None]
        passing = sum(1 for v in numbers if is_bsn(v))
        if _header_key(title) in BSN_HEADERS or (passing and passing * 2 >= len(numbers)):
            found.append(str(title) or _("kolom %(n)s") % {"n": position + 1})
    return found


# values


@functools.cache
def _choices(choices) -> dict[str, str]:
    lookup = {}
    with translation.override("nl"):
        for value, label in choices.choices:
            lookup[value] = value
            lookup[_header_key(label)] = value
    lookup.update({k: v for k, v in SYNONYMS.items() if v in choices.values})
    return lookup


def _label_list(choices) -> str:
    with translation.override("nl"):
        return "; ".join(str(label) for _value, label in choices.choices)


def parse_date(value) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = str(value).strip()
    match = re.fullmatch(r"([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})", text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})", text)
        if not match:
            raise ValueError(_("'%(value)s' is geen datum; schrijf dd-mm-jjjj of jjjj-mm-dd.") % {"value": text})
        year, month, day = (int(g) for g in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError as error:
        raise ValueError(_("'%(value)s' is geen bestaande datum.") % {"value": text}) from error


def _split(value) -> list[str]:
    return [" ".join(part.split()) for part in str(value).split(";") if part.strip()]


def _shares(value) -> list[tuple[str, int | None]]:
    out = []
    for part in _split(value):
        name, _sep, share = part.rpartition(":") if ":" in part else (part, "", "")
        name = name.strip()
        if not name:
            raise ValueError(_("'%(part)s' noemt geen taak.") % {"part": part})
        if share.strip():
            number = as_key(share)
            if number is None or not 1 <= number <= 100:
                raise ValueError(
                    _("het aandeel van '%(task)s' moet een heel getal van 1 tot en met 100 zijn.") % {"task": name}
                )
            out.append((name, number))
        else:
            out.append((name, None))
    given = sum(s for _n, s in out if s is not None)
    if given > 100:
        raise ValueError(_("de aandelen tellen op tot %(total)s%%; hooguit 100%%.") % {"total": given})
    open_tasks = [n for n, s in out if s is None]
    if open_tasks:
        rest = max(100 - given, len(open_tasks))
        out = [(n, s if s is not None else max(rest // len(open_tasks), 1)) for n, s in out]
    return out


def _convert(column: Column, value, today: datetime.date):
    """The typed value of one cell; ValueError with a Dutch message when it is wrong."""
    if column.kind == "text":
        text = str(value)
        if column.limit and len(text) > column.limit:
            raise ValueError(_("hooguit %(max)s tekens.") % {"max": column.limit})
        return text
    if column.kind == "int":
        text = str(value).strip()
        if not re.fullmatch(r"[0-9]+", text):
            raise ValueError(_("'%(value)s' is geen heel getal.") % {"value": text})
        low, high = column.limit
        if not low <= int(text) <= high:
            raise ValueError(_("kies een getal van %(min)s tot en met %(max)s.") % {"min": low, "max": high})
        return int(text)
    if column.kind == "date":
        day = parse_date(value)
        if column.field == "birth_date" and not (today.replace(year=today.year - 100) <= day <= today):
            raise ValueError(_("'%(value)s' kan geen geboortedatum zijn.") % {"value": day.strftime("%d-%m-%Y")})
        if column.field == "starts_on" and not 2000 <= day.year <= 2100:
            raise ValueError(_("'%(value)s' kan geen startdatum zijn.") % {"value": day.strftime("%d-%m-%Y")})
        return day
    if column.kind == "postcode":
        try:
            postcode = normalise_postcode(str(value))
        except ValidationError as error:
            raise ValueError(" ".join(error.messages)) from error
        if geo.coordinates(postcode) is None:
            raise ValueError(_("Spil kent de plaats van deze postcode niet."))
        return postcode
    if column.kind == "email":
        try:
            EmailValidator()(str(value))
        except ValidationError as error:
            raise ValueError(_("'%(value)s' is geen e-mailadres.") % {"value": value}) from error
        return str(value)
    if column.kind == "url":
        try:
            URLValidator(schemes=["http", "https"])(str(value))
        except ValidationError as error:
            raise ValueError(_("'%(value)s' is geen link (https://…).") % {"value": value}) from error
        return str(value)
    if column.kind in {"choice", "choices"}:
        lookup = _choices(column.choices)
        parts = _split(value) if column.kind == "choices" else [" ".join(str(value).split())]
        codes = []
        for part in parts:
            code = lookup.get(_header_key(part))
            if code is None:
                raise ValueError(
                    _("'%(value)s' is geen keuze; kies uit: %(choices)s.")
                    % {"value": part, "choices": _label_list(column.choices)}
                )
            codes.append(code)
        return list(dict.fromkeys(codes)) if column.kind == "choices" else codes[0]
    if column.kind == "list":
        return list(dict.fromkeys(_split(value)))
    if column.kind == "shares":
        shares = _shares(value)
        if not shares:
            raise ValueError(_("noem ten minste één taak."))
        return shares
    raise AssertionError(column.kind)


DEFAULTS = {"max_travel_km": 15, "work_fit": WorkFit.WITH_SUPPORT.value, "places": 1}


def parse(kind: str, filename: str, content: bytes, *, today: datetime.date | None = None) -> list[dict]:
    """Every row of the file as a dict of typed values (with 'row': its number in the sheet), or TemplateError
    with every problem; nothing is returned from a file with any error."""
    if kind not in COLUMNS:
        raise ValueError(kind)
    today = today or timezone.localdate()
    table = read_table(filename, content)
    if not table:
        raise TemplateError([RowError(None, None, _("Het bestand is leeg."))])
    header, rows = table[0], table[1:]
    errors = [
        RowError(
            None,
            name,
            _(
                "deze kolom lijkt burgerservicenummers (BSN) te bevatten. Spil verwerkt geen BSN (UAVG art. 46): "
                "haal de kolom weg en probeer het opnieuw."
            ),
        )
        for name in bsn_columns(header, rows)
    ]
    if errors:
        raise TemplateError(errors)
    columns = {c.header: c for c in COLUMNS[kind]}
    positions: dict[str, int] = {}
    for position, title in enumerate(header):
        key = _header_key(title)
        if not key:
            if any(position < len(row) and row[position] != "" for row in rows):
                errors.append(RowError(None, None, _("Kolom %(n)s heeft geen naam.") % {"n": position + 1}))
        elif key not in columns:
            errors.append(
                RowError(
                    None,
                    str(title),
                    _("onbekende kolom; gebruik %(columns)s.") % {"columns": ", ".join(columns)},
                )
            )
        elif key in positions:
            errors.append(RowError(None, str(title), _("deze kolom staat er twee keer in.")))
        else:
            positions[key] = position
    for column in COLUMNS[kind]:
        if column.required and column.header not in positions:
            errors.append(RowError(None, column.header, _("deze verplichte kolom ontbreekt.")))
    if len(rows) > MAX_ROWS:
        errors.append(RowError(None, None, _("Hooguit %(max)s rijen per bestand.") % {"max": MAX_ROWS}))
    if errors:
        raise TemplateError(errors)

    records, refs = [], {}
    for number, row in enumerate(rows, 2):
        record = {"row": number}
        for column in COLUMNS[kind]:
            position = positions.get(column.header)
            value = row[position] if position is not None and position < len(row) else ""
            if value == "" or (isinstance(value, str) and not value.strip()):
                if column.required:
                    errors.append(RowError(number, column.header, _("vul een waarde in.")))
                record[column.field] = DEFAULTS.get(column.field, [] if column.kind in {"list", "choices"} else "")
                continue
            try:
                record[column.field] = _convert(column, value, today)
            except ValueError as error:
                errors.append(RowError(number, column.header, str(error)))
        record["ref"] = record.get("ref") or _("rij %(n)s") % {"n": number}
        if record["ref"] in refs:
            errors.append(RowError(number, "kenmerk", _("staat ook in rij %(row)s.") % {"row": refs[record["ref"]]}))
        refs.setdefault(record["ref"], number)
        records.append(record)
    if errors:
        raise TemplateError(errors)
    return records


# engine input


def task_key(name: str) -> str:
    """The key of a task name, as Task.key: spaces collapsed, lower case."""
    return " ".join(name.split()).lower()


def candidate_row(record: dict) -> CandidateRow:
    point = geo.coordinates(record["postcode"])
    return CandidateRow(
        id=record["ref"],
        tasks=frozenset(task_key(t) for t in record["tasks"]),
        learn_tasks=frozenset(task_key(t) for t in record["learn_tasks"]),
        hours=record["hours_per_week"],
        max_km=float(record["max_travel_km"]),
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        postcode=record["postcode"],
        sectors=frozenset(record["sectors"]),
        support_needs=frozenset(record["support_needs"]),
        target_groups=frozenset(record["target_groups"]),
        education=record["education"],
    )


def opportunity_row(record: dict) -> OpportunityRow:
    point = geo.coordinates(record["postcode"])
    tasks: dict[str, int] = {}
    for name, share in record["tasks"]:
        tasks[task_key(name)] = tasks.get(task_key(name), 0) + share
    return OpportunityRow(
        id=record["ref"],
        title=record["title"],
        kind=record["kind"],
        tasks=tasks,
        hours=record["hours_per_week"],
        lat=point[0] if point else None,
        lon=point[1] if point else None,
        postcode=record["postcode"],
        sector=record["sector"],
        support=frozenset(record["support"]),
        places=record["places"],
        learning_route=record["learning_route"],
        school=record["school"],
        education_level=record["education_level"],
        employer=record["employer"],
    )


def task_names(*record_lists: list[dict]) -> dict[str, str]:
    """Task key → the name as first written in the files."""
    names: dict[str, str] = {}
    for records in record_lists:
        for record in records:
            for field in ("tasks", "learn_tasks"):
                for item in record.get(field, ()):
                    name = item[0] if isinstance(item, tuple) else item
                    names.setdefault(task_key(name), " ".join(name.split()))
    return names


# the downloadable templates


def describe(kind: str) -> list[dict]:
    """The columns of a template, for the explanation sheet and the import page."""
    out = []
    for column in COLUMNS[kind]:
        allowed = _label_list(column.choices) if column.choices else ""
        out.append(
            {
                "column": column.header,
                "required": column.required,
                "format": column.help,
                "allowed": allowed,
                "example": column.example,
            }
        )
    return out


def write_template(kind: str, fmt: str) -> bytes:
    """The template file: the header and one example row (CSV), plus an explanation sheet (XLSX)."""
    if kind not in COLUMNS or fmt not in FORMATS:
        raise ValueError(f"{kind}/{fmt}")
    headers = [c.header for c in COLUMNS[kind]]
    example = [c.example for c in COLUMNS[kind]]
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, delimiter=",", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerow(example)
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    book = Workbook()
    sheet = book.active
    sheet.title = _("Kandidaten") if kind == "candidates" else _("Kansen")
    sheet.append(headers)
    sheet.append(example)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for letter_index, header in enumerate(headers, 1):
        sheet.column_dimensions[sheet.cell(1, letter_index).column_letter].width = max(14, len(header) + 4)
    notes = book.create_sheet(_("Toelichting"))
    notes.append([_("kolom"), _("verplicht"), _("vorm"), _("toegestane waarden"), _("voorbeeld")])
    for cell in notes[1]:
        cell.font = Font(bold=True)
    for row in describe(kind):
        notes.append(
            [row["column"], _("ja") if row["required"] else _("nee"), row["format"], row["allowed"], row["example"]]
        )
    notes.append([])
    notes.append([_("Geen BSN: een kolom met burgerservicenummers wordt geweigerd (UAVG art. 46).")])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
