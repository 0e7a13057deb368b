"""The rule catalogue and the regimes it is grouped in.

Every rule comes from the generated table (:mod:`vntrace.tcvn._rulestable`, made by
``scripts/gen_tcvn_rules.py`` from the project's catalogue). A regime is a legal basis with the
dates it is in force; a check "as of" a date runs the rules of the regimes in force that day.

>>> rule("VN-DATA-008").severity
<Severity.ERROR: 'error'>
>>> [r.id for r in regimes_in_force("2026-03-01")]
['TT02-2024', 'ND37']
>>> [r.id for r in regimes_in_force("2026-07-01")]
['ND37', 'TT31']
>>> len(rules("TT31")), rule("VN-RET-001").regimes
(10, ('TT31',))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Literal

from vntrace.errors import InvalidComponent
from vntrace.findings import Finding, Severity
from vntrace.tcvn import _rulestable

__all__ = [
    "MACHINE_CHECKED",
    "REGIMES",
    "Regime",
    "RegimeId",
    "Rule",
    "citation",
    "parse_date",
    "regime",
    "regimes_in_force",
    "rule",
    "rules",
]

RegimeId = Literal["TT02-2024", "ND37", "TT31"]


@dataclass(frozen=True, slots=True)
class Regime:
    """A legal basis of the rules, with the dates it is in force (both ends included)."""

    id: RegimeId
    """``TT02-2024``, ``ND37`` or ``TT31``."""
    title_en: str
    """The legal document, in English."""
    title_vi: str
    """The legal document, in Vietnamese."""
    start: date
    """First day in force."""
    end: date | None
    """Last day in force, or ``None`` while it is in force."""

    def in_force(self, day: date) -> bool:
        """``True`` when the regime applies on ``day``."""
        return self.start <= day and (self.end is None or day <= self.end)


REGIMES: tuple[Regime, ...] = (
    Regime(
        "TT02-2024",
        "Circular 02/2024/TT-BKHCN (MOST) on traceability",
        "Thông tư 02/2024/TT-BKHCN quy định về quản lý truy xuất nguồn gốc sản phẩm, hàng hóa",
        date(2024, 6, 1),
        date(2026, 6, 30),
    ),
    Regime(
        "ND37",
        "Decree 37/2026/NĐ-CP (quality of products and goods: traceability, barcodes)",
        "Nghị định 37/2026/NĐ-CP (chất lượng sản phẩm, hàng hóa: truy xuất nguồn gốc, mã số"
        " mã vạch)",
        date(2026, 1, 23),
        None,
    ),
    Regime(
        "TT31",
        "Circular 31/2026/TT-BCT (MOIT traceability of products and goods)",
        "Thông tư 31/2026/TT-BCT quy định truy xuất nguồn gốc sản phẩm, hàng hóa (Bộ Công Thương)",
        date(2026, 7, 1),
        None,
    ),
)
"""The regimes, oldest first. TT02-2024 is replaced by Decree 37 and TT31 from 2026-07-01."""

_REGIME_BY_ID = {r.id: r for r in REGIMES}

MACHINE_CHECKED: frozenset[str] = frozenset(
    {
        *(f"VN-DATA-{n:03d}" for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 12)),
        *(f"VN-CODE-{n:03d}" for n in (1, 2, 3, 4, 5, 7, 9)),
        "VN-CARRIER-001",
        "VN-CARRIER-002",
        "VN-CARRIER-003",
        *(f"VN-SYS-{n:03d}" for n in (1, 2, 3, 6, 8)),
        "VN-RET-001",
        *(f"VN-BCT-{n:03d}" for n in (1, 2, 3, 4)),
        "VN-ID-001",
        "VN-ID-003",
        "VN-ID-005",
        *(f"VN-OCOP-{n:03d}" for n in (1, 2, 3, 4)),
        *(f"VN-CERT-{n:03d}" for n in (1, 2, 3)),
        "VN-FFV-001",
    }
)
"""Rules that :func:`vntrace.tcvn.check` decides from a dossier. The others need a person, a
system audit or data a dossier does not hold (labels, sync logs, portal registration, a whole
dataset); ``check(..., include_manual=True)`` lists them as ``TCVN.MANUAL_CHECK``."""


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the catalogue."""

    id: str
    """Stable id, also the finding code: ``VN-DATA-008``."""
    regimes: tuple[RegimeId, ...]
    """The regimes the rule belongs to."""
    source: str
    """Legal source (document, article, clause)."""
    applies_to: str
    """What the rule is about (``product``, ``events``, ``ocop`` …)."""
    check_text: str
    """How the catalogue words the check."""
    statement_en: str
    """What the rule asks, in English."""
    statement_vi: str
    """What the rule asks, in Vietnamese."""
    confidence: str
    """How the rule is known: ``verbatim-sourced``, ``paraphrased-secondary``, ``inferred`` …"""
    inferred: bool
    """``True`` when the check is an interpretation (can be switched off in ``tcvn.Options``)."""
    severity: Severity
    """Severity of its findings."""
    machine_checked: bool
    """``True`` when :func:`vntrace.tcvn.check` decides it; else a person must."""

    @property
    def article(self) -> str:
        """The first legal source cited (``Decree 37/2026/NĐ-CP Art. 23(5)(h)``)."""
        return self.source.split(";")[0].strip()

    def article_in(self, lang: str = "en") -> str:
        """The first legal source cited, worded in ``lang``.

        >>> rule("VN-DATA-008").article_in("vi")
        'Nghị định 37/2026/NĐ-CP Điều 23(5)(h)'
        >>> rule("VN-ID-003").article_in("vi")
        'Quyết định 19/2025/QĐ-TTg (theo báo chí)'
        """
        return citation(self.article, lang)

    def source_in(self, lang: str = "en") -> str:
        """The legal source with documents and notes worded in ``lang`` (``vi``: Nghị định …).

        >>> rule("VN-DATA-008").source_in("vi")
        'Nghị định 37/2026/NĐ-CP Điều 23(5)(h); thứ tự các ngày là kiểm tra logic'
        """
        return citation(self.source, lang)

    def statement(self, lang: str = "en") -> str:
        """The statement in ``lang`` (``vi`` or ``en``)."""
        return self.statement_vi if lang == "vi" else self.statement_en


