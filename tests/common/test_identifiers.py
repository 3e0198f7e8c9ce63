from hypothesis import given
from hypothesis import strategies as st

from kizuna.common import identifiers


def test_real_japanese_corporate_numbers_are_valid():
    # Hitachi, Ltd. and the National Tax Agency, as published by the NTA.
    assert identifiers.check("JP", "7010001008844") is None
    assert identifiers.check("JP", "7000012050002") is None


def test_wrong_japanese_check_digit_says_what_it_should_be():
    problem = identifiers.check("JP", "8010001008844")
    assert problem == identifiers.IdentifierProblem("check_digit", "7")


def test_thai_juristic_id_check_digit_is_the_last_digit():
    assert identifiers.check("TH", "0105536092641") is None
    assert identifiers.check("TH", "0105536092642") == identifiers.IdentifierProblem("check_digit", "1")


def test_length_and_digits_are_checked_and_separators_ignored():
    assert identifiers.check("TH", "0-1055-36092-64-1") is None
    assert identifiers.check("TH", "010553609264") == identifiers.IdentifierProblem("length")
    assert identifiers.check("JP", "70100010088A4") == identifiers.IdentifierProblem("digits")
    assert identifiers.check("JP", "７０１０００１００８８４４") is None  # full-width digits


def test_other_countries_are_not_checked():
    assert identifiers.check("VN", "123") is None


@given(st.text(alphabet="0123456789", min_size=12, max_size=12))
def test_made_numbers_are_valid_and_any_other_check_digit_is_not(base):
    thai = identifiers.make_thai(base)
    japanese = identifiers.make_japanese(base)
    assert identifiers.check("TH", thai) is None
    assert identifiers.check("JP", japanese) is None
    for d in "0123456789":
        if d != thai[-1]:
            assert identifiers.check("TH", base + d).code == "check_digit"
        if d != japanese[0]:
            assert identifiers.check("JP", d + base).code == "check_digit"
