"""The wheel carries the CLI inside the package and the bundled library and templates."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import ROOT


def test_wheel_contents(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("stretchplan-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "stretchplan/cli.py" in names
    assert "cli.py" not in names  # no bare top-level module in site-packages
    for bundled in (
        "exercises.yaml",
        "templates/brand.yaml",
        "templates/disclaimer.md",
        "templates/logo.png",
        "templates/fonts/NotoSans-Regular.ttf",
        "templates/fonts/OFL.txt",
        "schema/exercises.schema.json",
        "schema/brand.schema.json",
    ):
        assert f"stretchplan/_bundled/{bundled}" in names
    for language in ("en", "es", "fr", "de", "it", "pt"):
        assert f"stretchplan/labels/{language}.yaml" in names
        disclaimer = "disclaimer.md" if language == "en" else f"disclaimer.{language}.md"
        assert f"stretchplan/_bundled/templates/{disclaimer}" in names
    assert "stretchplan/labels/cldr.json" in names  # dates without importing Babel
    for page_file in ("templates/index.html", "static/studio.css", "static/studio.js"):
        assert f"stretchplan/studio/{page_file}" in names  # the studio's page ships too
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "stretchplan = stretchplan._entry:main" in zipfile.ZipFile(wheel).read(entry).decode()
