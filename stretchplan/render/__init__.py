"""Render stage: a Plan in, PDF bytes out (reportlab platypus).

Never reads YAML or writes files; everything it draws comes from the Plan.
"""
