"""The plain Dutch explanation of one match, built from the parts the engine computed (see `engine.Pool.explain`).

Shape (JSON-able; stored in Match.explanation and printed by `spil match --json`):

    {
      "candidate": id, "opportunity": id, "feasible": bool, "score": float | None (one decimal),
      "failures": [{"constraint": "consent" | "hours" | "distance" | "location", "reason": str}],
      "parts": [{"part": "tasks", "label": str, "points": float, "max": int, "text": str}, ...],
      "tasks_fit": [{"task": str, "share": int}],
      "tasks_missing": [{"task": str, "share": int, "wants_to_learn": bool, "taught_by": [str]}],
      "distance_km": float | None,
      "summary": str, "sentences": [str],
    }
"""

from collections.abc import Mapping

from . import engine
from .engine import LEARNING_PLACE_KINDS, WEIGHTS, _, _label

TEACHING_SHOWN = 3  # places named per missing task in the sentences (the list in "tasks_missing" is complete)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(items: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s en %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def _pct(value: float) -> int:
    return round(100 * value)


def _task_lists(pool, c, o, teaching: Mapping):
    total = sum(max(float(s), 0.0) for s in o.tasks.values()) or 1.0
    fit, missing = [], []
    for task, share in sorted(o.tasks.items(), key=lambda item: (-float(item[1]), pool.task_name(item[0]))):
        fraction = max(float(share), 0.0) / total
        if task in c.tasks:
            fit.append({"task": pool.task_name(task), "share": _pct(fraction)})
        else:
            missing.append(
                {
                    "task": pool.task_name(task),
                    "share": _pct(fraction),
                    "wants_to_learn": task in c.learn_tasks,
                    "taught_by": list(dict.fromkeys(teaching.get(task, ()))),
                }
            )
    return fit, missing


def _failures(pool, c, o, *, consent: bool, located: bool, km: float | None) -> list[dict]:
    failures = []
    if not consent:
        failures.append(
            {"constraint": "consent", "reason": _("Er is geen toestemming van de kandidaat om te matchen.")}
        )
    if o.hours > c.hours + pool.hours_tolerance:
        failures.append(
            {
                "constraint": "hours",
                "reason": _(
                    "Te veel uren: de plek vraagt %(place)s uur per week, de kandidaat kan %(candidate)s uur "
                    "(marge %(margin)s uur)."
                )
                % {"place": o.hours, "candidate": c.hours, "margin": f"{pool.hours_tolerance:g}"},
            }
        )
    if not located:
        failures.append(
            {
                "constraint": "location",
                "reason": _("De afstand is onbekend: de postcode van de kandidaat of van de plek ontbreekt."),
            }
        )
    elif km is not None and km > c.max_km:
        failures.append(
            {
                "constraint": "distance",
                "reason": _("Te ver weg: ongeveer %(km)s km, de kandidaat reist maximaal %(max)s km.")
                % {"km": round(km), "max": f"{c.max_km:g}"},
            }
        )
    return failures


