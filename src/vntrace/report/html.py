"""HTML: one self-contained page for an inspector, in Vietnamese or English, summary first.

The page needs no network and no JavaScript: styles are inline, charts are inline SVG. It opens
with the verdict and the counts (by severity, by finding code, by field or column, by file, and
by any group the records carry, such as commune, sector or producer, as compliance rates), then
lists every code met with its message and the legal article or GS1 standard it rests on, then the
details of each finding, up to ``details_limit`` (a note says how many more there are).

>>> from vntrace.findings import Finding, Location
>>> from vntrace.report import Record, render
>>> bad = Finding("GS1.ILLEGAL_DAY", location=Location(field="17"))
>>> page = render([Record("(17)260132", [bad], source="lots.txt", number=1,
...                       groups={"commune": "Xã Phúc Trạch"})], "html", "vi")
>>> page.startswith("<!DOCTYPE html>"), '<html lang="vi">' in page, "<script" in page
(True, True, False)
>>> "Xã Phúc Trạch" in page and "Ngày trong tháng không hợp lệ" in page
True

Memory stays bounded whatever the number of findings: the renderer keeps counters (at most
``key_limit`` distinct values per counter; the rest are counted under "other") and the first
``details_limit`` findings. Every value is made visible (:func:`~vntrace.report.visible`) and
HTML-escaped: control characters and bidirectional overrides are shown, never acted on.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TextIO

from vntrace import __version__
from vntrace.findings import Finding, Severity
from vntrace.messages import catalogue
from vntrace.report._base import FailOn, Record, Result, Summary, as_record, fails, visible
from vntrace.report._people import SEVERITY, finding_place, record_label, reference

__all__ = ["HtmlRenderer"]

_OTHER = "\x00other"  # the counter key of values beyond key_limit (never a real value: NUL)
_SHORT = 160  # characters of an input shown in the details table
_CHART_ROWS = 15

TEXT = {
    "title": {
        "vi": "Báo cáo kiểm tra dữ liệu truy xuất nguồn gốc",
        "en": "Traceability data check report",
    },
    "generated": {
        "vi": "Lập lúc {time} bằng vntrace {version}",
        "en": "Generated {time} by vntrace {version}",
    },
    "verdict_ok": {"vi": "Đạt", "en": "Pass"},
    "verdict_bad": {"vi": "Không đạt", "en": "Fail"},
    "inputs": {"vi": "Đã kiểm tra", "en": "Checked"},
    "valid": {"vi": "Đạt", "en": "Passed"},
    "invalid": {"vi": "Không đạt", "en": "Failed"},
    "rate": {"vi": "Tỷ lệ đạt", "en": "Compliance rate"},
    "errors": {"vi": "Lỗi", "en": "Errors"},
    "warnings": {"vi": "Cảnh báo", "en": "Warnings"},
    "infos": {"vi": "Ghi chú", "en": "Notes"},
    "summary": {"vi": "Tóm tắt", "en": "Summary"},
    "by_code": {"vi": "Phát hiện theo mã", "en": "Findings by code"},
    "by_field": {"vi": "Phát hiện theo trường / cột", "en": "Findings by field / column"},
    "by_source": {"vi": "Tỷ lệ đạt theo tệp", "en": "Compliance by file"},
    "by_group": {"vi": "Tỷ lệ đạt theo {key}", "en": "Compliance by {key}"},
    "codes": {"vi": "Các mã phát hiện và căn cứ", "en": "Finding codes and their basis"},
    "details": {"vi": "Chi tiết", "en": "Details"},
    "code": {"vi": "Mã", "en": "Code"},
    "severity": {"vi": "Mức độ", "en": "Severity"},
    "count": {"vi": "Số lần", "en": "Count"},
    "message": {"vi": "Nội dung", "en": "Message"},
    "basis": {"vi": "Căn cứ", "en": "Basis"},
    "where": {"vi": "Vị trí", "en": "Where"},
    "input": {"vi": "Dữ liệu", "en": "Input"},
    "file": {"vi": "Tệp", "en": "File"},
    "records": {"vi": "bản ghi", "en": "records"},
    "other": {"vi": "(khác)", "en": "(other)"},
    "none": {"vi": "(không có)", "en": "(none)"},
    "no_findings": {"vi": "Không có phát hiện nào.", "en": "No findings."},
    "capped": {
        "vi": "Chỉ hiển thị {shown} phát hiện đầu tiên trong tổng số {total}; {rest} phát hiện còn"
        " lại được tính trong phần tóm tắt. Dùng --format jsonl để có danh sách đầy đủ.",
        "en": "Only the first {shown} of {total} findings are listed; the other {rest} are counted"
        " in the summary. Use --format jsonl for the complete list.",
    },
    "rate_of": {"vi": "{ok}/{n} đạt", "en": "{ok}/{n} pass"},
}


def _t(text_key: str, lang: str, **params: object) -> str:
    entry = TEXT[text_key]
    return entry.get(lang, entry["en"]).format(**params)


def _e(text: str) -> str:
    """Visible, then HTML-escaped (quotes too, so it is safe in attributes)."""
    return html.escape(visible(text), quote=True)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_INDEX_SEGMENT = re.compile(r"(?<=/)[0-9]+(?=/|$)|(?<=\[)[0-9]+(?=\])")


def _field_key(field_name: str) -> str:
    """JSON pointers and XPaths counted without their array indexes (one bar per kind of field)."""
    return _INDEX_SEGMENT.sub("*", field_name)


class _Bounded:
    """A counter of at most ``limit`` distinct keys; later keys are counted under ``_OTHER``."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.counts: Counter[str] = Counter()

    def key(self, key: str) -> str:
        if key in self.counts or len(self.counts) < self.limit:
            return key
        return _OTHER

    def add(self, key: str, n: int = 1) -> None:
        self.counts[self.key(key)] += n


