"""Every word in the client's language: bundled translations, the refusal of a
handout that would mix languages, --fallback, labels files and CLDR dates."""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from stretchplan import pipeline
from stretchplan.labels import BUNDLED, LabelBook, bundled, cldr
from stretchplan.load.library import load_brand, load_library
from stretchplan.load.text import texts_in
from stretchplan.plan import Options
from tests.conftest import (
    ROOT,
    TODAY,
    flat,
    make_plan,
    pdf_text,
    render_class_sheet,
    render_handout,
    run_subprocess,
)
from tests.print_rules import open_pdf, rule_breaks

OTHERS = [lang for lang in BUNDLED if lang != "en"]
PROGRAMS = ("piriformis-relief", "runners-hip-mobility", "desk-worker-reset")


def english_texts() -> list[str]:
    """The library's and the brand's English sentences, names and titles.

    Single words are left out: a loanword such as "Clamshell" or "Trainer" may rightly
    appear in another language too."""
    library = load_library(ROOT / "exercises.yaml")
    brand = load_brand(ROOT / "templates" / "brand.yaml")
    texts = [text.get("en") or "" for _, text in (*texts_in(library), *texts_in(brand))]
    paragraphs = [p for text in texts for p in text.split("\n\n")]
    return sorted({flat(p) for p in paragraphs if len(p.split()) >= 2})


def english_in(text: str) -> list[str]:
    found = flat(text)
    return [english for english in english_texts() if english in found]


def labels_in(text: str, language: str) -> list[str]:
    """The multi-word fixed labels of `language` found in `text`."""
    labels = bundled(language)
    words = [v for v in vars(labels).values() if isinstance(v, str) and len(v.split()) >= 2]
    found = flat(text)
    return [w for w in words if "{" not in w and flat(w) in found]


def test_the_english_check_finds_english() -> None:
    """The check the other tests rely on does see English when it is there."""
    plan = make_plan(options=Options(today=TODAY, language="en", tracker_weeks=1))
    text = pdf_text(render_handout(plan))
    assert len(english_in(text)) > 50
    assert "Lie on your back with both knees bent and your feet flat on the floor." in flat(text)


@pytest.mark.parametrize("language", OTHERS)
@pytest.mark.parametrize("program", PROGRAMS)
def test_a_handout_holds_no_english_library_text(language: str, program: str) -> None:
    options = Options(today=TODAY, language=language, tracker_weeks=2)
    plan = make_plan(program=program, options=options)
    pdf = render_handout(plan)
    text = pdf_text(pdf)
    assert english_in(text) == []
    assert labels_in(text, "en") == []
    with open_pdf(pdf) as doc:
        assert rule_breaks(doc, plan) == []  # longer words still keep every print rule
    labels = plan.labels
    for word in (labels.prepared_for, labels.scan_for_video, labels.disclaimer, labels.tracker):
        assert flat(word) in flat(text)
    assert plan.fallback_notice is None


@pytest.mark.parametrize("language", BUNDLED)
def test_a_class_sheet_reads_in_its_language(language: str) -> None:
    inputs = pipeline.load_inputs(ROOT / "exercises.yaml", ROOT / "templates" / "brand.yaml")
    plan = pipeline.plan_for(inputs, None, Options(today=TODAY, language=language), PROGRAMS[0])
    pdf = render_class_sheet(plan)
    text = pdf_text(pdf)
    with open_pdf(pdf) as doc:
        assert rule_breaks(doc, plan) == []
    assert flat(plan.labels.class_sheet) in flat(text)
    assert flat(plan.title) in flat(text)
    if language != "en":
        assert english_in(text) == [] and labels_in(text, "en") == []


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "1 Dec 2026"),
        ("es", "1 de diciembre de 2026"),
        ("fr", "1 décembre 2026"),
        ("de", "1. Dezember 2026"),
        ("it", "1 dicembre 2026"),
        ("pt", "1 de dezembro de 2026"),
    ],
)
def test_dates_follow_cldr(language: str, expected: str) -> None:
    from babel.dates import format_date

    labels = bundled(language)
    assert labels.date(2026, 12, 1) == expected
    for day in (dt.date(2026, 1, 9), dt.date(2027, 5, 31), dt.date(2026, 12, 1)):
        got = labels.date(day.year, day.month, day.day)
        assert got == format_date(day, labels.date_format, locale=labels.locale)


def test_the_cldr_extract_matches_babel() -> None:
    """cldr.json spares a cold handout Babel's import; it must say what Babel says."""
    stored = cldr._extracted()
    assert sorted(stored) == sorted(cldr.BUNDLED_LOCALES)
    for locale in cldr.BUNDLED_LOCALES:
        assert stored[locale] == cldr.extract(locale), locale


