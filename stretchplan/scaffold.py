"""`stretchplan init DIR`: a trainer's own workspace, ready to edit and to use.

Reads the bundled library and templates, writes a starter set of files (a few
exercises and one program, the brand, disclaimer, logo and fonts, an example
roster, and the JSON Schemas the YAML files point at). All or nothing: when any
file is already there and --force was not given, nothing at all is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from stretchplan.bundled import bundled_root
from stretchplan.deliver.disk import writing
from stretchplan.deliver.files import write_atomic
from stretchplan.errors import Problem, UserError
from stretchplan.load.schema import FILE_NAMES, schema_text
from stretchplan.load.yamlsrc import load_yaml

STARTER_EXERCISES = (
    "supine-figure-four",
    "seated-piriformis",
    "kneeling-hip-flexor",
    "glute-bridge",
)
STARTER_PROGRAM = "hip-reset"
SCHEMA_LINE = "# yaml-language-server: $schema="

_LIBRARY_HEADER = f"""\
{SCHEMA_LINE}schema/{FILE_NAMES["exercises"]}
#
# Your exercise library: edit these exercises, add your own, and build programs from them.
# Run `stretchplan check` after every edit; it points at the line of any mistake.
#
# Each exercise has an `id` (lower-case letters, digits and dashes) that programs use.
# Dosage options are named; a program's `mode` picks the option of the same name:
#   static: {{reps: 1-2, hold: 20-30}}    few long holds, in seconds
#   dynamic: {{reps: 5-10, hold: 4-6}}    more short holds, a good warm-up
#   default: {{sets: 2, reps: 10-15}}     a single option serves every mode
# Any number can be a range like 20-30. `sides`: each, both or none.
# Photos: `images: [photos/bridge.jpg]` (up to two, paths relative to this file).
# No photo? `figures:` draws the pose (see `stretchplan poses`); photos win over figures.
#
# Languages: a text may be given once per language (`en: ...`, `es: ...`); a handout
# in a language prints only that language and refuses, naming the line, when a text
# lacks it. A plain text is in the `language` below. Add a language of your own with
# templates/labels/xx.yaml (a translated copy of a bundled labels file).

version: 1
language: en

exercises:

"""

_PROGRAM = f"""
programs:

  # A program is what you hand out:
  #   stretchplan handout --name "Jane Doe" --program {STARTER_PROGRAM}
  #   stretchplan handout --name "Ana Ruiz" --program {STARTER_PROGRAM} --lang es
  - id: {STARTER_PROGRAM}
    title:
      en: Hip reset
      es: Puesta a punto de la cadera
      fr: Remise en forme des hanches
      de: Neustart für die Hüfte
      it: Rimettere in sesto l'anca
      pt: Reequilibrar a anca
    intro:
      en: >-
        A short routine for a tight, sore buttock and hip. Move slowly, breathe, and keep
        every stretch mild: you should feel a gentle pull, never sharp or shooting pain.
      es: >-
        Una rutina breve para el glúteo y la cadera tensos y doloridos. Muévete despacio,
        respira y haz cada estiramiento suave: debes notar un tirón ligero, nunca un dolor
        agudo o punzante.
      fr: >-
        Une courte routine pour une fesse et une hanche raides et douloureuses. Bougez
        lentement, respirez et gardez chaque étirement léger : vous devez sentir une
        légère tension, jamais une douleur vive ou fulgurante.
      de: >-
        Ein kurzes Programm für ein verspanntes, schmerzendes Gesäß und eine steife Hüfte.
        Bewegen Sie sich langsam, atmen Sie ruhig und dehnen Sie stets sanft: Sie sollten
        einen leichten Zug spüren, nie einen stechenden oder einschießenden Schmerz.
      it: >-
        Una breve routine per il gluteo e l'anca contratti e doloranti. Muoviti lentamente,
        respira e tieni ogni allungamento leggero: devi sentire una lieve tensione, mai un
        dolore acuto o fulminante.
      pt: >-
        Uma rotina curta para a nádega e a anca tensas e doridas. Mova-se devagar, respire
        e mantenha cada alongamento suave: deve sentir um ligeiro repuxar, nunca uma dor
        aguda ou em choque.
    mode: static
    frequency:
      en: Once a day, and after long periods of sitting
      es: Una vez al día, y después de pasar mucho tiempo sentado
      fr: Une fois par jour, et après être resté assis longtemps
      de: Einmal täglich und nach langem Sitzen
      it: Una volta al giorno, e dopo essere stati seduti a lungo
      pt: Uma vez por dia, e depois de longos períodos sentado
    sections:
      - title:
          en: Stretch
          es: Estiramiento
          fr: Étirements
          de: Dehnen
          it: Allungamento
          pt: Alongamento
        items:
          - exercise: supine-figure-four
          - exercise: seated-piriformis
            note:
              en: Sit tall and lean forward from the hips.
              es: Siéntate erguido e inclínate hacia delante desde las caderas.
              fr: Tenez-vous droit et penchez-vous en avant depuis les hanches.
              de: Sitzen Sie aufrecht und neigen Sie sich aus der Hüfte nach vorn.
              it: Siediti dritto e piegati in avanti partendo dalle anche.
              pt: Sente-se direito e incline-se para a frente a partir das ancas.
          - exercise: kneeling-hip-flexor
      - title:
          en: Strengthen
          es: Fortalecimiento
          fr: Renforcement
          de: Kräftigen
          it: Rinforzo
          pt: Fortalecimento
        items:
          - exercise: glute-bridge
            dosage: {{sets: 2, reps: 10}}   # replaces the exercise's own dosage here
    notes:
      - en: A warm shower or a heat pack before stretching often makes it more comfortable.
        es: Una ducha caliente o una bolsa de calor antes de estirar suele hacerlo más cómodo.
        fr: >-
          Une douche chaude ou une bouillotte avant de vous étirer rend souvent
          l'exercice plus agréable.
        de: Eine warme Dusche oder ein Wärmekissen vor dem Dehnen macht es oft angenehmer.
        it: Una doccia calda o una borsa calda prima di allungarti spesso rende tutto più comodo.
        pt: >-
          Um duche quente ou um saco de calor antes de alongar torna-o muitas vezes
          mais confortável.
