"""Errors of the domain: one convention for every app.

A domain function that cannot do what it was asked raises a `DomainError` (an
app's subclass, such as mentoring's `MentoringError`). Each problem in it has a
*code* (stable, for programs), *params* (named values), and the field it is about
if any; its text is a whole sentence looked up by code in the subclass's
`phrases` (gettext with named values such as %(name)s, never assembled from fragments) and
rendered in the active language when it is read. Several problems can travel in
one error (a form with three bad figures).

The interfaces never build texts of their own from it: pages go through
`kizuna.common.views.show_domain_error` (form errors or a message), the API
through `kizuna.api.errors.exception_handler` (a 400 with {"code", "detail"}).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from django.utils.functional import Promise


@dataclass(frozen=True)
class Problem:
    code: str
    text: Promise  # the sentence (gettext_lazy), translated when it is read
    params: Mapping[str, object] = field(default_factory=dict)
    field: str | None = None  # the input field it is about; None: the whole request

    @property
    def message(self) -> str:
        """The sentence in the active language."""
        text = str(self.text)
        return text % self.params if self.params else text


class DomainError(Exception):
    """One or more problems that stop a domain action; nothing was written."""

    phrases: Mapping[str, Promise] = {}

    def __init__(self, code: str, /, *, field: str | None = None, **params: object) -> None:
        self.problems: list[Problem] = [self.problem(code, field=field, **params)]
        super().__init__(code)

    @classmethod
    def problem(cls, code: str, /, *, field: str | None = None, **params: object) -> Problem:
        """One problem of this app, for `DomainError.of` (an unknown code is a bug)."""
        try:
            text = cls.phrases[code]
        except KeyError:
            raise KeyError(f"{cls.__name__} has no phrase for code {code!r}") from None
        return Problem(code=code, text=text, params=params, field=field)

    @classmethod
    def of(cls, problems: Iterable[Problem]) -> DomainError:
        """An error carrying several problems at once (at least one)."""
        problems = list(problems)
        if not problems:
            raise ValueError("a DomainError needs at least one problem")
        error = cls.__new__(cls)
        Exception.__init__(error, problems[0].code)
        error.problems = problems
        return error

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def params(self) -> Mapping[str, object]:
        return self.problems[0].params

    @property
    def messages(self) -> list[str]:
        return [p.message for p in self.problems]

    def __str__(self) -> str:
        return " ".join(self.messages)