def test_french_punctuation_and_decimal_commas() -> None:
    plan = make_plan(options=Options(today=TODAY, language="fr"))
    assert plan.labels.labelled(plan.labels.how_often) == "Fréquence\u00a0:"
    assert "Fréquence :" in flat(pdf_text(render_handout(plan)))
    assert bundled("de").number(2.5) == "2,5" and bundled("en").number(2.5) == "2.5"


def _library_with_gaps(folder: Path) -> Path:
    """The bundled library with one step, one cue and a program title missing in Spanish."""
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    for english in (
        "Lie on your back with both knees bent and your feet flat on the floor.",
        "Keep your head, shoulders and lower back relaxed on the floor.",
    ):
        pattern = re.escape(english) + r"\n\s*es: [^\n]*\n"
        source, count = re.subn(pattern, english + "\n", source, count=1)
        assert count == 1
    source, count = re.subn(
        r"(title:\n\s*en: Piriformis relief\n)\s*es: [^\n]*\n", r"\1", source, count=1
    )
    assert count == 1
    path = folder / "exercises.yaml"
    path.write_text(source, encoding="utf-8")
    return path


def _lines_of(path: Path, text: str) -> list[int]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [i for i, line in enumerate(lines, start=1) if text in line]


def test_missing_translations_are_listed_together_with_file_and_line(workdir: Path) -> None:
    library = _library_with_gaps(workdir)
    shutil.copytree(ROOT / "templates", workdir / "templates")
    args = ["handout", "--name", "Ana", "--program", "piriformis-relief", "--lang", "es"]
    result = run_subprocess(*args, "-o", "ana.pdf", cwd=workdir)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and not (workdir / "ana.pdf").exists()
    step = _lines_of(library, "Lie on your back with both knees bent and your feet flat")[0]
    cue = _lines_of(library, "Keep your head, shoulders and lower back relaxed")[0]
    title = _lines_of(library, "en: Piriformis relief")[0] - 1  # the key's line
    expected = [
        f'exercises.yaml:{step}: exercises[0].steps[0]: no "es" translation (it has: en',
        f'exercises.yaml:{cue}: exercises[0].cues[0]: no "es" translation (it has: en',
        f'exercises.yaml:{title}: programs[0].title: no "es" translation (it has: en',
    ]
    for line in expected:
        assert line in result.stderr
    assert "3 printed texts have no es translation" in result.stderr
    # check --lang lists the same gaps, with nothing else missing in the bundled files.
    check = run_subprocess("check", "--lang", "es", cwd=workdir)
    assert check.returncode == 2
    assert [line for line in expected if line in check.stderr] == expected
    assert check.stderr.count('no "es" translation') == 3


def test_fallback_fills_the_gaps_and_says_so(workdir: Path) -> None:
    _library_with_gaps(workdir)
    shutil.copytree(ROOT / "templates", workdir / "templates")
    args = ["handout", "--name", "Ana", "--program", "piriformis-relief", "--lang", "es"]
    result = run_subprocess(*args, "--fallback", "en", "-o", "ana.pdf", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text((workdir / "ana.pdf").read_bytes()))
    assert "Parte del texto de este plan está en inglés" in text
    assert "Lie on your back with both knees bent and your feet flat on the floor." in text
    assert "Preparado para Ana" in text
    # Without gaps, --fallback changes nothing and prints no notice.
    full = make_plan(options=Options(today=TODAY, language="es", fallback="en"))
    assert full.fallback_notice is None
    gaps = make_plan(
        options=Options(today=TODAY, language="es", fallback="en"),
        library=workdir / "exercises.yaml",
    )
    assert gaps.fallback_notice is not None
    with open_pdf(render_handout(gaps)) as doc:
        assert rule_breaks(doc, gaps) == []  # the notice is fine print, at least 7 pt


def test_check_lang_of_the_bundled_files_finds_nothing_missing(workdir: Path) -> None:
    for language in BUNDLED:
        result = run_subprocess("check", "--lang", language, cwd=workdir)
        assert result.returncode == 0, result.stdout + result.stderr


def _write_roster(folder: Path, rows: list[tuple[str, str]]) -> Path:
    path = folder / "roster.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["name", "program", "lang"])
        writer.writerows((name, "desk-worker-reset", lang) for name, lang in rows)
    return path


