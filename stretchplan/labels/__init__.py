"""Fixed words the tool prints, one data file per language.

The bundled languages live beside this module (en.yaml, es.yaml ...); a trainer adds
a language, or changes a few words, with templates/labels/xx.yaml in the workspace
(the folder beside brand.yaml). Each file is checked: no unknown key, the same
{placeholders} as English, and for a new language every key. Dates and numbers
follow CLDR (see cldr.py). A LabelBook owns what it has read; nothing is cached
at module level.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import yaml

from stretchplan.errors import Problem, UserError, unknown_id
from stretchplan.labels import cldr
from stretchplan.load.yamlsrc import YamlDoc, load_yaml

BUNDLED = ("en", "es", "fr", "de", "it", "pt")
LANGUAGES = BUNDLED  # the languages every installation has
HERE = Path(__file__).parent
_CODE = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class Labels:
    language: str
    locale: str
    date_format: str
    colon: str
    prepared_for: str
    hold: str
    seconds: str
    time: str
    times: str
    rep: str
    reps: str
    set_: str
    sets: str
    each_side: str
    both_sides: str
    scan_for_video: str
    page_of: str  # with {n} and {m}
    consult: str
    steps: str
    cues: str
    cautions: str
    note: str
    about: str
    how_often: str
    mode_static: str
    mode_dynamic: str
    program_notes: str
    trainer_notes: str
    goals: str
    added: str
    disclaimer: str
    disclaimer_continued: str  # over the disclaimer's rest on a later page
    your_plan: str
    tracker: str
    tracker_hint: str
    week: str
    weekdays: tuple[str, ...]
    name_line: str
    trainer: str
    class_sheet: str
    you_need: str  # before the exercise's equipment: "You need: mat, foam roller"
    figure_start: str  # captions under a pose figure's frames
    figure_finish: str
    fallback_notice: str  # with {language}
    calendar: cldr.Calendar

    def date(self, year: int, month: int, day: int) -> str:
        """The date as CLDR writes it here: '14 Mar 2026', '1. Dezember 2026'."""
        return self.calendar.date(year, month, day, self.date_format)

    def number(self, value: float) -> str:
        """2.5 -> '2,5' where the comma is the decimal sign."""
        text = str(int(value)) if float(value).is_integer() else f"{value:g}"
        return text.replace(".", self.calendar.decimal)

    def labelled(self, label: str) -> str:
        """'How often:' or, in French, 'Fréquence :' (no-break space)."""
        return f"{label}{self.colon}"


# The YAML key of each field ("set" is a Python keyword's neighbour: set_).
KEYS = {
    f.name.rstrip("_"): f.name for f in fields(Labels) if f.name not in ("language", "calendar")
}
# They have sensible defaults (a labels file written before "disclaimer_continued"
# existed still works: the disclaimer's own word with an ellipsis).
_OPTIONAL = {"locale", "date_format", "colon", "disclaimer_continued"}


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


class LabelBook:
    """The labels of every language a workspace can print, read when first needed.

    `folder` is the workspace's templates/labels (None: bundled languages only).
    """

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self._read: dict[str, Labels] = {}
        self._raw: dict[str, dict[str, Any]] = {}

    def languages(self) -> tuple[str, ...]:
        own = []
        if self.folder is not None and self.folder.is_dir():
            own = sorted(p.stem for p in self.folder.glob("*.yaml") if _CODE.match(p.stem))
        return tuple(dict.fromkeys([*BUNDLED, *own]))

    def has(self, language: str) -> bool:
        return language in BUNDLED or self._own_file(language) is not None

    def get(self, language: str, field: str = "lang") -> Labels:
        """The labels for `language`, or a UserError naming `field` and what is available."""
        if language not in self._read:
            if not self.has(language):
                known = self.languages()
                message = unknown_id("language", language, known)
                raise UserError(
                    Problem(
                        f"{message} To add it, write templates/labels/{language}.yaml "
                        "(a translated copy of a bundled labels file).",
                        field=field,
                    )
                )
            self._read[language] = self._build(language)
        return self._read[language]

    def check(self) -> list[Problem]:
        """Every problem in the workspace's labels files (for `stretchplan check`)."""
        problems: list[Problem] = []
        for language in self.languages():
            try:
                self.get(language)
            except UserError as exc:
                problems += exc.problems
        return problems

    def _own_file(self, language: str) -> Path | None:
        if self.folder is None or not _CODE.match(language):
            return None
        path = self.folder / f"{language}.yaml"
        return path if path.is_file() else None

    def _build(self, language: str) -> Labels:
        values: dict[str, Any] = {}
        if language in BUNDLED:
            values.update(_read(HERE / f"{language}.yaml", complete=True))
        own = self._own_file(language)
        if own is not None:
            values.update(_read(own, complete=language not in BUNDLED))
        values.setdefault("locale", language)
        values.setdefault("date_format", "long")
        values.setdefault("colon", ":")
        values.setdefault("disclaimer_continued", f"{values.get('disclaimer', '')} (…)")
        calendar = cldr.calendar(str(values["locale"]))
        return Labels(
            language=language,
            calendar=calendar,
            **{KEYS[key]: value for key, value in values.items()},
        )


