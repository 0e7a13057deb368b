"""The AI table (counts and facts of gs1-facts §4) and ai.py: lookup, vivify, matches, interpret."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from vntrace.gs1 import ai
from vntrace.gs1.options import Options

REF = dt.date(2026, 11, 25)


def test_counts() -> None:
    assert len(ai.entries) == 541
    assert len({e.ai for e in ai.entries}) == 541
    assert [e.ai for e in ai.entries] == sorted(e.ai for e in ai.entries)
    keys = [e.ai for e in ai.entries if e.dlpkey is not None]
    assert keys == [
        "00",
        "01",
        "253",
        "255",
        "401",
        "402",
        "414",
        "415",
        "417",
        "8003",
        "8004",
        "8006",
        "8010",
        "8013",
        "8017",
        "8018",
    ]
    assert ai.RELEASE == "2026-01-27"


def test_predefined_length_list() -> None:
    expected = {"00", "01", "02", "03", "11", "12", "13", "15", "16", "17", "20"}
    expected |= {f"41{d}" for d in range(8)}
    for prefix, top in (("31", 6), ("32", 9), ("33", 7), ("34", 9), ("35", 7), ("36", 9)):
        for n in range(top + 1):
            expected |= {f"{prefix}{n}{d}" for d in range(6)}
    got = {e.ai for e in ai.entries if e.predefined_length}
    assert got == expected
    assert len([a for a in got if a[:2] in {"31", "32", "33", "34", "35", "36"}]) == 318


def test_prefix_length_table() -> None:
    two = [
        "00",
        "01",
        "02",
        "03",
        "10",
        "11",
        "12",
        "13",
        "15",
        "16",
        "17",
        "20",
        "21",
        "22",
        "30",
        "37",
    ] + [str(n) for n in range(90, 100)]
    three = ["23", "24", "25", "40", "41", "42", "71"]
    four = ["31", "32", "33", "34", "35", "36", "39", "43", "70", "72", "80", "81", "82"]
    for p in two:
        assert ai.length_by_prefix(p) == 2, p
    for p in three:
        assert ai.length_by_prefix(p) == 3, p
    for p in four:
        assert ai.length_by_prefix(p) == 4, p
    none = ["04", "05", "06", "07", "08", "09", "14", "18", "19", "26", "27", "28", "29", "38"]
    none += [str(n) for n in range(44, 70)] + [str(n) for n in range(73, 80)]
    none += [str(n) for n in range(83, 90)]
    for p in none:
        assert ai.length_by_prefix(p) is None, p
    assert len(two) + len(three) + len(four) + len(none) == 100
    assert ai.length_by_prefix("0") is None
    assert ai.length_by_prefix("ab") is None


def test_not_dl_attributes() -> None:
    no_q = {e.ai for e in ai.entries if not e.dl_data_attribute}
    assert no_q == {
        "03",
        "21",
        "22",
        "235",
        "254",
        "7040",
        "7041",
        "8011",
        "8014",
        "8019",
        "8020",
        "8040",
        "8041",
        "8042",
        "8043",
        "8200",
    }


def test_entries_from_dictionary() -> None:
    e = ai.lookup("8030")
    assert e is not None
    assert e.title == "DIGSIG"
    assert e.components == (ai.Component("Z", 1, 90, False, ()),)
    assert e.req == (
        (
            ("00",),
            ("01", "21"),
            ("253",),
            ("255",),
            ("8003",),
            ("8004",),
            ("8006", "21"),
            ("8010", "8011"),
            ("8017",),
            ("8018",),
        ),
    )
    e = ai.lookup("37")
    assert e is not None
    assert e.req == ((("00",),), (("02",), ("8026",)))
    e = ai.lookup("01")
    assert e is not None
    assert e.dlpkey == (("22", "10", "21"), ("235",))
    assert e.ex == ("255", "37")
    e = ai.lookup("253")
    assert e is not None
    assert (e.min_length, e.max_length) == (13, 30)
    assert e.components[1] == ai.Component("X", 1, 17, True, ())
    e = ai.lookup("8013")
    assert e is not None
    assert e.components[0].linters == ("csumalpha", "gcppos1")
    assert e.dlpkey == ((),)
    e = ai.lookup("3103")
    assert e is not None
    assert e.title == "NET WEIGHT (kg)"
    assert e.ex == ("310n",)
    e = ai.lookup("8003")
    assert e is not None
    assert (e.min_length, e.max_length) == (14, 30)
    assert ai.lookup("011") is None
    assert ai.lookup("") is None


@pytest.mark.parametrize(
    ("ref", "code", "ok"),
    [
        ("31nn", "3103", True),
        ("31nn", "310", False),
        ("394n", "3940", True),
        ("394n", "3950", False),
        ("01", "01", True),
        ("01", "011", False),
        ("8111", "8111", True),
    ],
)
def test_matches(ref: str, code: str, ok: bool) -> None:
    assert ai.matches(ref, code) is ok


def test_vivify() -> None:
    on = Options(permit_unknown_ais=True)
    assert ai.vivify("89", Options()) is None
    assert ai.vivify("01", Options()) is ai.lookup("01")
    for code in ("011", "2345", "0", "12345", "8a", "310"):
        assert ai.vivify(code, on) is None, code
    for code in ("236", "89", "0456", "8299", "3960"):
        e = ai.vivify(code, on)
        assert e is not None, code
        assert e.title == "UNKNOWN"
        assert e.vivified
        assert not e.predefined_length
        assert e.components == (ai.Component("X", 1, 90, False, ()),)
        assert e.req == e.ex == ()
        assert e.dlpkey is None
        assert not e.dl_data_attribute
    e = ai.vivify("418", on)
    assert e is not None
    assert e.predefined_length
    assert (e.min_length, e.max_length) == (13, 13)
    e = ai.vivify("3106", on)
    assert e is not None
    assert e.predefined_length
    assert (e.min_length, e.max_length) == (6, 6)
    e = ai.vivify("89", Options(permit_unknown_ais=True, unknown_ai_not_dl_attr=False))
    assert e is not None
    assert e.dl_data_attribute


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("17", "270630", dt.date(2027, 6, 30)),
        ("17", "270600", dt.date(2027, 6, 30)),
        ("15", "280200", dt.date(2028, 2, 29)),
        ("11", "260200", dt.date(2026, 2, 28)),
        ("11", "760101", dt.date(2076, 1, 1)),
        ("11", "770101", dt.date(1977, 1, 1)),
        ("7006", "991231", dt.date(1999, 12, 31)),
        ("7007", "260101", dt.date(2026, 1, 1)),
        ("7007", "260101260131", ai.DateRange(dt.date(2026, 1, 1), dt.date(2026, 1, 31))),
        ("7003", "2706301530", dt.datetime(2027, 6, 30, 15, 30)),  # noqa: DTZ001
        ("4324", "2606001200", dt.datetime(2026, 6, 30, 12, 0)),  # noqa: DTZ001
        ("7011", "270630", dt.date(2027, 6, 30)),
        ("7011", "2706300800", dt.datetime(2027, 6, 30, 8, 0)),  # noqa: DTZ001
        ("8008", "2706301405", dt.datetime(2027, 6, 30, 14, 5)),  # noqa: DTZ001
        ("8008", "270630140559", dt.datetime(2027, 6, 30, 14, 5, 59)),  # noqa: DTZ001
        ("7250", "19800229", dt.date(1980, 2, 29)),
        ("7251", "198002291230", dt.datetime(1980, 2, 29, 12, 30)),  # noqa: DTZ001
        ("3103", "000750", Decimal("0.750")),
        ("3100", "000750", Decimal(750)),
        ("3925", "123456", Decimal("1.23456")),
        ("3902", "1299", Decimal("12.99")),
        ("3941", "0155", Decimal("15.5")),
        ("3912", "704150000", ai.Money("704", Decimal("1500.00"), "VND")),
        ("3930", "97812", ai.Money("978", Decimal(12), "EUR")),
        ("30", "00000042", 42),
        ("37", "12", 12),
        ("8111", "0500", 500),
        ("8006", "089345678901200305", ai.PieceOfTotal("08934567890120", 3, 5)),
        ("4309", "11075300002858410000", ai.Coordinates(Decimal("20.753"), Decimal("105.841"))),
        ("4331", "001250-", ai.Temperature(Decimal("-12.50"), "C")),
        ("4330", "003200", ai.Temperature(Decimal("32.00"), "F")),
        ("10", "LOT-7", "LOT-7"),
        ("01", "08934567890120", "08934567890120"),
        ("17", "271331", "271331"),
        ("3103", "00A750", "00A750"),
    ],
)
def test_interpret(code: str, value: str, expected: object) -> None:
    assert ai.interpret(code, value, today=REF) == expected


def test_dates_and_decimals_agree_with_biip() -> None:
    """Peer check: biip implements the same GS1 century rule and implied decimals."""
    gs1_messages = pytest.importorskip("biip.gs1_messages")
    today = dt.date.today()  # noqa: DTZ011 - biip uses today's date too
    for yy in range(100):
        for mmdd in ("0101", "0600", "1231", "0229"):
            value = f"{yy:02d}{mmdd}"
            if mmdd == "0229" and yy % 4:
                continue
            msg = gs1_messages.GS1Message.parse_hri(f"(01)08934567890120(17){value}")
            assert ai.interpret("17", value, today=today) == msg.element_strings[1].date, value
    for code, value in (
        ("3103", "000750"),
        ("3922", "1299"),
        ("3105", "123456"),
        ("3925", "1234567"),
    ):
        msg = gs1_messages.GS1Message.parse_hri(f"(01)08934567890120({code}){value}")
        assert ai.interpret(code, value) == msg.element_strings[1].decimal