def test_one_batch_mixes_languages_and_the_combined_file_keeps_each(workdir: Path) -> None:
    rows = [("Jane Doe", "en"), ("Lucía Pérez", "es"), ("Jürgen Groß", "DE")]
    _write_roster(workdir, rows)
    args = ["batch", "roster.csv", "--date", "2026-12-01", "--combined", "all.pdf"]
    result = run_subprocess(*args, cwd=workdir)
    assert result.returncode == 0, result.stderr
    texts = {
        name: flat(pdf_text(path.read_bytes()))
        for name, path in (
            (name, next((workdir / "handouts").glob(f"*{slug}*.pdf")))
            for name, slug in (
                ("Jane Doe", "jane"),
                ("Lucía Pérez", "lucia"),
                ("Jürgen Groß", "jurgen"),
            )
        )
    }
    assert "Prepared for Jane Doe · 1 Dec 2026" in texts["Jane Doe"]
    assert "Preparado para Lucía Pérez · 1 de diciembre de 2026" in texts["Lucía Pérez"]
    assert "Erstellt für Jürgen Groß · 1. Dezember 2026" in texts["Jürgen Groß"]
    assert english_in(texts["Lucía Pérez"]) == [] and english_in(texts["Jürgen Groß"]) == []
    combined = flat(pdf_text((workdir / "all.pdf").read_bytes()))
    order = [
        combined.index(t)
        for t in ("Prepared for Jane", "Preparado para Lucía", "Erstellt für Jürgen")
    ]
    assert order == sorted(order)


@pytest.mark.parametrize("layout", ["handout", "class-sheet"])
def test_a_batch_in_each_language(workdir: Path, layout: str) -> None:
    rows = [(f"Client {lang.upper()}", lang) for lang in BUNDLED]
    _write_roster(workdir, rows)
    result = run_subprocess("batch", "roster.csv", "--layout", layout, cwd=workdir)
    assert result.returncode == 0, result.stderr
    for lang in BUNDLED:
        path = next((workdir / "handouts").glob(f"*client-{lang}-*.pdf"))
        text = pdf_text(path.read_bytes())
        labels = bundled(lang)
        word = labels.prepared_for if layout == "handout" else labels.class_sheet
        assert flat(word) in flat(text), (lang, layout)
        if lang != "en":
            assert english_in(text) == [], (lang, layout)


def test_an_unknown_client_lang_names_the_row(workdir: Path) -> None:
    _write_roster(workdir, [("Jane Doe", "en"), ("Piet Jansen", "nl")])
    result = run_subprocess("batch", "roster.csv", cwd=workdir)
    assert result.returncode == 1
    assert 'unknown language "nl"' in result.stdout + result.stderr
    assert "templates/labels/nl.yaml" in result.stdout + result.stderr


# --------------------------------------------------------------- labels files


def _workspace(folder: Path) -> Path:
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copy(ROOT / "exercises.yaml", folder / "exercises.yaml")
    (folder / "templates" / "labels").mkdir()
    return folder / "templates" / "labels"


def test_a_labels_file_is_checked_key_by_key(workdir: Path) -> None:
    labels = _workspace(workdir)
    english = (ROOT / "stretchplan" / "labels" / "en.yaml").read_text(encoding="utf-8")
    broken = english.replace("page_of: Page {n} of {m}", "page_of: Pagina {n}")
    broken = broken.replace("cues: Tips\n", "cuse: Tips\n")
    broken = broken.replace("goals: Your goals\n", "")
    (labels / "nl.yaml").write_text(broken, encoding="utf-8")
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 2
    page_line = next(
        i for i, line in enumerate(broken.splitlines(), start=1) if line.startswith("page_of")
    )
    out = result.stdout + result.stderr
    assert f"templates/labels/nl.yaml:{page_line}: page_of: needs the same placeholders" in out
    assert 'unknown label "cuse". Did you mean "cues"?' in out
    assert 'templates/labels/nl.yaml: cues: missing the label "cues"' in out
    assert 'templates/labels/nl.yaml: goals: missing the label "goals"' in out
    handout = run_subprocess(
        "handout", "--name", "Jan", "--program", "piriformis-relief", "--lang", "nl", cwd=workdir
    )
    assert handout.returncode == 2 and "page_of" in handout.stderr


def test_a_bundled_language_takes_a_few_words_from_the_workspace(workdir: Path) -> None:
    labels = _workspace(workdir)
    (labels / "de.yaml").write_text("cues: Hinweise\nprepared_for: Für\n", encoding="utf-8")
    args = ["handout", "--name", "Jürgen", "--program", "piriformis-relief", "--lang", "de"]
    result = run_subprocess(*args, "-o", "j.pdf", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text((workdir / "j.pdf").read_bytes()))
    assert "Für Jürgen" in text and "Hinweise" in text and "Vorsicht" in text


GREEK_LABELS = {
    "prepared_for": "Για",
    "hold": "Κράτα",
    "consult": "Μίλησε με τον γιατρό σου πριν ξεκινήσεις.",
    "steps": "Πώς γίνεται",
    "cues": "Συμβουλές",
    "cautions": "Προσοχή",
    "how_often": "Συχνότητα",
    "disclaimer": "Αποποίηση ευθύνης",
    "scan_for_video": "Σάρωσε για το βίντεο",
    "page_of": "Σελίδα {n} από {m}",
}