"""

_ROSTER = [
    ("name", "program", "mode", "lang", "add", "omit", "notes", "goals"),
    (
        "Jane Doe",
        STARTER_PROGRAM,
        "static",
        "",
        "",
        "",
        "Ice for 10 minutes after long runs.",
        "Run 10 km without buttock pain",
    ),
    (
        "Zoë Łukasiewicz",
        STARTER_PROGRAM,
        "dynamic",
        "fr",
        "",
        "glute-bridge",
        "Faites-les avant votre marche du matin.",
        "Sit through a film without hip pain",
    ),
]


def workspace_files() -> dict[Path, bytes]:
    """Everything `init` writes, by path relative to the workspace."""
    root = bundled_root()
    templates = root / "templates"
    files = {
        Path("exercises.yaml"): starter_library(root / "exercises.yaml").encode("utf-8"),
        Path("templates/brand.yaml"): with_schema_line(
            (templates / "brand.yaml").read_text(encoding="utf-8"),
            f"../schema/{FILE_NAMES['brand']}",
        ).encode("utf-8"),
        Path("roster.csv"): _csv(_ROSTER).encode("utf-8"),
    }
    for source in sorted(templates.rglob("*")):
        relative = Path("templates") / source.relative_to(templates)
        if source.is_file() and relative not in files and not source.name.startswith("."):
            files[relative] = source.read_bytes()
    for kind, name in FILE_NAMES.items():
        files[Path("schema") / name] = schema_text(kind).encode("utf-8")
    return files


def init_workspace(target: Path, force: bool) -> list[Path]:
    """Write the workspace into `target`; returns the files written, relative to it."""
    files = workspace_files()
    with writing(target):  # a name too long, a folder we may not look into ...
        return _init(target, files, force)


def _init(target: Path, files: dict[Path, bytes], force: bool) -> list[Path]:
    if target.exists() and not target.is_dir():
        raise UserError(Problem("is a file; give the name of a folder to create", file=str(target)))
    blocked = _blocked_folders(target, files)
    if blocked:
        raise UserError(blocked)
    existing = sorted(str(rel) for rel in files if (target / rel).exists())
    if existing and not force:
        raise UserError(
            Problem(
                f"already holds {', '.join(existing)}; nothing was written. Add [[force]] to "
                "replace these files with fresh copies, or choose an empty folder",
                file=str(target),
            )
        )
    for relative, data in files.items():
        write_atomic(target / relative, data)
    return list(files)


def _blocked_folders(target: Path, files: dict[Path, bytes]) -> list[Problem]:
    """Files standing where a folder has to go (--force never deletes those)."""
    folders = {parent for rel in files for parent in rel.parents if parent != Path()}
    return [
        Problem("is a file where init needs a folder; move it away", file=str(target / folder))
        for folder in sorted(folders)
        if (target / folder).exists() and not (target / folder).is_dir()
    ]


def starter_library(bundled: Path) -> str:
    """A few exercises cut from the bundled library, as written there, and one program."""
    doc = load_yaml(bundled, "exercise library")
    lines = doc.path.read_text(encoding="utf-8").splitlines()
    starts = [doc.lines[("exercises", i)] for i in range(len(doc.data["exercises"]))]
    ends = [*starts[1:], doc.lines[("programs",)]]
    blocks = {}
    for start, end in zip(starts, ends, strict=True):
        block = lines[start - 1 : end - 1]
        while block and (not block[-1].strip() or block[-1].lstrip().startswith("#")):
            block.pop()  # the next exercise's section comment and blank lines
        exercise_id = block[0].split("id:", 1)[1].strip()
        blocks[exercise_id] = "\n".join(block)
    chosen = "\n\n".join(blocks[exercise_id] for exercise_id in STARTER_EXERCISES)
    return _LIBRARY_HEADER + chosen + "\n" + _PROGRAM


def with_schema_line(text: str, schema: str) -> str:
    """`text` with exactly one schema line at the top, pointing at `schema`."""
    body = "\n".join(line for line in text.splitlines() if not line.startswith(SCHEMA_LINE))
    return f"{SCHEMA_LINE}{schema}\n{body.lstrip(chr(10))}\n"


def _csv(rows: Sequence[Sequence[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()
