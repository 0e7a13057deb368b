"""The GS1 key modules other than gtin: interface, error codes and spans, parse results.

Check digits are worked by hand in the comments (weights 3, 1, 3 … from the right of the payload).
"""

from __future__ import annotations

from types import ModuleType

import pytest

from vntrace.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    VntraceError,
)
from vntrace.gs1 import gcn, gdti, giai, ginc, gln, gmn, grai, gsin, gsrn, gtin, itip, sscc
from vntrace.gs1.keys import CheckDigitKeyModule, KeyModule

# 893456700001 → 1·3+0+0·3+0+0·3+7+6·3+5+4·3+3+9·3+8 = 83 → 7
GLN = "8934567000017"
# 08934567000000012 → 87 → 3 (gs1-facts ✓ (00)089345670000000123)
SSCC = "089345670000000123"
# 89345670000000001 → 1·3 + 7·3+6+5·3+4+3·3+9+8·3 = 91 → 9
GSRN = "893456700000000019"
# 8934567000000001 → 1·3 + 7+6·3+5+4·3+3+9·3+8 = 83 → 7
GSIN = "89345670000000017"

ALL = [gtin, gln, sscc, grai, giai, gsrn, gdti, gcn, gsin, ginc, itip, gmn]
VALID: dict[ModuleType, str] = {
    gtin: "8934567890120",
    gln: GLN,
    sscc: SSCC,
    grai: "0" + GLN + "PALLET-9",
    giai: "8934567A-01",
    gsrn: GSRN,
    gdti: GLN + "INV-2026/01",
    gcn: GLN + "123",
    gsin: GSIN,
    ginc: "8934567SHIP/26-1",
    itip: "08934567890120" + "0102",
    gmn: "8934567ABCK4",  # gs1-facts ✓
}


@pytest.mark.parametrize("module", ALL, ids=lambda m: m.__name__)
def test_protocol_and_valid_example(module: ModuleType) -> None:
    assert isinstance(module, KeyModule)
    number = VALID[module]
    assert module.validate(number) == number
    assert module.is_valid(number)
    assert module.format(number) == number
    assert module.compact(" " + number + " ") == number
    for name in ("compact", "validate", "is_valid", "format"):
        assert name in module.__all__


@pytest.mark.parametrize(
    "module", [m for m in ALL if m not in (giai, ginc)], ids=lambda m: m.__name__
)
def test_check_digit_modules(module: ModuleType) -> None:
    assert isinstance(module, CheckDigitKeyModule)


@pytest.mark.parametrize("module", ALL, ids=lambda m: m.__name__)
@pytest.mark.parametrize("value", [None, 1, b"8934567000017", "", " ", "\x00", "٣" * 18, "\ud800"])
def test_is_valid_never_raises(module: ModuleType, value: object) -> None:
    assert module.is_valid(value) is False


@pytest.mark.parametrize("module", ALL, ids=lambda m: m.__name__)
def test_validate_non_text(module: ModuleType) -> None:
    with pytest.raises(InvalidFormat) as info:
        module.validate(12345)
    assert info.value.code == "GS1.KEY.NOT_TEXT"


@pytest.mark.parametrize(
    ("module", "payload", "digit"),
    [
        (gln, "893456700001", "7"),
        (gln, "061414100001", "2"),  # 1·3+0+0+0+0+1+4·3+1+4·3+1+6·3+0 = 48 → 2
        (sscc, "08934567000000012", "3"),
        (sscc, "00614141123456789", "0"),  # sum 140
        (gsrn, "89345670000000001", "9"),
        (gsin, "8934567000000001", "7"),
        (gdti, "893456700001", "7"),
        (gcn, "893456700001", "7"),
        (grai, "0893456700001", "7"),
        (itip, "0893456789012", "0"),
        (gmn, "8934567ABC", "K4"),
    ],
)
def test_calc_check_digit(module: ModuleType, payload: str, digit: str) -> None:
    assert module.calc_check_digit(payload) == digit


@pytest.mark.parametrize(
    ("module", "payload"),
    [(gln, "89345670000"), (sscc, "0893456700000001"), (gsrn, "893456700000000019"),
     (gsin, "893456700000001"), (gdti, "8934567000017"), (grai, "893456700001"),
     (itip, "08934567890120"), (gmn, "8" * 24)],
)  # fmt: skip
def test_calc_check_digit_length(module: ModuleType, payload: str) -> None:
    with pytest.raises(InvalidLength):
        module.calc_check_digit(payload)


