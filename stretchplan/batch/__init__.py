"""Batch: one PDF per roster row (run), the output folder's manifest (manifest), and
the worker processes that render rows (workers)."""

from stretchplan.batch.results import BatchChoices, BatchResult, RowResult, summary
from stretchplan.batch.run import run_batch

__all__ = ["BatchChoices", "BatchResult", "RowResult", "run_batch", "summary"]
