"""`spil match`: the top K opportunities per candidate from two import files, with score and explanation, for
analysts and for checking the matcher. The same engine as the app; nothing is read from or stored in the
database."""

import argparse
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from spil.matching import templates
from spil.matching.engine import Pool


def _top(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= 1000:
        raise argparse.ArgumentTypeError(f"must be from 1 to 1000 (got {value})")
    return value


def _read(kind: str, path: str) -> tuple[list[dict] | None, list[str]]:
    file = Path(path)
    if not file.is_file():
        return None, [f"{path}: file not found"]
    try:
        return templates.parse(kind, file.name, file.read_bytes()), []
    except templates.TemplateError as error:
        return None, [f"{file.name}: {message}" for message in error.messages()]


class Command(BaseCommand):
    help = (
        "Print the top K opportunities per candidate, with score and explanation, from a candidates file and an "
        "opportunities file in the import templates (CSV or XLSX, by extension). Uses the same matcher as the app "
        "and stores nothing. The candidates file has no consent records: by running this command you state that "
        "every candidate in it has consented to matching (the analyst's file is assumed to be consented). "
        "A file with any error is refused with a message per row and column, and the command exits with 1."
    )
    requires_system_checks = []

    def add_arguments(self, parser):
        if parser.prog.endswith(" spil_match"):
            parser.prog = parser.prog.removesuffix("spil_match") + "match"
        parser.add_argument("--candidates", required=True, metavar="FILE", help="Candidates file (.csv or .xlsx).")
        parser.add_argument(
            "--opportunities", required=True, metavar="FILE", help="Opportunities file (.csv or .xlsx)."
        )
        parser.add_argument("--top", type=_top, default=10, metavar="K", help="Places per candidate (default 10).")
        parser.add_argument("--json", action="store_true", help="Print JSON instead of text.")

    def handle(self, *args, **options):
        candidates, errors = _read("candidates", options["candidates"])
        opportunities, more = _read("opportunities", options["opportunities"])
        errors += more
        if errors:
            raise CommandError("\n".join(["the files were not used:", *errors]))
        pool = Pool(
            [templates.candidate_row(r) for r in candidates],
            [templates.opportunity_row(r) for r in opportunities],
            task_names=templates.task_names(candidates, opportunities),
        )
        indices, scores = pool.top_for_candidates(k=options["top"])
        result = []
        for i, candidate in enumerate(pool.candidates):
            matches = []
            for j, score in zip(indices[i], scores[i], strict=True):
                if j < 0:
                    break
                o = pool.opportunities[j]
                matches.append(
                    {
                        "opportunity": o.id,
                        "title": o.title,
                        "employer": o.employer,
                        "score": round(float(score), 1),
                        "explanation": pool.explain(i, int(j)),  # teaching: the files' other learning places
                    }
                )
            result.append({"candidate": candidate.id, "matches": matches})
        if options["json"]:
            self.stdout.write(json.dumps({"top": options["top"], "candidates": result}, ensure_ascii=False, indent=2))
            return
        for entry in result:
            self.stdout.write(f"{entry['candidate']}:")
            if not entry["matches"]:
                self.stdout.write("  (geen passende plek)")
            for rank, match in enumerate(entry["matches"], 1):
                self.stdout.write(
                    f"  {rank}. {match['opportunity']} {match['title']} ({match['employer']}): {match['score']}"
                )
                for sentence in match["explanation"]["sentences"]:
                    self.stdout.write(f"     - {sentence}")
