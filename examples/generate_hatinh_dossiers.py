"""Write the Hà Tĩnh example dossiers of examples/dossiers/ (synthetic producers and codes).

Five lots: OCOP pomelo (Bưởi Phúc Trạch), orange (Cam Vũ Quang), honey, fish sauce, and an
imported good under Circular 31/2026/TT-BCT. Producers, tax codes, GTINs and GLNs are invented;
their check digits are computed here from the published algorithms (GS1 mod 10; the tax-code
weights of Circular 105/2020/TT-BTC as python-stdnum documents them), not with vntrace. Some
dossiers carry deliberate violations, listed in ``VIOLATIONS`` (what a portal should find).

Usage: ``python examples/generate_hatinh_dossiers.py`` (rewrites examples/dossiers/*.json).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent / "dossiers"


def mod10(body: str) -> str:
    """GS1 check digit: weights 3,1,3… from the right of the body."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return str((10 - total % 10) % 10)


def tax_code(body9: str) -> str:
    """A 10-digit tax code: check digit 10 - (sum of weights x digits mod 11)."""
    weights = (31, 29, 23, 19, 17, 13, 7, 5, 3)
    check = 10 - sum(w * int(d) for w, d in zip(weights, body9, strict=True)) % 11
    if check == 10:
        msg = f"{body9} has no single-digit check; pick another"
        raise ValueError(msg)
    return body9 + str(check)


def gtin13(prefix: str, item: str) -> str:
    body = prefix + item
    return body + mod10(body)


def gln(prefix: str, ref: str) -> str:
    body = prefix + ref
    return body + mod10(body)


def _party(name: str, tax: str, prefix: str | None, gln_: str, address: dict[str, str]) -> Any:
    out: dict[str, Any] = {"name": name, "tax_code": tax}
    if prefix:
        out["gs1_company_prefix"] = prefix
    out["gln"] = gln_
    out["address"] = address
    return out


def _event(
    n: int, cte: str, time: str, party: str, location: str, role: str, **more: Any
) -> dict[str, Any]:
    return {
        "event_id": f"ev-{n}",
        "cte": cte,
        "time": time,
        "party": party,
        "location": f"(414){location}",
        "role": role,
        **more,
    }


def _chain(
    lot: str, producer: tuple[str, str], distributor: tuple[str, str], day: str, first: str
) -> list[dict[str, Any]]:
    """harvest/processing → packing → shipping → receiving, one day apart at most."""
    (ptax, pgln), (dtax, dgln) = producer, distributor
    return [
        _event(1, first, f"{day}T06:30:00+07:00", ptax, pgln, "producer", outputs=[lot])
        | ({"inputs": [f"{lot}-NL"]} if first == "processing" else {}),
        _event(
            2, "packing", f"{day}T14:00:00+07:00", ptax, pgln, "packer", inputs=[lot], outputs=[lot]
        ),
        _event(
            3,
            "shipping",
            f"{day}T17:00:00+07:00",
            ptax,
            pgln,
            "producer",
            destination={"party": dtax, "location": f"(414){dgln}"},
        ),
        _event(
            4,
            "receiving",
            f"{day}T21:00:00+07:00",
            dtax,
            dgln,
            "distributor",
            source={"party": ptax, "location": f"(414){pgln}"},
        ),
    ]


