from django.core.management.base import BaseCommand

from spil.demo.generate import BENCH_PASSWORD, SIZES, generate


class Command(BaseCommand):
    help = "Add synthetic networks, partners, ambitions and results for benchmarks (demo, region or national)."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=list(SIZES), default="demo", help="How much data (default: demo).")
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator (default: 1).")

    def handle(self, *args, size: str, seed: int, **options):
        generated = generate(size=size, seed=seed, log=lambda line: self.stdout.write(f"  {line}"))
        counts = ", ".join(f"{name}: {number}" for name, number in sorted(generated.counts.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Gegenereerd ({size}, run {generated.run}) in {generated.seconds:.1f} s: "
                f"{len(generated.networks)} netwerken, grootste: /n/{generated.first.slug}/"
            )
        )
        self.stdout.write(f"  {counts}")
        self.stdout.write(f"Benchmark-logins (wachtwoord voor allemaal: {BENCH_PASSWORD}):")
        for key, email in generated.bench_emails.items():
            self.stdout.write(f"  {email:<32} {key}")