@dataclass
class _Rate:
    """Records and valid records per value of one grouping (a file, a commune…)."""

    limit: int
    records: Counter[str] = field(default_factory=Counter)
    valid: Counter[str] = field(default_factory=Counter)

    def add(self, key: str, ok: bool) -> None:
        if key not in self.records and len(self.records) >= self.limit:
            key = _OTHER
        self.records[key] += 1
        if ok:
            self.valid[key] += 1


@dataclass(frozen=True, slots=True)
class _Detail:
    where: str
    source: str
    input: str
    finding: Finding


class HtmlRenderer:
    """The inspector's page; see the module documentation."""

    def __init__(
        self,
        lang: str = "vi",
        *,
        title: str | None = None,
        details_limit: int = 2000,
        key_limit: int = 1000,
        fail_on: FailOn = "error",
    ) -> None:
        """Write in ``lang``; list at most ``details_limit`` findings in the details.

        A record passes when it has no error (with ``fail_on="warning"``: no error or warning).
        """
        self.lang = lang if lang in SEVERITY else "en"
        self.fail_on = fail_on
        self._passed = 0
        self.title = title
        self.details_limit = details_limit
        self._codes = _Bounded(key_limit)
        self._code_severity: dict[str, Severity] = {}
        self._code_example: dict[str, Finding] = {}
        self._fields = _Bounded(key_limit)
        self._sources = _Rate(key_limit)
        self._groups: dict[str, _Rate] = {}
        self._key_limit = key_limit
        self._details: list[_Detail] = []
        self._findings = 0
        self._n = 0

    def begin(self, out: TextIO) -> None:
        """Nothing is written before the end: the summary comes first on the page."""
        del out

    def item(self, out: TextIO, result: Result) -> None:
        """Count one record and keep its first findings for the details."""
        del out
        record = as_record(result)
        self._n += 1
        ok = not fails(record.findings, self.fail_on)
        self._passed += ok
        source = record.source or next(
            (f.location.path for f in record.findings if f.location.path), ""
        )
        if source:
            self._sources.add(source, ok)
        for key, value in record.groups.items():
            rate = self._groups.get(key)
            if rate is None:
                if len(self._groups) >= 20:  # a page cannot show more groupings usefully
                    continue
                rate = self._groups[key] = _Rate(self._key_limit)
            rate.add(str(value), ok)
        for finding in record.findings:
            self._add(record, source, finding)

    def _add(self, record: Record, source: str, finding: Finding) -> None:
        self._findings += 1
        code = self._codes.key(finding.code)
        self._codes.counts[code] += 1
        if code != _OTHER and code not in self._code_example:
            self._code_severity[code] = finding.severity
            self._code_example[code] = finding
        if finding.location.field is not None:
            self._fields.add(_field_key(finding.location.field))
        if len(self._details) < self.details_limit:
            where = record_label(record, self.lang, self._n)
            self._details.append(_Detail(where, source, _short(record.input, _SHORT), finding))

    # -- rendering ---------------------------------------------------------------------------

    def end(self, out: TextIO, summary: Summary) -> None:
        """Write the whole page."""
        lang = self.lang
        title = self.title or _t("title", lang)
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
        out.write(
            f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
            f"<header><h1>{_e(title)}</h1>"
            f'<p class="meta">{_e(_t("generated", lang, time=now, version=__version__))}</p>'
            "</header>\n"
        )
        out.write(self._verdict(summary))
        out.write(self._charts(summary))
        out.write(self._codes_table())
        out.write(self._details_table())
        out.write("</main>\n</body>\n</html>\n")

    def _verdict(self, summary: Summary) -> str:
        lang = self.lang
        failed = summary.inputs - self._passed
        ok = failed == 0
        rate = self._passed / summary.inputs if summary.inputs else 1.0
        cards = [
            ("inputs", summary.inputs, ""),
            ("valid", self._passed, "ok"),
            ("invalid", failed, "bad" if failed else ""),
            ("errors", summary.errors, "bad" if summary.errors else ""),
            ("warnings", summary.warnings, "warn" if summary.warnings else ""),
            ("infos", summary.infos, ""),
        ]
        items = "".join(
            f'<div class="card {cls}"><span class="num">{n:,}</span>'
            f'<span class="lbl">{_e(_t(key, lang))}</span></div>'
            for key, n, cls in cards
        )
        verdict = _t("verdict_ok" if ok else "verdict_bad", lang)
        return (
            f'<section class="verdict {"pass" if ok else "fail"}">'
            f'<div class="big"><span class="pct">{_pct(rate)}</span>'
            f'<span class="lbl">{_e(_t("rate", lang))}</span></div>'
            f'<div><p class="state">{_e(verdict)}</p><div class="cards">{items}</div></div>'
            "</section>\n"
        )

    def _charts(self, summary: Summary) -> str:
        lang = self.lang
        parts = [f'<h2>{_e(_t("summary", lang))}</h2>\n<div class="grid">']
        severities = [
            (_t("errors", lang), summary.errors, "bad"),
            (_t("warnings", lang), summary.warnings, "warn"),
            (_t("infos", lang), summary.infos, "info"),
        ]
        parts.append(_panel(_t("severity", lang), _bars(severities)))
        if self._codes.counts:
            rows = [
                (self._label(code), n, _severity_class(self._code_severity.get(code)))
                for code, n in self._codes.counts.most_common(_CHART_ROWS)
            ]
            parts.append(_panel(_t("by_code", lang), _bars(rows)))
        if self._fields.counts:
            rows = [
                (self._label(name), n, "info")
                for name, n in self._fields.counts.most_common(_CHART_ROWS)
            ]
            parts.append(_panel(_t("by_field", lang), _bars(rows)))
        if len(self._sources.records) > 1:
            parts.append(_panel(_t("by_source", lang), self._rates(self._sources)))
        for key, rate in self._groups.items():
            parts.append(_panel(_t("by_group", lang, key=key), self._rates(rate)))
        parts.append("</div>\n")
        return "".join(parts)

    def _label(self, key: str) -> str:
        return _t("other", self.lang) if key == _OTHER else (key or _t("none", self.lang))

    def _rates(self, rate: _Rate) -> str:
        # worst first: what an inspector acts on
        keys = sorted(rate.records, key=lambda k: (rate.valid[k] / rate.records[k], k))
        rows = [
            (
                self._label(k),
                rate.valid[k] / rate.records[k],
                _t("rate_of", self.lang, ok=rate.valid[k], n=rate.records[k]),
            )
            for k in keys[:_CHART_ROWS]
        ]
        return _rate_bars(rows)

    def _codes_table(self) -> str:
        lang = self.lang
        if not self._codes.counts:
            none = _e(_t("no_findings", lang))
            return f'<h2>{_e(_t("codes", lang))}</h2><p class="none">{none}</p>\n'
        labels = SEVERITY[lang]
        rows = []
        for code, n in sorted(self._codes.counts.items(), key=lambda kv: (-kv[1], kv[0])):
            if code == _OTHER:
                rows.append(
                    f'<tr><td colspan="3">{_e(self._label(code))}</td>'
                    f'<td class="n">{n:,}</td><td></td></tr>'
                )
                continue
            example = self._code_example[code]
            severity = self._code_severity[code]
            template = _PLACEHOLDER.sub("…", catalogue().get(code, {}).get(lang, code))
            rows.append(
                f'<tr id="code-{_e(code)}"><td><code>{_e(code)}</code></td>'
                f"<td>{_badge(severity, labels[severity])}</td>"
                f'<td>{_e(template)}</td><td class="n">{n:,}</td>'
                f"<td>{_e(reference(example, lang))}</td></tr>"
            )
        head = "".join(
            f"<th>{_e(_t(k, lang))}</th>" for k in ("code", "severity", "message", "count", "basis")
        )
        return (
            f'<h2>{_e(_t("codes", lang))}</h2>\n<table class="codes"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>\n"
        )

    def _details_table(self) -> str:
        lang = self.lang
        if not self._details:
            return ""
        labels = SEVERITY[lang]
        rows = []
        for d in self._details:
            f = d.finding
            place = finding_place(f.location, lang)
            markup = f.params.get("markup")
            extra = (
                f'<div class="markup">{_e(str(markup))}</div>' if markup not in (None, "") else ""
            )
            cited = reference(f, lang)
            basis = f'<div class="basis">{_e(cited)}</div>' if cited else ""
            where = f'<div class="sub">{_e(place)}</div>' if place else ""
            rows.append(
                f'<tr><td>{_e(d.source)}<div class="sub">{_e(d.where)}</div></td>'
                f'<td class="in"><code>{_e(d.input)}</code></td>'
                f"<td>{_badge(f.severity, labels[f.severity])}</td>"
                f'<td><a href="#code-{_e(f.code)}"><code>{_e(f.code)}</code></a></td>'
                f"<td>{_e(f.message(lang))}{extra}{where}{basis}</td></tr>"
            )
        head = "".join(
            f"<th>{_e(_t(k, lang))}</th>" for k in ("file", "input", "severity", "code", "message")
        )
        note = ""
        if self._findings > len(self._details):
            note = (
                '<p class="note">'
                + _e(
                    _t(
                        "capped",
                        lang,
                        shown=f"{len(self._details):,}",
                        total=f"{self._findings:,}",
                        rest=f"{self._findings - len(self._details):,}",
                    )
                )
                + "</p>\n"
            )
        return (
            f'<h2>{_e(_t("details", lang))}</h2>\n{note}<table class="details"><thead><tr>{head}'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>\n{note}"
        )


