"""Studio face: a local web page for trainers, served from their own machine.

`stretchplan studio` calls serve(); tests and scripts build the app with
create_app(workspace, token). Everything goes through the public API
(stretchplan.api), never the command line.
"""

from __future__ import annotations

from stretchplan.studio.app import create_app
from stretchplan.studio.server import serve

__all__ = ["create_app", "serve"]
