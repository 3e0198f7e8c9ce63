"""Decisions on plain data: text, taxonomy, scoring, assignment, scheduling, selection.

Nothing in this package imports Django (an import-linter contract enforces it),
so it runs from a notebook, the CLI or a worker alike.
"""