def _severity_class(severity: Severity | None) -> str:
    return {Severity.ERROR: "bad", Severity.WARNING: "warn", Severity.INFO: "info"}.get(
        severity,  # type: ignore[arg-type]
        "info",
    )


def _badge(severity: Severity, label: str) -> str:
    return f'<span class="sev {_severity_class(severity)}">{_e(label)}</span>'


def _svg_label(label: str, y: int) -> str:
    return f'<text x="{_LABEL_W - 8}" y="{y + 15}" text-anchor="end">{_e(_short(label, 30))}</text>'


def _pct(rate: float) -> str:
    return f"{rate * 100:.1f}%".replace(".0%", "%")


def _panel(title: str, body: str) -> str:
    return f'<section class="panel"><h3>{_e(title)}</h3>{body}</section>'


_ROW_H = 22
_LABEL_W = 270
_BAR_W = 210
_SVG_W = _LABEL_W + _BAR_W + 70


def _svg(rows: int, body: str, label: str) -> str:
    height = max(rows, 1) * _ROW_H + 4
    return (
        f'<svg class="chart" role="img" aria-label="{_e(label)}" viewBox="0 0 {_SVG_W} {height}"'
        f' width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        f"{body}</svg>"
    )


def _bars(rows: Iterable[tuple[str, int, str]]) -> str:
    """Horizontal bars of counts, longest = full width."""
    items = list(rows)
    top = max((n for _, n, _ in items), default=0) or 1
    parts = []
    for i, (label, n, cls) in enumerate(items):
        y = i * _ROW_H + 2
        width = round(_BAR_W * n / top, 1)
        parts.append(
            f"{_svg_label(label, y)}"
            f'<rect class="track" x="{_LABEL_W}" y="{y + 3}" width="{_BAR_W}" height="15" rx="3"/>'
            f'<rect class="{cls}" x="{_LABEL_W}" y="{y + 3}" width="{width}" height="15" rx="3"/>'
            f'<text x="{_LABEL_W + _BAR_W + 8}" y="{y + 15}">{n:,}</text>'
        )
    return _svg(len(items), "".join(parts), "; ".join(f"{label}: {n}" for label, n, _ in items))