# How the catalogue's English notes on its sources read in Vietnamese, longest first so a phrase
# wins over the words inside it. Document numbers, standard ids and package names stay as written.
_VI_PHRASES = (
    ("secondary sources (news, procedure guides)", "nguồn thứ cấp (báo chí, hướng dẫn thủ tục)"),
    ("as reported by secondary sources", "theo nguồn thứ cấp"),
    ("as reported (district level for 3 stars)", "theo nguồn thứ cấp (cấp huyện với 3 sao)"),
    ("as reported (news article)", "theo nguồn thứ cấp (bài báo)"),
    ("as reported", "theo nguồn thứ cấp"),
    ("(via press reports)", "(theo báo chí)"),
    ("(quoted by two secondary pages)", "(được hai trang thứ cấp trích dẫn)"),
    ("(secondary)", "(nguồn thứ cấp)"),
    ("ordering is a logical check", "thứ tự các ngày là kiểm tra logic"),
    ("logical consistency", "tính nhất quán logic"),
    ("packer role (text not seen)", "vai trò cơ sở đóng gói (chưa xem văn bản)"),
    ("introduction and role table (seen)", "phần giới thiệu và bảng vai trò (đã xem)"),
    ("role table (seen)", "bảng vai trò (đã xem)"),
    ("introduction (seen on a law portal)", "phần giới thiệu (xem trên cổng thông tin pháp luật)"),
    ("other parts from a third-party list", "các phần khác theo danh sách của bên thứ ba"),
    ("KDEs inferred from GS1 FFV guideline", "các KDE suy ra từ hướng dẫn GS1 cho rau quả tươi"),
    (
        "KDE set inferred from GS1 Global Traceability Standard (basis of TCVN 12850)",
        "bộ KDE suy ra từ Tiêu chuẩn truy xuất nguồn gốc toàn cầu GS1 (cơ sở của TCVN 12850)",
    ),
    (
        "GTIN/AI(01) mapping from third-party code citing",
        "cách ánh xạ GTIN/AI(01) theo mã nguồn bên thứ ba dẫn",
    ),
    (
        "AI list 410-417 from third-party code citing",
        "danh sách AI 410-417 theo mã nguồn bên thứ ba dẫn",
    ),
    ("GS1 General Specifications", "Quy định kỹ thuật chung GS1"),
    ("texts not re-read here", "chưa đọc lại văn bản"),
    ("check-digit weights from python-stdnum", "trọng số chữ số kiểm tra theo python-stdnum"),
    ("lists from package vietnam-provinces", "danh mục theo gói vietnam-provinces"),
    ("(GSO draft)", "(dự thảo của Tổng cục Thống kê)"),
    ("implementation date not verified", "chưa xác minh ngày áp dụng"),
    ("(verbatim)", "(nguyên văn)"),
    (
        "post-2025 province level inferred from abolition of districts",
        "cấp tỉnh từ sau năm 2025 suy ra từ việc bỏ cấp huyện",
    ),
    ("annex not seen", "chưa xem phụ lục"),
    ("legal Q&A citing", "hỏi đáp pháp luật dẫn"),
    ("as amended by", "được sửa đổi bởi Thông tư"),
    ("(OCR transcription)", "(bản chép OCR)"),
    ("Annex I row 2", "Phụ lục I dòng 2"),
    ("(2023) and", "(2023) và"),
    ("Table", "Bảng"),
    ("Decree", "Nghị định"),
    ("Circular", "Thông tư"),
    ("Decision", "Quyết định"),
    ("Law", "Luật"),
    ("Arts.", "Điều"),
    ("Art.", "Điều"),
    ("Annex", "Phụ lục"),
)
_VI_WORDS = dict(_VI_PHRASES)
_VI_CITATION = re.compile(
    "|".join(
        re.escape(en) + (r"(?=[\s,;)]|$)" if en[-1].isalnum() else "") for en, _ in _VI_PHRASES
    )
)