def test_calc_check_digit_formats() -> None:
    with pytest.raises(InvalidFormat):
        gln.calc_check_digit("89345670000A")
    with pytest.raises(InvalidComponent) as info:
        grai.calc_check_digit("1893456700001")
    assert info.value.code == "GS1.NOT_ZERO"
    with pytest.raises(InvalidFormat) as cset:
        gmn.calc_check_digit("8934567 AB")
    assert cset.value.code == "GS1.INVALID_CSET82_CHARACTER"


ERRORS = [
    # module, input, error class, code, start, length
    (gln, "8934567000018", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 12, 1),
    (gln, "893456700001", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 12),
    (gln, "89345670000l7", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 11, 1),
    (sscc, "089345670000000124", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 17, 1),
    (sscc, "89345670000000123", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 17),
    (gsrn, "893456700000000010", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 17, 1),
    (gsin, "89345670000000018", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 16, 1),
    (gsin, "８9345670000000017", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 0, 1),
    # GDTI: 13 digits then an optional CSET 82 serial of up to 17
    (gdti, "8934567000018INV", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 12, 1),
    (gdti, "893456700001", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 12),
    (gdti, GLN + "X" * 18, InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 31),
    (gdti, "89345670000A7INV", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 11, 1),
    (gdti, GLN + "INV 1", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 16, 1),
    (gdti, GLN + "INV#1", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 16, 1),
    # GCN: 13 digits then an optional numeric serial of up to 12
    (gcn, GLN + "12A", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 15, 1),
    (gcn, GLN + "1" * 13, InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 26),
    (gcn, "8934567000016" + "1", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 12, 1),
    # GRAI: "0", 13 digits, optional CSET 82 serial of up to 16
    (grai, "1" + GLN, InvalidComponent, "GS1.NOT_ZERO", 0, 1),
    (grai, "A" + GLN, InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 0, 1),
    (grai, "08934567000018", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 13, 1),
    (grai, "0" + GLN[:12], InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 13),
    (grai, "0" + GLN + "X" * 17, InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 31),
    (grai, "0893456700A017", InvalidFormat, "GS1.NON_DIGIT_CHARACTER", 10, 1),
    (grai, "0" + GLN + "P|1", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 15, 1),
    # GIAI / GINC: CSET 82, at most 30, GCP position rule
    (giai, "AB12345", InvalidComponent, "GS1.INVALID_GCP_PREFIX", 0, 1),
    (giai, "893", InvalidComponent, "GS1.TOO_SHORT_FOR_GCP", 0, 3),
    (giai, "", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 0),
    (giai, "8" * 31, InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 31),
    (giai, "8934567 A", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 7, 1),
    (ginc, "893A4567", InvalidComponent, "GS1.INVALID_GCP_PREFIX", 3, 1),
    (ginc, "8934567é", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 7, 1),
    # ITIP: GTIN-14 + piece/total
    (itip, "089345678901290102", InvalidChecksum, "GS1.INCORRECT_CHECK_DIGIT", 13, 1),
    (itip, "089345678901200002", InvalidComponent, "GS1.ZERO_PIECE_NUMBER", 14, 2),
    (itip, "089345678901200300", InvalidComponent, "GS1.ZERO_TOTAL_PIECES", 16, 2),
    (itip, "089345678901200302", InvalidComponent, "GS1.PIECE_NUMBER_EXCEEDS_TOTAL", 14, 4),
    (itip, "08934567890120010", InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 17),
    # GMN: CSET 82, check pair, then GCP position
    (gmn, "8934567ABC4K", InvalidChecksum, "GS1.INCORRECT_CHECK_PAIR", 10, 2),
    (gmn, "K4", InvalidChecksum, "GS1.INCORRECT_CHECK_PAIR", 0, 2),
    (gmn, "2", InvalidLength, "GS1.TOO_SHORT_FOR_CHECK_PAIR", 0, 1),
    (gmn, "22", InvalidComponent, "GS1.TOO_SHORT_FOR_GCP", 0, 2),
    (gmn, "8934567ABC K4", InvalidFormat, "GS1.INVALID_CSET82_CHARACTER", 10, 1),
    (gmn, "8" * 26, InvalidLength, "GS1.KEY.INVALID_LENGTH", 0, 26),
    # "!A" + pair: "A" 29·2 + "!" 0·3 = 58 = 1·32 + 26 → "3U"; valid pair, but "!A" is no GCP
    (gmn, "!A3U", InvalidComponent, "GS1.INVALID_GCP_PREFIX", 0, 1),
]


