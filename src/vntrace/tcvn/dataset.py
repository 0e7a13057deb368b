"""Rules over a set of dossiers: VN-CODE-010, one GTIN to one brand owner across a dataset.

Decree 37/2026/NĐ-CP Art. 28(1)(d)-(đ) makes the user of a code answer for its uniqueness and
forbids selling or transferring the right to use it; the catalogue reads this, for a dataset, as
"one GTIN maps to one brand owner" (an inferred check, so ``tcvn.Options`` can switch it off).
A single dossier cannot show it, so :func:`vntrace.tcvn.check` lists it as a manual check and
:func:`check_many` (or :class:`DatasetCheck`, for callers that stream) decides it.

The first dossier that uses a GTIN fixes its brand owner (the importer, else the producer, known
by tax code, else GS1 company prefix, else name); a later dossier naming another owner for the
same GTIN gets the finding, pointing back at the first. Memory grows with the number of distinct
GTINs, not of dossiers.

>>> from vntrace.tcvn.records import load_dossier
>>> def lot(tax: str) -> Dossier:
...     return load_dossier({"product": {"gtin": "08938500123000"},
...                          "producer": {"name": "HTX", "tax_code": tax}})
>>> found = list(check_many([lot("3001234567"), lot("3001234567"), lot("0100109106")],
...                         as_of="2026-09-20", regimes=["ND37"]))
>>> [[f.code for f in fs if f.code == "VN-CODE-010"] for fs in found]
[[], [], ['VN-CODE-010']]
>>> print(next(f for f in found[2] if f.code == "VN-CODE-010").message("vi"))
... # doctest: +NORMALIZE_WHITESPACE
GTIN 08938500123000 đã được chủ sở hữu nhãn hàng HTX (mã số thuế 3001234567) sử dụng trong hồ
sơ thứ 1; ở hồ sơ này chủ sở hữu là HTX (mã số thuế 0100109106); mỗi GTIN chỉ được thuộc một
chủ sở hữu, không được chuyển nhượng quyền sử dụng mã (cách hiểu của vntrace về Nghị định
37/2026/NĐ-CP Điều 28(1)(d)-(đ))
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from vntrace.findings import Finding, Location, ParamValue
from vntrace.messages import Localised
from vntrace.tcvn.checking import (
    _DIGITS,
    _article,
    _brand_owner,
    _gtin14,
    _selected_regimes,
    _trace_code_ais,
    check,
)
from vntrace.tcvn.options import DEFAULT_OPTIONS, Options
from vntrace.tcvn.records import Dossier, Party
from vntrace.tcvn.rules import parse_date, rule

__all__ = ["DATASET_RULES", "DatasetCheck", "check_many"]

DATASET_RULES: frozenset[str] = frozenset({"VN-CODE-010"})
"""Rules decided over a set of dossiers (by :func:`check_many`), not dossier by dossier."""

_RULE = "VN-CODE-010"
ParamLabel = str | Localised


def _gtin_of(d: Dossier) -> tuple[str, str] | None:
    """The dossier's GTIN (as GTIN-14, so -13 and -14 forms meet) and its JSON pointer."""
    if d.product is not None and d.product.gtin is not None:
        gtin, path = d.product.gtin, "/product/gtin"
    elif d.trace_code is not None:
        gtin, path = (_trace_code_ais(d.trace_code)[0] or {}).get("01", ""), "/trace_code"
    else:
        return None
    if not _DIGITS.match(gtin) or len(gtin) > 14:  # VN-CODE-004 reports it
        return None
    return _gtin14(gtin), path


def _owner(party: Party | None) -> tuple[str, Localised] | None:
    """A key naming the brand owner, and how a person reads it."""
    if party is None:
        return None
    name = party.name or ""
    for key, en, vi in (
        (party.tax_code, "tax code", "mã số thuế"),
        (party.gs1_company_prefix, "GS1 company prefix", "tiền tố mã doanh nghiệp"),
    ):
        if key:
            return key, Localised(en=f"{name} ({en} {key})", vi=f"{name} ({vi} {key})")
    if name.strip():
        return f"name:{name}", Localised(en=name, vi=name)
    return None


@dataclass
class DatasetCheck:
    """:func:`~vntrace.tcvn.check` for a stream of dossiers, plus the dataset rules.

    Call :meth:`check` on each dossier in turn; the arguments are those of ``tcvn.check``.
    """

    as_of: date | str | None = None
    regimes: Iterable[str] | None = None
    options: Options | None = None
    include_manual: bool | None = None
    _owners: dict[str, tuple[str, Localised, ParamLabel]] = field(default_factory=dict)
    _count: int = 0

    def check(self, dossier: Dossier, *, label: str | None = None) -> list[Finding]:
        """The findings of ``dossier``, VN-CODE-010 decided against the dossiers seen before.

        ``label`` names the dossier in later findings (a file name); by default its number in
        the stream, counted from 1.
        """
        self._count += 1
        findings = check(
            dossier,
            as_of=self.as_of,
            regimes=self.regimes,
            options=self.options,
            include_manual=self.include_manual,
        )
        findings = [
            f
            for f in findings
            if not (f.code == "TCVN.MANUAL_CHECK" and f.params.get("rule") in DATASET_RULES)
        ]
        opts = DEFAULT_OPTIONS if self.options is None else self.options
        if opts.is_disabled(_RULE) or "ND37" not in self._regimes(dossier):
            return findings
        found, owner = _gtin_of(dossier), _owner(_brand_owner(dossier)[1])
        if found is None or owner is None:
            return findings
        gtin, path = found
        first = self._owners.setdefault(gtin, (*owner, self._name(label)))
        if first[0] != owner[0]:
            r = rule(_RULE)
            params: dict[str, ParamValue] = {
                "gtin": gtin,
                "owner": owner[1],
                "first_owner": first[1],
                "first": first[2],
                "article": _article(r),
                "confidence": r.confidence,
            }
            findings.append(Finding(_RULE, r.severity, params, Location(field=path)))
        return findings

    def _name(self, label: str | None) -> ParamLabel:
        if label is not None:
            return label
        return Localised(en=f"dossier {self._count}", vi=f"hồ sơ thứ {self._count}")

    def _regimes(self, dossier: Dossier) -> frozenset[str]:
        if self.as_of is not None:
            day = parse_date(self.as_of)
        elif dossier.as_of is not None:
            day = dossier.as_of
        else:
            day = date.today()  # noqa: DTZ011 - a calendar day, as in tcvn.check
        return _selected_regimes(dossier, day, self.regimes)


def check_many(
    dossiers: Iterable[Dossier],
    *,
    as_of: date | str | None = None,
    regimes: Iterable[str] | None = None,
    options: Options | None = None,
    include_manual: bool | None = None,
) -> Iterator[list[Finding]]:
    """The findings of each dossier in turn (lazily), with the dataset rules decided across them.

    The arguments are those of :func:`vntrace.tcvn.check`; a later dossier's findings may point
    back at an earlier one ("hồ sơ thứ 1").
    """
    run = DatasetCheck(as_of, regimes, options, include_manual)
    for dossier in dossiers:
        yield run.check(dossier)
