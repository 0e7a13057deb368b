"""GS1 linters: every ✓ example of gs1-facts.md §2 plus hand-checked cases for every error name.

Expected values are (ERROR_NAME, start, length) or None, worked out by hand from the rules in
gs1-facts.md §2 (the ✓ examples there were run against GS1's reference engine 1.4.1).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import pytest

from vntrace.errors import InvalidFormat, UnsupportedInput
from vntrace.findings import Location
from vntrace.gs1 import linters
from vntrace.gs1.linters import LINTERS, lint

NDC = "NON_DIGIT_CHARACTER"
B = "189345671234563150110123"  # coupon: GCP 8934567, offer 123456, save 150, req 1, code 0, fam 123
CSET82 = "!\"%&'()*+,-./0123456789:;<=>?ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

CASES: list[tuple[str, str, tuple[str, int, int] | None]] = [
    # csetnumeric
    ("csetnumeric", "", None),
    ("csetnumeric", "0123456789", None),
    ("csetnumeric", "12a4", (NDC, 2, 1)),
    ("csetnumeric", "\uff112", (NDC, 0, 1)),  # full-width 1
    ("csetnumeric", "1\u0663", (NDC, 1, 1)),  # Arabic-Indic 3
    # cset82
    ("cset82", "", None),
    ("cset82", CSET82, None),
    ("cset82", "AB C", ("INVALID_CSET82_CHARACTER", 2, 1)),
    ("cset82", "#", ("INVALID_CSET82_CHARACTER", 0, 1)),
    ("cset82", "Ae\u0301", ("INVALID_CSET82_CHARACTER", 2, 1)),
    ("cset82", "A\nB", ("INVALID_CSET82_CHARACTER", 1, 1)),
    # cset39
    ("cset39", "", None),
    ("cset39", "#-/0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", None),
    ("cset39", "AB-1a", ("INVALID_CSET39_CHARACTER", 4, 1)),
    ("cset39", "_", ("INVALID_CSET39_CHARACTER", 0, 1)),
    # cset64 (✓ examples)
    ("cset64", "ab=", None),
    ("cset64", "abcd==", None),
    ("cset64", "abcde=", None),
    ("cset64", "ab==", ("INVALID_CSET64_PADDING", 2, 2)),
    ("cset64", "abc=", ("INVALID_CSET64_PADDING", 3, 1)),
    ("cset64", "=", ("INVALID_CSET64_PADDING", 0, 1)),
    ("cset64", "a===", ("INVALID_CSET64_PADDING", 1, 3)),
    ("cset64", "Ab=C", ("INVALID_CSET64_CHARACTER", 2, 1)),
    ("cset64", "", None),
    ("cset64", "AZaz09-_", None),
    ("cset64", "a+b", ("INVALID_CSET64_CHARACTER", 1, 1)),
    # csum
    ("csum", "8934567890120", None),
    ("csum", "08934567890129", ("INCORRECT_CHECK_DIGIT", 13, 1)),
    ("csum", "89345A7890120", (NDC, 5, 1)),
    ("csum", "7", ("INCORRECT_CHECK_DIGIT", 0, 1)),
    ("csum", "0", None),
    ("csum", "", ("TOO_SHORT_FOR_CHECK_DIGIT", 0, 0)),
    ("csum", "893456789012A", (NDC, 12, 1)),
    ("csum", "89345678901\uff120", (NDC, 11, 1)),
    ("csum", "95012345678903", None),  # weighted sum 117 → 3
    ("csum", "006141411234567890", None),  # weighted sum 140 → 0
    # csumalpha
    ("csumalpha", "8934567ABCK4", None),
    ("csumalpha", "8934567ABC4K", ("INCORRECT_CHECK_PAIR", 10, 2)),
    ("csumalpha", "!!!22", None),
    ("csumalpha", "22", None),
    ("csumalpha", "23", ("INCORRECT_CHECK_PAIR", 0, 2)),
    ("csumalpha", "2", ("TOO_SHORT_FOR_CHECK_PAIR", 0, 1)),
    ("csumalpha", "", ("TOO_SHORT_FOR_CHECK_PAIR", 0, 0)),
    ("csumalpha", "!" * 97 + "22", None),  # longest the reference handles
    ("csumalpha", "!" * 98 + "22", ("TOO_LONG_FOR_CHECK_PAIR_IMPLEMENTATION", 0, 100)),
    ("csumalpha", "89 4567ABCK4", ("INVALID_CSET82_CHARACTER", 2, 1)),
    # the pair characters are only compared, not set-checked
    ("csumalpha", "8934567ABC K", ("INCORRECT_CHECK_PAIR", 10, 2)),
    # gcppos1 / gcppos2
    ("gcppos1", "AB12345", ("INVALID_GCP_PREFIX", 0, 1)),
    ("gcppos1", "893", ("TOO_SHORT_FOR_GCP", 0, 3)),
    ("gcppos1", "", ("TOO_SHORT_FOR_GCP", 0, 0)),
    ("gcppos1", "893A5", ("INVALID_GCP_PREFIX", 3, 1)),
    ("gcppos1", "8934", None),
    ("gcppos1", "8934ZZ1", None),
    ("gcppos2", "9123", ("TOO_SHORT_FOR_GCP", 1, 3)),
    ("gcppos2", "91A34", ("INVALID_GCP_PREFIX", 2, 1)),
    ("gcppos2", "9", ("TOO_SHORT_FOR_GCP", 0, 1)),
    ("gcppos2", "", ("TOO_SHORT_FOR_GCP", 0, 0)),
    ("gcppos2", "08934567890120", None),
    # yyyymmd0 / yyyymmdd
    ("yyyymmd0", "20250200", None),
    ("yyyymmd0", "2025020", ("DATE_TOO_SHORT", 0, 7)),
    ("yyyymmd0", "202502001", ("DATE_TOO_LONG", 0, 9)),
    ("yyyymmd0", "2025O200", (NDC, 4, 1)),
    ("yyyymmd0", "20251301", ("ILLEGAL_MONTH", 4, 2)),
    ("yyyymmd0", "20250001", ("ILLEGAL_MONTH", 4, 2)),
    ("yyyymmd0", "20250230", ("ILLEGAL_DAY", 6, 2)),
    ("yyyymmd0", "20250431", ("ILLEGAL_DAY", 6, 2)),
    ("yyyymmd0", "20240229", None),
    ("yyyymmd0", "00000229", None),  # year 0 is divisible by 400
    ("yyyymmdd", "19000229", ("ILLEGAL_DAY", 6, 2)),
    ("yyyymmdd", "20000229", None),
    ("yyyymmdd", "20250100", ("ILLEGAL_DAY", 6, 2)),
    ("yyyymmdd", "20251301", ("ILLEGAL_MONTH", 4, 2)),
    ("yyyymmdd", "", ("DATE_TOO_SHORT", 0, 0)),
    # yymmd0 / yymmdd
    ("yymmd0", "250229", ("ILLEGAL_DAY", 4, 2)),
    ("yymmd0", "000229", None),
    ("yymmd0", "960229", None),
    ("yymmd0", "720229", None),
    ("yymmd0", "250200", None),
    ("yymmd0", "251301", ("ILLEGAL_MONTH", 2, 2)),
    ("yymmd0", "250132", ("ILLEGAL_DAY", 4, 2)),
    ("yymmd0", "25010", ("DATE_TOO_SHORT", 0, 5)),
    ("yymmd0", "2501011", ("DATE_TOO_LONG", 0, 7)),
    ("yymmd0", "25-101", (NDC, 2, 1)),
    ("yymmdd", "270600", ("ILLEGAL_DAY", 4, 2)),
    ("yymmdd", "270630", None),
    ("yymmdd", "270631", ("ILLEGAL_DAY", 4, 2)),
    ("yymmdd", "271330", ("ILLEGAL_MONTH", 2, 2)),
    # hh, mi, ss, hhmi
    ("hh", "23", None),
    ("hh", "00", None),
    ("hh", "24", ("ILLEGAL_HOUR", 0, 2)),
    ("hh", "2", ("HOUR_TOO_SHORT", 0, 1)),
    ("hh", "123", ("HOUR_TOO_LONG", 0, 3)),
    ("hh", "1a", (NDC, 1, 1)),
    ("mi", "59", None),
    ("mi", "60", ("ILLEGAL_MINUTE", 0, 2)),
    ("mi", "5", ("MINUTE_TOO_SHORT", 0, 1)),
    ("mi", "599", ("MINUTE_TOO_LONG", 0, 3)),
    ("mi", "a5", (NDC, 0, 1)),
    ("ss", "59", None),
    ("ss", "60", ("ILLEGAL_SECOND", 0, 2)),
    ("ss", "", ("SECOND_TOO_SHORT", 0, 0)),
    ("ss", "000", ("SECOND_TOO_LONG", 0, 3)),
    ("ss", "0x", (NDC, 1, 1)),
    ("hhmi", "2460", ("ILLEGAL_HOUR", 0, 2)),
    ("hhmi", "2360", ("ILLEGAL_MINUTE", 2, 2)),
    ("hhmi", "2359", None),
    ("hhmi", "236", ("HOUR_WITH_MINUTE_TOO_SHORT", 0, 3)),
    ("hhmi", "23590", ("HOUR_WITH_MINUTE_TOO_LONG", 0, 5)),
    ("hhmi", "2a60", (NDC, 1, 1)),
    ("hhmi", "24a0", ("ILLEGAL_HOUR", 0, 2)),  # the hour is checked completely first
    ("hhmi", "23a0", (NDC, 2, 1)),
    # code lists
    ("iso3166", "704", None),
    ("iso3166", "004", None),
    ("iso3166", "999", ("NOT_ISO3166", 0, 3)),
    ("iso3166", "000", ("NOT_ISO3166", 0, 3)),
    ("iso3166", "7040", ("NOT_ISO3166", 0, 4)),
    ("iso3166", "70", ("NOT_ISO3166", 0, 2)),
    ("iso3166", "", ("NOT_ISO3166", 0, 0)),
    ("iso3166999", "999", None),
    ("iso3166999", "704", None),
    ("iso3166999", "998", ("NOT_ISO3166_OR_999", 0, 3)),
    ("iso3166alpha2", "VN", None),
    ("iso3166alpha2", "vn", ("NOT_ISO3166_ALPHA2", 0, 2)),
    ("iso3166alpha2", "XK", ("NOT_ISO3166_ALPHA2", 0, 2)),
    ("iso3166alpha2", "VNM", ("NOT_ISO3166_ALPHA2", 0, 3)),
    ("iso4217", "704", None),
    ("iso4217", "396", None),
    ("iso4217", "179", ("NOT_ISO4217", 0, 3)),
    ("iso4217", "191", ("NOT_ISO4217", 0, 3)),  # HRK, removed in 2025
    ("mediatype", "01", None),
    ("mediatype", "10", None),
    ("mediatype", "80", None),
    ("mediatype", "99", None),
    ("mediatype", "00", ("INVALID_MEDIA_TYPE", 0, 2)),
    ("mediatype", "11", ("INVALID_MEDIA_TYPE", 0, 2)),
    ("mediatype", "79", ("INVALID_MEDIA_TYPE", 0, 2)),
    ("mediatype", "1", ("INVALID_MEDIA_TYPE", 0, 1)),
    ("packagetype", "BX", None),
    ("packagetype", "8", None),
    ("packagetype", "X11", None),
    ("packagetype", "bx", ("INVALID_PACKAGE_TYPE", 0, 2)),
    ("packagetype", "", ("INVALID_PACKAGE_TYPE", 0, 0)),
    ("importeridx", "-", None),
    ("importeridx", "_", None),
    ("importeridx", "z", None),
    ("importeridx", "=", ("INVALID_IMPORT_IDX_CHARACTER", 0, 1)),
    ("importeridx", "", ("IMPORTER_IDX_MUST_BE_ONE_CHARACTER", 0, 0)),
    ("importeridx", "ab", ("IMPORTER_IDX_MUST_BE_ONE_CHARACTER", 0, 2)),
    ("iso5218", "0", None),
    ("iso5218", "9", None),
    ("iso5218", "3", ("INVALID_BIOLOGICAL_SEX_CODE", 0, 1)),
    ("iso5218", "", ("INVALID_BIOLOGICAL_SEX_CODE", 0, 0)),
    ("iso5218", "12", ("INVALID_BIOLOGICAL_SEX_CODE", 0, 2)),
    # iban
    ("iban", "VN45BIDV0012345678", None),
    ("iban", "VN00BIDV0012345678", ("INCORRECT_IBAN_CHECKSUM", 2, 2)),
    ("iban", "VN45bidv0012345678", ("INVALID_IBAN_CHARACTER", 4, 1)),
    ("iban", "GB82WEST12345698765432", None),
    ("iban", "VN4", ("IBAN_TOO_SHORT", 0, 3)),
    ("iban", "XX45BIDV0012345678", ("ILLEGAL_IBAN_COUNTRY_CODE", 0, 2)),
    ("iban", "vn45BIDV0012345678", ("ILLEGAL_IBAN_COUNTRY_CODE", 0, 2)),
    ("iban", "VN45BIDV00", ("IBAN_TOO_SHORT", 0, 10)),
    ("iban", "VN" + "1" * 33, ("IBAN_TOO_LONG", 0, 35)),
    ("iban", "VN4bBIDV00123x", ("INVALID_IBAN_CHARACTER", 13, 1)),  # chars 4… are scanned first
    ("iban", "VNab12345678", ("INVALID_IBAN_CHARACTER", 2, 1)),
    # latitude / longitude
    ("latitude", "1800000000", None),
    ("latitude", "0000000000", None),
    ("latitude", "1800000001", ("INVALID_LATITUDE", 0, 10)),
    ("latitude", "180000000", ("LATITUDE_INVALID_LENGTH", 0, 9)),
    ("latitude", "18000000a0", (NDC, 8, 1)),
    ("longitude", "3600000000", None),
    ("longitude", "3600000001", ("INVALID_LONGITUDE", 0, 10)),
    ("longitude", "36000000000", ("LONGITUDE_INVALID_LENGTH", 0, 11)),
    ("longitude", "x600000000", (NDC, 0, 1)),
    # pcenc
    ("pcenc", "AB%2", ("INVALID_PERCENT_SEQUENCE", 2, 2)),
    ("pcenc", "AB%zz1", ("INVALID_PERCENT_SEQUENCE", 2, 3)),
    ("pcenc", "50%", ("INVALID_PERCENT_SEQUENCE", 2, 1)),
    ("pcenc", "AB%2F%41%e9", None),
    ("pcenc", "%%41", ("INVALID_PERCENT_SEQUENCE", 0, 3)),
    ("pcenc", "a%2g", ("INVALID_PERCENT_SEQUENCE", 1, 3)),
    ("pcenc", "%41%", ("INVALID_PERCENT_SEQUENCE", 3, 1)),
    ("pcenc", "", None),
    # pieceoftotal
    ("pieceoftotal", "0305", None),
    ("pieceoftotal", "0500", ("ZERO_TOTAL_PIECES", 2, 2)),
    ("pieceoftotal", "0503", ("PIECE_NUMBER_EXCEEDS_TOTAL", 0, 4)),
    ("pieceoftotal", "0003", ("ZERO_PIECE_NUMBER", 0, 2)),
    ("pieceoftotal", "", ("INVALID_LENGTH_FOR_PIECE_OF_TOTAL", 0, 0)),
    ("pieceoftotal", "030", ("INVALID_LENGTH_FOR_PIECE_OF_TOTAL", 0, 3)),
    ("pieceoftotal", "03a5", (NDC, 2, 1)),
    ("pieceoftotal", "a", (NDC, 0, 1)),
    ("pieceoftotal", "12", None),
    ("pieceoftotal", "21", ("PIECE_NUMBER_EXCEEDS_TOTAL", 0, 2)),
    # posinseqslash
    ("posinseqslash", "4/7", None),
    ("posinseqslash", "3/3", None),
    ("posinseqslash", "9/10", None),
    ("posinseqslash", "3/03", ("ILLEGAL_ZERO_PREFIX", 2, 2)),
    ("posinseqslash", "03/5", ("ILLEGAL_ZERO_PREFIX", 0, 2)),
    ("posinseqslash", "12/3", ("POSITION_EXCEEDS_END", 0, 4)),
    ("posinseqslash", "10/9", ("POSITION_EXCEEDS_END", 0, 4)),
    ("posinseqslash", "3/3/", ("POSITION_IN_SEQUENCE_MALFORMED", 0, 4)),
    ("posinseqslash", "/5", ("POSITION_IN_SEQUENCE_MALFORMED", 0, 2)),
    ("posinseqslash", "", ("POSITION_IN_SEQUENCE_MALFORMED", 0, 0)),
    ("posinseqslash", "3/3\n", ("POSITION_IN_SEQUENCE_MALFORMED", 0, 4)),
    # winding, yesno, nonzero, zero, nozeroprefix, hyphen, hasnondigit
    ("winding", "9", None),
    ("winding", "2", ("INVALID_WINDING_DIRECTION", 0, 1)),
    ("winding", "", ("INVALID_WINDING_DIRECTION", 0, 0)),
    ("winding", "01", ("INVALID_WINDING_DIRECTION", 0, 2)),
    ("yesno", "0", None),
    ("yesno", "1", None),
    ("yesno", "2", ("NOT_ZERO_OR_ONE", 0, 1)),
    ("yesno", "10", ("NOT_ZERO_OR_ONE", 0, 2)),
    ("nonzero", "001", None),
    ("nonzero", "000", ("ILLEGAL_ZERO_VALUE", 0, 3)),
    ("nonzero", "", ("ILLEGAL_ZERO_VALUE", 0, 0)),
    ("nonzero", "0a0", (NDC, 1, 1)),
    ("zero", "0", None),
    ("zero", "000", None),
    ("zero", "", ("NOT_ZERO", 0, 0)),
    ("zero", "01", ("NOT_ZERO", 0, 2)),
    ("nozeroprefix", "", None),
    ("nozeroprefix", "10", None),
    ("nozeroprefix", "0", ("ILLEGAL_ZERO_PREFIX", 0, 1)),
    ("nozeroprefix", "0A", ("ILLEGAL_ZERO_PREFIX", 0, 1)),
    ("nozeroprefix", "1A", (NDC, 1, 1)),
    ("hyphen", "-", None),
    ("hyphen", "---", None),
    ("hyphen", "", ("NOT_HYPHEN", 0, 0)),
    ("hyphen", "-x", ("NOT_HYPHEN", 0, 2)),
    ("hasnondigit", "12A", None),
    ("hasnondigit", "\uff11\uff12", None),  # full-width digits are not digits
    ("hasnondigit", "123", ("REQUIRES_NON_DIGIT_CHARACTER", 0, 3)),
    ("hasnondigit", "", ("REQUIRES_NON_DIGIT_CHARACTER", 0, 0)),
    # couponcode: mandatory part
    ("couponcode", B, None),
    ("couponcode", B + "3261231" + "4260101", None),
    ("couponcode", B + "3261231" + "4270101", ("COUPON_EXPIRATION_BEFORE_START", 24, 14)),
    ("couponcode", B + "4260101" + "3261231", ("COUPON_EXCESS_DATA", 31, 7)),
    ("couponcode", B + "9" + "3001", ("COUPON_INVALID_SAVE_VALUE_CODE", 25, 1)),
    ("couponcode", B + "688934567", ("COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH", 25, 1)),
    ("couponcode", "18934567A", (NDC, 8, 1)),
    ("couponcode", "", ("COUPON_MISSING_GCP_VLI", 0, 0)),
    ("couponcode", "7", ("COUPON_INVALID_GCP_LENGTH", 0, 1)),
    ("couponcode", "1", ("COUPON_TRUNCATED_GCP", 0, 1)),
    ("couponcode", "1893", ("COUPON_TRUNCATED_GCP", 1, 3)),
    ("couponcode", "18934567123", ("COUPON_TRUNCATED_OFFER_CODE", 8, 3)),
    ("couponcode", "18934567123456", ("COUPON_MISSING_SAVE_VALUE_VLI", 0, 14)),
    ("couponcode", "189345671234560", ("COUPON_INVALID_SAVE_VALUE_LENGTH", 14, 1)),
    ("couponcode", "189345671234566", ("COUPON_INVALID_SAVE_VALUE_LENGTH", 14, 1)),
    ("couponcode", "1893456712345631", ("COUPON_TRUNCATED_SAVE_VALUE", 15, 1)),
    ("couponcode", "189345671234563150", ("COUPON_MISSING_1ST_PURCHASE_REQUIREMENT_VLI", 0, 18)),
    (
        "couponcode",
        "1893456712345631506",
        ("COUPON_INVALID_1ST_PURCHASE_REQUIREMENT_LENGTH", 18, 1),
    ),
    ("couponcode", "18934567123456315021", ("COUPON_TRUNCATED_1ST_PURCHASE_REQUIREMENT", 19, 1)),
    ("couponcode", "18934567123456315011", ("COUPON_MISSING_1ST_PURCHASE_REQUIREMENT_CODE", 0, 20)),
    (
        "couponcode",
        "189345671234563150115",
        ("COUPON_INVALID_1ST_PURCHASE_REQUIREMENT_CODE", 20, 1),
    ),
    ("couponcode", "189345671234563150110", ("COUPON_TRUNCATED_1ST_PURCHASE_FAMILY_CODE", 0, 21)),
    ("couponcode", "18934567123456315011012", ("COUPON_TRUNCATED_1ST_PURCHASE_FAMILY_CODE", 21, 2)),
    # couponcode: optional field 1 (2nd purchase)
    ("couponcode", B + "1", ("COUPON_MISSING_ADDITIONAL_PURCHASE_RULES_CODE", 0, 25)),
    ("couponcode", B + "14", ("COUPON_INVALID_ADDITIONAL_PURCHASE_RULES_CODE", 25, 1)),
    ("couponcode", B + "10", ("COUPON_MISSING_2ND_PURCHASE_REQUIREMENT_VLI", 0, 26)),
    ("couponcode", B + "100", ("COUPON_INVALID_2ND_PURCHASE_REQUIREMENT_LENGTH", 26, 1)),
    ("couponcode", B + "1025", ("COUPON_TRUNCATED_2ND_PURCHASE_REQUIREMENT", 27, 1)),
    ("couponcode", B + "1015", ("COUPON_MISSING_2ND_PURCHASE_REQUIREMENT_CODE", 0, 28)),
    ("couponcode", B + "10155", ("COUPON_INVALID_2ND_PURCHASE_REQUIREMENT_CODE", 28, 1)),
    ("couponcode", B + "101501", ("COUPON_TRUNCATED_2ND_PURCHASE_FAMILY_CODE", 29, 1)),
    ("couponcode", B + "10150123", ("COUPON_MISSING_2ND_PURCHASE_GCP_VLI", 0, 32)),
    ("couponcode", B + "101501237", ("COUPON_INVALID_2ND_PURCHASE_GCP_LENGTH", 32, 1)),
    ("couponcode", B + "101501231893", ("COUPON_TRUNCATED_2ND_PURCHASE_GCP", 33, 3)),
    ("couponcode", B + "101501239", None),
    ("couponcode", B + "1015012318934567", None),
    # couponcode: optional field 2 (3rd purchase)
    ("couponcode", B + "2", ("COUPON_MISSING_3RD_PURCHASE_REQUIREMENT_VLI", 0, 25)),
    ("couponcode", B + "26", ("COUPON_INVALID_3RD_PURCHASE_REQUIREMENT_LENGTH", 25, 1)),
    ("couponcode", B + "21", ("COUPON_TRUNCATED_3RD_PURCHASE_REQUIREMENT", 0, 26)),
    ("couponcode", B + "215", ("COUPON_MISSING_3RD_PURCHASE_REQUIREMENT_CODE", 0, 27)),
    ("couponcode", B + "2158", ("COUPON_INVALID_3RD_PURCHASE_REQUIREMENT_CODE", 27, 1)),
    ("couponcode", B + "21591", ("COUPON_TRUNCATED_3RD_PURCHASE_FAMILY_CODE", 28, 1)),
    ("couponcode", B + "2159123", ("COUPON_MISSING_3RD_PURCHASE_GCP_VLI", 0, 31)),
    ("couponcode", B + "21591238", ("COUPON_INVALID_3RD_PURCHASE_GCP_LENGTH", 31, 1)),
    ("couponcode", B + "215912300", ("COUPON_TRUNCATED_3RD_PURCHASE_GCP", 32, 1)),
    ("couponcode", B + "21591239", None),
    # couponcode: dates
    ("couponcode", B + "3", ("COUPON_TOO_SHORT_FOR_EXPIRATION_DATE", 0, 25)),
    ("couponcode", B + "32612", ("COUPON_TOO_SHORT_FOR_EXPIRATION_DATE", 25, 4)),
    ("couponcode", B + "3261331", ("COUPON_INVALID_EXIPIRATION_DATE", 25, 6)),
    ("couponcode", B + "3260230", ("COUPON_INVALID_EXIPIRATION_DATE", 25, 6)),
    ("couponcode", B + "3260200", ("COUPON_INVALID_EXIPIRATION_DATE", 25, 6)),  # DD=00 not allowed
    ("couponcode", B + "4", ("COUPON_TOO_SHORT_FOR_START_DATE", 0, 25)),
    ("couponcode", B + "42601", ("COUPON_TOO_SHORT_FOR_START_DATE", 25, 4)),
    ("couponcode", B + "4260132", ("COUPON_INVALID_START_DATE", 25, 6)),
    ("couponcode", B + "4260101", None),
    ("couponcode", B + "3261231" + "4261231", None),  # same day is fine
    # couponcode: serial, retailer, misc (9)
    ("couponcode", B + "5", ("COUPON_MISSING_SERIAL_NUMBER_VLI", 0, 25)),
    ("couponcode", B + "5012345", ("COUPON_TRUNCATED_SERIAL_NUMBER", 26, 5)),
    ("couponcode", B + "50123456", None),
    ("couponcode", B + "59" + "1" * 15, None),
    ("couponcode", B + "6", ("COUPON_MISSING_RETAILER_GCP_OR_GLN_VLI", 0, 25)),
    ("couponcode", B + "60", ("COUPON_INVALID_RETAILER_GCP_OR_GLN_LENGTH", 25, 1)),
    ("couponcode", B + "61893456", ("COUPON_TRUNCATED_RETAILER_GCP_OR_GLN", 26, 6)),
    ("couponcode", B + "618934567", None),
    ("couponcode", B + "9", ("COUPON_MISSING_SAVE_VALUE_CODE", 0, 25)),
    ("couponcode", B + "90", ("COUPON_MISSING_SAVE_VALUE_APPLIES_TO_ITEM", 0, 26)),
    ("couponcode", B + "903", ("COUPON_INVALID_SAVE_VALUE_APPLIES_TO_ITEM", 26, 1)),
    ("couponcode", B + "900", ("COUPON_MISSING_STORE_COUPON_FLAG", 0, 27)),
    ("couponcode", B + "9007", ("COUPON_MISSING_DONT_MULTIPLY_FLAG", 0, 28)),
    ("couponcode", B + "90072", ("COUPON_INVALID_DONT_MULTIPLY_FLAG", 28, 1)),
    ("couponcode", B + "90071", None),
    ("couponcode", B + "0", ("COUPON_EXCESS_DATA", 24, 1)),
    ("couponcode", B + "7", ("COUPON_EXCESS_DATA", 24, 1)),
    ("couponcode", B + "50123456" + "50123456", ("COUPON_EXCESS_DATA", 32, 8)),
    (
        "couponcode",
        B
        + "1015012318934567"
        + "21591239"
        + "3261231"
        + "4260101"
        + "50123456"
        + "618934567"
        + "90071",
        None,
    ),
    # couponposoffer
    ("couponposoffer", "0189345671234560000001", None),
    ("couponposoffer", "0718934567", ("COUPON_INVALID_FUNDER_LENGTH", 1, 1)),
    ("couponposoffer", "0189345671234560000001" + "9", ("COUPON_EXCESS_DATA", 22, 1)),
    ("couponposoffer", "", ("COUPON_MISSING_FORMAT_CODE", 0, 0)),
    ("couponposoffer", "2", ("COUPON_INVALID_FORMAT_CODE", 0, 1)),
    ("couponposoffer", "0", ("COUPON_MISSING_FUNDER_VLI", 0, 1)),
    ("couponposoffer", "01", ("COUPON_TRUNCATED_FUNDER", 0, 2)),
    ("couponposoffer", "01893", ("COUPON_TRUNCATED_FUNDER", 2, 3)),
    ("couponposoffer", "018934567123", ("COUPON_TRUNCATED_OFFER_CODE", 9, 3)),
    ("couponposoffer", "018934567123456", ("COUPON_MISSING_SERIAL_NUMBER_VLI", 0, 15)),
    ("couponposoffer", "0189345671234560000", ("COUPON_TRUNCATED_SERIAL_NUMBER", 16, 3)),
    ("couponposoffer", "01A", (NDC, 2, 1)),
    # funder VLI 0: a 6-digit funder
    ("couponposoffer", "1" + "0" + "893456" + "123456" + "0" + "000000", None),
]


@pytest.mark.parametrize(("name", "value", "expected"), CASES)
def test_linter(name: str, value: str, expected: tuple[str, int, int] | None) -> None:
    assert LINTERS[name](value) == expected


@pytest.mark.parametrize(
    ("name", "value", "marked"),
    [
        ("csum", "08934567890129", "0893456789012|9|"),
        ("csum", "89345A7890120", "89345|A|7890120"),
        ("csum", "7", "|7|"),
        ("csum", "", "||"),
        ("cset64", "ab==", "ab|==|"),
        ("cset64", "abc=", "abc|=|"),
        ("cset64", "=", "|=|"),
        ("cset64", "a===", "a|===|"),
        ("cset64", "Ab=C", "Ab|=|C"),
        ("csumalpha", "8934567ABC4K", "8934567ABC|4K|"),
        ("gcppos1", "AB12345", "|A|B12345"),
        ("gcppos1", "893", "|893|"),
        ("gcppos2", "9123", "9|123|"),
        ("gcppos2", "91A34", "91|A|34"),
        ("yyyymmdd", "19000229", "190002|29|"),
        ("hhmi", "2460", "|24|60"),
        ("hhmi", "2360", "23|60|"),
        ("iban", "VN00BIDV0012345678", "VN|00|BIDV0012345678"),
        ("iban", "VN45bidv0012345678", "VN45|b|idv0012345678"),
        ("pcenc", "AB%2", "AB|%2|"),
        ("pcenc", "AB%zz1", "AB|%zz|1"),
        ("pcenc", "50%", "50|%|"),
        ("pieceoftotal", "0500", "05|00|"),
        ("pieceoftotal", "0503", "|0503|"),
        ("posinseqslash", "3/03", "3/|03|"),
        ("posinseqslash", "12/3", "|12/3|"),
        ("couponcode", B + "3261231" + "4270101", B + "|32612314270101|"),
        ("couponcode", B + "4260101" + "3261231", B + "4260101|3261231|"),
        ("couponposoffer", "0718934567", "0|7|18934567"),
    ],
)
def test_lint_markup(name: str, value: str, marked: str) -> None:
    finding = lint(name, value)
    assert finding is not None
    assert {k: finding.params[k] for k in ("linter", "markup")} == {
        "linter": name,
        "markup": marked,
    }
    start = marked.index("|")
    length = marked.index("|", start + 1) - start - 1
    assert finding.location == Location(start=start, length=length)


def test_lint_ok_and_code() -> None:
    assert lint("csum", "95012345678903") is None
    finding = lint("iso3166alpha2", "vn")
    assert finding is not None
    assert finding.code == "GS1.NOT_ISO3166_ALPHA2"
    assert finding.is_error


def test_unknown_linter() -> None:
    with pytest.raises(UnsupportedInput) as info:
        lint("CSUM", "1")
    assert info.value.code == "GS1.UNKNOWN_LINTER"
    assert info.value.finding.params == {"linter": "CSUM"}


@pytest.mark.parametrize("name", ["hhmm", "iso3166list", "key", "keyoff1", "mmoptss", "yymmddhh"])
@pytest.mark.parametrize("value", ["", "x", "99999999", "\x00"])
def test_deprecated_always_ok(name: str, value: str) -> None:
    assert LINTERS[name](value) is None


def test_registry_has_every_dictionary_linter(reference) -> None:
    """Every linter named in the 2026-01-27 dictionary is registered."""
    text = (reference / "gs1" / "gs1-syntax-dictionary.txt").read_text(encoding="utf-8")
    named: set[str] = set()
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        spec = line.split("#", 1)[0]
        for component in re.findall(r"\[?[NXYZ]\.?\.?[0-9]+\]?((?:,[a-z0-9]+)+)", spec):
            named.update(component.strip(",").split(","))
    assert named
    assert named <= LINTERS.keys()


def test_registry_names_and_public_functions() -> None:
    expected = {
        "csetnumeric", "cset82", "cset39", "cset64", "csum", "csumalpha", "gcppos1", "gcppos2",
        "yyyymmd0", "yyyymmdd", "yymmd0", "yymmdd", "hh", "mi", "ss", "hhmi", "iso3166",
        "iso3166999", "iso3166alpha2", "iso4217", "mediatype", "packagetype", "importeridx",
        "iso5218", "iban", "latitude", "longitude", "pcenc", "pieceoftotal", "posinseqslash",
        "winding", "yesno", "nonzero", "zero", "nozeroprefix", "hyphen", "hasnondigit",
        "couponcode", "couponposoffer", "hhmm", "iso3166list", "key", "keyoff1", "mmoptss",
        "yymmddhh",
    }  # fmt: skip
    assert set(LINTERS) == expected
    for name, func in LINTERS.items():
        assert getattr(linters, name) is func


def _linter_catalogue() -> dict[str, dict[str, str]]:
    raw = resources.files("vntrace.messages").joinpath("gs1_linters.json").read_text("utf-8")
    data: dict[str, dict[str, str]] = json.loads(raw)
    return data


def test_every_error_name_is_hit_and_has_messages() -> None:
    """The cases above reach every linter error name of the catalogue, and nothing else."""
    hit = {f"GS1.{expected[0]}" for _, _, expected in CASES if expected is not None}
    catalogue = _linter_catalogue()
    assert hit == set(catalogue) - {"GS1.UNKNOWN_LINTER"}
    for code, entry in catalogue.items():
        assert entry["en"].strip(), code
        assert entry["vi"].strip(), code
        assert entry["vi"] != entry["en"], code


@pytest.mark.parametrize("name", sorted(LINTERS))
@pytest.mark.parametrize(
    "value",
    [
        "",
        "\x00",
        "%",
        "=" * 5,
        "0" * 200,
        "9" * 5000,
        "\uff10" * 14,
        "\ud800",
        "é",
        "1/",
        "/1",
        "2" * 99,
    ],
)
def test_hostile_input_never_raises(name: str, value: str) -> None:
    result = LINTERS[name](value)
    if result is not None:
        error, start, length = result
        assert 0 <= start <= len(value)
        assert 0 <= length <= len(value) - start
        assert f"GS1.{error}" in _linter_catalogue()


@pytest.mark.parametrize("value", [None, 12, b"12"])
def test_lint_non_text(value) -> None:
    with pytest.raises(InvalidFormat) as info:
        lint("csum", value)
    assert info.value.code == "GS1.KEY.NOT_TEXT"
    with pytest.raises(UnsupportedInput):
        lint(None, "1")  # type: ignore[arg-type]


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("yy", ["00", "01", "04", "21", "71", "72", "96", "99"])
def test_yymmdd_exhaustive_against_datetime(yy: str) -> None:
    """Every MMDD for a few years: OK exactly when datetime accepts the date (DD=00 for d0)."""
    year = 2000 + int(yy) if int(yy) <= 71 else 1900 + int(yy)
    for mmdd in range(10_000):
        month, day = divmod(mmdd, 100)
        value = f"{yy}{mmdd:04d}"
        real = _real_date(year, month, day)
        assert (linters.yymmdd(value) is None) is real, value
        assert (linters.yymmd0(value) is None) is (real or (day == 0 and 1 <= month <= 12)), value


@pytest.mark.parametrize("yyyy", ["1900", "2000", "2024", "2025", "2100", "2400", "9999"])
def test_yyyymmdd_exhaustive_against_datetime(yyyy: str) -> None:
    for mmdd in range(10_000):
        month, day = divmod(mmdd, 100)
        value = f"{yyyy}{mmdd:04d}"
        real = _real_date(int(yyyy), month, day)
        assert (linters.yyyymmdd(value) is None) is real, value
        assert (linters.yyyymmd0(value) is None) is (real or (day == 0 and 1 <= month <= 12)), value


def test_times_exhaustive() -> None:
    for n in range(10_000):
        value = f"{n:04d}"
        hour, minute = divmod(n, 100)
        assert (linters.hhmi(value) is None) is (hour <= 23 and minute <= 59), value
    for n in range(100):
        value = f"{n:02d}"
        assert (linters.hh(value) is None) is (n <= 23)
        assert (linters.mi(value) is None) is (n <= 59)
        assert (linters.ss(value) is None) is (n <= 59)
