"""The public Python API: one engine behind the command line, the studio and scripts.

    import datetime, stretchplan
    ws = stretchplan.open_workspace()          # same lookup as the CLI; or library=, brand=
    doc = ws.handout(stretchplan.Client(name="Jane Doe", program="piriformis-relief"),
                     date=datetime.date(2026, 3, 14))
    doc.pdf, doc.pages                         # the CLI's bytes for the same inputs

A Workspace holds the loaded library and brand and the Renderer that keeps
photos, fonts and laid-out cards between documents; close it (or use it in a
`with` block) to let go of them. Bad input raises InvalidInput, whose
`.problems` name the file, line and field in the files' own terms.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from pydantic import ConfigDict

from stretchplan.deliver.files import output_name
from stretchplan.errors import InvalidInput, Problem, checked_choice
from stretchplan.load import fields, models
from stretchplan.media.pages import page_count
from stretchplan.pipeline import Inputs, Look, load_inputs, plan_for
from stretchplan.plan import Plan
from stretchplan.render.renderer import Renderer

if TYPE_CHECKING:
    from stretchplan.batch import BatchResult
    from stretchplan.deliver.links import LinksResult

__all__ = ["Client", "Document", "InvalidInput", "Workspace", "open_workspace"]


class Client(models.Client):
    """One client: name (required), date, program, mode, add, omit, notes, goals.

    Made with fields that don't fit (an empty name, an unknown mode), it raises
    InvalidInput naming them, as a client file would.
    """

    # Its validator is built when the first Client is made: the command line, which
    # reads its clients as load.models.Client, never pays for it (~4 ms of a start).
    model_config = ConfigDict(defer_build=True)

    def __init__(self, **fields: Any) -> None:
        from pydantic import ValidationError

        try:
            super().__init__(**fields)
        except ValidationError as exc:
            from stretchplan.load.validate import problems_from
            from stretchplan.load.yamlsrc import YamlDoc

            found = problems_from(exc, YamlDoc(Path("client"), fields), (), models.Client)
            raise InvalidInput([replace(p, file=None, line=None) for p in found]) from None


@dataclass(frozen=True)
class Document:
    """One rendered PDF: its bytes, its page count, and the file name it would get."""

    pdf: bytes
    plan: Plan
    name: str  # the default file name, e.g. 2026-03-14-jane-doe-piriformis-relief.pdf

    @property
    def pages(self) -> int:
        return page_count(self.pdf)


def open_workspace(
    library: Path | str | None = None,
    brand: Path | str | None = None,
    *,
    cache_dir: Path | str | None = None,
) -> Workspace:
    """The library and brand a command run here would use: the given files, else
    ./exercises.yaml and ./templates/brand.yaml, else the bundled ones."""
    return Workspace(
        load_inputs(_path(library), _path(brand)),
        Renderer(_path(cache_dir)),
    )


class Workspace:
    """A loaded library and brand, and what rendering reuses between documents."""

    def __init__(self, inputs: Inputs, renderer: Renderer) -> None:
        self.inputs = inputs
        self.renderer = renderer

    @property
    def library_file(self) -> Path:
        return self.inputs.library_file

    @property
    def brand_file(self) -> Path:
        return self.inputs.brand_file

    # ---- documents

    def handout(
        self,
        client: models.Client,
        *,
        date: dt.date | None = None,
        program: str | None = None,
        mode: str | None = None,
        add: Iterable[str] | None = None,
        omit: Iterable[str] | None = None,
        notes: Iterable[str] | None = None,
        goals: Iterable[str] | None = None,
        lang: str | None = None,
        fallback: str | None = None,
        large_print: bool = False,
        page_size: str | None = None,
        tracker: int = 0,
    ) -> Document:
        """One client's handout. Keywords given replace the client's own fields."""
        given = {
            "date": date,
            "program": program,
            "mode": mode,
            "add": add,
            "omit": omit,
            "notes": notes,
            "goals": goals,
        }
        client = _with(client, given)
        look = Look(
            page_size=page_size,
            language=lang,
            fallback=fallback,
            large_print=large_print,
            tracker_weeks=tracker,
        )
        options = look.options(dt.date.today(), self.inputs.labels.languages())
        plan = plan_for(self.inputs, client, options)
        pdf = self.renderer.handout(plan)
        return Document(pdf, plan, output_name(plan.date, plan.client_name, plan.program_id))

    def class_sheet(
        self,
        program: str,
        *,
        title: str | None = None,
        date: dt.date | None = None,
        lang: str | None = None,
        fallback: str | None = None,
        large_print: bool = False,
        page_size: str | None = None,
    ) -> Document:
        """A class sheet with a blank name line, to copy for everyone in a class."""
        look = Look(page_size=page_size, language=lang, fallback=fallback, large_print=large_print)
        options = look.options(date or dt.date.today(), self.inputs.labels.languages())
        plan = plan_for(self.inputs, None, options, program)
        if title is not None:
            if not title.strip():
                raise InvalidInput(Problem("the title is empty", field="title"))
            if len(title.strip()) > fields.MAX_TITLE:
                raise InvalidInput(
                    Problem(
                        f"the title is {len(title.strip())} characters; at most {fields.MAX_TITLE} "
                        "fit the page header",
                        field="title",
                    )
                )
            plan = replace(plan, title=title.strip())
        pdf = self.renderer.class_sheet(plan)
        return Document(pdf, plan, output_name(plan.date, None, plan.program_id, "class-sheet"))

    def batch(self, roster: Path | str, **choices: Any) -> BatchResult:
        """A handout (or `layout="class-sheet"`) for every row of a roster, written to
        `out_dir` (default ./handouts); see stretchplan.batch.BatchChoices for the rest."""
        from stretchplan.batch import BatchChoices, run_batch

        choices.setdefault("today", dt.date.today())
        for name in ("out_dir", "combined"):
            if isinstance(choices.get(name), str):
                choices[name] = Path(choices[name])
        return run_batch(Path(roster), BatchChoices(**choices), self.inputs, self.renderer)

    def links(
        self, folder: Path | str, format: str = "html", *, force: bool = False
    ) -> LinksResult:
        """Write what to upload so the brand's short links open each exercise's video:
        `format` html (a page per exercise), netlify, nginx, apache or csv."""
        from stretchplan.deliver.links import FORMATS, write_links
        from stretchplan.shortlinks import link_site

        chosen = checked_choice("format", format, FORMATS) or "html"
        site = link_site(self.inputs.library, self.inputs.brand)
        return write_links(Path(folder), site, chosen, force)

    # ---- the library

    @property
    def programs(self) -> list[str]:
        return [p.id for p in self.inputs.library.programs]

    @property
    def exercises(self) -> list[str]:
        return [e.id for e in self.inputs.library.exercises]

    # ---- lifetime

    def close(self) -> None:
        self.renderer.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _with(client: models.Client, given: dict[str, Any]) -> models.Client:
    """The client with the given fields replaced, validated as the client's own would be."""
    changes = {
        k: (list(v) if k in ("add", "omit", "notes", "goals") else v)
        for k, v in given.items()
        if v is not None
    }
    if not changes:
        return client
    from stretchplan.load.client import client_from_flags

    fields = {**client.model_dump(exclude_defaults=True), **changes}
    updated = client_from_flags(fields)
    kept = {k: v for k, v in client._origin.items() if k not in changes}
    return updated.written_at(kept)


def _path(value: Path | str | None) -> Path | None:
    return None if value is None else Path(value)
