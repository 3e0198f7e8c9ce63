import datetime as dt

import pytest

from kizuna.common.i18n import YearError, format_date, parse_date, parse_year


def test_thai_dates_use_buddhist_era_and_thai_month_names():
    assert format_date(dt.date(2018, 3, 26), "th") == "26 มีนาคม 2561"
    assert format_date(dt.date(2018, 3, 26), "th", short=True) == "26 มี.ค. 2561"


def test_japanese_and_english_dates():
    assert format_date(dt.date(2018, 3, 26), "ja") == "2018年3月26日"
    assert format_date(dt.date(2018, 3, 26), "en") == "26 March 2018"


def test_years_in_either_era():
    assert parse_year(2561) == 2018
    assert parse_year(2018) == 2018
    with pytest.raises(YearError):
        parse_year(18)


def test_dates_in_either_era_and_common_layouts():
    assert parse_date("26/03/2561") == dt.date(2018, 3, 26)
    assert parse_date("2018-03-26") == dt.date(2018, 3, 26)
    assert parse_date("2561-03-26") == dt.date(2018, 3, 26)
    with pytest.raises(ValueError):
        parse_date("March 26")
