"""EPCIS 1.2 XML read as EPCIS 2.0, the way the openepcis converter upgrades it.

An EPCIS 1.2 document (namespace ``urn:epcglobal:epcis:xsd:1``) differs from 2.0 XML in its
wrappers, not in its data. :func:`upgrade_event` turns one 1.2 event element into its 2.0 form:

* the children of ``baseExtension`` (``eventID``, ``errorDeclaration``) and of the (nested)
  ``extension`` wrappers of an event (``quantityList``, ``sourceList``, ``destinationList``,
  ``ilmd``, ``sensorElementList``, ``persistentDisposition`` …) move up into the event, and the
  wrappers inside ``readPoint``/``bizLocation``/``errorDeclaration``/``ilmd`` are removed alike;
* the standard elements are put in the order of the EPCIS 2.0 XSD (taken from the generated
  structure table), user extensions (other namespaces) after them, in their own order;
* events that 1.2 wraps in ``EventList/extension`` (``TransformationEvent``) or
  ``EventList/extension/extension`` (``AssociationEvent``, as openepcis writes it) become plain
  members of the event list.

The root becomes ``urn:epcglobal:epcis:xsd:2``/``schemaVersion="2.0"``; ``creationDate``, the
header (SBDH, master data) and every namespace declaration are kept. No value is changed: a
wrapper with attributes or text, or a field present twice once the wrappers are gone, is left
for the 2.0 reader to refuse. CBV values stay URNs (the 2.0 XML form).

:func:`vntrace.epcis.load`, :func:`~vntrace.epcis.iter_events`,
:func:`~vntrace.epcis.convert_file` and :func:`~vntrace.epcis.validate` all read 1.2 documents
through this module, so a 1.2 file loads, hashes and converts as its 2.0 twin does.

>>> from lxml import etree
>>> event = etree.fromstring(
...     "<ObjectEvent><eventTime>2020-01-14T00:00:00+01:00</eventTime>"
...     "<eventTimeZoneOffset>+01:00</eventTimeZoneOffset>"
...     "<baseExtension><eventID>urn:uuid:374d95fc-9457-4a51</eventID></baseExtension>"
...     "<epcList/><action>ADD</action><extension><quantityList/><ilmd/></extension></ObjectEvent>")
>>> [child.tag for child in upgrade_event(event)]
['eventTime', 'eventTimeZoneOffset', 'eventID', 'epcList', 'action', 'quantityList', 'ilmd']
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import IO, TYPE_CHECKING, Any, Final

from vntrace.epcis._io import EPCIS_NS, fail

if TYPE_CHECKING:
    from lxml import etree

    from vntrace.epcis.model import AnyDocument, Event

__all__ = [
    "EPCIS12_NS",
    "event_elements",
    "is_epcis12",
    "iter_events",
    "load",
    "stream",
    "upgrade_event",
    "upgrade_root",
]

EPCIS12_NS: Final = "urn:epcglobal:epcis:xsd:1"
"""The namespace of EPCIS 1.0–1.2 documents."""

_EVENTS: Final = frozenset(
    {
        "ObjectEvent",
        "AggregationEvent",
        "TransactionEvent",
        "TransformationEvent",
        "AssociationEvent",
    }
)
_WRAPPERS: Final = frozenset({"extension", "baseExtension"})
# standard parts whose own 1.2 <extension> wrapper is removed too
_INNER: Final = frozenset({"readPoint", "bizLocation", "errorDeclaration", "ilmd"})


@cache
def _order(event_type: str) -> dict[str, int]:
    """Rank of each standard child of ``event_type`` in the EPCIS 2.0 XSD sequence."""
    from vntrace.epcis import _structure  # noqa: PLC0415 - large table, load lazily

    spec = _structure.COMPLEX_TYPES.get(f"{{{EPCIS_NS}}}{event_type}Type")
    names: list[str] = []

    def walk(particle: Any) -> None:
        if particle is None:
            return
        if particle[0] == "e":
            names.append(str(particle[1]))
        elif particle[0] in {"s", "c"}:
            for child in particle[3]:
                walk(child)

    if spec is not None:
        walk(spec[1])
    return {name: rank for rank, name in enumerate(dict.fromkeys(names))}


def _is_plain_wrapper(el: etree._Element) -> bool:
    """An unqualified ``extension``/``baseExtension`` without attributes or text (lossless to
    remove); anything else is kept for the reader to judge."""
    if el.tag not in _WRAPPERS or el.attrib or (el.text or "").strip():
        return False
    return not any((child.tail or "").strip() for child in el)


def _unwrapped(el: etree._Element) -> list[etree._Element]:
    out: list[etree._Element] = []
    for child in el:
        if not isinstance(child.tag, str):
            continue  # comments and processing instructions
        if _is_plain_wrapper(child):
            out.extend(_unwrapped(child))
        else:
            out.append(child)
    return out


def upgrade_event(el: etree._Element) -> etree._Element:
    """Rewrite a 1.2 event element into its 2.0 form, in place; returns ``el``."""
    local = str(el.tag)
    rank = _order(local)
    kids = _unwrapped(el)
    for kid in kids:
        if kid.tag in _INNER:
            inner = _unwrapped(kid)
            if len(inner) != len([c for c in kid if isinstance(c.tag, str)]):
                text = kid.text
                kid[:] = inner
                kid.text = text
    unknown = len(rank) + 1
    keyed = sorted(
        enumerate(kids),
        key=lambda item: (
            unknown + 1
            if str(item[1].tag).startswith("{")
            else rank.get(str(item[1].tag), unknown),
            item[0],
        ),
    )
    text = el.text
    el[:] = [kid for _, kid in keyed]
    el.text = text
    return el


def event_elements(event_list: etree._Element) -> Iterator[etree._Element]:
    """The events of a 1.2 ``EventList`` (or of one of its children), looking through plain
    ``extension`` wrappers."""
    if event_list.tag != "EventList" and (
        event_list.tag in _EVENTS or not _is_plain_wrapper(event_list)
    ):
        yield event_list
        return
    for child in event_list:
        if not isinstance(child.tag, str):
            continue
        if child.tag in _EVENTS:
            yield child
        elif _is_plain_wrapper(child):
            yield from event_elements(child)
        else:
            yield child  # not an event: the 2.0 reader refuses it with its own finding


_PEEK_LIMIT: Final = 1 << 20


def is_epcis12(source: bytes | IO[bytes]) -> bool:
    """Whether an XML document (bytes, or a seekable binary file left where it was) has an
    EPCIS 1.x ``EPCISDocument`` root element.

    >>> is_epcis12(b'<EPCISDocument xmlns="urn:epcglobal:epcis:xsd:1" schemaVersion="1.2"/>')
    True
    >>> is_epcis12(b'<epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2"/>')
    False
    """
    from lxml import etree  # noqa: PLC0415 - lxml only for XML

    parser = etree.XMLPullParser(
        events=("start",),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
    )
    handle = _open(source)
    start = handle.tell()
    read = 0
    try:
        while read < _PEEK_LIMIT:  # the root start tag comes after the prolog only
            chunk = handle.read(4096)
            if not chunk:
                return False
            read += len(chunk)
            parser.feed(chunk)
            for _, found in parser.read_events():
                el: Any = found
                tag = str(el.tag)
                return tag.startswith(f"{{{EPCIS12_NS}}}") and tag.endswith("}EPCISDocument")
    except etree.XMLSyntaxError:
        return False
    finally:
        handle.seek(start)
    return False


def upgrade_root(root: etree._Element) -> etree._Element:
    """A 2.0 ``EPCISDocument`` root with the attributes, namespaces and header of a 1.2 one
    (no body: the events are read one by one)."""
    from lxml import etree  # noqa: PLC0415 - lxml only for XML

    nsmap = {p: (EPCIS_NS if ns == EPCIS12_NS else ns) for p, ns in root.nsmap.items()}
    new = etree.Element(f"{{{EPCIS_NS}}}EPCISDocument", nsmap=nsmap)  # type: ignore[arg-type]
    for key, value in root.attrib.items():
        new.set(key, "2.0" if key == "schemaVersion" else value)
    for child in root:
        if isinstance(child.tag, str) and child.tag != "EPCISBody":
            new.append(_copy(child))
    return new


def _copy(el: etree._Element) -> etree._Element:
    from copy import deepcopy  # noqa: PLC0415

    return deepcopy(el)


def _open(source: bytes | IO[bytes]) -> IO[bytes]:
    import io  # noqa: PLC0415

    return io.BytesIO(source) if isinstance(source, bytes) else source


def _document_list(el: etree._Element) -> bool:
    """Whether event element ``el`` sits in the document's ``EventList`` (through unqualified
    ``extension`` wrappers only), not in an extension somewhere else.

    A wrapper on that path that is not plain (attributes, text) would be lost once removed:
    refused, as the 2.0 reader refuses it; so are attributes of ``EPCISBody`` and ``EventList``.
    """
    from vntrace.epcis import xml  # noqa: PLC0415 - pydantic models only when reading

    wrappers = []
    node = el.getparent()
    while node is not None and node.tag in _WRAPPERS:
        wrappers.append(node)
        node = node.getparent()
    if node is None or node.tag != "EventList":
        return False
    body = node.getparent()
    top = body.getparent() if body is not None else None
    if body is None or body.tag != "EPCISBody" or top is None or top.getparent() is not None:
        return False
    xml._no_attributes(body, "/EPCISBody")  # noqa: SLF001 - same package
    xml._no_attributes(node, "/EPCISBody/EventList")  # noqa: SLF001
    xml._bare(body, "/EPCISBody")  # noqa: SLF001 - text there would be lost
    xml._bare(node, "/EPCISBody/EventList")  # noqa: SLF001
    for wrapper in wrappers:
        if not _is_plain_wrapper(wrapper):
            xml._no_attributes(wrapper, "/EPCISBody/EventList/extension")  # noqa: SLF001
            xml._no_text(wrapper, "/EPCISBody/EventList/extension")  # noqa: SLF001
    return True


def _items(source: bytes | IO[bytes]) -> Iterator[Any]:
    """The document shell first, then each event, read from a 1.2 XML document one event at a
    time (each event element is dropped once read)."""
    from lxml import etree  # noqa: PLC0415 - lxml only for XML

    from vntrace.epcis import xml  # noqa: PLC0415 - pydantic models only when reading

    context = etree.iterparse(
        _open(source),
        events=("end",),
        tag=tuple(_EVENTS),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )
    root: Any = None
    index = 0
    where = "/epcisBody/eventList"
    try:
        for _, el in context:
            if not _document_list(el):
                continue
            if root is None:
                root = el.getroottree().getroot()
                _check_root(root)
                yield xml.read_document(upgrade_root(root), events=False)
            yield xml.read_event(upgrade_event(el), f"{where}/{index}")
            index += 1
            el.clear(keep_tail=True)  # its tail is checked once complete
            parent = el.getparent()
            while el.getprevious() is not None and parent is not None:
                xml._bare(parent, "/EPCISBody/EventList")  # noqa: SLF001 - tails now complete
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise xml._syntax_error(exc) from None  # noqa: SLF001 - same package
    if root is not None:  # the rest of the body, now complete: no text may be left behind
        for body in root:
            if body.tag == "EPCISBody":
                xml._bare(body, "/EPCISBody")  # noqa: SLF001
                for part in body:
                    if part.tag == "EventList":
                        xml._bare(part, "/EPCISBody/EventList")  # noqa: SLF001
    if root is None:  # no event: the (small) document is read whole
        found: Any = context.root
        _check_root(found)
        for body in found:
            if body.tag == "EPCISBody":
                xml._no_attributes(body, "/EPCISBody")  # noqa: SLF001 - same package
                xml._bare(body, "/EPCISBody")  # noqa: SLF001
                for part in body:
                    if part.tag == "EventList":
                        xml._no_attributes(part, "/EPCISBody/EventList")  # noqa: SLF001
                        xml._bare(part, "/EPCISBody/EventList")  # noqa: SLF001
        yield xml.read_document(upgrade_root(found), events=False)


def _check_root(root: Any) -> None:
    from vntrace.epcis import xml  # noqa: PLC0415

    if root is None or root.tag != f"{{{EPCIS12_NS}}}EPCISDocument":
        fail("EPCIS.IO_NOT_EPCIS", "/", root=str(getattr(root, "tag", "")))
    xml._check_docinfo(root.getroottree())  # noqa: SLF001 - same package


def stream(source: bytes | IO[bytes]) -> tuple[AnyDocument, Iterator[Event]]:
    """The upgraded document shell and an iterator over its upgraded events.

    Events are parsed and built one by one: memory does not grow with the document.
    """
    items = _items(source)
    shell = next(items)
    return shell, items


def iter_events(source: bytes | IO[bytes]) -> Iterator[Event]:
    """The events of a 1.2 XML document, each in the EPCIS 2.0 model."""
    items = _items(source)
    next(items)
    yield from items


def load(source: bytes | IO[bytes]) -> AnyDocument:
    """The whole 1.2 XML document in the EPCIS 2.0 model (``schema_version`` ``"2.0"``)."""
    shell, events = stream(source)
    return shell.model_copy(update={"events": tuple(events)})
