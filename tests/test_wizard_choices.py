"""The choices the wizard's pages offer: plain words, with the legal term beside them."""
from __future__ import annotations

from forms.enums import ALL_ENUMS, Measure
from forms.i18n import translate
from forms.wizard_choices import EVIDENCE_KINDS, MEASURES, ORIGINAL_OR_COPY, choices, term_of
from forms.wizard_steps import step_by_id


def test_every_enum_has_its_choices_in_order_with_the_legal_term():
    for enum in ALL_ENUMS:
        offered = choices(enum)
        assert [c.value for c in offered] == list(enum)
        for choice in offered:
            assert choice.term in (None, term_of(choice.value))
            assert translate(choice.plain, "zh") != choice.plain  # translated
    assert len(MEASURES) == 8 and len(EVIDENCE_KINDS) == 11


def test_a_measure_reads_in_plain_words_with_its_legal_term():
    violence = choices(Measure)[0]
    assert violence.value is Measure.PROHIBIT_VIOLENCE
    assert violence.text("en") == "They must not hit or hurt you (Prohibit domestic violence, 禁止实施家庭暴力)"
    assert violence.text("zh").endswith("（禁止实施家庭暴力）")
    assert [c.value for c in ORIGINAL_OR_COPY] == [True, False]
    other = {type(c.value): c.text("zh") for enum in ALL_ENUMS for c in choices(enum) if c.value == "other"}
    assert other[Measure].endswith("（其他措施）")  # not "other evidence": see _OTHER_LABELS
    assert term_of(Measure.PROHIBIT_CONTACT) == "Prohibit contact"
    assert step_by_id("respondent").heading("zh").endswith("（被申请人）")
