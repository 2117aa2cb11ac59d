"""Deliver stage: PDF bytes out to files, combined print files and printers.

Takes bytes and paths only; never looks inside a Plan.
"""
