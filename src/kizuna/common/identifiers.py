"""Registration numbers: the Thai juristic-person ID and the Japanese corporate number.

Both are 13 digits with a check digit, computed differently:

- Thailand (เลขทะเบียนนิติบุคคล): the check digit is the *last* digit,
  (11 - sum(d[i] * (13 - i) for i in 0..11) mod 11) mod 10.
- Japan (法人番号): the check digit is the *first* digit,
  9 - (sum(P[n] * Q[n] for n in 1..12) mod 9), where P[n] is the n-th of the other
  twelve digits counted from the right and Q[n] is 1 for odd n and 2 for even n.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_NON_DIGITS = re.compile(r"[\s\-‐－ー–]")


@dataclass(frozen=True)
class IdentifierProblem:
    """Why a registration number is wrong; `code` selects the translated message."""

    code: str  # "length" | "digits" | "check_digit"
    expected: str = ""


def clean(value: str) -> str:
    """Digits only: spaces and dashes (also full-width) dropped, full-width digits made ASCII."""
    value = (value or "").translate({0xFF10 + i: ord("0") + i for i in range(10)})
    return _NON_DIGITS.sub("", value.strip())


def thai_check_digit(first12: str) -> int:
    total = sum(int(d) * (13 - i) for i, d in enumerate(first12))
    return (11 - total % 11) % 10


def japan_check_digit(base12: str) -> int:
    total = 0
    for n, d in enumerate(reversed(base12), start=1):
        total += int(d) * (1 if n % 2 else 2)
    return 9 - total % 9


def check(country: str, value: str) -> IdentifierProblem | None:
    """None when `value` is a valid registration number for `country` (TH or JP);
    other countries' numbers are not checked."""
    digits = clean(value)
    if country not in ("TH", "JP"):
        return None
    if not digits.isdigit():
        return IdentifierProblem("digits")
    if len(digits) != 13:
        return IdentifierProblem("length")
    if country == "TH":
        expected = thai_check_digit(digits[:12])
        if int(digits[12]) != expected:
            return IdentifierProblem("check_digit", str(expected))
    else:
        expected = japan_check_digit(digits[1:])
        if int(digits[0]) != expected:
            return IdentifierProblem("check_digit", str(expected))
    return None


def make_thai(first12: str) -> str:
    return first12 + str(thai_check_digit(first12))


def make_japanese(base12: str) -> str:
    return str(japan_check_digit(base12)) + base12
