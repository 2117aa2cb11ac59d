"""stretchplan: branded, printable PDF stretch plans with a QR code per exercise video.

The engine runs in four stages, each a subpackage or module that only imports
the stages before it: load -> plan -> render -> deliver. The public API
(open_workspace, Workspace, Client, Document, InvalidInput) lives in
stretchplan.api and is importable from here; it loads on first use, so
`import stretchplan` alone stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Client", "Document", "InvalidInput", "Workspace", "__version__", "open_workspace"]

if TYPE_CHECKING:
    from stretchplan.api import Client, Document, InvalidInput, Workspace, open_workspace


def __getattr__(name: str) -> Any:
    if name in __all__:
        from stretchplan import api

        return getattr(api, name)
    raise AttributeError(f"module 'stretchplan' has no attribute {name!r}")
