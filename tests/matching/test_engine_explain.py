"""Explanations: plain Dutch, naming the tasks that fit, those missing and where they are taught."""

import json

from spil.matching.engine import Pool

from .engine_factories import candidate, opportunity


def explain(c, o, others=(), teaching=None, task_names=None):
    pool = Pool([c], [o, *others], task_names=task_names)
    return pool.explain(0, 0, teaching)


def test_explanation_names_fitting_and_missing_tasks_with_their_share():
    o = opportunity(kind="vacancy", tasks={"kassa": 40, "vakkenvullen": 40, "heftruck": 20})
    result = explain(
        candidate(), o, task_names={"kassa": "Kassa", "vakkenvullen": "Vakkenvullen", "heftruck": "Heftruck rijden"}
    )
    assert [t["task"] for t in result["tasks_fit"]] == ["Kassa", "Vakkenvullen"]
    assert result["tasks_missing"] == [
        {"task": "Heftruck rijden", "share": 20, "wants_to_learn": False, "taught_by": []}
    ]
    text = " ".join(result["sentences"])
    assert "De kandidaat kan 2 van de 3 taken, samen 80% van de tijd: Kassa en Vakkenvullen." in text
    assert "Ontbreekt: Heftruck rijden (20%)." in text
    assert "Voor Heftruck rijden is in het netwerk geen leerbaan of opleiding bekend." in text


def test_missing_tasks_point_to_the_learning_places_of_the_pool_that_teach_them():
    o = opportunity(kind="vacancy", tasks={"kassa": 50, "heftruck": 50})
    school = opportunity(
        id="bbl", title="Leerling logistiek", tasks={"heftruck": 100}, learning_route="BBL logistiek", school="ROC"
    )
    result = explain(candidate(), o, others=[school])
    assert result["tasks_missing"][0]["taught_by"] == ["Leerling logistiek (BBL logistiek, ROC) – Bakkerij De Korenaar"]
    assert any(s.startswith("Heftruck leert de kandidaat bij: Leerling logistiek") for s in result["sentences"])


def test_teaching_given_by_the_caller_is_used_as_is():
    o = opportunity(kind="vacancy", tasks={"kassa": 50, "heftruck": 50})
    result = explain(candidate(), o, teaching={"heftruck": ["Heftruckcertificaat (scholingsaanbod)"]})
    assert result["tasks_missing"][0]["taught_by"] == ["Heftruckcertificaat (scholingsaanbod)"]


def test_a_learning_place_teaches_what_the_candidate_wants_to_learn_there():
    o = opportunity(tasks={"kassa": 50, "bestellingen": 50})
    text = " ".join(explain(candidate(), o)["sentences"])
    assert "Bestellingen kan de kandidaat op deze leerplek leren." in text
    assert "Leerroute BBL retail niveau 2, ROC Midden Nederland" in text


def test_explanation_is_json_and_its_parts_add_up_to_the_score():
    result = explain(candidate(), opportunity())
    assert json.loads(json.dumps(result)) == result
    assert abs(sum(p["points"] for p in result["parts"]) - result["score"]) < 0.5
    assert {p["part"] for p in result["parts"]} == {
        "tasks",
        "learning",
        "hours",
        "distance",
        "sector",
        "support",
        "target_group",
    }
    assert result["summary"].startswith("Score ")


def test_every_part_is_explained_in_dutch():
    texts = {p["part"]: p["text"] for p in explain(candidate(), opportunity(hours=20))["parts"]}
    assert texts["hours"] == "De kandidaat zoekt 24 uur per week, de plek heeft 20 uur."
    assert "hetzelfde postcodegebied" in texts["distance"]
    assert texts["sector"] == "De sector Retail past bij de interesse van de kandidaat."
    assert texts["support"] == "De plek biedt de begeleiding die de kandidaat nodig heeft: Jobcoach."
    assert "Zonder startkwalificatie" in texts["target_group"]
