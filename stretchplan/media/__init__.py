"""Facts every stage shares, each written once: what a picture or font file holds
(probe), colour contrast (colour), page sizes and page counts (pages).

Imports nothing of ours but errors; never reportlab.
"""
