"""The JSON reader under the JSON-LD reader and the event hash (private; no pydantic).

``parse_json`` decodes a whole document and :class:`_Scanner` one value at a time, with the
same strictness: duplicate keys, ``NaN``/``Infinity``, numbers a double does not hold, lone
surrogates and over-long strings are findings, never silent changes. Kept apart from
:mod:`vntrace.epcis.jsonld` so that hashing a JSON-LD file (``vntrace epcis hash``) does not
import the typed model and pydantic.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any, Final, NoReturn, TypeVar

from vntrace.errors import EpcisError
from vntrace.findings import Finding, Location

__all__ = ["MAX_TEXT", "READ_AHEAD", "parse_json", "read_ahead"]


def finding(code: str, field: str | None = None, **params: str | float | None) -> Finding:
    """A finding with ``field`` as location (as :func:`vntrace.epcis._io.finding`)."""
    return Finding(code, params=params, location=Location(field=field))


def fail(code: str, field: str | None = None, **params: str | float | None) -> NoReturn:
    """Raise :class:`~vntrace.errors.EpcisError` with one finding."""
    raise EpcisError(finding(code, field, **params))


def _json_error(exc: json.JSONDecodeError) -> EpcisError:
    return EpcisError(
        finding("EPCIS.IO_MALFORMED_JSON", detail=exc.msg, line=exc.lineno, column=exc.colno)
    )


def _finite(text: str) -> float:
    """A JSON number as ``float``; beyond the double range (``1e999``) is an error, not ``inf``.

    ``inf`` would be written back as ``null`` (JSON) or ``INF`` (XML): a silent change.
    """
    value = float(text)
    if value - value != 0.0:
        fail("EPCIS.IO_BAD_NUMBER", value=text[:80])
    if value == 0.0 and _NONZERO_MANTISSA.match(text):  # 1e-99999999 would silently be 0
        fail("EPCIS.IO_NUMBER_OUT_OF_RANGE", value=text[:80], became="0")
    # No writer emits more than 17 significant digits for a double: more digits that a
    # double does not hold (a quantity 1.23456789012345678901) would silently be rounded.
    if len(text) > _DOUBLE_DIGITS and _rounded(text, value):
        fail(
            "EPCIS.IO_JSON_TOO_PRECISE",
            value=text if len(text) <= 80 else text[:77] + "...",
            became=repr(value),
        )
    return value


_NONZERO_MANTISSA = re.compile(r"-?[0.]*[1-9]")
_DOUBLE_DIGITS = 17


def _rounded(text: str, value: float) -> bool:
    """Whether the JSON number ``text`` has more significant digits than ``value`` keeps."""
    mantissa = text.lstrip("-").split("e", 1)[0].split("E", 1)[0].replace(".", "")
    if len(mantissa.strip("0")) <= _DOUBLE_DIGITS:
        return False
    return Decimal(text) != Decimal(repr(value))


def _no_constant(name: str) -> Any:
    """``NaN``, ``Infinity`` and ``-Infinity`` are not JSON (RFC 8259 section 6)."""
    fail("EPCIS.IO_BAD_NUMBER", value=name)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object from its members; a repeated key is an error (the last would silently win)."""
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                fail("EPCIS.IO_DUPLICATE_KEY", key=key[:200])
            seen.add(key)
    return obj


_DECODER = json.JSONDecoder(
    parse_float=_finite, parse_constant=_no_constant, object_pairs_hook=_pairs
)

