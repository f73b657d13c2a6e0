import importlib.util
import re
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from spil.accounts.models import Membership, Role
from spil.demo.generate import BENCH_PASSWORD, BENCH_USERS, generate
from spil.networks.models import Body, BodyKind, Network, Seat, Stakeholder
from spil.partners.models import (
    AdmissionDecision,
    AdmissionOpinion,
    Ambition,
    Contact,
    Contribution,
    Organisation,
    Partnership,
    Result,
    Status,
)
from spil.partners.validators import validate_postcode

BENCHMARK = Path(__file__).resolve().parents[2] / "benchmarks" / "pages.py"


def load_benchmark():
    spec = importlib.util.spec_from_file_location("spil_benchmark_pages", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def generated(db):
    return generate(size="demo", seed=7)


def test_generate_command_creates_every_kind_of_row(db):
    out = StringIO()
    call_command("spil_generate", "--size", "demo", "--seed", "3", stdout=out)
    assert Network.objects.filter(slug__startswith="gen-1-").count() == 2
    for model in [Organisation, Contact, Partnership, Ambition, Result, Contribution, Stakeholder, Seat]:
        assert model.objects.exists(), model
    assert AdmissionOpinion.objects.exists()
    assert AdmissionDecision.objects.exists()
    assert Contribution.objects.filter(paid_on__isnull=True).exists()
    assert "bench-coordinator@spil.example" in out.getvalue()
    assert BENCH_PASSWORD in out.getvalue()


def test_generated_rows_pass_model_validation(generated):
    for model in [Organisation, Contact, Partnership, Ambition, Result, Contribution]:
        for row in model.objects.all()[:60]:
            row.full_clean()


def test_kvk_numbers_are_unique_eight_digit_strings(generated):
    numbers = list(Organisation.objects.values_list("kvk_number", flat=True))
    assert len(numbers) == len(set(numbers)) == 50
    assert all(re.fullmatch(r"[0-9]{8}", number) for number in numbers)


def test_postcodes_are_valid_dutch_postcodes(generated):
    for postcode in Organisation.objects.values_list("postcode", flat=True):
        assert re.fullmatch(r"[1-9][0-9]{3} [A-Z]{2}", postcode)
        validate_postcode(postcode)


def test_partnerships_mix_statuses_and_open_applications_have_opinions(generated):
    statuses = set(Partnership.objects.filter(network__in=generated.networks).values_list("status", flat=True))
    assert {Status.ACTIVE, Status.APPLICANT, Status.ADMITTED, Status.DECLINED} <= statuses
    for network in generated.networks:
        assert Partnership.objects.filter(network=network, status=Status.APPLICANT, applied_at__isnull=False).exists()
    assert AdmissionOpinion.objects.filter(partnership__status=Status.APPLICANT).exists()


def test_every_network_has_every_body_and_a_kerngroep_chair(generated):
    for network in generated.networks:
        assert set(Body.objects.filter(network=network).values_list("kind", flat=True)) == set(BodyKind.values)
        assert Seat.objects.filter(body__network=network, body__kind=BodyKind.CORE_GROUP, role="chair").count() == 1


def test_bench_users_hold_every_role_in_the_first_network(generated):
    memberships = Membership.objects.filter(network=generated.first, user__email__in=generated.bench_emails.values())
    assert {m.role for m in memberships} == set(Role.values)
    assert memberships.count() == len(BENCH_USERS)
    for membership in memberships.filter(role__in=[Role.PARTNER_CONTACT, Role.PUBLIC_ADVISOR]):
        assert Partnership.objects.filter(network=generated.first, organisation=membership.organisation).exists()
    chair = get_user_model().objects.get(email=generated.bench_emails["chair"])
    assert chair.seats.filter(body__network=generated.first, body__kind=BodyKind.CORE_GROUP, role="chair").exists()
    assert chair.check_password(BENCH_PASSWORD)


def test_generation_adds_to_a_database_that_holds_the_demo_and_an_earlier_run(db):
    call_command("spil_demo", stdout=StringIO())
    first = generate(size="demo", seed=1)
    second = generate(size="demo", seed=1)
    assert second.run == first.run + 1
    assert all(network.slug.startswith(f"gen-{second.run}-") for network in second.networks)
    assert Network.objects.count() == 3 + 2 + 2
    numbers = list(Organisation.objects.values_list("kvk_number", flat=True))
    assert len(numbers) == len(set(numbers))
    assert get_user_model().objects.filter(email__in=first.bench_emails.values()).count() == len(BENCH_USERS)


def test_benchmark_measures_every_page_with_status_200_and_a_ratio(generated, settings):
    bench = load_benchmark()
    urlconf = settings.ROOT_URLCONF
    report = bench.measure_pages(generated.first, repeat=1)
    assert urlconf == settings.ROOT_URLCONF  # the trivial view's URLs are gone again
    assert report.ping_ms > 0 and report.trivial_ms > report.ping_ms
    assert len(report.results) == len(bench.bench_pages(generated.first)) >= 30
    for result in report.results:
        assert result.ratio > 0, result.page.name
        assert result.median_ms > 0
    logged_in = [r for r in report.results if r.page.client != "anonymous"]
    assert all(len(r.queries) > 0 for r in logged_in)