def _part_texts(pool, c, o, parts: dict, fit, missing, km) -> dict[str, str]:
    learning_place = o.kind in LEARNING_PLACE_KINDS
    texts = {}
    if fit:
        texts["tasks"] = _("De kandidaat kan %(n)s van de %(total)s taken, samen %(pct)s%% van de tijd: %(tasks)s.") % {
            "n": len(fit),
            "total": len(fit) + len(missing),
            "pct": _pct(parts["tasks"]),
            "tasks": _join([f["task"] for f in fit]),
        }
    else:
        texts["tasks"] = _("De kandidaat kan nog geen van de taken van deze plek.")
    if learning_place:
        route = ", ".join(x for x in (o.learning_route, o.school) if x) or _label(o.kind)
        learnable = [m["task"] for m in missing if m["wants_to_learn"]]
        if learnable:
            texts["learning"] = _(
                "Leerroute %(route)s: hier kan de kandidaat leren wat hij of zij wil leren: %(tasks)s."
            ) % {
                "route": route,
                "tasks": _join(learnable),
            }
        else:
            texts["learning"] = _(
                "Leerroute %(route)s: geen van de ontbrekende taken staat bij wat de kandidaat wil leren."
            ) % {"route": route}
    else:
        texts["learning"] = _("Dit is geen leerplek: alleen de taken die de kandidaat al kan tellen mee.")
    texts["hours"] = _("De kandidaat zoekt %(candidate)s uur per week, de plek heeft %(place)s uur.") % {
        "candidate": c.hours,
        "place": o.hours,
    }
    if km is None:
        texts["distance"] = _("De afstand is onbekend.")
    elif km < 0.5:
        texts["distance"] = _(
            "Kandidaat en plek liggen in hetzelfde postcodegebied (geschat op %(km)s km; maximaal %(max)s km)."
        ) % {"km": f"{pool.same_area_km:g}", "max": f"{c.max_km:g}"}
    elif km < pool.same_area_km:
        texts["distance"] = _(
            "Ongeveer %(km)s km reizen; de score rekent met %(estimate)s km, omdat een postcode alleen bij benadering "
            "een plaats geeft (de kandidaat reist maximaal %(max)s km)."
        ) % {"km": round(km), "estimate": f"{pool.same_area_km:g}", "max": f"{c.max_km:g}"}
    else:
        texts["distance"] = _("Ongeveer %(km)s km reizen (de kandidaat reist maximaal %(max)s km).") % {
            "km": round(km),
            "max": f"{c.max_km:g}",
        }
    if not c.sectors:
        texts["sector"] = _("De kandidaat heeft geen voorkeur voor een sector opgegeven.")
    elif not o.sector.strip():
        texts["sector"] = _("Bij deze plek staat geen sector.")
    elif parts["sector"] >= 1:
        texts["sector"] = _("De sector %(sector)s past bij de interesse van de kandidaat.") % {"sector": o.sector}
    else:
        texts["sector"] = _("De sector %(sector)s staat niet bij de interesses van de kandidaat (%(sectors)s).") % {
            "sector": o.sector,
            "sectors": _join(sorted(c.sectors)),
        }
    if not c.support_needs:
        texts["support"] = _("De kandidaat heeft geen begeleiding nodig.")
    else:
        lacking = sorted(set(c.support_needs) - set(o.support))
        if not lacking:
            texts["support"] = _("De plek biedt de begeleiding die de kandidaat nodig heeft: %(needs)s.") % {
                "needs": _join([_label(s) for s in sorted(c.support_needs)])
            }
        else:
            texts["support"] = _("De kandidaat heeft %(needs)s nodig; de plek biedt niet: %(lacking)s.") % {
                "needs": _join([_label(s) for s in sorted(c.support_needs)]),
                "lacking": _join([_label(s) for s in lacking]),
            }
    groups = sorted(set(c.target_groups) & engine.KIND_GROUPS.get(o.kind, frozenset()))
    if groups:
        texts["target_group"] = _(
            "Een plek als deze (%(kind)s) past bij de doelgroep van de kandidaat: %(groups)s."
        ) % {
            "kind": _label(o.kind).lower(),
            "groups": _join([_label(g) for g in groups]),
        }
    elif parts["target_group"] >= 1:
        texts["target_group"] = _(
            "Met deze leerbaan haalt de kandidaat een diploma boven de eigen opleiding (%(education)s)."
        ) % {"education": _label(c.education)}
    elif not c.target_groups:
        texts["target_group"] = _("De kandidaat heeft geen doelgroep opgegeven.")
    else:
        texts["target_group"] = _("Een plek als deze (%(kind)s) is niet gericht op de doelgroep van de kandidaat.") % {
            "kind": _label(o.kind).lower()
        }
    return texts


def explanation(pool, c, o, *, feasible, consent, located, total, parts, km, teaching) -> dict:
    fit, missing = _task_lists(pool, c, o, teaching)
    failures = _failures(pool, c, o, consent=consent, located=located, km=km)
    texts = _part_texts(pool, c, o, parts, fit, missing, km)
    names = {
        "tasks": _("Taken"),
        "learning": _("Leerroute"),
        "hours": _("Uren"),
        "distance": _("Afstand"),
        "sector": _("Sector"),
        "support": _("Begeleiding"),
        "target_group": _("Doelgroep"),
    }
    part_list = [
        {
            "part": name,
            "label": names[name],
            "points": round(WEIGHTS[name] * parts[name], 1),
            "max": WEIGHTS[name],
            "text": texts[name],
        }
        for name in WEIGHTS
    ]
    sentences = [texts["tasks"]]
    if missing:
        sentences.append(
            _("Ontbreekt: %(tasks)s.") % {"tasks": _join([f"{m['task']} ({m['share']}%)" for m in missing])}
        )
    for m in missing:
        if o.kind in LEARNING_PLACE_KINDS and m["wants_to_learn"]:
            sentences.append(_cap(_("%(task)s kan de kandidaat op deze leerplek leren.") % {"task": m["task"]}))
        elif m["taught_by"]:
            shown = m["taught_by"][:TEACHING_SHOWN]
            where = "; ".join(shown)
            if len(m["taught_by"]) > len(shown):
                where += _(" en nog %(n)s") % {"n": len(m["taught_by"]) - len(shown)}
            sentences.append(
                _cap(_("%(task)s leert de kandidaat bij: %(where)s.") % {"task": m["task"], "where": where})
            )
        else:
            sentences.append(
                _("Voor %(task)s is in het netwerk geen leerbaan of opleiding bekend.") % {"task": m["task"]}
            )
    sentences.extend(texts[name] for name in WEIGHTS if name != "tasks")
    sentences.extend(f["reason"] for f in failures)
    if feasible:
        summary = _("Score %(score)s van 100 voor %(title)s.") % {"score": f"{total:.0f}", "title": o.title or o.id}
    else:
        summary = _("Past niet: %(reasons)s") % {"reasons": " ".join(f["reason"] for f in failures)}
    return {
        "candidate": c.id,
        "opportunity": o.id,
        "feasible": feasible,
        "score": round(total, 1) if feasible else None,
        "failures": failures,
        "parts": part_list,
        "tasks_fit": fit,
        "tasks_missing": missing,
        "distance_km": round(km, 1) if km is not None else None,
        "summary": summary,
        "sentences": sentences,
    }