def citation(text: str, lang: str = "en") -> str:
    """A legal citation of the catalogue (written in English) worded in ``lang``.

    Documents, articles and the catalogue's notes on how a source is known are translated; numbers,
    symbols (``NĐ-CP``) and standard ids are kept as written.

    >>> citation("Circular 02/2024/TT-BKHCN Art. 3(8), Art. 6(1) (secondary)", "vi")
    'Thông tư 02/2024/TT-BKHCN Điều 3(8), Điều 6(1) (nguồn thứ cấp)'
    """
    if lang != "vi":
        return text
    return _VI_CITATION.sub(lambda m: _VI_WORDS[m.group(0)], text)


@cache
def _all() -> tuple[Rule, ...]:
    return tuple(
        Rule(
            id=row[0],
            regimes=row[1],  # type: ignore[arg-type]  # the generator writes known ids only
            source=row[2],
            applies_to=row[3],
            check_text=row[4],
            statement_en=row[5],
            statement_vi=row[6],
            confidence=row[7],
            inferred=row[8],
            severity=Severity(row[9]),
            machine_checked=row[0] in MACHINE_CHECKED,
        )
        for row in _rulestable.RULES
    )


@cache
def _by_id() -> dict[str, Rule]:
    return {r.id: r for r in _all()}


def _unknown(code: str, value: str, expected: Iterable[str]) -> InvalidComponent:
    return InvalidComponent(
        Finding(
            code,
            params={"value": value, "expected": ", ".join(expected)},
        )
    )


def regime(regime_id: str) -> Regime:
    """The regime ``regime_id``; an unknown id raises ``InvalidComponent`` (``UNKNOWN_REGIME``).

    >>> regime("ND37").start
    datetime.date(2026, 1, 23)
    """
    return _get_regime(regime_id)


def rules(regime: str | None = None) -> tuple[Rule, ...]:
    """Every rule, or those of one regime, in catalogue order.

    >>> [r.id for r in rules("TT02-2024")][:3]
    ['VN-DATA-001', 'VN-CODE-001', 'VN-CODE-003']
    """
    if regime is None:
        return _all()
    wanted = _get_regime(regime).id
    return tuple(r for r in _all() if wanted in r.regimes)


def _get_regime(regime_id: str) -> Regime:
    try:
        return _REGIME_BY_ID[regime_id]  # type: ignore[index]
    except (KeyError, TypeError):
        raise _unknown("TCVN.UNKNOWN_REGIME", str(regime_id), _REGIME_BY_ID) from None


def rule(rule_id: str) -> Rule:
    """The rule ``rule_id``; an unknown id raises ``InvalidComponent`` (``TCVN.UNKNOWN_RULE``).

    >>> rule("VN-CODE-009").article
    'Decree 37/2026/NĐ-CP Art. 3(29)-(30), Art. 31(1)'
    """
    try:
        return _by_id()[rule_id]
    except (KeyError, TypeError):
        raise _unknown("TCVN.UNKNOWN_RULE", str(rule_id), ["VN-…"]) from None


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def parse_date(value: date | str) -> date:
    """A ``date`` from a ``date`` or a strict ISO ``YYYY-MM-DD`` string.

    Raises ``InvalidComponent`` (``TCVN.BAD_DATE``) for anything else.

    >>> parse_date("2026-07-01")
    datetime.date(2026, 7, 1)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidComponent(Finding("TCVN.BAD_DATE", params={"value": str(value)}))


def regimes_in_force(as_of: date | str) -> tuple[Regime, ...]:
    """The regimes in force on ``as_of`` (a ``date`` or ``YYYY-MM-DD``), oldest first.

    >>> [r.id for r in regimes_in_force("2025-01-01")]
    ['TT02-2024']
    >>> regimes_in_force("2024-01-01")
    ()
    """
    day = parse_date(as_of)
    return tuple(r for r in REGIMES if r.in_force(day))
