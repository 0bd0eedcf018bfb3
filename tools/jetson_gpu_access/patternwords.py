"""The words every match of a regular expression holds: one of them must be in a line for the pattern to match it, so a
line without any is passed over at the speed of ``in`` (explain's families search long lines with hundreds of
patterns, most of which start on no literal the regex engine could scan for).

The pattern is read with the standard library's own parser (``re._parser``; ``sre_parse`` before Python 3.11), the
tree ``re.compile`` builds from; a pattern it cannot read, or one that ignores case, needs no word."""

from __future__ import annotations

import functools
import sys
from typing import Any, Iterable, Optional, Tuple

if sys.version_info >= (3, 11):
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _parse  # type: ignore[attr-defined]
else:  # pragma: no cover - (3.8 to 3.10)
    import sre_constants as _sre
    import sre_parse as _parse

_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)  # (a literal run goes on across them: they consume nothing)


@functools.lru_cache(maxsize=None)
def needed_words(pattern: str) -> Tuple[str, ...]:
    """Words one of which every match of ``pattern`` contains; () where none is known (the line must be searched)."""
    try:
        tree = _parse.parse(pattern)
    except Exception:  # (re.compile raises the same error, where the pattern is used)
        return ()
    if tree.state.flags & _sre.SRE_FLAG_IGNORECASE:
        return ()
    return _in_sequence(tree) or ()


def _in_sequence(items: Iterable[Tuple[Any, Any]]) -> Optional[Tuple[str, ...]]:
    """The best-known words one of which a sequence's match contains: of its parts that must match (a run of literal
    characters, a group, an alternation each of whose branches needs a word, a repeat of at least once), the one whose
    shortest word is longest. None where no part needs a word."""
    best: Optional[Tuple[str, ...]] = None
    run = ""

    def keep(words: Optional[Tuple[str, ...]]) -> None:
        nonlocal best
        if words and all(words) and (best is None or min(map(len, words)) > min(map(len, best))):
            best = words

    for op, value in items:
        if op is _sre.LITERAL:
            run += chr(value)
            continue
        if op in _ZERO_WIDTH:
            continue
        keep((run,) if run else None)
        run = ""
        if op is _sre.SUBPATTERN:
            if not value[1] & _sre.SRE_FLAG_IGNORECASE:  # (a part that ignores case is passed over)
                keep(_in_sequence(value[-1]))
        elif op is _sre.BRANCH:
            branches = [_in_sequence(branch) for branch in value[1]]
            keep(None if any(b is None for b in branches) else tuple(w for b in branches for w in b))  # type: ignore[union-attr]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) and value[0] >= 1:
            keep(_in_sequence(value[2]))
    keep((run,) if run else None)
    return best
