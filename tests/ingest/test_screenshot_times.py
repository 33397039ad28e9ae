"""Time separators of chat apps, read relative to the day the screenshot was taken."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from dunguard.ingest.screenshot.picture import parse_user_date, time_from_name
from dunguard.ingest.screenshot.times import normalise, parse_clock, parse_separator

TAKEN = date(2024, 3, 8)  # a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:47", datetime(2024, 3, 8, 14, 47)),
        ("今天 14:47", datetime(2024, 3, 8, 14, 47)),
        ("昨天 下午2:47", datetime(2024, 3, 7, 14, 47)),
        ("昨天下午2：47", datetime(2024, 3, 7, 14, 47)),
        ("前天 23:05", datetime(2024, 3, 6, 23, 5)),
        ("星期三 14:47", datetime(2024, 3, 6, 14, 47)),
        ("周一 08:00", datetime(2024, 3, 4, 8, 0)),
        ("星期五 09:30", datetime(2024, 3, 1, 9, 30)),  # a Friday seen on a Friday: last week's
        ("星期日 凌晨1:12", datetime(2024, 3, 3, 1, 12)),
        ("1月8日 14:47", datetime(2024, 1, 8, 14, 47)),
        ("1月8日 星期一 14:47", datetime(2024, 1, 8, 14, 47)),
        ("12月21日 晚上11:52", datetime(2023, 12, 21, 23, 52)),  # not yet come this year
        ("2023年12月1日 14:47", datetime(2023, 12, 1, 14, 47)),
        ("2023/12/1 14:47", datetime(2023, 12, 1, 14, 47)),
        ("中午12:30", datetime(2024, 3, 8, 12, 30)),
        ("中午1:05", datetime(2024, 3, 8, 13, 5)),
        ("上午10:05", datetime(2024, 3, 8, 10, 5)),
        ("早上7:10", datetime(2024, 3, 8, 7, 10)),
        ("凌晨12:30", datetime(2024, 3, 8, 0, 30)),
        ("晚上9:3O", datetime(2024, 3, 8, 21, 30)),  # OCR read 0 as O
        ("今大09:42", datetime(2024, 3, 8, 9, 42)),  # and 天 as 大
        ("2月19日星期—23:44", datetime(2024, 2, 19, 23, 44)),  # and 一 as a dash
        ("周ー 08:00", datetime(2024, 3, 4, 8, 0)),
    ],
)
def test_separator_resolves_to_the_exact_minute(text: str, expected: datetime) -> None:
    st = parse_separator(text, TAKEN)
    assert st is not None and st.precise
    assert st.at() == expected


@pytest.mark.parametrize(
    ("text", "day"),
    [("昨天", date(2024, 3, 7)), ("星期三", date(2024, 3, 6)), ("1月8日", date(2024, 1, 8))],
)
def test_separator_without_clock_gives_the_day(text: str, day: date) -> None:
    st = parse_separator(text, TAKEN)
    assert st is not None and not st.precise and st.day == day


@pytest.mark.parametrize(
    "text",
    [
        "短信/彩信",
        "下午",
        "你已添加了催收员小王",
        "25:10",
        "14:61",
        "13月2日 10:00",
        "以下为新消息",
        "",
    ],
)
def test_other_lines_are_not_separators(text: str) -> None:
    assert parse_separator(text, TAKEN) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:47", (14, 47)),
        ("下午2:47", (14, 47)),
        ("晚上 11：05", (23, 5)),
        ("凌晨12:30", (0, 30)),
        ("O9:3O", (9, 30)),
        ("昨天 14:47", None),  # a day of its own: a separator's reading, not a bare clock
        ("3月8日", None),
        ("25:10", None),
        ("催收员小王", None),
    ],
)
def test_bare_clock_times_under_bubbles(text: str, expected: tuple[int, int] | None) -> None:
    assert parse_clock(text) == expected


def test_normalise_only_touches_letters_beside_digits() -> None:
    assert normalise("1O:3l") == "10:31"
    assert normalise("Oppo  10:30") == "Oppo 10:30"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Screenshot_20240305-142233.png", datetime(2024, 3, 5, 14, 22, 33)),
        ("Screenshot_2024-03-05-14-22-33-123_com.tencent.mm.jpg", datetime(2024, 3, 5, 14, 22, 33)),
        ("微信图片_20240305142233.jpg", datetime(2024, 3, 5, 14, 22, 33)),
        ("Screenshot 2024-03-05 at 14.22.33.png", datetime(2024, 3, 5, 14, 22, 33)),
        ("mmexport1709620953000.jpg", datetime(2024, 3, 5, 14, 42, 33)),
        ("IMG_0001.PNG", None),
    ],
)
def test_date_in_file_names(name: str, expected: datetime | None) -> None:
    assert time_from_name(name) == expected


@pytest.mark.parametrize("value", ["2024-03-08", "2024/3/8", "2024年3月8日", " 2024.03.08 "])
def test_user_date(value: str) -> None:
    assert parse_user_date(value) == date(2024, 3, 8)
