"""The `spil` command: the management commands a user needs, plus pass-through to Django.

spil up [--addrport H:P]   migrate, load demo data into an empty database, run web server and worker
spil demo [--reset]        load the demo networks (again)
spil generate --size S     create synthetic data (demo, region, national)
spil createadmin           create a platform administrator
spil recount               recompute the kept ambition and result figures
spil tables plan ...       plan a praktijktafel session (see spil tables plan --help)
spil match --candidates F --opportunities F [--top K] [--json]
                           top K places per candidate from import files (see spil match --help)
spil worker [-- OPTIONS]   run the background worker (mailings, reminders, emails)
spil <django command> ...  any other Django management command
"""

import os
import sys


def _setup_environment() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "spil.settings")


def django_main(argv: list[str]) -> None:
    _setup_environment()
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


def main() -> None:
    argv = sys.argv[1:]
    command = argv[0] if argv else "help"
    if command in {"up", "demo", "generate", "tables", "match"}:
        # Local use: debug pages and a development secret unless told otherwise.
        os.environ.setdefault("SPIL_DEBUG", "true")
    aliases = {
        "up": "spil_up",
        "demo": "spil_demo",
        "generate": "spil_generate",
        "createadmin": "createsuperuser",
        "recount": "spil_recount",
        "tables": "spil_tables",
        "match": "spil_match",
        "worker": "spil_worker",
    }
    if command in {"help", "-h", "--help"}:
        print(__doc__)
        return
    django_main(["spil", aliases.get(command, command), *argv[1:]])


if __name__ == "__main__":
    main()
