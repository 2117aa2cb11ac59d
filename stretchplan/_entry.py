"""Console-script entry point for `stretchplan`.

The wheel carries cli.py inside the package (stretchplan/cli.py); a checkout or
an editable install keeps it at the top of the repository. Loading it by path
in the second case avoids importing some other package's top-level `cli`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType


def _cli() -> ModuleType:
    packaged = Path(__file__).with_name("cli.py")
    source = packaged if packaged.is_file() else Path(__file__).resolve().parent.parent / "cli.py"
    spec = importlib.util.spec_from_file_location("stretchplan.cli", source)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    import gc

    from stretchplan.interrupt import quiet_while_starting

    quiet_while_starting()  # until cli.main() is ready for Ctrl-C
    gc.disable()  # for the start-up, as cli.py run as a script does (it says why)
    _cli().main()
