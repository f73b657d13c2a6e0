"""`spil tables plan`: plan the seating of a praktijktafel session from the command line."""

import argparse
import time
from json import dumps

from django.core.management.base import BaseCommand, CommandError

from spil.activities.planner import DEFAULT_TIME_BUDGET, Instance, Plan, PlanError, plan


def _whole(minimum: int):
    """An argparse type: a whole number of at least ``minimum``, with a readable error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum} (got {value})")
        return value

    return parse


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 600:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most 600 seconds (got {text})")
    return value


class Command(BaseCommand):
    help = "Plan the tables of a praktijktafel session: who sits where in each round."
    requires_system_checks = []

    def add_arguments(self, parser):
        if parser.prog.endswith(" spil_tables"):
            parser.prog = parser.prog.removesuffix("spil_tables") + "tables"
        subparsers = parser.add_subparsers(dest="subcommand", required=True, metavar="{plan}")
        planner = subparsers.add_parser(
            "plan",
            help="Plan the seating of every round.",
            description=(
                "Plan the seating of every round: hosts stay at their table, guests rotate so that "
                "they meet as many different people (and tables) as possible. Prints the plan and "
                "its new-encounter ratio: distinct pairs of people who met / the most possible."
            ),
        )
        planner.add_argument("--tables", type=_whole(1), required=True, help="Number of tables (at least 1).")
        planner.add_argument(
            "--seats", type=_whole(1), required=True, help="Seats per table, hosts included (at least 1)."
        )
        planner.add_argument("--rounds", type=_whole(1), required=True, help="Number of rounds (at least 1).")
        planner.add_argument("--guests", type=_whole(0), required=True, help="Number of rotating guests.")
        planner.add_argument(
            "--hosts-per-table",
            type=_whole(0),
            required=True,
            help="Fixed hosts per table, who stay seated every round (fewer than --seats).",
        )
        planner.add_argument(
            "--seed", type=_whole(0), default=0, help="Seed of the search (default 0); a seed gives the same plan."
        )
        planner.add_argument(
            "--time-budget",
            type=_seconds,
            default=DEFAULT_TIME_BUDGET,
            help=f"Wall-clock cap of the search in seconds (default {DEFAULT_TIME_BUDGET}).",
        )
        planner.add_argument(
            "--uneven",
            action="store_true",
            help=(
                "Allow tables with different numbers of guests in a round (more pairs may meet, but a "
                "table can stay empty). By default tables are filled evenly: they differ by at most one guest."
            ),
        )
        planner.add_argument(
            "--json",
            action="store_true",
            help='Print only JSON: {"tables": T, "rounds": [...], "hosts": [...], "ratio": r}.',
        )

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "plan":
            self.plan(**options)

    def plan(self, *, tables, seats, rounds, guests, hosts_per_table, seed, time_budget, uneven, json, **options):
        try:
            instance = Instance(
                tables=tables,
                seats=seats,
                rounds=rounds,
                hosts_per_table=hosts_per_table,
                guests=guests,
                balanced=not uneven,
            )
            started = time.perf_counter()
            result = plan(instance, seed=seed, time_budget=time_budget)
            seconds = time.perf_counter() - started
        except PlanError as error:
            raise CommandError(str(error)) from None
        if json:
            self.stdout.write(dumps(result.to_json_dict()))
        else:
            self.stdout.write(describe(instance, result, seed=seed, seconds=seconds))


def label(instance: Instance, person: int) -> str:
    """H1, H2, … for hosts and G1, G2, … for guests (numbered from 1; person id + 1)."""
    if person < instance.first_guest:
        return f"H{person + 1}"
    return f"G{person - instance.first_guest + 1}"


def describe(instance: Instance, result: Plan, *, seed: int, seconds: float) -> str:
    """The plan as text: per round, per table, who sits there; then the figures."""
    h = instance.hosts_per_table
    hosts = f"{h} host{'s' if h != 1 else ''}"
    lines = [
        f"Praktijktafel: {instance.tables} tables × {instance.seats} seats ({hosts} and {instance.guest_seats} "
        f"guest seats each), {instance.guests} guests, {instance.rounds} rounds, seed {seed}"
        + ("." if instance.balanced else ", tables may be filled unevenly."),
    ]
    legend = []
    if instance.first_guest:
        legend.append(f"H1–H{instance.first_guest} are the hosts (person ids 0–{instance.first_guest - 1})")
    if instance.guests:
        legend.append(f"G1–G{instance.guests} the guests (person ids {instance.first_guest}–{instance.people - 1})")
    if legend:
        lines.append("; ".join(legend) + ".")
    width = len(str(instance.tables))
    for r, tables in enumerate(result.rounds):
        lines.append("")
        lines.append(f"Round {r + 1}")
        for t, people in enumerate(tables):
            hosts = [label(instance, p) for p in people if p < instance.first_guest]
            guests = [label(instance, p) for p in people if p >= instance.first_guest]
            seated = " ".join(hosts) + (" | " if hosts and guests else "") + " ".join(guests)
            lines.append(f"  Table {t + 1:>{width}}: {seated or '(empty)'}")
    lines.append("")
    lines.append(
        f"New-encounter ratio: {result.ratio:.1%} ({result.distinct_pairs} of at most {result.max_pairs} "
        "distinct pairs of people met)"
    )
    lines.append(f"Repeated pairs: {result.repeated_pairs}; repeated table visits: {result.repeated_visits}")
    lines.append(f"Time: {seconds:.2f} s")
    return "\n".join(lines)
