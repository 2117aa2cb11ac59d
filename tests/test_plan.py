"""The plan stage on its own: models in, one handout's content out, no files and no clock."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from stretchplan.errors import UserError
from stretchplan.labels import LabelBook
from stretchplan.load.brand import Brand
from stretchplan.load.models import Client, Dosage, Library
from stretchplan.plan import Options, Plan, build_plan, dosage_text, typeset
from stretchplan.printed import printed_texts

TODAY = dt.date(2026, 3, 14)
EN = LabelBook().get("en")


def exercise(ident: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": ident,
        "name": {"en": f"{ident} stretch", "es": f"estiramiento {ident}"},
        "kind": "stretch",
        "dosage": {"static": {"hold": 30, "reps": 2}, "dynamic": {"reps": "8-10"}},
        "sides": "each",
        "steps": [{"en": "Lie on your back.", "es": "Túmbate boca arriba."}],
        "cautions": [{"en": "Stop if you feel tingling.", "es": "Para si notas hormigueo."}],
        **extra,
    }


LIBRARY = Library.model_validate(
    {
        "version": 1,
        "exercises": [exercise("figure-four"), exercise("pigeon"), exercise("child-pose")],
        "programs": [
            {
                "id": "relief",
                "title": {"en": "Relief", "es": "Alivio"},
                "sections": [
                    {
                        "title": {"en": "Stretch", "es": "Estira"},
                        "items": [
                            {"exercise": "figure-four"},
                            {"exercise": "pigeon", "dosage": {"hold": 45}},
                        ],
                    }
                ],
            }
        ],
    }
)
BRAND = Brand.model_validate(
    {
        "business": {"name": "Studio North"},
        "fonts": {"regular": "r.ttf", "bold": "b.ttf", "italic": "i.ttf"},
        "disclaimer": {"en": "See a doctor first.\n\nStop if it hurts.", "es": "Consulta."},
        "contact": {"website": "https://studio.example"},
    }
)


def plan_for(client: Client | None, **options: Any) -> Plan:
    return build_plan(LIBRARY, BRAND, client, Options(today=TODAY, **options), "relief")


def test_dosage_reads_as_a_trainer_says_it() -> None:
    assert dosage_text(Dosage(hold=30, reps=2), "each", EN) == "Hold 30 s · 2 times · each side"
    assert dosage_text(Dosage(sets=1, reps="10-15"), "none", EN) == "1 set × 10–15 reps"
    assert dosage_text(Dosage(duration=60), "both", EN) == "60 s · both sides"
    assert dosage_text(Dosage(reps=1), "none", EN) == "1 rep"


def test_typewriter_quotes_become_typographic() -> None:
    assert typeset('Hold a "4" shape, don\'t bounce') == "Hold a “4” shape, don’t bounce"
    assert typeset("('slowly')") == "(‘slowly’)"


def test_a_program_item_dosage_overrides_the_exercise_option() -> None:
    plan = plan_for(Client(name="Ana"))
    first, second = plan.exercises
    assert first.dosage == "Hold 30 s · 2 times · each side"
    assert second.dosage == "Hold 45 s · 2 times · each side"


def test_omitting_renumbers_and_adding_goes_under_its_own_heading() -> None:
    plan = plan_for(Client(name="Ana", omit=["figure-four"], add=["child-pose", "pigeon"]))
    assert [(e.number, e.id) for e in plan.exercises] == [(1, "pigeon"), (2, "child-pose")]
    assert [s.title for s in plan.sections] == ["Stretch", EN.added]  # pigeon is not added twice


def test_omitting_an_exercise_not_in_the_program_names_the_field_and_suggests() -> None:
    client = Client(name="Ana", omit=["pigeonn"]).written_at({"omit": ("ana.yaml", 4)})
    with pytest.raises(UserError) as caught:
        plan_for(client)
    (problem,) = caught.value.problems
    assert (problem.file, problem.line, problem.field) == ("ana.yaml", 4, "omit")
    assert '"pigeonn"' in problem.message
    assert "pigeon" in problem.message.split("pigeonn", 1)[1]  # did you mean


def test_nothing_left_after_omitting_is_refused() -> None:
    with pytest.raises(UserError, match="no exercises left"):
        plan_for(Client(name="Ana", omit=["figure-four", "pigeon"]))


def test_the_mode_picks_the_dosage_option() -> None:
    plan = plan_for(Client(name="Ana", mode="dynamic"))
    assert plan.exercises[0].dosage == "8–10 reps · each side"
    assert plan.mode == "dynamic"


def test_the_clients_date_wins_over_today_and_no_clock_is_read() -> None:
    assert plan_for(Client(name="Ana")).date == TODAY
    assert plan_for(Client(name="Ana", date=dt.date(2027, 1, 2))).date == dt.date(2027, 1, 2)
    assert plan_for(Client(name="Ana")) == plan_for(Client(name="Ana"))


def test_everything_in_the_chosen_language() -> None:
    plan = plan_for(Client(name="Ana"), language="es")
    texts = " ".join(value for _, value in printed_texts(plan))
    assert plan.title == "Alivio"
    assert plan.exercises[0].steps == ("Túmbate boca arriba.",)
    assert plan.exercises[0].dosage.endswith("cada lado")
    assert "Lie on your back" not in texts


def test_a_missing_translation_is_refused_unless_a_fallback_is_given() -> None:
    with pytest.raises(UserError) as caught:
        plan_for(Client(name="Ana"), language="fr")
    assert caught.value.problems  # each missing French text is listed
    plan = plan_for(Client(name="Ana"), language="fr", fallback="en")
    assert plan.fallback_notice and plan.exercises[0].steps == ("Lie on your back.",)


def test_printed_texts_hold_every_step_caution_and_the_name() -> None:
    plan = plan_for(Client(name="Zoë Łukasiewicz", notes=["Ice after runs."]))
    texts = printed_texts(plan)
    assert ("name", "Zoë Łukasiewicz") in texts
    assert ("notes", "Ice after runs.") in texts
    assert ("exercise pigeon", "Stop if you feel tingling.") in texts
    assert ("disclaimer", "Stop if it hurts.") in texts


def test_a_class_sheet_plan_has_no_client() -> None:
    plan = plan_for(None)
    assert plan.client_name is None and not plan.trainer_notes
    assert [e.id for e in plan.exercises] == ["figure-four", "pigeon"]
