"""The validated model of brand.yaml: who handouts come from and how they look.

Pure data and validation; paths stay as written, resolved by the loader.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, PrivateAttr, field_validator

from stretchplan.addresses import check_link_base, check_website
from stretchplan.load.fields import Language, PageSize, Strict, Title
from stretchplan.load.text import Text
from stretchplan.media import colour

HEX_COLOR = r"^#[0-9a-fA-F]{6}$"


class Business(Strict):
    name: Annotated[str, Field(min_length=1, max_length=80)]
    tagline: Title | None = None


class Contact(Strict):
    email: str | None = None
    phone: str | None = None
    website: Annotated[str, AfterValidator(check_website)] | None = None
    address: Text | None = None


class Colors(Strict):
    primary: Annotated[str, Field(pattern=HEX_COLOR)] = "#1f5f6b"
    accent: Annotated[str, Field(pattern=HEX_COLOR)] = "#d9952b"

    @field_validator("primary")
    @classmethod
    def _legible(cls, value: str) -> str:
        # Headings print in this colour on white and white text sits on it:
        # it must stay readable, in colour and on a black-and-white printer.
        # (A colour that passes here but fades in grey is deepened when printed.)
        ratio = contrast_with_white(value)
        if ratio < colour.MIN_CONTRAST:
            raise ValueError(
                f"{value} is too light for text (contrast with white {ratio:.1f}:1, "
                f"needs {colour.MIN_CONTRAST}:1); pick a darker shade"
            )
        return value


def contrast_with_white(hex_color: str) -> float:
    """WCAG contrast ratio of white against the colour (1 to 21)."""
    return colour.contrast(colour.rgb(hex_color), (1.0, 1.0, 1.0))


class Links(Strict):
    """Short links: each QR code encodes `base` + the exercise's id (see `stretchplan links`)."""

    base: Annotated[
        str,
        AfterValidator(check_link_base),
        Field(
            description="the folder on your website where `stretchplan links` pages live, "
            "like https://studio.example/v/; QR codes then encode it + the exercise id",
        ),
    ]


class Fonts(Strict):
    regular: str
    bold: str
    italic: str


class Brand(Strict):
    """brand.yaml: who handouts come from and how they look; paths are relative to it."""

    business: Business
    trainer: str | None = None
    contact: Contact = Contact()
    logo: str | None = None
    colors: Colors = Colors()
    fonts: Fonts
    page_size: PageSize = "letter"
    language: Language = "en"
    disclaimer: Annotated[
        Text,
        Field(
            description="your liability disclaimer, printed in full on every handout: the "
            "name of a file beside brand.yaml (disclaimer.md) or the text itself; or, per "
            "language, {en: disclaimer.md, es: disclaimer.es.md}",
        ),
    ]
    links: Links | None = None

    # Where its plain-text fields were written (file, line), by dotted field name.
    _origin: dict[str, tuple[str, int | None]] = PrivateAttr(default_factory=dict)

    def written_at(self, origin: dict[str, tuple[str, int | None]]) -> Brand:
        """This brand, knowing the file and line of each plain-text field."""
        self._origin = dict(origin)
        return self

    def origin(self, field_name: str) -> tuple[str, int | None] | None:
        return self._origin.get(field_name)
