import datetime as dt

import pytest

from kizuna.common.i18n import YearError, format_date, format_datetime, parse_date, parse_year


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


def test_a_moment_in_each_language_thai_in_the_buddhist_era():
    """The run page's "finished" time read "10 พฤษภาคม 2026, 9:00" on a Thai page (#9)."""
    from django.utils import timezone

    moment = timezone.make_aware(dt.datetime(2026, 5, 10, 9, 5))
    assert format_datetime(moment, "th") == "10 พฤษภาคม 2569 09:05 น."
    assert format_datetime(moment, "ja") == "2026年5月10日 9:05"
    assert format_datetime(moment, "en") == "10 May 2026, 09:05"
    assert format_datetime(None, "th") == ""


def test_a_finished_job_shows_its_time_in_the_buddhist_era_to_a_thai_reader():
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import timezone, translation

    job = SimpleNamespace(status="done", is_active=False, finished=timezone.make_aware(dt.datetime(2026, 5, 10, 9, 5)),
                          get_status_display=lambda: "เสร็จสิ้น")
    with translation.override("th"):
        html = render_to_string("common/job_progress.html", {"job": job})
    assert "10 พฤษภาคม 2569 09:05 น." in html
    assert "2026" not in html.replace('datetime="2026', "")
