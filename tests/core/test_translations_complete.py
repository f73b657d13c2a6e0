import gettext
import re
from pathlib import Path

import spil

PO = Path(spil.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"
STRING = r'"((?:[^"\\]|\\.)*)"'


def _text(block: str, keyword: str) -> str | None:
    match = re.search(rf"^{keyword} ((?:\".*\"\n?)+)", block + "\n", re.M)
    if match is None:
        return None
    return "".join(re.findall(STRING, match.group(1))).encode().decode("unicode_escape").encode("latin-1").decode()


def _entries():
    for block in PO.read_text(encoding="utf-8").split("\n\n"):
        msgid = _text(block, "msgid")
        if msgid:
            yield msgid, block


def test_every_dutch_text_has_an_english_translation():
    untranslated = [
        msgid
        for msgid, block in _entries()
        if "#, fuzzy" in block or any(_text(block, k) == "" for k in ("msgstr", r"msgstr\[0\]", r"msgstr\[1\]"))
    ]
    assert untranslated == []


def test_the_compiled_catalogue_matches_the_source():
    with PO.with_suffix(".mo").open("rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    singular = {msgid: _text(block, "msgstr") for msgid, block in _entries() if "msgid_plural" not in block}
    stale = [msgid for msgid, msgstr in singular.items() if catalogue.gettext(msgid) != msgstr]
    assert stale == []


def test_every_translatable_text_in_the_code_is_in_the_catalogue(tmp_path):
    """makemessages on a copy of the code finds no Dutch text that the .po lacks (run it after adding texts)."""
    import os
    import shutil
    import subprocess
    import sys

    import pytest

    if shutil.which("xgettext") is None:
        pytest.skip("GNU gettext (xgettext) is not installed")
    source = Path(spil.__file__).parent
    copy = tmp_path / "spil"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo"))
    env = {**os.environ, "SPIL_DEBUG": "1", "DJANGO_SETTINGS_MODULE": "spil.settings"}
    done = subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "en", "--no-obsolete"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    fresh = (copy / "locale" / "en" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    found = {_text(block, "msgid") for block in fresh.split("\n\n")} - {None, ""}
    known = {msgid for msgid, _block in _entries()}
    assert sorted(found - known) == []


def test_django_texts_that_its_dutch_translation_lacks_are_dutch_here():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("nl"):
        assert str(BLANK_CHOICE_LABEL) == "- Kies een optie -"
    with translation.override("en"):
        assert str(BLANK_CHOICE_LABEL) == "- Select an option -"
