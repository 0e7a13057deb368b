"""Load, dump and convert EPCIS documents in either syntax; stream large files.

``load`` detects the syntax (XML or JSON-LD) from the first significant character, and reads
EPCIS 1.2 XML into the 2.0 model (:mod:`vntrace.epcis.v12`): converting a 1.2 file writes 2.0.
``convert_file`` streams: the output is written event by event and memory stays flat whatever
the size of the input.

>>> import tempfile, pathlib
>>> src = pathlib.Path(tempfile.mkdtemp()) / "in.xml"
>>> _ = src.write_text('''<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"
...   schemaVersion="2.0" creationDate="2026-05-12T08:00:00Z"><EPCISBody><EventList>
...   <ObjectEvent><eventTime>2026-05-12T07:30:00Z</eventTime>
...   <eventTimeZoneOffset>+07:00</eventTimeZoneOffset><epcList/><action>OBSERVE</action>
...   <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep></ObjectEvent>
...   </EventList></EPCISBody></epcis:EPCISDocument>''', encoding="utf-8")
>>> convert_file(src, src.with_suffix(".jsonld"))
1
>>> doc = load(src.with_suffix(".jsonld"))
>>> doc.events[0].biz_step, doc == load(src)
('shipping', True)
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import IO, Any, Literal, NoReturn, TypeVar

from vntrace.epcis import jsonld, v12, xml
from vntrace.epcis._inputs import open_path, path_text
from vntrace.epcis._io import fail, used_namespaces
from vntrace.epcis._xmljson import DirectReader
from vntrace.epcis.model import (
    AnyDocument,
    EPCISDocument,
    EPCISMasterDataDocument,
    EPCISQueryDocument,
    Event,
)
from vntrace.errors import EpcisError, os_reason

__all__ = [
    "Format",
    "convert_file",
    "detect_format",
    "dump_json",
    "dump_xml",
    "format_for_path",
    "iter_events",
    "load",
    "loads",
]

Format = Literal["xml", "json"]
Document = AnyDocument
Source = str | os.PathLike[str] | bytes | IO[bytes]
"""A path (``str`` is always a path), a binary file object, or the document as bytes."""

_T = TypeVar("_T")

_SUFFIXES: dict[str, Format] = {".xml": "xml", ".json": "json", ".jsonld": "json"}


def detect_format(head: bytes | str) -> Format:
    """``"xml"`` or ``"json"`` from the first significant character of a document.

    XML may come in UTF-16 with a byte order mark (XML 1.0 section 4.3.3); JSON must be UTF-8.

    >>> detect_format(b"\\xef\\xbb\\xbf  <?xml version='1.0'?><a/>"), detect_format(' {"a": 1}')
    ('xml', 'json')
    >>> detect_format("<a/>".encode("utf-16"))
    'xml'
    """
    if isinstance(head, bytes) and head.startswith(_UTF16_BOMS):
        text = head.decode("utf-16", "replace")
        if text.lstrip("\ufeff \t\r\n").startswith("<"):
            return "xml"
        fail("EPCIS.IO_UNKNOWN_SYNTAX")
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return "xml"
    if not stripped.startswith("{"):
        fail("EPCIS.IO_UNKNOWN_SYNTAX")
    return "json"


def format_for_path(path: str | os.PathLike[str]) -> Format:
    """The format implied by a file name (``.xml``, ``.json``, ``.jsonld``).

    >>> format_for_path("lot.epcis.jsonld")
    'json'
    """
    suffix = Path(path).suffix.lower()
    found = _SUFFIXES.get(suffix)
    if found is None:
        fail("EPCIS.IO_UNKNOWN_SYNTAX", str(path))
    return found


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


Content = str | bytes | bytearray | memoryview
"""A document itself: text, or bytes in any encoding XML allows (JSON must be UTF-8)."""


def _content(data: object) -> bytes:
    """``data`` as bytes; ``str`` is encoded as UTF-8 (lone surrogates refused)."""
    if isinstance(data, str):
        try:
            data = data.encode("utf-8")
        except UnicodeEncodeError as exc:
            fail("EPCIS.IO_UNREADABLE", detail=f"not Unicode text at {exc.start}")
    if not isinstance(data, (bytes, bytearray, memoryview)):
        fail("EPCIS.IO_UNSUPPORTED_SOURCE", type=type(data).__name__)
    return bytes(data)


@contextlib.contextmanager
def _opened(source: object) -> Iterator[tuple[bytes | IO[bytes], bytes]]:
    """The readable form of ``source`` and its first bytes, closing a file it opened.

    A ``str`` or :class:`os.PathLike` is a path (never document text); ``bytes`` are the
    document; anything with ``read`` is a binary file object.
    """
    if isinstance(source, (str, os.PathLike)):
        handle = open_path(source)
        try:
            yield handle, _peek(handle)
        finally:
            handle.close()
        return
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        yield data, data[:64]
        return
    read = getattr(source, "read", None)
    if not callable(read):
        fail("EPCIS.INPUT_NOT_A_PATH", type=type(source).__name__)
    try:
        handle_: Any = source
        if not handle_.seekable():
            handle_ = io.BytesIO(handle_.read())
    except (OSError, ValueError) as exc:  # closed or unreadable file objects
        fail("EPCIS.IO_UNREADABLE", detail=str(exc)[:200])
    yield handle_, _peek(handle_)


def _peek(handle: Any) -> bytes:
    try:
        start = handle.tell()
        head = handle.read(64)
        handle.seek(start)
    except (OSError, ValueError) as exc:
        fail("EPCIS.IO_UNREADABLE", detail=str(exc)[:200])
    if not isinstance(head, bytes):
        fail("EPCIS.INPUT_NOT_A_PATH", type=f"{type(handle).__name__} (text mode)")
    return head


def load(source: Source) -> Document:
    """Read an EPCIS document or query document, XML or JSON-LD (detected), from a file.

    ``source`` is a path (``str`` or :class:`~os.PathLike`; a ``str`` is always a path), a
    binary file object, or the document as ``bytes``; for text use :func:`loads`. A missing or
    unreadable file raises :class:`~vntrace.errors.EpcisError` whose finding names it
    (``EPCIS.INPUT_NOT_FOUND`` …), bad content one with the problems found.

    >>> load("/no/such/file.xml")
    Traceback (most recent call last):
    ...
    vntrace.errors.EpcisError: EPCIS.INPUT_NOT_FOUND: File '/no/such/file.xml' does not exist
    """
    with _opened(source) as (src, head):
        if detect_format(head) == "xml":
            return v12.load(src) if v12.is_epcis12(src) else xml.loads(src)
        return jsonld.loads(src)


def loads(data: Content) -> Document:
    """Read an EPCIS document given as text or bytes (never taken as a file name).

    >>> doc = loads('<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" '
    ...             'schemaVersion="2.0" creationDate="2026-05-12T08:00:00Z"/>')
    >>> doc.events
    ()
    """
    return load(_content(data))


def iter_events(source: Source) -> Iterator[Event]:
    """Yield the events of a document one by one; memory does not grow with its size.

    ``source`` as for :func:`load`: a path, a binary file object or the document as ``bytes``.
    A missing or unreadable file raises at the call, not at the first event.
    """
    stack = contextlib.ExitStack()
    try:
        src, head = stack.enter_context(_opened(source))
        if detect_format(head) == "json":
            events = jsonld.iter_events(src)
        elif v12.is_epcis12(src):
            events = v12.iter_events(src)
        else:
            events = xml.iter_events(src)
    except BaseException:
        stack.close()
        raise
    return _closing(events, stack)


def _closing(items: Iterator[_T], stack: contextlib.ExitStack) -> Iterator[_T]:
    with stack:
        yield from items


def _check_document(doc: object) -> None:
    if not isinstance(doc, (EPCISDocument, EPCISQueryDocument, EPCISMasterDataDocument)):
        fail(
            "EPCIS.IO_WRONG_TYPE",
            expected="EPCISDocument | EPCISQueryDocument | EPCISMasterDataDocument",
            got=type(doc).__name__,
        )


def dump_json(doc: Document, *, indent: bool = True) -> bytes:
    """The document as JSON-LD (UTF-8): standard context URL, user prefixes, bare CBV terms.

    Anything but a document model raises :class:`~vntrace.errors.EpcisError`.
    """
    _check_document(doc)
    return jsonld.dumps(doc, indent=indent)


def dump_xml(doc: Document, *, cbv_form: xml.CbvForm = "urn") -> bytes:
    """The document as EPCIS 2.0 XML (UTF-8), CBV values as URNs (or ``cbv_form="web"``).

    Anything but a document model raises :class:`~vntrace.errors.EpcisError`.
    """
    _check_document(doc)
    return xml.dumps(doc, cbv_form=cbv_form)


def _open_stream(
    src: bytes | IO[bytes], head: bytes
) -> tuple[Document, Iterator[Event], Generator[tuple[Any, str], None, None] | None]:
    """The document shell and its events; for EPCIS 2.0 XML also the unread event elements.

    Consume one of the two iterators: the events are read from the same elements.
    """
    if detect_format(head) == "xml":
        if v12.is_epcis12(src):
            shell, events = v12.stream(src)
            return shell, events, None
        shell, elements = xml.stream_elements(src)
        return shell, (xml.read_event(el, where) for el, where in elements), elements
    shell, events = jsonld.stream(src)
    return shell, events, None


_FLUSH_BYTES = 1 << 20  # events are written in chunks of about this size


class _JsonWriter:
    """Writes a JSON-LD document incrementally (the ``@context`` first, then event by event).

    An XML event element goes the direct way (:class:`~vntrace.epcis._xmljson.DirectReader`)
    when it can, else through the reader's checked dict; a model event through the model.
    """

    def __init__(self, out: IO[bytes], shell: Document) -> None:
        self.out = out
        self.render = jsonld._Out(  # noqa: SLF001 - same package
            jsonld._prefixes_for(shell.namespaces, used_namespaces(shell))  # noqa: SLF001
        )
        self.direct = DirectReader(self.render.prefix_of, self.render.ext)
        self.first = True
        self.parts: list[bytes] = []
        self.size = 0
        head = jsonld.to_json(shell)
        self.known = set(self.render.prefix_of)
        body = head.pop("epcisBody")
        head = {"@context": jsonld.context_for(self.render.prefix_of), **head}
        text = jsonld.json_bytes(head, indent=False)
        if isinstance(shell, EPCISQueryDocument):
            results = body["queryResults"]
            rbody = results.pop("resultsBody")
            rbody.pop("eventList", None)
            prefix = jsonld.json_bytes(results, indent=False)[:-1]
            extra = jsonld.json_bytes(rbody, indent=False)[1:-1]
            opening = prefix + b',"resultsBody":{'
            if extra:
                opening += extra + b","
            self.closing = b"]}}}}"
            out.write(text[:-1] + b',"epcisBody":{"queryResults":' + opening + b'"eventList":[')
        else:
            self.closing = b"]}}"
            out.write(text[:-1] + b',"epcisBody":{"eventList":[')

    def write(self, event: Event) -> None:
        """Append a model event."""
        self.render.hint_element = None
        self._general(self.render.event(event))

    def write_element(self, element: Any, where: str) -> None:
        """Append an XML event element (refused with the reader's findings if it is bad)."""
        data = self.direct.event(element)
        if data is not None:
            self._emit(data)
            return
        source, _ = xml.read_event_data(element, where)  # raises what the reader refuses
        self.render.hint_element = element
        self._general(self.render.event_data(source))

    def _general(self, data: dict[str, Any]) -> None:
        new: dict[str, str] = {}
        if len(self.render.prefix_of) != len(self.known):
            new = {
                ns: self.render.prefix_of[ns] for ns in self.render.prefix_of.keys() - self.known
            }
        if new:
            self.known.update(new)
            data = {"@context": {p: ns for ns, p in new.items()}, **data}
        self._emit(data)

    def _emit(self, data: dict[str, Any]) -> None:
        text = _dumps(data)
        self.parts.append(text)
        self.size += len(text)
        if self.size >= _FLUSH_BYTES:
            self._flush()

    def _flush(self) -> None:
        if self.parts:
            chunk = b",\n".join(self.parts)
            self.out.write(chunk if self.first else b",\n" + chunk)
            self.first = False
            self.parts.clear()
            self.size = 0

    def close(self) -> None:
        self._flush()
        self.out.write(b"\n" + self.closing + b"\n")


def _dumps(data: dict[str, Any]) -> bytes:
    """``jsonld.json_bytes(data, indent=False)``, calling orjson directly when it is there."""
    if _orjson_dumps is not None:
        try:
            return _orjson_dumps(data)
        except TypeError:  # integers beyond 64 bits: the standard library writes them
            pass
    return jsonld.json_bytes(data, indent=False)


_orjson_dumps: Callable[[Any], bytes] | None
try:
    from orjson import dumps as _orjson_dumps
except ImportError:  # pragma: no cover - orjson is an optional accelerator
    _orjson_dumps = None


def convert_file(
    source: Source,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    to: Format | None = None,
    cbv_form: xml.CbvForm = "urn",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Convert ``source`` to ``target`` event by event; returns the number of events.

    The output format is ``to`` or, for a path, implied by its suffix. ``progress`` (if given)
    is called with the running event count every 1,000 events.

    A path target is written atomically: into a temporary file beside it, renamed over the
    target only once the whole document is written. On any failure (bad input, interruption)
    the temporary file is removed and an existing target is left as it was; the target may be
    the input itself. A file object target receives the bytes as they are produced.
    """
    if to is None:
        if not isinstance(target, (str, os.PathLike)):
            fail("EPCIS.IO_UNKNOWN_SYNTAX")
        to = format_for_path(target)
    with _opened(source) as (src, head), contextlib.ExitStack() as stack:
        shell, events, elements = _open_stream(src, head)
        if elements is not None:  # a failure leaves the parser suspended: close it here
            stack.callback(elements.close)
        if not isinstance(target, (str, os.PathLike)):
            return _convert_guarded(
                shell, events, elements, target, to=to, cbv_form=cbv_form, progress=progress
            )
        path = Path(target)
        if path.exists() and not path.is_file() and not path.is_dir():
            # a device or pipe (/dev/null, a FIFO): renaming onto it would replace the node
            # itself, so write straight into it
            try:
                direct = path.open("wb")
            except OSError as exc:
                fail("EPCIS.OUTPUT_UNWRITABLE", path=path_text(path), detail=os_reason(exc))
            with direct:
                return _convert_guarded(
                    shell, events, elements, direct, to=to, cbv_form=cbv_form, progress=progress
                )
        with _AtomicFile(target) as handle:
            return _convert_guarded(
                shell, events, elements, handle, to=to, cbv_form=cbv_form, progress=progress
            )


class _AtomicFile:
    """A new file beside ``target``, renamed over it on a clean exit and removed otherwise."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)
        self.temp = self.target.with_name(f".{self.target.name}.{secrets.token_hex(6)}.tmp")
        self.handle: IO[bytes] | None = None

    def __enter__(self) -> IO[bytes]:
        try:
            # O_EXCL: never follow or reuse an existing name; 0o666 lets the umask decide.
            fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except (OSError, ValueError) as exc:
            self._unwritable(exc)
        self.handle = os.fdopen(fd, "wb")
        return self.handle

    def _unwritable(self, exc: OSError | ValueError) -> NoReturn:
        fail("EPCIS.OUTPUT_UNWRITABLE", path=path_text(self.target), detail=os_reason(exc))

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        assert self.handle is not None
        try:
            if kind is None:
                try:
                    self.handle.flush()
                    os.fsync(self.handle.fileno())
                    self.handle.close()
                    self.temp.replace(self.target)
                except OSError as exc:
                    self._unwritable(exc)
        finally:
            if not self.handle.closed:
                self.handle.close()
            with contextlib.suppress(OSError):
                self.temp.unlink(missing_ok=True)


def _convert_guarded(
    shell: Document,
    events: Iterator[Event],
    elements: Iterator[tuple[Any, str]] | None,
    handle: IO[bytes],
    *,
    to: Format,
    cbv_form: xml.CbvForm,
    progress: Callable[[int], None] | None,
) -> int:
    try:
        return _convert(
            shell, events, elements, handle, to=to, cbv_form=cbv_form, progress=progress
        )
    except EpcisError:
        raise
    except ValueError as exc:  # lxml refuses a name or text XML cannot hold
        code = "EPCIS.IO_XML_UNREPRESENTABLE" if to == "xml" else "EPCIS.IO_INVALID_VALUE"
        fail(code, detail=str(exc)[:200])


def _convert(
    shell: Document,
    events: Iterator[Event],
    elements: Iterator[tuple[Any, str]] | None,
    handle: IO[bytes],
    *,
    to: Format,
    cbv_form: xml.CbvForm,
    progress: Callable[[int], None] | None,
) -> int:
    count = 0
    if isinstance(shell, EPCISMasterDataDocument):
        handle.write(xml.dumps(shell, cbv_form=cbv_form) if to == "xml" else dump_json(shell))
    elif to == "xml":
        with xml.StreamWriter(handle, shell, cbv_form=cbv_form) as writer:
            for event in events:
                writer.write(event)
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
    else:
        jw = _JsonWriter(handle, shell)
        if elements is not None:
            for element, where in elements:
                jw.write_element(element, where)
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
        else:
            for event in events:
                jw.write(event)
                count += 1
                if progress is not None and count % 1000 == 0:
                    progress(count)
        jw.close()
    if progress is not None:
        progress(count)
    return count
