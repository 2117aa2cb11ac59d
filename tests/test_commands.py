"""What every command shares (stretchplan/commands/common.py): the collector that
cli.py turns off while it starts comes back once the workspace is open."""

from __future__ import annotations

import gc
from pathlib import Path

from stretchplan.commands.common import workspace


def test_the_collector_is_on_again_once_the_workspace_is_open(workdir: Path) -> None:
    gc.disable()  # as cli.py leaves it
    try:
        with workspace(None, None) as ws:
            assert ws.programs
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0  # what loading made is left out of its walks
    finally:
        gc.unfreeze()
        gc.enable()


def test_a_workspace_opened_with_the_collector_on_changes_nothing(workdir: Path) -> None:
    assert gc.isenabled()
    frozen = gc.get_freeze_count()
    with workspace(None, None):
        assert gc.isenabled()
        assert gc.get_freeze_count() == frozen
