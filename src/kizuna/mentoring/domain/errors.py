"""The mentoring domain's error: a DomainError whose codes and sentences are in
mentoring/phrases.py."""

from __future__ import annotations

from kizuna.common.errors import DomainError
from kizuna.mentoring.phrases import ERRORS


class MentoringError(DomainError):
    """A round, run, pair, plan or CLMV-link action that cannot be done as asked."""

    phrases = ERRORS
