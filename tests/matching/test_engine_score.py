"""The parts of the score and their weights, and the engine's copies of the model choices."""

import pytest
from django.utils import translation

from spil.matching import engine, models
from spil.matching.engine import WEIGHTS, Pool, naive_score

from .engine_factories import candidate, opportunity


def parts(c, o) -> dict[str, float]:
    return {p["part"]: p["points"] for p in Pool([c], [o]).explain(0, 0)["parts"]}


def test_weights_add_up_to_100():
    assert sum(WEIGHTS.values()) == 100


def test_a_perfect_fit_scores_100():
    c = candidate(max_km=200)
    score = Pool([c], [opportunity()]).score(0, 0)
    assert score == pytest.approx(100 - 15 * 5 / 200)  # only the same-area distance estimate costs points


def test_tasks_are_weighed_by_their_share_of_the_time():
    o = opportunity(tasks={"kassa": 80, "schoonmaken": 20}, kind="vacancy")
    assert parts(candidate(), o)["tasks"] == pytest.approx(35 * 0.8, abs=0.05)


def test_learning_route_counts_missing_tasks_the_candidate_wants_to_learn_on_a_learning_place_only():
    tasks = {"kassa": 50, "bestellingen": 50}
    assert parts(candidate(), opportunity(tasks=tasks))["learning"] == 10
    assert parts(candidate(), opportunity(tasks=tasks, kind="vacancy"))["learning"] == 5


def test_hours_part_is_smaller_over_larger():
    assert parts(candidate(hours=24), opportunity(hours=12))["hours"] == 5


def test_sector_is_half_when_either_side_has_none():
    assert parts(candidate(), opportunity())["sector"] == 10  # 'Retail' matches 'retail'
    assert parts(candidate(), opportunity(sector="Bouw"))["sector"] == 0
    assert parts(candidate(sectors=frozenset()), opportunity())["sector"] == 5
    assert parts(candidate(), opportunity(sector=""))["sector"] == 5


def test_support_is_the_share_of_needs_offered():
    c = candidate(support_needs=frozenset({"job_coach", "language"}))
    assert parts(c, opportunity())["support"] == 5
    assert parts(candidate(support_needs=frozenset()), opportunity(support=frozenset()))["support"] == 10


def test_target_group_fits_kind_of_place_or_a_qualification_to_gain():
    assert parts(candidate(), opportunity())["target_group"] == 10  # no start qualification, learning job
    c = candidate(target_groups=frozenset({"wia"}), education="mbo4")
    assert parts(c, opportunity())["target_group"] == 0
    assert parts(c, opportunity(kind="vacancy"))["target_group"] == 10
    low = candidate(target_groups=frozenset({"wia"}), education="vmbo")
    assert parts(low, opportunity(education_level="mbo2"))["target_group"] == 10  # gains a level-2 diploma
    assert parts(candidate(target_groups=frozenset(), education="mbo4"), opportunity())["target_group"] == 5


def test_naive_and_engine_agree_on_the_examples():
    for c, o in [(candidate(), opportunity()), (candidate(hours=10), opportunity(kind="internship", sector=""))]:
        assert Pool([c], [o]).score(0, 0) == pytest.approx(naive_score(c, o))


def test_engine_constants_follow_the_models():
    assert set(engine.TARGET_GROUPS) == set(models.TargetGroup.values)
    assert set(engine.KIND_GROUPS) == set(models.OpportunityKind.values)
    assert set(engine.EDUCATION_RANK) == set(models.Education.values)
    assert set(models.OpportunityKind.values) >= engine.LEARNING_JOB_KINDS
    with translation.override("nl"):
        for choices in (models.TargetGroup, models.OpportunityKind, models.Education, models.Support):
            for value, label in choices.choices:
                assert engine.LABELS[value] == str(label)
