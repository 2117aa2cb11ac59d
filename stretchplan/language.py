"""Plan stage, languages: which language a handout is in, and each text in it.

Pure: no file access. A handout never mixes languages silently: every text the
plan prints is looked up in the handout's language, and any that lack it are
reported together (file:line:field each), unless a fallback language was allowed,
in which case the plan says so on the page. Every text looked up remembers where it
was written, so a later refusal (a glyph the font lacks) can point at that line too.
"""

from __future__ import annotations

from collections.abc import Iterable

from stretchplan.errors import Problem, UserError
from stretchplan.load.text import Text, missing_problem

# Where a printed text was written: file, line, field (each None when not known).
Origin = tuple[str | None, int | None, str | None]


def choose_language(
    option: str | None, client_lang: str | None, brand_language: str
) -> tuple[str, str]:
    """The handout's language and where it came from: --lang, the client's lang, the brand's."""
    if option:
        return option, "lang"
    if client_lang:
        return client_lang, "lang"
    return brand_language, "language"


class Translator:
    """Looks up each printed text in one language, remembering every one that is missing."""

    def __init__(self, language: str, fallback: str | None = None) -> None:
        self.language = language
        self.fallback = fallback if fallback != language else None
        self.missing: list[Problem] = []
        self.fell_back = False
        self.origins: dict[str, Origin] = {}  # each text given, as printed -> where written

    def text(self, value: Text | str | None) -> str | None:
        if value is None or isinstance(value, str):
            return value  # our own words (a label), already in the language
        found = self._text(value)
        if value.where is not None:
            self.origins.setdefault(found, (value.where.file, value.where.line, value.where.field))
        return found

    def _text(self, value: Text) -> str:
        found = value.get(self.language)
        if found is not None:
            return found
        if self.fallback is not None:
            found = value.get(self.fallback)
            if found is not None:
                self.fell_back = True
                return found
        self.missing.append(missing_problem(value, self.language))
        return value.first()

    def texts(self, values: Iterable[Text | str]) -> tuple[str, ...]:
        return tuple(self.text(value) or "" for value in values)

    def finish(self) -> None:
        """Refuse the plan when any text lacked its translation: all of them, in file order."""
        if self.missing:
            unique = {(p.file, p.line, p.field): p for p in self.missing}
            ordered = sorted(
                unique.values(), key=lambda p: (p.file or "", p.line or 0, p.field or "")
            )
            also = f" or {self.fallback}" if self.fallback else ""
            summary = Problem(
                f"{len(ordered)} printed text{'s' if len(ordered) > 1 else ''} "
                f"{'have' if len(ordered) > 1 else 'has'} no {self.language}{also} "
                "translation: add the translations, or allow another language with --fallback"
            )
            raise UserError([*ordered, summary])