def _bundled_doc(language: str) -> YamlDoc:
    """A bundled labels file, parsed by libyaml: a cold handout reads one or two of these,
    and the line-keeping loader costs ten times as much. The files are ours and checked
    by the tests with the same rules as a trainer's own."""
    path = HERE / f"{language}.yaml"
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return YamlDoc(path, yaml.load(path.read_text(encoding="utf-8"), Loader=loader))


def _read(path: Path, complete: bool) -> dict[str, Any]:
    """A labels file's values, checked against English's placeholders."""
    bundled_file = path.parent == HERE
    doc = _bundled_doc(path.stem) if bundled_file else load_yaml(path, "labels file")
    english = None if path == HERE / "en.yaml" else _checked(_bundled_doc("en"), None, True)
    return _checked(doc, english, complete)


def _checked(doc: YamlDoc, english: Mapping[str, Any] | None, complete: bool) -> dict[str, Any]:
    """The file's labels, or every problem in it at once."""
    if not isinstance(doc.data, dict):
        raise UserError(doc.problem((), "expected lines of 'key: label'"))
    problems = []
    values: dict[str, Any] = {}
    for key, value in doc.data.items():
        if key not in KEYS:
            hint = unknown_id("label", str(key), KEYS).removeprefix(f'unknown label "{key}"')
            problems.append(doc.problem((key,), f'unknown label "{key}"{hint}'))
            continue
        if key == "weekdays":
            if (
                not isinstance(value, list)
                or len(value) != 7
                or not all(isinstance(v, str) and v.strip() for v in value)
            ):
                problems.append(doc.problem((key,), "expected the 7 weekdays, Monday first"))
                continue
            values[key] = tuple(v.strip() for v in value)
            continue
        if not isinstance(value, str) or (not value.strip() and key != "colon"):
            problems.append(doc.problem((key,), "expected a label (text)", value))
            continue
        if english is not None and key in english and isinstance(english[key], str):
            want, got = _placeholders(english[key]), _placeholders(value)
            if want != got:
                names = ", ".join("{" + n + "}" for n in sorted(want)) or "none"
                problems.append(
                    doc.problem((key,), f"needs the same placeholders as English: {names}", value)
                )
                continue
        values[key] = value if key == "colon" else value.strip()
    if complete:
        for key in KEYS:
            if key not in doc.data and key not in _OPTIONAL:
                problems.append(
                    Problem(
                        f'missing the label "{key}" (every label must be translated)',
                        file=doc.name,
                        field=key,
                    )
                )
    if "locale" in values and not cldr.known(str(values["locale"])):
        problems.append(
            doc.problem(
                ("locale",), "is not a CLDR locale (like de, pt_BR or en_GB)", values["locale"]
            )
        )
    if problems:
        raise UserError(problems)
    return values


def bundled(language: str) -> Labels:
    """A bundled language's labels (for tests and listings)."""
    return LabelBook().get(language)


def labels_for(language: str) -> Labels:
    return bundled(language)


def folder_beside(brand_file: Path) -> Path:
    """Where a workspace keeps its own labels: templates/labels next to brand.yaml."""
    return brand_file.resolve().parent / "labels"


__all__ = ["BUNDLED", "LANGUAGES", "LabelBook", "Labels", "bundled"]
