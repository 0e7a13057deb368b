"""Regenerate ``hatinh-dump.csv``: a synthetic sample of what a Hà Tĩnh portal receives.

Every producer, tax code, company prefix and GTIN here is made up (prefixes inside GS1 Vietnam's
``893`` range, not real allocations). Check digits are computed here, independently of vntrace
(GS1 mod-10; tax codes with python-stdnum), so the good rows are good by construction, and each bad
row is broken in exactly one documented way (the ``note`` column).

Run: ``python examples/generate_hatinh_dump.py`` (writes the CSV next to this file).
"""

from __future__ import annotations

import csv
from pathlib import Path

from stdnum.vn import mst

GS = "<GS>"  # visible escape for the GS separator (ASCII 29) in the CSV


def mod10(payload: str) -> str:
    """GS1 mod-10 check digit: weights 3,1,3,… from the right of the payload."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(payload)))
    return str((10 - total % 10) % 10)


def gtin13(prefix: str, item: str) -> str:
    body = (prefix + item).ljust(12, "0")[:12]
    return body + mod10(body)


def tax_code(seed: str) -> str:
    """A 10-digit tax code in the 30xxxxxxx range with a valid check digit (stdnum.vn.mst)."""
    stem = ("30" + seed).ljust(9, "0")[:8]
    for last in "0123456789":  # some bases have no check digit (remainder 10): take the next
        for digit in "0123456789":
            if mst.is_valid(stem + last + digit):
                return stem + last + digit
    msg = f"no check digit for {stem}"
    raise ValueError(msg)


PRODUCERS = [
    # name, OCOP stars ("" = none), commune, prefix, tax code seed
    ("HTX Bưởi Phúc Trạch Hương Khê", "4", "Xã Phúc Trạch", "8938501", "0112345"),
    ("Công ty CP Cam Vũ Quang", "3", "Xã Vũ Quang", "89385020", "0223456"),
    ("Cơ sở Kẹo cu đơ Bà Lý", "4", "Phường Thành Sen", "893850301", "0334567"),
    ("HTX Nước mắm Cẩm Nhượng", "3", "Xã Cẩm Nhượng", "8938504002", "0445678"),
    ("Công ty TNHH Mật ong Vũ Quang", "", "Xã Vũ Quang", "8938505", "0556789"),
    ("HTX Chè xanh Hương Sơn", "3", "Xã Sơn Kim", "89385060", "0667890"),
    ("Cơ sở Bánh đa vừng Ngọc Sơn", "", "Xã Thạch Hà", "893850701", "0778901"),
    ("Công ty CP Thực phẩm Hồng Lĩnh", "5", "Phường Bắc Hồng Lĩnh", "8938508", "0889012"),
]

PRODUCTS = {
    "8938501": [
        ("Bưởi Phúc Trạch loại 1", "00011", "3103", "001250"),
        ("Bưởi Phúc Trạch hộp quà", "00028", None, None),
    ],
    "89385020": [
        ("Cam Vũ Quang túi 2 kg", "0003", "3102", "000200"),
        ("Nước cam ép Vũ Quang 330 ml", "0010", None, None),
    ],
    "893850301": [("Kẹo cu đơ hộp 500 g", "004", "3103", "000500")],
    "8938504002": [("Nước mắm Cẩm Nhượng 40 độ đạm 500 ml", "05", None, None)],
    "8938505": [("Mật ong hoa rừng Vũ Quang 500 ml", "00065", None, None)],
    "89385060": [("Chè búp khô Hương Sơn 200 g", "0007", "3103", "000200")],
    "893850701": [("Bánh đa vừng đen Ngọc Sơn", "008", None, None)],
    "8938508": [
        ("Giò lụa Hồng Lĩnh 500 g", "00092", "3103", "000500"),
        ("Chả cuốn Hồng Lĩnh", "00108", None, None),
    ],
}


def element_string(  # noqa: PLR0917 - the fields of one row
    form: str, gtin: str, lot: str, prod: str, exp: str, weight: tuple[str, str] | None
) -> str:
    """The element string of a row in one of the forms a portal sees."""
    gtin14 = "0" + gtin
    if form == "bracketed":
        text = f"(01){gtin14}(11){prod}(17){exp}(10){lot}"
        if weight:
            text += f"({weight[0]}){weight[1]}"
        return text
    # FNC1 data: fixed-length AIs first, the variable-length lot last (no separator needed) unless a
    # weight follows, which needs a GS after the lot.
    body = f"01{gtin14}11{prod}17{exp}10{lot}"
    if weight:
        body += f"{GS}{weight[0]}{weight[1]}"
    if form == "unbracketed":
        return body
    if form in {"]C1", "]Q3", "]d2"}:
        return form + body
    msg = form
    raise ValueError(msg)


def rows() -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    forms = ["bracketed", "]C1", "]Q3", "bracketed", "]d2", "unbracketed", "bracketed"]
    n = 0
    for name, stars, commune, prefix, seed in PRODUCERS:
        tax = tax_code(seed)
        for product, item, weight_ai, weight in PRODUCTS[prefix]:
            gtin = gtin13(prefix, item)
            for batch in range(3):
                month = 3 + (n * 5) % 9
                day = 1 + (n * 7) % 27
                prod = f"26{month:02d}{day:02d}"
                exp = f"{27 if month > 6 else 26}{(month + 6 - 1) % 12 + 1:02d}{day:02d}"
                lot = f"HT{prefix[-2:]}-{month:02d}{day:02d}{'ABC'[batch]}"
                w = (weight_ai, weight) if weight_ai else None
                es = element_string(forms[n % len(forms)], gtin, lot, prod, exp, w)
                out.append(
                    {
                        "row": "",
                        "producer": name,
                        "ocop_stars": stars,
                        "commune": commune,
                        "province": "Hà Tĩnh",
                        "tax_code": tax,
                        "gs1_company_prefix": prefix,
                        "product": product,
                        "gtin": gtin,
                        "lot": lot,
                        "production_date": f"20{prod[:2]}-{prod[2:4]}-{prod[4:]}",
                        "expiry_date": f"20{exp[:2]}-{exp[2:4]}-{exp[4:]}",
                        "element_string": es,
                        "note": "",
                    }
                )
                n += 1
    return out


def break_rows(good: list[dict[str, str]]) -> list[dict[str, str]]:
    """Copies of good rows, each broken in one way; the note says how (vi / en)."""
    bad: list[dict[str, str]] = []

    def copy(i: int, note: str, **changes: str) -> None:
        row = dict(good[i], note=note)
        row.update(changes)
        bad.append(row)

    g = good
    wrong = g[0]["gtin"][:-1] + str((int(g[0]["gtin"][-1]) + 3) % 10)
    copy(
        0,
        "sai số kiểm tra GTIN / wrong GTIN check digit",
        gtin=wrong,
        element_string=f"(01)0{wrong}(17){g[0]['element_string'].split('(17)')[1]}",
    )
    copy(
        2,
        "(17) ngày 32 / (17) with day 32",
        element_string=f"(01)0{g[2]['gtin']}(17)270132(10){g[2]['lot']}",
        expiry_date="2027-01-32",
    )
    copy(4, "(10) thiếu (01) / (10) without (01)", element_string=f"(10){g[4]['lot']}(17)270430")
    copy(
        6,
        "số lô có dấu cách / lot with a space",
        lot="HT 03-0512",
        element_string=f"(01)0{g[6]['gtin']}(10)HT 03-0512",
    )
    copy(
        8,
        "AI không tồn tại (89) / unknown AI (89)",
        element_string=f"(01)0{g[8]['gtin']}(89)HATINH(10){g[8]['lot']}",
    )
    copy(
        10,
        "cặp AI loại trừ (422)+(426) / mutually exclusive (422)+(426)",
        element_string=f"(01)0{g[10]['gtin']}(10){g[10]['lot']}(422)704(426)704",
    )
    copy(12, "(17) tháng 13 / (17) with month 13", element_string=f"]C1010{g[12]['gtin']}17271315")
    copy(
        14,
        "GTIN 15 chữ số / 15-digit GTIN",
        element_string=f"(01)00{g[14]['gtin']}(10){g[14]['lot']}",
    )
    copy(
        16,
        "thiếu GS sau số lô / missing GS after the lot",
        element_string=f"]Q3010{g[16]['gtin']}10{g[16]['lot']}17270815",
    )
    copy(
        18,
        "(01) lặp với giá trị khác / (01) repeated with another value",
        element_string=f"(01)0{g[18]['gtin']}(10){g[18]['lot']}(01)0{g[0]['gtin']}",
    )
    copy(
        20,
        "mã số thuế sai / invalid tax code",
        tax_code=g[20]["tax_code"][:-1] + str((int(g[20]["tax_code"][-1]) + 1) % 10),
    )
    copy(22, "(01) khác cột GTIN / (01) differs from the GTIN column", gtin=g[1]["gtin"])
    return bad


def main() -> None:
    good = rows()
    bad = break_rows(good)
    everything = good + bad
    # interleave the bad rows among the good ones, as they would arrive
    mixed: list[dict[str, str]] = []
    step = max(1, len(good) // len(bad))
    bad_iter = iter(bad)
    for i, row in enumerate(good):
        mixed.append(row)
        if i % step == step - 1:
            nxt = next(bad_iter, None)
            if nxt:
                mixed.append(nxt)
    mixed.extend(bad_iter)
    assert len(mixed) == len(everything)
    for i, row in enumerate(mixed, start=1):
        row["row"] = str(i)
    path = Path(__file__).with_name("hatinh-dump.csv")
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=list(mixed[0]))
        writer.writeheader()
        writer.writerows(mixed)
    print(f"wrote {len(mixed)} rows ({len(bad)} deliberately wrong) to {path}")


if __name__ == "__main__":
    main()
