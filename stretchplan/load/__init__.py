"""Load stage: files and flags in, validated models out.

Reads YAML and CSV, never imports reportlab, never renders. Every mistake is a
UserError naming the file, the line and the field.
"""
