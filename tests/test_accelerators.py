"""reportlab runs at full speed: its C accelerator is in use and streams are not ASCII85."""

from __future__ import annotations

from tests.conftest import make_plan


def test_reportlab_uses_the_rl_accel_extension() -> None:
    from reportlab.lib import rl_accel

    # reportlab silently falls back to pure Python when rl-accel is missing
    for name in ("fp_str", "escapePDF", "instanceStringWidthTTF", "calcChecksum"):
        assert getattr(rl_accel, name).__module__ == "_rl_accel", name


def test_pdf_streams_are_binary_not_ascii85() -> None:
    from tests.conftest import render_handout as handout_pdf

    pdf = handout_pdf(make_plan())
    assert b"/FlateDecode" in pdf
    assert b"/ASCII85Decode" not in pdf
