"""The conformance kit verifies lists of signed stamps against the trust found beside them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from vntrace import conformance
from vntrace.signing import Owner, SigningKey, TrustedKey, TrustList, sign_stamp

STEM = "https://truyxuat.hatinh.gov.vn"


EXPIRY = (dt.datetime.now(dt.UTC) + dt.timedelta(days=400)).strftime("%y%m%d")


def _stamp(serial: str) -> str:
    return f"{STEM}/01/08931234567897/10/LO2406A/21/{serial}?17={EXPIRY}"


@pytest.fixture
def keys() -> tuple[SigningKey, SigningKey]:
    return SigningKey.generate("ES256"), SigningKey.generate("ES256")


def _trust_list(root: SigningKey, portal: SigningKey) -> str:
    now = dt.datetime.now(dt.UTC)
    tl = TrustList.build(
        "VN-NTP",
        [TrustedKey(portal.public_key, Owner("Sở KH&CN Hà Tĩnh"), gcp=("8931234",))],
        issued_at=now - dt.timedelta(hours=1),
    )
    return tl.sign(root)


def _write_stamps(folder: Path, portal: SigningKey) -> list[str]:
    good = sign_stamp(_stamp("K7Q2M9X4P1"), portal)
    tampered = sign_stamp(_stamp("K7Q2M9X4P2"), portal).replace("LO2406A", "LO2406B")
    lines = ["# lô LO2406A", good, "", tampered, _stamp("K7Q2M9X4P3")]
    (folder / "stamps.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def _codes(folder: Path) -> dict[tuple[str, int | None], list[str]]:
    return {(r.source, r.number): [f.code for f in r.findings] for r in conformance.run(folder)}


def test_trust_list_and_root_beside_the_stamps(tmp_path: Path, keys) -> None:
    root, portal = keys
    (tmp_path / "vn-ntp.trustlist.jws").write_text(_trust_list(root, portal), encoding="ascii")
    (tmp_path / "vn-ntp.root.pem").write_text(root.public_key.pem(), encoding="ascii")
    _write_stamps(tmp_path, portal)
    assert _codes(tmp_path) == {
        ("stamps.txt", 2): [],
        ("stamps.txt", 4): ["SIGNING.INVALID_SIGNATURE"],
        ("stamps.txt", 5): ["SIGNING.NO_SIGNATURE"],
        ("vn-ntp.root.pem", None): [],
        ("vn-ntp.trustlist.jws", None): [],
    }


def test_public_keys_beside_the_stamps(tmp_path: Path, keys) -> None:
    other, portal = keys
    (tmp_path / "line-3.pub.pem").write_text(portal.public_key.pem(), encoding="ascii")
    lines = _write_stamps(tmp_path, portal)
    (tmp_path / "other.txt").write_text(sign_stamp(_stamp("A1"), other) + "\n", encoding="utf-8")
    codes = _codes(tmp_path)
    assert codes[("stamps.txt", 2)] == []
    assert codes[("stamps.txt", 4)] == ["SIGNING.INVALID_SIGNATURE"]
    assert codes[("other.txt", 1)] == ["SIGNING.INVALID_SIGNATURE"]  # not the trusted key
    assert lines[1].count("8030=") == 1


def test_no_trust_is_one_finding_and_every_stamp_unknown(tmp_path: Path, keys) -> None:
    _write_stamps(tmp_path, keys[1])
    codes = _codes(tmp_path)
    assert codes[("stamps.txt", None)] == ["SIGNING.CONFORMANCE_NO_TRUST"]
    assert codes[("stamps.txt", 2)] == ["SIGNING.UNKNOWN_KEY"]
    result = conformance.certify(tmp_path, tmp_path / "out", lang="vi")
    assert not result.passed
    html = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert ".trustlist.jws" in html


def test_tampered_or_foreign_trust_list_is_refused(tmp_path: Path, keys) -> None:
    root, portal = keys
    token = _trust_list(SigningKey.generate("ES256"), portal)  # signed by another root
    (tmp_path / "vn.trustlist.jws").write_text(token, encoding="ascii")
    (tmp_path / "vn.root.pem").write_text(root.public_key.pem(), encoding="ascii")
    _write_stamps(tmp_path, portal)
    codes = _codes(tmp_path)
    assert codes[("vn.trustlist.jws", None)] == ["SIGNING.TRUSTLIST_BAD_SIGNATURE"]
    assert codes[("stamps.txt", None)] == ["SIGNING.TRUSTLIST_BAD_SIGNATURE"]
    assert codes[("stamps.txt", 2)] == ["SIGNING.UNKNOWN_KEY"]


def test_two_roots_are_ambiguous(tmp_path: Path, keys) -> None:
    root, portal = keys
    (tmp_path / "vn.trustlist.jws").write_text(_trust_list(root, portal), encoding="ascii")
    for name in ("a.root.pem", "b.root.pem"):
        (tmp_path / name).write_text(root.public_key.pem(), encoding="ascii")
    _write_stamps(tmp_path, portal)
    record = next(r for r in conformance.run(tmp_path) if r.source == "stamps.txt")
    assert [f.code for f in record.findings] == ["SIGNING.CONFORMANCE_TRUST_AMBIGUOUS"]
    assert record.findings[0].params == {"count": 2, "suffix": ".root.pem", "folder": tmp_path.name}


def test_all_valid_certifies(tmp_path: Path, keys) -> None:
    root, portal = keys
    (tmp_path / "vn.trustlist.jws").write_text(_trust_list(root, portal), encoding="ascii")
    (tmp_path / "vn.root.pem").write_text(root.public_key.pem(), encoding="ascii")
    stamps = [sign_stamp(_stamp(f"S{i}"), portal) for i in range(1, 4)]
    (tmp_path / "run.txt").write_text("\n".join(stamps) + "\n", encoding="utf-8")
    result = conformance.certify(tmp_path, tmp_path / "out", profile="vendor", lang="en")
    assert (result.passed, result.summary.inputs) == (True, 5)