@pytest.mark.parametrize(("module", "number", "error", "code", "start", "length"), ERRORS)
def test_errors(
    module: ModuleType, number: str, error: type[VntraceError], code: str, start: int, length: int
) -> None:
    with pytest.raises(error) as info:
        module.validate(number)
    finding = info.value.finding
    assert (finding.code, finding.location.start, finding.location.length) == (code, start, length)
    assert finding.params["key"] == module.KEY
    assert finding.params["value"] == number
    assert not module.is_valid(number)
    assert finding.message("vi") != finding.message("en")


def test_compact_keeps_hyphens_in_alphanumeric_keys() -> None:
    assert giai.compact(" 8934567-A ") == "8934567-A"
    assert gdti.compact(GLN + "A-1") == GLN + "A-1"
    assert grai.compact("0" + GLN + "-") == "0" + GLN + "-"
    assert gln.compact("8934567-00001-7") == GLN
    assert gcn.compact(GLN + "-123") == GLN + "123"
    assert itip.compact("08934567890120-01-02") == "089345678901200102"


def test_parse_results() -> None:
    g = gln.Gln.parse(GLN, company_prefix_length=9)
    assert (g.company_prefix, g.location_reference, g.check_digit) == ("893456700", "001", "7")
    assert g.prefix is not None
    assert g.prefix.organisation == "GS1 Vietnam"

    s = sscc.Sscc.parse(SSCC, company_prefix_length=10)
    assert (s.extension_digit, s.company_prefix, s.serial_reference) == (
        "0",
        "8934567000",
        "000012",
    )
    assert s.check_digit == "3"
    assert s.prefix is not None
    assert s.prefix.prefix == "893"

    r = gsrn.Gsrn.parse(GSRN)
    assert (r.company_prefix, r.service_reference, r.check_digit) == (None, None, "9")

    n = gsin.Gsin.parse(GSIN, company_prefix_length=12)
    assert (n.company_prefix, n.shipper_reference) == ("893456700000", "0001")

    d = gdti.Gdti.parse(GLN + "INV-1", company_prefix_length=8)
    assert (d.base, d.serial, d.document_type, d.check_digit) == (GLN, "INV-1", "0001", "7")
    assert gdti.Gdti.parse(GLN).serial is None

    c = gcn.Gcn.parse(GLN + "42", company_prefix_length=7)
    assert (c.base, c.serial, c.coupon_reference, c.check_digit) == (GLN, "42", "00001", "7")

    a = grai.Grai.parse("0" + GLN + "P1", company_prefix_length=7)
    assert (a.base, a.serial, a.asset_type, a.check_digit) == (GLN, "P1", "00001", "7")
    assert grai.Grai.parse("0" + GLN).serial is None
    assert a.prefix is not None
    assert a.prefix.organisation == "GS1 Vietnam"

    i = giai.Giai.parse("8934567A-01", company_prefix_length=7)
    assert (i.company_prefix, i.asset_reference) == ("8934567", "A-01")
    assert giai.Giai.parse("8934567A-01").asset_reference is None

    k = ginc.Ginc.parse("8934567SHIP", company_prefix_length=7)
    assert k.consignment_reference == "SHIP"

    m = gmn.Gmn.parse("8934567ABCK4", company_prefix_length=7)
    assert (m.model_reference, m.check_pair) == ("ABC", "K4")
    assert m.prefix is not None
    assert m.prefix.organisation == "GS1 Vietnam"

    t = itip.Itip.parse("089345678901200102")
    assert (t.gtin, t.piece, t.total) == ("08934567890120", 1, 2)
    assert t.as_gtin(company_prefix_length=7).company_prefix == "8934567"


@pytest.mark.parametrize(
    ("cls", "number", "length"),
    [
        (gln.Gln, GLN, 11),  # 893: only 7, 8, 9, 10, 12
        (gln.Gln, GLN, 13),
        (sscc.Sscc, SSCC, 3),
        (giai.Giai, "8934567A-01", 8),  # only 7 leading digits
        (gmn.Gmn, "8934567ABCK4", 9),
        (grai.Grai, "0" + GLN, 14),
    ],
)
def test_parse_bad_company_prefix_length(cls: type, number: str, length: int) -> None:
    with pytest.raises(InvalidComponent) as info:
        cls.parse(number, company_prefix_length=length)
    assert info.value.code == "GS1.KEY.INVALID_COMPANY_PREFIX_LENGTH"


def test_non_vietnamese_company_prefix_lengths() -> None:
    # outside 893 any length from 4 to 12 that fits is accepted
    assert gln.Gln.parse("0614141000012", company_prefix_length=11).company_prefix == "06141410000"
    assert gln.Gln.parse("0614141000012", company_prefix_length=4).company_prefix == "0614"
