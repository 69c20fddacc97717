"""The patterns the OpenAPI document declares say exactly what the API's checks accept, character by
character, so a client that follows the document is never refused as invalid (and never surprised)."""

import re
import sys

from congvu.api.fields import NONBLANK_TEXT_PATTERN
from congvu.lib.text import CLEAN_TEXT_PATTERN, has_control_chars

SURROGATES = range(0xD800, 0xE000)  # not text: pydantic refuses them before any pattern is asked
# Every character of the Basic Multilingual Plane (all the whitespace and controls live there) and a
# few beyond it (emoji, a rare Hán character).
CHARACTERS = [chr(c) for c in range(0x10000) if c not in SURROGATES] + ["😀", "𠀀", chr(sys.maxunicode)]


def test_the_clean_text_pattern_accepts_exactly_what_the_control_character_check_accepts():
    clean = re.compile(CLEAN_TEXT_PATTERN)
    assert [c for c in CHARACTERS if bool(clean.fullmatch(c)) == has_control_chars(c)] == []


def test_the_required_text_pattern_accepts_exactly_what_is_clean_and_not_blank_to_python():
    required = re.compile(NONBLANK_TEXT_PATTERN)
    accepted_by_python = {c for c in CHARACTERS if not has_control_chars(c) and c.strip()}
    assert [c for c in CHARACTERS if bool(required.fullmatch(c)) != (c in accepted_by_python)] == []
    assert required.fullmatch(" \u3000 Đề nghị\t\n") and not required.fullmatch(" \u3000\t\n")
    assert not required.fullmatch("Đề nghị\x0b")
