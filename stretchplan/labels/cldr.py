"""Dates, numbers and language names as CLDR (the Unicode locale data) writes them.

Babel carries CLDR, but importing it and unpickling one locale costs more than the
rest of a cold handout's label loading, so the few facts the bundled languages need
(date patterns, month names, the decimal sign, the names of languages) are kept in
cldr.json, extracted from Babel by `python -m stretchplan.labels.cldr` (a test checks
the extract still matches Babel). Any other locale, such as a trainer's seventh
language, is read from Babel when first asked for.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

EXTRACT = Path(__file__).with_name("cldr.json")
# The locales cldr.json holds: those the bundled labels name, and their languages.
BUNDLED_LOCALES = ("en_GB", "en", "es", "fr", "de", "it", "pt_PT", "pt")
NAMED = ("en", "es", "fr", "de", "it", "pt")  # language names every extract carries
_TOKEN = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.DOTALL)


@dataclass(frozen=True)
class Calendar:
    """What one locale needs to write a date, a number and a language's name."""

    locale: str
    decimal: str
    # The same locale always has the same data: compared and hashed by the above.
    patterns: dict[str, str] = field(compare=False, repr=False)  # medium, long
    months: dict[str, tuple[str, ...]] = field(compare=False, repr=False)  # January first
    names: dict[str, str] = field(compare=False, repr=False)  # code -> name here

    def date(self, year: int, month: int, day: int, form: str) -> str:
        pattern = self.patterns.get(form, form)
        out = []
        for match in _TOKEN.finditer(pattern):
            token = match.group(0)
            letter = match.group(1)
            if token.startswith("'"):
                out.append(token[1:-1].replace("''", "'") if token != "''" else "'")
            elif letter == "d":
                out.append(f"{day:0{len(token)}d}")
            elif letter in ("M", "L"):
                if len(token) >= 4:
                    out.append(self.months["wide"][month - 1])
                elif len(token) == 3:
                    out.append(self.months["abbreviated"][month - 1])
                else:
                    out.append(f"{month:0{len(token)}d}")
            elif letter == "y":
                out.append(f"{year % 100:02d}" if len(token) == 2 else str(year))
            elif letter:
                raise ValueError(f'date pattern "{pattern}": "{token}" is not supported')
            else:
                out.append(token)
        return "".join(out)

    def name_of(self, language: str) -> str:
        return self.names.get(language) or _babel_name(language, self.locale) or language


def _extracted() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(EXTRACT.read_text(encoding="utf-8"))
    return data


def calendar(locale: str) -> Calendar:
    data = _extracted().get(locale) or extract(locale)
    return Calendar(
        locale=locale,
        patterns=dict(data["patterns"]),
        months={k: tuple(v) for k, v in data["months"].items()},
        decimal=data["decimal"],
        names=dict(data["names"]),
    )


def known(locale: str) -> bool:
    if locale in _extracted():
        return True
    from babel import localedata  # only for a locale the extract lacks

    try:
        return bool(localedata.exists(locale))
    except (TypeError, ValueError):
        return False


def extract(locale: str) -> dict[str, Any]:
    """The facts a Calendar needs, read from Babel's CLDR data."""
    from babel import Locale

    loc = Locale.parse(locale)
    months = loc.months["format"]
    return {
        "patterns": {form: loc.date_formats[form].pattern for form in ("medium", "long")},
        "months": {
            width: [months[width][m] for m in range(1, 13)] for width in ("wide", "abbreviated")
        },
        "decimal": loc.number_symbols["latn"]["decimal"],
        "names": {code: loc.languages[code] for code in NAMED if code in loc.languages},
    }


def _babel_name(language: str, locale: str) -> str | None:
    from babel import Locale

    try:
        return Locale.parse(locale).languages.get(language)
    except (ValueError, TypeError):
        return None


def main() -> None:
    """Rewrite cldr.json from the installed Babel."""
    data = {locale: extract(locale) for locale in BUNDLED_LOCALES}
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    EXTRACT.write_text(text, encoding="utf-8")
    sys.stdout.write(f"wrote {EXTRACT}\n")


if __name__ == "__main__":
    main()
