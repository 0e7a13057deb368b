"""CBV 2.0 vocabularies: normalise any input form to the canonical bare term, render any form.

A CBV value can be written three ways; vntrace stores the **bare term** for every known value and
keeps other values (user vocabularies) as full URIs (see :mod:`vntrace.epcis.model`).

* bare: ``receiving`` (JSON-LD; the GS1 context expands it);
* URN: ``urn:epcglobal:cbv:bizstep:receiving`` (XML, default output);
* Web URI: ``https://ref.gs1.org/cbv/BizStep-receiving`` (XML option, the event hash).

Vocabulary keys: ``bizstep`` (41 terms), ``disp`` (33), ``btt`` (13), ``sdt`` (3), ``er`` (2),
``comp`` (14 sensor components), ``measurement`` (72 GS1 Web Vocabulary measurement types, Web URI
``https://gs1.org/voc/Temperature``, no URN form) and ``alert`` (2 sensor alert types).

>>> normalise("urn:epcglobal:cbv:bizstep:receiving", "bizstep")
'receiving'
>>> normalise("https://ref.gs1.org/cbv/Disp-in_transit", "disp")
'in_transit'
>>> normalise("gs1:Temperature", "measurement")
'Temperature'
>>> normalise("https://example.com/steps/peeling", "bizstep")
'https://example.com/steps/peeling'
>>> render("receiving", "bizstep", "urn")
'urn:epcglobal:cbv:bizstep:receiving'
>>> render("receiving", "bizstep", "web")
'https://ref.gs1.org/cbv/BizStep-receiving'
>>> render("Temperature", "measurement", "urn")
'https://gs1.org/voc/Temperature'
>>> is_term("sensor_reporting", "bizstep"), is_term("urn:epcglobal:cbv:disp:active", "disp")
(True, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from vntrace.epcis._cbvtable import CONTEXT_PREFIXES, VOCABULARIES

__all__ = [
    "CONTEXT_PREFIXES",
    "VOCABULARY_KEYS",
    "Form",
    "expand_curie",
    "is_term",
    "lookup",
    "normalise",
    "render",
    "terms",
    "urn",
    "web_uri",
]

Form = Literal["bare", "urn", "web"]

VOCABULARY_KEYS: tuple[str, ...] = tuple(VOCABULARIES)
"""The vocabulary keys: ``bizstep disp btt sdt er comp measurement alert``."""

# Extra accepted spellings of the GS1 Web Vocabulary namespace (the hash README uses ref.gs1.org).
_GS1_VOC_ALIASES = ("https://ref.gs1.org/voc/", "http://gs1.org/voc/")


def _build() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for key, (web, urn_prefix, words) in VOCABULARIES.items():
        forms: dict[str, str] = {}
        curie = "cbv:" + web.removeprefix(CONTEXT_PREFIXES["cbv"])
        if web.startswith(CONTEXT_PREFIXES["gs1"]):
            curie = "gs1:" + web.removeprefix(CONTEXT_PREFIXES["gs1"])
        for word in words:
            forms[word] = word
            forms[web + word] = word
            forms[curie + word] = word
            if urn_prefix is not None:
                forms[urn_prefix + word] = word
            if web == CONTEXT_PREFIXES["gs1"]:
                for alias in _GS1_VOC_ALIASES:
                    forms[alias + word] = word
        table[key] = forms
    return table


_FORMS = _build()
_TERMS = {key: frozenset(words) for key, (_, _, words) in VOCABULARIES.items()}


def _vocab(vocab: str) -> dict[str, str]:
    try:
        return _FORMS[vocab]
    except KeyError:
        msg = f"unknown CBV vocabulary {vocab!r}; expected one of {', '.join(VOCABULARY_KEYS)}"
        raise ValueError(msg) from None


def terms(vocab: str) -> frozenset[str]:
    """The bare terms of ``vocab``.

    >>> sorted(terms("sdt"))
    ['location', 'owning_party', 'possessing_party']
    """
    _vocab(vocab)
    return _TERMS[vocab]


def expand_curie(value: str, prefixes: Mapping[str, str] | None = None) -> str:
    """Expand a compact IRI ``p:local`` whose prefix is in ``prefixes`` (or a standard prefix).

    A value whose "prefix" is a URI scheme not declared as a prefix (``urn:``, ``https:``) is
    returned unchanged.

    >>> expand_curie("ex:step", {"ex": "https://example.com/v/"})
    'https://example.com/v/step'
    >>> expand_curie("urn:epc:id:sgln:8935000.00001.0")
    'urn:epc:id:sgln:8935000.00001.0'
    """
    head, sep, tail = value.partition(":")
    if not sep or tail.startswith("//"):
        return value
    if prefixes is not None and head in prefixes:
        return prefixes[head] + tail
    if head in CONTEXT_PREFIXES:
        return CONTEXT_PREFIXES[head] + tail
    return value


def normalise(value: str, vocab: str, prefixes: Mapping[str, str] | None = None) -> str:
    """The canonical form of ``value``: the bare term if it is a known term of ``vocab``.

    Accepts the bare, URN, Web-URI and CURIE (``cbv:BizStep-receiving``) forms. Any other value
    is returned as a full URI: a CURIE with a prefix in ``prefixes`` is expanded, the rest is kept.

    >>> normalise("cbv:SDT-owning_party", "sdt")
    'owning_party'
    >>> normalise("ex:mine", "sdt", {"ex": "https://example.com/sdt/"})
    'https://example.com/sdt/mine'
    """
    forms = _vocab(vocab)
    found = forms.get(value)
    if found is not None:
        return found
    stripped = value.strip()
    found = forms.get(stripped)
    if found is not None:
        return found
    expanded = expand_curie(stripped, prefixes)
    return forms.get(expanded, expanded if expanded != stripped else value)


def lookup(value: str, vocab: str) -> str | None:
    """The bare term for ``value`` in any standard form, or ``None`` if it is not a term.

    >>> lookup("urn:epcglobal:cbv:btt:po", "btt"), lookup("po", "sdt")
    ('po', None)
    """
    return _vocab(vocab).get(value)


def is_term(value: str, vocab: str) -> bool:
    """``True`` if ``value`` (any form) is a term of ``vocab``.

    >>> is_term("https://ref.gs1.org/cbv/BTT-po", "btt"), is_term("po", "bizstep")
    (True, False)
    """
    return value in _vocab(vocab)


def web_uri(term: str, vocab: str) -> str:
    """The Web URI of a known term (any form accepted); raises ``ValueError`` otherwise.

    >>> web_uri("did_not_occur", "er")
    'https://ref.gs1.org/cbv/ER-did_not_occur'
    """
    bare = _vocab(vocab).get(term)
    if bare is None:
        msg = f"{term!r} is not a term of CBV vocabulary {vocab!r}"
        raise ValueError(msg)
    return VOCABULARIES[vocab][0] + bare


def urn(term: str, vocab: str) -> str:
    """The ``urn:epcglobal:cbv:…`` form of a known term (Web URI for vocabularies without URNs).

    >>> urn("https://ref.gs1.org/cbv/Disp-active", "disp")
    'urn:epcglobal:cbv:disp:active'
    >>> urn("ALARM_CONDITION", "alert")
    'https://gs1.org/voc/ALARM_CONDITION'
    """
    bare = _vocab(vocab).get(term)
    if bare is None:
        msg = f"{term!r} is not a term of CBV vocabulary {vocab!r}"
        raise ValueError(msg)
    web, urn_prefix, _ = VOCABULARIES[vocab]
    return (urn_prefix or web) + bare


def render(value: str, vocab: str, form: Form = "bare") -> str:
    """Render a stored value in ``form``; values outside the vocabulary are returned unchanged.

    >>> render("https://example.com/steps/peeling", "bizstep", "urn")
    'https://example.com/steps/peeling'
    >>> render("urn:epcglobal:cbv:btt:po", "btt")
    'po'
    """
    forms = _vocab(vocab)
    bare = forms.get(value)
    if bare is None:
        return value
    if form == "bare":
        return bare
    web, urn_prefix, _ = VOCABULARIES[vocab]
    if form == "urn" and urn_prefix is not None:
        return urn_prefix + bare
    return web + bare
