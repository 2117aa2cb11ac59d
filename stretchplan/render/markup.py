"""Text made safe for reportlab's paragraph markup.

The standard library's html module escapes exactly as xml.sax.saxutils did, and
reportlab has already loaded it; saxutils would bring urllib, http and ssl along.
"""

from __future__ import annotations

import html


def escape(text: str) -> str:
    """&, < and > as entities; quote marks stay as they are."""
    return html.escape(text, quote=False)