def _rate_bars(rows: Iterable[tuple[str, float, str]]) -> str:
    """Horizontal bars of compliance rates (0-100 %), coloured by how far from full."""
    items = list(rows)
    parts = []
    for i, (label, rate, detail) in enumerate(items):
        y = i * _ROW_H + 2
        cls = "ok" if rate >= 0.95 else ("warn" if rate >= 0.8 else "bad")
        parts.append(
            f"<g><title>{_e(label)}: {_e(detail)}</title>"
            f"{_svg_label(label, y)}"
            f'<rect class="track" x="{_LABEL_W}" y="{y + 3}" width="{_BAR_W}" height="15" rx="3"/>'
            f'<rect class="{cls}" x="{_LABEL_W}" y="{y + 3}" width="{round(_BAR_W * rate, 1)}"'
            ' height="15" rx="3"/>'
            f'<text x="{_LABEL_W + _BAR_W + 8}" y="{y + 15}">{_pct(rate)}</text></g>'
        )
    return _svg(len(items), "".join(parts), "; ".join(f"{k}: {_pct(r)}" for k, r, _ in items))


_CSS = """
:root{--ink:#1d2733;--muted:#5b6776;--line:#dde3ea;--bg:#f5f7fa;--ok:#1f8a4c;--bad:#c0392b;
--warn:#d68910;--info:#2e6da4;--track:#edf1f5}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--ink);font:15px/1.5 "Segoe UI","Noto Sans",Roboto,
"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:28px 24px 48px}
header h1{font-size:26px;margin:0 0 4px}
.meta{color:var(--muted);margin:0 0 20px;font-size:13px}
h2{font-size:19px;margin:32px 0 12px;padding-bottom:6px;border-bottom:2px solid var(--line)}
h3{font-size:15px;margin:0 0 10px;color:var(--muted);font-weight:600}
.verdict{display:flex;gap:28px;align-items:center;background:#fff;border:1px solid var(--line);
border-left:8px solid var(--ok);border-radius:10px;padding:18px 24px}
.verdict.fail{border-left-color:var(--bad)}
.big{display:flex;flex-direction:column;align-items:center;min-width:130px}
.big .pct{font-size:40px;font-weight:700;line-height:1.1}
.pass .pct{color:var(--ok)}.fail .pct{color:var(--bad)}
.big .lbl,.card .lbl{color:var(--muted);font-size:13px}
.state{font-size:18px;font-weight:600;margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:10px}
.card{background:var(--bg);border-radius:8px;padding:8px 14px;min-width:110px;display:flex;
flex-direction:column}
.card .num{font-size:22px;font-weight:700}
.card.ok .num{color:var(--ok)}.card.bad .num{color:var(--bad)}.card.warn .num{color:var(--warn)}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(520px,1fr));gap:16px}
.panel{background:#fff;border:1px solid var(--line);border-radius:10px;padding:14px 16px}
svg.chart{display:block;font-size:12.5px;max-width:640px}
svg.chart text{fill:var(--ink)}
svg .track{fill:var(--track)}svg .ok{fill:var(--ok)}svg .bad{fill:var(--bad)}
svg .warn{fill:var(--warn)}svg .info{fill:var(--info)}
table{width:100%;border-collapse:collapse;background:#fff;border:1px solid var(--line);
border-radius:10px;overflow:hidden;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:7px 10px;border-bottom:1px solid var(--line)}
th{background:#eef2f6;font-weight:600}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.in code{word-break:break-all}
code{font-family:"Cascadia Mono","DejaVu Sans Mono",Consolas,monospace;font-size:13px}
.sev{display:inline-block;border-radius:10px;padding:0 8px;font-size:12px;color:#fff;
white-space:nowrap}
.sev.bad{background:var(--bad)}.sev.warn{background:var(--warn)}.sev.info{background:var(--info)}
.sub,.basis{color:var(--muted);font-size:12px}
.basis::before{content:"§ "}
.markup{font-family:monospace;font-size:12px;color:var(--bad)}
.note{background:#fff8e6;border:1px solid #f0d58c;border-radius:8px;padding:8px 12px}
.none{color:var(--muted)}
a{color:var(--info);text-decoration:none}
@media print{body{background:#fff}.panel,.verdict,table{break-inside:avoid}}
"""