def build() -> dict[str, dict[str, Any]]:
    """File name → dossier."""
    hatinh = {"province_code": "42", "province_name": "Hà Tĩnh"}
    distributor_prefix = "89385009"
    distributor = _party(
        "Công ty TNHH Phân phối Nông sản Thành Sen",
        tax_code("300765432"),
        None,
        gln(distributor_prefix, "0001"),
        {
            "line": "Số 12 đường Phan Đình Phùng",
            "commune_code": "18073",
            "commune_name": "Phường Thành Sen",
            **hatinh,
        },
    )
    dist = (distributor["tax_code"], distributor["gln"])
    out: dict[str, dict[str, Any]] = {}

    def dossier(
        key: str,
        name: str,
        producer: dict[str, Any],
        item: str,
        lot: str,
        day: str,
        expiry: str,
        category: str,
        standards: list[str],
        first: str = "harvest",
        **product: Any,
    ) -> dict[str, Any]:
        gtin = gtin13(producer["gs1_company_prefix"], item)
        d: dict[str, Any] = {
            "product": {
                "name": name,
                "images": [f"https://example.vn/anh/{key}.jpg"],
                "origin": "Việt Nam",
                "brand": name.split(" ", 1)[1] if " " in name else name,
                "gtin": gtin,
                "category": category,
                "standards_applied": standards,
                **product,
            },
            "producer": producer,
            "lot": {"lot_number": lot, "production_date": day, "expiry_date": expiry},
            "trace_code": f"(01)0{gtin}(10){lot}(414){producer['gln']}",
            "data_carrier": {"type": "QR", "content": f"https://id.gs1.org/01/0{gtin}/10/{lot}"},
            "events": _chain(lot, (producer["tax_code"], producer["gln"]), dist, day, first),
            "parties": [distributor],
            "retention": {"retain_until": "2032-12-31"},
            "declaration": {"declared_at": day, "placed_on_market_at": f"{day}T21:00:00+07:00"},
            "bct_identification": {
                "enterprise_name": producer["name"],
                "business_registration_no": producer["tax_code"],
                "product_name": name,
                "product_image": f"https://example.vn/anh/{key}.jpg",
                "ip_document": None,
                "digital_signature": "present",
            },
        }
        out[key] = d
        return d

    pomelo_prefix = "8938500123"
    pomelo_producer = _party(
        "Hợp tác xã Bưởi Phúc Trạch",
        tax_code("300123456"),
        pomelo_prefix,
        gln(pomelo_prefix, "00"),
        {
            "line": "Thôn Phúc Đồng",
            "commune_code": "18547",
            "commune_name": "Xã Phúc Trạch",
            **hatinh,
        },
    )
    dossier(
        "buoi-phuc-trach",
        "Bưởi Phúc Trạch",
        pomelo_producer,
        "01",
        "PT2026-09-A",
        "2026-09-10",
        "2026-10-10",
        "rau_qua_tuoi",
        ["TCVN 11892-1:2017", "TCVN 12827:2023"],
        ocop={
            "stars": 4,
            "score": 78,
            "decision_no": "1234/QĐ-UBND",
            "decision_date": "2025-09-15",
            "issuer_level": "tinh",
            "product_group": "thuc_pham",
        },
        certificates=[
            {
                "type": "VietGAP",
                "sector": "trong_trot",
                "code": "VG-TT-42-2025-0007",
                "issued": "2025-08-01",
                "expires": "2028-07-31",
                "issuer": "Trung tâm Chứng nhận Nông sản Hà Tĩnh",
            }
        ],
    )

    orange_prefix = "893850045"
    orange_producer = _party(
        "Hộ kinh doanh Cam Vũ Quang Nguyễn Văn An",
        tax_code("300234567"),
        orange_prefix,
        gln(orange_prefix, "000"),
        {
            "line": "Thôn 3",
            "commune_code": "18313",
            "commune_name": "Xã Vũ Quang",
            "district_name": "Huyện Vũ Quang",
            **hatinh,
        },
    )
    orange = dossier(
        "cam-vu-quang",
        "Cam Vũ Quang",
        orange_producer,
        "021",
        "VQ2026-11",
        "2026-11-20",
        "2026-12-20",
        "rau_qua_tuoi",
        ["TCVN 11892-1:2017", "Cơ sở 01:2026"],
        ocop={
            "stars": 3,
            "score": 72,
            "decision_no": "88/QĐ-UBND",
            "decision_date": "2023-05-10",
            "issuer_level": "huyen",
            "product_group": "thuc_pham",
        },
    )
    # violations: district kept in a 2025 address (VN-ID-003), a standard that is no reference
    # (VN-DATA-009), score 72 is a 4-star band (VN-OCOP-001), decision older than 36 months
    # (VN-OCOP-002), the shipping event lost its destination (VN-SYS-001)
    del orange["events"][2]["destination"]

    honey_prefix = "8938500567"
    honey_producer = _party(
        "Hợp tác xã Mật ong Hương Khê",
        tax_code("300345678"),
        honey_prefix,
        gln(honey_prefix, "00"),
        {"line": "Xóm 5", "commune_code": "18496", "commune_name": "Xã Hương Khê", **hatinh},
    )
    honey = dossier(
        "mat-ong-huong-khe",
        "Mật ong Hương Khê",
        honey_producer,
        "05",
        "MO2026-07",
        "2026-07-15",
        "2028-07-15",
        "thuc_pham",
        ["TCVN 12605:2019", "QCVN 8-2:2011/BYT"],
        ocop={
            "stars": 3,
            "score": 66,
            "decision_no": "2045/QĐ-UBND",
            "decision_date": "2025-10-01",
            "issuer_level": "tinh",
            "product_group": "thuc_pham",
        },
    )
    # violations: expiry before production (VN-DATA-008), event times out of order (VN-SYS-006)
    honey["lot"]["expiry_date"] = "2026-06-15"
    honey["events"][3]["time"] = "2026-07-15T16:00:00+07:00"

    sauce_prefix = "8938500789"
    sauce_producer = _party(
        "Công ty Cổ phần Nước mắm Cẩm Xuyên",
        tax_code("300456789"),
        sauce_prefix,
        gln(sauce_prefix, "00"),
        {
            "line": "Thôn Hải Hà",
            "commune_code": "18673",
            "commune_name": "Xã Cẩm Xuyên",
            **hatinh,
        },
    )
    dossier(
        "nuoc-mam-cam-xuyen",
        "Nước mắm Cẩm Xuyên",
        sauce_producer,
        "11",
        "NM2026-08",
        "2026-08-05",
        "2028-08-05",
        "thuc_pham",
        ["TCVN 5107:2018", "QCVN 5-1:2010/BYT"],
        first="processing",
        ocop={
            "stars": 5,
            "score": 91,
            "decision_no": "55/QĐ-BNNMT",
            "decision_date": "2026-03-02",
            "issuer_level": "trung_uong",
            "product_group": "thuc_pham",
        },
    )

    importer = _party(
        "Công ty TNHH Xuất nhập khẩu Vũng Áng",
        tax_code("300567891"),
        "8938500901",
        gln("8938500901", "00"),
        {
            "line": "Khu kinh tế Vũng Áng",
            "commune_code": "18823",
            "commune_name": "Phường Vũng Áng",
            **hatinh,
        },
    )
    foreign = {
        "name": "Shandong Kitchenware Co., Ltd.",
        "foreign": True,
        "gln": gln("690123456", "001"),
        "address": {"line": "88 Haibin Road, Qingdao", "country": "CN"},
    }
    imported = dossier(
        "noi-inox-nhap-khau",
        "Nồi inox ba đáy",
        copy.deepcopy(importer),
        "04",
        "CN2027-01",
        "2026-12-01",
        "2031-12-01",
        "khac",
        ["TCVN 10273-1:2013", "ISO 8442-1:1997"],
    )
    imported["product"]["origin"] = "Trung Quốc"
    imported["producer"] = foreign
    imported["importer"] = importer
    for event in imported["events"][:3]:
        event["role"] = "importer"
    imported["events"][0]["cte"] = "import"
    imported["events"][0].pop("outputs")
    imported["trace_code"] = imported["trace_code"].replace(foreign["gln"], importer["gln"])
    imported["events"][3]["time"] = "2027-01-05T09:00:00+07:00"
    imported["declaration"] = {
        "declared_at": "2027-01-06",
        "placed_on_market_at": "2027-01-05T09:00:00+07:00",
    }
    # violations under TT31: declared after being placed on the market (VN-BCT-004), records
    # kept too briefly (VN-RET-001: expiry + 12 months is later than 2032-12-01)
    imported["retention"] = {"retain_until": "2032-06-30"}
    return {f"{k}.json": v for k, v in out.items()}


VIOLATIONS: dict[str, set[str]] = {
    "buoi-phuc-trach.json": set(),
    "cam-vu-quang.json": {"VN-ID-003", "VN-DATA-009", "VN-OCOP-001", "VN-OCOP-002", "VN-SYS-001"},
    "mat-ong-huong-khe.json": {"VN-DATA-008", "VN-SYS-006"},
    "nuoc-mam-cam-xuyen.json": set(),
    "noi-inox-nhap-khau.json": {"VN-BCT-004", "VN-RET-001"},
}
"""Error rules a check as of 2027-02-01 (ND37 + TT31) must report, per file; nothing else."""


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, d in build().items():
        text = json.dumps(d, ensure_ascii=False, indent=2) + "\n"
        (OUT / name).write_text(text, encoding="utf-8")
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
