"""The words every match of a pattern holds (patternwords.needed_words), by which explain passes over a line none of
whose words it holds: each word set is checked against the pattern's own matches, so a wrong one fails here rather
than losing a reading."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jetson_gpu_access.explain.signatures import _families
from jetson_gpu_access.patternwords import needed_words

CORPUS = Path(__file__).parent / "data" / "report_corpus.yaml"


@pytest.mark.parametrize("pattern, words", [
    (r"\bno allocatable gpus?\b", ("no allocatable gpu",)),  # a literal run goes on across \b
    (r"(?:\bgpu|\bcuda|/dev/nv)[^\n]{0,60}?\b(?:works?|worked)\b", ("work",)),  # the longer of two parts
    (r"(?:\bgpu|\bcuda|/dev/nv)x", ("gpu", "cuda", "/dev/nv")),  # an alternation: one of its branches' words
    (r"(?:gpu|)x", ("x",)),  # an empty branch needs nothing: the literal after it is what is needed
    (r"(?:abc)?d", ("d",)),  # an optional part needs nothing
    (r"(?:abc)+d", ("abc",)),  # a repeat of at least once needs its words
    (r"a(?!b)cd", ("acd",)),  # a lookahead consumes nothing
    (r"(?<=xy)ab", ("ab",)),  # nor does a lookbehind: its words lie before the match
    (r"(?i)gpu", ()),  # a pattern that ignores case needs no word (the text's case is unknown)
    (r"x(?i:gpu)", ("x",)),  # a part that does is passed over
    (r"[abc]+", ()),  # a class names no word
    (r"(unclosed", ()),  # a pattern the parser refuses (re.compile raises where it is used)
])
def test_the_words_a_pattern_needs(pattern: str, words: tuple) -> None:
    assert needed_words(pattern) == words


PATTERNS = [
    r"\b(?:couldn't|could not|cannot)\s+(?:pass\s?through|expose|mount)\s+(?:the |my )?(?:nvidia )?(?:gpu|cuda)\b",
    r"(?<!not )\b(?:works?|worked|fix(?:es|ed)?)\b[^\n]{0,20}?\b(?:after|with|once)\b[^\n]{0,20}?\bchmod\b",
    r"^(?![^\n]*\bthought\b)[^\n]*?\b(?:oci|nvidia)[\w-]*\s+hooks?\s+(?:is\s+)?(?:not|never)\s+(?:loaded|run)\b",
    r"\b(?:pods?|containers?)\b[^\n]{0,100}?\breceived\s+no\s+gpus?\b(?!\s*(?:metrics?|errors?)\b)",
    r"(?:a|bc)(?:d|ef)+g?(?:h|i)",
]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_holds_one_of_its_words(data: st.DataObject) -> None:
    pattern = data.draw(st.sampled_from(PATTERNS))
    text = data.draw(st.from_regex(pattern))
    hit = re.search(pattern, text)
    assert hit is not None
    assert any(word in hit.group() for word in needed_words(pattern)), (pattern, hit.group())


def test_each_family_pattern_holds_its_words_where_it_matches_a_real_paste() -> None:
    """Every family pattern that matches a report corpus's paste holds one of its words in the match."""
    pastes = [str(entry["text"]).lower() for entry in yaml.safe_load(CORPUS.read_text())]
    matched = 0
    for family in _families():
        for pattern in family.patterns:
            compiled = re.compile(pattern)
            for paste in pastes:
                hit = compiled.search(paste)
                if hit is not None and hit.group():
                    matched += 1
                    assert any(word in hit.group() for word in needed_words(pattern)), (pattern, hit.group())
    assert matched > 300  # (the corpus exercises many of the patterns)
