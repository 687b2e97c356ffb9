import datetime as dt

from zorgraad.core import dutch


def test_long_date() -> None:
    assert dutch.long_date(dt.date(2025, 10, 9)) == "Donderdag 9 oktober 2025"
    assert dutch.long_date(dt.date(2026, 2, 12), capital=False) == "donderdag 12 februari 2026"
    assert dutch.long_date(dt.date(2026, 3, 17), weekday=False) == "17 maart 2026"


def test_names_and_short_time() -> None:
    assert dutch.weekday_name(dt.date(2026, 11, 22)) == "zondag"
    assert dutch.month_name(1) == "januari" and dutch.month_name(12) == "december"
    assert dutch.short_time(dt.time(13, 30)) == "13u30"
    assert dutch.short_time(dt.time(8, 5)) == "8u05"
    assert dutch.short_time(dt.time(16, 0)) == "16u"
