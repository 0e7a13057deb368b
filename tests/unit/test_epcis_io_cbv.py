"""CBV vocabularies: counts from epcis.md §2, every form of every term, rendering, CURIEs."""

from __future__ import annotations

import pytest

from vntrace.epcis import cbv
from vntrace.epcis._cbvtable import VOCABULARIES

# epcis.md §2 "Counts" (hand-checked against the GS1 contexts)
COUNTS = {
    "bizstep": 41,
    "disp": 33,
    "btt": 13,
    "sdt": 3,
    "er": 2,
    "comp": 14,
    "alert": 2,
    "measurement": 72,
}


@pytest.mark.parametrize(("vocab", "count"), sorted(COUNTS.items()))
def test_counts(vocab: str, count: int) -> None:
    assert len(cbv.terms(vocab)) == count


def test_new_in_2_0_terms_are_present() -> None:
    assert {"sensor_reporting", "sampling"} <= cbv.terms("bizstep")
    assert {"available", "conformant", "container_open", "needs_replacement"} <= cbv.terms("disp")
    assert {"mismatch_class", "mismatch_instance", "mismatch_quantity"} <= cbv.terms("disp")


def test_forms_from_epcis_md() -> None:
    # epcis.md: bare `receiving`; URN urn:epcglobal:cbv:bizstep:receiving;
    # Web URI https://ref.gs1.org/cbv/BizStep-receiving
    for form in (
        "receiving",
        "urn:epcglobal:cbv:bizstep:receiving",
        "https://ref.gs1.org/cbv/BizStep-receiving",
        "cbv:BizStep-receiving",
    ):
        assert cbv.normalise(form, "bizstep") == "receiving"
    assert cbv.render("receiving", "bizstep", "urn") == "urn:epcglobal:cbv:bizstep:receiving"
    assert cbv.render("receiving", "bizstep", "web") == "https://ref.gs1.org/cbv/BizStep-receiving"


@pytest.mark.parametrize(
    ("vocab", "urn_part", "web_part"),
    [
        ("bizstep", "bizstep", "BizStep-"),
        ("disp", "disp", "Disp-"),
        ("btt", "btt", "BTT-"),
        ("sdt", "sdt", "SDT-"),
        ("er", "er", "ER-"),
    ],
)
def test_every_term_in_every_form(vocab: str, urn_part: str, web_part: str) -> None:
    for term in cbv.terms(vocab):
        urn = f"urn:epcglobal:cbv:{urn_part}:{term}"
        web = f"https://ref.gs1.org/cbv/{web_part}{term}"
        assert cbv.normalise(urn, vocab) == term
        assert cbv.normalise(web, vocab) == term
        assert cbv.render(term, vocab, "urn") == urn
        assert cbv.render(urn, vocab, "web") == web
        assert cbv.render(web, vocab, "bare") == term


def test_gs1_web_vocabulary_has_no_urn() -> None:
    assert cbv.normalise("https://gs1.org/voc/Temperature", "measurement") == "Temperature"
    assert cbv.normalise("gs1:Temperature", "measurement") == "Temperature"
    # the hash README's spelling of the namespace is accepted on input (epcis.md namespace trap)
    assert cbv.normalise("https://ref.gs1.org/voc/Temperature", "measurement") == "Temperature"
    assert cbv.render("Temperature", "measurement", "urn") == "https://gs1.org/voc/Temperature"
    assert cbv.render("ALARM_CONDITION", "alert", "web") == "https://gs1.org/voc/ALARM_CONDITION"


def test_components_have_urns_in_the_ontology() -> None:
    assert cbv.urn("x", "comp") == "urn:epcglobal:cbv:comp:x"
    assert cbv.normalise("cbv:Comp-northing", "comp") == "northing"


def test_other_values_are_kept_or_expanded() -> None:
    assert cbv.normalise("urn:epcglobal:cbv:bizstep:peeling", "bizstep") == (
        "urn:epcglobal:cbv:bizstep:peeling"
    )
    assert cbv.normalise("ex:peeling", "bizstep", {"ex": "https://ex.vn/step/"}) == (
        "https://ex.vn/step/peeling"
    )
    assert cbv.normalise("ex:peeling", "bizstep") == "ex:peeling"
    # a term of another vocabulary is not a term of this one
    assert not cbv.is_term("po", "bizstep")
    assert cbv.render("po", "bizstep", "urn") == "po"


def test_case_matters() -> None:
    assert cbv.normalise("https://ref.gs1.org/cbv/Bizstep-receiving", "bizstep") == (
        "https://ref.gs1.org/cbv/Bizstep-receiving"
    )
    assert not cbv.is_term("Receiving", "bizstep")


def test_unknown_vocabulary_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="unknown CBV vocabulary"):
        cbv.normalise("x", "bizsteps")
    with pytest.raises(ValueError, match="not a term"):
        cbv.web_uri("peeling", "bizstep")


def test_table_shape() -> None:
    for key, (web, urn, terms) in VOCABULARIES.items():
        assert web.startswith("https://"), key
        assert urn is None or urn.startswith("urn:epcglobal:cbv:"), key
        assert list(terms) == sorted(terms), key
