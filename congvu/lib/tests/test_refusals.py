"""A rule's refusal speaks both languages whole: its particulars (`Detail`) come in each language,
so the English message never carries Vietnamese text — checked for every refusal the rule tests
of work (1.3–2.1) and consultations (2.2–2.3) produce."""

import inspect
import re

import pytest

from congvu.consult import rules as consult_rules
from congvu.consult.tests import test_rules as consult_rule_tests
from congvu.lib.refusals import Detail, Rule
from congvu.work import rules as work_rules
from congvu.work.tests import test_rules as work_rule_tests

# The letters Vietnamese adds to the Latin alphabet (tones and vowel marks, and đ).
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.IGNORECASE)
SAMPLE = Rule("R-9.9-SAMPLE", "9.9", "Không được làm việc này{detail}", "This may not be done{detail}")


def rule_tests() -> list:
    """Every test function of the two rule test modules (they take no fixtures: the rules are pure)."""
    return [
        pytest.param(fn, id=f"{module.__name__.split('.')[1]}:{name}")
        for module in (work_rule_tests, consult_rule_tests)
        for name, fn in inspect.getmembers(module, inspect.isfunction)
        if name.startswith("test_") and not inspect.signature(fn).parameters
    ]


@pytest.fixture
def produced(monkeypatch) -> list:
    """(refusal, the names it was given) for each `Rule.violation` called while the fixture is active."""
    seen, original = [], Rule.violation

    def recording(self, *args, **names):
        refusal = original(self, *args, **names)
        seen.append((refusal, names))
        return refusal

    monkeypatch.setattr(Rule, "violation", recording)
    return seen


def english_words(refusal, names: dict) -> str:
    """The English message without the names it was given (a unit's name reads the same in both languages)."""
    text = refusal.message_en
    for key, value in names.items():
        if key != "detail":  # the old way of passing the particulars: Vietnamese in both messages
            text = text.replace(str(value), "")
    return text


def test_a_rules_detail_fills_each_language_with_its_own_words():
    refusal = SAMPLE.violation(Detail(": chưa nêu lý do", ": no reason was given"))
    assert refusal.message_vi == "Không được làm việc này: chưa nêu lý do (Mục 9.9)"
    assert refusal.message_en == "This may not be done: no reason was given (clause 9.9)"
    assert SAMPLE.violation().message_en == "This may not be done (clause 9.9)"


@pytest.mark.parametrize("rule_test", rule_tests())
def test_every_english_rule_message_is_english(rule_test, produced):
    rule_test()
    for refusal, names in produced:
        assert not VIETNAMESE.search(english_words(refusal, names)), refusal.message_en


def test_the_rule_tests_produce_a_refusal_of_every_rule_that_refuses(produced):
    for param in rule_tests():
        param.values[0]()
    refusing = {rule.code for module in (work_rules, consult_rules) for rule in vars(module).values()
                if isinstance(rule, Rule)} - {consult_rules.DEEMED_AGREEMENT.code}  # silence, not a refusal
    assert {refusal.code for refusal, _ in produced} == refusing