MAX_TEXT: Final = 10_000_000
"""Longest string read from JSON: the longest text node the (hardened) XML reader accepts."""
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _check_strings(value: Any) -> None:
    """Refuse strings that no writer can write back: lone surrogates, beyond :data:`MAX_TEXT`."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, str):
            if len(item) > MAX_TEXT:
                fail("EPCIS.IO_STRING_TOO_LONG", length=len(item), limit=MAX_TEXT)
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                char = item[exc.start]
                fail("EPCIS.IO_LONE_SURROGATE", escape=f"\\u{ord(char):04x}")


def _suspect(text: str, start: int = 0, end: int | None = None) -> bool:
    """Whether ``text[start:end]`` may hold a string :func:`_check_strings` refuses (cheap)."""
    stop = len(text) if end is None else end
    return stop - start > MAX_TEXT or _SURROGATE_ESCAPE.search(text, start, stop) is not None


def parse_json(data: bytes | str) -> Any:
    """``json.loads`` with our errors (malformed input, too deep nesting, bad UTF-8)."""
    try:
        # Decode strictly ourselves: ``json.loads(bytes)`` uses ``surrogatepass`` and would
        # accept encoded lone surrogates (invalid UTF-8) without a word.
        text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
        value = _DECODER.decode(text)
        if _suspect(text):
            _check_strings(value)
    except json.JSONDecodeError as exc:
        raise _json_error(exc) from None
    except RecursionError:
        fail("EPCIS.IO_TOO_DEEP")
    except UnicodeDecodeError as exc:
        fail("EPCIS.IO_UNREADABLE", detail=str(exc.reason))
    except EpcisError:
        raise
    except ValueError as exc:  # an integer beyond ``sys.get_int_max_str_digits()``
        fail("EPCIS.IO_BAD_NUMBER", value=str(exc)[:80])
    return value


CHUNK = 1 << 16
"""Characters a :class:`_Scanner` reads at a time (tests set it small to cross boundaries)."""


class _Scanner:
    """An incremental reader over a JSON text: values are decoded one at a time.

    Only the current window of the input is held in memory: :meth:`read_value` decodes one value
    (an event) with the C decoder, :meth:`skip_value` jumps over a value of any size.
    """

    _WS = " \t\r\n"

    def __init__(self, stream: IO[bytes], chunk: int = 0) -> None:
        self.stream = stream
        self.chunk = chunk or CHUNK
        self.decoder = codecs.getincrementaldecoder("utf-8")()
        self.json = _DECODER
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.offset = 0  # characters dropped from the front of buf

    def fill(self, pending: int = 0) -> bool:
        """Read more input: a chunk, or as much as the ``pending`` (undecoded) text at least.

        Growing the read with the pending text keeps a value that spans many chunks linear:
        each retry of the decoder at least doubles what it sees.
        """
        if self.eof:
            return False
        raw = self.stream.read(max(self.chunk, pending))
        try:
            text = self.decoder.decode(raw, final=not raw)
        except UnicodeDecodeError as exc:
            fail("EPCIS.IO_UNREADABLE", detail=str(exc.reason))
        if not raw:
            self.eof = True
        if self.pos:
            self.offset += self.pos
            self.buf = self.buf[self.pos :]
            self.pos = 0
        self.buf += text
        if self.offset == 0 and self.buf.startswith("\ufeff"):
            self.buf = self.buf[1:]
        return bool(raw) or bool(text)

    def peek(self) -> str:
        while True:
            buf, pos = self.buf, self.pos
            n = len(buf)
            while pos < n and buf[pos] in self._WS:
                pos += 1
            self.pos = pos
            if pos < n:
                return buf[pos]
            if not self.fill():
                return ""

    def error(self, detail: str) -> EpcisError:
        return EpcisError(
            finding("EPCIS.IO_MALFORMED_JSON", detail=detail, line=0, column=self.offset + self.pos)
        )

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise self.error(f"expected {char!r}")
        self.pos += 1

    def read_value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self.json.raw_decode(self.buf, self.pos)
            except json.JSONDecodeError as exc:
                # Only an error at the end of what is buffered (or an open string) can be
                # cured by reading on; anything else is final: never buffer to the end first.
                if (
                    exc.msg.startswith("Unterminated string") or len(self.buf) - exc.pos <= 16
                ) and self.fill(len(self.buf) - self.pos):
                    continue
                raise self.error(exc.msg) from None
            except RecursionError:
                fail("EPCIS.IO_TOO_DEEP")
            except EpcisError:
                raise
            except ValueError as exc:  # an integer beyond ``sys.get_int_max_str_digits()``
                fail("EPCIS.IO_BAD_NUMBER", value=str(exc)[:80])
            if end >= len(self.buf) and not self.eof and not isinstance(value, (dict, list, str)):
                self.fill()  # a number may continue in the next chunk
                continue
            if _suspect(self.buf, self.pos, end):
                _check_strings(value)
            self.pos = end
            return value

    def end(self) -> None:
        """Only whitespace may follow the document (``loads`` refuses anything else)."""
        if self.peek() != "":
            raise self.error("extra data after the document")

    def read_string(self) -> str:
        if self.peek() != '"':
            raise self.error("expected a string")
        value = self.read_value()
        assert isinstance(value, str)
        return value

    def skip_value(self) -> None:
        first = self.peek()
        if first not in "{[":
            self.read_value()
            return
        depth = 0
        while True:
            buf = self.buf
            pos = self.pos
            n = len(buf)
            while pos < n:
                found = _INTERESTING.search(buf, pos)
                if found is None:
                    pos = n
                    break
                pos = found.start()
                ch = buf[pos]
                if ch == '"':
                    end = _string_end(buf, pos + 1)
                    if end < 0:
                        break
                    pos = end
                    continue
                if ch in "{[":
                    depth += 1
                elif ch in "}]":
                    depth -= 1
                    if depth == 0:
                        self.pos = pos + 1
                        return
                pos += 1
            self.pos = pos
            if not self.fill(len(buf) - pos):
                raise self.error("unexpected end of input")

    def members(self) -> Iterator[str]:
        """Iterate the keys of the object at the cursor; the caller consumes each value.

        A key seen twice is ``EPCIS.IO_DUPLICATE_KEY``, as in :func:`parse_json`.
        """
        self.expect("{")
        if self.peek() == "}":
            self.pos += 1
            return
        seen: set[str] = set()
        while True:
            key = self.read_string()
            if key in seen:
                fail("EPCIS.IO_DUPLICATE_KEY", key=key)
            seen.add(key)
            self.expect(":")
            yield key
            nxt = self.peek()
            self.pos += 1
            if nxt == "}":
                return
            if nxt != ",":
                raise self.error("expected ',' or '}'")

    def items(self) -> Iterator[None]:
        """Iterate the elements of the array at the cursor; the caller consumes each value."""
        self.expect("[")
        if self.peek() == "]":
            self.pos += 1
            return
        while True:
            yield None
            nxt = self.peek()
            self.pos += 1
            if nxt == "]":
                return
            if nxt != ",":
                raise self.error("expected ',' or ']'")


_INTERESTING = re.compile(r'["{}\[\]]')

_T = TypeVar("_T")

READ_AHEAD: Final = 16
"""Values a streaming reader decodes ahead of its consumer at most (:func:`read_ahead`)."""
READ_AHEAD_CHARS: Final = 1 << 20
"""Characters of input a streaming reader decodes ahead at most (one value may exceed it)."""


def read_ahead(
    values: Iterator[_T],
    scan: _Scanner | None = None,
    size: int = READ_AHEAD,
    chars: int = READ_AHEAD_CHARS,
) -> Iterator[_T]:
    """Yield ``values`` in order, computed up to ``size`` values (and, with the ``scan`` they
    are read from, ``chars`` characters of input) ahead of the consumer.

    Why: reading events and hashing (or checking) them one by one interleaved costs about a
    quarter more than the two loops run back to back over a few dozen events, each evicting the
    other's code and data from the CPU caches. Memory stays bounded by the larger of ``chars``
    and the largest value. An error raised while reading ahead reaches the consumer after the
    values read before it, as it would without reading ahead.

    >>> def numbers():
    ...     yield from (1, 2, 3)
    ...     raise ValueError("broken")
    >>> seen = []
    >>> try:
    ...     for n in read_ahead(numbers(), size=2):
    ...         seen.append(n)
    ... except ValueError:
    ...     seen.append("error")
    >>> seen
    [1, 2, 3, 'error']
    """
    more = True
    while more:
        batch: list[_T] = []
        failure: Exception | None = None
        more = False
        start = 0 if scan is None else scan.offset + scan.pos
        try:
            for value in values:
                batch.append(value)
                if len(batch) >= size or (
                    scan is not None and scan.offset + scan.pos - start >= chars
                ):
                    more = True
                    break
        except Exception as exc:  # noqa: BLE001 - re-raised below, after the values before it
            failure = exc
        yield from batch
        if failure is not None:
            raise failure


def _string_end(buf: str, pos: int) -> int:
    """Index after the closing quote of a string starting at ``pos``; -1 if not in ``buf``."""
    n = len(buf)
    while True:
        quote = buf.find('"', pos)
        if quote < 0:
            return -1
        back = quote - 1
        while back >= pos and buf[back] == "\\":
            back -= 1
        if (quote - 1 - back) % 2 == 0:
            return quote + 1
        pos = quote + 1
        if pos >= n:
            return -1
