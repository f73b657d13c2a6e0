"""`spil match`: top K places per candidate from two import files, as text or JSON, through the same engine."""

import json
import os
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from spil.matching import templates
from spil.matching.engine import Pool

CANDIDATES = "\n".join(
    [
        "kenmerk,voornaam,achternaam,postcode,gemeente,geboortedatum,opleiding,taken,wil leren,sectoren,"
        "uren per week,reisafstand km,doelgroepen,ondersteuning",
        "K-1,Sam,Jansen,3511 AB,Utrecht,15-03-1998,vmbo,kassa; vakkenvullen,bestellingen verwerken,retail,"
        "24,20,Zonder startkwalificatie,Jobcoach",
        "K-2,Ali,Bakker,3812 CD,Amersfoort,1990-01-31,mbo2,schoonmaken,,,32,40,WW,",
        "K-3,Eva,Smit,9711 AA,Groningen,01-01-1980,mbo4,kassa,,,24,10,,",
    ]
)
OPPORTUNITIES = "\n".join(
    [
        "kenmerk;werkgever;titel;soort;taken;uren per week;postcode;begeleiding;sector;leerroute",
        'V-1;Bakkerij De Korenaar;Medewerker winkel;Vacature;"kassa:40; vakkenvullen:40; bestellingen verwerken:20";'
        "24;3512 JE;Jobcoach;retail;",
        'V-2;Logistiek BV;Leerling orderpicker;leerbaan bbl;"bestellingen verwerken:60; vakkenvullen";20;3821 AA;'
        "Buddy;logistiek;BBL logistiek niveau 2",
        "V-3;Schoon BV;Schoonmaker;vacature;schoonmaken;32;3811 AA;;schoonmaak;",
    ]
)


@pytest.fixture
def files(tmp_path):
    candidates, opportunities = tmp_path / "kandidaten.csv", tmp_path / "kansen.csv"
    candidates.write_text(CANDIDATES, encoding="utf-8")
    opportunities.write_text(OPPORTUNITIES, encoding="utf-8")
    return str(candidates), str(opportunities)


def run(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("spil_match", *args, stdout=out)
    return out.getvalue()


def test_json_lists_the_top_k_per_candidate_with_score_and_explanation(files):
    result = json.loads(run("--candidates", files[0], "--opportunities", files[1], "--top", "2", "--json"))
    assert result["top"] == 2
    assert [c["candidate"] for c in result["candidates"]] == ["K-1", "K-2", "K-3"]
    first = result["candidates"][0]["matches"]
    assert [m["opportunity"] for m in first] == ["V-1", "V-2"]
    assert set(first[0]) == {"opportunity", "title", "employer", "score", "explanation"}
    assert first[0]["score"] == first[0]["explanation"]["score"]
    assert first[0]["score"] > first[1]["score"]
    assert "Ontbreekt: bestellingen verwerken (20%)." in first[0]["explanation"]["sentences"]
    assert result["candidates"][2]["matches"] == []  # Groningen, 10 km: nothing within reach


def test_scores_are_the_engines(files):
    result = json.loads(run("--candidates", files[0], "--opportunities", files[1], "--json"))
    with open(files[0], "rb") as c, open(files[1], "rb") as o:
        candidates = templates.parse("candidates", "k.csv", c.read())
        opportunities = templates.parse("opportunities", "v.csv", o.read())
    pool = Pool([templates.candidate_row(r) for r in candidates], [templates.opportunity_row(r) for r in opportunities])
    for i, entry in enumerate(result["candidates"]):
        assert [m["score"] for m in entry["matches"]] == [round(s, 1) for _, s in pool.top_for_candidate(i, 10)]


def test_text_output_names_candidates_places_and_reasons(files):
    out = run("--candidates", files[0], "--opportunities", files[1], "--top", "1")
    assert "K-1:\n  1. V-1 Medewerker winkel (Bakkerij De Korenaar): " in out
    assert "     - De kandidaat kan 2 van de 3 taken" in out
    assert "K-3:\n  (geen passende plek)" in out
    assert "Sam" not in out and "Jansen" not in out  # only the reference, never the name


def test_bad_files_are_refused_with_a_message_per_row(files, tmp_path):
    bad = tmp_path / "fout.csv"
    bad.write_text(CANDIDATES.replace("3812 CD", "38122").replace("01-01-1980", "31-02-1980"), encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("--candidates", str(bad), "--opportunities", files[1])
    message = str(caught.value)
    assert "fout.csv: Rij 3, kolom 'postcode'" in message
    assert "fout.csv: Rij 4, kolom 'geboortedatum': '31-02-1980' is geen bestaande datum." in message
    with pytest.raises(CommandError, match="file not found"):
        run("--candidates", str(tmp_path / "nope.csv"), "--opportunities", files[1])
    with pytest.raises(CommandError, match="deze verplichte kolom ontbreekt"):
        run("--candidates", files[1], "--opportunities", files[1])  # an opportunities file as candidates


def spil(*args):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "-m", "spil.cli", "match", *args], capture_output=True, text=True, env=env, timeout=120
    )


def test_spil_match_runs_as_a_command(files):
    done = spil("--candidates", files[0], "--opportunities", files[1], "--top", "3", "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["candidates"][0]["matches"]) == 2


def test_help_states_that_the_file_is_assumed_to_be_consented():
    from spil.matching.management.commands.spil_match import Command

    text = " ".join(Command().create_parser("spil", "spil_match").format_help().split())
    assert "every candidate in it has consented to matching" in text
    assert "--candidates FILE" in text and "--top K" in text
