"""Plan stage: every text a plan prints, the one list the glyph checks go through.

Pure: reads a Plan, no file access. Rendering refuses text the brand's fonts cannot
draw by walking this list, so nothing printed escapes the check.
"""

from __future__ import annotations

from stretchplan.plan import Plan


def printed_texts(plan: Plan) -> list[tuple[str, str]]:
    """Every user-supplied string a plan prints, with the field it came from: the
    one list that the glyph checks of rendering go through."""
    brand = plan.brand
    texts = [("title", plan.title), ("business", brand.business), ("contact", brand.contact_line)]
    if plan.client_name:
        texts.append(("name", plan.client_name))
    for field_name, value in (
        ("intro", plan.intro),
        ("frequency", plan.frequency),
        ("tagline", brand.tagline),
    ):
        if value:
            texts.append((field_name, value))
    texts += [("notes", n) for n in (*plan.program_notes, *plan.trainer_notes)]
    texts += [("goals", g) for g in plan.goals]
    texts += [("disclaimer", d) for d in brand.disclaimer]
    texts += [(f"labels ({plan.language})", word) for word in label_words(plan)]
    for section in plan.sections:
        texts.append(("section title", section.title))
        for ex in section.items:
            where = f"exercise {ex.id}"
            for value in (
                ex.name,
                ex.summary,
                ex.note,
                *ex.steps,
                *ex.cues,
                *ex.cautions,
                *ex.equipment,
            ):
                if value:
                    texts.append((where, value))
    return texts


def label_words(plan: Plan) -> list[str]:
    """The fixed words the plan prints: a trainer's own labels file may be in a script
    the brand's font cannot draw."""
    labels = plan.labels
    words = [value for value in vars(labels).values() if isinstance(value, str)]
    words += [*labels.weekdays, plan.date_text, plan.mode_text]
    if plan.fallback_notice:
        words.append(plan.fallback_notice)
    return [word for word in words if word.strip()]