def _seventh_language(folder: Path, code: str, labels: dict[str, str], step: str) -> None:
    """A labels file copied from English with some words replaced, and every text of the
    library and brand given in `code` as well: the first step as `step`, the others as
    the English marked [code], the disclaimer as the `consult` label."""
    import yaml

    folder_labels = _workspace(folder)
    english = (ROOT / "stretchplan" / "labels" / "en.yaml").read_text(encoding="utf-8")
    replaced = {**labels, "locale": code, "date_format": "long"}
    lines = [
        f'{key}: "{replaced[key]}"' if (key := line.split(":", 1)[0]) in replaced else line
        for line in english.splitlines()
    ]
    (folder_labels / f"{code}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def add(data: object) -> object:
        if isinstance(data, dict) and data and set(data) <= set(BUNDLED):
            return {**data, code: f"[{code}] {data['en']}"}
        if isinstance(data, dict):
            return {key: add(value) for key, value in data.items()}
        if isinstance(data, list):
            return [add(item) for item in data]
        return data

    for name in ("exercises.yaml", "templates/brand.yaml"):
        path = folder / name
        data = add(yaml.safe_load(path.read_text(encoding="utf-8")))
        assert isinstance(data, dict)
        if name.endswith("brand.yaml"):
            data["disclaimer"][code] = labels["consult"]
        else:
            data["exercises"][0]["steps"][0][code] = step
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_seventh_language_in_greek_needs_no_code(workdir: Path) -> None:
    step = "Ξάπλωσε ανάσκελα με λυγισμένα γόνατα και τα πέλματα στο πάτωμα."
    _seventh_language(workdir, "el", GREEK_LABELS, step)
    args = ["handout", "--name", "Ελένη Παπαδοπούλου", "--program", "piriformis-relief"]
    result = run_subprocess(*args, "--lang", "el", "-o", "el.pdf", cwd=workdir)
    assert result.returncode == 0, result.stderr
    text = flat(pdf_text((workdir / "el.pdf").read_bytes()))
    assert "Για Ελένη Παπαδοπούλου" in text
    assert step in text and "Συμβουλές" in text and "Σελίδα 1 από" in text
    assert bundled_date("el", dt.date.today()) in text  # CLDR's Greek, read from Babel


def bundled_date(code: str, day: dt.date) -> str:
    from babel.dates import format_date

    return format_date(day, "long", locale=code)


def test_a_script_the_font_lacks_is_refused_naming_a_font(workdir: Path) -> None:
    labels = {"prepared_for": "مُعَدّ لـ", "cues": "نصائح", "consult": "استشر طبيبك."}
    _seventh_language(workdir, "ar", labels, "استلقِ على ظهرك.")
    args = ["handout", "--name", "Layla", "--program", "piriformis-relief", "--lang", "ar"]
    result = run_subprocess(*args, cwd=workdir)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "Noto Sans Arabic" in result.stderr


def test_label_book_lists_bundled_and_workspace_languages(tmp_path: Path) -> None:
    (tmp_path / "el.yaml").write_text("cues: x\n", encoding="utf-8")
    (tmp_path / "notes.yaml").write_text("x: y\n", encoding="utf-8")
    book = LabelBook(tmp_path)
    assert book.languages() == (*BUNDLED, "el")
    assert LabelBook().languages() == BUNDLED


def test_check_finds_a_glyph_the_font_lacks_inside_a_translation(workdir: Path) -> None:
    source = (ROOT / "exercises.yaml").read_text(encoding="utf-8")
    spanish = "es: Túmbate boca arriba con las rodillas dobladas y los pies apoyados en el suelo."
    assert spanish in source
    (workdir / "exercises.yaml").write_text(source.replace(spanish, spanish + " 拉伸"), "utf-8")
    line = next(
        i
        for i, text in enumerate((workdir / "exercises.yaml").read_text("utf-8").splitlines(), 1)
        if "拉伸" in text
    )
    result = run_subprocess("check", cwd=workdir)
    assert result.returncode == 2
    assert f"exercises.yaml:{line}: exercises[0].steps[0].es: the font" in result.stderr
    assert "Noto Sans SC" in result.stderr


def test_a_missing_disclaimer_file_of_one_language_names_its_line(workdir: Path) -> None:
    shutil.copytree(ROOT / "templates", workdir / "templates")
    brand = workdir / "templates" / "brand.yaml"
    text = brand.read_text(encoding="utf-8").replace("es: disclaimer.es.md", "es: descargo.md")
    brand.write_text(text, encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "descargo.md" in row)
    result = run_subprocess(
        "handout", "--name", "Ana", "--program", "piriformis-relief", cwd=workdir
    )
    assert result.returncode == 2
    assert f"templates/brand.yaml:{line}: disclaimer.es: disclaimer file not found" in result.stderr
