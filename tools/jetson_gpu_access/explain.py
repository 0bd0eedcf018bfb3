"""Explain pasted text: the known error signatures it contains, what its facts show, the most likely
cause, and the one question that would settle the rest.

Signatures come from data/symptoms.json as families (a CUDA error by name, number and message in
every common wrapper; the other errors by pattern); facts from textfacts, diagnosed exactly as the
probe's facts are. Reasoning is open-world: what the paste does not show is unknown, never absent.
Every statement carries the lines of the paste it rests on, or is marked as an assumption; an
internal placeholder (a GID that was never shown) is never printed.
"""

from __future__ import annotations

import functools
import os
import re
import sys
from typing import Any, Callable, Dict, Iterator, List, Match, NamedTuple, Optional, Pattern, Sequence, Set, Tuple

from . import data, lexicon, toolkit
from .diagnose import diagnose
from .injection import ANY_GROUPS, LOSING_GROUPS
from .launch import SHELL_COMPUTED, Launch, from_exec_line, from_run_line, numeric_user
from .migrate import AuditFinding, audit_text
from .model import PLACEHOLDER_GID, Diagnosis, Finding, Severity, Verdict, ViewKind
from .patternwords import needed_words
from .probe.devices import role_of
from .probe.platform import jetpack_for
from .record import frozen_record, with_fields
from .safeio import InputError, decimal, decode, read_file
from .textfacts import (
    AMD_GPU_NAMED,
    ANOTHER_MACHINE,
    ARM64_KINDS,
    CONTAINER_PROMPT,
    CPU_DOES_THE_WORK,
    CROSS_BUILD,
    DESKTOP_BRANCH,
    FACT_WINDOW,
    FORM_NAMES_OTHER_GPU,
    GPU_NODE_PATH,
    JETSON_CC,
    LINKER_MISSES,
    MAX_CONTRAST_LINES,
    MAX_LINE,
    NEGATED_BEFORE,
    NOT_HERE_NOW,
    NVIDIA_CARD,
    NVIDIA_GPU,
    OPTIONAL_TENSORRT,
    OTHER_ARM_BOARD,
    OWN_BUILD_LIBRARY,
    PACKAGE_ROW,
    PC_PROSE,
    PRINTED_VALUE,
    PROMPT,
    RELEASE_LINE,
    ROCM_RELEASE,
    SOLVED,
    SUPPOSED,
    WORKS_THERE,
    Identity,
    LineMemo,
    ListedNode,
    Observed,
    Sighting,
    computed_gid,
    contrast_sides,
    failing_session,
    holds_word,
    normalise,
    read,
    remembered,
    sentence_span,
    sentences,
    switch_commands,
    switches_to_root,
    window,
)

# Findings whose evidence is a listed node and an `id` line: the only ones a paste can support.
# DEV-001/DEV-002 (a node is absent), PLT-* (platform) and TKT-* (packages) would assert what a
# partial paste does not show; explain states those from the paste itself or asks.
PASTE_FINDINGS = ("ACC-", "GRP-", "DEV-003", "DEV-004", "DEV-005", "DEV-006", "DEV-007", "USR-")
CHUNK = 1 << 20
SIGNATURE_WINDOW = 1 << 19   # error signatures: from the first and last 512 KiB of a huge paste (each key is one scan of it)
MAX_KEY_HITS = 64
PRUNE_FROM = 1 << 16         # pieces from this size are checked for absent keys first (_absent_keys)
LINE_SPAN = 1000             # characters of a line either side of a key that patterns see (one huge line stays cheap)
_PLACEHOLDER = re.compile(r"\b4\d{9}\b")
# Context words for a CUDA error number: the number alone (801) is too common to mean CUDA.
_CUDA_CONTEXT = (r"(?:cuda|cuinit|cudart|cudnn|cublas|nvrtc|ggml|gpu|(?<![a-z])device|driver|trt|tensorrt|onnxruntime|cupy|numba|"
                 r"torch|nvinfer|cudasetdevice|cudagetdevicecount|cuctxcreate|nvenc|nvdec|deepstream|gst|"
                 # the driver API's calls by their stems (cuMemAlloc, cuMemoryAllocate in HAMi's core, cuModuleLoad, ...)
                 r"\bcu(?:mem|ctx|module|launch|stream|event|device|graph))")

INPUT_LIMIT = 16 << 20  # a pasted report is kilobytes; a whole journal is not what explain reads


def cause_ids() -> Tuple[str, ...]:
    """The causes explain can name (data/causes.json), read when first needed."""
    return tuple(c["id"] for c in data.load("causes")["causes"])


@frozen_record
class SymptomMatch:
    id: str
    signature: str
    line: str
    causes: Tuple[str, ...]
    docs: str
    runbook: str
    sources: Tuple[str, ...]


@frozen_record
class Statement:
    """One thing explain says: the lines of the paste it rests on, or marked as an assumption."""

    text: str
    evidence: Tuple[str, ...]
    assumed: bool


@frozen_record
class Question:
    """The one question that separates the hypotheses still open, and what each answer means."""

    ask: str
    command: str
    answers: Tuple[Tuple[str, str], ...]   # (what the answer shows, the cause id it means)


@frozen_record
class Cause:
    """The most likely cause (an id of data/causes.json), why, and what the paste cannot rule out.

    When the paste does not show which system it came from, the cause is read on the likelier one and
    ``assumption`` says which and why; ``otherwise`` is the cause if the other system it is.
    """

    id: str
    why: Statement
    also_possible: Tuple[str, ...]
    assumption: str = ""
    otherwise: str = ""
    assumed_system: str = ""   # "jetson" or "pc" when the system was assumed
    ruled_by: str = ""         # the evidence (data/causes.json `ruled_out_by`) that ruled the first reading out


@frozen_record
class Explanation:
    matches: Tuple[SymptomMatch, ...]
    next_steps: Tuple[str, ...]
    observed: Observed
    recognised: Tuple[str, ...]
    assumptions: Tuple[str, ...]
    diagnosis: Optional[Diagnosis]
    audit: Tuple[AuditFinding, ...]
    statements: Tuple[Statement, ...]
    cause: Cause
    question: Optional[Question]
    systems: Tuple[str, ...]           # more than one: the paste mixes devices, each read on its own


# ---- signatures ----


@frozen_record
class _Family:
    symptom: Dict[str, object]
    keys: Tuple[str, ...]
    patterns: Tuple[str, ...]  # compiled where a key first finds a line (_compiled): most pastes need few of them


@functools.lru_cache(maxsize=None)
def _compiled(pattern: str) -> Pattern[str]:
    return re.compile(pattern)


# A process's exit code ("returned a non-zero code: 100", "exit code: 100", "exited with code 100") is no CUDA error,
# whatever CUDA package the process installed.
_NO_EXIT_CODE = (r"(?<!non-zero )(?<!nonzero )(?<!exit )(?<!exited with )(?<!exit with )(?<!exiting with )"
                 r"(?<!exited with error )(?<!exit with error )(?<!exiting with error )")


def _cuda_patterns(codes: Sequence[int], names: Sequence[str], message: str, said_bare: bool = False,
                   numbered: bool = True, legacy: Sequence[int] = ()) -> List[str]:
    """A CUDA error as wrappers print it: by enum name, by number after a CUDA word, by message. ``codes``
    are its number and any the runtime used before (``legacy``: cudaErrorUnknown was 30 before CUDA 10.1), which counts
    only after a CUDA word (another program's "Error: (30): unknown error" is its own). A number no other
    common error uses (``said_bare``) counts in prose too: "over SSH I get error 801", "fails with 801"; one that an
    errno shares in the same places (13 is EACCES) counts nowhere (not ``numbered``)."""
    alternatives = "|".join(str(c) for c in codes)
    current = "|".join(str(c) for c in codes if c not in legacy)
    # (not an errno's number: "open returned 13: Permission denied" is EACCES, 6 with "No such device" ENXIO)
    # (nor TensorRT's own code, named by its category: "Error Code 2: Internal Error", "Error Code 1: Serialization")
    # (nor a percentage: "GPU load (jtop) = 100%")
    number = r"\(?-?(?:{})\)?(?!\w|\.\d|\s?%)(?!\W{{0,4}}(?:permission denied|operation not permitted|no such (?:file|device)|" \
             r"e(?:acces|perm|noent|nxio|nodev|busy|io|inval)\b))(?!:\s*(?:internal error|serialization|api usage error|" \
             r"myelin|cask|unspecified error|invalid (?:argument|config|state)|unsupported state|" \
             r"failed (?:allocation|initialization|execution|computation))\b)"
    any_number, current_number = number.format(alternatives), number.format(current)
    text = re.escape(message.lower())
    if message.lower() == "operation not supported":  # not 304's "... or operation not supported on this OS"
        text = r"(?<!or )operation not supported(?! on this os)"
    text += r"(?!\s*\(-?(?!(?:{})\))\d)".format(alternatives)  # TensorFlow's "UNKNOWN ERROR (303)" is 303, not 999
    by_number = [
        _CUDA_CONTEXT + r"[^\n]{0,160}?" + _NO_EXIT_CODE +
        # (not a function's name and its source line, as the kernel's nvgpu logs them: "nvgpu_dma_print_err:101")
        # (nor NVML's own numbers: "nvml error: 3" is NVML_ERROR_NOT_SUPPORTED)
        # (after "=", a call's result or a status variable's: "cuInit(0) = 801", "cuda_status=999", "ret_code=999"; not a
        # setting's value, "epochs=200", nor a web request's status, "http_status=200", a process's, "exit_code=1", or a
        # label's bracket, "GPU util (%) = 100")
        r"(?:(?<!_)(?<!nvml )(?:error|err|failure|failed|status|code|returned|returns|return|result|res|rc)|"
        r"(?:(?<!%)\)|(?<!http)(?<!https)(?<!upstream)(?<!response)_(?:error|err|status|result|res|rc|ret)|"
        r"(?<!status)(?<!exit)(?<!return)(?<!http)(?<!response)_code)\s*=)\W{0,4}"
        # each run of blanks ends where the next word starts, so no two runs split the same blanks between them
        r"(?:with\s+(?!\s))?(?:error\s*(?!\s))?(?:code\s*(?!\s))?[:=#]?\s*" + any_number,
        r"\bcuinit\s*(?:\(\s*(?:\d\s*)?\)\s*)?(?:(?:=|returned|returns|:|->|fails? with|failed with)\s*)?" + any_number,
        # (a bare "ret" only where CUDA itself is named: "CUDA device init failed, ret = 999", not a serial port's
        # "device write ret=100")
        r"(?:\bcuda|\bcuinit|\bcu[a-z]+\s*\()[^\n]{0,160}?\bret(?:val)?\s*[=:]\s*" + any_number,
        r"\berror(?:\s*(?:code|number|no\.?))?\W{0,3}" + current_number + r"\W{0,3}(?:error\s*(?:text|string|message)\W{0,3})?"
        + text,
        # a plugin's check macro, the source line before the code ("Cuda failure in file 'yolo_layer.cu' line 51: 35")
        r"\bcuda\s+(?:failure|error)\s+in\s+file\b[^\n]{0,120}?\bline\s+\d+\s*:\s*" + any_number,
        # ... or the message, where it failed, and the code ("unknown error in motioncorr.cpp at line 227 (error-code 999)"),
        # with CUDA named there or on the next line (a camera's own codes are not CUDA's)
        text + r"[^\n]{0,200}?\(\s*error[ _-]?code\s*[:=]?\s*" + current_number + r"(?=[^\n]*(?:\n[^\n]*)?cuda)",
    ] if numbered else []
    # (and in other languages: "CUDA-Fehler 801", "cuInit 返回 801", "cuInit が 801 を返す", "오류 801")
    bare = [r"(?:\berror|\berr|\bcode|\bfails?\s+with|\bfailed\s+with|\bgets?|\bgot|\bgetting|\breturns?|\breturned|->|"
            r"\u2192|\u62a5|\bfehler|\berreur|\berrore|\u9519\u8bef|\u932f\u8aa4|\u30a8\u30e9\u30fc|\uc624\ub958|"
            r"\u8fd4\u56de|\bcuinit\s*\u304c|\bcuda)\W{0,3}(?<![\w.])" + current_number] if said_bare and numbered else []
    # (MATLAB's gpuArray gives the message on the line after its own: "The CUDA error was:\ninvalid configuration ...")
    return ([r"\b{}\b".format(re.escape(name.lower())) for name in names] + by_number
            + [_CUDA_CONTEXT + r"[^\n]{0,160}?" + text, r"\bcuda error was:[ \t]*\n[ \t]*" + text] + bare)


def _number_keys(code: int) -> List[str]:
    """Substrings that must precede a search for a CUDA error number: the number itself from 100 up, and
    for the small ones (3 alone would be every line, "error 2" is as often errno) the number after a CUDA call or word
    (TensorRT's "CUDA initialization failure with error: 35")."""
    if code >= 100:
        return [str(code)]
    # ("failed res=2": a driver call's result as HAMi's core logs it; a check macro's line names its file before the
    # number: "Cuda failure in file 'yolo_layer.cu' line 51: 35")
    forms: Tuple[str, ...] = ("return {}", "returned {}", "cuda error {}", "cuda error: {}", "cuda error! {}",
                              "with error {}", "with error: {}", "failed res={}")
    # (a call's own "error: 35", from 10 up: below that, errno's "error: 2" stands in the same place)
    forms += ("error: {}",) if code >= 10 else ()
    return [form.format(code) for form in forms] + ["cuda failure in file", "cuda error in file"]


@functools.lru_cache(maxsize=1)
def _families() -> Tuple[_Family, ...]:
    """data/symptoms.json's families, compiled once a process (on first use: an import stays cheap)."""
    families = []
    for symptom in data.load("symptoms")["symptoms"]:
        patterns = [re.escape(s.lower()) + (r"(?!\w|\.\d)" if s[-1:].isalnum() else "") for s in symptom["signatures"]]
        patterns += list(symptom.get("patterns", ()))
        keys = [s.lower() for s in symptom.get("keys", ())]
        cuda = symptom.get("cuda")
        if cuda:
            # (`legacy_codes`: the numbers the error had before; `also_codes`: the other errors of its kind, MPS's 806-810)
            legacy = list(cuda.get("legacy_codes", ()))
            codes = [cuda["code"]] + legacy + list(cuda.get("also_codes", ()))
            numbered = not cuda.get("by_name")
            patterns += _cuda_patterns(codes, cuda["names"], cuda["message"], bool(cuda.get("said_bare")), numbered, legacy)
            keys += [key for code in codes for key in _number_keys(code)] if numbered else []
            keys += [cuda["message"].lower(), "cuda error was:"] + [n.lower() for n in cuda["names"]]
        keys += [s.lower()[:24] for s in symptom["signatures"]]
        # (a family's words are read on one line: a run of non-word characters stops at its end, so a command's last
        # word and the next line's output never make one signature)
        patterns = [pattern.replace(r"\W", r"[^\w\n]") for pattern in patterns]
        families.append(_Family(symptom, tuple(dict.fromkeys(keys)), tuple(patterns)))
    return tuple(families)


@functools.lru_cache(maxsize=None)
def _compiled_family(symptom_id: str) -> _Family:
    """One family with its keys and patterns (``_family`` is its data/symptoms.json entry)."""
    return next(family for family in _families() if family.symptom["id"] == symptom_id)


def _chunks(text: str) -> Iterator[str]:
    """The text in pieces of about CHUNK characters, cut at line ends: memory stays a small multiple of a piece."""
    start = 0
    while start < len(text):
        end = text.find("\n", start + CHUNK)
        end = len(text) if end < 0 else end + 1
        yield text[start:end]
        start = end


def find_signatures(text: str, memo: Optional[LineMemo] = None) -> List[SymptomMatch]:
    """Every known symptom in ``text``, each once, with the first line that shows it, in the index's order.

    Work is bounded: the text is read in pieces, each key is searched once a piece (C-speed substring
    search, at most MAX_KEY_HITS lines), and patterns run only on the lines a key found; ``memo`` keeps what each line
    showed for another reading of the same lines (a system of a mixed paste).
    """
    memo = {} if memo is None else memo
    found: Dict[str, SymptomMatch] = {}
    for piece in _chunks(text):
        clean = normalise(piece)
        lowered = clean.lower()
        if len(lowered) != len(clean):  # a character whose lower case is longer: positions would not match
            clean = lowered
        lines = _absent_keys(holds_word(lowered)) if len(lowered) > PRUNE_FROM else {}
        for family in _families():
            symptom_id = str(family.symptom["id"])
            if symptom_id not in found:
                match = _first(family, clean, lowered, lines, memo)
                if match is not None:
                    found[symptom_id] = match
    order = [str(f.symptom["id"]) for f in _families()]
    # A family the rest of the paste does not bear out is not found, so it outranks none (below).
    if any("needs_in_paste" in _family(i) or "unless_in_paste" in _family(i) for i in found):
        searched = normalise(text).lower()
        found = {i: m for i, m in found.items() if _borne_out(m, searched)}
    # A family counts only where none that says more is in the paste (the line a follow-up follows; CUDA's own error
    # beside a build said to lack CUDA).
    said = [m for m in found.values() if not any(i in found for i in _family(m.id).get("outranked_by", ()))]
    return sorted(said, key=lambda m: order.index(m.id))


@functools.lru_cache(maxsize=1)
def _keys_within() -> Tuple[Tuple[str, Tuple[str, ...]], ...]:
    """Every key, shortest first, with the shorter keys it holds."""
    keys = sorted({key for family in _families() for key in family.keys}, key=len)
    return tuple((key, tuple(k for k in keys[:i] if k in key)) for i, key in enumerate(keys))


def _absent_keys(holds: Callable[[str], bool]) -> Dict[str, List[Tuple[int, int]]]:
    """The keys a large piece lacks (``holds``: holds_word of it), each with no lines: a key that holds a key the piece
    lacks is not searched for (one scan of a megabyte a key is what reading a huge paste costs)."""
    absent: Dict[str, List[Tuple[int, int]]] = {}
    for key, within in _keys_within():
        if any(k in absent for k in within) or not holds(key):
            absent[key] = []
    return absent


@functools.lru_cache(maxsize=None)
def _standing_alone(number: str) -> Pattern[str]:
    """A number that is no part of a longer word or number (a stamp "[  801.851805]", an address, a version)."""
    # the literal first, so it is searched at C speed; ASCII word characters only, so "错误码801" stands alone
    return re.compile(number + r"(?<![A-Za-z0-9_.]" + number + r")(?![A-Za-z0-9_]|\.\d)")


# A long line's pieces start on a grid of _GRID, counted from the line's start when it lies within _GRID_FROM (else from
# the text's: a line that long is not looked back along).
_GRID, _GRID_FROM = LINE_SPAN // 2, 16 * LINE_SPAN


def _key_lines(key: str, lowered: str) -> List[Tuple[int, int]]:
    """The (start, end) of the first MAX_KEY_HITS lines holding ``key``, each at most LINE_SPAN either side of it. A
    number (a CUDA error's) counts only standing alone: stamps would use the lines up before the error's own.

    Of a line longer than that, the piece starts on a grid of half LINE_SPAN (at least half LINE_SPAN before the key):
    the keys found near each other on it give one piece, read once, not one piece each."""
    out: List[Tuple[int, int]] = []
    alone = _standing_alone(key) if key.isdigit() else None

    def after(position: int) -> int:
        if alone is None:
            return lowered.find(key, position)
        hit = alone.search(lowered, position)
        return hit.start() if hit else -1

    at = after(0)
    while at >= 0 and len(out) < MAX_KEY_HITS:
        start = lowered.rfind("\n", max(0, at - _GRID_FROM), at) + 1
        if start <= at - LINE_SPAN:
            start += -(-(at - LINE_SPAN - start) // _GRID) * _GRID
        end = lowered.find("\n", at, start + 2 * LINE_SPAN)
        end = min(len(lowered), start + 2 * LINE_SPAN) if end < 0 else end
        out.append((start, end))
        at = after(end)
    return out


# A Python traceback's frame line (its indent captured).
_FRAME = re.compile(r'([ \t]*)file "[^"\n]*", line \d+, in ')


def _frame_source(lowered: str, start: int) -> bool:
    """Whether the line at ``start`` is a traceback frame's source code ("    assert torch.cuda.is_available(), 'CUDA
    unavailable'"): indented under its frame line. It says what the program checks, not what happened, unless the
    traceback ends on that assertion failing; the exception a frame without source ends on (`File "<stdin>"`) is not
    indented under it."""
    if lowered[start - 1:start] != "\n":
        return False  # (not a line's start: a window of a long line)
    before = lowered[lowered.rfind("\n", 0, start - 1) + 1:start]  # the line right before it
    frame = _FRAME.match(before) if 'file "' in before else None
    if frame is None:
        return False
    source, *after = lowered[start:start + 3 * LINE_SPAN].split("\n", 3)[:3]
    failed = next((line for line in after if line.strip(" \t^~")), "")  # (Python 3.11 marks the expression with ^)
    if source.lstrip().startswith("assert") and failed.lstrip().startswith("assertionerror"):
        return False  # the assertion failed: its condition is what happened
    return len(source) - len(source.lstrip(" \t")) > len(frame.group(1))


# A line break inside a sentence: the line ends in a word, a comma or a quote (not a sentence's end), and the next goes
# on in lower case or with inline code, and is no prompt (a log's next line starts with a stamp, a level or a capital).
_SOFT_WRAP = re.compile(r"(?<=[\w,`'\")])\n(?=[ \t]{0,8}[a-z`(\"'])(?![ \t]*(?:```|[\w.-]+@[\w.-]+:))")


def _next_line_end(lowered: str, end: int) -> int:
    """Where the line after the one ending at ``end`` ends, passing over up to two blank (or ^-marker) lines: an answer
    printed below its command, with a blank line between them in a Markdown paste ("is_available()", "", "False")."""
    after = end
    for _ in range(3):
        start = after + 1
        after = lowered.find("\n", start, start + LINE_SPAN)
        if after < 0:
            return min(len(lowered), start + LINE_SPAN)
        if lowered[start:after].strip(" \t\r\f\v^~"):  # (Python 3.11 marks a frame's expression with a line of ^)
            return after
    return after


# A negation shortly before a family's words (textfacts' NEGATED_BEFORE: "no OOM killer involved", "I don't get an OOM
# error", "there is no `USE_CUDA=0`"): for the families marked `negatable` in data/symptoms.json, the words then say the
# symptom did not happen. So do a question, someone else's advice or report, and a workaround (_NOT_ASSERTED, in the words' sentence),
# a supposition that reaches the words (_SUPPOSITION), and words denied after them (_DENIED_AFTER).
# A negation inside the words of a family marked `denied_within` (those that say the GPU works: "nvidia-smi never
# worked", "no longer works") denies them, whatever the pattern allows between its words. (Inside a failure's or a
# complaint's words it is the failure: "injection never happens", "GPU usage never exceeds 5 %".)
_NEGATED_WITHIN = re.compile(r"\b(?:never|no longer|not yet|nowhere)\b", re.I)
_NOT_ASSERTED = re.compile(r"\b(?:told me|(?:someone|somebody|they|he|she|a colleague|people|"
                           r"the (?:wiki|docs?|documentation|forum|readme|guide|faq))\s+(?:said|says|suggested|"
                           r"recommended)|suggest(?:s|ed|ion)?|recommend(?:s|ed|ation)?|advi[cs]e[ds]?|for now|as a workaround|"
                           r"workaround|temporar(?:y|ily)|will\s+(?:it|this|that|upgrading|updating)|would\s+(?:it|this|that)|"
                           r"should\s+i|do\s+i\s+(?:have|need)|does\s+(?:it|this|that)|"
                           # a failure of the past, since fixed
                           r"earlier|previously|used\s+to|no\s+longer|last\s+(?:year|month|week|time)|"
                           # German, Spanish and French hearsay and advice
                           r"laut|soll(?:te)?\s+man|angeblich|empf(?:iehlt|ohlen)|vorgeschlagen|me\s+dijeron|"
                           r"recomienda\w*|sugier\w+|suger\w+|on\s+m'a\s+dit|conseill\w+)\b", re.I)
# A state said to come before a change that was made: a label ("Before (from PyPI): torch 2.4.0+cpu. After: ...", not
# "Before you ask:" nor "Before and after ...:"), "before the upgrade", "before I reinstalled" (not "before I upgrade",
# still ahead). What the sentence then says is now ("..., now it shows ...") is the state now.
_SUPERSEDED = re.compile(r"^\s*(?:[-*>]\s*)?(?:\*\*)?before\b(?!\s+you\b)(?![^.:\n]{0,40}\bafter\b)[^.:\n]{0,40}:|"
                         r"\bbefore\s+(?:the\s+(?:fix|upgrade|update|reinstall|switch|change|downgrade)|(?:i|we)\s+(?:had\s+)?"
                         r"(?:upgraded|updated|installed|reinstalled|switched|changed|downgraded|replaced|fixed))\b", re.I)
_NOW = re.compile(r"\b(?:now|still|currently|again)\b", re.I)
# A supposition, of the reporter's or anyone's ("At first I thought my service starts ..."), that reaches the words: no
# turn between them ("I thought the swap would be enough, but the build still gets killed" asserts the kill).
_SUPPOSITION = re.compile(r"\b(?:(?:i|we|he|she|they)\s+(?:first\s+|initially\s+|had\s+)?(?:thought|assumed|wondered|guessed)|"
                          r"(?:i|we)\s+(?:was|were)\s+wondering|my\s+(?:first\s+)?(?:guess|assumption))\b", re.I)
_TURN = re.compile(r"(?:,\s*|\s)(?:but|however|yet|instead)\b|;", re.I)
# Words denied after they are said, in their sentence: "..., which we did not do", "das haben wir nicht gemacht".
_DENIED_AFTER = re.compile(r"\b(?:(?:we|i)\s+(?:did|have|had|do)(?:\s*n't|\s+not|\s+never)|(?:we|i)\s+never|"
                           r"(?:is|was|got|has\s+been)\s+(?:now\s+)?(?:fixed|solved|resolved|gone)|"
                           r"(?:haben|habe|hatten|hatte)\s+(?:wir|ich)\s+(?:nicht|nie)|nicht\s+gemacht|no\s+lo\s+hic\w+)\b",
                           re.I)


def _not_asserted(line: str, start: int, end: int, only_denied: bool = False) -> bool:
    """Whether the words at line[start:end] are negated, asked, or someone else's advice or a workaround: the sentence
    they stand in (cut at ". ", "! ", "? ", "; " or a line end) is a question, or holds such words up to their end.
    ``only_denied``: negated or asked only (a state of the past, "previously it worked at the desktop", still counts)."""
    head = max([at + len(mark) for mark in (". ", "! ", "; ", "\n") for at in [line.rfind(mark, 0, start)] if at >= 0] + [0])
    tail = min([i for i in (line.find(mark, end) for mark in (". ", "? ", "! ", "; ", "\n")) if i >= 0] + [len(line)])
    asked = line[tail:tail + 1] == "?" or line[:tail].rstrip().endswith("?")
    before = line[head:start]
    superseded = _SUPERSEDED.search(before)
    if only_denied:
        return bool(NEGATED_BEFORE.search(line[max(head, start - 40):start]) or asked)
    return bool(NEGATED_BEFORE.search(line[max(head, start - 40):start]) or asked or _NOT_ASSERTED.search(line[head:end])
                or any(not _TURN.search(line, said.end(), start) for said in _SUPPOSITION.finditer(line, head, end))
                or _DENIED_AFTER.search(line[end:tail])
                or (superseded and not _NOW.search(before, superseded.end())))


def _vetoed(symptom: Dict[str, Any], line: str, hit: Match[str]) -> bool:
    """Whether the line, up to the end of the sentence a family's match ends in, holds one of the family's vetoes
    (data/symptoms.json `vetoed_by`): the seat's and root's words said of other work than the GPU's (clocks, a VNC
    desktop, another device or accelerator), a README quoted. The sentence may go on to the next line (a hard-wrapped
    one); each veto is read on the match's own line too, where one anchored at the line's end ($) matches, since the
    next line, joined for the families that read output below their words, may be another command's. Root said to fail
    too (`vetoed_to_the_full_stop_by`) is read past a semicolon, to the full stop: "...; as root it doesn't work
    either" takes back the clause before it, and a later sentence of its own ("The camera also fails as root.") does
    not. A family marked `vetoed_when_said_fixed` is read for its trouble said fixed in the match's clause alone
    (_said_fixed_of)."""
    vetoes, past_semicolons = symptom.get("vetoed_by", ()), symptom.get("vetoed_to_the_full_stop_by", ())
    said_fixed = bool(symptom.get("vetoed_when_said_fixed"))
    if not (vetoes or past_semicolons or said_fixed):
        return False  # (most families have none: no sentence to find on every match)
    begin, end = sentence_span(line, hit.start(), hit.end())
    if said_fixed and _said_fixed_of(line[begin:end], hit.start() - begin):
        return True
    said = line[:end]
    line_end = said.find("\n", hit.end())
    own = said if line_end < 0 else said[:line_end]  # (a veto anchored at the line's end reads the line alone)
    if any(_compiled(veto).search(said) or _compiled(veto).search(own) for veto in vetoes):
        return True
    stop = _FULL_STOP.search(line, hit.end()) if past_semicolons else None
    whole = line[:stop.end() if stop else len(line)]
    return any(_compiled(veto).search(whole) for veto in past_semicolons)


def _said_fixed_of(sentence: str, at: int) -> bool:
    """Whether the match's sentence says its trouble is fixed or gone (a family marked `vetoed_when_said_fixed`), in
    the match's own clause: not in one a contrast turns away from ("The nvmap error went away, but now pip cannot
    resolve the host"), nor where the fix is denied ("I haven't solved the DNS problem yet")."""
    turns = [turn.end() for turn in _FIX_TURN.finditer(sentence, 0, at)]
    return any(not _FIX_DENIED.search(sentence, max(0, said.start() - 60), said.start())
               for said in _SAID_FIXED.finditer(sentence, turns[-1] if turns else 0))


# The trouble said to be over, in one wording for every family it takes back: "(fixed)", "was since resolved", "fixed it
# by", "fixed the ... error", "went away", "no longer shows" (lower case, as vetoes are searched in the lowered sentence).
_SAID_FIXED = re.compile(
    r"\b(?:is|are|was|were|got|has\s+been|have\s+been)\s+(?:since\s+|now\s+)?(?:gone|fixed|solved|resolved)\b"
    r"|\((?:now\s+)?(?:fixed|resolved|solved)\b"
    r"|\b(?:fixed|resolved|solved)\s+(?:(?:it|that|this|the)\s+)?(?:with|by|after|via)\b"
    r"|\b(?:fixed|resolved|solved)\s+(?:the|this|that|my|our)\b(?:[^.;]|\.(?=\S)){0,120}?\b(?:error|issue|problem|failure)s?\b"
    r"|\b(?:went|goes|has\s+gone)\s+away\b|\bno\s+longer\s+(?:appears|shows|happens|comes)\b")
# (a fix said not to have happened: "haven't solved", "never went away", "neither a reboot nor reinstalling fixed",
# "nothing I tried has fixed", "nobody has solved", "I thought the reboot had fixed")
_FIX_DENIED = re.compile(r"(?:n't|\bnot|\bnever)\s+(?:\w+\s+)?$|\b(?:nor|neither|nothing|nobody|no\s+one|none|thought|"
                         r"hoped|yet\s+to\s+be)\b[^.;,\n]{0,50}$")
# (and what was fixed is another trouble than the one now failing: "I fixed the DNS error, and now nvidia-smi fails")
# ("After I fixed the permission issue, nvidia-smi fails with ...")
_FIX_TURN = re.compile(_TURN.pattern + r"|\b(?:and|but)\s+now\b|,\s*now\b|"
                       r"\bafter\s+(?:i|we|you)\s+(?:had\s+)?(?:fixed|solved|resolved)\b[^,.;\n]*,", re.I)


# Where a sentence ends, a semicolon not counted: a full stop, a question or exclamation mark, a line's end.
_FULL_STOP = re.compile(r"[.!?](?:\s|$)|\n|" + lexicon.SENTENCE_END)


def _vetoed_line(symptom_id: str, lowered: str) -> bool:
    """Whether a lowered line holds one of a family's vetoes anywhere (the family's words need not be on it)."""
    family = _family(symptom_id)
    return any(_compiled(veto).search(lowered)
               for veto in [*family.get("vetoed_by", ()), *family.get("vetoed_to_the_full_stop_by", ())]) or bool(
        family.get("vetoed_when_said_fixed") and _said_fixed_of(lowered, 0))


def _first(family: _Family, clean: str, lowered: str, cache: Dict[str, List[Tuple[int, int]]],
           memo: LineMemo) -> Optional[SymptomMatch]:
    tried: Set[Tuple[str, int]] = set()  # a log that repeats a line (or one line a phrase) is searched once a text
    for key in family.keys:
        if key not in cache:
            cache[key] = _key_lines(key, lowered)
        for start, end in cache[key]:
            after = _next_line_end(lowered, end)
            line = lowered[start:after]  # "is_available()\nFalse"
            if family.symptom.get("prose") and _SOFT_WRAP.match(clean, end):  # (in the paste's own case)
                line = line[:end - start] + " " + line[end - start + 1:]  # a sentence wrapped onto the next line
            if (line, end - start) in tried or _frame_source(lowered, start):
                continue
            tried.add((line, end - start))
            match = remembered(memo, ("family " + str(family.symptom["id"]), clean[start:after], str(end - start)),
                               _shown_in, family, clean[start:after], line, end - start)
            if match is not None and _module_named(family, match, lowered, start, end):
                return match
            if match is not None:  # (the same line elsewhere may stand below a command that names the module)
                tried.discard((line, end - start))
    return None


# How many lines above a match that names no module (data/symptoms.json `unnamed_module`) the command or build line that
# names one is looked for: the kernel's refusal follows the modprobe or insmod that loaded the module closely.
MODULE_LINE_REACH = 20


def _module_named(family: _Family, match: SymptomMatch, lowered: str, start: int, end: int) -> bool:
    """Whether a family's match on the line ``lowered[start:end]`` is of the family's module: its words name it, or they
    name none (data/symptoms.json `unnamed_module`: the kernel's "Loading of unsigned module is rejected") and the
    nearest line that names one by command or build (`module_named_by`: modprobe, insmod, dkms, a build's LD [M]), on
    the match's line or within MODULE_LINE_REACH lines above it, names the family's (its first group)."""
    unnamed = family.symptom.get("unnamed_module")
    if not unnamed or not _compiled(str(unnamed)).search(match.signature.lower()):
        return True
    top = start
    for _ in range(MODULE_LINE_REACH):
        if top <= 0:
            break
        top = lowered.rfind("\n", 0, top - 1) + 1
    named = [m.group(1) for m in _compiled(str(family.symptom["module_named_by"])).finditer(lowered, top, end)]
    return bool(named) and named[-1] is not None  # (the nearest: the last one read)


# An HTTP response's status said about a number 100 to 599 (the words before it, or its reason phrase after it): not
# CUDA's error of that number (HTTP's 400 and 500 are CUDA's invalid handle and symbol not found).
_HTTP_NUMBER = re.compile(r"(?<![\d.])[1-5]\d\d(?=\W{0,2}$)")
_HTTP_BEFORE = re.compile(r"(?:\bhttps?(?:/[\d.]+)?(?:\s+(?:error|status|code))?|\bresponse(?:[ _-]?code)?|\bstatus[ _-]?code|"
                          r"\bstatus\s*=)\W{0,4}$")
_HTTP_AFTER = re.compile(r"\W{0,4}(?:internal server error|bad request|bad gateway|service unavailable|gateway time-?out|"
                         r"server error)")


def _http_status(line: str, hit: Match[str]) -> bool:
    """Whether the number a CUDA family matched by is an HTTP response's status on ``line``."""
    number = _HTTP_NUMBER.search(hit.group())
    if number is None:
        return False
    start, end = hit.start() + number.start(), hit.start() + number.end()
    return bool(_HTTP_BEFORE.search(line, max(0, start - 40), start) or _HTTP_AFTER.match(line, end))


# A CUDA error's number or name said not to happen, up to it ("initialized CUDA (no error 801/999)", "ran without any
# error 999", "no longer get error 35 (cudaErrorInsufficientDriver)") or after it ("error 801 is gone"): every family of
# CUDA's numbers reads it, negatable or not.
_NONE_NUMBERED = re.compile(r"\b(?:(?:no|without|never)(?:\s+any)?|no\s+longer\s+\w+)\s+(?:(?:cuda\s+)?(?:errors?|err|codes?)\s*)?"
                            r"[:#]?\s*(?:\(?-?\d+\)?|(?:\(?-?\d+\)?\s*\(\s*)?cu\w+)$", re.I)
_GONE_AFTER = re.compile(r"(?:/\d+)*\s+(?:is|was|has\s+been)\s+(?:gone|fixed|resolved)\b", re.I)


def _said_not_to_happen_numbered(line: str, hit: Match[str]) -> bool:
    """Whether a CUDA error's number at ``hit`` is said not to happen, by the words before it or after it."""
    return bool(_NONE_NUMBERED.search(line, max(0, hit.start() - 40), hit.end()) or _GONE_AFTER.match(line, hit.end()))


def _shown_in(family: _Family, printed: str, line: str, line_end: int) -> Optional[SymptomMatch]:
    """The family's match on ``line`` (``printed``, the paste's own text, lowered and with a sentence wrapped onto the
    next line joined) that starts within its first ``line_end`` characters."""
    for pattern in family.patterns:
        words = needed_words(pattern)
        if words and not any(word in line for word in words):
            continue  # (none of the words each of its matches holds: most of a long line's patterns end here)
        hit = _compiled(pattern).search(line)
        while hit and "cuda" in family.symptom and (_http_status(line, hit) or _said_not_to_happen_numbered(line, hit)):
            # (an HTTP response's status: "StatusCode:500", "HTTP error 500", "status=500"; "no error 801": the next
            # match may be CUDA's, "no error 801 as root, error 801 as vision")
            hit = _compiled(pattern).search(line, hit.end())
        negatable = family.symptom.get("negatable")
        if hit and hit.start() <= line_end and not (
                negatable and _not_asserted(line, hit.start(), hit.end(), only_denied=negatable == "denied")) and not (
                family.symptom.get("denied_within") and _NEGATED_WITHIN.search(line, hit.start(), hit.end())) and not (
                _vetoed(family.symptom, line, hit)):
            symptom = family.symptom
            signature = " ".join(printed[hit.start():hit.end()].split())  # one line, as shown
            return SymptomMatch(str(symptom["id"]), signature, printed[:line_end].strip()[:300],
                                _meanings(symptom, line), str(symptom["docs"]),
                                str(symptom["runbook"] or ""), tuple(symptom["sources"]))  # type: ignore[arg-type]
    return None


def _meanings(symptom: Dict[str, Any], line: str) -> Tuple[str, ...]:
    """The family's likely causes that its match's ``line`` can mean (data/symptoms.json `meant_by`): a missing
    program's line prints no CMake build's meaning, "no monitor is connected" no unreachable X server's. All of them
    where none is left."""
    causes = tuple(str(cause) for cause in symptom["causes"])
    lowered = line.lower()
    meant = [cause for cause, needed in zip(causes, symptom.get("meant_by") or [None] * len(causes))
             if needed is None or _compiled(needed).search(lowered)]
    return tuple(meant) or causes


# ---- a failure no family names ----


@frozen_record
class Failure:
    """A line that says something failed, and what it mentions: how explain weighs a failure no family
    names (one of FAILURE_KINDS, most decisive first)."""

    kind: str
    line: str


# A graphics API that finds no adapter, the GPU as wgpu and WebGPU name it: a failure, and of the GPU.
_NO_ADAPTER = r"no\s+(?:suitable\s+|compatible\s+|usable\s+)?adapters?\s+(?:are\s+|is\s+|was\s+|were\s+)?(?:found|available)"
# Cannot, failed and error in Chinese, Japanese and Korean, each with the words that say it did not happen or ask
# whether it could: Chinese negates before the word ("没有报错", "不会失败"), Japanese and Korean after it ("エラーは出ません",
# "오류 없이"); "能不能" asks, "エラー率" is a rate. (Read by _said_not_to_happen, as English's negations are.)
_CJK_FAILURE_WORDS: Dict[str, Tuple[Optional[Pattern[str]], Optional[Pattern[str]]]] = {
    word: (re.compile(f"(?:{before})$") if before else None, re.compile(after) if after else None)
    for word, before, after in (
        ("无法", "", ""), ("不能", "能", ""), ("失败", "不会|没有", ""), ("失敗", "", ""),
        ("报错", "[不没无無]|没有", ""), ("出错", "[不没无無]|没有", ""), ("错误", "没有|[无無]", ""), ("錯誤", "", ""),
        ("できません", "", ""), ("できない", "", ""),
        ("エラー", "", "率|[はも]出ません|[はも]出ない|なし|もなく|[はも]発生しません"),
        ("실패", "", ""), ("오류", "", r"\s*(?:가|는|도)?\s*없"), ("에러", "", r"\s*(?:가|는|도)?\s*없"), ("할 수 없", "", ""))}
# Software said not to serve a Jetson names it so ("does not support Jetson", "not yet compatible with Jetson devices"):
# in a failure word, and in the version kind's.
_A_JETSON = r"(?:the\s+)?(?:nvidia\s+)?jetsons?"
# Words that say something failed, in any tool's wording; the keys find the lines cheaply first.
_FAILURE = re.compile(r"(?<!except )\b\w*(?:error|exception|exit):(?=[ \t]*\S)|"  # an exception and its message
                      r"^[ \t]*[\w.]*(?:error|exception)[ \t]*$|"  # one without (a bare AssertionError under its traceback)
                      # (not what a tool cannot show: "the TensorRT version cannot be viewed using jtop"; nor a limit
                      # reasoned about: "the CUDA version in the image cannot exceed 12.6")
                      r"\b(?:errors?|fail(?:ed|s|ure|ing)?|denied|(?:cannot|can't|can not)(?!\s+be\s+(?:viewed|displayed|shown)\b)"
                      r"(?!\s+(?:exceed|be\s+(?:higher|newer|greater|larger|above|more)\s+than)\b)|"
                      # (not the reporter's own contribution: "I'm unable to make a PR")
                      r"unable(?!\s+to\s+(?:make|open|submit|create|send|file)\s+(?:a\s+|the\s+)?(?:pr|pull\s+request|"
                      r"patch|merge\s+request)\b)|not found|no such file|is not supported in|"
                      r"traceback|exit (?:status|code):? ?-?[1-9]\d*|segmentation fault|core dumped|aborted|fatal|couldn't|"
                      r"could not|(?:does|do|did)(?: not|n't) work|not working|not permitted|not recognized|too short|"
                      r"(?:does|do|did)(?: not|n't)\s+(?:yet\s+)?support\s+" + _A_JETSON + "|"  # (software's)
                      # (what worked before: "NVENC no longer works", "no longer has OpenCL available"; not a step no
                      # longer needed, nor a problem no longer found)
                      r"no longer (?:works?|working)|no longer (?:has|have|finds?|sees?|detects?|shows?) (?:the |my |any |an? )?"
                      r"(?:gpus?|cuda|opencl|vulkan|nvenc|nvdec|devices?|cards?|nvidia|hardware|acceleration)|"
                      r"truncated|is empty|not able|undefined (?:reference|symbol)|eacces|eperm|hangs?|hung|(?:gets?|got) stuck|"
                      r"freez(?:es|ing)|timed out|times out|timeout (?:after|on|waiting|while|error|expired|occurred)|"
                      r"(?:response|mailbox|fence|syncpt|capture|frame|read|write|request|i/o|dma|wait) timeout|not active|"
                      r"crash(?:es|ed)?|exit(?:s|ed)? (?:immediately|right away|at once|instantly)|no space left|"
                      # (a process killed, as the shell prints it, "Killed", or quoted; not what someone killed)
                      r"(?-i:(?<![\w'])Killed(?!\s+(?:the|an?|my|our|it|all|that|this|those|these|them|every|any|some|"
                      r"off|both)\b))|(?<=[\"'`])killed(?=[\"'`])|(?<=code=)killed|"
                      r"(?:ha(?:s|ve)|with|gets?|got) no (?:access|permissions?) (?:to|for|on)|not accessible|"
                      # (pip's "which is incompatible" is a note, no failure)
                      r"(?:not|n't)\s+(?:\w+\s+){0,3}compatible|(?:is|are|was|were)n't\s+(?:\w+\s+){0,3}compatible|"
                      r"(?:not|n't) (?:been )?built for|"
                      r"read-only file system|disk quota exceeded|"
                      # (Rust's panic with its message on the line; a graphics API that finds no GPU, its adapter)
                      r"no va display found for (?:the )?device|panicked at '|" + _NO_ADAPTER + r")\b|"
                      # (in Chinese, Japanese and Korean, whose words have no word boundaries: _CJK_FAILURE_WORDS)
                      + "|".join(_CJK_FAILURE_WORDS), re.I)
# An error said not to happen ("the build doesn't show any errors", "finished with 0 errors", "without a failure"); not
# "without the error", which names one that happens otherwise.
_NO_FAILURE_BEFORE = re.compile(r"(?:\b(?:no|not|without|never)|n't)\s+(?:(?:show|shows|showed|get|gets|got|see|"
                                r"saw|have|has|had|throw|throws|threw|report|reports|reported|give|gives|gave|any|a|an|"
                                r"single|more|further|other|new|visible|obvious|build|compile|runtime)\s+){0,3}$", re.I)
# A failure foreseen, not seen: what would, could or might fail ("a job that asks for NVML could fail"), or what a
# foreseen effect includes ("It might have negative impact on performance (including unable to run CUDA graph)").
_FORESEEN_BEFORE = re.compile(r"\b(?:would|could|may|might)\s+(?:[\w-]+\s+){0,3}$|"
                              r"\b(?:would|could|may|might)\s+(?:[\w-]+\s+){0,8}\((?:including|e\.g\.|such as)\s+$", re.I)
_NEGATABLE_FAILURE = re.compile(r"errors?|fail(?:ed|s|ure|ing)?|crash(?:es|ed)?|unable", re.I)
# The value PyTorch's collect_env prints for a field it found nothing for ("cuDNN version: Could not collect"): no failure.
_NOT_COLLECTED = re.compile(r"could not collect[ \t]*$", re.I)
_NONE_COUNTED = re.compile(r"\b(?:0|zero)\s+$", re.I)  # "0 errors" counts none; "device 0 failed" is device 0
# A heading or label that only announces errors ("# error logs", "**Error output:**", "Errors:") is no failure itself.
# No two runs of blanks meet with only optional words between them (five did: a line of blanks took minutes).
_FAILURE_HEADING = re.compile(r"^\s*(?:(?:#+|\*\*|[-*>]|\d+[.)])\s*)?(?:(?:the|full|my)\s+)*(?:errors?|failures?|"
                              r"crash(?:es)?)(?:\s+(?:logs?|messages?|outputs?|details|traces?|reports?))?[\s:*]*$", re.I)
_FAILURE_KEYS = ("error", "exception", "exit:", "fail", "denied", "cannot", "can't", "can not", "unable",
                 "not found", "no such file", "traceback", "exit ", "segmentation", "core dumped", "abort", "fatal",
                 "couldn't", "could not", "n't work", "not work", "not permitted", "not recognized", "too short", "support",
                 "truncated", "is empty", "not able", "undefined", "eacces", "eperm", "hang", "hung", "stuck",
                 "freez", "timed out", "times out", "timeout", "not active", "crash", "exits ", "exited ", "no space left", "killed",
                 "no access", "no permission", "not accessible", "compatible", "built for", "no longer",
                 "read-only file system", "disk quota", "no va display", "panicked at '", "adapter", "无法", "不能",
                 "失败", "失敗", "报错", "出错", "错误", "錯誤", "できません", "できない", "エラー", "실패", "오류", "에러",
                 "할 수 없")
# A library of the GPU's stack: CUDA's (libcu*, but not libcurl, libcurses or libcups, nor a project's own libcuda_*:
# the driver's is libcuda.so alone, and autowarefoundation/autoware_universe#11354's libcuda_ops is Autoware's), the
# Tegra and driver ones (libnv*, libnvidia-*, the vendor GL libraries *_nvidia), cuDNN, TensorRT, NPP, VPI, and NVIDIA's
# GStreamer plugins (libgstnv*).
_GPU_LIBRARY = (r"\blib(?:cu(?!rl|rses|ps|da_)\w{0,64}|nv(?!argus)\w{0,64}|nvidia[\w-]{0,64}|tensorrt\w{0,64}|npp\w{0,64}|"
                r"vpi\w{0,64}|gstnv\w{0,64}|\w{1,64}_nvidia)\.so|\s-l(?:nv|cu)\w+|"  # (Argus's is the camera's: see "camera")
                # (Windows' DLLs of CUDA, cuDNN, TensorRT and ONNX Runtime's GPU providers: cudart64_110.dll, nvcuda.dll)
                # (a name that starts so, or after an underscore: not Unity's Barracuda.dll)
                r"(?<![\w-])(?:[\w-]{0,40}?_)?(?:nv)?(?:cuda|cudart|cublas|cufft|curand|cusolver|cusparse|cudnn|nvinfer|"
                r"nvonnxparser|nvrtc|npp|nvtoolsext|tensorrt)[\w-]{0,40}\.dll\b")
# Names in a library's file name that put it in the GPU's stack: NVIDIA's and CUDA's, TensorRT's and ONNX Runtime's
# providers, the Tegra camera (Argus), and the graphics and compute APIs a GPU driver provides (EGL, GLES, GLX, GL,
# Vulkan, OpenCL, VA-API, DRM), which on JetPack 4 also come from the host through the runtime. ("(?<!in)tegra" here and
# below: not the "tegra" inside "integrated" or "Preintegration".)
_GPU_STACK_NAMES = (r"[\w+-]*(?:nv|cuda|(?<!in)tegra|gpu|trt|tensorrt|myelin|onnx|torch|argus)|egl|gles|glx|gldispatch|gl\b|"
                    r"vulkan|opencl|va\b|va-|drm")
# A discrete GPU's driver: NVML, nvidia-smi, its kernel module, its /dev/nvidia* nodes (and AMD's /dev/kfd) and its
# video-codec libraries.
_DISCRETE_DRIVER = (r"\bnvml|nvidia-smi|\bnvidia (?:kernel )?(?:driver|module)\b|\bnvidia\.ko\b|/dev/nvidia|/dev/kfd\b|"
                    r"\blib(?:nvcuvid|nvidia-encode|nvidia-ml)\b|"
                    # (a laptop's Optimus switching, Bumblebee's daemon and its runners: the discrete GPU's own stack)
                    r"\bbumblebeed?\b|\boptirun\b|\bprimusrun\b")
# The word "device", not the devices controller's own files (/sys/fs/cgroup/devices/.../devices.allow).
_DEVICE_NOUN = r"(?<![/\w])devices?\b(?!/|\.(?:allow|deny|list)\b)"
# A file's path ending in a config's, a label list's or a model's extension.
_DATA_FILE = (r"(?<![\w.-])[\w./~-]*[\w-]\.(?:txt|ya?ml|json|cfg|conf|ini|toml|xml|prototxt|names|labels|onnx|engine|"
              r"plan|pth?|etlt|caffemodel|uff|weights|pb|tflite|safetensors|gguf)\b(?![.\w])")
# A mismatch of versions, not of what a check compares otherwise: credentials ("Authentication mismatch"), a download's
# checksum, hash or signature (apt's "Hash Sum mismatch", conda's ChecksumMismatchError, its "mismatch between the
# expected content and downloaded content"), or a tensor's shape, size, dimension or (d)type, which are a program's or
# its download's own.
_VERSIONS_MISMATCH = (r"(?<!authentication )(?<!checksum )(?<!checksum)(?<!hash )(?<!hash sum )(?<!signature )"
                      r"(?<!digest )(?<!size )(?<!shape )(?<!dimension )(?<!type )mismatch"
                      r"(?! between the expected content)")
# What a failing line mentions, most decisive first: a GPU node is the node cause; a file system that refuses a write
# (read-only, full, a path that exists already) is no GPU access, even where the file it names is the GPU's (a CUDA
# library unpacked onto the runtime's read-only mount); a GPU library that is an empty placeholder, or missing, is
# what the runtime injects (or the software); NVML, nvidia-smi and /dev/nvidia* are a discrete GPU's driver; CDI, the
# NVIDIA runtime or a device plugin is how the GPU is injected; a permission to a device, with no node named, is the
# node CUDA opens on that release; a named library or a program's own module (ggml-rocm.so) outside the GPU's stack,
# on a line that names no GPU, is the program's packaging, not GPU access; a version, ABI or support word, or an
# unnamed library, is the software; a config, label or model file the program cannot find is its own; any other GPU
# word (a CUDA API name among them) is a GPU failure of unknown kind; a failing line with none of these is not GPU
# access ("other").
FAILURE_KINDS: Tuple[Tuple[str, Pattern[str]], ...] = (
    # (a discrete GPU's /dev/nvidia* is the "driver" kind's)
    ("gpu-node", re.compile(GPU_NODE_PATH.replace("nv(?!", "nv(?!idia|") + r"|\bnvhost|nvmap|\bnvgpu\b|\brenderd\d|"
                            r"\bnvrm\w*(?:init|open)|"
                            r"\b(?:render|video) group\b", re.I)),
    ("filesystem", re.compile(r"read-only file system|no space left on device|disk quota exceeded|"
                              r"/[\w./-]+['\"`\u2019]?:\s*file exists", re.I)),  # a path that exists already
    ("library-placeholder", re.compile(r"(?:{})[^\n]{{0,80}}(?:file too short|truncated|is empty|:\s*empty\b)".format(
        _GPU_LIBRARY), re.I)),
    ("driver", re.compile(_DISCRETE_DRIVER, re.I)),
    ("injection", re.compile(r"\bcdi\b|nvidia-container-(?:runtime|cli|toolkit)|libnvidia-container|\bdevice[- ]plugin\b|"
                             r"\bruntime hook\b", re.I)),
    ("device-permission", re.compile(r"(?:permission|eacces|eperm|not permitted)[^\n]{0,40}(?:" + _DEVICE_NOUN + r"|"
                                     r"/dev\b)|(?:" + _DEVICE_NOUN + r"|/dev/)[^\n]{0,40}"
                                     r"(?:permission|eacces|eperm|not permitted)", re.I)),
    # a GPU library, or Argus's that does not load (of another L4T release, or not brought into a container)
    ("gpu-library", re.compile(_GPU_LIBRARY + r"|(?:symbol lookup error|undefined symbol|shared object|error while loading)"
                               r"[^\n]*\blib(?:nv)?argus|\blib(?:nv)?argus\w*\.so[^\n]*(?:undefined symbol|shared object|"
                               r"not found)", re.I)),
    # a camera's source, device or library at work (V4L2, Argus, a CSI sensor), on a line that names no GPU work, no GPU
    # library and no library that does not load (Argus's comes from the host through the runtime on JetPack 4): the GPU
    # is not what failed. Below the GPU's libraries: a camera program that also lacks TensorRT lacks the libraries.
    ("camera", re.compile(r"^(?![^\n]*(?:\bcuda|\bgpu\b|\btrt\b|tensorrt|nvbufsurface|\bcu[A-Z]|shared object|"
                          r"loading shared librar|symbol lookup error|undefined symbol|" + _GPU_LIBRARY + r"))[^\n]*?"
                          r"(?:\bv4l2src\d*\b|\bnvarguscamerasrc\d*\b|/dev/video\d|\bcameras?\b|\b(?:lib)?(?:nv)?argus\b|\bcsi\b|"
                          # the camera's own engines: its real-time CPU, the CSI receiver, the video input (VI)
                          r"\b(?:cam-)?rtcpu\b|\bcamrtc\b|\bnvcsi\b|\bvi-output\b|\bcapture-vi\b|\bphy_intr\b|\bpxl_sof\b|"
                          r"\bthe vi\b)",
                          re.I)),
    # (a module without "lib" only where it is missing, and no framework's: torchvision/_C.so with an undefined symbol
    # is the framework's build for another torch)
    ("other-library", re.compile(r"^(?![^\n]*(?:\bgpus?\b|cuda|nvidia|(?<!in)tegra|/dev/))(?:[^\n]*?(?<![\w+.-])lib(?!" +
                                 _GPU_STACK_NAMES + r")[\w+-]*\.so(?![\w+-])|"
                                 r"(?![^\n]*(?:undefined symbol|torch|tensorflow|tensorrt|onnx|jax|paddle|cupy|mxnet))"
                                 r"[^\n]*?(?<![\w+.-])(?!lib|" + _GPU_STACK_NAMES + r")[\w+-]+\.so(?![\w+.-])[^\n]*?"
                                 r"\b(?:not found|cannot open|no such file))", re.I)),
    ("library", re.compile(r"\.so\b|(?<!/)\blibrar(?:y|ies)\b(?!/)", re.I)),  # (not a URL's path: /v2/library/llama)
    # (not a board's: "older versions of Jetson Orin Nano")
    ("version", re.compile(r"(?<![/\w])versions?\b(?!/)(?!\s+of\s+(?:the\s+|an?\s+)?(?:nvidia\s+)?(?:jetson|orin|xavier|"
                           r"agx|tx[12]|boards?|modules?|devices?|hardware|carrier)\b)|\babi\b|undefined symbol|"
                           r"undefined reference|unsupported|not supported|" + _VERSIONS_MISMATCH +
                           r"|incompatible|compute capability|\bsm_\d+|"
                           # (software said not to fit a Jetson: "This option is not yet compatible with Jetson devices",
                           # "isn't compatible with Jetson devices yet", "does not support Jetson")
                           r"(?:\bnot|n't)\s+(?:yet\s+)?(?:compatible\s+with|supported\s+on|support)\s+" + _A_JETSON + r"\b|"
                           r"\b(?:l4t|jetpack|cuda|tensorrt|cudnn)\b[^\n]{0,80}?\bconflicts?\b|"  # a conflict with the GPU's software
                           r"\brequires?\s+(?:cudnn|cuda|tensorrt|cublas)\s*(?:version\s*)?[\d>=]", re.I)),
    # a file the program was pointed at (a config, a label list, a model) missing or unreadable, however GPU-like its
    # path (/opt/nvidia/deepstream/...): not the GPU's stack, whose files (a loader's ICD or vendor file, the toolkit's
    # CSV, a CDI spec, a hook's, the linker's cache, X's config, CUDA's own tree, the driver's configuration, a node) are
    # read by the kinds above or by "gpu". (Not a model that fails to load: an engine TensorRT could not build fails
    # so.) Among other failing lines it tells least (_LEAST_TELLING): a config file a program goes on without is routine.
    ("data-file", re.compile(r"^(?![^\n]*(?:icd\.d|_icd\b|vendor\.d|glvnd|vulkan|egl_external_platform|/cdi/|hooks\.d|"
                             r"ld\.so|xorg|nvidia-container|/usr/local/cuda|/etc/nvidia/|/proc/driver|nvswitch|\.so\b|/dev/))"
                             r"(?:[^\n]*?" + _DATA_FILE + r"['\"`]?:?\s*\(?(?:no such file|not found|does not exist|"
                             r"doesn't exist|is missing)|[^\n]*?(?:can't|cannot|could not|couldn't|unable to|failed to)\s+"
                             r"(?:read|stat|open|find|access)\s+(?:(?:[\w-]+\s+){0,2}?file\s*:?\s*)?['\"`]?" + _DATA_FILE +
                             r"|[^\n]*?no such file or directory:\s*['\"`]?" + _DATA_FILE + r")", re.I)),
    ("gpu", re.compile(r"(?-i:\bcu(?:da)?[A-Z][a-z]\w*)|"  # a CUDA API function: cudaGetDeviceCount, cuInit
                       # (not a dashboard's variable: "Templating [gpu]", "$gpu"; nor, here or below, the kubelet's
                       # socket of a device plugin, /var/lib/kubelet/device-plugins/nvidia-gpu.sock: Kubernetes' plumbing)
                       # (nor a log's field naming the device a request ran on: "device=cuda:0 status_code=500")
                       r"(?<!\s\[)(?<!\$)\bgpus?\b(?![\w-]*\.sock\b)|(?<!=)\bcuda\b|"
                       # (not the default user's name: /home/nvidia, nvidia@host; nor L4T's packages and scripts that
                       # boot and set up the board, not its GPU: nvidia-l4t-bootloader, /opt/nvidia/l4t-bootloader-config;
                       # nor a board's device-tree name: "nvidia,p3767-0003", "nvidia,tegra234")
                       # (nor NVIDIA as the author of a guide: "they differ from nvidia docs")
                       r"(?<!home/)\bnvidia\b(?!@|,(?:p\d{4}|tegra\w*)\b|[\w-]*\.sock\b|\s+(?:jetson|agx|orin|xavier|nano|igx|thor|tx[12]\b|drive\b|"
                       r"developer kit|devkit)|(?:'s)?\s+(?:docs?|documentation|guides?|tutorials?|forums?|instructions)\b|"
                       r"[-/]l4t-(?:bootloader|init|initrd|oem-config|xusb-firmware|jetson-io|apt-source|"
                       r"nvfancontrol|nvpmodel|configs|tools)\b)|"
                       r"\btensorrt\b|\bcudnn\b|\bigpu\b|\bhip\b|\brocm\w*|\bopencl\b|\boptix\w*|"  # (OptiX: the driver's ray tracer)
                       # (the graphics card in Chinese, Japanese and Korean)
                       r"显卡|顯示?卡|グラ(?:フィック)?(?:ス)?(?:カード|ボード)|그래픽\s*카드|"
                       # (a graphics API's adapter: none found, or asked for)
                       r"\b" + _NO_ADAPTER + r"\b|\brequestadapter\b|\bappropriate\s+adapter\b|"
                       # (the driver by its version: "on RTX 5070 Ti + driver 595.79")
                       r"\bdrivers?\s+(?:version\s+)?v?\d{3}\.\d{1,3}(?:\.\d{1,3})?\b|"
                       # (AMD's runtime and libraries: HSA, Tensile, rocBLAS, MIOpen; a backend's own name: ggml_vulkan)
                       r"\bhsa\b|\btensile\b|\brocblas\b|\bhipblas\w*|\bmiopen\b|(?:\b|_)vulkan\b|\blibva\b|"
                       r"\bvdpau\w*|\bva-?api\b|\bvainfo\b|\bhip(?:err\w*)?\b|"
                       # the video-codec API as code names it (NvEncoder, nvEncOpenEncodeSessionEx, cuvidCreateDecoder)
                       r"(?-i:\b(?:[Nn]vEnc|[Nn]vDec|cuvid)\w*)", re.I)),
)
# A GPU node's line is the node cause only where it says the node was refused or out of reach, or the group that grants
# it failed; the GPU driver's own complaint about its engine ("nvgpu: ... PMU wait timeout expired") is a GPU failure
# of unknown kind.
# (opening the node is access: "open /dev/nvhost-ctrl-gpu failed: errno 13", "Error opening /dev/nvmap: 13",
# "NvRmPrivOpen failed"; errno 13 is EACCES)
_ACCESS_REFUSED = re.compile(r"permission|denied|eacces|eperm|not permitted|os error 13|no access|not accessible|"
                             r"\b(?:render|video) group\b|\bopen(?:ing|ed)?\b|\bnvrm\w*(?:open|init)|"
                             r"(?:cannot|can't|could not|couldn't|failed to|unable to|fails? to) (?:access|use)\b|"
                             r"\berrno\W{0,3}13\b|[(=:]\s*-?13\b|\breturned\s+-?13\b", re.I)
# Kinds that say what a line is but, on a line that names nothing of the GPU, tell least among several failing lines:
# a full or read-only file system, or a library outside the GPU's stack, is routine noise beside the GPU's own failure
# (journal watch limits, plugin scanners); such a line decides only when no other failing line names anything.
_LEAST_TELLING = ("filesystem", "other-library", "data-file")
_NO_SUCH_NODE = re.compile(r"no such (?:file|device)", re.I)


def _refuses_access(line: str) -> bool:
    """Whether a GPU node's failing line says access to it was refused (and not that the node is missing)."""
    return bool(_ACCESS_REFUSED.search(line)) and not _NO_SUCH_NODE.search(line)
_NAMES_GPU = re.compile("|".join(pattern.pattern for kind, pattern in FAILURE_KINDS if kind in ("gpu-library", "gpu")), re.I)
# A device node a line names: a GPU's (Tegra, DRM, a discrete GPU's), or another device's (a camera, a serial port,
# I2C, GPIO): a permission to another device is no GPU access, whatever group it shares.
_GPU_DEVICE = re.compile(GPU_NODE_PATH, re.I)
_OTHER_DEVICE = re.compile(r"/dev/(?!" + GPU_NODE_PATH[len("/dev/"):] + r")[a-z]", re.I)
# A denial that names no file, and a paste that names the GPU (its node, a discrete GPU's driver or model, AMD's and Intel's
# GPU tools) elsewhere: the denial is the GPU's.
_UNNAMED_DENIAL = re.compile(r"permission|eacces|eperm|not permitted|os error 13", re.I)
_PATH = re.compile(r"(?:^|[\s'\"(=:])(?:/|~/|\./)[\w.-]", re.I)
_GPU_NAMED = re.compile(r"/dev/(?:nv|dri/|kfd\b)|\bnvml\b|\bDriver Version:|\b(?:GeForce|Quadro|RTX|Radeon)\b|"
                        r"\bamdgpu\w*|\bintel_gpu_top\b|\brocm-smi\b", re.I)
# Where the paste shows it ran inside a container or an image build (which on a Jetson gets no GPU libraries
# unless the engine's default runtime is nvidia): BuildKit and classic build steps, a Compose service's log prefix
# on two lines in a row (`detector_1  | `, `api-1  | `; one such line may be a table row), engines, pods.
# A build's or an orchestrator's own row start (BuildKit's "#7 0.512 " and its error's "> [4/8] RUN ", the classic
# builder's "Step 3/9 :", Compose's "app_1  | " prefix on two rows in a row), matched at each row; and the words that
# name a container, searched only on the rows that hold one of _CONTAINER_KEYS (one search of the whole window took a
# quarter second on 512 KiB).
_CONTAINER_ROW = re.compile(r"#\d+ \d+\.\d+ |Step \d+/\d+ :|\s*> \[[\w -]*?\d+/\d+\] (?:RUN|COPY|FROM) |"
                            r"[0-9a-f]{12} {2,}[\w./:@-]+ {2,}\"|"  # `docker ps`: a container's id, image and command
                            r"([\w.-]+[_-]\d{1,3}) +\| .*\n\1 +\| ", re.I)
# (a Dockerfile's FROM and ARG are matched in capitals only: Python's "from torch import cuda" is no build)
_CONTAINER_SAID = re.compile(r"---> Running in |\bdocker[ _-]build|\bdockerfile\b|\sup\s+--build\b|^\s*(?-i:RUN)\s+\S|"
                             r"^\s*(?-i:ARG|FROM)\s+[\w${}./-]+(?:=|:\S|\s+(?-i:AS)\b|\s*$)|"
                             r"\bjetson-containers (?:build|run)\b|\b(?:singularity|apptainer) (?:exec|run|shell)\b|"
                             r"\bkubernetes\b|\bk8s\b|\bk3s\b|\bkubectl\b|\bpods?\b|"
                             # (a system container: LXC, LXD and Incus, Proxmox's CT)
                             r"\blxc\b|\blxd\b|\bincus\b|"
                             # the daemon's default runtime as its file or `docker info` shows it, or said to be changed
                             r"[\"']default-runtime[\"']\s*:|\bdefault runtime:\s*\w|\b(?:set|chang(?:e|ed|ing)|switch(?:ed)?|"
                             r"configured?)\b[^\n]{0,20}?\bdefault[ _-]runtime\b[^\n]{0,10}?\bto\b|"
                             r"(?<!\bno )(?<!\bnot in a )(?<!\bwithout a )(?<!\bwithout any )(?<!\boutside a )"
                             # (not the jetson-containers project's name, which runs nothing by itself being named)
                             r"(?<!\boutside the )(?<!\boutside any )(?<!jetson-)\bcontainers?\b", re.I)
_CONTAINER_KEYS = ("running in", "docker build", "docker_build", "docker-build", "arg ", "from ", "run ", "--build", "dockerfile",
                   "jetson-containers", "singularity", "apptainer", "kube", "k8s", "k3s", "pod", "container", "lxc", "lxd", "incus",
                   "default runtime", "default-runtime", "default_runtime")


# What would happen otherwise ("CUDA must be set up, otherwise the SDK cannot work"): advice, not a failure seen.
_OTHERWISE = re.compile(r"\b(?:otherwise|or else)\b[^.;!?\n]{0,80}$", re.I)
# The service name compose puts before each line of its log ("ollama-gpu-1  | "): a name the user chose, no failure's word.
_LOG_PREFIX = re.compile(r"^[ \t]*[\w.-]+[ \t]+\|[ \t]")
# The dynamic loader refusing to start the program for a library it lacks: the failure itself, never noise beside another.
_CANNOT_START = re.compile(r"error while loading shared libraries", re.I)
# A program's notice that it goes on without a part ("NVML disabled (failed to load NVML)", "GPU monitoring will be
# disabled"): what failed after it says more.
_GOES_ON_WITHOUT = re.compile(r"\bnvml\W{0,20}disabled\b|\bmonitoring\b[^\n]{0,30}\b(?:will be|is|was)\s+disabled\b", re.I)
# An L4T release file's line: a Jetson's own output, so a library failure beside it may be the GPU's.
_L4T_RELEASE = re.compile(r"#\s*R\d\d\s+\(release\)", re.I)
# An error only referred to, shown elsewhere or not at all ("It returns the same error.", "Similar errors occur if ..."):
# it names nothing that failed, so any other failing line tells more.
_SAME_ERROR = re.compile(r"\bsame\s+(?:error|issue|problem|failure)s?\s*(?:[.!]+\s*)?$|"
                         r"^\W*(?:similar|the\s+same)\s+(?:error|issue|problem|failure)s?\s+(?:occur|happen|appear)s?\b"
                         r"(?![^\n]*:\s*\S)", re.I)  # (not one that goes on to quote it: "... happens with v2: KeyError")
# A Python traceback's header: its exception, if the paste has it, is printed below the frames.
_TRACEBACK_ONLY = re.compile(r"^\W*traceback \(most recent call last\):?\W*$", re.I)
# A line TensorFlow, XLA or glog logs at the info level ("I tensorflow/...", "I0412 10:00:00"): it reports, it does
# not fail (TensorFlow on every Jetson logs that it "could not open file to read NUMA node", at the info level or,
# before, at the error level).
_INFO_LINE = re.compile(r"^[^\n]{0,64}?(?:(?<![\w.-])I(?:\d{4} \d\d:\d\d|\s+(?:tensorflow|external|xla)/)|"
                        r"\[\s?(?:info|debug)\s?\]|\blevel=(?:info|debug)\b)|"  # (glog's, TensorFlow's, spdlog's, logrus's)
                        r"^DEBU\[?\b|"  # (logrus's debug level as podman and toolbox print it: a probe's note, no failure)
                        # (and the NUMA note, which older TensorFlow and JAX log at the error level on machines whose
                        # kernel gives the GPU no NUMA node: WSL, Jetsons; their maintainers call it benign, jax#5361)
                        r"\bcould not open file to read numa node\b", re.I)


def find_failure(text: str, cleaned: Optional[str] = None, memo: Optional[LineMemo] = None) -> Optional[Failure]:
    """The most telling line that says something failed, or None: read from the first and last FACT_WINDOW characters, at
    most MAX_KEY_HITS lines a key, so its cost stays bounded on any paste. ``cleaned`` is that part of the
    text already normalised, when the caller has it; ``memo`` keeps each line's weight for another reading."""
    memo = {} if memo is None else memo
    clean = normalise(window(text)[0]) if cleaned is None else cleaned
    lowered = clean.lower()
    if len(lowered) != len(clean):
        clean = lowered
    spans = sorted({span for key in _FAILURE_KEYS if key in lowered for span in _key_lines(key, lowered)})
    best: Optional[Tuple[Tuple[bool, bool, int, bool], str]] = None
    tried: Set[str] = set()  # a line read once is read alike again (a log repeats its lines), and the first one wins
    for start, end in spans:
        line = clean[start:end]
        if line in tried:
            continue
        tried.add(line)
        order = remembered(memo, ("failure", line, ""), _failure_weight, line)
        if order is not None and (best is None or order < best[0]):
            best = (order, _with_wrapped_rest(clean, start, end, line.strip()) if order[2] == len(FAILURE_KINDS)
                    else line.strip())
            if order == _TELLS_MOST:
                break  # no later line can tell more, and the first of equals wins
    if best is None:
        return None
    if best[0][2] == len(FAILURE_KINDS) and best[1] not in tried:  # a sentence hard-wrapped: its kind from the whole
        best = (_failure_weight(best[1]) or best[0], best[1])
    index = best[0][2]
    kind = FAILURE_KINDS[index][0] if index < len(FAILURE_KINDS) else "other"
    if kind == "other" and _UNNAMED_DENIAL.search(best[1]) and not _PATH.search(best[1]) and _GPU_NAMED.search(clean):
        kind = "gpu"  # "Permission denied (os error 13)" after a line that printed the GPU's node: the GPU's permission
    if kind == "library" and ".so" not in best[1] and _LIBRARY_BUILT.search(best[1]):
        kind = "other"  # the libraries a build makes ("building the stand alone RTAB-Map libraries"): the build failed
    if kind == "library" and ".so" not in best[1] and not any(
            p.search(clean) for p in (_GPU_SOFTWARE, _GPU_DEVICE, _GPU_NAMED, _NAMES_GPU, _L4T_RELEASE)):
        kind = "other"  # a library, in words, in a paste that names nothing of a GPU: another program's (GPIO, an NPU)
    if kind in ("other", "gpu-node", "gpu") and _says_only_a_symptom(best[1]):
        kind = "symptom" if kind == "other" else "gpu-symptom"  # it timed out or hangs: how, not why
    if kind == "other" and (_TRACEBACK_ONLY.match(best[1]) or _SAME_ERROR.search(best[1])):
        kind = "unshown"  # a traceback cut off above its exception, an error referred to: what failed is not in the paste
    return Failure(kind, best[1][:300])


# Libraries a build makes, in words: what failed is the build, whatever it builds.
# ("building the engine the cudnn library is not found" is a library missing at build time)
_LIBRARY_BUILT = re.compile(r"\b(?:build(?:ing)?|compil(?:e|ing))\s+(?:(?:the|my|our|its|this|from\s+source)\s+)*"
                            r"(?:(?!(?:the|a|an)\b)[\w.+-]+\s+){0,3}?librar(?:y|ies)\b"
                            r"(?![^\n.;]{0,30}?\b(?:not\s+found|missing|cannot|can't|could\s*n[o']t|no\s+such|"
                            r"fail\w*\s+to\s+(?:load|open|find))\b)", re.I)


def _cut_off_while_loading(clean: str, failure: Optional[Failure]) -> Optional[Failure]:
    """The failure, unless it tells nothing of the GPU and a traceback the paste cuts off above its exception ends in
    torch's start-up loading its CUDA libraries (libtorch_global_deps): which library did not load is not shown, but
    loading one is what failed."""
    loading = _LOADING_CUDA.search(clean) if failure is None or failure.kind in ("other", "unshown") else None
    if loading and not _EXCEPTION_LINE.search(clean, loading.end()):
        return Failure("gpu-library", loading.group(0).strip()[:300])
    return failure


_LOADING_CUDA = re.compile(r'^[ \t]*file "[^"\n]*torch/__init__\.py", line \d+, in _load_global_deps\b[^\n]*', re.M | re.I)
_EXCEPTION_LINE = re.compile(r"^[ \t]*[\w.]*(?:error|exception)\b", re.M | re.I)


# Words that say how something failed (it timed out, exits at once) and not what: the symptom of any cause (a log's
# routine timeouts among them). Such a line tells least among failing lines and leaves the cause unknown. (A hang said
# of the boot or a service, read before these words were, stays a failure that is not the GPU's.)
_SYMPTOM = re.compile(r"timed out|times out|timeout .+|.+ timeout|exit(?:s|ed)? (?:immediately|right away|at once|"
                      r"instantly)", re.I)


# WSL's own virtual machine stopping under a program: how, not why (its kernel, the GPU's paravirtual driver among it,
# the host's memory, a Windows update), not the program's failure.
_WSL_ITSELF_STOPS = re.compile(r"\bwsl2?\s+(?:itself\s+|instance\s+)?(?:crash(?:es|ed)?|exit(?:s|ed)|dies|died|"
                               r"terminat(?:es|ed)|shuts?\s+down)\b", re.I)


def _says_only_a_symptom(line: str) -> bool:
    stops = [m.span() for m in _WSL_ITSELF_STOPS.finditer(line)]
    return all(_SYMPTOM.fullmatch(said.group()) or any(a <= said.start() < b for a, b in stops)
               for said in _failures_said(line))


def _failure_said(line: str) -> Optional[Match[str]]:
    """The first words of the line that say something failed, past an error said not to happen."""
    return next(_failures_said(line), None)


def _failures_said(line: str) -> Iterator[Match[str]]:
    """The words of the line that say something failed, but an error said not to happen or only introduced."""
    stripped = line.rstrip()  # (the introduction ends the line: read without trailing blanks, no blank run is tried twice)
    introduced = _INTRODUCES_THE_ERROR.search(stripped)
    if introduced and not (stripped.endswith((":", "\uff1a")) or _POINTS_BELOW.search(introduced.group())):
        introduced = None  # "it gives an error" says it failed; "gives the following error" points below
    # (from the error's own noun: "I got a permission denied error:" still says what was denied)
    noun = max(introduced.start("noun"), introduced.start("subject"), introduced.start("named")) if introduced else len(line)
    for said in _FAILURE.finditer(line):
        if said.start() >= noun:
            break  # "... I got the following error message:": the error is printed below, not on this line
        if _CJK_FAILURE.fullmatch(said.group()) and stripped.endswith((":", "\uff1a")) and len(stripped) - said.end() <= 12:
            break  # "报错如下：", "以下のエラーが出ます：": the same, in Chinese, Japanese or Korean
        if not _said_not_to_happen(line, said):
            yield said


def _said_not_to_happen(line: str, said: Match[str]) -> bool:
    """Whether the words of failure are negated, foreseen, counted as none, a field's empty value or part of an
    option's name ("--fail-on-init-error=false", "--ignore-errors"), not a failure."""
    before = max(0, said.start() - 60)
    if _IN_AN_OPTION.search(line, before, said.start()):
        return True
    cjk = _CJK_FAILURE_WORDS.get(said.group())
    if cjk:
        negated_before, negated_after = cjk
        return bool((negated_before and negated_before.search(line, before, said.start()))
                    or (negated_after and negated_after.match(line, said.end())))
    return bool((_NEGATABLE_FAILURE.fullmatch(said.group()) and (_NO_FAILURE_BEFORE.search(line, before, said.start())
                                                                or _FORESEEN_BEFORE.search(line, before, said.start())))
                or (said.group().lower() == "errors" and _NONE_COUNTED.search(line, before, said.start()))
                or (_NOT_COLLECTED.match(line, said.start()) and line[:said.start()].rstrip().endswith(":"))
                or (_A_MESSAGE_AFTER.match(line, said.end()) and bool(_MESSAGE_CHANGED_BEFORE.search(line, before,
                                                                                                 said.start()))))


# An error message a change adds or improves ("#4441 added a nicer error message", "improves the error message when
# ..."): the program's wording, written for a failure to come, not one that happened.
_A_MESSAGE_AFTER = re.compile(r"\s+messages?\b", re.I)
_MESSAGE_CHANGED_BEFORE = re.compile(r"\b(?:add(?:s|ed|ing)?|improv(?:e|es|ed|ing)|reword(?:s|ed|ing)?|rephras(?:e|es|ed|ing)|"
                                     r"print(?:s|ed|ing)?\s+(?:an?|the)\s+(?:better|nicer|clearer))\s+(?:an?\s+|the\s+|"
                                     r"this\s+|its\s+)?(?:(?:better|nicer|clearer|friendlier|more\s+(?:helpful|useful|"
                                     r"descriptive|informative))\s+)?$", re.I)

# A command-line option's name up to the words of failure in it ("--fail-", "--ignore-", "--on-").
_IN_AN_OPTION = re.compile(r"(?<![\w-])--?[\w-]*$")
# The words of failure in Chinese, Japanese and Korean (_FAILURE's last alternatives).
_CJK_FAILURE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af][\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af ]*")
# A sentence's end that introduces the error printed below it ("When I run it, I got the following error message:",
# "gives this error:"): it points at the failure, it is not one. (Not "returned error:", a program's own line.)
_INTRODUCES_THE_ERROR = re.compile(r"\b(?:got|get|gets|getting|gives?|gave|giving|see|saw|seeing|shows?|showed|throws?|threw|"
                                   r"encounter(?:ed|s|ing)?|receiv(?:e|es|ed|ing)|following)\b[^:\n]{0,40}?\b(?P<noun>errors?|exceptions?|"
                                   r"failures?|tracebacks?)(?:\s+(?:messages?|logs?|outputs?|traces?))?(?:\s+(?:below|as follows))?"
                                   # (what was done when it came: "... these errors when attempting to use the OCR:")
                                   r"(?:,?\s+(?:when|while|after|whenever|on)\b[^:.\n]{0,80}:)?"
                                   r" ?[:\uff1a]?$|"
                                   r"\b(?P<subject>errors?)(?:\s+(?:that|which))?\s+(?:occurs?|occurred|appears?|appeared|happens?|"
                                   r"happened|comes?|came|is|are|was|were)(?:\s+up)?\s+(?:below|as follows) ?[:\uff1a]?$|"
                                   # ("I think this is the main error:", "here are the errors:")
                                   r"\b(?:this|that|here|below)\s+(?:is|are)\s+(?:the|my|our)\s+(?:\w+\s+){0,2}?(?P<named>errors?|"
                                   r"exceptions?|failures?|tracebacks?)(?:\s+(?:messages?|logs?|outputs?))? ?[:\uff1a]$", re.I)
_POINTS_BELOW = re.compile(r"\b(?:following|this|these|below|as follows)\b", re.I)
# CUDA's driver API failing by name or number, which a framework may log at the info level (JAX's xla_bridge does):
# CUDA's own failure, whatever the level.
_DRIVER_CALL_FAILED = re.compile(r"(?-i:\bcu[A-Z]\w*)\([^)\n]{0,40}\)\s+failed\b|(?-i:\bCUDA_ERROR_[A-Z_]+)|"
                                 r"\bunknown cuda error\b", re.I)
_TELLS_MOST = (False, False, 0, False)  # _failure_weight's least: an exception's own line that refuses a GPU node


# The start of a line that carries on the sentence above it: a lower-case preposition, conjunction or article (not a
# command or a new sentence that starts in lower case: "nvidia-smi shows the card", "cuda work is done").
_RUNS_ON = re.compile(r"(?-i:(?:in|on|at|of|for|with|without|when|while|after|before|during|from|to|into|and|or|but|because|"
                      r"since|as|the|a|an|which|that|if|by|via|under)\b)")


def _with_wrapped_rest(clean: str, start: int, end: int, line: str) -> str:
    """``line`` with the rest of its sentence: for a list item, the sentence the list's lead begins and its first item
    finishes ("containers with `--gpu`" / "- do not start correctly anymore"), which the items below it go on about;
    or, where prose runs on past the line's end with no closing punctuation, the next line joined where it carries the
    sentence on ("... crashes with access violation" / "in omni.kit... on RTX 5070 Ti + driver 595.79.")."""
    lead = _list_lead(clean, start, line)
    if lead:
        return lead
    if not line or line[-1] in ".!?:;)]}\"'`" or end >= len(clean):
        return line
    stop = clean.find("\n", end + 1)
    rest = clean[end + 1:stop if stop >= 0 else len(clean)].strip()
    return line + " " + rest if _RUNS_ON.match(rest) else line


# A list item (a bullet or a number), and one that opens with a verb, no subject of its own: the predicate of a sentence
# its lead begins ("our gpu containers" / "1. do not start anymore"), unlike an item that names its own subject ("- the
# web ui fails to start") or a step of a recipe ("1. Start the container", whose verbs no predicate here opens with).
_ITEM = re.compile(r"^[ \t]*(?:[-*\u2022]|\d{1,2}[.)])[ \t]+")
_PREDICATE_ITEM = re.compile(_ITEM.pattern + r"(?:do|does|did|can|could|will|would|are|is|were|was)(?:\s*not|n['\u2019]?t)?\b|"
                             + _ITEM.pattern + r"(?:cannot|won['\u2019]?t|never|no\s+longer|(?:become|fail|hang|freeze|stay)s?|"
                             r"crash(?:es)?)\b", re.I)
_LEAD_MAX = 160  # a lead longer than a line of prose is a paragraph, not the start of one sentence
_ITEMS_MAX = 12  # (a list of a dozen items at most)
_LIST_WINDOW = 8192  # the characters looked back for a list's lead


def _list_lead(clean: str, start: int, line: str) -> str:
    """Where ``line`` is an item of a list whose first item finishes its lead's sentence (an unindented lead that ends
    in no full stop, or in the colon that opens the list), the lead and that first item as one line; "" otherwise."""
    if not _ITEM.match(line):
        return ""
    above = max(0, start - _LIST_WINDOW)  # (a bounded look back, whatever the paste's size)
    rows = clean[above:start].rstrip("\n").split("\n")
    if above and clean[above - 1] != "\n":
        rows = rows[1:]  # (a row the window cuts is no lead)
    rows = rows[-_ITEMS_MAX - 1:] + [line]
    for at in range(len(rows) - 2, -1, -1):
        if _ITEM.match(rows[at]):
            continue
        lead, first = rows[at], rows[at + 1]
        if lead.strip() == lead != "" and len(lead) <= _LEAD_MAX and lead[-1] not in ".!?;)]}\"'" \
                and not lead.startswith(("#", "*")) and _PREDICATE_ITEM.match(first):
            return lead + " " + first.strip()
        return ""
    return ""


# A feature a program says it does not have ("NotImplementedError: ... not supported when replaying on GPU ..."): no
# kind of the GPU's; not one that names the framework's backend an operator lacks (a build without CUDA kernels), one
# a program raises for a GPU it finds unavailable ("NotImplementedError: Cuda is not available"), nor one that wraps
# the failure behind it ("... not supported: libnvcuvid.so.1 not found", "... because libnvcuvid.so.1 cannot be
# loaded"), which that failure's words tell.
_NOT_SUPPORTED = re.compile(r"\bnot\s+(?:yet\s+)?(?:supported|implemented)\b", re.I)
_WRAPS = re.compile(r":|\b(?:because|since|as|due to)\b", re.I)
_WRAPPED_FAILURE = re.compile(r"\b(?:not found|cannot|can't|could not|failed|fails|error|denied|eacces|eperm|missing|"
                              r"no such|not loaded|unable)\b", re.I)


def _unimplemented(body: str) -> bool:
    """Whether the line is such a NotImplementedError (the comment above says which), found by plain scans one after
    another, none nested in another: the time stays linear in the line's length."""
    at = body.find("NotImplementedError")
    said = _NOT_SUPPORTED.search(body, at) if at >= 0 else None
    if said is None or "backend" in body[at:].lower():
        return False
    wraps = _WRAPS.search(body, said.end())
    return wraps is None or not _WRAPPED_FAILURE.search(body, wraps.end())


def _failure_weight(line: str) -> Optional[Tuple[bool, bool, int, bool]]:
    """How little a failing line tells (lower tells more): a traceback's header only, routine noise, its kind's rank in
    FAILURE_KINDS, and for a GPU node's line whether it refuses no access; None for a line that says nothing failed."""
    said = _failure_said(line)
    if not said or _FAILURE_HEADING.match(line) or _OTHERWISE.search(line, 0, said.start()) or (
            _INFO_LINE.search(line) and not _DRIVER_CALL_FAILED.search(line)) or OPTIONAL_TENSORRT.search(line) \
            or _SAYS_TO_IGNORE_IT.match(line, said.end()):
        return None
    body = _without_works_said(_LOG_PREFIX.sub("", line, count=1))  # what failed, not who printed it or what works
    # Nor, in the reporter's words beside a failure said of its own, what a link set aside names (a guide they followed,
    # a page they looked at); a link naming the error, or one the words point back to ("that error"), still counts.
    unlinked = _LINK_ASIDE.sub(" ", body) if _FIRST_PERSON.search(body) else body
    if unlinked != body and _failure_said(unlinked) and not _POINTS_BACK.search(unlinked):
        body = unlinked
    index = len(FAILURE_KINDS) if _unimplemented(body) else next(
        (n for n, (kind, pattern) in enumerate(FAILURE_KINDS) if pattern.search(body)
         and not (kind == "device-permission" and _OTHER_DEVICE.search(body) and not _GPU_DEVICE.search(body))),
        len(FAILURE_KINDS))
    noise = index < len(FAILURE_KINDS) and FAILURE_KINDS[index][0] in _LEAST_TELLING and not _NAMES_GPU.search(body) \
        and not _CANNOT_START.search(body)
    noise = noise or _says_only_a_symptom(line) or bool(_GOES_ON_WITHOUT.search(body)) \
        or bool(_SAME_ERROR.search(body))
    # a node's line that refuses no access tells less (nor does one that finds no node: that node is absent)
    unrefused = index == 0 and not _refuses_access(body)
    return bool(_TRACEBACK_ONLY.match(line)), noise, index, unrefused  # a traceback's exception says more than its header


# A program's failure that it says to ignore, after it in the same sentence ("import tensorrt_llm failed, if do not use
# tensorrt, ignore this message"): an optional part it goes on without. (Not a reporter's aside about another line: "the
# tcmalloc line can be safely ignored".)
_SAYS_TO_IGNORE_IT = re.compile(r"[^.;\n]*?,\s*(?:if\b[^.;\n]{0,60},\s*)?(?:please\s+)?ignore this (?:message|warning)\b",
                                re.I)
# (not a Markdown link's address; and a bare one only as what the reporter looked at: "I checked https://.../onnxruntime-gpu/...
# and couldn't see aarch64", not "I get the error from https://.../nvrmmeminitnvmap-failed-...")
_LINK_ASIDE = re.compile(r"(?<!\])\(\s*https?://[^\s)]+\s*\)|\b(?:checked|visited|browsed|searched|looked\s+(?:at|in|through)|"
                         r"went\s+(?:to|through))\s+(?:the\s+)?https?://\S+", re.I)
# (a program's own message can link the page of its error, "please refer to https://docs.nvidia.com/cuda/...")
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur)\b")
# words that point back to what a link shows ("I looked at <link> and I get exactly that error")
_POINTS_BACK = re.compile(r"\b(?:that|this|the\s+same|same)\s+(?:\w+\s+)?(?:errors?|problems?|issues?|failures?|messages?|"
                          r"bugs?)\b|\bexactly\s+(?:that|this)\b", re.I)


def _without_works_said(body: str) -> str:
    """The line but its sentences that say the GPU works for another check and say nothing failed ("... gives the same
    error. Running nvidia-smi indicates I have access to GPUs."): that check's tool is not what failed. (A line of prose
    holds several sentences; the failure's kind is read from those that say something failed.)"""
    works = _compiled_family("gpu-works-words")
    lowered = body.lower()
    if not any(key in lowered for key in works.keys):
        return body
    said = sentences(body)
    kept = [s for s in said if _failure_said(s) or _shown_in(works, s, s.lower(), len(s)) is None]
    return "".join(kept) if len(kept) < len(said) else body


def container_context(text: str, seen: Observed, cleaned: Optional[str] = None) -> str:
    """A line showing the paste ran inside a container or an image build, or "" when it shows none."""
    lines = seen.said("container") + [n.line for n in seen.nodes if n.where]
    if any(launch.nvidia_runtime or launch.gpus or launch.nvidia_gpu for launch in seen.launches):
        return ""  # the launch asked for the NVIDIA runtime: what it lacks is the software's, not the injection's
    lines += [launch.text.split("\n")[0] for launch in seen.launches]
    if lines:
        return lines[0]
    clean = normalise(window(text)[0]) if cleaned is None else cleaned
    rows = clean.split("\n")
    for at, row in enumerate(rows):
        low = row.lower()
        if _CONTAINER_ROW.match(row + "\n" + (rows[at + 1] if at + 1 < len(rows) else "")) or (
                any(key in low for key in _CONTAINER_KEYS) and _CONTAINER_SAID.search(row) and not CROSS_BUILD.search(row)):
            return row.strip()[:300]
    return ""


# ---- explain ----


# Words quoted inline from another report or person ('Quoting the original poster there: "..."', 'someone wrote: "..."'):
# that person's machine, not the reporter's.
_QUOTED_FROM_ANOTHER = re.compile(r"\b(?:quot(?:ing|ed? from)|(?:original poster|OP|they|he|she|someone|another user|others|"
                                  r"people)\b[^\"\u201c\n]{0,40}?\b(?:wrote|said|says|reported|reports|mentioned))"
                                  r"[^\"\u201c\n]{0,80}?[\"\u201c][^\"\u201d\n]{8,800}[\"\u201d]", re.I)


def _quoted_from_another(match: SymptomMatch) -> bool:
    """Whether a family's words sit inside a quote of another report on their line."""
    signature = match.signature.lower()
    return ('"' in match.line or "\u201c" in match.line) and any(
        signature in quoted.group(0).lower() for quoted in _QUOTED_FROM_ANOTHER.finditer(match.line))


# The low-level runtime's own failure to set up a container's device rules (cgroup v1's devices.allow, v2's program).
_RUNC_DEVICE_RULES = re.compile(r"error setting cgroup config|devices\.(?:allow|deny)\b|bpf_prog_query\(BPF_CGROUP_DEVICE\)",
                                re.I)


def _runc_s_own_failure(matches: Sequence[SymptomMatch], seen: Observed) -> bool:
    """Whether the OCI runtime's failure the paste shows is the low-level runtime's own: it failed to set the
    container's device rules, for launches that ask for no GPU at all (no NVIDIA runtime, --gpus, GPU node, CDI
    device or NVIDIA_* setting) on a daemon not said to run NVIDIA's by default."""
    hook = [m.line for m in matches if m.id == "runtime-hook-failed"]
    if not hook or not _RUNC_DEVICE_RULES.search(hook[0]) or not seen.launches or any(
            w.kind in ("NVIDIA runtime by default", "NVIDIA runtime ran") for w in seen.words):
        return False
    return not any(_passes_gpu(launch) or "nvidia" in launch.text.lower() for launch in seen.launches)


def _borne_out(match: SymptomMatch, lowered: str) -> bool:
    """Whether the paste (``lowered``, the text its signatures were searched in) bears a family's match out
    (data/symptoms.json): its `needs_in_paste` is found there (NVIDIA's hook named beside LXC's failed mount hooks;
    `beside` is a line that holds it), and its `unless_in_paste` is not (`unless_shown` says what: the driver
    answering, beside a module said not to load)."""
    family = _family(match.id)
    needs, unless = family.get("needs_in_paste"), family.get("unless_in_paste")
    return (not needs or bool(_compiled(needs).search(lowered))) and not (unless and _compiled(unless).search(lowered))


def scrub(text: str) -> str:
    """No internal placeholder reaches output: a GID never shown is said to be unknown."""
    return _PLACEHOLDER.sub(lambda m: "(GID not shown)" if int(m.group(0)) >= PLACEHOLDER_GID else m.group(0), text)


# Vulkan's software device, as vulkaninfo and its loader name it
_VULKAN_SOFTWARE_DEVICE = re.compile(r"\blavapipe\b|\bdevicename\s*=\s*llvmpipe\b", re.I)


def explain(text: str, nested: bool = False, memo: Optional[LineMemo] = None) -> Explanation:
    """Signatures, facts, statements with their evidence, the most likely cause and the deciding question. ``nested``:
    one system of a mixed paste, read with the paste's ``memo`` of what its lines say by themselves."""
    memo = {} if memo is None else memo
    matches = [m for m in find_signatures(window(text, SIGNATURE_WINDOW)[0], memo) if not _quoted_from_another(m)]
    parsed = read(text, memo)
    cleaned = normalise(window(text)[0])
    if '"' in cleaned or "\u201c" in cleaned:
        cleaned = _QUOTED_FROM_ANOTHER.sub("", cleaned)
    contrast = _login_contrast(cleaned) if not any(m.id == "groups-lost-words" for m in matches) else None
    seen = parsed.observed
    # (the checks' outcomes matter only to a paste that names root or an engine: no search of any other)
    contrasted = _NAMES_ROOT.search(cleaned) or "sudo" in cleaned or "\n#" in cleaned or _THROUGH_ENGINE.search(cleaned)
    outcomes = _check_outcomes(cleaned) if contrasted else []
    root_only = _root_contrast(cleaned, outcomes, seen) if not any(m.id == "denial-words" for m in matches) else None
    seat = _seat_contrast(cleaned) if not any(m.id == "seat-login-words" for m in matches) else None
    behind = _driver_behind(cleaned) if not any(m.id == "cuda-35" for m in matches) else None
    unserved = _runtime_contrast(outcomes, seen) if not any(m.id == "nodes-missing-words" for m in matches) else None
    matches = matches + [shown for shown in (contrast, root_only, seat, behind, unserved) if shown is not None]
    if _runc_s_own_failure(matches, seen):
        matches = [m for m in matches if m.id != "runtime-hook-failed"]
    # Vulkan's software device (lavapipe) is listed beside every other on a system with Mesa: it says the NVIDIA driver's
    # Vulkan is missing only where no NVIDIA GPU is named, and on a Jetson only where no other signature is found
    lavapipe = [m for m in matches if m.id == "gl-software-fallback" and _VULKAN_SOFTWARE_DEVICE.search(m.line)]
    if lavapipe and ((seen.jetson and len(matches) > 1) or _names_an_nvidia_gpu(seen)):
        matches = [m for m in matches if m not in lavapipe]
    diagnosis = _from_paste(diagnose(parsed.facts)) if parsed.facts is not None else None
    others = tuple(_from_paste(diagnose(facts)) for facts in parsed.others)
    # An error of the GPU (not one that is no GPU access, nor words about the session) asks for the NVIDIA runtime.
    gpu_error = any(m.id not in _NOT_GPU + _SESSION_FAMILIES for m in matches) or bool(seen.absent)
    audited = [launch for launch in seen.launches if launch.source not in ("inspect", "kubernetes")]
    pairs = [(f, launch.text.split("\n")[0]) for launch in audited
             for f in audit_text(launch.text, "compose" if launch.source == "compose" else "docker-run")
             if f.status != "pass" and (f.id != "no-gpu-nodes" or (_wants_nvidia(launch, gpu_error)
                                                                  and not launch.source.endswith("compose run")
                                                                  and not _nvidia_by_default(launch, seen)))]
    # (the audit's fix is a Jetson's: a PC asks for the GPU with --gpus, and a paste that shows no system gets both ways)
    pairs = [(_as_on(shown_platform(seen)[0], f), line) for f, line in pairs]
    platforms = _jetson_beside_pc(seen)
    readings = _per_system(text, memo, seen, platforms) if (len(seen.releases) > 1 or platforms) and not nested else []
    mixed = _systems(seen, readings, platforms)
    systems = tuple(label for label, _ in mixed)
    failure = _cut_off_while_loading(cleaned, find_failure(text, cleaned, memo))
    container = container_context(text, seen, cleaned)
    lowered = cleaned.lower()
    cause = decide_cause(seen, matches, diagnosis, failure, container, any(name in lowered for name in _CUDA_NAMES))
    if readings:  # a mixed paste: the first system whose own part shows an error and whose reading names a cause,
        # one of GPU access before an unrelated one (a harmless "command not found" beside the other's driver error)
        named = [r for r in readings if r.cause.id != "unknown"]
        ranked = sorted(named, key=lambda r: (not r.failing, r.cause.id == "not-gpu-access"))
        cause = ranked[0].cause if ranked else cause
    if cause.id == "not-gpu-access" and any(m.id == "no-gpu-words" for m in matches):
        # (the machine read as having no GPU: no runtime brings one, so the audit's call for NVIDIA's is left out)
        pairs = [(f, line) for f, line in pairs if f.id != "no-gpu-nodes"]
    audit = tuple(f for f, _ in pairs)
    statements = _statements(seen, matches, diagnosis, parsed.assumptions, pairs, mixed) + tuple(
        _session_statements(seen, others))
    if failure is not None and not matches:
        statements += (Statement("a failure that no known signature names ({}): `{}`".format(
            failure.kind.replace("-", " "), failure.line), (failure.line,), False),)
    if cause.assumption:
        statements += (Statement("the paste does not show which system it ran on: read as {}; on the other system "
                                 "the cause would be {}".format(cause.assumption[len("assumed: "):], cause.otherwise),
                                 (), True),)
    question = _question(cause, seen, [m.id for m in matches])
    steps = (question.command,) if question is not None else ()
    return Explanation(tuple(matches), steps, seen, parsed.recognised, parsed.assumptions, diagnosis, audit,
                       statements, cause, question, systems)


# Launch findings as they hold on a PC with a discrete GPU, where no Tegra node exists: (why, fix).
_ON_A_PC = {
    "no-gpu-nodes": ("without --gpus (or a CDI device, or the NVIDIA runtime) the container gets no GPU and no driver "
                     "library", "docker run --gpus all ... (compose: deploy.resources.reservations.devices, driver: "
                     "nvidia)"),
    "group-add-video-name": ("--group-add video is resolved in the image's /etc/group (GID 44 in Debian and Ubuntu "
                             "images); on a PC the node that needs a group (the render node, or /dev/nvidia* where the "
                             "distribution restricts them) has a GID that differs from host to host",
                             "pass the node's number: --group-add $(stat -c %g /dev/dri/renderD128), or of /dev/nvidiactl"),
}


# ... and where the paste shows neither system: each system's way.
_ON_EITHER = {
    "no-gpu-nodes": ("without the NVIDIA runtime, --gpus or --device entries the container gets no GPU nodes and no "
                     "driver library", "on a Jetson: docker run --runtime nvidia ...; on a PC: docker run --gpus all ..."),
}


def _as_on(platform: str, finding: AuditFinding) -> AuditFinding:
    """A launch finding as it holds on the system the paste shows: a PC (_ON_A_PC), neither (_ON_EITHER) or a Jetson,
    whose findings the audit states."""
    table = {"pc": _ON_A_PC, "": _ON_EITHER}.get(platform, {})
    if finding.id not in table:
        return finding
    why, fix = table[finding.id]
    return AuditFinding(finding.id, finding.status, finding.source, finding.evidence, why, fix)


# `is_available()` with its printed answer below it, past up to three lines of a warning PyTorch printed first (the
# "CUDA initialization: ..." UserWarning and its indented source line); how the command reached the container.
_OUTCOME = re.compile(r"^[^\n]{0,512}\bis_available\(\)[^\n]{0,512}\n(?:[^\n]{0,512}warning[^\n]{0,512}\n|[ \t]+\S[^\n]{0,512}\n){0,3}"
                      # (after versions and flags printed before it: "2.1.0a0+41361538.nv23.06 False")
                      r"[ \t]*(?:" + PRINTED_VALUE + r"[ \t]+){0,3}(true|false)[ \t]*$", re.M | re.I)
_THROUGH_ENGINE = re.compile(r"\b(?:docker|podman|nerdctl)\s+(?:exec|run)\b")


@functools.lru_cache(maxsize=1)
def _through_login() -> Pattern[str]:
    """A command run through an SSH login or a switch that loses the runtime GIDs (data/privilege_drops.json)."""
    return re.compile(r"(?:^|[\s$#>])(?:ssh\s+\S|" + switch_commands(*LOSING_GROUPS) + ")")


def _to_a_user_through_login(command: str) -> bool:
    """A command run through a login or switch that loses the runtime GIDs, as a user other than root (whom no group
    stops)."""
    login = _through_login().search(command)
    return login is not None and not switches_to_root(command[login.start():])


def _shown_as(symptom_id: str, line: str) -> SymptomMatch:
    """A family's match for what the paste shows rather than says in the family's words (two runs that differ)."""
    family = _family(symptom_id)
    return SymptomMatch(symptom_id, line[:300], line[:300], _meanings(family, line), str(family["docs"]),
                        str(family["runbook"] or ""), tuple(family["sources"]))


# nvidia-smi's header names the newest CUDA its driver runs; nvcc names the toolkit's release.
_SMI_CUDA = re.compile(r"CUDA Version:\s*(\d{1,2})\.(\d{1,2})\b")
# The host's CUDA (its driver's) and a container's or image's said side by side, in words.
# (CUDA's majors only, 7 to 13: not an Ubuntu release, an L4T release or an NGC image's date tag)
_CUDA_MAJOR_MINOR = r"(?<!\d)(?<!\d\.)([7-9]|1[0-3])\.(\d{1,2})(?!\d|\.\d)"
_HOST_CUDA_BEHIND = re.compile(r"\bhost\b[^\n]{0,40}?\bcuda\s+(?:version\s+)?" + _CUDA_MAJOR_MINOR + r"[^\n]{0,30}?"
                               r"\b(?:but|while|whereas)\b[^\n]{0,30}?\b(?:container|image)\b[^\n]{0,30}?" + _CUDA_MAJOR_MINOR,
                               re.I)
_NVCC_RELEASE = re.compile(r"^.*\brelease (\d{1,2})\.(\d{1,2}), V\d[^\n]*", re.M)


def _driver_behind(clean: str) -> Optional[SymptomMatch]:
    """A CUDA toolkit newer than the driver, shown rather than said: nvcc's release of a later major than the CUDA
    version nvidia-smi says its driver runs, or a container's CUDA said beside the host's; read as CUDA's
    insufficient-driver error (35), which what the toolkit builds meets."""
    said = _HOST_CUDA_BEHIND.search(clean) if "host" in clean.lower() else None
    if said and _newer_than_the_driver_runs((int(said.group(3)), int(said.group(4))), (int(said.group(1)), int(said.group(2)))):
        return _shown_as("cuda-35", said.group(0).strip())
    driver = _SMI_CUDA.search(clean) if "CUDA Version" in clean else None
    toolkit = _NVCC_RELEASE.search(clean) if driver and "release" in clean else None
    if toolkit is None or driver is None:
        return None
    made, runs = (int(toolkit.group(1)), int(toolkit.group(2))), (int(driver.group(1)), int(driver.group(2)))
    return _shown_as("cuda-35", toolkit.group(0).strip()) if _newer_than_the_driver_runs(made, runs) else None


def _newer_than_the_driver_runs(made: Tuple[int, int], runs: Tuple[int, int]) -> bool:
    """Whether CUDA of release ``made`` needs a newer driver than one that runs ``runs``: from CUDA 11 a release of a
    later minor runs on the driver of its major (minor version compatibility)."""
    return made[0] > runs[0] if runs[0] >= 11 else made > runs


def _login_contrast(clean: str) -> Optional[SymptomMatch]:
    """The login path shown or said: CUDA available to a command the engine runs (docker exec), unavailable to one that
    came through a login that rebuilds groups (ssh, su), in the same paste; as the groups-lost family."""
    if "is_available" in clean:
        outcomes = [(m.group(0).split("\n")[0].strip(), m.group(1).lower()) for m in _OUTCOME.finditer(clean)][:64]
        works = [c for c, said in outcomes
                 if said == "true" and _THROUGH_ENGINE.search(c) and not _through_login().search(c)]
        # "ssh orin2 docker exec ..." goes through the engine of another machine, not through a login into the container
        fails = [c for c, said in outcomes
                 if said == "false" and _to_a_user_through_login(c) and not _THROUGH_ENGINE.search(c)]
        if works and fails:
            return _shown_as("groups-lost-words", fails[0])
    if not any(login in clean for login in ("ssh", "SSH", "Ssh", "su -", "sudo -i")):
        return None  # (no login named: no line to read for one)
    said = _said_on_a_line_or_two(clean, lambda text: "exec" in text.lower(), _exec_login_said_apart)
    return _shown_as("groups-lost-words", said) if said is not None else None


# The engine's exec into a container, and a login into it (SSH, VS Code's Remote-SSH, su -), said in words.
_ENGINE_EXEC = re.compile(r"\b(?:docker|podman|nerdctl|kubectl)\s+exec\b", re.I)
_LOGIN_SAID = re.compile(lexicon.ascii_words(r"ssh|remote-ssh|sshd") + r"|\bsu\s+-(?:\s|$)|\bsudo\s+-i\b", re.I)


def _exec_login_said_apart(line: str) -> bool:
    """Whether one clause says the GPU works through the engine's exec, and another that it fails through a login into
    the same container ("With docker exec -u dev CUDA works. Through Remote-SSH as dev it does not work."), in any of
    the lexicon's languages: the login rebuilt the groups the launch added."""
    if "?" in line:
        return False
    clauses = [c for sentence in sentences(line) for c in (
        contrast_sides(sentence) if _ENGINE_EXEC.search(sentence) and _LOGIN_SAID.search(sentence) else [sentence])]
    exec_works = any(_ENGINE_EXEC.search(c) and not _LOGIN_SAID.search(c) and _CLAUSE_WORKS.search(c)
                     and not _CLAUSE_FAILS.search(c) for c in clauses)
    login_fails = any(_LOGIN_SAID.search(c) and not _ENGINE_EXEC.search(c) and _CLAUSE_FAILS.search(c)
                      and not _CLAUSE_WORKS.search(c) for c in clauses)
    return exec_works and login_fails


# A command run as root (sudo, a root prompt) beside the same check run without it; and the check's answer said after an
# arrow ("sudo python3 test.py -> CUDA available").
# CUDA's deviceQuery sample run at a prompt and the verdict it ends with ("Result = FAIL"), before its next run
_DEVICE_QUERY_OUTCOME = re.compile(r"^([^\n]*[$#>]\s*(?:sudo\s+)?\S*devicequery[^\n]*)\n"
                                   r"(?:(?![^\n]*[$#>]\s*(?:sudo\s+)?\S*devicequery)[^\n]*\n){0,60}?[^\n]*\bresult = (pass|fail)\b",
                                   re.I | re.M)
_AS_ROOT = re.compile(r"^(?:\S*[$>]\s*)?sudo\s|^root@[^\n]*?#|^#\s|^(?:as|with|for)\s+(?:the\s+)?root\b", re.I)
# A launch as a user it names (-u 1000, --user app), not as root
_CHOSEN_USER = re.compile(r"(?:--user|(?<![\w-])-u)(?:=|\s+)['\"]?(?!(?:0|root)(?::0|:root)?['\"]?(?:\s|$))\S")
_ARROW_OUTCOME = re.compile(r"^([^\n]{1,300}?)\s*(?:->|=>|\u2192|:)\s*(cuda (?:is )?(?:not available|available)|true|false)\s*$",
                            re.M | re.I)


# Root as a label ("Root: True", "root : works"); not a logger's name ("WARNING:root:..." is Python logging's default).
_ROOT_LABEL = r"(?<!:)\broot\s*:"
# A word set in inline code or quotes in a sentence ("with `sudo` it is True"): the same word.
_QUOTE = r"[`'\"*]{0,2}"
# The root contrast said in clauses of their own ("As a non-root user ... is False. As root it's True.", "Non-root:
# False. Root: True.", "With sudo it returns True, without sudo ... False", "... False unless I run the container as root").
_ROOT_SIDE = re.compile(r"^\W*root\b|\b(?:as|with|for|under|using|via)\s+(?:the\s+)?" + _QUOTE + r"(?:root|sudo)\b|"
                        + _ROOT_LABEL + r"|"
                        + lexicon.ROOT_SIDE + r"|"
                        r"(?<!without )(?<!no )\bsudo\s+(?!-u\b)[\w./-]+|"
                        r"\bunless\s+(?:i\s+|we\s+)?(?:use|run|start|launch|execute)\w*\s+(?:[\w-]+\s+){0,3}?(?:with|as|under)\s+"
                        r"(?:sudo|root)\b", re.I)
_USER_SIDE = re.compile(r"\bnon-?root\b|\bwithout\s+" + _QUOTE + r"(?:sudo|root)\b|\b(?:as|for|with)\s+(?:a|my|the|normal|regular|"
                        r"unprivileged|ordinary)\s+(?:[\w-]+\s+)?user\b|\bmy\s+user\b|\buser\s*:|" + lexicon.USER_SIDE, re.I)
_CLAUSE_WORKS = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:works?|worked|true|fine|ok|succeeds?|succeeded|passe[sd]|sees|"
                           r"detects)\b|"
                           r"(?<!not )\b(?:available|detected)\b|" + lexicon.WORKS, re.I)
_CLAUSE_FAILS = re.compile(r"\b(?:false|fails?|failed|unavailable|errors?|denied|801|999|not\s+(?:work\w*|available|found))\b|"
                           r"n't\s+work|" + lexicon.FAILS, re.I)
_GPU_CHECK = re.compile(lexicon.ascii_words(r"cuda|gpu|torch|is_available|cuinit|devicequery|tensorrt|nvmap") +
                        r"|/dev/(?:nv|dri)", re.I)
_EVEN_THEN = re.compile(r"\beven\s+(?:then|as root|with sudo|under sudo)\b[^.;]{0,24}\b(?:fails?|failed|false|not work\w*)\b", re.I)


@functools.lru_cache(maxsize=1)
def _not_the_gpu() -> Pattern[str]:
    """Other work than the GPU's said in a clause (clocks, a VNC desktop, another device, an install): the words the
    seat's and root's families are vetoed by (data/symptoms.json `vetoed_by`), read by the sentence readers alike."""
    return re.compile(str(_family("denial-words")["vetoed_by"][0]) + r"|\b(?:install\w*|apt|packages?)\b", re.I)


def _claimed(clause: str) -> bool:
    """Whether a clause that says something works claims it of this machine now: none of NOT_HERE_NOW's words, and no
    condition before the working ("if it works as root, ..." supposes; "it works if I log in" says when)."""
    supposed = SUPPOSED.search(clause)
    return not NOT_HERE_NOW.search(clause) and not (supposed and _CLAUSE_WORKS.search(clause, supposed.end()))


def _root_said_apart(line: str) -> bool:
    """Whether one clause of the line says root (or sudo) works, of this machine now (NOT_HERE_NOW), and another that a
    GPU check fails for a user, or for no one named; "unless ... as root" is both at once. Clocks, fans and installs are
    other work than the GPU's, and root failing too leaves no contrast."""
    if not _GPU_CHECK.search(line) or "?" in line:
        return False
    clauses = contrast_sides(line)
    root = [bool(_ROOT_SIDE.search(c)) and not _USER_SIDE.search(c) for c in clauses]
    if any(is_root and _CLAUSE_FAILS.search(c) for c, is_root in zip(clauses, root)) or _EVEN_THEN.search(line):
        return False  # root fails too
    root_works = any(is_root and _claimed(c) and not _not_the_gpu().search(c)
                     and (_CLAUSE_WORKS.search(c) or c.lower().startswith("unless")) for c, is_root in zip(clauses, root))
    user_fails = any(not is_root and _CLAUSE_FAILS.search(c) and not _CLAUSE_WORKS.search(c)
                     and (_USER_SIDE.search(c) or _GPU_CHECK.search(c)) for c, is_root in zip(clauses, root))
    return root_works and user_fails


def _root_works_said(line: str) -> bool:
    """Whether a sentence of the line says root gets the GPU, of this machine now and where the check ran, and not that
    root fails ("The container user is app, root sees the GPU.", "As root, the same command prints True."): the other
    side of the contrast is a check shown failing. Not root on the host (the check failed in a container), on another
    machine, or sudo running other work ("I restarted the daemon with sudo systemctl ... and it works now")."""
    return any(_ROOT_RUNS.search(sentence) and not _USER_SIDE.search(sentence) and not _CLAUSE_FAILS.search(sentence)
               and not _EVEN_THEN.search(sentence) and _CLAUSE_WORKS.search(sentence)
               and (_GPU_CHECK.search(sentence) or _THE_SAME.search(sentence)) and _claimed(sentence)
               and not _not_the_gpu().search(sentence) and not _ELSEWHERE_THAN_THE_CHECK.search(sentence)
               and not ANOTHER_MACHINE.search(sentence) for sentence in sentences(line))


_NAMES_ROOT = re.compile("root", re.I)
# Root running the check: "root ...", "as root", "root:", "with sudo" said of the check itself, `sudo python3 ...`,
# "--user root".
_ROOT_RUNS = re.compile(r"(?:^|[,;]\s)\W*root\b|\b(?:as|for|under)\s+(?:the\s+)?" + _QUOTE + r"root\b|" + _ROOT_LABEL + r"|"
                        + lexicon.ROOT_SIDE + r"|"
                        r"\b(?:with|using|via|under)\s+" + _QUOTE + r"sudo\b" + _QUOTE
                        + r"(?=\s*(?:$|[,.;:!)]|(?:it|this|that|everything|the\s+same|"
                        r"too|as\s+well|also|prints?|returns?|works?|shows?|gives?|says|succeeds?|passes)\b))|"
                        r"\bsudo\s+(?:-\w+\s+)*(?:python\w*|\./\S+|\S*devicequery)\b|"
                        r"(?:--user|(?<!\S)-u)[ =](?:root|0(?::0)?)\b", re.I)  # (an engine's run or exec as root)
_ELSEWHERE_THAN_THE_CHECK = re.compile(r"\b(?:on|from|in)\s+the\s+host\b|\boutside\b", re.I)
_THE_SAME = re.compile(r"\b(?:it|this|that|everything|the same)\b", re.I)  # the check just shown, said again


# The seat contrast said in sentences of their own: the GPU works with a display or a local login, and fails over SSH or
# headless ("When the HDMI display is connected, the GPU works. Over SSH ... is False.").
_AUTOLOGIN = r"\bauto(?:matic)?[- ]?log ?in\b"
_SEAT_SIDE = re.compile(r"\b(?:display|monitor|screen|hdmi|keyboard)s?\b[^.;,]{0,40}?\b(?:connected|attached|plugged)\b|"
                        r"\b(?:with|having)\s+(?:a\s+|the\s+)?(?:monitor|display|screen|hdmi)\b|"
                        r"\b(?:logged|log|logs|sign(?:ed)?|signs)\s+(?:in|on)(?:to)?\s+(?:(?:to|into|on|at)\s+)?(?:the\s+|my\s+|a\s+)?"
                        r"(?:[\w-]+\s+)?(?:desktop|gui|display|screen|console|monitor)\b|"
                        r"\blogged\s+in\s+(?:locally|physically)\b|" + _AUTOLOGIN + r"|"
                        r"\b(?:desktop|gui|graphical)\s+(?:session|login|terminal)\b|" + lexicon.SEAT_SIDE, re.I)
_REMOTE_SIDE = re.compile(lexicon.ascii_words(r"ssh|sshd|headless|remote(?:ly)?|xrdp|vnc"), re.I)
_SEAT_FAILS = re.compile(_CLAUSE_FAILS.pattern + r"|\bdoes\s+not\b|\bno\s+gpu\b", re.I)


# Words before a seat that say it is not there ("with nobody logged in on the desktop", "sin sesión en el escritorio",
# "it is not the 'only works at the desktop' thing").
_NO_SEAT_BEFORE = re.compile(lexicon.ascii_words(r"without|nobody|no\s+one|not\s+the|not\s+an?|isn't|sin|ohne|sans|senza|"
                                                 r"sem|\u0431\u0435\u0437") + r"[^.;,]{0,30}$", re.I)


def _seat_in(unit: str) -> bool:
    """Whether a clause names the seat (a display, a desktop login) as there, not as absent."""
    return any(not _NO_SEAT_BEFORE.search(unit[max(0, seat.start() - 40):seat.start()]) for seat in _SEAT_SIDE.finditer(unit))


def _seat_said_apart(line: str) -> bool:
    """Whether one sentence (or clause) of the line says a GPU check works with a display or a local login, and another
    that it fails over SSH or headless; an automatic login said to make it work is the seat alone."""
    if not (_GPU_CHECK.search(line) or re.search(r"\b(?:801|999)\b", line)) or "?" in line:
        return False
    units = [u for sentence in sentences(line) for u in (
        contrast_sides(sentence) if _seat_in(sentence) and _REMOTE_SIDE.search(sentence) else [sentence])]
    seat_works = any(_seat_in(u) and not _REMOTE_SIDE.search(u) and _CLAUSE_WORKS.search(u)
                     and not _SEAT_FAILS.search(u) and _claimed(u) and not _not_the_gpu().search(u) for u in units)
    remote_fails = any(_REMOTE_SIDE.search(u) and not _seat_in(u) and _SEAT_FAILS.search(u)
                       and not _CLAUSE_WORKS.search(u) for u in units)
    automatic = any(re.search(_AUTOLOGIN, u, re.I) and _CLAUSE_WORKS.search(u)
                    and not _SEAT_FAILS.search(u) and _claimed(u) for u in units)
    return (seat_works and remote_fails) or automatic


_WRAPPED = 60  # a line at least this long, followed by more prose, may be a paragraph wrapped at its width


def _said_on_a_line_or_two(clean: str, cue: Callable[[str], object], said: Callable[[str], bool]) -> Optional[str]:
    """The first line on which, alone or with the line after it, ``said`` finds its contrast (tried only where ``cue``
    does), else the first with the two lines after it; that line is the evidence, since it is one of the paste's own."""
    lines = clean.split("\n")[:MAX_CONTRAST_LINES]
    # The cue is asked of each distinct line once: lines joined by a blank or a full stop hold the cue exactly where one
    # of them does (its words cannot run across the join), and most lines of a long log hold none
    cued = dict.fromkeys([*lines, ""], False)
    for line in cued:
        cued[line] = bool(cue(line))
    tried: Set[Tuple[str, str]] = set()  # a pair read once reads alike again (a log repeats its lines)
    for line, after in zip(lines, lines[1:] + [""]):
        if (line, after) in tried or not (cued[line] or cued[after]):
            continue
        tried.add((line, after))
        # (the two lines as one sentence wrapped, or as two: "selftest: GPU check FAILED" / "As root it works."; a command
        # at a prompt is no sentence: "$ sudo podman run ... true" runs `true`, it says nothing works)
        alone = (line,) if cued[line] else ()
        texts = alone if PROMPT.match(line.strip()) else alone + (line + " " + after, line.rstrip() + ". " + after)
        if any(said(text) for text in texts):
            return line.strip()
    # Then three, where the first two are a paragraph's lines wrapped at its width (not a command and its output): after
    # every line and pair, so the evidence is the first line that holds a side of the contrast
    wrapped: Set[str] = set()
    for line, after, third in zip(lines, lines[1:], lines[2:]):
        if not (third.strip() and min(len(line), len(after)) >= _WRAPPED and (cued[line] or cued[after] or cued[third])):
            continue
        text = line + " " + after + " " + third
        if text not in wrapped and said(text):
            return line.strip()
        wrapped.add(text)
    return None


def _seat_contrast(clean: str) -> Optional[SymptomMatch]:
    """The seat said in sentences of their own (_seat_said_apart), as the seat-login words family."""
    said = _said_on_a_line_or_two(clean, lambda text: _REMOTE_SIDE.search(text) or "login" in text.lower(), _seat_said_apart)
    return _shown_as("seat-login-words", said) if said is not None else None


def _root_contrast(clean: str, outcomes: Sequence[Tuple[str, str]], seen: Observed) -> Optional[SymptomMatch]:
    """Root working and the user not, said in clauses of their own or shown: CUDA available to a check run with sudo or
    at a root prompt, unavailable to the same kind of check run without; read as the denial words family."""
    if not outcomes and not _NAMES_ROOT.search(clean) and "sudo" not in clean and "\n#" not in clean:
        return None
    said = _said_on_a_line_or_two(clean, lambda text: "root" in text.lower() or "sudo" in text, _root_said_apart)
    if said is not None:
        return _shown_as("denial-words", said)
    works = [c for c, said in outcomes if said == "true" and _AS_ROOT.search(c)]
    fails = [c for c, said in outcomes if said == "false" and not _AS_ROOT.search(c)]
    # a check shown failing, and root's working shown, or said in a sentence of its own (the evidence, then)
    root_works = None if works or not fails else next((
        line.strip() for line in clean.split("\n")[:MAX_CONTRAST_LINES]
        if ("root" in line.lower() or "sudo" in line) and _root_works_said(line)), None)
    if fails and (works or root_works):
        return _shown_as("denial-words", root_works or fails[0])
    # Two launches of a check that differ only in who runs it: the one that fails as a user it chose (-u), or without
    # a group the working one adds (the same image, runtime and devices otherwise)
    launched = [(c, said) for c, said in outcomes if _THROUGH_ENGINE.search(c)]
    contrast = [failing for failing, no in launched if no == "false" for working, yes in launched if yes == "true"
                and _same_but_the_user(failing, working, seen)
                and ((_CHOSEN_USER.search(failing) and not _CHOSEN_USER.search(working))
                     or ("--group-add" in working and "--group-add" not in failing))]
    return _shown_as("denial-words", contrast[0]) if contrast else None


def _check_outcomes(clean: str) -> List[Tuple[str, str]]:
    """Each CUDA check the paste shows with its answer ("true" or "false"): `is_available()` and what it printed, a
    command with its answer after an arrow, deviceQuery's verdict; at most 64 of each kind."""
    return [(m.group(0).split("\n")[0].strip(), m.group(1).lower()) for m in _OUTCOME.finditer(clean)][:64] + [
        (m.group(1).strip(), "false" if re.search(r"not|false", m.group(2), re.I) else "true")
        for m in _ARROW_OUTCOME.finditer(clean)][:64] + ([
            (m.group(1).strip(), "true" if m.group(2).lower() == "pass" else "false")
            for m in _DEVICE_QUERY_OUTCOME.finditer(clean)][:64] if "devicequery" in clean.lower() else [])


def _runtime_contrast(outcomes: Sequence[Tuple[str, str]], seen: Observed) -> Optional[SymptomMatch]:
    """Two launches of one image, the one given the GPU working and the one not given it failing (the engine's default
    runtime counted, where the paste shows it): the failing container lacks the GPU's nodes, read as the nodes-missing
    words family. Where the failing launch also differs in its user or its added groups, only a runtime that is named
    and not NVIDIA's (runc) decides it, since an unshown default runtime may be NVIDIA's."""
    launched = [(launch, said) for command, said in outcomes if _THROUGH_ENGINE.search(command)
                for launch in [from_run_line(PROMPT.sub("", command))] if launch is not None]
    for failing, no in launched:
        for working, yes in launched:
            alike = failing.user == working.user and set(working.group_add) <= set(failing.group_add)
            if no == "false" and yes == "true" and failing.image == working.image and _gets_gpu(working, seen) \
                    and not _gets_gpu(failing, seen) and (failing.runtime or alike):
                return _shown_as("nodes-missing-words", failing.text)
    return None


def _same_but_the_user(one: str, other: str, seen: Observed) -> bool:
    """Whether two engine commands start the same image with the same runtime (the engine's default, where the paste
    shows NVIDIA's, being NVIDIA's), GPU request and devices: what they differ in, if anything, is the user or the added
    groups."""
    def setup(line: str) -> Optional[Tuple[object, ...]]:
        command = PROMPT.sub("", line.strip())
        launch = from_run_line(command)
        if launch is None:
            execed = from_exec_line(command)
            return ("exec", execed.container) if execed is not None else None
        nvidia = launch.nvidia_runtime or (launch.runtime is None and _nvidia_by_default(launch, seen))
        return (launch.image, "nvidia" if nvidia else launch.runtime, launch.gpus, launch.privileged, launch.dev_mount,
                launch.devices)  # (nvidia_gpu is these together)
    first = setup(one)
    return first is not None and first == setup(other)


def _session_statements(seen: Observed, others: Sequence[Diagnosis]) -> List[Statement]:
    """The findings for each other session (`id`) the paste shows, each with that `id` line."""
    out = []
    for diagnosis in others:
        user, process = diagnosis.facts.user, diagnosis.facts.process
        held = set(process.groups) | {process.gid} if process is not None else set()
        mine = [i for i in seen.identities if user is not None and i.uid == user.uid]  # one uid twice: by its groups
        line = next((i.line for i in mine if set(i.groups) == held), mine[0].line if mine else "")
        for finding in diagnosis.findings:
            statement = _finding_statement(finding, seen)
            out.append(Statement("for uid {}: {}".format(user.uid if user else "?", statement.text),
                                 tuple(dict.fromkeys((line,) + statement.evidence[:-1])), statement.assumed))
    return out


# The hard signs of a Jetson and of a PC where a paste shows both machines (_jetson_beside_pc).
_Platforms = Tuple[List[Sighting], List[Sighting]]


class _SystemReading(NamedTuple):
    """One system of a mixed paste, read on its own: its label, its reading, whether its part shows an error of its
    own, and the line that starts its part (the evidence that it is there)."""

    label: str
    cause: Cause
    failing: bool
    line: str


def _per_system(text: str, memo: LineMemo, seen: Observed,
                platforms: Optional[_Platforms] = None) -> List[_SystemReading]:
    """Each system of a mixed paste read on its own: the text from one release line to the next that names another
    release, or, where a Jetson and a PC are both shown (``platforms``), from a line that starts one's part
    (_introduces_a_machine) to the next that starts another's; a release line under a Jetson's heading is that
    Jetson's, and a heading that names a machine already shown, even by name only ("... on the Jetson:"), hands the
    lines below it back to that machine. At most MAX_SYSTEMS of them, each from the first and last PART_WINDOW
    characters of its lines (a fleet log that alternates releases is read a bounded number of times, and no more
    than once over); a paste that switches machines more than MAX_SEGMENTS times is read as one."""
    lines = normalise(window(text)[0]).split("\n")
    hard = _sightings_by_line(platforms, seen)
    segments: List[Tuple[int, int]] = []  # (first line, system) of each run of one system's lines
    systems: List[str] = []
    for i, line in enumerate(lines):
        key = line.strip()
        system, heading, _ = hard.get(key, ("", False, ""))
        if not system and platforms and segments and key.endswith(":"):  # a machine shown already, named by a word
            system, heading = _the_system_named(_machine_named(key), systems), True
        if not system or (segments and not heading):
            continue  # (the first machine starts at any sign of it; another, or a return, only at a heading)
        current = segments[-1][1] if segments else -1
        if system.startswith("jetson ") and current >= 0 and systems[current] == "jetson":
            systems[current] = system  # the release of the Jetson whose heading came first: the same machine
            continue
        if system == "jetson":  # a Jetson's heading: the one Jetson shown already by its release, if any
            system = _the_system_named("jetson", systems) or system
        if system not in systems:
            if len(systems) >= MAX_SYSTEMS:
                continue
            systems.append(system)  # (a log that alternates two systems' lines is two systems, each read once)
        number = systems.index(system)
        if number != current:
            if len(segments) >= MAX_SEGMENTS:
                return []  # which lines are whose is no longer followed: read as one
            segments.append((i, number))
    if len(systems) < 2:
        return []  # the paste does not show where one system's output ends: read as one
    ends = [start for start, _ in segments[1:]] + [len(lines)]
    runs = [(0 if n == 0 else start, end, which) for n, ((start, which), end) in enumerate(zip(segments, ends))]
    out = []  # (the first run holds what comes before the first sign of a machine)
    for number, system in enumerate(systems):
        own = "\n".join("\n".join(lines[start:end]) for start, end, which in runs if which == number)
        read_part, cut = window(own, PART_WINDOW)
        part = explain(read_part, nested=True, memo=memo)
        kind = "a PC" if system == "pc" else "L4T " + (part.observed.l4t or "?")
        label = "system {} ({}{})".format(number + 1, kind, "; its part read from its first and last {} KiB".format(
            PART_WINDOW >> 10) if cut else "")
        start_line = next(lines[start].strip() for start, which in segments if which == number)
        shown = hard.get(start_line)
        out.append(_SystemReading(label, part.cause, any(m.id not in _SAYS_IT_WORKS for m in part.matches),
                                  shown[2] if shown else start_line))
    return out


def _sightings_by_line(platforms: Optional[_Platforms], seen: Observed) -> Dict[str, Tuple[str, bool, str]]:
    """The lines that show a machine of a mixed paste by a hard sign or a release file's line, each with its system
    ("jetson", "jetson 36.4.3", "pc"), whether it starts that machine's part (_introduces_a_machine), and the line as
    printed."""
    signs = [("jetson", s) for s in (platforms[0] if platforms else ())] + [("pc", s) for s in (platforms[1] if platforms else ())]
    shown = {normalise(s.line).strip(): (kind, _introduces_a_machine(normalise(s.line), s.value), s.line) for kind, s in signs}
    shown.update({normalise(r.line).strip(): ("jetson " + r.value, True, r.line) for r in seen.releases
                  if RELEASE_LINE.search(r.line)})  # a release file's line, not a release named in a sentence
    return shown


# A heading's words for a machine (a paste that shows a Jetson and a PC names each again by these: "Back on the Jetson:",
# "On the x86_64 build box:"); one that names both ("the Jetson image on the build box:") names neither.
_JETSON_HEADING_WORDS = re.compile(r"\b(?:Jetsons?|Orin|Xavier|Nano|TX[12]|Thor|IGX|dev ?kit|carrier board)\b", re.I)
_PC_HEADING_WORDS = re.compile(r"\b(?:PC|desktop|laptop|workstation|x86(?:_64)?|amd64|build (?:box|server|machine|host)|"
                               r"RTX|GTX|GeForce)\b", re.I)


def _machine_named(heading: str) -> str:
    """The kind of machine ("jetson", "pc") a short heading names by a word alone in its last clause, where it names one
    kind ("Back on the Jetson:", "... and on the x86_64 build box:"), not by a comparison ("as on the Jetson")."""
    if len(heading) > 120 or _OUTPUT_FOLLOWS.search(heading):
        return ""
    clause = re.split(r"[,;]", _PARENTHESES.sub("", heading))[-1]
    if _COMPARED.search(clause):
        return ""
    jetson, pc = bool(_JETSON_HEADING_WORDS.search(clause)), bool(_PC_HEADING_WORDS.search(clause))
    return "jetson" if jetson and not pc else "pc" if pc and not jetson else ""


_PARENTHESES = re.compile(r"\([^()\n]{0,120}\)")
_COMPARED = re.compile(r"\b(?:as|like|than)\s+(?:on|in|with)\b", re.I)


def _the_system_named(kind: str, systems: Sequence[str]) -> str:
    """The one system shown so far of a kind ("jetson" matches "jetson 36.4.3"); none where two are (which one is not said)."""
    alike = [system for system in systems if kind and system.split(" ")[0] == kind]
    return alike[0] if len(alike) == 1 else ""


def _introduces_a_machine(line: str, value: str) -> bool:
    """Whether a line that shows a machine starts that machine's part of a paste: a heading that ends in a colon ("Fails
    on the build server (x86_64):"; not a sentence that goes on into its output, "... for x86_64 and got:"), or the
    sign alone on its line (`uname -m`'s "x86_64"). After the first machine, a sign said in passing ("the module is only
    for amd64") starts no other."""
    said = line.strip()
    return said.lower() == value.lower() or (said.endswith(":") and not _OUTPUT_FOLLOWS.search(said))


# A sentence that ends by introducing what a command printed: its output follows, not another machine's part.
_OUTPUT_FOLLOWS = re.compile(r"\b(?:got|get|gets|gives?|gave|shows?|showed|prints?|printed|returns?|returned|says?|said|"
                             r"outputs?|reads?|error|this|following)\s*:$", re.I)


# Families that say the GPU works (or runs fast): in a mixed paste, the system that shows them is not the one failing.
_SAYS_IT_WORKS = ("gpu-works-words", "performance-words")


MAX_SYSTEMS = 4  # the systems of a mixed paste read one by one
MAX_SEGMENTS = 4 * MAX_SYSTEMS  # runs of one system's lines (a paste that goes back and forth between two machines)
PART_WINDOW = FACT_WINDOW // 32  # of each system's part, its first and last 8 KiB (its release line, its failure)


def _from_paste(diagnosis: Diagnosis) -> Diagnosis:
    """The diagnosis with only the findings a paste can support (PASTE_FINDINGS), its verdict recomputed."""
    findings = tuple(f for f in diagnosis.findings if f.code.startswith(PASTE_FINDINGS))
    severities = {f.severity for f in findings}
    verdict = (Verdict.PROBLEM if Severity.ERROR in severities else Verdict.WARNING if Severity.WARNING in severities
               else Verdict.HEALTHY)
    return Diagnosis(diagnosis.facts, diagnosis.views, diagnosis.nodes, findings, verdict)


def _wants_nvidia(launch: Launch, gpu_error: bool) -> bool:
    """Whether telling this launch to add the NVIDIA runtime makes sense (not for an Alpine image with a serial port, nor
    a privileged container that passes another device: a Coral, a Hailo, a USB camera)."""
    image = (launch.image or "").lower()
    other_devices = bool(launch.devices) and not any("nvidia.com/" in d or re.search(r"/dev/(?:nv|dri)", d)
                                                     for d in launch.devices)
    asks_for_gpu = launch.nvidia_runtime or launch.gpus or (launch.nvidia_gpu and not other_devices)
    return gpu_error or bool(asks_for_gpu) or any(w in image for w in ("nvidia", "l4t", "cuda", "jetson", "torch", "tensor",
                                                                       "deepstream", "ollama", "llama", "vllm", "isaac"))


def _systems(seen: Observed, readings: Sequence[_SystemReading],
             platforms: Optional[_Platforms]) -> Tuple[Tuple[str, str], ...]:
    """(label, line) for each system a mixed paste shows: two L4T releases, or a Jetson beside a PC (``platforms``),
    each with its own reading where the paste shows where one's output ends and the other's starts."""
    if readings:
        return tuple(("{}: most likely {} ({})".format(r.label, r.cause.id, r.cause.why.text), r.line) for r in readings)
    if len(seen.releases) > 1:
        return tuple(("system {} (L4T {})".format(n, r.value), r.line) for n, r in enumerate(seen.releases, 1))
    if platforms:
        jetson, x86 = platforms
        return (("a Jetson ({} {})".format(jetson[0].kind, jetson[0].value), jetson[0].line),
                ("a PC ({})".format(x86[0].value), x86[0].line))
    return ()


def _hard_jetson_signs(seen: Observed) -> List[Sighting]:
    """The signs of this machine's Jetson that are more than a name, an image or an arm64 build (WEAK_JETSON)."""
    return [s for s in _this_machine_s(seen.jetson, seen.x86) if s.kind not in WEAK_JETSON]


def _jetson_beside_pc(seen: Observed) -> Optional[_Platforms]:
    """The hard signs of a Jetson and of a PC where the paste shows both machines: no PC sign is what a Jetson shows of
    itself, and no Jetson sign is an image's software run on another machine."""
    strong_jetson = _hard_jetson_signs(seen)
    strong_x86 = [s for s in seen.x86 if s.kind not in NOT_SHOWN_X86 and not _a_jetson_s_own(s, seen, strong_jetson)]
    if strong_jetson and strong_x86 and not _runs_the_image_s_software(seen, strong_jetson, strong_x86):
        return strong_jetson, strong_x86
    return None


def _node_evidence(seen: Observed, paths: Sequence[str]) -> Tuple[str, ...]:
    return tuple(n.line for n in seen.nodes if n.path in paths)


def _place_said(where: str, seen: Observed) -> str:
    """Where a listing or an `id` was taken, as a statement says it: where the paste runs a container, output not placed
    inside it may be the host's or may be from a place the paste does not name."""
    if where:
        return " inside the container"
    return " (on the host, or where the paste does not say)" if seen.launches or seen.execs else ""


def _finding_statement(finding: Finding, seen: Observed) -> Statement:
    paths = re.findall(r"/dev/[\w./-]+", finding.title + " " + " ".join(finding.evidence))
    evidence = _node_evidence(seen, paths) + tuple(i.line for i in _sessions(seen)[:1])
    whole = seen.group_lines and not seen.group_lines_partial  # the paste shows the session's whole /etc/group
    title = finding.title if whole else finding.title.replace("(no name here)", "(its name not shown)")
    text = "{} {}: {}".format(finding.severity.value.upper(), finding.code, scrub(title))
    return Statement(text, evidence, not evidence)


def _shown_by_paste(finding: Finding, seen: Observed, denied: bool) -> bool:
    """Whether the paste shows what a finding says: one that a GID has no name rests on the session's whole /etc/group,
    which a paste without its lines, with the host's, or with lines a query picked, does not show (`id` names only the
    groups it holds); one that a user is no member of a group is not said from the host's lines or from picked lines
    that do not hold the group (without any, it rests on `id`, an assumption the reading states); one that assumes a
    read-only node is enough (ACC-005) is contradicted where the paste shows that node's group held and the node
    denied."""
    if finding.code == "ACC-005" and denied and _held_read_only(seen):
        return False
    whole = bool(seen.group_lines) and not seen.group_lines_partial
    if finding.code == "GRP-002" and seen.group_lines_partial:  # the group's own line a query picked, not the host's
        return seen.group_lines_partial == "picked" and any(g.gid in finding.subject.gids for g in seen.group_lines)
    return whole or finding.code != "GRP-001"


_CDI_DEVICE = re.compile(r"[\w.-]+\.[\w.-]+/[\w.-]+=")  # a CDI device name: vendor.com/class=name


def _asks_cdi(launch: Launch) -> bool:
    """Whether the launch asks for a device by its CDI name (--device nvidia.com/gpu=0)."""
    return any(_CDI_DEVICE.match(d) for d in launch.devices)


def _path_only_spec(seen: Observed) -> str:
    """The first line of a pasted CDI spec that gives its nodes by path only (textfacts), or ""."""
    return next(iter(seen.said("CDI spec, paths only")), "")


def _statements(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                assumptions: Sequence[str], audit: Sequence[Tuple[AuditFinding, str]],
                systems: Sequence[Tuple[str, str]]) -> Tuple[Statement, ...]:
    out: List[Statement] = []
    if systems:
        out.append(Statement("the paste shows {} systems; each is read on its own, none is taken as the whole".format(
            len(systems)), tuple(line for _, line in systems), False))
        out += [Statement(label, (line,), False) for label, line in systems]
    if len(seen.identities) > 1:
        out.append(Statement("the paste shows {} different `id` outputs (sessions); each is diagnosed on its own{}".format(
            len(seen.identities), "" if seen.nodes else " once the nodes are known"),
            tuple(i.line for i in seen.identities), False))
    for match in matches:
        out.append(Statement("`{}` ({})".format(match.signature, match.id), (match.line,), False))
    if seen.jetson and shown_platform(seen)[0] != "pc":  # the system the reading is on, where the paste names both
        first = next((s for s in seen.jetson if s.kind not in WEAK_JETSON), seen.jetson[0])
        text = ("a Jetson: {} {}" if first.kind not in WEAK_JETSON else "probably a Jetson: the paste names {1!r}")
        out.append(Statement(text.format(first.kind, first.value), (first.line,), False))
    elif seen.x86:
        shown = [s for s in seen.x86 if s.kind not in NOT_SHOWN_X86] or list(seen.x86)
        first = next((s for s in shown if not OTHER_ARM_BOARD.search(s.value)), shown[0])  # (a PC's own sign first)
        text = "a PC: {}"
        if OTHER_ARM_BOARD.search(first.value):
            text = "another maker's Arm board, not a Jetson: {}"
        elif first.kind == PC_PROSE:
            text = "probably a PC: the paste says {!r}"
        elif first.kind in WEAK_X86:
            text = "probably a PC with a discrete GPU: the paste names {}"
        out.append(Statement(text.format(first.value), (first.line,), False))
    for release in seen.releases:
        labels = ", ".join(c for c in _jetpack(release.value)) or "no published JetPack label in the tables"
        out.append(Statement("L4T {} (JetPack {})".format(release.value, labels), (release.line,), False))
    for node in seen.nodes:
        where = _place_said(node.where, seen)
        cut = " (printed cut off, as {})".format(node.printed) if node.printed else ""
        out.append(Statement("{}{}{}: owner {}, group {}, mode {:04o}{}".format(node.path, cut, where, node.owner,
                                                                               node.group, node.mode,
                                                                               ", with an ACL" if node.acl else ""),
                             (node.line,), False))
    out += _compare_nodes(seen.nodes, apart=not (seen.launches or seen.execs))
    for acl in seen.acls:
        path, entry = acl.value.split(" ", 1)
        name, perms = entry.split(":", 1)
        out.append(Statement("{} has an ACL entry for user {} ({})".format(path, name, perms), (acl.line,), False))
    for absent in seen.absent:
        out.append(Statement("{} does not exist where that command ran".format(absent.value), (absent.line,), False))
    for identity in seen.identities:
        out.append(Statement("uid {}{} holds the groups {}".format(identity.uid, _place_said(identity.where, seen),
                                                                  ", ".join(map(str, identity.groups))),
                             (identity.line,), False))
    for launch in seen.launches:
        out.append(Statement(launch_summary(launch), _launch_evidence(launch), False))
    cdi = next((launch for launch in seen.launches if launch.source.startswith("docker") and _asks_cdi(launch)), None)
    if cdi is not None:  # fact sheet A.2, last row
        out.append(Statement("Docker resolves a CDI device (`--device nvidia.com/gpu=...`) with its own CDI library: the "
                             "spec's additionalGids (toolkit 1.19.1 and later) reach the container only with a dockerd "
                             "that has moby PR #52579 (merged 2026-05-08); with an older one the user gets the nodes' GIDs only "
                             "from --group-add or the image's /etc/group", (cdi.text.split("\n")[0],), False))
    for login in seen.logins:
        if login.value == "keeps --group-add" and ":" in login.kind.partition(" exec -u ")[2]:  # a group named (§6)
            text = "the session came through `{}`: with a group named, Docker gives it that GID and the launch's " \
                   "--group-add GIDs, and none of the image's /etc/group memberships".format(login.kind)
        elif login.value == "keeps --group-add":
            text = "the session came through `{}`: Docker rebuilds its groups from the image's /etc/group and adds the " \
                   "launch's --group-add GIDs (not the toolkit's)".format(login.kind)
        else:
            added = login.kind != "session" and any(launch.group_add for launch in seen.launches)
            text = "the session came through `{}`, which rebuilds groups from /etc/group{}".format(
                PROMPT.sub("", login.line)[:80] if login.kind == "session" else login.kind,
                " and drops the launch's --group-add GIDs" if added else "")
        out.append(Statement(text, (login.line,), False))
    if seen.toolkit is not None:
        out.append(Statement("NVIDIA container toolkit {}".format(seen.toolkit.value), (seen.toolkit.line,), False))
    if diagnosis is not None:
        denied = any(m.id == "nvmap-denied" for m in matches)
        out += [_finding_statement(f, seen) for f in diagnosis.findings if _shown_by_paste(f, seen, denied)]
    out += [Statement("{} {}: {} (fix: {})".format(f.status.upper(), f.id, f.why, f.fix), (line,), False)
            for f, line in audit]
    out += [Statement(scrub(a), (), True) for a in assumptions]
    if seen.windowed:
        out.append(Statement("the paste is very long: facts were read from its first and last {} KiB, error signatures "
                             "from its first and last {} KiB; a fact said only between them (a release line, an `id`) is "
                             "not in this reading: paste those lines on their own".format(
                                 FACT_WINDOW >> 10, SIGNATURE_WINDOW >> 10), (), True))
    if seen.cut_lines:
        out.append(Statement("a line is longer than {0} KiB: facts (launch options, listings, `id`) were read from "
                             "the first {0} KiB of such a line".format(MAX_LINE // 1024), (), True))
    merged: Dict[Tuple[str, bool], Tuple[str, ...]] = {}  # a thing said twice (one session path, two lines) is said once
    for statement in out:
        key = (scrub(statement.text), statement.assumed)
        merged[key] = tuple(dict.fromkeys(merged.get(key, ()) + statement.evidence))
    return tuple(Statement(text, evidence, assumed) for (text, assumed), evidence in merged.items())


def _jetpack(l4t: str) -> List[str]:
    return list(dict.fromkeys(c.jetpack for c in jetpack_for(l4t)))


def _compare_nodes(nodes: Sequence[ListedNode], apart: bool) -> List[Statement]:
    """The same node seen in two places with different owners or groups: the key evidence of a lost GID. Where the
    paste starts no container (``apart``), listings at two machines' prompts are two machines' nodes, whose GIDs differ
    by host, and are compared apart; beside a container, another prompt's name may be the container's host name."""
    out = []
    by_path: Dict[str, List[ListedNode]] = {}
    for node in nodes:
        by_path.setdefault(node.path, []).append(node)
    places = []
    for path, listed in by_path.items():
        machines = {n.machine for n in listed if n.machine}
        places += [(path, [n for n in listed if n.machine == m]) for m in machines] if apart and len(machines) > 1 else [
            (path, listed)]
    for path, seen in places:
        groups = {(n.group, n.where) for n in seen}
        if len({g for g, _ in groups}) > 1:
            open_where = ["in the container" if n.where == "container" else "in one of these listings"
                          for n in seen if n.open_to_all]
            text = "{} is listed with different groups: {}; {}".format(
                path, " vs ".join("{} ({})".format(n.group, n.where or "host or not stated") for n in seen),
                "open to every user {} (mode 0666), where no group is needed".format(open_where[0]) if open_where
                else "the GPU group did not reach one of these places")
            out.append(Statement(text, tuple(n.line for n in seen), False))
    return out


# ---- the cause ----

# Jetson signs that name no hardware: a host name or a word; a hard x86 sign outranks them.
WEAK_JETSON = ("host name", "Tegra-only name", "L4T image") + ARM64_KINDS
# PC signs that name no hardware: a discrete-GPU node name, a cloud user, nvidia-smi; any Jetson sign outranks them.
WEAK_X86 = ("discrete-GPU node", "PC hint", "nvidia-smi", "PC software")
# ... and a PC named in words, which may be another machine than the one that failed: no second system of its own.
NOT_SHOWN_X86 = WEAK_X86 + (PC_PROSE,)
# Weak Jetson signs that still name the device (a module, SoC, node or tool only a Jetson has): beside them, a PC
# named in words may be another machine ("works on x86 but not on my Orin"), and the system is left to assume. An L4T
# image, an arm64 build, "L4T" and "JetPack" said alone name software, which a PC can pull and build too; a host name
# may be a person's (thorsten@desktop).
_DEVICE_WORD = re.compile(r"orin|xavier|thor|(?<!in)tegra|jetson|nano|/dev/|nvgpu|nvmap|nvhost|gk20a|gm20b|gp10b|gv11b|ga10b|"
                          r"nvpmodel|jtop|compute capability|sm_|major/minor|device \d|argus|nvdla", re.I)




# Words that say which machine fails: "fails on my Orin", "doesn't work on the x86 box" (the word after "on").
_SAID_TO_FAIL = re.compile(r"\b(?:fails?|failing|failed|crash(?:es|ed)?|(?:does|do|did)(?:n't| not) work|not working|"
                           r"breaks?|broken)\b[^.\n]{0,20}?\bon\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)", re.I)


# Words that say a machine named in prose works ("the notebook runs on Colab without problems", "the same image runs on
# our Jetson Orin boxes") or is where the work is deployed ("the same repo we deploy on Jetson AGX Orin", "our deployment
# target is a Jetson"): another machine.
_SAID_TO_WORK = re.compile(r"\b(?:works?|worked|runs?|ran|running)\b[^.\n]{0,20}?\b(?:on|in)\s+(?:(?:my|the|our|an?)\s+)?"
                           r"([\w-]+)[^.\n]{0,30}?\b(?:fine|well|ok|without (?:any )?(?:problems?|issues?|errors?))\b|"
                           r"\bsame\b[^.\n]{0,40}?\b(?:works?|worked|runs?|ran|passe[sd])\b[^.\n]{0,20}?\b(?:on|in)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           r"\bdeploy(?:s|ed|ing)?\s+(?:it\s+|them\s+)?(?:on\s*to|on|to)\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           r"\b(?:deployment|production)(?:\s+(?:target|device|machine|platform|hardware))?\s+(?:is|are)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)(?=[^.\n]{0,60}?\b(?:works?|runs?)\s+(?:fine|well|ok)\b|"
                           r"[^.\n]{0,60}?\bno (?:issues?|problems?)\b)|"
                           # "works perfectly on the Jetson Orin", "runs fine in x86"
                           r"\b(?:works?|worked|runs?|ran)\s+(?:just\s+)?(?:fine|well|perfectly|flawlessly)\s+(?:on|in)\s+"
                           r"(?:(?:my|the|our|an?)\s+)?([\w-]+)|"
                           # "works on the Jetson, fails on my workstation"
                           r"\bworks?\s+(?:fine\s+|well\s+)?on\s+(?:(?:my|the|our|an?)\s+)?([\w-]+)(?=[^\n]{0,80}?\bfails?\s+on\b)|"
                           # "the Jetson (Orin Nano) runs the same thing fine"; not "works fine for inference, but
                           # the recording fails", where the same machine fails (unless the failure is put elsewhere)
                           r"\b(?:my|the|our)\s+([\w-]+)(?:\s*\([^)\n]{0,40}\))?\s+(?:works?|runs?)\b(?!\s+on\b)[^.\n]{0,30}?"
                           r"\b(?:fine|well|ok|without (?:any )?(?:problems?|issues?|errors?))\b"
                           r"(?![^\n]{0,80}?\bbut\b(?![^\n]{0,60}?\b(?:on|in)\s+(?:my|the|our|an?)\b)[^\n]{0,60}?"
                           r"\b(?:fails?|failed|failing|errors?|crash(?:es|ed)?)\b)|"
                           # "built on a Jetson TX2 which works fine", "tested it on the Orin, where it runs well"
                           r"\b(?:buil[dt]|compiled|tested|tried|installed|ran|run)\s+(?:it\s+)?on\s+(?:(?:my|the|our|an?)\s+)?"
                           r"([\w-]+)[^.,\n]{0,20}?,?\s+(?:which|where\s+it|and\s+it)\s+(?:works?|worked|runs?|ran)\s+"
                           r"(?:just\s+)?(?:fine|well|great|perfectly|flawlessly)\b",
                           re.I)


def _said_to_work(sign: Sighting) -> bool:
    """Whether the words of the sign's line say the machine it names works: then it is not the one that fails. A
    device named there names the sign just after it too ("works on the Jetson (Orin AGX, JP 6.1)")."""
    at = sign.line.lower().find(sign.value.lower())
    for said in _SAID_TO_WORK.finditer(sign.line):
        group = said.lastindex or 1
        name = said.group(group).lower()
        if name in sign.value.lower() or (
                _DEVICE_WORD.fullmatch(name) and said.start(group) <= at <= said.end(group) + 40):
            return True
    return False


def _this_machine_s(jetson: Sequence[Sighting], x86: Sequence[Sighting]) -> List[Sighting]:
    """The Jetson signs that may be this machine's: a Jetson only named in words as the machine where the work runs fine
    or is deployed is another, where a PC's own output shows which machine this is."""
    if not any(s.kind not in NOT_SHOWN_X86 for s in x86):
        return list(jetson)
    return [s for s in jetson if not (s.kind in _NAMED_ONLY and _said_to_work(s))]


def _said_to_fail(sign: Sighting) -> bool:
    """Whether the words of the sign's line say the machine it names is the one that fails."""
    said = _SAID_TO_FAIL.search(sign.line)
    return said is not None and said.group(1).lower() in sign.value.lower()


def _names_the_device(sign: Sighting, images: Sequence[str]) -> bool:
    """Whether a weak Jetson sign names the device the paste ran on: a module, SoC, node or tool word, not inside the
    name of an image the paste launches, on the launch's line (a PC can pull ultralytics:latest-jetson too)."""
    return sign.kind == "Tegra-only name" and bool(_DEVICE_WORD.search(sign.value)) and not any(
        sign.value.lower() in image and image in sign.line.lower() for image in images)


# Weak signs of a PC that a Jetson can show too (Thor's /dev/nvidia*, mainline Tegra's VDPAU): alone, a PC assumed.
SHARED_X86 = ("discrete-GPU node", "PC software")
PLATFORM_NAMES = {"jetson": "a Jetson", "pc": "a PC with a discrete GPU"}
# With no sign of either system and no error family that leans to one, the project's own readers' system.
JETSON_BY_DEFAULT = "the paste does not say which system it ran on, and reports to this project come from Jetsons"
_DRIVER_VERSION_ERRORS = ("cuda-35", "cuda-803", "cuda-804")
_OOM_AT_START_UP = re.compile(r"\bcuda initiali[sz]ation\b[^\n]{0,40}?\bout of memory\b|"
                              r"\bcuinit\b[^\n]{0,30}?\bout of memory\b|"
                              # (not one that answered True first: "returns True, then I get ... out of memory")
                              r"\b(?:is_available|device_count)\(\)(?:(?!\btrue\b)[^\n]){0,30}?\b(?:i\s+(?:get|got|encounter\w*|see)|"
                              r"raises?|throws?|gives?|returns?|fails?\s+with|failed\s+with)\b"
                              r"(?:(?!\btrue\b)[^\n]){0,30}?\bout of memory\b", re.I)
_PLATFORM_WARNING = re.compile(r"\brequested image's platform\b[^\n]*\bdoes not match\b", re.I)
# What a program says when it finds no GPU or driver where it runs: in a container started without the GPU, the
# container's lack (see _first_reading).
_FINDS_NO_GPU = ("cuda-unavailable", "cuda-100", "gl-software-fallback")
_MISMATCH = ("cuda-35", "cuda-34", "cuda-803", "cuda-804", "cuda-222", "cuda-218", "cuda-209", "build-not-for-this-gpu",
             "cuda-200", "cuda-98", "cuda-13", "toolchain-lacks-arch", "nvrtc-unknown-arch", "cuda-3", "cuda-500",
             "cuda-library-missing", "cuda-build-words",
             "wrong-architecture", "tensorrt-init", "cuda-library-status", "image-not-published",
             "failure-gpu-library", "failure-library-placeholder", "failure-version", "failure-library",
             "c-runtime-too-old", "ort-provider-failed", "versions-mismatched", "cublas-handle-alloc",
             "numpy-aliases-removed", "torch-extension-abi", "cuda-301", "torch-distributed-missing",
             "jetson-packages-unmet")
# The GPU's software at fault in other ways than a CUDA version or library: what the reading says of it.
_SOFTWARE_REASONS = {
    "image-not-published": "no image of the GPU's software is published under the tag asked for: not one built for this "
                           "release or machine, not a permission error",
    "wrong-architecture": "the GPU's software is built for another CPU architecture than this machine's, not a "
                          "permission error",
    "jetson-packages-unmet": "the package manager cannot find or install the Jetson's GPU software: its packages are "
                             "published per L4T release and need the board's own L4T packages and the Ubuntu release of "
                             "its L4T, not a permission error",
}
# A library of the system or of a language's runtime, not of any GPU stack: GLib's and GObject's, libffi, LLVM's (Julia's
# own build of it too), Python's own shared library (a conda environment's libffi before the system's GLib is the common
# clash).
_SYSTEM_LIBRARY = re.compile(r"\blib(?:ffi|gobject-2\.0|glib-2\.0|gio-2\.0|python\d(?:\.\d+)?m?|"
                             r"llvm(?:extra)?(?:-[\d.]+(?:jl)?)?)\.so\b|"
                             r"\bundefined symbol: ffi_\w+", re.I)
# Software errors that on a PC have nothing to do with the GPU's driver: the registry's tags, the build's C runtime, the
# versions of the software's own parts.
_NOT_THE_DRIVER_ON_A_PC = {
    "image-not-published": "the image tag is not published (for this platform): the registry's, not the GPU's",
    "numpy-aliases-removed": "the Python code was written for an older NumPy than the one installed: the package's, not "
                             "the GPU's",
    "c-runtime-too-old": "the program was built against a newer C or C++ runtime than the system has: the build's, not "
                         "the GPU's",
    "versions-mismatched": "parts of the software are of versions that do not fit each other: its packaging, not the "
                           "GPU's driver",
    "toolchain-lacks-arch": "the compiler the software brings is older than this GPU: the software's build, not the GPU's "
                            "driver",
    "torch-extension-abi": "a compiled extension built against another PyTorch than the one installed: the package's build, "
                           "not the GPU's driver",
    "cuda-301": "CUDA could not find a file the program loads (a kernel file it ships): the program's install, not the GPU's "
                "driver",
    "torch-distributed-missing": "this PyTorch was built without its distributed package: the build's, not the GPU's driver",
}
_NOT_GPU = ("egl-display", "kms-capture-capability", "portainer-gpu-toggle", "jtop-socket", "clock-tuning-failed",
            "board-switches-off", "openacc-data-error",
            "illegal-instruction", "cuda-2", "cuda-304", "cuda-turned-off", "cuda-101", "device-index-beyond-one",
            "cuda-701",
            "cuda-700", "cuda-702", "cuda-719", "cuda-710", "cuda-1", "cuda-9", "cuda-36", "cuda-400", "cuda-716", "cuda-713",
            "cuda-715", "cgroup-bpf-missing", "sysctl-denied",
            "smi-memory-unreported", "smi-no-processes", "other-permission", "dcgm-profiling-unsupported", "flag-joined-to-value",
            "out-of-memory", "no-passwd-entry", "seccomp-filter", "build-error", "package-not-found",
            "gpu-package-source-build", "gpu-works-words", "failure-other", "foreign-binary",
            "docker-daemon-access", "static-tls", "cuda-after-fork", "shm-exhausted", "image-lacks-libgl", "other-device",
            "tool-not-found", "mainline-tegra", "gpu-node-busy",
            "profiler-counters", "account-setup-error", "failure-filesystem", "failure-other-library",
            "failure-camera", "failure-data-file", "board-not-booting", "registry-access", "network-failure", "performance-words",
            "gpu-vendor-unsupported", "tensorrt-plugin-missing", "tensors-on-two-devices", "scheduler-config",
            "program-fix-words", "output-parse-failed", "engine-config-refused", "mobile-gpu-delegate",
            "nvjpeg-hardware-unsupported", "video-codec-unsupported", "video-codec-not-built", "gpu-fault-xid",
            "board-power-limit", "smi-cuda-version-read",
            "ldconfig-not-a-link", "deepstream-optional-plugin", "option-unknown", "python2-code", "ci-runner-unavailable",
            "python-import-name", "profiler-unsupported", "notebook-kernel-unavailable", "gpus-all-taken")
# Failure kinds (FAILURE_KINDS) that name the part that broke: the driver, a node, the runtime's injection, a library.
_NAMES_WHAT_BROKE = ("driver", "gpu-node", "injection", "gpu-library", "library")
# Failures no family names, whose lines name nothing of CUDA or a library of the GPU's stack.
_PLAIN_FAILURES = ("failure-other", "failure-other-library")
# What a PC's GPU does besides CUDA: its video encoder and decoder (NVENC, NVDEC, VDPAU, VA-API), its graphics stack
# (OpenGL, GLX, EGL, Mesa, GBM, Vulkan), the DRM devices and kernel drivers behind them, and the card or its driver in
# words. (Mesa only as its loader, a release or beside its drivers: "mesa" is also a Python package.)
_PC_GPU_FUNCTION = re.compile(r"\bnv(?:enc|dec)\b|_nv(?:enc|dec)\b|\bnvcodec|\bcuvid|\bvdpau|\bva-?api\b|\blibgl\b|"
                              r"\bmesa(?:-loader\b|\s+\d|\b(?=[^\n]{0,40}\b(?:drivers?|dri|gl|vulkan)\b))|\bglx\w*|\begl\b|"
                              r"\b(?:mini)?gbm\b|\bvulkan|\bopengl\b|/dev/dri\b|\bdrm\b|\brenderd\d+|\bi915\b|\bxe driver\b|"
                              r"\bamdgpu\b|\bradeonsi\b|\bnouveau\b|"
                              r"\b(?:graphics|video|display) (?:card|driver|adapter)s?\b", re.I)
# Of those, what on a PC is the PC's own: its sandboxes' refusals (304), the watchdog of a card that drives a display (702),
# its driver's option that keeps the performance counters to admin users.
_THE_PC_S_OWN = ("cuda-304", "cuda-702", "profiler-counters")
# Of those, what a session denied a GPU node meets too: the listed nodes and `id` that show the denial say more. A
# camera pipeline's failing line no family names (on JetPack 4 and 5 Argus opens the Tegra nodes), and memory that
# cannot be had (an allocation from a memory manager the session may not open reads as out of memory: VPI, NvMap).
_OUTWEIGHED_BY_A_DENIAL = ("failure-camera", "out-of-memory")
# What the GPU's engines lack (a codec, a hardware JPEG decoder): the failure only where no line of its own says the
# GPU's driver or libraries failed; said of another request, it tells nothing of the one that fails.
_ENGINE_LACKS = ("video-codec-unsupported", "nvjpeg-hardware-unsupported")
# CUDA's compiler and the tools it runs: what `nvcc` needs from /usr/local/cuda/bin and nvvm/bin.
_CUDA_TOOLCHAIN = re.compile(r"(?<![\w.-])(?:nvcc|cicc|ptxas|nvlink|fatbinary)\b", re.I)
# CMake's words for a CUDA toolkit it cannot find: a build on the machine itself (a shell without nvcc is as often a
# runtime image's, which has no compiler by design).
_CMAKE_FINDS_NO_CUDA = re.compile(r"\b(?:cuda_toolkit_root_dir|cmake_cuda_compiler|cudatoolkit_root)\b|\bfind cuda\s*\(missing:|"
                                  r"\bcould not find cudatoolkit\b|\bfailed to find nvcc\b", re.I)
# CMake's configure step failing, without saying what it missed.
_CMAKE_CONFIGURE_FAILED = re.compile(r"\bconfiguring incomplete, errors occurred\b", re.I)
# A variable or an option set for a run said to work or complete (a CPU control run beside the failing one), not said
# not to: no statement about the failing run.
_CONTROL_RUN = re.compile(r"(?<!\bnot )(?<!n't )(?<!\bnever )\b(?:works?|worked|fine|succeed(?:s|ed)?|passe[sd]|complete[sd]?)\b",
                          re.I)
# What a program brings with it that does not fit the GPU's software, and why on each system: on a PC the program's own
# to rebuild or reinstall, on a Jetson a build for its L4T release (TensorRT and CUDA come with the release). (A card too
# old for the build is on a PC a build without the card's kernels, filed with _NO_KERNELS_ON_A_PC, where it is what
# fails; beside another failure it is a note about one card, as on a workstation whose console card is old.)
_PROGRAM_BUILDS = {
    "engine-version": ("a TensorRT engine file built by another TensorRT version, or for another GPU, than the one "
                       "loading it: the engine is the program's to rebuild where it runs",
                       "a TensorRT engine file built by another TensorRT version or on another module: on a Jetson "
                       "TensorRT comes with the L4T release, so the engine is rebuilt on this release and module"),
    "cpu-only-build": ("the program was built without CUDA, so it never asks for the GPU: its CUDA build is needed, "
                       "not access", "the program was built without CUDA: on a Jetson it needs a build for the L4T "
                       "release's CUDA (generic arm64 wheels carry none)"),
    "gpu-too-old": ("the GPU is older (a lower compute capability) than the program's build supports, and another "
                    "failure is the paste's: a note about one card beside work that fails for its own reason",
                    "the program's build does not support this Jetson's GPU (its compute capability is under the "
                    "build's minimum): a build that includes the module's architecture is needed"),
}
# A PC's card that its CUDA software has no kernels for, said by a mismatch: a card newer than the build (CUDA's 209, a
# build said not to be for it), filed with the PC's CUDA software, as a Jetson's is with the Jetson's. (A card older than
# the build's minimum is filed with them too, where it is what fails: gpu-too-old, read beside them.)
_NO_KERNELS_ON_A_PC = ("cuda-209", "build-not-for-this-gpu")
# A TensorRT engine said to be built for another GPU model (not by another TensorRT version): on a PC the card's own
# kernels are what it lacks, as above. TensorRT's error names the loading card's compute capability first, and its
# warning about an engine from another model is the failure only where nothing else fails.
_ENGINE_FOR_ANOTHER_GPU = re.compile(r"\bgenerated on an incompatible device\b(?!,\s*expecting compute " + JETSON_CC +
                                     r"\b)", re.I)
_ENGINE_FROM_ANOTHER_MODEL = re.compile(r"\bacross different models of devices\b", re.I)


def _engine_for_another_pc_card(line: str, ids: Sequence[str]) -> bool:
    """Whether a PC's engine line says the engine was built for another card model than the PC's own (not a Jetson's,
    which TensorRT's "expecting compute 8.7" names as the card that loads it)."""
    return bool(_ENGINE_FOR_ANOTHER_GPU.search(line)) or (
        bool(_ENGINE_FROM_ANOTHER_MODEL.search(line)) and set(ids) <= {"engine-version", "gpu-works-words"})


# GPU software named on a line or in an image: what a family marked `software_only_if_named` needs to be read as
# the GPU's software rather than a program that never reached the GPU.
_GPU_SOFTWARE = re.compile(r"cuda|cudnn|cublas|tensorrt|nvinfer|torch|tensorflow|onnxruntime|\bgpu|(?<!home/)nvidia(?!@|-desktop\b)|"
                           r"\bl4t|jetpack|(?<!in)tegra|jetson|dustynv|deepstream|[:-]r3\d\.\d|\bjp\d|cupy|\bjax|paddle|llama|ollama|vllm|"
                           r"triton|isaac|\blibnv|\blibcu", re.I)
# A line that names the driver as part of what does not fit ("my driver and CUDA combination were not compatible"), not
# one that clears it ("the driver is not the problem").
# (not a module path's word: "cupy_backends.cuda.api.driver.CUDADriverError")
_DRIVER_BLAMED = re.compile(r"(?<!\.)\bdrivers?\b(?!\.\w)(?![^.\n]{0,12}\b(?:is|was|isn't|wasn't)\s+(?:not\s+)?(?:the\s+)?"
                            r"(?:not|fine|ok|problem|issue|cause)\b)", re.I)
# A package manager's step that installs the GPU's software ("uv sync --extra gpu", "pip3 install torch"): a build that
# fails there most often found no build of it for this machine, which is the software, not a build error of its own.
_GPU_INSTALL = re.compile(r"\b(?:pip3?|uv|conda|mamba|apt(?:-get)?)\s+(?:install|sync|add)\b[^&|;\n]*?"
                          r"(?<![\w.-])(?:gpu|cuda[\w.-]*|libcudnn\w*|cudnn\w*|torch\w*|tensorrt|libnvinfer\w*|tensorflow\w*|"
                          r"onnxruntime-gpu|cupy\w*|jax\w*|nvidia-(?:jetpack|l4t)[\w-]*)(?![\w])", re.I)
# A line that says "version" (or "unsupported") and names neither the GPU's software, its architecture, an ABI, what it
# is supported on, nor a requirement ("this version of numpy is 0xb", "unsupported interpolation method: bicubic")
# speaks of the program's own packages or features.
_VERSION_OF_THE_GPU = re.compile(_GPU_SOFTWARE.pattern + r"|\bsm\b|\bsm_?\d{2,3}\b|compute capability|\babi\b|undefined "
                                 r"(?:symbol|reference)|supported\s+(?:on|by|for|with)\s+(?:this|the|your|that)\s+(?:gpu|device|"
                                 r"platform|architecture|driver|system|release|version)|supported\s+(?:gpus?|devices?|"
                                 r"architectures?|platforms?|versions?)|unsupported\b[^\n]{0,40}\bversion|"
                                 r"\bversion\b[^\n]{0,40}\b(?:un|not )supported|" + _VERSIONS_MISMATCH +
                                 r"|incompatible|conflict|requir|\bneeds?\b|"
                                 r"\bnewer\b|\bolder\b", re.I)
# Words that say who is denied (root works, another user does not): the symptom, which a not-GPU error also has.
_SYMPTOM_WORDS = ("denial-words",)
# An image named by repository and tag ("stereolabs/zed:3.1-py-runtime-jetson-jp4.3").
_IMAGE_NAME = re.compile(r"[\w.-]+/[\w./-]+:[\w.-]+")
# General-purpose images a helper container runs (a chown, a copy): no GPU program of theirs crashes.
_BASE_IMAGE = re.compile(r"(?:docker\.io/)?(?:library/)?(?:busybox|alpine|ubuntu|debian|fedora|centos|bash|curlimages/curl)"
                         r"(?::[\w.-]+)?$")
# A line as `docker compose` prints a service's log ("detector-1  | ...").
_COMPOSE_LOG = re.compile(r"^[\w.-]+[-_]\d+\s+\|")
# A program that died of a signal rather than an error it reported.
_CRASH = re.compile(r"\bsegmentation fault\b|\bcore dumped\b|\bSIGSEGV\b|\bSIGABRT\b|\bbus error\b", re.I)
# CUDA's start-up, where a denied node fails too (PyTorch's "Unexpected error from cudaGetDeviceCount()" has no code).
_START_UP = re.compile(r"cudaGetDeviceCount|cudaGetDevice|cudaSetDevice|\bcuInit|\bcuda_?init|initiali[sz]|device count|"
                       r"cuda-capable|cudaFree\(0\)|\bcontext\b", re.I)


def _no_context(symptom_id: str, line: str) -> bool:
    """CUDA out of memory while it starts ("CUDA initialization failure with error 2"): no context could be made, which
    is the driver's state as much as memory, and on a PC the driver's."""
    return symptom_id == "cuda-2" and bool(_START_UP.search(line))


# What keeps a Jetson's GPU failure from being read as past start-up: start-up itself, a denial, or memory.
_NOT_PAST_START_UP = re.compile(_START_UP.pattern + r"|\bdenied\b|\ballocat|\bmemory\b|" + _UNNAMED_DENIAL.pattern, re.I)
# A framework built on CUDA itself, whose GPU build is a wheel of its own (not an application that looks for the GPU its
# own way).
_CUDA_FRAMEWORK = re.compile(r"\b(?:tensorflow|tf|keras|torch|pytorch|jax|jaxlib|cupy|paddle(?:paddle)?|mxnet)\b", re.I)
# A program's own words that it found no GPU, which say nothing of why.
_NO_GPU_SAID = ("cuda-unavailable", "gpu-not-detected")
_ON_THE_CPU = re.compile(CPU_DOES_THE_WORK, re.I)  # (the work said to run on the CPU)
# A Python index with no build of a GPU package for this machine: pip's words, PyPI's placeholder package for PyTorch,
# or the reporter's ("I can't find the wheel of torchaudio", "no pytorch package was given for python3.7").
_GPU_WHEEL = r"(?:torch\w*|pytorch|tensorflow|tensorrt|onnxruntime[\w-]*|jaxlib|cupy[\w-]*|pycuda)"
_INDEX_LACKS_GPU = re.compile(r"cannot install\s+(?:torch|torchvision|torchaudio|tensorflow|tensorrt|onnxruntime-gpu|"
                              r"jaxlib|cupy[\w-]*)(?:[=<>~!]|\s|$)|"
                              r"(?:no matching distributions? found for|could not find a version that satisfies the "
                              r"requirement)\s+[`'\"]?[\w.-]*(?:gpu|cuda|cu1\d\d|tensorrt|torch|onnxruntime|tensorflow|"
                              r"cupy|pycuda|jax)|\bpytorch does not currently provide packages for pypi\b|"
                              r"\b(?:wheels?|packages?)\s+(?:of|for)\s+" + _GPU_WHEEL + r"\b|\b" + _GPU_WHEEL +
                              r"\s+(?:wheels?|packages?)\b", re.I)
_EITHER_WAY = re.compile(r"\b(?:whether or not|regardless of whether|no matter (?:whether|if)|either way|with or without)\b|"
                         r"\bwhether\b[^\n]{0,80}?\bor\b", re.I)
_NVML_ASSERT = re.compile(r"nvml_success == r internal assert failed", re.I)
# A model or engine file said only not to work ("using the resulting TensorRT model inside the container did not work"):
# no error, so nothing the container could lack.
_MODEL_UNWORKING = re.compile(r"^(?![^\n]*\b(?:errors?|fail\w*|denied|cannot|can't|unable|not found|crash\w*|exception)\b)"
                              r"[^\n]*\b(?:models?|engines?|plan|weights|onnx)\b[^\n]{0,60}?\b(?:(?:does|do|did)(?:\s+not|n't)"
                              r"\s+work|not\s+working)\b", re.I)
# Installing or building software, not running it: a failure there is the software's, not a node's.
_PACKAGING = re.compile(r"^(?![^\n]*\bengine\b)[^\n]*\b(?:pip3?|install(?:ed|ing|s)?|build(?:ing|s)?|compil\w*|wheels?)\b",
                        re.I)  # (building a TensorRT engine runs on the GPU)
# An image build said or shown: a build command, a build step's own lines (the classic builder's, BuildKit's, a
# Dockerfile's RUN), or words ("during the docker build", "when building a docker image").
_IMAGE_BUILD = re.compile(r"\bdocker(?:-compose|\s+compose)?\s+(?:build|buildx)\b|\s--build\b|"
                          r"\b(?:during|in|at|while)\s+(?:the\s+|a\s+|my\s+)?(?:docker\s+|image\s+)?build(?:ing)?"
                          r"(?:\s+(?:time|step|process|stage))?\b|\bbuild(?:ing)?\s+(?:a\s+|the\s+|my\s+)?(?:docker\s+)?image\b|"
                          r"\b(?:run|build)\s+(?:step|instruction|stage)s?\b|"
                          r"---> Running in|^\s*Step \d+/\d+ :|^\s*(?-i:RUN)\s+\S|^#\d+ \d+\.\d+ ", re.I)
# Python's import failing for a module that is not installed (ModuleNotFoundError).
_MODULE_MISSING = re.compile(r"\bno module named\b", re.I)
# A library that failed to load, or to link (not one a package manager failed to install, nor one that loaded and lacks
# a symbol of another version): what a missing mount looks like.
_LIBRARY_LOAD = re.compile(r"cannot open shared object|no such file|not found|dlopen|undefined reference|_load_global_deps|"
                           r"(?:could not|couldn't|failed to|unable to|cannot|can't) (?:load|open|find|locate)", re.I)
# The library a line says is not there: the one right before the loader's "cannot open shared object file" (not the
# program that needs it, named first, nor DeepStream's plugin in "Could not open lib: X, error string: Y: cannot open"),
# the linker's "X, needed by Y, not found", ldd's "X => not found"; and DeepStream's plugin where no other is named.
_MISSING_LIBRARY = re.compile(r"\b(lib[\w+-]+)\.so[.\d]*(?::\s*cannot open shared object|,\s*needed by\b|\s*=>\s*not found)",
                              re.I)
_PLUGIN_NOT_OPENED = re.compile(r"\bcould not open lib:\s*\S*?(?<![\w+-])(lib[\w+-]+)\.so", re.I)
_SHARED_MEMORY_PC = re.compile(r"\bGB10\b|\bDGX[\s-]?Spark\b|\bGH200\b|\bGrace\b", re.I)
# CUDA's own answer whether it sees a GPU (not a program's detection of its own, nor an option it was given; not
# OpenCV's getCudaEnabledDeviceCount(), which a build without CUDA answers 0).
_CUDA_OWN_CHECK = re.compile(r"is_available|cuda available|cudaGetDeviceCount|\bcuInit|(?<![a-z])device_?count\(\)", re.I)
# Windows' Linux: its GPU is /dev/dxg, with no seat or render node.
_WSL = re.compile(r"\bWSL|microsoft-standard|\bWindows Subsystem for Linux\b", re.I)
# Docker Desktop on Windows, whose containers get a GPU through its WSL 2 back end only.
_DOCKER_DESKTOP_ON_WINDOWS = re.compile(r"\bWindows\b(?:(?!\bnot\b)[^\n]){0,40}\bDocker Desktop\b|"
                                        r"\bDocker Desktop\b(?:(?!\bnot\b|\bno\b)[^\n]){0,40}\bWindows\b", re.I)
# NVIDIA's own compute stack named on a line: its /dev/nvidia* on a PC are open to every user.
_NVIDIA_STACK = re.compile(r"\bcuda|\bcudnn|\bcublas|\btensorrt\b|\bnvidia\b|\bnvml\b", re.I)
# An AMD or Intel GPU by its name, and what only an NVIDIA GPU serves: CUDA finding no device or driver, CUDA's
# driver library (nvcuda.dll, libcuda) and its own libraries (cublas64_12.dll, libcublasLt.so.11), NVML, NVIDIA's
# encoder and decoder.
_OTHER_VENDOR_GPU = re.compile(r"\bradeon\b|\bamd\s+(?:integrated\s+)?(?:i?gpu|graphics|card)\b|\brx\s?[4-9]\d{2,3}\b|"
                               r"\binstinct\b|\bmi[123]\d0x?\b|\bvega\s?(?:56|64|[3-9]|1[01])?\b|"
                               + ROCM_RELEASE + r"|" + AMD_GPU_NAMED + r"|"
                               r"\bintel\b[^\n]{0,12}\b(?:i?gpu|graphics|arc|iris|uhd)\b|\binter graphics card\b|"
                               r"\barc\s+[ab]\d{3}|\biris\s+xe\b|"
                               r"\buhd\s+graphics\b|\bxe\s+graphics\b|\bamd\s*(?:的\s*)?显卡|"
                               # (ZLUDA runs CUDA programs on AMD's GPUs, in place of nvcuda.dll)
                               r"\bgpu\.intel\.com/|\bzluda\b|" + FORM_NAMES_OTHER_GPU, re.I | re.M)
# What an NVIDIA GPU whose driver is not there leaves: CUDA finding no device or driver (CUDA's runtime says its driver
# is too old where there is none at all: error 35 on the Intel-only and Radeon-only PCs of C0untFloyd/roop-unleashed#586
# and myshell-ai/OpenVoice#234), NVIDIA's GL and Vulkan library failing, nvidia-smi's "No devices were found"; a laptop's
# NVIDIA GPU, unseen beside its integrated one, leaves the same.
_NVIDIA_UNSEEN = re.compile(r"\bno cuda-capable device\b|\bcuda[_ ]error[_ ]no[_ ]device\b|\bfound no nvidia driver\b|"
                            r"\bcuda driver version is insufficient\b|\blibglx_nvidia\b|\bno devices were found\b", re.I)
_NVIDIA_ONLY = re.compile(_NVIDIA_UNSEEN.pattern + r"|\bnvcuda\.dll\b|\bcu\w*64_\d+\.dll\b|\blibcuda\.so\b|"
                          r"\blib(?:cudart|cublas\w*|cudnn\w*|cufft\w*|curand|cusparse\w*|cusolver\w*|nvrtc\w*|nvinfer\w*)\.so\b|"
                          r"\bnvml shared library not found\b|\blibnvidia-ml\.so\b|\bnvml\.dll\b|"
                          r"(?<![a-z0-9])(?:nvenc|nvdec|cuvid)\b|could not dynamically load cuda", re.I)
# (and an NVIDIA card beside it, by more than its model's name: NVIDIA named, a GeForce by its number (a short one
# with its brand or owner: not Intel's "UHD Graphics 770"), a data-centre card by its model (not AMD's A10 APU, nor
# gcc's -m64 or a p99 percentile), an eGPU)
_NVIDIA_BESIDE = re.compile(r"\bnvidia\b|\b(?:rtx\s*)?[1-5]0[5-9]0\b|\bgtx?\s*1[65][56]0\b|\begpu\b|"
                            r"\b(?:gtx|geforce)\s*[6-9][5-8]0(?:\s?ti)?\b|(?:(?<=\bmy )|(?<=\bold ))[6-9][5-8]0\b|"
                            r"(?<!amd )(?<!-)\b(?:(?-i:[KMP]\d{2})|P4|P100|T4|V100|A2|A10G?|A16|A30|A40|A100|A800|A[2-6]000|"
                            r"L4\d?S?|H[12]00)\b(?![-\w])", re.I)
# (and an integrated one, beside which a laptop often has an NVIDIA GPU whose driver is not loaded: there CUDA finding
# no device or driver may be that GPU's)
_INTEGRATED_GPU = re.compile(r"\bintel\b|\bwith\s+radeon\s+graphics\b|\bintegrated\b|\bradeon\s+(?:vega\s+)?graphics\b", re.I)
# ("Intel Iris Xe graphics only", "no dGPU"; not "the iGPU only drives the panel", "no discrete GPU driver loaded")
_NO_DISCRETE_SAID = re.compile(r"\b(?:graphics|i?gpu)\s+only\b(?=\s*(?:[),.;:(]|$))|"
                               r"\b(?:no|without\s+(?:an?\s+)?)\s*(?:dgpu|discrete\s+(?:gpu|graphics|card)|nvidia\s+(?:gpu|card))\b"
                               r"(?!\s+(?:driver|module))", re.I)
# A PC's GPU that CUDA-free stacks reach through the render node (AMD, Intel and their OpenVINO, oneAPI and SYCL, Mesa,
# Vulkan's software fallback).
_RENDER_NODE_GPU = re.compile(r"radeon|amd(?!64)|rocm|gfx\d|intel|arc\s|iris|uhd|i915|mesa|radv|llvmpipe|vulkan|openvino|cldnn|"
                              r"oneapi|sycl|level.?zero", re.I)
# Jetson modules without a deep-learning accelerator (NVIDIA's module data sheets: DLA cores on AGX Xavier, Xavier NX,
# AGX Orin and Orin NX only).
_WITHOUT_DLA = re.compile(r"\borin\s+nano\b|(?<!orin )\bnano\b|\btx[12]\b", re.I)
_WITH_DLA = re.compile(r"\bagx\s+orin\b|\borin\s+nx\b|\bxavier\b", re.I)
# A line that ties what it says to a remote session: "when running it through SSH", "over PuTTY", "via xrdp".
_OVER_REMOTE = re.compile(r"\b(?:through|over|via|from|using|in)\s+(?:an?\s+|the\s+|my\s+)?(?:ssh|putty|xrdp|vnc|"
                          r"remote (?:login|session|shell|desktop))\b", re.I)
# Words that tell a program saw no GPU but not why: a failing line that names what failed tells more.
_UNTELLING_WORDS = ("gpu-not-detected",)
# The driver's own installation failing or switched off: its persistence daemon, a cluster's driver installer.
_DRIVER_INSTALL = ("persistenced-failed", "driver-install-off")
# Families that note something harmless, no failure: ldconfig's warning that a soname is a copy, DeepStream's plugins
# without their optional libraries, and nvidia-smi's CUDA version read as the installed CUDA's.
_NOTES = ("ldconfig-not-a-link", "deepstream-optional-plugin", "smi-cuda-version-read")
# The kinds of failing line a note gives way to, unless the note is of that line: the GPU's nodes, libraries, driver or
# versions.
_TELLING_FAILURES = ("gpu-node", "library-placeholder", "gpu-library", "driver", "injection", "device-permission", "library",
                     "version")
# Families read again by the failing lines when those name a GPU library (a build that cannot link libcuda).
_GPU_LIBRARY_REREAD = ("build-error",)
# ...but not the linker's word that libcuda is not where it looks, in an image's build or on a PC: a build in a container
# has no driver library, which the NVIDIA runtime mounts only when a container runs, and a PC's build machine may have no
# driver; the build links CUDA's stub instead. (On a Jetson itself, libcuda comes with L4T: missing, L4T is broken.)
_DRIVER_UNSEEN_AT_LINK = re.compile(r"\bld: warning: libcuda\.so[.\d]*, needed by\b|\bld: cannot find -lcuda\b", re.I)
# ...nor, outside a container, its word that a library of CUDA's toolkit is not where it looks: those lie under
# /usr/local/cuda, which the linker does not search on a Jetson or a PC, so the build was not told where CUDA is.
# (JetPack's own libraries, TensorRT's among them, lie where the linker looks: one missing there is the software.)
# (a static library's name too)
_TOOLKIT_UNSEEN_AT_LINK = re.compile(LINKER_MISSES + r"(?:cuda::)?(?:cudart|cudadevrt|cublas(?:lt)?|curand|cufft|cusparse|"
                                     r"cusolver|nvrtc|npp\w*|nvtoolsext|nvjpeg)(?:_static)?\b", re.I)
DRIVER_FAILURE = "NVML, nvidia-smi, /dev/nvidia* and the NVIDIA kernel module are a discrete GPU's driver"
GRAPHICS_RENDER = ("the render node fails and the paste never names CUDA: on a PC the render node serves graphics and video "
                   "(Mesa, VA-API, Vulkan); a Jetson's CUDA failing there prints CUDA's own error")
LEGACY_HOOK = ("the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*, the "
               "persistence daemon or its driver-version check; on a Jetson it mounts the CSV files instead")
# (the C library's requirement check, "nvidia-container-cli: requirement error", is the legacy mode's; the runtime's csv
# mode on a Jetson says "requirements not met" and names the host's CUDA: "(cuda=11.4)")
_LEGACY_HOOK = re.compile(r"nvidia-persistenced|requirement error:[^\n]{0,120}update your driver|"
                          r"nvidia-container-cli:\s*requirement error", re.I)
# Where a paste names CUDA or a Tegra at all: then a render node it names may be CUDA's on a Jetson.
_CUDA_NAMES = ("cuda", "cuinit", "cuctx", "tegra", "jetson", "l4t", "jetpack", "nvmap", "nvhost", "tensorrt", "nvrm",
               "deepstream")
_TEGRA_NODE = re.compile(r"/dev/nv(?!idia)|nvhost|nvmap", re.I)
_DISCRETE = re.compile(_DISCRETE_DRIVER, re.I)
_TOOLKIT_WORDS = re.compile(r"(?<!cuda)(?<!cuda[\s_-])toolkit|libnvidia-container|nvidia-container|nvidia-ctk", re.I)
_RENDER_WORDS = re.compile(r"/dev/dri|renderd\d|\brender\b", re.I)
_TEGRA_WORDS = re.compile(r"/dev/nv(?!idia)|nvhost|nvmap|\bvideo\b", re.I)
# A denial of a GPU node, in words or by a failing line that names the node: what a launch that drops groups causes.
_NODE_DENIALS = ("denial-words", "render-node-denied", "failure-gpu-node", "failure-device-permission")
# Families that say in words how the session got (or lost) its groups: the mechanism, on any system.
_SESSION_FAMILIES = ("seat-login-words", "groups-lost-words", "groups-missing-words")
# A virtual machine's vGPU driver the host's vGPU manager refuses (Xid 78, NVIDIA Virtual GPU Software documentation):
# the guest runs another vGPU release's driver, which no reboot or reinstall of it mends.
_VGPU_GUEST_REFUSED = re.compile(r"\bguest driver is incompatible with (?:the\s+)?host driver\b", re.I)
# CDI mode said in words: LXD's and Incus' own, beside them, not the container toolkit's, unless the line is the NVIDIA
# runtime's or an engine's own.
_CDI_MODE = re.compile(r"\bcdi[- ]mode\b", re.I)
_ENGINE_RUNTIME = re.compile(r"\boci runtime\b|\bnvidia-container-runtime\b|\bdocker\b|\bpodman\b", re.I)
# Families an OCI runtime error line carries as its own reason: the reason, not the hook, is the reading.
_OCI_REASONS = ("seccomp-filter", "toolkit-state", "cgroup-bpf-missing", "sysctl-denied")
# A CDI device the engine cannot resolve (no spec names it), and a container toolkit named with its version.
_CDI_UNRESOLVED = re.compile(r"unresolvable cdi devices?|failed to inject cdi devices|cdi spec (?:was )?not found|"
                             r"no (?:nvidia )?cdi spec", re.I)
_TOOLKIT_VERSION = re.compile(r"(?:nvidia-container-toolkit|libnvidia-container[\w-]{0,32}|nvidia-ctk)\W{0,4}(?:[<>=]+\s*)?v?"
                              r"\d+\.\d+", re.I)
# A toolkit release said to be where it broke: "1.17.3 breaks CSV mode", "the 1.17.0 release of ... broke", "since the
# upgrade to nvidia-container-toolkit ...".
# Who upgraded it, and the upgrade ("we upgraded", "apt upgraded", "ansible updated", "dnf upgrade"; not "since before
# updating").
_UPGRADED_BY = (r"(?:apt(?:-get)?|dnf|yum|zypper)\s+(?:upgrade|update|full-upgrade|dist-upgrade)|"
                r"(?!before\b|after\b|then\b|when\b|while\b|until\b)(?:the\s+system|[\w-]+)\s+(?:upgraded|updated)")
_TOOLKIT_RELEASE_BLAMED = re.compile(r"\b(?:incompatible|a regression|broke|breaks|broken)\b|\b(?:since|after)\s+"
                                     r"(?:" + _UPGRADED_BY + r"|(?:the\s+|an?\s+|our\s+|this\s+|that\s+)?(?:upgrad|updat)\w*)\b",
                                     re.I)
# The host's driver removed by the same run as the toolkit's upgrade ("the same run autoremoved nvidia-driver-535", "it
# also uninstalled the nvidia driver"): the driver's loss, not the toolkit's release.
_DRIVER_CHANGED = re.compile(r"\bautoremov\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\bwhich\s+(?:also\s+)?(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\b(?:same|that|this)\s+(?:apt\s+)?(?:run|upgrade|update|transaction)\b[^\n]{0,40}?"
                             r"\b(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver|"
                             r"\b(?:also|along\s+with)\b[^\n]{0,30}?\b(?:remov|uninstall|purg)\w*\s+(?:the\s+)?nvidia[- ]driver",
                             re.I)
# What a line says went back or moved ("downgrading torchvision back to", "since the upgrade to JetPack 6.0"), and
# software other than the toolkit among it (a framework, a library, the OS, a kernel).
_MOVED_OBJECT = re.compile(r"\b(?:downgrad\w*|revert\w*|roll(?:ing|ed)?\s*back|pinn(?:ing|ed)|upgrade\s+to|update\s+to)\s+"
                           r"(?:back\s+)?(?:to\s+)?(?:(?:a|an|the|my|our)\s+)?(?:(?:previous|older|earlier)\s+)?[`'\"]?"
                           r"([\w.+-]+(?:\s+[\w.+-]+)?)", re.I)
_OTHER_SOFTWARE_NAMED = re.compile(r"\b(?:torch\w*|tensorflow|onnxruntime[\w-]*|tensorrt|cudnn|cuda|numpy|opencv|jax|"
                                   r"jetpack|l4t|kernel|driver|firmware|bsp|ubuntu|python|pip|docker|containerd|podman|"
                                   r"runc|crun)\b", re.I)
_LEGACY_MODE = re.compile(r"auto-detected mode as '?legacy", re.I)
# Overflow ids: a node whose owner and group map to no id of the user namespace (rootless engines).
_OVERFLOW = ("nobody", "nogroup", "65534")
_DENIALS = ("cuda-801", "cuda-999", "cuda-100", "nvmap-denied", "nvidia-node-denied", "nvrmgpu-open", "render-node-denied",
            "nvrm-channel", "denial-words", "failure-gpu-node", "failure-device-permission")
# The driver library comes from the host through the NVIDIA runtime: missing (or an empty placeholder
# left by the CSV mounts), the container was started without it.
_DRIVER_LIBRARY = re.compile(r"libcuda\.so[.\d]*:\s*cannot open|\.so[.\d]*:\s*file too short", re.I)
# The driver's libraries by name (libcuda, NVML, the video engine's), which the runtime brings into a container and an
# image does not carry: one missing where the launch asked for no GPU is what the runtime would have brought.
_INJECTED_LIBRARY = re.compile(r"\blib(?:cuda|nvidia-[\w-]+|nvcuvid)\.so\b", re.I)
# CUDA's own libraries (the runtime, the math libraries, cuDNN, TensorRT; by file or by CMake's variable for one): a
# container brings them itself from R34 on; the driver's and the Tegra platform's libraries (libcuda, libnvrm*,
# libnvmedia*, ...) come from the host on every release.
_CUDA_STACK = re.compile(r"lib(?:cudart|cublas\w*|cufft\w*|curand\w*|cusparse\w*|cusolver\w*|npp\w*|cudnn\w*|nvinfer\w*|"
                         r"nvonnxparser\w*|nvparsers|nvrtc\w*|nvjpeg|nvjitlink|cupti)\b|(?<![\w-])-l(?:cudart|cublas|cudnn|"
                         r"nvinfer|nvparsers|nvonnxparser)|/usr/local/cuda|"
                         r"\bcuda_(?:cudart|cublas|cufft|curand|cusparse|cusolver|npp|nvrtc|nvjpeg|cupti)\w*_library\b", re.I)
_HOST_DRIVER = re.compile(r"libcuda\.so|nvrm|libnvidia-|libnvos|libnvmedia|/tegra/", re.I)
_NVCC = re.compile(r"\bnvcc\b|'gpu-architecture'", re.I)
# A desktop driver's release number ("580.119", "550.90.07"; not an address's "192.168.1.10"): packages of that release
# out of step are the driver's, split between its kernel module and its libraries.
_DRIVER_RELEASE = re.compile(r"(?<![\w.])" + DESKTOP_BRANCH + r"\.\d{2,3}(?:\.\d{2})?(?!\d|\.\d)")
# The GPU's graphics libraries as a sandbox maps them in from the host (snapd's, Apptainer's), GLVND's dispatch, or a
# Mesa driver that fails to load: a PC's GPU stack that does not fit the program's runtime.
_HOST_GRAPHICS = re.compile(r"\blib(?:EGL|GLX|GL|GLESv2)(?:_nvidia)?\.so|/snapd/lib/gl/|\.singularity\.d/libs/|"
                            r"MESA-LOADER: failed to open \w+", re.I)
# ... unless the host's own tools say so (libnvidia-container's log lines, its driver service): then the host lacks it.
_HOST_TOOL = re.compile(r"^[IWEF]\d{4} [\d:.]+\s+\d+ \w+\.c:\d+\]|nvidia-container-cli|driver service", re.I)
# NVML refusing one query, not starting: "dev.AverageGPUUtilization() error: nvml: Not Found" (mindprince/gonvml#10, where
# the same run counted and named the GPU), "nvmlDeviceGetFanSpeed: Not Supported", an exporter's "power query failed:
# nvml error: 3" (NVML_ERROR_NOT_SUPPORTED; 6 is NOT_FOUND); not a device looked up by its handle or count, which a GPU
# fallen off the bus fails).
_NVML_QUERY_UNANSWERED = re.compile(r"^(?![^\n]*\b(?:init\w*|failed to initiali[sz]e|driver/library version mismatch)\b)"
                                    r"[^\n]*\b(?:(?:\w+\(\)\s+error:\s*nvml|nvml\w*get(?!handle|count)\w*)\b[^\n]{0,20}?:\s*"
                                    r"(?:not found|not supported)|(?:quer(?:y|ies)\s+failed|failed\s+to\s+query\b[^\n]{0,60}?):"
                                    r"\s*(?:nvml(?:\s+error)?:?\s*(?:[36](?![\d.])|not found|not supported)|"
                                    r"nvml_error_not_(?:supported|found)))\b", re.I)
# The graphics APIs a display serves (EGL, GLX, OpenGL, OpenGL ES).
_GL_API = re.compile(r"\begl\w*|\bglx\w*|\bopengl\b|\bgles\w*", re.I)
_GRAPHICS = re.compile(r"NVIDIA_DRIVER_CAPABILITIES=['\"]?[\w,]*(?:display|graphics)", re.I)
_OPEN_FAILED = re.compile(r"opening channel /dev/\S+ failed|failed to open '?/dev/", re.I)
_NO_PERMISSION = re.compile(r"permission denied|not permitted|eacces|eperm", re.I)
# Images built for servers and desktops, or for generic arm64: their CUDA is not built for L4T.
_SERVER_IMAGE = re.compile(r"^(?:docker\.io/)?(?:nvidia/cuda|pytorch/pytorch|tensorflow/tensorflow)(?::|$)|^arm64v8/|"
                           r"^nvcr\.io/nvidia/(?:pytorch|tensorflow|tensorrt|tritonserver|cuda)(?::|$)|"
                           r"[:/_-](?:latest-)?(?:arm64|aarch64|sbsa)(?:[_.-]|$)", re.I)
_JETSON_IMAGE = re.compile(r"l4t|jetson|jetpack|igpu|(?<!in)tegra|dustynv/|[:-]r3\d\.\d|[:-]jp\d", re.I)


def _not_the_driver_s(kind: str, line: str) -> str:
    """Why a software failure of ``kind`` on a PC is not its GPU stack's (_NOT_THE_DRIVER_ON_A_PC; a library of the system
    or a language's runtime), or "" where it may be."""
    if _the_pcs_own_stack(kind, line):
        return ""
    if kind == "failure-library" and _SYSTEM_LIBRARY.search(line):
        return ("a library of the system or of the language's runtime (GLib, libffi, LLVM, Python's own) does not load or fit: "
                "most often two environments mixed (a conda environment's libraries before the system's), not the GPU's "
                "software")
    if kind == "failure-library" and _own_symbol_missing(line):
        return ("a package's module lacks a symbol of the package's own code: its parts are of two builds or versions, "
                "not the GPU's software")
    return _NOT_THE_DRIVER_ON_A_PC.get(kind, "")


# A shared object that lacks a C++ symbol ("pycuvslam.cpython-312-x86_64-linux-gnu.so: undefined symbol:
# _ZN7cuvslam10GetVersionEPiS0_S0_"): its file's name, and the symbol's first namespace (Itanium mangling: after the
# qualifiers of a const or volatile method, its length, then its name).
_UNDEFINED_SYMBOL = re.compile(r"([\w.-]+)\.so(?:\.[\d.]+)?:\s*undefined symbol:\s*_ZN[KVr]{0,3}(\d{1,3})(\w+)")
# The CUDA stack's own libraries, whose parts of two releases are the PC's GPU software (this file's convention).
_CUDA_STACK_NAMESPACE = re.compile(r"cuda\w*|cublas\w*|cudnn\w*|cufft\w*|curand|cusparse\w*|cusolver\w*|cutensor\w*|cupti|"
                                   r"nvinfer\w*|nvonnxparser|nvparsers?|myelin|nvrtc|nvjitlink|nccl|nvshmem|nvjpeg|npp\w*|"
                                   r"nvml|optix|nvtx\w*")


def _own_symbol_missing(line: str) -> bool:
    """Whether a module's missing symbol is of its own package's namespace (cuvslam's in pycuvslam.so): the package's
    parts do not fit each other. A namespace of another library (c10, PyTorch's, in an extension) may be a CUDA stack's,
    and the CUDA stack's own (cudnn's in libcudnn_ops.so) is its software's."""
    found = _UNDEFINED_SYMBOL.search(line)
    if found is None:
        return False
    namespace = found.group(3)[:int(found.group(2))].lower()
    return (len(namespace) >= 3 and namespace in found.group(1).split(".")[0].lower()
            and not _CUDA_STACK_NAMESPACE.fullmatch(namespace))


def _the_pcs_own_stack(kind: str, line: str) -> bool:
    """Whether a software failure of ``kind`` on a PC is still the PC's GPU stack by its line: what the runtime injects
    from the driver (libnvidia-ml, libcuda), a line that blames the driver or names its release, the GL stack a sandbox
    maps in from the host or the Mesa driver a build's own libraries fail to load, or the machine's own CUDA toolkit
    older than its GPU (nvcc, not the ptxas a wheel brings)."""
    return bool(_HOST_DRIVER.search(line) or _DRIVER_BLAMED.search(line) or _DRIVER_RELEASE.search(line)
                or _HOST_GRAPHICS.search(line)
                or (kind == "toolchain-lacks-arch" and _NVCC.search(line)))


def _because(text: str, lines: Sequence[str]) -> Statement:
    lines = tuple(dict.fromkeys(line for line in lines if line))
    return Statement(text, lines, not lines)


def _gpus_alone_refused(seen: Observed) -> List[str]:
    """The hook's mode line and the launch, where a launch asks for the GPU with --gpus alone and the hook logs csv or
    CDI mode: the hook run that way refuses any mode but legacy (nvidia-container-runtime-hook's doPrestart), so the
    container is never created."""
    direct = seen.said("toolkit mode not legacy")
    gpus_only = [launch for launch in seen.launches if launch.gpus and not launch.nvidia_runtime
                 and not _nvidia_by_default(launch, seen)]
    return direct[:1] + [_first_line(gpus_only[0])] if direct and gpus_only else []


def _first_line(launch: Launch) -> str:
    return launch.text.split("\n")[0]


_WSL_KERNEL = re.compile(r"\b\d+\.\d+\.\d+(?:\.\d+)?-microsoft-standard(?:-WSL2)?\b", re.I)
_NAMED_ONLY = ("model", "Tegra-only name", "host name")  # Jetson signs that are names, not a Jetson's own output
# Jetson signs only a Jetson's own hardware prints (its kernel, its board and SoC ids, tegrastats, its GPU as CUDA names
# it, its release file)
_JETSON_HARDWARE = ("kernel", "board id", "SoC", "tegrastats", "CUDA device", "release file")


# A launch said to lack NVIDIA's runtime and to pass --gpus ("lacks --runtime nvidia but passes --gpus all").
_RUNTIME_LACKED_GPUS_PASSED = re.compile(
    r"\b(?:lacks?|lacked|lacking|miss(?:es|ed|ing)|without|no)\s+[`'\"]?--runtime[= ]?nvidia\b(?=[^\n]*?\b(?:pass(?:es|ed)?|"
    r"uses?|used|with|adds?|added|has|had)\s+[`'\"]?--gpus\b)", re.I)
# Words right before a name that say it is not there ("no GeForce in this model", "without a Quadro").
_SAID_ABSENT = re.compile(r"(?:\b(?:no|not|without|lacks?)|n't\s+have)\s+(?:an?\s+|any\s+)?(?:nvidia\s+)?(?:[\w-]+\s+(?:or|nor)\s+)?$",
                          re.I)


def _nvidia_cards_named(seen: Observed) -> List[str]:
    """NVIDIA's cards that the lines of the PC's signs name, less those said absent ("no GeForce in this model"); a line
    keeps one sign ("Windows ... on a MacBookPro11,3 (GeForce GT 750M)")."""
    return [m.group(0) for line in dict.fromkeys(s.line for s in seen.x86) for m in NVIDIA_CARD.finditer(line)
            if not _SAID_ABSENT.search(line[:m.start()])]


def _names_an_nvidia_gpu(seen: Observed) -> bool:
    """Whether a sign of a PC the paste shows, or its line, names an NVIDIA GPU."""
    return any(NVIDIA_GPU.search(s.value) for s in seen.x86) or bool(_nvidia_cards_named(seen))


def _other_arm_boards(seen: Observed) -> List[Sighting]:
    """The signs of another maker's Arm board (Raspberry Pi, Rockchip, Orange Pi ...): no Jetson, and no NVIDIA GPU
    of its own."""
    return [s for s in seen.x86 if OTHER_ARM_BOARD.search(s.value)]


# An NVIDIA card said in words, not named by its model ("with an Nvidia GPU on a PCIe riser", "an NVIDIA eGPU").
_NVIDIA_CARD_SAID = re.compile(r"\b(?:an?|my|the|our|one|two)\s+nvidia\s+(?:gpus?|cards?|graphics\s+cards?|e-?gpus?)\b", re.I)
# The PC sign that shows NVIDIA's discrete driver on the machine: its nodes listed (nvidia-smi typed shows no more than
# the command: "command not found" follows it on a board).
_NVIDIA_DRIVER_NODES = ("discrete-GPU node",)


def _only_another_makers_board(seen: Observed) -> bool:
    """Whether the paste's only machine is another maker's Arm board: no other machine's sign beside the board's own,
    no NVIDIA GPU named or said on their lines (a card in its PCIe slot would be one), and no node of NVIDIA's discrete
    driver listed (one only such a card brings)."""
    boards = _other_arm_boards(seen)
    return bool(boards) and not any(NVIDIA_GPU.search(s.line) or _NVIDIA_CARD_SAID.search(s.line) for s in seen.x86) \
        and all((s in boards or s.kind in WEAK_X86) and s.kind not in _NVIDIA_DRIVER_NODES for s in seen.x86)


# The families whose error shows NVIDIA's discrete driver present (its library or module answering), which a board
# without such a card never prints: the machine that fails is another, or a card in its slot.
_DRIVER_AT_WORK = ("nvml-driver", "nvml-unknown", "nvml-blocked", "nvml-permissions", "nvidia-module-failed",
                   "nvidia-node-denied")
# A Jetson's signs an image's software does not bring along to another board: its hardware, its L4T release (stated,
# in its release file, in its packages) and its JetPack.
_NOT_BROUGHT_BY_AN_IMAGE = _JETSON_HARDWARE + ("L4T version", "JetPack stated", "nvidia-l4t package")


def _no_nvidia_gpu_on_the_board(reading: Cause, seen: Observed, matches: Sequence[SymptomMatch]) -> Cause:
    """A PC's reading on a paste whose only machine is another maker's Arm board, with no Jetson's own sign shown (an
    L4T image's software may run there: _NOT_BROUGHT_BY_AN_IMAGE) and no error only a discrete NVIDIA GPU's driver
    prints (the machine that fails is then another, or a card in the board's slot): the board has no NVIDIA GPU, so
    what fails there is its own hardware's or the software's, not this access."""
    if reading.id != "x86-discrete-gpu" or not _only_another_makers_board(seen) or any(
            s.kind in _NOT_BROUGHT_BY_AN_IMAGE for s in seen.jetson) or any(m.id in _DRIVER_AT_WORK for m in matches):
        return reading
    board = _other_arm_boards(seen)[0]
    why = _because("the board is another maker's Arm board ({}), with no NVIDIA GPU: what fails is its own hardware's "
                   "or the software's, not anything of NVIDIA's".format(board.value),
                   [board.line] + list(reading.why.evidence))
    return Cause("not-gpu-access", why, tuple(dict.fromkeys(("x86-discrete-gpu",) + reading.also_possible)))


def _runs_the_image_s_software(seen: Observed, jetson: Sequence[Sighting], hard_x86: Sequence[Sighting]) -> List[Sighting]:
    """The signs of the machine that runs an L4T image's software where no Jetson's own hardware is shown: another arm
    board's own kernel, SoC or name, or a PC that runs the image under an emulator. It outranks what the software prints
    there and a Jetson named in words (the target, where the pipeline came from)."""
    board = _other_arm_boards(seen)
    if bool(seen.said("emulated arm64")):
        board += hard_x86
    return board if jetson and not any(s.kind in _JETSON_HARDWARE for s in jetson) else []


def _thor_or_later(seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether the paste shows JetPack 7 or later (L4T R38 on) or a Thor: the server (SBSA) CUDA stack and, on Thor,
    the open kernel driver of the desktop branch."""
    return (_l4t_major(seen) or 0) >= 38 or any(re.search(r"\bthor\b", s.value, re.I) for s in jetson)


def _a_jetson_s_own(sign: Sighting, seen: Observed, jetson: Sequence[Sighting]) -> bool:
    """Whether a PC's sign is what a Jetson shows of itself: the server (SBSA) CUDA stack, a Jetson's own from JetPack 7
    on, named beside any Jetson; and the desktop driver's branch, which Thor runs (OpenRM: fact sheet), in its
    nvidia-smi header beside a Thor or a JetPack 7 release."""
    if not jetson:
        return False
    if sign.value.lower() == "sbsa":
        return True
    return _thor_or_later(seen, jetson) and bool(re.search(r"\b(?:driver|nvidia-smi)\b\D{0,24}\b5[89]\d\.", sign.value, re.I))


def shown_platform(seen: Observed) -> Tuple[str, str]:
    """("jetson" or "pc", the line that shows it) as the paste shows the system, or ("", "") when it does not.

    A hard sign of a Jetson outranks any sign of a PC, and a hard sign of a PC outranks weak Jetson signs.
    """
    jetson = _this_machine_s(seen.jetson, seen.x86)
    if _names_an_nvidia_gpu(seen):  # a Jetson project's folder in a path
        jetson = [s for s in jetson if not _only_a_folder(s)]  # ("~/jetson-inference/build") beside a desktop GPU named
    strong = [s for s in jetson if s.kind not in WEAK_JETSON]
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    device_named = any(_names_the_device(s, images) for s in jetson)
    elsewhere = [s for s in seen.x86 if s.kind == PC_PROSE and _said_to_work(s)]  # named as the machine that works
    # (nouveau, the open driver, drives a Tegra's GPU under mainline Linux too: beside the device's name, or an arm64
    # machine's own signs, it shows no PC)
    hard_x86 = [s for s in seen.x86 if s.kind not in WEAK_X86
                and not ((s.kind == PC_PROSE or s.value.lower() == "nouveau") and device_named)
                and not (s.value.lower() == "nouveau" and any(j.kind == "arm64 machine" for j in seen.jetson))
                and s not in elsewhere and not (device_named and PACKAGE_ROW.match(s.line))
                and not _a_jetson_s_own(s, seen, jetson)]
    if not strong and device_named and not hard_x86 and any(s.kind == PC_PROSE for s in seen.x86):
        # both named in words: a prompt's Jetson host name is where the commands ran; else the one the words say fails
        # ("works on my x86 laptop but fails on my Orin"), else assumed
        prompt = [s for s in jetson if s.kind == "host name"]
        if prompt:
            return "jetson", prompt[0].line
        failing = [(s, system) for system, signs in (("jetson", jetson), ("pc", seen.x86)) for s in signs
                   if _said_to_fail(s)]
        return (failing[0][1], failing[0][0].line) if len({system for _, system in failing}) == 1 else ("", "")
    # WSL's own kernel release (`uname -r`): the commands ran in WSL, and a Jetson only named there is another machine
    # (the board it flashes); a Jetson's own output beside it (its release file, its kernel) is a mixed paste
    wsl_kernel = [s for s in seen.x86 if _WSL_KERNEL.search(s.line)]
    if wsl_kernel and jetson and all(s.kind in _NAMED_ONLY for s in jetson):
        return "pc", wsl_kernel[0].line
    board = _runs_the_image_s_software(seen, jetson, hard_x86)
    if board:
        return "pc", board[0].line
    if strong or (jetson and not hard_x86):
        return "jetson", (strong or jetson)[0].line
    named_here = hard_x86 or [s for s in seen.x86 if s not in elsewhere]
    return ("pc", named_here[0].line) if named_here else ("", "")


_STANDALONE_JETSON = re.compile(r"(?<!/)\bjetson\b", re.I)


# The Jetson Orin Nano, which has no hardware video encoder (Savant#450: "Orin Nano does not support nvenc", its
# nvv4l2h264enc failing on /dev/v4l2-nvenc; Keylost/jetson-ffmpeg#43; deepstream-services-library#1139 adds a software
# encoder for it), and what names that encoder: its nodes, GStreamer's elements, the Multimedia API's encoder.
_ORIN_NANO = re.compile(r"\borin[\s_-]*nano\b", re.I)
_HARDWARE_ENCODER = re.compile(r"/dev/(?:nvhost-msenc|nvhost-nvenc\d?|v4l2-nvenc)\b|\bnvv4l2(?:h26[45]|av1|vp[89])enc\b|"
                               r"(?:\b|_)nvenc\b|\bfailed to create (?:the )?(?:video )?encoder\b", re.I)
# Modules that have the encoder, named beside an Orin Nano: an Orin NX on the Orin Nano's carrier, another board compared.
_ENCODER_MODULE = re.compile(r"\borin[\s_-]*nx\b|\bagx[\s_-]*orin\b|\borin[\s_-]*agx\b|\bxavier\b|\btx[12]\b|\bthor\b|"
                             r"\bjetson[\s_-]+nano\b", re.I)
_JETSON_MODULE = re.compile(_ORIN_NANO.pattern + "|" + _ENCODER_MODULE.pattern, re.I)
# A module named as a plan or a suggestion ("we may move to an Orin NX later", "try an Orin NX instead"), and the Orin
# Nano's developer kit named as the carrier another module sits on: neither is the module that runs.
_HYPOTHETICAL_BEFORE = re.compile(r"\b(?:(?:may|might)\s+(?:move|switch|upgrade|go|buy|use|get)|plan(?:s|ning)?\s+to|"
                                  r"try\s+(?:an?|the|another)|consider(?:ing)?|(?:move|switch(?:ing)?)\s+to|buy(?:ing)?|"
                                  r"suggest\w*|recommend\w*)\b[^\n.;,)]{0,30}$", re.I)
_CARRIER_AFTER = re.compile(r"\s*(?:dev(?:eloper)?\s*kit\s+)?carrier\b", re.I)


# The data-centre line's brand alone ("4x Tesla GPUs (A100 40GB)"): its models differ (the A100 has no NVENC, the T4 has),
# so it names no encoder either way.
_DATA_CENTRE_LINE = re.compile(r"Tesla$", re.I)
# Data-centre GPUs with no hardware video encoder (NVIDIA's Video Encode and Decode GPU Support Matrix lists no NVENC
# for the A100, A30, A800, H100, H200 (GH200's too) and H800; insight-platform/Savant#216: "works with RAW, doesn't work
# with NVENC" on an A100), and a move off that encoder said to have mended it ("setting from nvenc to software resolved
# the issue", "libx264 instead of h264_nvenc").
_ENCODERLESS_CARD = re.compile(r"^(?:Tesla\s+)?(?:A100|A30|A800|H100|G?H200|H800)\b", re.I)
_OFF_THE_ENCODER = re.compile(r"(?:\b|_)nvenc\b[^\n]{0,30}?\bto\s+(?:the\s+)?(?:software|(?:lib)?x26[45]|cpu|raw)\b|"
                              r"\b(?:software|(?:lib)?x26[45]|cpu)\s+(?:encod\w+\s+)?instead\s+of\s+(?:\w+_)?nvenc\b", re.I)


def _encoderless_card_asked(seen: Observed, failure: Optional[Failure], line_of: Dict[str, str]) -> List[str]:
    """The lines that ask the hardware encoder of a machine whose NVIDIA GPUs, as the paste names them, all lack one:
    the encoder's failure, or its replacement by software said to mend it."""
    cards = [card for card in _nvidia_cards_named(seen) if not _DATA_CENTRE_LINE.match(card)]
    if seen.jetson or not cards or not all(_ENCODERLESS_CARD.search(card) for card in cards):
        return []
    return _encoder_failed(seen, failure, line_of) + [line for line in seen.said("solved") if _OFF_THE_ENCODER.search(line)]


def _only_an_orin_nano(seen: Observed) -> bool:
    """Whether the Jetson modules the Jetson's lines name, less those said to work (a comparison), are Orin Nanos only:
    an Orin NX on the Orin Nano's carrier, or an AGX Orin failing beside it, has the encoder."""
    lines = dict.fromkeys(s.line for s in seen.jetson)
    named = [Sighting("module", m.group(0), line) for line in lines for m in _JETSON_MODULE.finditer(line)
             if not _HYPOTHETICAL_BEFORE.search(line[:m.start()])
             and not (_ORIN_NANO.match(m.group(0)) and _CARRIER_AFTER.match(line, m.end()))]
    failing = [module.value for module in named if not _said_to_work(module)]
    return any(_ORIN_NANO.search(value) for value in failing) and not any(_ENCODER_MODULE.search(value) for value in failing)


def _encoder_failed(seen: Observed, failure: Optional[Failure], line_of: Dict[str, str]) -> List[str]:
    """The failing lines, or nodes said absent, that name the hardware video encoder."""
    lines = ([failure.line] if failure is not None else []) + list(line_of.values()) + [a.line for a in seen.absent]
    return [line for line in dict.fromkeys(lines) if _HARDWARE_ENCODER.search(line)]


def _only_a_folder(sign: Sighting) -> bool:
    """Whether the sign is the word "jetson" only as a folder of a path on its line."""
    return sign.kind == "Tegra-only name" and sign.value.lower() == "jetson" and not _STANDALONE_JETSON.search(sign.line)


def _image_named_system(seen: Observed, platform: str) -> Optional[Sighting]:
    """The sign ``platform`` rests on when every sign of it is a word that names no hardware inside the name of an
    image the paste launches; None when any sign is elsewhere."""
    signs, weak = (seen.jetson, WEAK_JETSON) if platform == "jetson" else (seen.x86, WEAK_X86) if platform else ((), ())
    images = [launch.image.lower() for launch in seen.launches if launch.image]
    named = [s for s in signs if s.kind in weak and any(s.value.lower() in image for image in images)]
    return named[0] if named and len(named) == len(signs) else None


def _host_hook_failed(matches: Sequence[SymptomMatch]) -> bool:
    """Whether the failure shown is the NVIDIA runtime's hook, which runs on the host before the image starts."""
    return any(m.id == "runtime-hook-failed" or "nvidia-container-cli" in m.line.lower() for m in matches)


def _logged_as(name: str, launch: Launch) -> bool:
    """Whether compose logs a service's lines under ``name`` (its number cut off): the service's name, after the project's
    ("app_engine_1", "app-engine-1"), or its container_name."""
    service = launch.service or ""
    return name == service or name.endswith(("_" + service, "-" + service)) or bool(
        re.search(r"^\s*container_name:\s*['\"]?" + re.escape(name) + r"['\"]?\s*$", launch.text, re.M))


# No "latest" published is a repository that wants a tag named, whichever machine asks: no release is at fault.
_NO_LATEST = re.compile(r"\bmanifest for \S+:latest not found\b", re.I)


def _software_at_fault(line: str, seen: Observed) -> bool:
    """Whether an image or binary that cannot run here (another architecture, an unpublished tag) is the GPU's software
    built for another release or machine, rather than a program or a tag that never reached the GPU."""
    return _names_gpu_software(line, seen) and not _NO_LATEST.search(line)


def _names_gpu_software(line: str, seen: Observed) -> bool:
    """Whether the line, or an image the paste launches, names the GPU's software. A line a compose service logged
    ("trainer  | exec format error") is that service's: only its own launch's image counts, where compose shows any."""
    if _GPU_SOFTWARE.search(line):
        return True
    launches = seen.launches
    logged = _LOG_PREFIX.match(line) if any(launch.service for launch in launches) else None
    if logged:
        name = re.sub(r"[-_]\d+$", "", logged.group(0).strip(" \t|"))
        launches = tuple(launch for launch in launches if launch.service and _logged_as(name, launch))
    return any(_GPU_SOFTWARE.search(launch.image or "") for launch in launches)


def _family(symptom_id: str) -> Dict[str, Any]:
    """The entry of data/symptoms.json with this id, or {} for none."""
    return _symptoms_by_id().get(symptom_id, {})


@functools.lru_cache(maxsize=1)
def _symptoms_by_id() -> Dict[str, Dict[str, Any]]:
    """data/symptoms.json's families by id: a reading asks after families by id many times over."""
    return {str(s["id"]): s for s in data.load("symptoms")["symptoms"]}


def family_lean(ids: Sequence[str], in_container: bool = False, names_cuda: bool = False) -> Optional[Tuple[str, str]]:
    """The system the first error family that leans to one points at, and why (data/symptoms.json
    `platform`, `assume`); None when no family in ``ids`` leans. In a container, a family whose lean rests on the
    host's own driver (`no_lean_in_container`) does not lean; nor, in a paste that names CUDA or a Tegra
    (``names_cuda``), does one whose lean rests on CUDA being absent (`no_lean_if_cuda_named`)."""
    for symptom_id in ids:
        family = _family(symptom_id)
        if family.get("platform") and not (in_container and family.get("no_lean_in_container")) and not (
                names_cuda and family.get("no_lean_if_cuda_named")):
            return str(family["platform"]), str(family["assume"])
    return None


def _node_lean(matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis]) -> Optional[Tuple[str, str]]:
    """A CUDA error beside a render node the session is denied leans to a Jetson: CUDA opens the render
    node only on a Jetson (JetPack 6 and later); a PC's CUDA opens /dev/nvidia*."""
    render_denied = diagnosis is not None and any(f.code == "ACC-003" for f in diagnosis.findings)
    if render_denied and any(m.id.startswith("cuda-") for m in matches):
        return "jetson", "the session is denied the render node beside a CUDA error, and only a Jetson's CUDA opens it"
    return None


def _graphics_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure], names_cuda: bool) -> Optional[Tuple[str, str]]:
    """A PC when the render node is denied in a paste that never names CUDA or a Tegra: on a PC the render
    node serves Mesa, VA-API and Vulkan to any program; on a Jetson it is CUDA's, which fails with CUDA's own error."""
    lines = [m.line for m in matches if m.id in ("render-node-denied", "denial-words")]
    lines += [failure.line] if failure is not None and failure.kind == "gpu-node" else []
    if names_cuda or any(m.id.startswith(("cuda-", "nv")) for m in matches):
        return None
    return ("pc", GRAPHICS_RENDER) if any(_RENDER_WORDS.search(line) and not _TEGRA_NODE.search(line)
                                          for line in lines) else None


def _hook_lean(matches: Sequence[SymptomMatch]) -> Optional[Tuple[str, str]]:
    """A PC when the runtime's hook fails on what only its discrete-GPU (legacy) mode touches: NVML, /dev/nvidia*,
    the persistence daemon, or its own driver-version check. On a Jetson the toolkit mounts the CSV files instead."""
    hook = [m.line for m in matches if m.id == "runtime-hook-failed"]
    # (the hook's own reason may stand on another line than the engine's: "... error: nvidia-container-cli: requirement
    # error: unsatisfied condition: cuda>=12.6" quoted above the docker run that failed)
    hook += [m.line for m in matches if hook and "nvidia-container-cli" in m.line.lower()]
    return ("pc", LEGACY_HOOK) if any(_DISCRETE.search(line) or _LEGACY_HOOK.search(line) for line in hook) else None


def _line_lean(matches: Sequence[SymptomMatch], failure: Optional[Failure]) -> Optional[Tuple[str, str]]:
    """A PC when the failing line, or the words of a denial, name a discrete GPU's driver (NVML, nvidia-smi,
    /dev/nvidia*); None otherwise."""
    lines = [m.line for m in matches if m.id == "denial-words"]
    lines += [failure.line] if failure is not None and failure.kind == "driver" and not matches else []
    return ("pc", DRIVER_FAILURE) if any(_DISCRETE.search(line) for line in lines) else None


def _index_lean(seen: Observed) -> Optional[Tuple[str, str]]:
    """A PC when the paste installs from PyTorch's own index of CUDA builds, which holds none for a Jetson's CUDA."""
    return ("pc", "the paste installs from PyTorch's own index of CUDA builds, which are PCs' and servers'") if seen.said(
        "PC CUDA index") else None


def _toolkit_absent(seen: Observed) -> List[str]:
    """The lines that show CUDA's toolkit absent, unless another line shows it installed (where a build did not look)."""
    return [] if seen.said("CUDA toolkit present") else seen.said("CUDA toolkit absent")


def _linked_where_it_does_not_look(lines: Sequence[str], seen: Observed, container: str, platform: str) -> bool:
    """Whether the linker's missing GPU library is one the build looks for where it does not lie, not one the system
    lacks: CUDA's driver library in an image's build or on a PC, a library of CUDA's toolkit outside a container where
    the paste does not show the toolkit absent, nor the link told where CUDA's libraries lie, nor one of JetPack's own
    libraries missing beside it."""
    driver = bool(container or platform != "jetson") and any(_DRIVER_UNSEEN_AT_LINK.search(line) for line in lines)
    toolkit = not container and not _toolkit_absent(seen) and not seen.said("CUDA library path given") and not seen.said(
        "JetPack library unseen at link")
    return driver or (toolkit and any(_TOOLKIT_UNSEEN_AT_LINK.search(line) for line in lines))


def _shows_failure(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                   failure: Optional[Failure]) -> bool:
    denied = diagnosis is not None and any(f.code in ("ACC-002", "ACC-003", "ACC-004") for f in diagnosis.findings)
    return bool(matches) or bool(seen.absent) or denied or failure is not None


def decide_cause(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis],
                 failure: Optional[Failure] = None, container: str = "", names_cuda: bool = True) -> Cause:
    """The top-1 cause: the likeliest given the evidence, in order of how decisive the evidence is.

    The platform comes first. When the paste shows it, the reading is that system's. When it does
    not but shows a failure, the reading is done on the system the error family leans to (a Jetson
    when none does), and the cause says so as an assumption, with the cause it would be on the other
    system; the question then asks which system it is. Only a paste that shows no failure and no
    platform stays `unknown`. A failure no family names (``failure``) is weighed by what its line
    mentions; ``container`` is a line showing the paste ran inside a container or an image build; ``names_cuda``
    whether the paste names CUDA or a Tegra anywhere.
    """
    platform, line = shown_platform(seen)
    lean = (_node_lean(matches, diagnosis) or _graphics_lean(matches, failure, names_cuda) or _hook_lean(matches)
            or family_lean([m.id for m in matches], bool(container or seen.launches or seen.execs), names_cuda)
            or _line_lean(matches, failure) or _index_lean(seen))
    # nvidia-smi run as a command is the weakest sign of a PC (JetPack 6 has it too): an error family
    # that leans to a Jetson outranks it.
    if platform == "pc" and all(s.kind == "nvidia-smi" for s in seen.x86) and lean and lean[0] == "jetson":
        platform, line = "", ""
    # The runtime's hook fails on the host before the image runs; a system named only by the image's name is the one
    # the image was built for, not the host's: the cause read on it is said as assumed, with the other system's.
    named = _image_named_system(seen, platform)
    if named is not None and _host_hook_failed(matches):
        platform, line, lean = "", "", (platform, "the image's name says {!r}, which is what the image was built for, "
                                        "not the host the runtime's hook failed on".format(named.value))
    # A PC named only by signs a Jetson can show too (a node name Thor shares, software a mainline Tegra has) is likely, not
    # shown: a failure is read on it, and said as assumed, with the Jetson's reading beside it.
    failing = _shows_failure(seen, matches, diagnosis, failure)
    if platform == "pc" and failing and all(s.kind in SHARED_X86 for s in seen.x86) and not (lean and lean[0] == "pc"):
        platform, line, lean = "", "", ("pc", "the paste names {}, which a PC has and a Jetson can have too".format(seen.x86[0].value))
    if platform or not failing:
        return _decide(seen, matches, diagnosis, platform, line, failure, container)
    prior, why = lean or ("jetson", JETSON_BY_DEFAULT)
    likely = _decide(seen, matches, diagnosis, prior, "", failure, container)
    other = _decide(seen, matches, diagnosis, "pc" if prior == "jetson" else "jetson", "", failure, container)
    if likely.id == other.id or likely.id == "unknown":  # the system does not change the reading, or decides nothing
        return likely
    assumption = "assumed: {}, since {}".format(PLATFORM_NAMES[prior], why)
    text = "{} (assumed: {}, which the paste does not show; on {} it would be {})".format(
        likely.why.text, PLATFORM_NAMES[prior], PLATFORM_NAMES["pc" if prior == "jetson" else "jetson"], other.id)
    rest = tuple(c for c in dict.fromkeys((other.id,) + likely.also_possible) if c != likely.id)
    return Cause(likely.id, Statement(text, likely.why.evidence, likely.why.assumed), rest, assumption, other.id, prior,
                 likely.ruled_by)


def _decide(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
            platform_shown: str, failure: Optional[Failure] = None, container: str = "") -> Cause:
    """The first reading the evidence supports, unless evidence elsewhere in the paste rules its cause out
    (data/causes.json `ruled_out_by`): then that evidence's own reading, with the lines of both."""
    reading = _no_nvidia_gpu_on_the_board(_toolkit_left_open(
        _first_reading(seen, matches, diagnosis, platform, platform_shown, failure, container), matches), seen, matches)
    rules = data.load("causes")["ruled_out_by"]
    if not any(reading.id in rule["rules_out"] for rule in rules):
        return reading  # no evidence could rule it out: none is looked for
    ids, line_of = [m.id for m in matches], {m.id: m.line for m in matches}
    shown = [(rule, lines) for rule in rules for lines in [_RULING_EVIDENCE[rule["evidence"]](seen, ids, line_of)] if lines]
    ruled_out = {cause_id for rule, _ in shown for cause_id in rule["rules_out"]}
    for rule, lines in shown:
        if reading.id in rule["rules_out"]:
            rest = tuple(c for c in dict.fromkeys(reading.also_possible + ("jetson-software-mismatch",))
                         if c not in ruled_out and c != rule["instead"])
            why = "{}; the reading `{}` ({}) is ruled out".format(rule["says"], reading.id, reading.why.text)
            return Cause(rule["instead"], _because(why, list(lines) + list(reading.why.evidence)), rest,
                         ruled_by=rule["evidence"])
    return reading


# The causes of a session denied a node, which the container toolkit's own state shown beside them can explain (its opt-out
# of the nodes' GIDs, its mode, the version it went to): it decides what groups and nodes the container gets.
_TOOLKIT_CAN_EXPLAIN = ("render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups", "uid-gid-launch",
                        "nodes-missing-in-container")


def _toolkit_left_open(reading: Cause, matches: Sequence[SymptomMatch]) -> Cause:
    """A denial read over the toolkit's state the paste shows leaves the toolkit possible: it may be why."""
    if reading.id not in _TOOLKIT_CAN_EXPLAIN or "toolkit-band" in reading.also_possible or not any(
            m.id == "toolkit-state" for m in matches):
        return reading
    return with_fields(reading, also_possible=reading.also_possible + ("toolkit-band",))


# A package manager or an install failing.
_INSTALL_FAILED = re.compile(r"\bdpkg\b|\bapt(?:-get)?\b|^E: |\brpm\b|\bdnf\b|\byum\b|\binstall\w*\b", re.I)
# runc's own word that it could not add a syscall's rule to the profile (clone3 unknown to its libseccomp), and the
# NVIDIA runtime named on the same line ("with --runtime nvidia I get ..."): the runtime's runc is the one that fails.
_SECCOMP_RULE_UNADDED = re.compile(r"\berror adding seccomp filter rule for syscall\b", re.I)
_RUNTIME_NVIDIA = re.compile(r"--runtime[= ]nvidia\b", re.I)
# The paste's own word that the image lacks nvidia-smi ("the official Ubuntu image does not include the nvidia-smi
# binary"): the image's matter, with the GPU given.
_IMAGE_LACKS_SMI = re.compile(r"\bimages?\b[^\n.]{0,60}?\b(?:does\s+not|doesn't|do\s+not|don't)\s+(?:include|contain|"
                              r"ship|have|bundle)\b[^\n.]{0,30}?\bnvidia-smi\b", re.I)


def _the_one_failure(family: str, ids: Sequence[str]) -> bool:
    """Whether ``family`` is the only failure the paste's families name: the others only describe symptoms or say no
    GPU was found."""
    return family in ids and all(i in (family,) + _SYMPTOM_WORDS + _NO_GPU_SAID for i in ids)


def _smi_in_one_run_only(seen: Observed, line_of: Dict[str, str]) -> bool:
    """nvidia-smi said to work in one run and not found in another: two runs, one given the GPU and one not (not sudo's
    own PATH, secure_path, which lacks WSL's folder of the driver's tools, nor a container told to leave it out)."""
    return all("nvidia-smi" in line_of.get(i, "").lower() for i in ("gpu-works-words", "tool-not-found")) and not (
        re.search(r"\bsudo\b", line_of["tool-not-found"]) or _on_wsl(seen) or _smi_left_out(seen))


def _smi_left_out(seen: Observed) -> str:
    """A launch whose driver capabilities leave out `utility`, the one that brings nvidia-smi into the container
    (NVIDIA/libnvidia-container src/nvc_info.c, utility_bins): its line, or ""."""
    for launch in seen.launches:
        asked = re.search(r"\bNVIDIA_DRIVER_CAPABILITIES\s*[=:]\s*[\"']?([\w,]+)", launch.text)
        if asked and not re.search(r"\b(?:utility|all)\b", asked.group(1)):
            return launch.text.split("\n")[0]
    return ""


def _access_works(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the GPU opened and working for the session that fails: a check that opens it says so, or a
    program reports the device in use. None when the paste contrasts it with another session or with the host, or
    shows a login path (su -, ssh, gosu) whose session is not the one the check ran in."""
    if "denial-words" in ids or len(seen.identities) > 1 or bool(seen.said("works on the host")) \
            or seen.logins or _smi_in_one_run_only(seen, line_of):
        return []
    # Words that say it works do not outrank a CUDA start-up error the program itself printed; a device in use does.
    words = "gpu-works-words" in line_of and not any(i in _STARTUP_ERRORS for i in ids)
    lines = [line_of["gpu-works-words"]] if words else []
    # CUDA's own check answered True, by no root session, where nothing in the paste says CUDA or a node was refused (a
    # True pasted beside a denial is another session's, another machine's or the expected output)
    true = seen.cuda_true
    refused = any(i in _CUDA_REFUSED for i in ids)
    other_session = any(w.kind in ("login in the container", "session path", "root session") for w in seen.words)
    if true is not None and not _AS_ROOT.search(true.value) and not refused and not other_session:
        lines.append(true.line)
    # (and a device in use, unless CUDA was refused beside another session: "only works with sudo", then sudo's run)
    if seen.gpu_found is not None and not re.search(r"\bcpu\b", seen.gpu_found.line, re.I) \
            and not (refused and other_session):
        lines.append(seen.gpu_found.line)
    return [line for line in lines if not _CONTRAST.search(line)]


# A works-statement tied to another path than the one that fails ("when I start it via docker exec it works", "works on
# the host", "as root"): a contrast between two sessions, which is the symptom of an access problem, not its absence.
_CONTRAST = re.compile(r"\b(?:when|if|via|through|exec|as root|sudo|host|outside|another|other|instead)\b", re.I)


def _nodes_held(kind: str) -> Callable[[Observed, Sequence[str], Dict[str, str]], List[str]]:
    """A finder for lines showing the failing session may open every listed GPU node of ``kind`` ("render" or
    "tegra"): each is open to others where the process runs, or its one `id` (not root) holds each node's group, or
    the node is open to others. The `id` must be the
    failing session's: taken in the container when the paste runs one, and of the user every launch and exec runs
    as; a line that says a node refused someone says it was not. A group name counts only against a listing made
    in the same place (another /etc/group may give the name another number); a number counts anywhere. A node listed
    twice must be held as each listing shows it (the container's GID is the one that counts)."""
    def find(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
        nodes = [n for n in seen.nodes if _GPU_NODES[kind].match(n.path)]
        if not nodes or any(i in _EXPLICIT_DENIALS for i in ids):
            return []
        # open to every user where the process runs: no `id` is needed to say its groups do not matter
        here = [n for n in nodes if n.where == "container"] if _runs_in_container(seen) else nodes
        if here and all(n.open_to_all for n in here):
            return [n.line for n in here[:2]]
        if len(seen.identities) != 1 or seen.identities[0].uid == 0 or seen.identities[0].line in seen.ids_elsewhere:
            return []
        who = seen.identities[0]
        users = [run.user for run in list(seen.launches) + list(seen.execs) if run.user]
        if any(user.split(":")[0] not in (str(who.uid), who.user) for user in users) or (
                _runs_in_container(seen) and who.where != "container"):
            return []
        numbers = {str(gid) for gid in (who.gid,) + who.groups}
        names = {name for _, name in who.names}
        if all(n.open_to_all or (n.mode & 0o060 == 0o060 and (
                n.group in numbers or (n.group in names and n.where == who.where))) for n in nodes):
            return [n.line for n in nodes[:2]] + [who.line]
        return []
    return find


def _logins_into_container(seen: Observed, logins: Sequence[Sighting]) -> List[Sighting]:
    """The logins that enter a container, where what the toolkit gave its main process is lost: an exec, a login
    typed at a container's prompt, or SSH beside a launch that runs an SSH server. A login to the machine itself
    rebuilds the host's groups, which the toolkit never touched."""
    sshd = any("sshd" in " ".join(launch.command) or re.search(r":22\b", launch.text) for launch in seen.launches)
    return [login for login in logins if "exec" in login.kind or CONTAINER_PROMPT.match(login.line)
            or (sshd and re.search(r"\bssh\b", login.value + " " + login.line))]


def _runs_in_container(seen: Observed) -> bool:
    """Whether the paste runs something in a container: a launch or exec with a command, a container's prompt."""
    return any(run.command for run in list(seen.launches) + list(seen.execs)) or bool(seen.said("container")) or any(
        n.where == "container" for n in seen.nodes)


_GPU_NODES = {"render": re.compile(r"/dev/dri/render"), "tegra": re.compile(r"/dev/(?:nvmap|nvhost|nvgpu)")}


def _gpu_nodes(seen: Observed) -> List[ListedNode]:
    """The listed nodes CUDA opens: the render node and the Tegra nodes."""
    return [n for n in seen.nodes if any(p.match(n.path) for p in _GPU_NODES.values())]


def _nodes_open_to_all(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """Lines showing the render node and /dev/nvmap, both listed, open to every user (read and write for others, as
    toolkits 1.12 to 1.18.1 create them in a container): no session's groups matter, whoever runs. A node not listed
    may still refuse, and a line that says a node refused someone outranks the listing. Where the container's own
    nodes are listed, they are the ones its sessions open, whatever the host's listing beside them shows."""
    nodes = [n for n in _gpu_nodes(seen) if n.where == "container"] or _gpu_nodes(seen)
    listed = {kind for kind, pattern in _GPU_NODES.items() for n in nodes if pattern.match(n.path)}
    if listed != set(_GPU_NODES) or not any(n.path == "/dev/nvmap" for n in nodes) or any(
            not n.open_to_all for n in nodes) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [n.line for n in nodes[:2]]


def _nodes_made_for_the_user(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> List[str]:
    """The path-only CDI spec and the launch that asks for its device, where no node listed in the container and no
    line saying a node refused someone shows otherwise."""
    spec = _path_only_spec(seen)
    launch = next((launch for launch in seen.launches if _asks_cdi(launch)), None)
    inside = [n for n in _gpu_nodes(seen) if n.where == "container"]
    if not spec or launch is None or any(not n.open_to_all for n in inside) or any(i in _EXPLICIT_DENIALS for i in ids):
        return []
    return [spec, launch.text.split("\n")[0]]


# How each kind of evidence that rules causes out (data/causes.json `ruled_out_by`) is found: the lines that show it.
_RULING_EVIDENCE: Dict[str, Callable[[Observed, Sequence[str], Dict[str, str]], List[str]]] = {
    "root-session": lambda seen, ids, line_of: _root_lines(seen, ids),
    "root-fails-too": lambda seen, ids, line_of: seen.said("root fails too"),
    "access-works": _access_works,
    "render-node-held": _nodes_held("render"),
    "tegra-nodes-held": _nodes_held("tegra"),
    "nodes-open-to-all": _nodes_open_to_all,
    "nodes-made-for-the-user": _nodes_made_for_the_user,
}


def _own_library_missing(seen: Observed, line: str) -> str:
    """The line that places a library in the program's own tree, where ``line`` says that library itself is missing
    (not one the program's own library needs, nor a symbol version it lacks)."""
    missing = {m.group(1).lower() for m in _MISSING_LIBRARY.finditer(line)} or {
        m.group(1).lower() for m in _PLUGIN_NOT_OPENED.finditer(line)}  # (its error string cut off: the plugin's own)
    return next((own for own in seen.said("own build's library")
                 if any(m.group(1).lower() in missing for m in OWN_BUILD_LIBRARY.finditer(own))), "") if missing else ""


# What prose says of the access or of trouble (textfacts' word kinds).
_ACCESS_WORDS = ("GPU node named", "device access named", "device sandbox", "trouble said")


def _access_shown(seen: Observed) -> bool:
    """Whether the paste shows any of the GPU's access (a node, named or listed; a group, user, launch or login; a
    release or model, unless the paste asks whether they are supported) or trouble in words (a permission, something
    unsupported, the CPU used): what a paste with nothing failing must lack to be read as no access problem."""
    system = seen.l4t or seen.releases or seen.model or seen.toolkit or seen.images
    return bool(seen.nodes or seen.absent or seen.group_lines or seen.session_groups or seen.session_user
                or seen.identities or seen.launches or seen.execs or seen.logins
                or (system and not seen.said("support asked")) or any(seen.said(kind) for kind in _ACCESS_WORDS))


def _gpu_shown_reaching(seen: Observed, matches: Sequence[SymptomMatch], container: str) -> bool:
    """Whether the paste shows the GPU at hand: listed (a GPU found, nvidia-smi's table), at work, or said to work,
    in the container too ("run by hand inside the container everything runs fine")."""
    return (seen.gpu_found is not None or any(s.kind == "nvidia-smi" for s in seen.x86) or bool(seen.said("GPU at work"))
            or any(m.id == "gpu-works-words" for m in matches) or bool(WORKS_THERE.search(container)))


def _first_reading(seen: Observed, matches: Sequence[SymptomMatch], diagnosis: Optional[Diagnosis], platform: str,
                   platform_shown: str, failure: Optional[Failure] = None, container: str = "") -> Cause:
    """The cause on ``platform`` ("jetson", "pc", or "" when none is shown and none needs assuming);
    ``platform_shown`` is the line that shows it, "" when it is assumed."""
    line_of = {m.id: m.line for m in matches}
    if failure is not None and any(a.line.strip() == failure.line for a in seen.absent):
        failure = None  # a node that does not exist is read as absent (_missing_nodes), never as a denial
    # "It works when I start it another way" contrasts two paths: the symptom of an access problem, not proof of access.
    ids = [m.id for m in matches if m.id != "gpu-works-words" or not _CONTRAST.search(m.line)]
    # A command that asks for the CPU is no failure of its own: read below, beside what it may explain.
    cpu_asked = line_of.get("cpu-requested", "")
    ids = [i for i in ids if i != "cpu-requested"]
    # A build step that fails as it installs the GPU's software is read by its failure, not as a build error.
    ids = [i for i in ids if i != "build-error" or not _GPU_INSTALL.search(line_of[i])]
    # WSL has no NVIDIA kernel module (its GPU comes through /dev/dxg): one said not loaded there is no failure.
    ids = [i for i in ids if i != "nvidia-module-failed" or not _on_wsl(seen)]
    # The toolkit's packages shown upgraded are its state beside the runtime's own failure or the upgrade's; alone, or
    # beside another failure, an upgrade is no failure.
    if "toolkit-upgraded" in ids:
        upgrade_failed = any(i in ("runtime-hook-failed", "gpu-request-unserved") for i in ids) or (
            failure is not None and (failure.kind == "injection" or bool(_INSTALL_FAILED.search(failure.line))))
        ids = [i for i in ids if i != "toolkit-upgraded" or upgrade_failed]
        if upgrade_failed and "toolkit-state" not in ids:
            ids[ids.index("toolkit-upgraded")] = "toolkit-state"
            line_of["toolkit-state"] = line_of["toolkit-upgraded"]
    # Out of memory raised by CUDA's own start-up (torch.cuda.is_available(), cuInit, CUDA's initialisation) on a PC is no
    # allocation of the program's: nothing was allocated yet, and the driver failed to bring the GPUs up
    # (microsoft/WSL#10269). On a Jetson the GPU's memory is the board's RAM, which may simply be full.
    if platform != "jetson":
        ids = [i for i in ids if i not in ("cuda-2", "out-of-memory") or not _OOM_AT_START_UP.search(line_of[i])]
    # A Swarm service named where the paste says the GPU works or shows it found, or beside a failure that is no GPU
    # access (its memory), is where that failed, not a service without the GPU; unless the paste says no GPU was found
    # or the work fell back to the CPU, which the failure may follow from. (A monitor's line may be the host's.)
    if "swarm-service-no-gpu" in ids and (seen.gpu_found is not None or "gpu-works-words" in ids or (
            any(i in _NOT_GPU for i in ids) and not any(i in _NO_GPU_SAID for i in ids)
            and not any(_ON_THE_CPU.search(line) for line in line_of.values()))):
        ids = [i for i in ids if i != "swarm-service-no-gpu"]
    # The engine's warning that an image's platform is not the host's, beside a failure of another kind that is no GPU
    # access and no CUDA error (which emulation itself gives): the image ran (emulated, or tagged for the wrong
    # platform), and that failure is what stopped it.
    if "wrong-architecture" in ids and _PLATFORM_WARNING.search(line_of["wrong-architecture"]) and any(
            i in _NOT_GPU and not _family(i).get("cuda") for i in ids):
        ids.remove("wrong-architecture")
    # Notes no failure rests on (ldconfig's link warning, nvidia-smi's CUDA version asked about) give way to a failing
    # line of their own that names the GPU's software, libraries or nodes.
    if failure is not None and failure.kind in _TELLING_FAILURES:
        ids = [i for i in ids if i not in _NOTES or line_of[i] == failure.line]
    # The driver's installation failing or off decides alone: beside another family's failure, that failure is read.
    if any(i not in _DRIVER_INSTALL + _SYMPTOM_WORDS + _NO_GPU_SAID + ("gpu-works-words",) for i in ids):
        ids = [i for i in ids if i not in _DRIVER_INSTALL]
    # A failure no family names is read by what its line mentions; so is a build error whose lines name a GPU library.
    if failure is not None and (not ids or (failure.kind in ("gpu-library", "library-placeholder")
                                            and all(i in _GPU_LIBRARY_REREAD for i in ids)
                                            and not _linked_where_it_does_not_look(
                                                (failure.line, line_of.get("build-error", "")), seen, container, platform))
                                or (failure.kind not in ("gpu", "other", "unshown", "symptom", "gpu-symptom")
                                    and all(i in _UNTELLING_WORDS for i in ids))):
        kind = "other" if failure.kind == "version" and not _VERSION_OF_THE_GPU.search(failure.line) else failure.kind
        if kind == "gpu-node" and not _refuses_access(failure.line):
            kind = "gpu"  # the GPU driver's complaint about its engine ("nvgpu: PMU wait timeout"), no refused node
        ids = ["failure-" + kind]
        line_of[ids[0]] = failure.line
    for i in [i for i in ids if _family(i).get("software_only_if_named") and not _software_at_fault(line_of[i], seen)]:
        ids[ids.index(i)] = "foreign-binary"   # an image or binary built for another machine, with no GPU software named
        line_of["foreign-binary"] = line_of[i]
    # (801 is the render node only at CUDA's start-up: once the paste shows the device in use, or a call past start-up or
    # an operation this GPU does not support beside it, IPC, shared storage, peer access, it is that operation's; so is
    # a 999 beside such a call, but on a PC, whose driver's fault it is then, and not where the paste shows the process
    # a node denied: a worker's call may be its own CUDA's first, and the denial is what fails it)
    findings = [f.code for f in diagnosis.findings] if diagnosis is not None else []
    nodes_denied = [c for c in findings if c in ("ACC-002", "ACC-003", "ACC-004")]
    past_start_up = seen.said("CUDA call past start-up") and not nodes_denied
    for error, past in (("cuda-801", seen.gpu_found is not None or past_start_up),
                        ("cuda-999", past_start_up and platform != "pc")):
        if error in ids and past:
            ids[ids.index(error)] = error + "-operation"
            line_of[error + "-operation"] = line_of[error]
    jetson = platform == "jetson"
    x86 = platform == "pc"
    # A launch said to lack NVIDIA's runtime while it passes --gpus lacks nothing on a PC (--gpus is the PC's way), nor
    # where the paste shows NVIDIA's runtime as the engine's default
    if "nodes-missing-words" in ids and _RUNTIME_LACKED_GPUS_PASSED.search(line_of["nodes-missing-words"]) and (
            x86 or seen.said("NVIDIA runtime by default")):
        ids.remove("nodes-missing-words")
        del line_of["nodes-missing-words"]
    if x86:  # on a PC, a failure of the GPU's graphics or video work is the PC's GPU
        for i in [i for i in ids if i in _PLAIN_FAILURES and _PC_GPU_FUNCTION.search(line_of[i])]:
            ids[ids.index(i)] = "failure-gpu"
            line_of["failure-gpu"] = line_of[i]
    # (not a line the hook's family is vetoed on: the runtime finding no command to run in the image, a user's mount;
    # a long line is kept to its first 300 characters, so the family's own words are read too)
    hook = [m.line for m in matches if ("nvidia-container-cli" in m.line.lower() or "oci runtime" in m.line.lower())
            and not any(_vetoed_line("runtime-hook-failed", said.lower()) for said in (m.line, m.signature))]
    # The hook's own words are the hook's (it runs as root), except NVML's, which only a discrete-GPU hook prints,
    # and a toolkit too old for what it is asked, which is the hook's own version speaking.
    ids = [i for i in ids if i in ("runtime-hook-failed", "toolkit-too-old") + _OCI_REASONS or i.startswith("nvml-")
           or line_of[i] not in hook]
    if "runtime-hook-failed" in ids and any(line_of[i] == line_of["runtime-hook-failed"] for i in _OCI_REASONS if i in ids):
        ids.remove("runtime-hook-failed")  # the hook's line names its reason: that family reads it
    if not ids and hook:
        ids = ["runtime-hook-failed"]
        line_of["runtime-hook-failed"] = hook[0]
    denied = [i for i in ids if i in _DENIALS]
    # the nodes the pasted process itself is denied, where the paste shows one: what failed it, whatever a login would lack
    process_denied = {f.code for f in diagnosis.findings if f.code in nodes_denied and ViewKind.PROCESS in f.subject.views} \
        if diagnosis is not None else set()
    others: List[str] = []
    platform_line = [platform_shown] if platform_shown else []

    # A Jetson the paste shows for certain, and no PC beside it, rules out the PC's causes; a release before R36 rules
    # out the render node, which CUDA does not open there (data/devices.json).
    ruled_out: Tuple[str, ...] = ("x86-discrete-gpu",) if jetson and any(s.kind not in WEAK_JETSON for s in seen.jetson) and not any(
        s.kind not in NOT_SHOWN_X86 for s in seen.x86) else ()
    before_render = _l4t_major(seen)
    if jetson and before_render is not None and before_render < 36 and len(seen.releases) <= 1:
        ruled_out += ("render-node-denied",)

    def cause(cause_id: str, text: str, lines: Sequence[str], *also: str) -> Cause:
        rest = tuple(a for a in dict.fromkeys(also + tuple(others))
                     if a != cause_id and a in cause_ids() and a not in ruled_out)
        return Cause(cause_id, _because(text, lines), rest)

    def platform_cause(on_jetson: str, text: str, lines: Sequence[str], *also: str) -> Cause:
        """On a Jetson the Jetson reading; on a PC the x86 one; with no sign of either, unknown."""
        if jetson:
            return cause(on_jetson, text, list(lines) + platform_line, *also)
        if x86:
            return cause("x86-discrete-gpu", text, list(lines) + platform_line, on_jetson, *also)
        return cause("unknown", text + "; the paste shows no sign of which system it ran on", lines, on_jetson,
                     "x86-discrete-gpu", *also)

    if "denial-words" in ids and "gpu-works-words" in ids:  # a check that works for root proves nothing for the user
        ids.remove("gpu-works-words")
    remote_display = seen.said("remote display")
    # the display's machine renders, on either system (unless a node is denied or CUDA itself failed: that says more)
    if "gl-software-fallback" in ids and remote_display and not (denied or nodes_denied or any(i.startswith("cuda-") for i in ids)):
        return cause("not-gpu-access", "an X program's OpenGL shown on a display of another machine (ssh -X, VNC, xrdp) "
                     "finds no GPU driver there and falls back to Mesa's software rasteriser: the remote display, not "
                     "the GPU's access", [line_of["gl-software-fallback"], remote_display[0]], "x86-discrete-gpu")
    # (and an EGL or OpenGL program that takes a display forwarded from another machine, said with the API it uses or
    # beside that API's failure: taichi-dev/taichi#3853, "unset DISPLAY" and EGL finds 1.5; not NVIDIA's own GL asking
    # the other machine's X server for its extension, NV-GLX, which is the PC driver stack's clash)
    gl_remote = [] if seen.said("NVIDIA's own GL") else [line for line in remote_display if _GL_API.search(line)] + (
        [failure.line] if failure is not None and remote_display and _GL_API.search(failure.line) else [])
    if gl_remote and not (denied or nodes_denied or any(i.startswith("cuda-") for i in ids)):
        return cause("not-gpu-access", "an EGL or OpenGL program run with a display forwarded from another machine (ssh "
                     "-X, DISPLAY=localhost:10) takes that display's GL, which knows no GPU of this machine: unset DISPLAY "
                     "or render headless (EGL with no display)", list(dict.fromkeys(gl_remote[:1] + remote_display[:1])),
                     "x86-discrete-gpu")
    # Chromium's GPU process gives up inside the browser (its sandbox, a GL back end it does not take), on either system,
    # where nothing else of the GPU's shows: another family (a driver's mismatch, a node missing), a denial, or the GPU's
    # nodes listed say more
    if ids == ["browser-gpu-process"] and not (nodes_denied or any(_cuda_node(n.path) for n in seen.nodes)):
        return cause("not-gpu-access", "the GPU process of Chromium or an Electron app gave up inside the browser: most "
                     "often an old Chromium whose sandbox does not allow what the driver now needs, or a GL back end it "
                     "does not take (EGL under VirtualGL, a virtual display); a newer Chromium or Electron, its GL flags "
                     "or --disable-gpu is the remedy", [line_of["browser-gpu-process"]], "x86-discrete-gpu")
    if "mainline-tegra" in ids:  # its CUDA errors are not NVIDIA's CUDA on L4T
        return cause("not-gpu-access", "a Tegra run by mainline Linux's open drivers: not L4T's GPU stack",
                     [line_of["mainline-tegra"]])
    # every GPU hidden, or (a Jetson having one GPU, index 0) only another index offered
    hidden = line_of.get("devices-hidden", "") or (line_of.get("device-index-beyond-one", "") if jetson else "")
    no_device = [i for i in ids if i in ("cuda-100",) + _NO_GPU_SAID]
    # a device hidden explains no device, not a denial, a driver or a software error, nor a run said to work
    explains = set(denied) <= {"cuda-100"} and not nodes_denied and not any(i in _MISMATCH for i in ids)
    # (or hidden, with no other family and no failure of another kind than the GPU's: the program saw no GPU, as told)
    alone = set(ids) == {"devices-hidden"} and (failure is None or failure.kind in ("gpu", "gpu-symptom", "unshown"))
    if hidden and (no_device or alone) and explains and not _CONTROL_RUN.search(hidden):
        return cause("not-gpu-access", "CUDA_VISIBLE_DEVICES hides every GPU from the program, whoever runs it: no "
                     "device is offered to it", [hidden] + [line_of[i] for i in no_device[:1]],
                     "x86-discrete-gpu", "tegra-nodes-denied")
    # (a command that asks for the CPU explains the program leaving the GPU unused, no device included, where nothing
    # else fails; not CUDA's own answer that it sees no GPU (is_available() False), which no program's option changes;
    # beside another failure it is a run to compare with, or a way round it)
    own_answer = any(_CUDA_OWN_CHECK.search(line_of[i]) for i in ids if i in _NO_GPU_SAID)
    if cpu_asked and all(i in ("cuda-100",) + _NO_GPU_SAID for i in ids) and not own_answer and (
            failure is None or failure.kind in ("gpu", "gpu-symptom", "symptom", "unshown")) \
            and not _CONTROL_RUN.search(cpu_asked) and not nodes_denied:
        return cause("not-gpu-access", "the command asks for the CPU, so the program runs there and leaves the GPU "
                     "alone", [cpu_asked] + [line_of[i] for i in no_device[:1]], "x86-discrete-gpu",
                     "jetson-software-mismatch")
    # (a setting that turns CUDA off explains no device, not a denial, a version error or another error of CUDA's, which
    # a program that never asked for the GPU does not get; nor is a run said to work with it one)
    turned_off = line_of.get("cuda-turned-off", "")
    cuda_failed = any(_family(i).get("cuda") and i != "cuda-100" for i in ids)
    if turned_off and explains and "denial-words" not in ids and not cuda_failed and not own_answer \
            and not _CONTROL_RUN.search(turned_off):
        return cause("not-gpu-access", "a setting of the program turns CUDA off, so it never asks for the GPU, whoever "
                     "runs it", [turned_off] + [line_of[i] for i in no_device[:1]], "jetson-software-mismatch",
                     "x86-discrete-gpu")
    smi = [line_of[i] for i in ids if i == "tool-not-found" and "nvidia-smi" in line_of[i].lower()]
    left_out = _smi_left_out(seen) if smi else ""
    # (not on a Jetson the paste shows: before JetPack 6 it has no nvidia-smi at all; nor where a launch shown gets the
    # GPU, or leaves out the capability that brings nvidia-smi: read below)
    if smi and container and not (jetson and platform_shown) and not denied and not nodes_denied and not left_out \
            and not any(_gets_gpu(launch, seen) for launch in seen.launches) and not seen.said("GPU asked for"):
        # The runtime mounts nvidia-smi from the host's driver into a container given the GPU (the `utility`
        # capability's binaries: NVIDIA/libnvidia-container src/nvc_info.c, utility_bins).
        why = ("nvidia-smi comes into a container from the host's driver with the GPU (--gpus, the NVIDIA runtime); "
               "missing there, the container " + ("was started without the GPU" if seen.launches else "did not get it"))
        if x86:  # a PC's container without its GPU is the PC's set-up, as for any node missing there (below)
            return cause("x86-discrete-gpu", why + ", on a PC", smi[:1] + [container] + platform_line,
                         "nodes-missing-in-container")
        return cause("nodes-missing-in-container", why, smi[:1] + [container], "x86-discrete-gpu", "not-gpu-access")
    if left_out and not denied:
        return cause("not-gpu-access", "nvidia-smi comes into a container given the GPU with the `utility` driver "
                     "capability, which this launch's NVIDIA_DRIVER_CAPABILITIES leaves out: the GPU itself is given",
                     [smi[0], left_out] + platform_line, "x86-discrete-gpu", "nodes-missing-in-container")
    if smi and _smi_in_one_run_only(seen, line_of) and not denied:
        why = ("nvidia-smi works in one run and is not found in another: the runtime brings it in with the GPU, so the "
               "second was not given the GPU (no --gpus or NVIDIA runtime, a pod without the GPU in its limits)")
        if x86:
            return cause("x86-discrete-gpu", why + ", on a PC", [line_of["gpu-works-words"], smi[0]] + platform_line,
                         "nodes-missing-in-container")
        return cause("nodes-missing-in-container", why, [line_of["gpu-works-words"], smi[0]], "x86-discrete-gpu")
    given = [launch for launch in seen.launches if _gets_gpu(launch, seen)] if smi else []
    if given and x86 and not denied and not _IMAGE_LACKS_SMI.search(smi[0]):
        return cause("x86-discrete-gpu", "nvidia-smi is not in a container started with the GPU: the runtime brings it in "
                     "with the `utility` driver capability, which the image's or the launch's NVIDIA_DRIVER_CAPABILITIES "
                     "can leave out, on a PC", [smi[0], _first_line(given[0])] + platform_line, "not-gpu-access",
                     "nodes-missing-in-container")
    header = seen.said("GPU header missing")
    if jetson and platform_shown and header and not denied:
        return cause("jetson-software-mismatch", "a build on a Jetson does not find a header of a library JetPack "
                     "installs apart from CUDA (cuDNN, TensorRT): its development files are not installed, or not in the "
                     "image", header[:1] + platform_line, "not-gpu-access",
                     "nodes-missing-in-container")
    absent = _toolkit_absent(seen)
    if jetson and platform_shown and "build-error" in ids and absent and not container and not denied:
        return cause("jetson-software-mismatch", "a build on a Jetson finds no CUDA toolkit, and the paste shows none "
                     "installed: JetPack installs it (its nvidia-jetpack or cuda-toolkit packages), which a board flashed "
                     "without JetPack's components lacks", [line_of["build-error"], absent[0]] + platform_line,
                     "not-gpu-access")
    cmake = [line_of[i] for i in ids if i == "tool-not-found" and _CMAKE_FINDS_NO_CUDA.search(line_of[i])]
    toolchain = [line_of[i] for i in ids if i == "tool-not-found" and _CUDA_TOOLCHAIN.search(line_of[i])] + cmake
    if toolchain and jetson and platform_shown and not container and not denied:
        return cause("jetson-software-mismatch", "the CUDA compiler is not found on a Jetson: JetPack installs it in "
                     "/usr/local/cuda/bin (with its nvvm), which is not on the PATH until it is added, or the release's "
                     "CUDA toolkit is not installed", toolchain[:1] + platform_line, "not-gpu-access")
    if cmake and jetson and platform_shown and container and not denied and _l4t_major(seen) == 32:
        return cause("nodes-missing-in-container", "a build in a container on JetPack 4 finds no CUDA toolkit: there the "
                     "NVIDIA runtime mounts the host's toolkit into the container, so it ran without the runtime",
                     cmake[:1] + [container] + platform_line, "jetson-software-mismatch")
    # (and one that fails at CMake's configure step without saying what it missed: on JetPack 4 the toolkit reaches a
    # `docker build` only through Docker's default runtime, so that is the likeliest)
    configure = failure.line if failure is not None and _CMAKE_CONFIGURE_FAILED.search(failure.line) else ""
    if configure and all(i.startswith("failure-") for i in ids) and jetson and platform_shown and container and not denied \
            and _l4t_major(seen) == 32:
        return cause("nodes-missing-in-container", "a build in a container on JetPack 4 fails at CMake's configure step: "
                     "there the host's CUDA toolkit reaches an image build only with NVIDIA's runtime as Docker's default "
                     "runtime, so most often it ran without it", [configure, container] + platform_line,
                     "jetson-software-mismatch", "not-gpu-access")
    if cmake and jetson and platform_shown and container and not denied:
        return cause("jetson-software-mismatch", "a build in a container on a Jetson finds no CUDA toolkit: the image "
                     "carries none (from JetPack 5 the runtime mounts no toolkit into a container, so a build starts "
                     "from an image that has it, such as l4t-jetpack)", cmake[:1] + platform_line,
                     "nodes-missing-in-container", "not-gpu-access")
    # (a group or node another maker's Arm board denies is its own GPU's, VideoCore's, Mali's, Vivante's, where the paste
    # shows no other machine beside it)
    only_the_board = _only_another_makers_board(seen)
    if only_the_board and x86 and denied and not _hard_jetson_signs(seen):
        return cause("not-gpu-access", "the board is another maker's Arm board, with no NVIDIA GPU: what it denies is "
                     "its own hardware's, which no NVIDIA group or runtime grants",
                     [_other_arm_boards(seen)[0].line, line_of[denied[0]]], "x86-discrete-gpu")
    # (the PC's CUDA install, as the Jetson's is JetPack's; not on such a board)
    if cmake and x86 and not container and not denied and not only_the_board:
        return cause("x86-discrete-gpu", "a build finds no CUDA toolkit on a PC: the toolkit is not installed, or not "
                     "where the build looks", cmake[:1] + platform_line, "not-gpu-access")
    wsl = _on_wsl(seen)
    if smi and wsl and x86 and not container and not denied:
        # WSL's nvidia-smi and CUDA driver library live in /usr/lib/wsl/lib, which WSL's own shells put on the PATH
        # and an SSH login into WSL does not (microsoft/WSL#8794, #9185)
        return cause("x86-discrete-gpu", "nvidia-smi is not found in WSL: WSL keeps it, and the CUDA driver library, in "
                     "/usr/lib/wsl/lib, on the PATH of WSL's own shells (not of an SSH login into WSL)", smi[:1] + wsl[:1],
                     "not-gpu-access")
    if "egl-display" in ids and wsl and x86 and not denied and "no-gpu-words" not in ids \
            and not seen.said("X display refused"):  # (not a machine without an NVIDIA GPU, nor an X server refusing)
        # (NVIDIA's CUDA on WSL user guide, https://docs.nvidia.com/cuda/wsl-user-guide/, "WSL 2 Support Constraints",
        # has listed OpenGL-CUDA interop among the features not yet supported: read from its earlier releases and not
        # checked against the newest; OpenGL falling back or failing on WSL: NVlabs/nvdiffrast#90,
        # NVIDIA/nvidia-container-toolkit#288)
        return cause("x86-discrete-gpu", "EGL fails on WSL, where NVIDIA's guide lists OpenGL-CUDA interop as not yet "
                     "supported: a program's OpenGL rasteriser needs its CUDA path instead, or Linux on the machine itself",
                     [line_of["egl-display"]] + wsl[:1], "not-gpu-access")
    unspecified = line_of.get("cuda-719", "")
    conflict = _image_l4t_conflict(seen) if unspecified else []
    if conflict and not denied and not nodes_denied:  # a kernel the host's driver cannot run
        return cause("jetson-software-mismatch", "a kernel launch fails without a reason in an image built for another "
                     "L4T release than the host's: its CUDA does not match the driver", [unspecified] + conflict,
                     "not-gpu-access")
    conda_lacks = seen.said("conda lacks GPU build")  # (conda's error, with the packages it lists joined to its line)
    unbuilt = conda_lacks[0] if conda_lacks else line_of.get("package-not-found", "")
    offline = bool(seen.said("offline"))
    # (not where the paste shows a GPU node missing too: that is what fails, whatever the install went through)
    if jetson and (platform_shown if conda_lacks else _INDEX_LACKS_GPU.search(unbuilt)) and not denied \
            and not nodes_denied and not offline and not _absent_gpu_node(seen):
        jetson_index = seen.said("Jetson index")
        return cause("jetson-software-mismatch", "the Jetson index in use has no build of the version asked for: pick "
                     "one it lists, built for the release's CUDA" if jetson_index else "the package index has no "
                     "Jetson build of this GPU software: Jetson wheels come from NVIDIA's Jetson index (or a JetPack "
                     "container), built for the release's CUDA", [unbuilt] + (jetson_index or platform_line),
                     "not-gpu-access")
    # (before JetPack 7, whose server CUDA stack those server builds fit)
    pc_index = seen.said("PC CUDA index") if not _thor_or_later(seen, seen.jetson) else []
    if jetson and platform_shown and pc_index and not seen.said("Jetson index") and not denied and not nodes_denied:
        return cause("jetson-software-mismatch", "the install pulls from PyTorch's index of CUDA builds for PCs and servers, "
                     "not built for a Jetson's L4T CUDA before JetPack 7: Jetson wheels come from NVIDIA's Jetson index "
                     "(or a JetPack container), built for the release's CUDA", pc_index[:1] + platform_line,
                     "not-gpu-access")
    if "gpu-package-source-build" in ids and not bool(seen.said("pip build failed")):
        ids.remove("gpu-package-source-build")  # a source package that pip built: an install log, no failure
    if jetson and "gpu-package-source-build" in ids and not nodes_denied and all(i in _NOT_GPU for i in ids):
        return cause("jetson-software-mismatch", "pip found no Jetson build of this GPU package and builds it from its "
                     "source, against no CUDA of the release: Jetson wheels come from NVIDIA's Jetson builds or a "
                     "JetPack container", [line_of["gpu-package-source-build"]] + platform_line, "not-gpu-access")
    if "gpu-api-missing" in ids and not denied and not nodes_denied and "out-of-memory" not in ids:
        return platform_cause("jetson-software-mismatch", "the build uses a cuDNN, cuBLAS or TensorRT name the installed "
                              "library does not declare: code written for another version of it (on a Jetson, the "
                              "JetPack's)", [line_of["gpu-api-missing"]], "not-gpu-access")
    # PyTorch's NVML assert is the out-of-memory path where NVML does not report memory (a Jetson); on a PC, whose NVML
    # does, it means NVML itself failed: the driver or a container that lost its GPU
    nvml_lost = x86 and "out-of-memory" in ids and _NVML_ASSERT.search(line_of["out-of-memory"]) and not any(
        _SHARED_MEMORY_PC.search(sign.value) for sign in seen.x86)
    cuda_unfound = bool(_host_cuda_unfound(seen, line_of, jetson, container))  # read below as a missing node
    not_gpu = [i for i in ids if (i in _NOT_GPU and not (i in _THE_PC_S_OWN and x86) and not _no_context(i, line_of[i])
                                  and not (i == "out-of-memory" and nvml_lost) and not (i == "build-error" and cuda_unfound)
                                  and not (i in _OUTWEIGHED_BY_A_DENIAL and nodes_denied)
                                  and not (i in _ENGINE_LACKS and failure is not None and failure.line != line_of[i]
                                           and failure.kind in ("driver", "gpu-library", "library")
                                           and not SOLVED.search(failure.line)))  # (not a failure said fixed)
               or i in ("cuda-801-operation", "cuda-999-operation")]
    # (from JetPack 7, R38, Jetson runs the server (SBSA) CUDA stack, whose images are built for it too: fact sheet,
    # jetpack-nixos PR #510)
    sbsa = _thor_or_later(seen, seen.jetson)
    foreign = [launch for launch in seen.launches if _server_image(launch.image)] if jetson and not sbsa else []
    foreign_cause = functools.partial(
        cause, "jetson-software-mismatch", "the container image is built for servers, desktops or generic arm64, so its "
        "CUDA is not built for L4T", [_first_line(foreign[0])] + platform_line if foreign else [],
        "nodes-missing-in-container")
    # A failure that names nothing weighs less than an image built for another platform, on a Jetson the paste shows
    # by more than that image's own name
    if foreign and platform_shown not in ("", _first_line(foreign[0])) and not_gpu == ["failure-other"] \
            and not denied and not nodes_denied:
        return foreign_cause()
    crash = _crash_without_the_gpu(seen, line_of) if jetson and not_gpu == ["failure-other"] else []
    if crash and not denied and not nodes_denied:
        return cause("nodes-missing-in-container", "a program of a GPU image crashes in a container started without "
                     "the NVIDIA runtime or the GPU's nodes", crash, "not-gpu-access")
    encoder = _encoder_failed(seen, failure, line_of) if _only_an_orin_nano(seen) else []
    if encoder and not denied and not nodes_denied:
        return cause("not-gpu-access", "the Jetson Orin Nano has no hardware video encoder (NVENC): its node and engine "
                     "exist on no Orin Nano, in a container or not; encode in software (x264enc, libx264) instead",
                     encoder[:1] + platform_line, "nodes-missing-in-container")
    encoderless = _encoderless_card_asked(seen, failure, line_of)
    if encoderless and not denied and not nodes_denied:
        return cause("not-gpu-access", "this data-centre GPU has no hardware video encoder (NVENC), in a container or "
                     "not: encode in software, or on a GPU that has one", encoderless[:1] + platform_line,
                     "nodes-missing-in-container")
    configured = seen.said("engine configured by the toolkit")
    if "engine-config-refused" in ids and configured and not seen.said("engine config edited by hand") and not denied \
            and not nodes_denied:
        return cause("toolkit-band", "the container engine refuses the configuration nvidia-ctk wrote for it: the "
                     "toolkit's release and the configuration it starts from decide, not a user's groups",
                     [line_of["engine-config-refused"], configured[0]], "not-gpu-access")
    if _the_one_failure("pci-bar-unassigned", ids):
        if jetson:  # (a Jetson's GPU is on no PCI bus: a memory window without space is another PCIe device's)
            return cause("not-gpu-access", "a PCIe device's memory window found no address space; a Jetson's integrated "
                         "GPU sits on no PCI bus, so it is another device's", [line_of["pci-bar-unassigned"]] + platform_line)
        return cause("x86-discrete-gpu", "the kernel found no address space for the GPU's memory windows (PCI BARs): a "
                     "virtual machine's or the firmware's set-up of a discrete GPU, not a user's access",
                     [line_of["pci-bar-unassigned"]] + platform_line, "not-gpu-access")
    if x86 and "windows-session-no-gpu" in ids and not denied:
        return cause("x86-discrete-gpu", "the Windows session the program runs in does not reach the GPU (Remote "
                     "Desktop's own display adapter, a service's isolated session 0): the PC's set-up, not a device "
                     "group", [line_of["windows-session-no-gpu"]] + platform_line, "not-gpu-access")
    forked = seen.said("process forked")
    # (only where nothing else the paste shows explains the error: another failure, an image of another release, a
    # launch without the GPU)
    if forked and _the_one_failure("cuda-3", ids) and not (
            _image_l4t_conflict(seen) or any(not _gets_gpu(launch, seen) for launch in seen.launches)) \
            and not denied and not nodes_denied:
        return cause("not-gpu-access", "CUDA's initialisation error beside a process forked or spawned from one that had "
                     "started CUDA: CUDA does not survive a fork(), so the child must start it afresh (the spawn start "
                     "method), not be given access", [line_of["cuda-3"], forked[0]] + platform_line,
                     "jetson-software-mismatch", "x86-discrete-gpu")
    # (a seccomp rule the runc under NVIDIA's runtime cannot add, where the paste names that runtime: the runtime's
    # package is older than the engine's profile (NVIDIA/nvidia-container-runtime#157), and the default runtime starts)
    runtime_named = seen.said("NVIDIA runtime said") + [_first_line(run) for run in seen.launches if run.nvidia_runtime]
    seccomp = line_of.get("seccomp-filter", "")
    if _SECCOMP_RULE_UNADDED.search(seccomp) and (runtime_named or _RUNTIME_NVIDIA.search(seccomp)) and not any(
            not (run.nvidia_runtime or run.gpus) for run in seen.launches) and not denied and not nodes_denied:
        return cause("toolkit-band", "the engine's seccomp profile names a syscall (clone3) that the runc under NVIDIA's "
                     "runtime does not know: a runtime package older than the engine, which the default runtime is not",
                     list(dict.fromkeys([seccomp] + runtime_named[:1])) + platform_line, "not-gpu-access")
    if not_gpu and len(not_gpu) == len([i for i in ids if i not in _SYMPTOM_WORDS + _SESSION_FAMILIES]):
        works = not_gpu == ["gpu-works-words"]
        return cause("not-gpu-access", "the errors shown are not GPU-access errors" if not works else
                     "the paste says the GPU works, and shows nothing failing" if failure is None else
                     "the paste says the GPU works: what fails is not its access", [line_of[i] for i in not_gpu])
    unreported = line_of.get("smi-memory-unreported", "")
    shared = (jetson and bool(platform_shown)) or any(_SHARED_MEMORY_PC.search(s.value) for s in seen.x86)  # not an RTX
    own_check = any(_CUDA_OWN_CHECK.search(line_of[i]) for i in ids if i in _NO_GPU_SAID)  # CUDA's own answer, no tool's
    if unreported and shared and not own_check and not denied and all(
            i in _NOT_GPU + _SYMPTOM_WORDS + _NO_GPU_SAID for i in ids):
        return cause("not-gpu-access", "the program detects the GPU through nvidia-smi or NVML, which report no memory "
                     "for a GPU that shares the system's (a Jetson, a GB10), and before JetPack 6 are not on a Jetson at "
                     "all: it decides there is no GPU, or fails",
                     [unreported] + [line_of[i] for i in ids if i in _NO_GPU_SAID][:1])
    # (beside a Jetson's own output, or an NVIDIA GPU the paste shows, the machine said to have none is another, or
    # was thought to: a laptop the image is built on, a comparison)
    if "no-gpu-words" in ids and not _hard_jetson_signs(seen) and not _names_an_nvidia_gpu(seen):
        return cause("not-gpu-access", "the machine, or the container it runs the program in, has no NVIDIA GPU or is "
                     "run without one on purpose, so there is no GPU access to grant", [line_of["no-gpu-words"]])
    # (and a machine whose only GPU the paste names is AMD's or Intel's, failing where only NVIDIA's serves: CUDA's
    # driver library, NVENC, no CUDA device)
    other_vendor = [s.line for s in seen.x86 if _OTHER_VENDOR_GPU.search(s.line)]
    # (a laptop's: its NVIDIA GPU may be unseen, unless the line says it has none)
    hybrid = all(_INTEGRATED_GPU.search(line) and not _NO_DISCRETE_SAID.search(line) for line in other_vendor)
    # (what failed as its line shows it, and as its family matched it: a long line is shown cut)
    failed = [failure.line] + [m.signature for m in matches] if failure else []
    if other_vendor and failure is not None and any(_NVIDIA_ONLY.search(said) for said in failed) \
            and not _hard_jetson_signs(seen) and not (hybrid and any(_NVIDIA_UNSEEN.search(said) for said in failed)) \
            and not any(NVIDIA_GPU.search(s.line) or _NVIDIA_BESIDE.search(s.line) for s in seen.x86) \
            and not any(m.id in _DRIVER_AT_WORK for m in matches) \
            and not nodes_denied and not any(i in _EXPLICIT_DENIALS for i in ids):
        return cause("not-gpu-access", "the only GPU the paste names is AMD's or Intel's, and what failed needs an "
                     "NVIDIA GPU: there is none to grant, so the program has to leave CUDA or NVENC alone",
                     [failure.line, other_vendor[0]], "x86-discrete-gpu")
    # (a Jetson module without a deep-learning accelerator: the Orin Nano, the Nano, TX1 and TX2 have none to reach;
    # the first module the paste names is one, and no line that shows the machine otherwise, its release's, names one
    # with a DLA: an AGX Orin's release line above a mention of a fleet of Nanos is the AGX Orin's)
    models = [s for s in seen.jetson if s.kind == "model"]
    if "dla-unavailable" in ids and models and _WITHOUT_DLA.search(models[0].value) and not denied \
            and not nodes_denied and not any(_WITH_DLA.search(s.line) for s in seen.jetson if s.kind != "model"):
        return cause("not-gpu-access", "this Jetson module has no deep-learning accelerator (DLA): the Orin Nano, the "
                     "Nano, TX1 and TX2 have none, so the work runs on the GPU (TensorRT's GPU fallback) or on another "
                     "module", [line_of["dla-unavailable"], models[0].line])
    # (a Mac beside any sign of a Jetson or of an NVIDIA GPU is the client, or runs Linux on its own NVIDIA GPU)
    if "mac-no-cuda" in ids and not seen.jetson and not _names_an_nvidia_gpu(seen):
        return cause("not-gpu-access", "the machine is a Mac, where CUDA has had no release since 10.2: there is no CUDA "
                     "GPU to grant", [line_of["mac-no-cuda"]])
    if "downgrade-fixes" in ids:
        said = line_of["downgrade-fixes"]
        # (the toolkit's version shown beside a downgrade of other software, torchvision or JetPack, is not what went back)
        went_back = " ".join(m.group(1) for m in _MOVED_OBJECT.finditer(said))  # (what went back, where the line says)
        named = went_back if _TOOLKIT_WORDS.search(went_back) or _OTHER_SOFTWARE_NAMED.search(went_back) else said
        toolkit = [said] if _TOOLKIT_WORDS.search(named) \
            else [seen.toolkit.line] if seen.toolkit is not None and not _OTHER_SOFTWARE_NAMED.search(went_back) else []
        if toolkit:
            return cause("toolkit-band", "going back to the earlier container toolkit fixes it: the toolkit's version "
                         "decides what the container gets, on any system", [said] + toolkit, "jetson-software-mismatch")
        if "illegal-instruction" in ids:
            return cause("not-gpu-access", "going back to an earlier version ends a crash on an instruction the CPU does "
                         "not have: that version's build for the CPU, not the GPU", [said, line_of["illegal-instruction"]])
        if "toolkit-state" not in ids:  # the toolkit's own state beside it (an upgrade of it fixes it too) is read below
            return platform_cause("jetson-software-mismatch", "going back to an earlier version of the software fixes it",
                                  [said], "toolkit-band")
    legacy = [s.line for s in seen.x86 if _LEGACY_MODE.search(s.value)]
    if jetson and legacy:  # the toolkit picks csv (or CDI) on a Jetson: legacy means it did not see the Tegra platform
        return cause("toolkit-band", "the container toolkit auto-detected its legacy (discrete-GPU, NVML) mode on a "
                     "Jetson: its version or configuration does not recognise the platform", legacy[:1] + platform_line,
                     "jetson-software-mismatch")
    nvml_hook = [line for line in hook if re.search(r"\bnvml\b", line, re.I)]
    if jetson and nvml_hook:  # the same evidence in the hook's own error: it looked for a discrete GPU's NVML
        return cause("toolkit-band", "the container runtime's hook looks for NVML, as in its discrete-GPU (legacy) mode, "
                     "on a Jetson: its version or configuration does not recognise the platform",
                     nvml_hook[:1] + platform_line, "jetson-software-mismatch")
    # (where the toolkit's own log says NVML found no driver loaded, a PC's driver was not there for it: read below)
    unloaded = not jetson and "nvml-driver" in ids and "driver not loaded" in line_of["nvml-driver"].lower()
    # (LXD's and Incus' CDI mode on a PC is their own GPU device code, which the host's toolkit does not decide)
    lxd_cdi = not jetson and bool(seen.said("LXD")) and "toolkit-state" in ids and bool(
        _CDI_MODE.search(line_of["toolkit-state"])) and not _ENGINE_RUNTIME.search(line_of["toolkit-state"])
    # (a toolkit release said to have broken it decides over the CUDA start-up failure it caused, not over a node refused,
    # nor where the paste shows the sessions, logins or nodes that tell the failure's own story)
    blamed = "toolkit-state" in ids and bool(_TOOLKIT_RELEASE_BLAMED.search(line_of["toolkit-state"])) and not any(
        i in _EXPLICIT_DENIALS for i in ids) and not seen.logins and not any(i.uid != 0 for i in seen.identities) \
        and not any(launch.numeric_user for launch in seen.launches)
    # (words that blame a toolkit release say nothing where the failure is the host's own: the driver's, or one said to
    # fail with no container, not one that works there)
    host_fails = [line for line in seen.said("no container said") if not WORKS_THERE.search(line)]
    host_s_own = blamed and ("nvml-driver" in ids or bool(host_fails))
    if "toolkit-state" in ids and (blamed or not denied) and not unloaded and not lxd_cdi and not host_s_own \
            and not _DRIVER_CHANGED.search(line_of["toolkit-state"]):
        return cause("toolkit-band", "the container toolkit's own version, packages, mode or set-up decide what the "
                     "container gets, not a user's groups", [line_of["toolkit-state"]] + platform_line,
                     "nodes-missing-in-container", "x86-discrete-gpu")
    session = _session_cause(seen, ids, line_of)
    if session is not None:
        return cause(session.id, session.why, session.lines, *session.also)
    numeric_lines = [_first_line(launch) for launch in seen.launches if _drops_groups(launch, seen)] + seen.said("numeric user")
    node_denial = next((i for i in ids if i in _NODE_DENIALS), "")
    # The mechanism is the same on a PC: a launch by numbers that adds no group back drops the image's groups. It
    # decides a denial, a program that names the render node it could not use, refused in words or not (VA-API's "No
    # VA display found for device: /dev/dri/renderD128"), or, on a PC whose GPU is a render node's (Intel, AMD), any
    # failure that names that GPU and not NVIDIA's, whose /dev/nvidia* are open to all. Not where the launch by numbers
    # is another service's than the GPU's, asks for NVIDIA's GPU, finds the nodes open to all, or has a start script
    # join the node's group.
    dropped_for_gpu = [_first_line(launch) for launch in seen.launches if _drops_groups(launch, seen)
                       and not launch.group_add and (len(seen.launches) == 1 or _passes_gpu(launch))
                       and not (launch.gpus or launch.nvidia_runtime)] or (numeric_lines if not seen.launches else [])
    render_gpu_failed = failure is not None and _render_node_pc(seen) and bool(_NAMES_GPU.search(failure.line)) and not (
        _NVIDIA_STACK.search(failure.line))
    node_failed = line_of[node_denial] if node_denial else (failure.line if failure and (
        failure.kind == "gpu-node" or render_gpu_failed) else "")
    joined = bool(seen.said("group joined at start"))
    open_to_all = any(n.open_to_all for n in _gpu_nodes(seen))
    if x86 and dropped_for_gpu and node_failed and not joined and not open_to_all:
        return cause("uid-gid-launch", "a user denied the GPU, started with a numeric uid:gid that drops the image's group "
                     "memberships", [node_failed, dropped_for_gpu[0]] + platform_line, "x86-discrete-gpu")
    if "failure-injection" in ids:
        return platform_cause("nodes-missing-in-container", "a failure that names how the GPU is injected into the "
                              "container (CDI, the NVIDIA runtime, a device plugin): the container does not get the GPU",
                              [line_of["failure-injection"]], "toolkit-band")
    if "failure-driver" in ids and _NVML_QUERY_UNANSWERED.search(line_of["failure-driver"]) and not denied:
        return cause("not-gpu-access", "NVML is up and answers for the GPU; one query it answers \"Not Found\" or \"Not "
                     "Supported\" asks what this GPU or driver does not provide (or has no samples of yet): not access",
                     [line_of["failure-driver"]] + platform_line, "x86-discrete-gpu")
    if "failure-driver" in ids:
        return platform_cause("jetson-software-mismatch", "a failure that names the NVIDIA driver or NVML",
                              [line_of["failure-driver"]], "nodes-missing-in-container")
    if "nvml-unknown" in ids and not jetson and (container or seen.execs):
        return cause("x86-discrete-gpu", "NVML's Unknown Error in a container: most often one that lost the GPU while it "
                     "ran, when systemd reloaded its units and reset the container's device rules (NVIDIA/nvidia-container-"
                     "toolkit#48)", [line_of["nvml-unknown"], container or seen.execs[0].text] + platform_line,
                     "toolkit-band")
    if "nvml-unknown" in ids and not jetson:
        return cause("x86-discrete-gpu", "NVML's Unknown Error on the machine itself: the driver is not ready or does not "
                     "match its libraries (after an upgrade, before a reboot)", [line_of["nvml-unknown"]] + platform_line)
    if "nvml-driver" in ids and not jetson and _VGPU_GUEST_REFUSED.search(line_of["nvml-driver"]):
        return cause("x86-discrete-gpu", "a vGPU guest driver the host refuses (Xid 78): the virtual machine's NVIDIA "
                     "driver is not of the host's vGPU release; install the guest driver of that release, not another "
                     "copy of the same one", [line_of["nvml-driver"]] + platform_line)
    if "nvml-driver" in ids and not jetson:  # a discrete-GPU driver's own words: evidence of the platform
        return cause("x86-discrete-gpu", "an NVML driver error: the discrete GPU's kernel driver and its libraries do "
                     "not match, or it is not loaded", [line_of["nvml-driver"]] + platform_line)
    if "nvml-blocked" in ids and not jetson:
        return cause("x86-discrete-gpu", "NVML says the operating system blocks the GPU: the host's driver (WSL 2 and "
                     "Windows hosts serve it from Windows) refuses it to this process", [line_of["nvml-blocked"]]
                     + platform_line)
    if "nvml-permissions" in ids and not jetson:
        return cause("x86-discrete-gpu", "NVML cannot open the discrete GPU's /dev/nvidia* nodes",
                     [line_of["nvml-permissions"]] + platform_line, "nodes-missing-in-container")
    if "toolkit-too-old" in ids and not denied:
        cgroup = any("cgroup" in m.signature.lower() for m in matches if m.id == "toolkit-too-old")
        recent = seen.toolkit is not None and _version_tuple(seen.toolkit.value) >= (1, 8, 0)
        unknown_to_it = ("the host runs cgroup v2, which libnvidia-container supports from 1.8.0 on" if cgroup and not recent
                         else "the host runs cgroup v2 and the toolkit ({}) supports it, so its configuration decides (a "
                         "rootless engine needs no-cgroups = true in config.toml)".format(seen.toolkit.value)
                         if cgroup and seen.toolkit is not None else
                         "the host's container toolkit does not know what the image or the launch asks of it")
        return cause("toolkit-band", unknown_to_it + ": its version decides, not a user's groups, on any system",
                     [line_of["toolkit-too-old"]] + platform_line, "x86-discrete-gpu" if x86 else "jetson-software-mismatch")
    unresolved = [line for line in line_of.values() if _CDI_UNRESOLVED.search(line)]
    if unresolved and not x86 and not denied:  # the CDI spec does not name the device: nothing is injected
        version = [seen.toolkit.line] if seen.toolkit is not None else [
            line for line in unresolved if _TOOLKIT_VERSION.search(line)]
        # (where the paste shows no spec was ever written, /etc/cdi and /var/run/cdi absent, none was generated,
        # whatever the toolkit's version)
        if version and not seen.said("no CDI spec"):
            return cause("toolkit-band", "the engine cannot resolve the CDI device, beside a named container toolkit "
                         "version: the toolkit's version decides the spec's devices", unresolved[:1] + version[:1],
                         "nodes-missing-in-container")
        return platform_cause("nodes-missing-in-container", "the engine cannot resolve the CDI device the launch asks "
                              "for: no spec on the host names it, so no GPU node reaches the container", unresolved[:1],
                              "toolkit-band")
    missing = _missing_nodes(seen, ids, line_of, jetson, container, failure)
    # a PC image's start-up check on a Jetson, run with the NVIDIA runtime: the image finds no GPU it was built for
    banner_only = missing == [line_of.get("cuda-image-no-driver")]
    if banner_only and foreign and any(launch.nvidia_runtime or launch.gpus for launch in foreign) and not denied:
        return foreign_cause()
    # (on WSL 2, where the driver comes from Windows through /dev/dxg, the banner's check of the Linux driver's files
    # fails with the GPU given: CUDA on WSL's release notes for 510.06 call it fixed, and NVIDIA/nvidia-docker#1548
    # shows it later still. Every launch the paste shows must be given the GPU, and nothing else of the GPU's said: a
    # library or CUDA failing says more.)
    given = [launch for launch in seen.launches if launch.gpus or launch.nvidia_runtime]
    windows_vm = _on_wsl(seen) or [s.line for s in seen.x86 if _DOCKER_DESKTOP_ON_WINDOWS.search(s.line)]
    if banner_only and given and len(given) == len(seen.launches) and windows_vm \
            and set(ids) <= {"cuda-image-no-driver", "gpu-works-words"} and not nodes_denied:
        return cause("not-gpu-access", "the start-up banner of NVIDIA's CUDA and NGC images looks for the Linux driver's "
                     "files, which WSL 2 does not have (its GPU comes from Windows through /dev/dxg): with the GPU given "
                     "to the container, the banner alone says nothing; nvidia-smi or a CUDA call inside it does",
                     list(dict.fromkeys(missing + [_first_line(given[0])] + windows_vm[:1])), "x86-discrete-gpu")
    if missing:
        if x86:
            return cause("x86-discrete-gpu", "the NVIDIA runtime or the GPU nodes are not in the container, on a PC",
                         missing + platform_line, "nodes-missing-in-container")
        sandbox = seen.said("sandbox")
        host_only = seen.said("no container said")
        if not container and sandbox:
            return cause("nodes-missing-in-container", "the GPU nodes are missing where the process runs, and a sandbox "
                         "shows, which hides them from it (a service's or a container's)", missing + sandbox[:1],
                         "jetson-software-mismatch")
        if not container and host_only and jetson:  # nothing injects nodes on the host: what it lacks, it never made
            return cause("jetson-software-mismatch", "the GPU nodes are missing on the host itself, where no container "
                         "runs: its kernel, device tree or BSP does not create them", missing + host_only[:1],
                         "nodes-missing-in-container")
        return cause("nodes-missing-in-container", "the GPU nodes or the driver library are not in the container",
                     missing, "jetson-software-mismatch", *(() if jetson else ("x86-discrete-gpu",)))
    graphics = [launch for launch in seen.launches if _GRAPHICS.search(launch.text)]
    if "runtime-hook-failed" in ids and not denied and graphics:
        return platform_cause("toolkit-band", "the container asks for the display or graphics capability, which toolkit "
                              "1.17.1 and later broke on Jetson (toolkit CHANGELOG, issue #795): the toolkit's version "
                              "decides", [line_of["runtime-hook-failed"], _first_line(graphics[0])],
                              "jetson-software-mismatch")
    own_step = seen.said("toolkit step")
    if "runtime-hook-failed" in ids and not denied and own_step:
        return platform_cause("toolkit-band", "the NVIDIA runtime's hook failed in a step of its own (a node its list "
                              "names that the host lacks, a link it makes, the container's device rules, a value it "
                              "parses), which no image or user asks for: the host toolkit's version and set-up decide",
                              own_step[:1], "jetson-software-mismatch")
    refused = _gpus_alone_refused(seen)
    if "runtime-hook-failed" in ids and not denied and refused:
        return platform_cause("nodes-missing-in-container", "the launch asks for the GPU with --gpus alone, whose hook "
                              "refuses the toolkit's csv or CDI mode: only the NVIDIA runtime (--runtime nvidia) brings "
                              "the GPU there", refused, "toolkit-band")
    if "runtime-hook-failed" in ids and not denied:
        return platform_cause("jetson-software-mismatch", "the NVIDIA runtime's hook (root, on the host) failed: its "
                              "packages, the host's CUDA or the image's requirements, not a user's groups",
                              [line_of["runtime-hook-failed"]], "toolkit-band")
    # (CUDA's stub stands in only where the runtime brought no driver; a Jetson's launch without --runtime may still
    # get the GPU from the engine's default runtime, unless the paste shows another default)
    default_unseen = jetson and bool(platform_shown) and not seen.said("another runtime by default")
    # (and the driver's own libraries, which the runtime brings: NVML's, libcuda's)
    injected = [i for i in ids if i in ("nvml-missing", "cuda-library-missing") and _INJECTED_LIBRARY.search(line_of[i])]
    started_without = next((i for i in ids if i == "cuda-34" or (not default_unseen and (
        i in _FINDS_NO_GPU or i in injected))), "")
    # (a command line shows the whole launch; a compose service is often pasted in part)
    run_lines = [launch for launch in seen.launches if launch.source.endswith(" run")]
    if started_without and run_lines and len(run_lines) == len(seen.launches) and not any(
            _gets_gpu(launch, seen) for launch in run_lines) and not denied:
        return cause("x86-discrete-gpu" if x86 else "nodes-missing-in-container", "the GPU's software finds no device or "
                     "driver in a container started without the GPU (no NVIDIA runtime, --gpus or GPU device): the runtime "
                     "brings the devices and the driver's libraries in", [line_of[started_without],
                     _first_line(seen.launches[0])] + platform_line, "jetson-software-mismatch", "nodes-missing-in-container")
    if "nvml-missing" in ids and not denied:  # NVML is part of every PC driver; a Jetson before JetPack 6 has none
        return cause("x86-discrete-gpu" if x86 else "jetson-software-mismatch", "the tool looks for the GPU through "
                     "NVML, which is not there " + ("(every PC driver installs it: where the tool runs, a container not given "
                                                    "the GPU, or a driver not installed)" if x86 else
                                                    "(JetPack before 6 has none)"),
                     [line_of["nvml-missing"]] + platform_line, "nodes-missing-in-container")
    installing = next((i for i in ids if i in _DRIVER_INSTALL), "")
    if installing and not denied:  # (a PC's or server's driver package, or a cluster's driver installer)
        return platform_cause("jetson-software-mismatch", "the NVIDIA driver is not installed or started as it should "
                              "be (its persistence daemon fails, its installer is off): the driver's installation, not a "
                              "user's access", [line_of[installing]], "not-gpu-access")
    image_l4t = _image_l4t_conflict(seen)
    # CUDA's start-up errors are what an image for another L4T major fails with; only a denial said outright outranks it
    if image_l4t and all(i in _STARTUP_ERRORS for i in denied) and not nodes_denied:
        return cause("jetson-software-mismatch", "the container image is built for another L4T release than the host's",
                     image_l4t)
    opencv = seen.said("OpenCV without CUDA")
    if jetson and opencv and any(i in ("cpu-only-build", "cuda-unavailable") for i in ids) and not denied \
            and not nodes_denied:
        return cause("not-gpu-access", "the OpenCV in use is built without CUDA, as JetPack's own OpenCV is: a CUDA build "
                     "of OpenCV is what uses the GPU, not access to it", opencv[:1] + platform_line,
                     "jetson-software-mismatch")
    too_old = line_of.get("gpu-too-old", "")
    too_old_fails = bool(too_old) and (failure is None or failure.kind in ("unshown", "symptom")
                                       or too_old in failure.line or failure.line in too_old)
    built = next((i for i in ids if i in _PROGRAM_BUILDS and not (x86 and i == "gpu-too-old" and too_old_fails)), "")
    if built and not denied and not nodes_denied and not any(i in _MISMATCH for i in ids):
        on_pc, on_jetson = _PROGRAM_BUILDS[built]
        if x86 and built == "engine-version" and _engine_for_another_pc_card(line_of[built], ids):
            return cause("x86-discrete-gpu", "a TensorRT engine built on a GPU of another compute capability than this "
                         "card's: it has no kernels for this card, as a CUDA build without its architecture has none; "
                         "build the engine on this card", [line_of[built]] + platform_line, "not-gpu-access")
        if x86:  # the GPU is there for the program; what it brings is its own to rebuild
            return cause("not-gpu-access", on_pc, [line_of[built]] + platform_line, "x86-discrete-gpu")
        return cause("jetson-software-mismatch", on_jetson, [line_of[built]] + platform_line, "not-gpu-access")
    mismatch = [i for i in ids if i in _MISMATCH]
    # (a card the first mismatch says the build has no kernels for, or one too old for the build; the app's own build
    # remains possible)
    no_kernels = [i for i in mismatch[:1] if i in _NO_KERNELS_ON_A_PC] or (["gpu-too-old"] if too_old_fails else [])
    if x86 and no_kernels and not denied and not nodes_denied:
        return cause("x86-discrete-gpu", "the program reached the GPU, and its build has no kernels for this card's "
                     "architecture: a build or packaging gap, not access", [line_of[no_kernels[0]]] + platform_line,
                     "not-gpu-access")
    # A library that cannot load is no symptom of a denied node: beside a bare 801 it is the software.
    library_beside_801 = "cuda-library-missing" in mismatch and denied == ["cuda-801"] and not seen.nodes
    not_the_driver = _not_the_driver_s(mismatch[0], line_of[mismatch[0]]) if x86 and mismatch else ""
    if not_the_driver and not denied:
        return cause("not-gpu-access", not_the_driver, [line_of[mismatch[0]]] + platform_line, "x86-discrete-gpu")
    moved = seen.said("two JetPack releases")
    if jetson and moved and mismatch[:1] and mismatch[0] in _DRIVER_VERSION_ERRORS and not denied and not nodes_denied:
        return cause("jetson-software-mismatch", "the paste names two JetPack releases, and the CUDA in use does not fit "
                     "the driver: most often software built for one release, run on a host with the other",
                     [line_of[mismatch[0]], moved[0]], "nodes-missing-in-container")
    own = _own_library_missing(seen, line_of[mismatch[0]]) if mismatch else ""
    if own and not denied and not nodes_denied:
        return cause("not-gpu-access", "a library of the program's own build is missing where it runs (its file lies "
                     "in the program's own tree): its build or install step did not put it there, and no library of "
                     "CUDA or the driver is at fault", list(dict.fromkeys([line_of[mismatch[0]], own])),
                     "jetson-software-mismatch")
    if mismatch and (not denied or library_beside_801) and not nodes_denied:
        return platform_cause("jetson-software-mismatch", _SOFTWARE_REASONS.get(
            mismatch[0], "a CUDA version or library error, not a permission error"), [line_of[mismatch[0]]])
    older = _driver_older(seen)
    if older and not denied:
        return platform_cause("jetson-software-mismatch", "the CUDA driver is older than the runtime the program uses",
                              [older])
    # CUDA unusable for a session the paste shows short of the groups its launch added: the groups, not the software.
    added = [launch for launch in seen.launches if launch.group_add]
    dropping = [login for login in seen.logins if login.value != "keeps --group-add"]
    short = [i.line for i in _sessions(seen)[:1] if added and not _holds_added(i, added)]
    said = next((i for i in ids if i in _NO_GPU_SAID), "")  # a program that finds no GPU, in either family's words
    if said and added and (short or dropping):  # the same mechanism on any system
        return cause("login-drops-runtime-groups", "CUDA is unusable for a session that does not hold the groups its "
                     "launch added" + (" (the pasted `id` lacks them)" if short else ", and it came through a login "
                     "that rebuilds groups"), [line_of[said], _first_line(added[0])] + (
                         short or [dropping[0].line]), "render-node-denied", "tegra-nodes-denied")
    entered = _logins_into_container(seen, dropping) if said else []
    if entered and _toolkit_band(seen) == "additional-gids" and seen.toolkit and not (
            _nodes_held("render")(seen, ids, line_of) or _nodes_held("tegra")(seen, ids, line_of)):
        return cause("login-drops-runtime-groups", "CUDA is unusable for a session that came into the container through "
                     "a login that rebuilds groups, and the toolkit (1.19.1 or later) gives the nodes' GIDs to the "
                     "container's main process only", [line_of[said], seen.toolkit.line, entered[0].line],
                     "render-node-denied", "toolkit-band")
    if said and numeric_lines and not added and not seen.identities and not x86:  # a PC's /dev/nvidia* are open to all
        return cause("uid-gid-launch", "CUDA is unusable in a container started with a numeric uid:gid and no "
                     "--group-add, which drops the image's group memberships",
                     [line_of[said], numeric_lines[0]], "render-node-denied", "tegra-nodes-denied",
                     "jetson-software-mismatch")
    # no GPU said of a remote session on a machine whose GPU a seat's ACL guards (_seat_guards_gpu), not in a container
    remote = line_of.get(said, "") if said and not (container or seen.launches or seen.execs) else ""
    if remote and _OVER_REMOTE.search(remote) and not _EITHER_WAY.search(remote) and _seat_guards_gpu(seen, jetson, x86) \
            and not (denied or nodes_denied):
        return cause("seat-acl-only", "the program finds no GPU in a remote session (ssh) on the host itself: the GPU's "
                     "render node is open at the local seat (logind's ACL) and to its group, and a remote session has "
                     "no seat", [remote] + platform_line, "render-node-denied", "not-gpu-access")
    # (on a PC; on any system where the paste says the build gets no GPU, and no default runtime of NVIDIA's is said:
    # there CUDA's "no device" is the build's lack too)
    told = "build-sees-no-gpu" in ids and not seen.said("NVIDIA runtime by default")
    unfound = [line_of[i] for i in ids if i in ("cuda-unavailable", "gpu-not-detected") + (("cuda-100",) if told else ())]
    in_build = [line for line in unfound + [container] if line and _IMAGE_BUILD.search(line)]
    if (x86 or told) and unfound and in_build and (not denied or (told and set(denied) == {"cuda-100"})) \
            and not nodes_denied:
        return cause("nodes-missing-in-container", "CUDA is checked in an image build step, which gets no GPU unless "
                     "it asks for one: BuildKit gives RUN steps no devices by default (moby/buildkit#1800, #1436), so "
                     "the check fails by design; name the GPU architectures to build for, and check CUDA when the "
                     "container runs",
                     list(dict.fromkeys(unfound[:1] + in_build[:1])) + platform_line, "not-gpu-access")
    # A Swarm service's task is started without --gpus or devices on either system: what reaches it is the default
    # runtime's and the node's generic resources', not the PC's driver (unless a failure of the driver or the
    # software says otherwise)
    if "swarm-service-no-gpu" in ids and not (denied or nodes_denied) and not any(
            i in _MISMATCH or _family(i).get("cuda") for i in ids):
        return cause("nodes-missing-in-container", "the service's containers get no GPU: Swarm passes no --gpus and no "
                     "devices to a task, so it reaches the GPU only through the nvidia default runtime and the node's "
                     "generic GPU resources", [line_of["swarm-service-no-gpu"]] + platform_line, "toolkit-band",
                     "x86-discrete-gpu")
    soft = [i for i in ids if i in ("cuda-unavailable", "release-unsupported")]
    errors = [i for i in ids if i not in _NO_GPU_SAID + _SYMPTOM_WORDS + _SESSION_FAMILIES + _NOT_GPU + ("gpu-works-words",)]
    if soft == ["cuda-unavailable"] and not (platform_shown or seen.jetson or seen.x86 or container or errors or denied
                                             or nodes_denied or seen.launches or seen.execs
                                             or bool(seen.said("CUDA build")) or bool(seen.said("PC CUDA index"))):
        return cause("not-gpu-access", "the program says it sees no CUDA device, and the paste shows neither the system "
                     "nor an error from CUDA or the driver: most often a build of the program without CUDA (a session "
                     "denied the GPU gets CUDA's start-up error instead); which system it ran on would tell",
                     [line_of["cuda-unavailable"]], "jetson-software-mismatch", "x86-discrete-gpu")
    if soft and not denied and not nodes_denied:
        return platform_cause("jetson-software-mismatch", "the software says this release or system is not one it "
                              "supports" if soft[0] == "release-unsupported" else "the software finds no usable CUDA for "
                              "this release", [line_of[soft[0]]], "nodes-missing-in-container")
    if "nameless-gid" in ids and not denied and not nodes_denied:
        added = [launch for launch in seen.launches if launch.numeric_groups or any(map(computed_gid, launch.group_add))]
        if added:  # (a substitution, `$(stat -c %g NODE)`, gives a number too)
            return cause("not-gpu-access", "a numeric --group-add GID has no name in the image: harmless",
                         [line_of["nameless-gid"], _first_line(added[0])])
        nvidia = [launch for launch in seen.launches if launch.nvidia_gpu]
        if nvidia:
            return cause("toolkit-band", "a GID without a name that no launch option added: the container toolkit "
                         "(>= 1.19.1) adds the device nodes' GIDs", [line_of["nameless-gid"], _first_line(nvidia[0])],
                         "not-gpu-access")
        return cause("not-gpu-access", "a GID without a name in the image: a harmless message; nothing shows a denial",
                     [line_of["nameless-gid"]], "toolkit-band")
    missing_group = line_of.get("gpu-group-missing", "")
    if missing_group and not x86 and not denied:
        kind = "tegra-nodes-denied" if re.search(r"video", missing_group, re.I) else "render-node-denied"
        return cause(kind, "the system or image has no such group, so no user is in it: the image needs the group with "
                     "the host's GID", [missing_group] + platform_line, "x86-discrete-gpu")
    if "render-group-name" in ids:  # the same lookup fails on a PC, whose render node serves its own GPU
        return cause("x86-discrete-gpu" if x86 else "render-node-denied", "--group-add render by name, and the image "
                     "has no render group", [line_of["render-group-name"]] + platform_line,
                     *(["render-node-denied"] if x86 else []))
    unserved = [launch for launch in seen.launches if not _gets_gpu(launch, seen)]
    if "gpu-not-detected" in ids and x86 and unserved and len(unserved) == len(seen.launches) and not denied:
        return cause("x86-discrete-gpu", "the program finds no GPU in a container started without one (no --gpus, "
                     "runtime or GPU device): on a PC the GPU reaches a container only when the launch asks for it",
                     [line_of["gpu-not-detected"], _first_line(unserved[0])] + platform_line, "not-gpu-access")
    # (and one whose launch is not shown, where nothing shows the GPU reached it)
    if "gpu-not-detected" in ids and x86 and container and not seen.launches and not (denied or nodes_denied or errors) \
            and not _gpu_shown_reaching(seen, matches, container):
        return cause("x86-discrete-gpu", "the program finds no GPU in a container whose launch the paste does not show: "
                     "on a PC the GPU reaches a container only when the launch asks for it (--gpus, NVIDIA's runtime)",
                     [line_of["gpu-not-detected"], container] + platform_line, "not-gpu-access",
                     "nodes-missing-in-container")
    if "gpu-not-detected" in ids and container and not (x86 or denied or nodes_denied or errors):
        # inside a container a quiet "no GPU" is as often the container's (no NVIDIA runtime, an image for another
        # release) as the program's: the paste cannot tell them apart, so the reply asks
        return cause("unknown", "the program finds no GPU inside a container and the paste shows no error: the container "
                     "may lack the GPU (no NVIDIA runtime), its software may not fit the release, or the program may not "
                     "look for it", [line_of["gpu-not-detected"], container] + platform_line,
                     "nodes-missing-in-container", "jetson-software-mismatch", "not-gpu-access")
    if "program-fix-words" in ids and line_of.get("nodes-missing-words") == line_of["program-fix-words"]:
        ids.remove("program-fix-words")  # (a launcher's function changed to give the container its GPU: the container's fix)
    if "gpu-not-detected" in ids and "program-fix-words" in ids and not (denied or nodes_denied or errors):
        return cause("not-gpu-access", "the program says it finds no GPU, and the fix shown changes the program's own "
                     "code: its own check was wrong, not the GPU's access",
                     [line_of["program-fix-words"], line_of["gpu-not-detected"]])
    # (not beside the GPU the framework found in the same paste: the build has the Jetson's CUDA)
    framework = line_of.get("gpu-not-detected", "") if jetson and platform_shown and seen.gpu_found is None else ""
    # (or a program whose framework the paste shows at a version with no build tag: the index's generic wheel)
    plain = next(iter(seen.said("plain framework version")), "") if framework and not (
        seen.cuda_true or bool(seen.said("Jetson index"))) else ""
    if (_CUDA_FRAMEWORK.search(framework) or plain) and not (denied or nodes_denied or errors):
        return cause("jetson-software-mismatch", "a CUDA framework finds no GPU on a Jetson: most often a build without "
                     "the Jetson's CUDA (a generic aarch64 wheel) or one for another JetPack's CUDA",
                     list(dict.fromkeys([framework, plain or framework])) + platform_line, "not-gpu-access",
                     "nodes-missing-in-container")
    # (beside a CUDA build, only CUDA's own True says the program's detection, not the build, finds no GPU, and only on
    # a PC, where a +cu118 tag is a build for its GPU: on a Jetson it is no Jetson build, and the Jetson's own reading
    # decides; beside a sandbox that hides the devices from a service, the service may not see what is there)
    if "gpu-not-detected" in ids and not (denied or nodes_denied or errors) and not seen.said("device sandbox") and (
            not seen.said("CUDA build") or (x86 and seen.cuda_true is not None)):
        return cause("not-gpu-access", "the program says it finds or uses no GPU, and the paste shows no error from "
                     "CUDA or the driver: most often the program's own detection or a build without CUDA; a session "
                     "denied the GPU gets CUDA's start-up error instead", [line_of["gpu-not-detected"]] + platform_line,
                     "jetson-software-mismatch", "x86-discrete-gpu")
    if x86 and "cuda-304" in ids:
        sandbox = seen.said("sandbox")
        return cause("x86-discrete-gpu", "CUDA's operating-system error on a PC: the system refused a call CUDA makes as "
                     "it starts, as WSL and sandboxes (seccomp, Landlock) do; no device group grants it",
                     [line_of["cuda-304"]] + sandbox[:1] + platform_line, "not-gpu-access")
    if x86 and "profiler-counters" in ids:
        return cause("x86-discrete-gpu", "the PC's driver keeps the GPU's performance counters to admin users (its module "
                     "option NVreg_RestrictProfilingToAdminUsers), which no group changes; running CUDA is not denied",
                     [line_of["profiler-counters"]] + platform_line, "not-gpu-access")
    # (a PC whose paste shows CUDA answering True and nothing failing, nothing said of the GPU: what goes wrong is not
    # the GPU's access; a user denied a node gets CUDA's start-up error, which the paste would show. A True from root
    # counts here, unlike beside a failure: no session in the paste fails.)
    if x86 and failure is None and not ids and seen.cuda_true is not None:
        return cause("not-gpu-access", "CUDA answered True and the paste shows nothing failing: the GPU is reached, so "
                     "what goes wrong is what the program does with it",
                     [seen.cuda_true.value, seen.cuda_true.line] + platform_line,
                     "x86-discrete-gpu")
    optional = seen.said("optional TensorRT")
    tensorrt_notes = ("not-gpu-access", "TensorFlow's warnings that TensorRT's libraries are absent: it uses them only "
                      "for TF-TRT and goes on without them, and nothing else failed", optional[:1])
    if x86 and optional and failure is None and not ids:  # (a PC's paste of them says no more than another's)
        return cause(*tensorrt_notes)
    if "gpu-unschedulable" in ids and "gpus-all-taken" in ids and not denied:
        return cause("not-gpu-access", "Kubernetes' scheduler found no node with a free nvidia.com/gpu, and the paste says "
                     "every GPU is taken: capacity, not access", [line_of["gpus-all-taken"], line_of["gpu-unschedulable"]]
                     + platform_line)
    if _the_one_failure("gpu-unschedulable", ids) and not denied and not (
            failure is not None and failure.kind in _NAMES_WHAT_BROKE):
        # (the pod never started, on any system: no container's access is tried yet, and the message does not say
        # whether the GPUs are taken or never advertised; a driver's, a library's or a node's failure beside it says)
        return cause("unknown", "Kubernetes' scheduler found no node with a free nvidia.com/gpu: every advertised GPU "
                     "is taken, or no node advertises one (the device plugin's set-up); the message does not say which",
                     [line_of["gpu-unschedulable"]] + platform_line, "not-gpu-access", "x86-discrete-gpu")
    if x86:  # (another maker's Arm board is filed with the PCs, and read on its own: _no_nvidia_gpu_on_the_board)
        return cause("x86-discrete-gpu", "the paste shows an x86 / discrete-GPU system and no Jetson" if platform_shown else
                     "a GPU error of a PC, whose driver and devices the integrated-GPU explanations do not fit",
                     platform_line + [line_of[i] for i in ids[:1]], "nodes-missing-in-container")
    overflow = [n for n in seen.nodes if re.match(r"/dev/(?:nvmap|nvhost|nvgpu|dri/render)", n.path)
                and n.group in _OVERFLOW and not n.open_to_all]
    if overflow and not x86:
        kind = "render-node-denied" if "dri" in overflow[0].path else "tegra-nodes-denied"
        return cause(kind, "the GPU node's group maps to no group of the container's user namespace (nogroup): the "
                     "host's GID did not reach the session, so only other-users access is left",
                     [n.line for n in overflow[:2]], "login-drops-runtime-groups")
    root_only = [n for n in seen.nodes if re.match(r"/dev/(?:nvmap|nvhost|nvgpu|dri/render)", n.path)
                 and n.owner in ("root", "0") and n.mode & 0o066 == 0]
    if root_only and not denied and not nodes_denied:
        kind = "render-node-denied" if "dri" in root_only[0].path else "tegra-nodes-denied"
        return cause(kind, "the GPU nodes are open to root only (no group or other access)", [n.line for n in root_only[:2]])
    if not (denied or nodes_denied):
        if "failure-gpu" in ids and jetson and platform_shown and not _NOT_PAST_START_UP.search(line_of["failure-gpu"]):
            # Past start-up, a denied node is no longer the question: the GPU was opened.
            return cause("jetson-software-mismatch", "a GPU failure on a Jetson past CUDA's start-up, with no denial, no "
                         "missing node and no driver error: most often the software (a build or version for another "
                         "release)",
                         [line_of["failure-gpu"]] + platform_line, "not-gpu-access", "nodes-missing-in-container")
        symptom = next((i for i in ("failure-gpu-symptom", "failure-symptom") if i in ids), "")
        if symptom:
            return cause("unknown", "it timed out or stopped at once: a symptom any cause can give, which names none",
                         [line_of[symptom]], "jetson-software-mismatch", "not-gpu-access")
        if "failure-unshown" in ids:
            return cause("unknown", "a traceback whose exception the paste cuts off: what failed is not shown",
                         [line_of["failure-unshown"]], "jetson-software-mismatch", "nodes-missing-in-container")
        if "failure-gpu" in ids:  # a GPU failure whose line names no node, library, driver or version
            return cause("unknown", "a GPU failure whose line names nothing that tells the causes apart",
                         [line_of["failure-gpu"]], "jetson-software-mismatch", "nodes-missing-in-container")
        if not_gpu:
            return cause("not-gpu-access", "the errors shown are not GPU-access errors", [line_of[i] for i in not_gpu])
        if foreign:
            return foreign_cause()
        if seen.gpu_found is not None and not ids and not re.search(r"\bcpu\b", seen.gpu_found.line, re.I):
            return cause("not-gpu-access", "the GPU was found and opened, so access works; the failure lies elsewhere",
                         [seen.gpu_found.line])
        at_work = seen.said("GPU at work")
        if at_work and not ids and failure is None:
            return cause("not-gpu-access", "the GPU is shown at work and nothing fails: its access works", at_work[:1])
        fitting = _family_causes(ids, platform, bool(seen.said("no container said")) and not seen.launches)
        if fitting:  # a failure no rule above reads: its family's own likeliest cause on this system
            return cause(fitting[0], "the error's family points here first on {}".format(PLATFORM_NAMES[platform]),
                         [line_of[ids[0]]] + platform_line, *fitting[1:])
        if optional:
            return cause(*tensorrt_notes)
        if failure is None and not ids and not _access_shown(seen):
            asked = seen.said("support asked")
            return cause("not-gpu-access", "nothing in the paste fails, and it shows none of the GPU's access (no node, "
                         "group, user, launch{}) and no trouble in words{}. Read as no GPU-access failure, assuming the "
                         "paste holds what fails: a session denied the GPU gets CUDA's start-up error".format(
                             "" if asked else " or release",
                             "; it asks whether the software supports what it names" if asked else ""),
                         asked[:1], "jetson-software-mismatch", "nodes-missing-in-container", "x86-discrete-gpu")
        return cause("unknown", "the paste shows no GPU-access error and no node the session is denied",
                     [], "render-node-denied", "tegra-nodes-denied")
    # A denial: decide which nodes and why, from the most specific evidence the paste has.
    trigger = [line_of[i] for i in denied[:1]]
    replaced = seen.said("CUDA replaced")
    # (a CUDA other than the release's: before JetPack 5 none fits its driver; from JetPack 5.0 on, CUDA 11.8 and later
    # install over it with the release's compatibility package, by NVIDIA's "Simplifying CUDA Upgrades for NVIDIA Jetson
    # Users", so there it is read so only where root fails too, which no group explains; and only where no user, group
    # or launch shown says more)
    upgradable = (_l4t_major(seen) or 0) >= 34 or _shows_r36_software(seen)
    root = _root_lines(seen, ids)
    if jetson and replaced and all(i in _STARTUP_ERRORS for i in denied) and not nodes_denied \
            and not (seen.identities or seen.session_groups or seen.launches) and (not upgradable or root):
        return cause("jetson-software-mismatch", "CUDA fails to start on a Jetson whose CUDA the paste says was replaced "
                     "by another version: JetPack's own CUDA is built for its driver, and one put in its place runs only "
                     "with the release's compatibility package (JetPack 5 and later) or not at all (before)",
                     replaced[:1] + trigger + (root[:1] if upgradable else []) + platform_line,
                     "tegra-nodes-denied", "render-node-denied")
    if root and all(i in _STARTUP_ERRORS for i in denied) and not nodes_denied:
        # Root opens every node it is given: a start-up error as root is no group denial, but what the process lacks.
        passed = [launch for launch in seen.launches if _passes_gpu(launch)]
        if container and seen.launches and not passed:  # with no launch shown, how it started is not known
            return cause("nodes-missing-in-container", "the process runs as root, which no group stops, in a container "
                         "started without the NVIDIA runtime or the GPU nodes", trigger + root[:1] + [container],
                         "jetson-software-mismatch")
        return cause("unknown", "the process runs as root, which no group stops: not a permission problem, but the "
                     "paste does not show whether a node is missing or the software does not match",
                     trigger + root[:1] + [_first_line(launch) for launch in passed[:1]], "nodes-missing-in-container",
                     "jetson-software-mismatch")
    others += ["render-node-denied", "tegra-nodes-denied"]
    if not jetson and not seen.nodes and denied[0] not in ("cuda-801", "denial-words", "failure-device-permission"):
        return platform_cause("tegra-nodes-denied", "a GPU initialisation error", trigger)
    numeric = [launch for launch in seen.launches if launch.numeric_user]
    if not numeric and numeric_lines and (denied[0] == "denial-words" or not seen.launches):  # the launch said in words
        return cause("uid-gid-launch", "a user denied the GPU, started with a numeric uid:gid that drops the image's "
                     "group memberships", trigger + numeric_lines[:1])
    # (the render node decides an 801 unless the paste shows a Tegra node refused; with the host's /dev bound in, the
    # container's nodes are the host's own, whose group no toolkit changes)
    tegra_refused = any(i in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") for i in ids)
    render_decides = "cuda-801" in ids and not tegra_refused and not seen.nodes
    if numeric and not numeric[0].dev_mount and (_host_render_gid_held if render_decides else _host_gid_held)(
            seen, numeric[0]):
        return cause("toolkit-band", "the launch holds the host node's GID and the session is still denied: the node's "
                     "group inside the container differs, which the toolkit's version decides",
                     trigger + [_first_line(numeric[0])] + [n.line for n in seen.nodes][:1], "uid-gid-launch")
    rooted = _root_s_group_inside(seen)
    if rooted:
        return cause("toolkit-band", "a GPU node inside the container has root's group (GID 0), which the host's does "
                     "not and the session does not hold: the container toolkit made it so (1.18.2 creates the nodes "
                     "with GID 0), so no GID a launch adds opens it and the toolkit's version decides",
                     trigger + ([seen.toolkit.line] if seen.toolkit else []) + rooted, "uid-gid-launch")
    amiss = _gid_added_amiss(seen)
    if amiss is not None:
        launch, node, stray = amiss
        return cause("render-node-denied" if "/dri/" in node.path else "tegra-nodes-denied",
                     "the launch adds GID {}, which no listed node has, and not {}, the group of {} (most often a GID "
                     "copied from another host, where the group's number differs)".format(stray, node.group, node.path),
                     trigger + [_first_line(launch), node.line], *(("uid-gid-launch",) if launch.numeric_user else ()))
    dropping_launches = [launch for launch in numeric if _drops_groups(launch, seen)]
    if dropping_launches:
        return cause("uid-gid-launch", "started with a numeric uid:gid, which drops the image's group memberships",
                     trigger + [_first_line(dropping_launches[0])])
    # entered by `exec -u uid:gid`: the session gets that GID and the launch's --group-add GIDs, none of the image's
    numeric_execs = [e for e in seen.execs if numeric_user(e.user)]
    if numeric_execs and not any(launch.group_add for launch in seen.launches):
        return cause("uid-gid-launch", "entered with a numeric uid:gid (`exec -u`), which gives the session none of the "
                     "image's group memberships", trigger + [numeric_execs[0].text.split("\n")[0]])
    added = [launch for launch in seen.launches if launch.group_add]
    dropping = [login for login in seen.logins if login.value != "keeps --group-add"]
    paths = [login.line for login in dropping] + seen.said("login in the container")
    added_lines = [_first_line(launch) for launch in added] or seen.said("groups added at launch")
    regrouped = _group_changed_in_container(seen) if added else []
    if regrouped and not _added_gid_listed_inside(seen, added):  # kept through any login, the GIDs would open nothing
        return cause("toolkit-band", "the node's group inside the container is none the launch added: whatever way in "
                     "keeps or drops those groups, the toolkit's version decides the node's group there",
                     trigger + ([seen.toolkit.line] if seen.toolkit else []) + regrouped + [_first_line(added[0])],
                     "login-drops-runtime-groups")
    # ... unless the failing session's own `id` holds what the launch added: that path did not run, or lost nothing (a
    # launch that adds only groups the paste cannot check, `$(getent group render | cut -d: -f3)` with no answer shown,
    # shows nothing kept)
    kept = bool(added) and bool(seen.identities) and _adds_checkable_groups(added) and _holds_added(_sessions(seen)[0], added)
    if added_lines and paths and not kept:
        return cause("login-drops-runtime-groups", "groups given at launch, and a session path that rebuilds groups",
                     trigger + [added_lines[0], paths[0]])
    failing = _sessions(seen)[:1]
    if added and failing and not _holds_added(failing[0], added):
        return cause("login-drops-runtime-groups", "the pasted `id` does not hold the GIDs the launch added",
                     trigger + [_first_line(added[0]), failing[0].line])
    # groups said to be added at launch, held by root's session and not by the user's: the user's way in dropped them
    lost_to_user = [[root.line, user.line] for root in seen.identities if root.uid == 0 for user in failing
                    if user.uid != 0 and set(root.groups[1:]) - set(user.groups)]
    if added_lines and lost_to_user:
        return cause("login-drops-runtime-groups", "groups given at launch reach root's session and not the user's",
                     trigger + [added_lines[0]] + lost_to_user[0])
    fewer = _same_user_fewer_groups(seen)
    path_said = [login.line for login in dropping] + seen.said("session path")
    if fewer and path_said:
        return cause("login-drops-runtime-groups", "the same user holds fewer groups in one session than in another, "
                     "and a session path that rebuilds groups is named", trigger + fewer + path_said[:1], "toolkit-band")
    held = _held_read_only(seen) if "nvmap-denied" in ids else []
    if held:  # fact sheet Q3 leaves open whether the driver opens nvmap for writing; this paste says it does
        node, identity = held[0]
        inside = node.where == "container" or bool(seen.launches)
        return cause("toolkit-band" if inside else "tegra-nodes-denied",
                     "the session holds {}'s group and is still denied: the open asks for write, which mode {:04o} "
                     "grants no group; {}".format(node.path, node.mode, "toolkit 1.18.2 and later copy the host's mode "
                                                  "into the container, where 1.18.1 and older made the node 0666"
                                                  if inside else "the host's udev rule sets that mode"),
                     trigger + [node.line, identity.line] + ([seen.toolkit.line] if seen.toolkit else []),
                     "tegra-nodes-denied" if inside else "toolkit-band")
    band = _toolkit_band(seen)
    lost = _group_changed_in_container(seen)  # the container's own node decides, whatever the host's ACL gives
    if (band == "gid-0" and not _group_kept_in_container(seen)) or lost:
        beside_host = len(lost) > 1
        return cause("toolkit-band", "the node's group inside the container is not the host's: the toolkit's version "
                     "decides it (1.18.2 gives GID 0)" if beside_host else "the toolkit version decides the nodes' "
                     "group inside the container: 1.18.2 gives them GID 0, so only root, or the user the container starts "
                     "as with -u (their owner), opens them",
                     trigger + ([seen.toolkit.line] if seen.toolkit else []) + lost, "render-node-denied",
                     "tegra-nodes-denied")
    # (a system account, uid 1-999 on Debian and Ubuntu, runs services and never holds a seat: its own group decides)
    seat = _seat_acl(seen) if not any(0 < i.uid < 1000 for i in seen.identities) else []
    if seat and (seen.logins or seen.identities):
        return cause("seat-acl-only", "the node's access comes from a seat ACL for another user; this session has "
                     "no seat", trigger + seat + [(seen.logins or seen.identities)[0].line], "render-node-denied")
    # (an `id` shown decides by its groups: a user outside the node's group is that group's denial, the ACL aside)
    # (a host node's ACL does not reach a container that lists its own node of that path)
    acl = [n for n in seen.nodes if n.acl and not any(m.path == n.path and m.where == "container" != n.where
                                                      for m in seen.nodes)]
    if acl and seen.logins and not seen.identities:
        return cause("seat-acl-only", "the node's access comes from an ACL, and the session has no seat",
                     trigger + [acl[0].line, seen.logins[0].line])
    switched = [login.line for login in dropping] + seen.said("login in the container")
    if band == "additional-gids" and switched:  # (a switch in the container said in prose is one too)
        return cause("login-drops-runtime-groups", "the toolkit (1.19.1 or later) gives the node GIDs to the main "
                     "process only; this session came through a login that rebuilds groups",
                     trigger + [seen.toolkit.line if seen.toolkit else "", switched[0]], "toolkit-band")
    lost_gid = _gid_held_then_lost(line_of.get("nameless-gid", ""), seen)
    if lost_gid is not None:
        return cause("login-drops-runtime-groups", "a process of the container held GID {} (a GID its /etc/group does "
                     "not name, as the runtime or --group-add give), and the session shown does not: the path between "
                     "rebuilt its groups".format(lost_gid[0]), trigger + list(lost_gid[1:]), "render-node-denied",
                     "toolkit-band")
    # the render node decides unless the pasted process shows another node denied and not the render node
    render_failed_it = "ACC-003" in process_denied or not process_denied
    if "ACC-003" in nodes_denied and render_failed_it:
        return cause("render-node-denied", "the session is denied the render node", trigger + _denied_lines(seen, "renderD"),
                     "login-drops-runtime-groups")
    if nodes_denied:
        return cause("tegra-nodes-denied", "the session is denied a Tegra GPU node", trigger + _denied_lines(seen, "nv"),
                     "login-drops-runtime-groups")
    major = _l4t_major(seen)
    first = denied[0]
    if first in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") or "nvmap-denied" in denied:
        return cause("tegra-nodes-denied", "a Tegra node (/dev/nvmap, /dev/nvhost-*) is not openable by the session",
                     trigger, "login-drops-runtime-groups")
    if first == "render-node-denied":
        return cause("render-node-denied", "the render node is not openable by the session", trigger, "seat-acl-only")
    if first in ("denial-words", "failure-gpu-node", "failure-device-permission"):
        return _named_node_denial(seen, trigger[0], major, cause)
    # "a JetPack 6 image fails on the JP7.2 driver"; not "after upgrading from JetPack 5 to 6" (the render node's story),
    # nor two boards compared ("fine on JP5.1, 801 on JP6.1")
    if first == "cuda-801" and len(_releases_named(trigger[0])) > 1 and _IMAGE_ON_HOST.search(trigger[0]) \
            and not _UPGRADE_SAID.search(trigger[0]):
        return cause("jetson-software-mismatch", "error 801 said of software built for one release on another release's "
                     "driver: the versions, not a node", trigger, "render-node-denied")
    if first == "cuda-801" and (major is None or major >= 36):
        return cause("render-node-denied", "CUDA error 801 at start-up: on JetPack 6 and later the render node",
                     trigger + _release_lines(seen), "login-drops-runtime-groups", "x86-discrete-gpu")
    if major is not None and major < 36:
        text = "a CUDA start-up failure before JetPack 6: the Tegra nodes (the video group)"
    else:
        text = "a CUDA start-up failure ({}): most often /dev/nvmap denied; on JetPack 6 the render node too".format(first)
    return cause("tegra-nodes-denied", text, trigger + _release_lines(seen), "render-node-denied",
                 "nodes-missing-in-container")


# CUDA start-up errors that a denied node causes and a missing node or a mismatched driver causes just as well.
_STARTUP_ERRORS = ("cuda-100", "cuda-999", "cuda-801")


def _root_lines(seen: Observed, ids: Sequence[str]) -> List[str]:
    """The lines showing the failing process ran as root, when nothing in the paste shows a non-root one: no
    `id` of another user, no launch or login that switches user, and no line that says a node refused it (a
    rootless engine's root is an unprivileged user on the host, and is refused what that user is)."""
    if any(i in _EXPLICIT_DENIALS for i in ids) or seen.logins or any(i.uid != 0 for i in seen.identities) or any(
            launch.user and str(launch.user).split(":")[0] not in ("0", "root") for launch in seen.launches):
        return []
    prompts = [w.line for w in seen.words if w.kind == "root session" and not _switches_user().search(PROMPT.sub("", w.line))]
    return prompts + [i.line for i in seen.identities if i.uid == 0]


# Families that say a node refused the process in so many words.
_EXPLICIT_DENIALS = ("denial-words", "nvmap-denied", "nvidia-node-denied", "render-node-denied", "nvml-permissions",
                     "failure-gpu-node", "failure-device-permission", "groups-lost-words", "groups-missing-words",
                     "seat-login-words")
# What says CUDA or a node was refused, against which no True of a check proves access (NVML's permission error is the
# driver tool's, not CUDA's).
_CUDA_REFUSED = _STARTUP_ERRORS + tuple(i for i in _EXPLICIT_DENIALS if i != "nvml-permissions") + (
    "cuda-unavailable", "nvrmgpu-open", "nvrm-channel")


def _gets_gpu(launch: Launch, seen: Observed) -> bool:
    """Whether a launch may get the GPU: it asks for it, the paste shows NVIDIA's runtime as the engine's default, or
    the settings that would say are in a compose service the paste does not show."""
    return launch.service_unseen or _passes_gpu(launch) or _nvidia_by_default(launch, seen)


def _drops_groups(launch: Launch, seen: Observed) -> bool:
    """Whether a numeric uid:gid launch loses a group the GPU needs. It keeps its own GID and those it adds, so a
    launch holding the GID of every GPU node the paste lists by number loses none of theirs; where the paste lists
    none, a launch that adds groups back is not shown to lose any."""
    if not launch.numeric_user:
        return False
    if _asks_cdi(launch) and _path_only_spec(seen):
        return False  # the spec's nodes are made 0666 and owned by the launch's user: no group opens them
    groups = [decimal(n.group) for n in _gpu_nodes(seen)]
    if not groups:
        return not launch.group_add
    return not all(gid is not None and gid in launch.held_gids for gid in groups)


def _seat_guards_gpu(seen: Observed, jetson: bool, x86: bool) -> bool:
    """Whether a seat's ACL can decide this GPU: a Jetson from R36 on (whose render node CUDA opens), or a PC shown to
    run a render-node GPU (AMD, Intel, Mesa); never an NVIDIA discrete GPU (its /dev/nvidia* are open to all), WSL, or a
    Jetson before R36."""
    if jetson:
        return (_l4t_major(seen) or 36) >= 36
    return _render_node_pc(seen) if x86 else True


def _render_node_pc(seen: Observed) -> bool:
    """Whether the paste shows a PC whose GPU is opened through the render node (AMD, Intel, Mesa), which its groups
    guard, and not WSL's."""
    return any(_RENDER_NODE_GPU.search(sign.value) for sign in seen.x86) and not _on_wsl(seen)


def _on_wsl(seen: Observed) -> List[str]:
    """The lines that show the paste's machine is WSL: no Jetson in the paste (a Jetson flashed from WSL is still the
    Jetson), and WSL named as where things run, not negated ("no WSL here")."""
    if seen.jetson:
        return []
    return [sign.line for sign in seen.x86 for found in [_WSL.search(sign.line)]
            if found and not NEGATED_BEFORE.search(sign.line[max(0, found.start() - 40):found.start()])]


def _sessions(seen: Observed) -> List[Identity]:
    """The pasted `id`s, the failing session's first, as the diagnosis of the paste takes it (failing_session); root's
    last (beside a user's it is the contrast)."""
    failing = failing_session(seen.identities)
    return ([failing] if failing is not None else []) + sorted(
        (i for i in seen.identities if i is not failing), key=lambda identity: identity.uid == 0)


def _fails_outside_the_container(seen: Observed) -> bool:
    """Whether the failing session's `id` was taken outside the container whose own `id` the paste shows too (root's
    in the container works, the user's on the machine fails): the question stays where it fails. Not where the paste
    switches user inside the container (`su dev` at its prompt): that session, whose `id` is not shown, is the one."""
    failing = _sessions(seen)[:1]
    switched_inside = any(CONTAINER_PROMPT.match(login.line) for login in seen.logins)
    return bool(failing) and failing[0].where != "container" and not switched_inside and any(
        i.where == "container" for i in seen.identities)


def _same_user_fewer_groups(seen: Observed) -> List[str]:
    """Two pasted `id`s of one uid where one lacks groups the other holds (the container's main process, then an SSH
    session into it): the lines of both, fuller first; none when the paste shows no such pair."""
    return next(([full.line, short.line] for full in seen.identities for short in seen.identities
                 if full.uid == short.uid and set(short.groups) < set(full.groups)), [])


def _user_chosen(seen: Observed) -> List[Sighting]:
    """The sessions inside the container that ran as a user the paste chose, other than root: `exec -u 1000`, or `su -
    app`, `gosu app` at a container's prompt or in an entrypoint's `set -x` trace. The host's own login (an SSH banner,
    `ssh me@orin` from a laptop, a `su -` at the host's prompt) chooses no user inside the container."""
    return [login for login in seen.logins
            if (" exec -u " in login.kind and login.kind.rsplit(" ", 1)[1].split(":")[0] not in ("0", "root"))
            or (login.kind == "session" and _switches_user().search(login.value) and not switches_to_root(login.value)
                and (CONTAINER_PROMPT.match(login.line) or login.value.startswith("+")))]




@functools.lru_cache(maxsize=1)
def _switches_user() -> Pattern[str]:
    """A command that runs another user's process (data/privilege_drops.json's switches, supervisord's `user=`), first
    or after the commands a shell line chains before it (`useradd ivan && su - ivan`): not ssh, which reaches another
    machine, and not a banner."""
    return re.compile(r"(?:^|(?:&&|\|\||;)\s*)(?:\+\s+)?(?:exec\s+)?(?:sudo\s+)?(?:" + switch_commands(*ANY_GROUPS)
                      + r"|user\s*=)", re.I)


def _nvidia_by_default(launch: Launch, seen: Observed) -> bool:
    """Whether a Docker launch gets NVIDIA's runtime by default: Docker's daemon.json or `docker info` says so, and no
    `docker info` names another (a daemon not restarted since the file changed), or the runtime's own log shows it
    gave a container its nodes. A compose file or devcontainer is taken to run on that daemon; other engines have
    their own default."""
    kinds = {w.kind for w in seen.words}
    said = "NVIDIA runtime by default" in kinds and "another runtime by default" not in kinds
    return launch.source.startswith(("docker", "compose", "devcontainer")) and (said or "NVIDIA runtime ran" in kinds)


def _passes_gpu(launch: Launch) -> bool:
    """Whether a launch gives the container the GPU: the NVIDIA runtime, --gpus, privileged, /dev bound in, or a GPU node."""
    return bool(launch.nvidia_runtime or launch.gpus or launch.nvidia_gpu or launch.privileged or launch.dev_mount
                or any(re.search(r"/dev/(?:nv|dri)|nvidia\.com/", d) for d in launch.devices))


def _named_node_denial(seen: Observed, line: str, major: Optional[int], cause: Callable[..., Cause]) -> Cause:
    """A denial said in words or by a failing line: the node it names, else the group it names, else the
    node CUDA opens on that release (the render node from JetPack 6, /dev/nvmap before)."""
    release = _release_lines(seen)
    if _RENDER_WORDS.search(line):
        return cause("render-node-denied", "a user is denied the GPU, and the line names the render node or its group",
                     [line], "tegra-nodes-denied", "login-drops-runtime-groups")
    if _TEGRA_WORDS.search(line):
        return cause("tegra-nodes-denied", "a user is denied the GPU, and the line names a Tegra node (/dev/nvmap, "
                     "/dev/nvhost-*) or their video group", [line], "render-node-denied", "login-drops-runtime-groups")
    if major is None:
        image = [s for s in seen.images if s.value.split(".")[0].isdigit()]
        major, release = (int(image[0].value.split(".")[0]), [image[0].line]) if image else (None, release)
    if major is not None and major >= 36:
        return cause("render-node-denied", "a user is denied the GPU on JetPack 6 or later, where CUDA opens the render "
                     "node", [line] + release, "tegra-nodes-denied", "login-drops-runtime-groups")
    render = [n.line for n in seen.nodes if n.path.startswith("/dev/dri/render")] if major is None else []
    if render and not any(_TEGRA_NODE.search(n.path) for n in seen.nodes):
        return cause("render-node-denied", "a user is denied the GPU, and the GPU node the paste lists is the render node "
                     "(no release shown)", [line] + render[:1], "tegra-nodes-denied", "login-drops-runtime-groups")
    return cause("tegra-nodes-denied", "a user is denied the GPU; before JetPack 6 (or with no release shown) most often "
                 "/dev/nvmap, the video group's node", [line] + release, "render-node-denied", "login-drops-runtime-groups")


# CUDA's start-up errors and its missing driver library (35): what a container without the GPU's nodes or libraries
# prints. With a CUDA library's initialisation and a failing line that names the GPU's software, what fails in a
# container while the host works, so that what the container lacks is the likeliest cause.
_NO_GPU_HERE = _STARTUP_ERRORS + ("cuda-35",)
_FAILS_WHERE_THE_HOST_WORKS = _NO_GPU_HERE + ("cuda-library-status", "failure-gpu", "failure-gpu-library")


# The nodes CUDA opens (data/devices.json's roles), and the folders that hold them: an absent engine node (the encoder an
# Orin Nano lacks, a DLA, the VIC) says nothing of whether the GPU reached the container.
_CUDA_ROLES = ("nvmap", "render", "nvgpu", "nvhost-gpu", "nvidia")


def _cuda_node(path: str) -> bool:
    return path in ("/dev/dri", "/dev/nvgpu", "/dev/nvgpu/igpu0") or role_of(path) in _CUDA_ROLES


def _missing_nodes(seen: Observed, ids: Sequence[str], line_of: Dict[str, str], jetson: bool,
                   container: str = "", failure: Optional[Failure] = None) -> List[str]:
    """Lines showing the GPU is not in the container: absent nodes, no runtime, (on a Jetson) a launch without
    it, or a GPU library that is an empty placeholder or missing where the paste ran in a container or a build."""
    lines = [line_of[i] for i in ("nvmap-missing", "no-gpu-runtime", "toolkit-programs-missing", "gpu-request-unserved",
                                   "cuda-image-no-driver")
             if i in line_of]
    # (words that the container lacks the GPU: beside a node the paste shows refused, "no access" is that refusal)
    if "nodes-missing-words" in line_of and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines.append(line_of["nodes-missing-words"])
    before_render = (_l4t_major(seen) or 36) < 36  # JetPack 5's containers get no /dev/dri, and CUDA needs none there
    lines += [a.line for a in seen.absent if (_cuda_node(a.value) or a.value.startswith("nvidia-container-csv-"))
              and not (before_render and a.value.startswith("/dev/dri"))]
    # No device or no driver: "Permission denied" or a version error (3, 209, 222) means the nodes were there.
    gpu_error = any(i in _NO_GPU_HERE for i in ids)
    in_words = seen.said("container")
    if jetson and ids and ids[0] == "cuda-100" and in_words and not (seen.nodes or seen.launches or seen.identities) \
            and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [line_of["cuda-100"], in_words[0]]  # no device, in a container, and no word of a denial
    runtime_said = bool(seen.said("NVIDIA runtime said"))
    # the image's CUDA is another release's: two JetPack releases named, versions said not to match, or an image tagged
    # for another L4T major than the host shows
    moved = bool(seen.said("two JetPack releases")) or "versions-mismatched" in ids or bool(_image_l4t_conflict(seen))
    # (the GPU's nodes listed in the container, or where the paste does not say, show the runtime brought them, and with
    # them the driver library)
    listed = any(_cuda_node(n.path) for n in seen.nodes)
    if jetson and ids and ids[0] == "cuda-35" and container and not seen.launches and not runtime_said and not moved \
            and not listed:
        lines += [line_of["cuda-35"], container]  # the driver library the runtime mounts from the host is not there
    host = seen.said("works on the host")
    # it fails where the host works, and not as a user a login, `exec -u` or the launch's `-u` chose inside (that
    # contrast is the user): CUDA's start-up, a CUDA library's initialisation, or a failing line that names the GPU's
    # software
    failed_here = [i for i in ids if i in _FAILS_WHERE_THE_HOST_WORKS]
    launched_as_user = any(launch.user and launch.user.split(":")[0] not in ("0", "root") for launch in seen.launches)
    if failed_here and host and "denial-words" not in ids and not seen.identities and not _user_chosen(seen) \
            and not launched_as_user:
        lines += [line_of[failed_here[0]], host[0]]
    # CUDA said unusable in words (is_available() False) counts as much as an error number beside such a launch of
    # an image built for a Jetson (its CUDA is there; the runtime is what is missing). In another image it is the
    # image's own software (an arm64 wheel without CUDA).
    l4t_image = any(_JETSON_IMAGE.search(launch.image or "") for launch in seen.launches)
    plain = [launch for launch in seen.launches if not launch.nvidia_runtime and not launch.privileged
             and not launch.dev_mount and not any(re.search(r"/dev/(?:nv|dri)|nvidia\.com/", d) for d in launch.devices)
             and not _nvidia_by_default(launch, seen) and not launch.service_unseen]
    plain = plain if len(plain) == len(seen.launches) else []
    if jetson and (gpu_error or (any(i in _NO_GPU_SAID for i in ids) and l4t_image)) and plain:
        lines.append(_first_line(plain[0]))
    # JetPack 6's CUDA opens the render node too: a launch that passes the Tegra nodes by hand and not /dev/dri gives
    # CUDA's start-up error to root and users alike (facts sheet §0)
    by_hand = [launch for launch in seen.launches if launch.devices and not (
        launch.nvidia_runtime or launch.gpus or launch.privileged or launch.dev_mount or _nvidia_by_default(launch, seen)
        or any(d.startswith("/dev/dri") or "nvidia.com/" in d for d in launch.devices))]
    if jetson and "cuda-801" in line_of and (_l4t_major(seen) or 0) >= 36 and by_hand:
        lines += [line_of["cuda-801"], _first_line(by_hand[0])]
    # A launch without the NVIDIA runtime (--gpus alone included) puts the paste in a container that gets no host mounts.
    container = container or (_first_line(plain[0]) if jetson and plain else "")
    # A node that failed to open with no permission error: most often it is not in the container at all.
    channel = line_of.get("nvrm-channel", "")
    # (root on the host opens every node there is: its failure there is the node's driver or firmware, not a mount)
    if jetson and _OPEN_FAILED.search(channel) and not _NO_PERMISSION.search(channel) \
            and (container or not _root_lines(seen, ids)):
        lines.append(channel)
    # Tegra's memory manager failing without its reason line, in a container and with no denial said: as above.
    unusable = line_of.get("nvmap-unusable", "")
    nvmap_inside = any(n.path == "/dev/nvmap" and n.where == "container" for n in seen.nodes)
    if jetson and container and unusable and not nvmap_inside and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [unusable, container]
    # (Vulkan finding no driver beside a node refused to the session: the refusal is why, not a missing mount; and
    # where no container shows, no missing mount is asserted: the family's own order reads it)
    if jetson and container and "vulkan-no-driver" in line_of and not any(i in _EXPLICIT_DENIALS for i in ids):
        lines += [line_of["vulkan-no-driver"], container]
    library = line_of.get("cuda-library-missing", "") or next(
        (line for line in [line_of.get("failure-gpu-library", "")] if _LIBRARY_LOAD.search(line)), "")
    placeholder = line_of.get("failure-library-placeholder", "")
    if jetson and placeholder:
        lines += [placeholder] + ([container] if container else [])
    major = _l4t_major(seen)
    # (a CUDA library an image of another release asks for, the host's runtime cannot bring: the image's release)
    if jetson and library and not _HOST_TOOL.search(library) and (
            _DRIVER_LIBRARY.search(library) or (container and not moved and (
                _cuda_from_host(major) or _HOST_DRIVER.search(library) or not _CUDA_STACK.search(library)))):
        lines += [library] + ([container] if container and not _DRIVER_LIBRARY.search(library) else [])
    unavailable = line_of.get("cuda-unavailable", "")
    versions = _image_l4t_conflict(seen) or (failure is not None and failure.kind == "version")
    if jetson and unavailable and container and major is not None and major <= 32 and not versions:
        lines += [unavailable, container]  # JetPack 4's containers get CUDA itself from the host (unless versions differ)
    cuda_home = _host_cuda_unfound(seen, line_of, jetson, container)
    if cuda_home:
        lines += [cuda_home, container]
    gpu_failure = line_of.get("failure-gpu", "")
    # (a Python module of the GPU's stack missing is the image's packaging, except on JetPack 4, whose runtime mounts
    # TensorRT's Python bindings from the host)
    module = _MODULE_MISSING.search(gpu_failure) and (major is None or major > 32)
    if jetson and container and gpu_failure and not _UNNAMED_DENIAL.search(gpu_failure) \
            and not _PACKAGING.search(gpu_failure) and not module and not _MODEL_UNWORKING.search(gpu_failure):
        lines += [gpu_failure, container]  # a GPU failure in a container that names no permission (nor an install)
    return list(dict.fromkeys(lines))


@frozen_record
class _Reading:
    """A cause read from the paste's words: its id, why, the lines it rests on, what it does not rule out."""

    id: str
    why: str
    lines: Tuple[str, ...]
    also: Tuple[str, ...]


def _group_adds_said_lost(seen: Observed, words: Dict[str, str]) -> Optional[_Reading]:
    """GIDs a launch said in words adds (--group-add 992), none of which the `id` of a session that came through a login
    (ssh, su -) holds: the login rebuilt its groups from the container's /etc/group."""
    said = words.get("groups added at launch", "") if not seen.launches else ""  # (a launch shown is read as one)
    login = [s.line for s in seen.logins if s.value != "keeps --group-add"] or (
        [words["session path"]] if "session path" in words else [])
    gids = {int(gid) for gid in re.findall(r"--group-add[= ]+(\d{1,10})\b", said)}
    if not gids or not login or len(seen.identities) != 1 or gids & set(seen.identities[0].groups):
        return None
    # (the `id` is the container's: taken there, or the login said to go into the container)
    if seen.identities[0].where != "container" and not re.search(r"\b(?:into|in|inside)\s+(?:the\s+|a\s+|my\s+)?container\b",
                                                                 login[0], re.I):
        return None
    return _Reading("login-drops-runtime-groups", "the launch adds GIDs {} (said in words), and the session, which came "
                    "through a login, holds none of them: the login rebuilt its groups from the container's "
                    "/etc/group".format(", ".join(map(str, sorted(gids)))), (said, seen.identities[0].line),
                    ("render-node-denied", "tegra-nodes-denied"))


def _session_cause(seen: Observed, ids: Sequence[str], line_of: Dict[str, str]) -> Optional[_Reading]:
    """The cause when the paste says in words how the session got or lost its groups.

    A seat (works after a local login) is the seat ACL; groups lost through su/sudo/gosu/ssh are the login
    path; a session short of groups is the launch when the paste names a numeric uid:gid, the login path
    when it names one. The mechanism is the same on a Jetson and on a PC.
    """
    words = {w.kind: w.line for w in seen.words}
    # WSL has no logind seat, and a seat's ACL covers the render node, never the Tegra nodes (video's)
    tegra_denied = any(i in ("nvmap-denied", "nvrmgpu-open", "nvrm-channel") for i in ids)
    either_way = "seat-login-words" in ids and _EITHER_WAY.search(line_of["seat-login-words"])  # "whether or not ..."
    if "seat-login-words" in ids and not (tegra_denied or either_way or _on_wsl(seen)):
        return _Reading("seat-acl-only", "the GPU works only with a local (seat) login, which logind's ACL grants; other "
                        "sessions have no seat", (line_of["seat-login-words"],), ("render-node-denied",))
    if "groups-lost-words" in ids:
        return _Reading("login-drops-runtime-groups", "the groups given at launch are lost through a session path that "
                        "rebuilds them from the container's /etc/group", (line_of["groups-lost-words"],),
                        ("uid-gid-launch",))
    lost = _group_adds_said_lost(seen, words)
    if lost is not None:
        return lost
    if "groups-missing-words" not in ids:
        return None
    missing = line_of["groups-missing-words"]
    numeric = [_first_line(launch) for launch in seen.launches if _drops_groups(launch, seen)] or (
        [words["numeric user"]] if "numeric user" in words else [])
    if numeric:
        return _Reading("uid-gid-launch", "the session lacks group memberships and the launch names the user by numbers "
                        "(uid:gid), which drops the image's memberships", (missing, numeric[0]),
                        ("login-drops-runtime-groups",))
    login = [s.line for s in seen.logins if s.value != "keeps --group-add"] or (
        [words["session path"]] if "session path" in words else [])
    if login:
        return _Reading("login-drops-runtime-groups", "the session lacks group memberships and came through a path that "
                        "rebuilds them", (missing, login[0]), ("uid-gid-launch",))
    return None


def _family_causes(ids: Sequence[str], platform: str, no_container: bool = False) -> List[str]:
    """The causes the first family with any points to (data/symptoms.json `points_to`), those that fit ``platform``; on
    a Jetson said to run no container (``no_container``), a missing mount goes after its software, since there is no
    container to miss one in."""
    for symptom_id in ids:
        causes = [str(c) for c in _family(symptom_id).get("points_to", ()) if c != "unknown"]
        if platform == "pc":
            causes = ["x86-discrete-gpu"] if causes else []
        elif platform == "jetson":
            causes = [c for c in causes if c != "x86-discrete-gpu"]
            if no_container and causes[:1] == ["nodes-missing-in-container"] and "jetson-software-mismatch" in causes:
                causes.sort(key=lambda c: c != "jetson-software-mismatch")
        if causes:
            return causes
    return []


def _server_image(image: Optional[str]) -> bool:
    """Whether an image is built for servers, desktops or generic arm64 rather than for a Jetson."""
    return bool(image) and bool(_SERVER_IMAGE.search(str(image))) and not _JETSON_IMAGE.search(str(image))


def _seat_acl(seen: Observed) -> List[str]:
    """getfacl lines granting a GPU node to a named user other than the pasted session's user."""
    me = {i.user for i in seen.identities if i.user}
    return [a.line for a in seen.acls if re.match(r"/dev/(?:dri|nv)", a.value)
            and a.value.split()[1].split(":")[0] not in me][:1]


def _version_tuple(value: str) -> Tuple[int, ...]:
    """A toolkit version as numbers to compare ("1.18.2-rc.1" is (1, 18, 2))."""
    return tuple(int(p) for p in re.findall(r"\d+", value.split("-")[0])[:3])


def _toolkit_band(seen: Observed) -> str:
    """Which behaviour the pasted toolkit version has (facts sheet §A.2): "gid-0" for 1.18.2, "additional-gids"
    from 1.19.1 on, "" otherwise or unknown, or in legacy mode (the host's own nodes, whatever the version)."""
    if seen.toolkit is None or bool(seen.said("toolkit legacy mode")):
        return ""
    version = _version_tuple(seen.toolkit.value)
    if version == (1, 18, 2):
        return "gid-0"
    return "additional-gids" if version >= (1, 19, 1) else ""


def _group_changed_in_container(seen: Observed) -> List[str]:
    """Lines showing a GPU node's group changed on its way into the container: listed there with GID 0 and no access
    for others (what toolkit 1.18.2 makes; facts sheet §A.2) where the host's listing, if shown, is not GID 0, or
    with another number than the host's listing of the same node."""
    gpu = _gpu_nodes(seen)
    for node in (n for n in gpu if n.where == "container"):
        host = [h for h in gpu if h.path == node.path and h.where != "container"]
        if node.group in ("0", "root") and not node.open_to_all and not any(h.group in ("0", "root") for h in host):
            return [node.line] + [h.line for h in host[:1]]
        inside, outside = decimal(node.group), [decimal(h.group) for h in host]
        if inside is not None and any(gid is not None and gid != inside for gid in outside):
            return [node.line, host[0].line]
    return []


def _crash_without_the_gpu(seen: Observed, line_of: Dict[str, str]) -> List[str]:
    """The crash, the launch and the GPU image's line, where a failure that names nothing but a crash (a segfault)
    comes from a GPU image whose every launch gets no GPU: on a Jetson its libraries and nodes come with the NVIDIA
    runtime (JetPack 4 and 5 mount even CUDA's libraries), and many programs crash rather than say what they lack."""
    crashed = line_of.get("failure-other", "")
    ungiven = [launch for launch in seen.launches if not _gets_gpu(launch, seen) and not _BASE_IMAGE.match(launch.image or "")]
    if _COMPOSE_LOG.match(crashed):  # a compose service's crash: a `docker run` beside it is another container
        ungiven = [launch for launch in ungiven if launch.source == "compose"]
    if not _CRASH.search(crashed) or not ungiven or len(ungiven) < len(seen.launches):
        return []
    gpu_image = [i.line for i in seen.images] + [
        _first_line(launch) for launch in ungiven if launch.image and _GPU_SOFTWARE.search(launch.image)] + [
        s.line for s in seen.jetson if s.kind in ("Tegra-only name", "L4T image") and _IMAGE_NAME.search(s.line)]
    return [crashed, _first_line(ungiven[0]), gpu_image[0]] if gpu_image else []


def _group_kept_in_container(seen: Observed) -> List[str]:
    """Lines listing a GPU node inside the container with a group other than root's: what the toolkit's band would
    make of it (1.18.2's GID 0) did not happen there, as with the host's /dev bound in; the listing decides."""
    return [n.line for n in _gpu_nodes(seen) if n.where == "container" and n.group not in ("0", "root")]


# `groups` or `id` naming a GID the container's /etc/group does not: the process that ran it held that GID.
_NAMELESS_GID_HELD = re.compile(r"\bcannot find name for group ID (\d{1,10})\b")


def _gid_held_then_lost(held_line: str, seen: Observed) -> Optional[Tuple[int, str, str]]:
    """A GID a process of the paste held with no name (the start-up's `groups` says it cannot name it) that a non-root
    session's `id` lacks: (the GID, the line showing it held, the `id` line)."""
    held = _NAMELESS_GID_HELD.search(held_line)
    if held is None:
        return None
    gid = int(held.group(1))
    lacking = [i for i in seen.identities if i.uid != 0 and gid not in i.groups]
    return (gid, held_line, lacking[0].line) if lacking else None


def _root_s_group_inside(seen: Observed) -> List[str]:
    """The lines that show a GPU node given root's group (GID 0, with access for the group) on its way into the
    container (_group_changed_in_container), where only the toolkit can have done it: the NVIDIA runtime or a GPU
    request made the container, not the host's own nodes (-v /dev:/dev, --privileged); no pasted toolkit version says
    otherwise; and the session inside is a user's that does not hold GID 0."""
    session = _sessions(seen)[:1]
    user_without_0 = bool(session) and session[0].uid != 0 and session[0].where == "container" and 0 not in session[0].groups
    toolkit_made = any(_passes_gpu(launch) and not (launch.dev_mount or launch.privileged) for launch in seen.launches)
    changed = _group_changed_in_container(seen) if user_without_0 and toolkit_made else []
    rooted = changed and any(n.line == changed[0] and n.group in ("0", "root") and n.mode & 0o060 for n in seen.nodes)
    return changed if rooted and (seen.toolkit is None or _toolkit_band(seen) == "gid-0") else []


def _gid_added_amiss(seen: Observed) -> Optional[Tuple[Launch, ListedNode, int]]:
    """A launch that adds a GID by number that no GPU node the paste lists by number has, while it does not hold one
    that a node has (992 added, the render node's group 993): the launch, that node and the GID added instead."""
    listed = [n for n in seen.nodes if n.group.isdigit() and re.match(GPU_NODE_PATH, n.path)]
    gids = {decimal(n.group) for n in listed}
    for launch in seen.launches:
        stray = [g for g in launch.numeric_groups if g not in gids]
        missing = [n for n in listed if decimal(n.group) not in launch.held_gids]
        if stray and missing:
            return launch, missing[0], stray[0]
    return None


def _host_gid_held(seen: Observed, launch: Launch) -> bool:
    """Whether the launch holds (as its GID, or one it adds) the GID a listing shows for each GPU node it lists by
    number: holding one node's GID says nothing of another's. Where the paste lists the nodes both outside and inside
    the container, the outside listing is the host's, whose GIDs a launch adds (by number, or by a name the paste
    gives a number); the inside one is what came of them."""
    outside = [n for n in seen.nodes if n.where != "container"]
    listed: Sequence[Optional[int]]
    if outside and len(outside) < len(seen.nodes):  # the host's listing beside the container's: its GIDs, named or not
        listed = [_gid_shown(n.group, seen) for n in outside]
    else:
        listed = [decimal(n.group) for n in seen.nodes if n.group.isdigit()]
    return bool(listed) and None not in listed and all(gid in launch.held_gids for gid in listed)


def _host_render_gid_held(seen: Observed, launch: Launch) -> bool:
    """Whether the launch holds the GID the host's own `id` names render: with no node listed and the render node
    deciding (error 801), that is the node's group on the host (udev's rule gives it the group)."""
    named = [gid for i in seen.identities if i.where != "container" for gid, name in i.names if name == "render"]
    return bool(named) and named[0] in launch.held_gids


# The groups Debian's base-passwd gives a fixed GID on every Debian and Ubuntu system, L4T's included.
_STATIC_GIDS = {"root": 0, "video": 44}


def _gid_shown(group: str, seen: Observed) -> Optional[int]:
    """A listed node's group as a number: printed as one, or a name whose GID a group line or an `id` shows (or a
    group Debian fixes)."""
    number = decimal(group)
    if number is not None:
        return number
    named = [g.gid for g in seen.group_lines if g.name == group]
    named += [gid for identity in seen.identities for gid, name in identity.names if name == group]
    return named[0] if named else _STATIC_GIDS.get(group)


def _image_l4t_conflict(seen: Observed) -> List[str]:
    """An image tagged for one L4T major (r35.1.0) beside a host showing another: the lines that show both. None
    where an image of the host's own major is shown too (a migration story: the old image, then the rebuilt one)."""
    host = [(s.value.split(".")[0], s.line) for s in seen.releases] + _kernel_releases(seen)
    # ... or JetPack named in words, outside any image's name ("Jetson AGX Orin, JetPack 6.0.", not "app:r35-jp5")
    names = [launch.image for launch in seen.launches if launch.image]
    host += [(str(_JETPACK_L4T[m.group(1)]), s.line) for s in seen.jetson
             for m in _JETPACK_NAMED.finditer(functools.reduce(lambda line, name: line.replace(name, " "), names, s.line))]
    majors = {image.value.split(".")[0] for image in seen.images}
    for image in seen.images:
        for major, line in host:
            if major and image.value.split(".")[0] != major and major not in majors:
                return [image.line, line]
    return []


def _driver_older(seen: Observed) -> str:
    """The deviceQuery line when the driver's CUDA version is older than the runtime's."""
    if seen.cuda_versions is None:
        return ""
    driver, runtime = (tuple(int(p) for p in v.split(".")) for v in seen.cuda_versions.value.split(" / "))
    return seen.cuda_versions.line if driver < runtime else ""


# The L4T major a Jetson kernel series belongs to (4.9: R32, 5.10: R34/R35, 5.15: R36, 6.8: R38).
_KERNEL_L4T = {"4.9": "32", "5.10": "35", "5.15": "36", "6.8": "38"}


# A line about another machine than the Jetson: the PC that flashes it, a laptop, a host, a machine compared with.
_ELSEWHERE = re.compile(r"\bsdk\s?manager\b|\bflash(?:es|ed|ing)?\b|\b(?:host|laptop|desktop|workstation|pc|vm)\b|" +
                        ANOTHER_MACHINE.pattern, re.I)


def _kernel_releases(seen: Observed) -> List[Tuple[str, str]]:
    """The L4T majors the Jetson's -tegra kernels shown belong to (_KERNEL_L4T), each with its line."""
    return [(_KERNEL_L4T[m.group(1)], s.line) for s in seen.jetson if s.kind == "kernel"
            for m in [re.match(r"(\d+\.\d+)", s.value)] if m and m.group(1) in _KERNEL_L4T]


def _absent_gpu_node(seen: Observed) -> bool:
    """Whether the paste shows a GPU node (a Tegra, DRM or discrete GPU's) missing."""
    return any(_GPU_DEVICE.match(a.value) for a in seen.absent)


def _held_read_only(seen: Observed) -> List[Tuple[ListedNode, Identity]]:
    """Tegra nodes whose group may only read them (Thor's 0440 /dev/nvmap), each with a non-root `id` in that group."""
    pairs = []
    for node in _gpu_nodes(seen):
        if node.path.startswith("/dev/nv") and node.mode & 0o060 == 0o040 and not node.mode & 0o002:
            gid = decimal(node.group)
            pairs += [(node, i) for i in seen.identities if i.uid != 0 and i.where == node.where and (
                gid in i.groups if gid is not None else node.group in {name for _, name in i.names})]
    return pairs


def _holds_added(identity: Identity, launches: Sequence[Launch]) -> bool:
    """Whether the pasted `id` holds every group the launches add (podman's keep-groups and shell substitutions name no
    group this paste can check). A group added by name is checked by its name; where the `id` prints no names, only by
    count: the session holds at least as many other groups as names were added."""
    names = {name for _, name in identity.names}
    added = {g for launch in launches for g in launch.group_add if g != "keep-groups" and not g.startswith(SHELL_COMPUTED)}
    numbers = {g.lstrip("0") or "0" for g in added if g.isdigit()}
    named = {g for g in added if not g.isdigit()}
    held = {str(g) for g in identity.groups}  # compared as text: a GID of thousands of digits is no int to build
    if not numbers <= held:
        return False
    if names:
        return named <= names
    return len(held - numbers - {str(identity.gid)}) >= len(named)


def _adds_checkable_groups(launches: Sequence[Launch]) -> bool:
    """Whether the launches add a group an `id` can be checked against: not only podman's keep-groups and shell
    substitutions the paste shows no answer for."""
    return any(g != "keep-groups" and not g.startswith(SHELL_COMPUTED) for launch in launches for g in launch.group_add)


def _added_gid_listed_inside(seen: Observed, launches: Sequence[Launch]) -> bool:
    """Whether a GPU node listed inside the container has a group one of the launches adds (by number, or by a name
    the same as the node's group)."""
    added = {(g.lstrip("0") or "0") if g.isdigit() else g for launch in launches for g in launch.group_add}
    return any(node.group in added for node in _gpu_nodes(seen) if node.where == "container")


def _denied_lines(seen: Observed, kind: str) -> List[str]:
    return [n.line for n in seen.nodes if kind in n.path][:1] + [i.line for i in _sessions(seen)[:1]]


def _host_cuda_unfound(seen: Observed, line_of: Dict[str, str], jetson: bool, container: str) -> str:
    """The build error that says CUDA_HOME is not set, in an image build on a release whose images get CUDA itself from
    the host through the NVIDIA runtime (_cuda_from_host): the runtime was not there; "" otherwise."""
    line = line_of.get("build-error", "")
    return line if jetson and container and _cuda_from_host(_l4t_major(seen)) and "cuda_home" in line.lower() else ""


def _cuda_from_host(major: Optional[int]) -> bool:
    """Whether a container on this L4T major gets CUDA's own libraries (_CUDA_STACK) from the host through the
    runtime: up to R32 (JetPack 4) it does; from R34 the image brings its own, and only the driver (libcuda, the
    Tegra libraries) is mounted (jetson-containers' l4t_version.py picks l4t-base for R32 and l4t-jetpack or
    ubuntu from R34; NVIDIA's forum reply on CDI mounts, forums.developer.nvidia.com/t/268191: the mounted
    libraries are the hardware-dependent ones, "rather than the user space libs like CUDA"; Medium). With no
    release shown: either could be."""
    return major is None or major <= 32


def _l4t_major(seen: Observed) -> Optional[int]:
    """The L4T major the paste shows: its release, or else the newest JetPack lines name in words (JetPack 6.0 is R36),
    or else the one release the L4T images it uses are tagged for, where no Orin, Thor or R36 software is shown (an
    image of one major runs on a host of that major: `FROM l4t-pytorch:r32.4.4` on a Xavier is JetPack 4), or else the
    newest one its module runs (a Xavier runs R35 at most: every test made here is "before R36?"), or else the one its
    -tegra kernel belongs to, or else R36 where a Jetson's system is R36's (Ubuntu 22.04 or later)."""
    shown = _l4t_of(seen.l4t or "")
    if shown is not None:
        return shown
    named = [_JETPACK_L4T[m.group(1)] for s in seen.jetson for m in _JETPACK_NAMED.finditer(s.line)]
    ceiling = _module_ceiling(seen)
    if named:  # several: the newest the module runs ("after upgrading from JetPack 5.1 to 6.0"; upgrades go forward)
        return max([major for major in named if ceiling is None or major <= ceiling[0]] or named)
    imaged = {_l4t_of(s.value) for s in seen.images} - {None}
    only = imaged.pop() if len(imaged) == 1 else None
    # (not where the paste shows an Orin or Thor, or R36's software: their hosts outgrow old images, which still run)
    newer = any(_NEWER_FAMILY.search(s.line) for s in seen.jetson) or _shows_r36_software(seen)
    if only is not None and not newer and (ceiling is None or only <= ceiling[0]):
        return only
    if ceiling:
        return ceiling[0]
    # (else the Jetson's kernel, or a system that is R36's, Ubuntu 22.04 or later, said of no other machine and not
    # asked about: JetPack 5 has neither)
    kernels = {int(major) for major, _ in _kernel_releases(seen)}
    if len(kernels) == 1:
        return kernels.pop()
    system = [line for line in seen.said("R36 system") if "?" not in line and not _ELSEWHERE.search(line)] \
        if seen.jetson and not imaged and not kernels else []
    return 36 if system else None


def _shows_r36_software(seen: Observed) -> bool:
    """Whether the paste shows software only L4T R36 and later run: its system (Ubuntu 22.04 or later, a 5.15 -tegra
    kernel), or CUDA 12 or later."""
    return bool(seen.said("R36 system") or seen.said("CUDA 12 or later"))


def _release_lines(seen: Observed) -> List[str]:
    """The line that shows the release: the release line, or else the line that names the JetPack in words, or else
    the line naming a module whose last release is before R36."""
    if seen.releases:
        return [seen.releases[0].line]
    named = [s.line for s in seen.jetson if _JETPACK_NAMED.search(s.line)][:1]
    ceiling = _module_ceiling(seen)
    return named or ([ceiling[1]] if ceiling else [])


def _module_ceiling(seen: Observed) -> Optional[Tuple[int, str]]:
    """The newest L4T major the paste's Jetson module runs, with the line naming it (data/l4t_jetpack.json
    last_release); none when no module of the machine itself is named, or the paste shows a newer one: a newer family
    named anywhere (an Orin in a Xavier carrier), R36 software (Ubuntu 22.04, CUDA 12), an image for R36 or later."""
    table = data.load("l4t_jetpack")
    families = [(family, s.line) for s in seen.jetson if s.kind in ("model", "SoC") and _names_the_host(s)
                for family in [_module_family(table["socs"].get(s.value.lower().replace("nvidia,", ""), s.value))]]
    newer = any(_NEWER_FAMILY.search(s.line) for s in seen.jetson) or _shows_r36_software(seen) \
        or any((_l4t_of(image.value) or 0) >= 36 for image in seen.images)
    if not families or newer or any(family is None for family, _ in families):
        return None
    majors = table["last_release"]["modules"]
    major, line = max((majors[family]["major"], line) for family, line in families)
    return major, line


def _names_the_host(sign: Sighting) -> bool:
    """A model or SoC name that is the machine's own: not part of an image's name (`detector:jetson-xavier-nx`), nor
    the SoC prefix of a driver's name (`tegra194-pcie`, `tegra210-admaif`), which later SoCs reuse, nor a board the line
    asks about, compares with or replaced (_ANOTHER_BOARD)."""
    at = sign.line.find(sign.value)
    before, after = sign.line[at - 1:at] if at > 0 else "", sign.line[at + len(sign.value):at + len(sign.value) + 1]
    return at < 0 or not (before in (":", "/") or (sign.kind == "SoC" and after in ("-", "_"))
                          or _ANOTHER_BOARD.search(sign.line))


def _l4t_of(release: str) -> Optional[int]:
    """The major of an L4T release ("36.4.0" is 36); none for one that is not a number."""
    head = release.split(".", 1)[0]
    return int(head) if head.isdigit() else None


def _module_family(name: str) -> Optional[str]:
    """The family of data/l4t_jetpack.json's last_release a model or SoC name is in; none for a newer one."""
    if _NEWER_FAMILY.search(name):
        return None
    found = _OLDER_FAMILY.search(name)
    return _FAMILY_NAMES[found.group(0).lower()] if found else None


# Families by the start of a word ("jetson_nano" too); a newer family named outranks an older one ("Orin Nano"), and
# so do the names people shorten an Orin Nano to ("Jetson Nano Super", "Nano 8GB": the first Nano had 2 or 4 GB).
_NEWER_FAMILY = re.compile(r"(?<![a-z])(?:orin|thor|igx|super\b|nano[\s-]*8\s*gb)", re.I)
_OLDER_FAMILY = re.compile(r"(?<![a-z])(?:nano|tx1|tx2|xavier|tegra x[12])", re.I)
# A board the paste asks about, compares with or no longer uses: not the machine that fails.
_ANOTHER_BOARD = re.compile(r"\?|\b(?:replac\w*|old|older|previous|former|used to|instead of|other|another|vs\.?|versus|"
                            r"compared)\b", re.I)
_FAMILY_NAMES = {"nano": "Nano", "tx1": "TX1", "tx2": "TX2", "xavier": "Xavier", "tegra x1": "TX1", "tegra x2": "TX2"}


def _releases_named(line: str) -> Set[int]:
    """The L4T majors a line names, by JetPack ("JetPack 6", "JP7.2") or by release tag ("r36.4", "`r39`")."""
    return {_JETPACK_L4T[m.group(1)] for m in _JETPACK_NAMED.finditer(line)} | {
        int(m.group(1)) for m in _RELEASE_TAG.finditer(line)}


_IMAGE_ON_HOST = re.compile(r"\b(?:image|container|wheel|build|built)\b[^\n]{0,120}?\b(?:on|with|against|under)\s+"
                            r"(?:the\s+|a\s+|my\s+|its\s+)?(?:[\w.`()-]{0,24}\s*(?:driver|host|kernel|bsp)\b|"
                            r"(?:jetpack|jp|l4t)\s*v?\d)", re.I)
_UPGRADE_SAID = re.compile(r"\b(?:upgrad|updat|migrat|reflash|flashed|moved? (?:from|to)|worked (?:on|with|fine)|"
                           r"used to|since)", re.I)
_RELEASE_TAG = re.compile(r"(?<![\w.])[rR](2[89]|3\d)(?:\.\d{1,2}){0,2}(?![\w.])")
# JetPack named in prose ("JetPack 6.0", "JP 5.1.2") and the L4T major of each JetPack major (the L4T table).
_JETPACK_NAMED = re.compile(r"\b(?:jetpack|jp)[\s-]?v?([4-7])(?:\.\d+){0,2}\b", re.I)
_JETPACK_L4T = {"4": 32, "5": 35, "6": 36, "7": 38}


# ---- the question ----

NOT_THIS_PROBLEM = ("not-gpu-access", "x86-discrete-gpu")
PERMISSION_CAUSES = ("render-node-denied", "tegra-nodes-denied", "login-drops-runtime-groups", "seat-acl-only",
                     "uid-gid-launch")

_STAT = "stat -c '%a %u:%g %n' /dev/nvmap /dev/dri/renderD*; id"


# Its answers come from data/toolkit.json, read on first use (_question), as every table is.
_TOOLKIT_QUESTION = Question(
    "Which container toolkit is installed, and with which mode?",
    "dpkg -l nvidia-container-toolkit libnvidia-container-tools; grep -n mode /etc/nvidia-container-runtime/config.toml",
    ())


# On a PC no band of Jetson nodes applies: the mode says where the container's driver files come from. (NVIDIA's
# container toolkit guide, "Support for Container Device Interface": a CDI spec is generated again after the driver
# changes; the fact sheet: auto mode off a Tegra is jit-cdi from 1.18.0 on; legacy mode's hook finds the driver by NVML.)
_PC_TOOLKIT_ANSWERS = (
    ('mode = "cdi", or devices asked for by CDI names (nvidia.com/gpu=all)', "the container gets what the spec in "
     "/etc/cdi or /var/run/cdi lists: one generated before the driver last changed names files that are gone; generate it "
     "again (nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml)"),
    ('mode = "auto" from toolkit 1.18 on', "the runtime writes the container's CDI spec as it starts (jit-cdi), from the "
     "driver it finds: where nvidia-smi fails on the host, the driver is what fails (x86-discrete-gpu)"),
    ('mode = "legacy", or "auto" before 1.18', "the runtime's hook (nvidia-container-cli) finds the driver through NVML: "
     "where nvidia-smi fails on the host, the driver is what fails (x86-discrete-gpu)"),
)


def _band_answers() -> Tuple[Tuple[str, str], ...]:
    """What each toolkit band of data/toolkit.json makes of the nodes, and legacy mode, which mounts the host's own:
    the answers diagnose, plan --toolkit and the docs give, from the same rows."""
    legacy = toolkit.path_row("bind-mounted")
    return tuple((band.label, "nodes {}; a non-root user needs {} ({})".format(band.nodes, band.non_root_needs,
                                                                          band.certainty))
                 for band in toolkit.bands()) + (
        ('mode = "legacy", any version', "{}: the host's groups decide, as outside the container ({})".format(
            legacy["carries"], legacy["certainty"])),)


_SYSTEM_QUESTION = Question(
    "Which system is this: a Jetson (which L4T release) or a PC with a discrete GPU?",
    "cat /etc/nv_tegra_release; uname -m",
    (("a '# R3x (release)' line", "a Jetson: then the GPU nodes decide (render-node-denied, tegra-nodes-denied)"),
     ("x86_64 and no release file", "x86-discrete-gpu")))

_NODES_QUESTION = Question(
    "Are the GPU nodes in the container at all?",
    "ls -ln /dev/nvmap /dev/dri/   # inside the container; and: docker inspect -f '{{.HostConfig.Runtime}}' CONTAINER",
    (("No such file or directory", "nodes-missing-in-container (start it with --runtime nvidia)"),
     ("the nodes are listed, for a user other than root", "a permission problem: render-node-denied or "
      "tegra-nodes-denied"),
     ("the nodes are listed, and the failing process is root", "the software: jetson-software-mismatch")))

_LAUNCH_USER_QUESTION = Question(
    "How was the container started: as a numeric uid:gid, or as a user the image knows?",
    "docker inspect -f '{{.Config.User}} {{.HostConfig.GroupAdd}}' CONTAINER   # podman inspect works the same",
    (("a numeric uid:gid such as 1000:1000", "uid-gid-launch: the image's group memberships do not apply; add the "
      "GIDs with --group-add"),
     ("a name, or a bare uid", "not the launch: the image's /etc/group decides (render-node-denied)")))

_SEAT_QUESTION = Question(
    "Does it work only while someone is logged in at the desktop?",
    "loginctl list-sessions; getfacl /dev/dri/renderD128",
    (("the node's ACL names the desktop user, not this one", "seat-acl-only: give the session the node's group"),
     ("no ACL entry, and the group lacks this user", "render-node-denied")))

_GROUP_QUESTION = Question(
    "Does the failing session hold the group of the node it is denied? Run both in the session that fails, "
    "inside the container, and the stat on the host too.",
    _STAT,
    (("the node's GID is in the container's /etc/group and id lists it", "not a group problem: toolkit-band or software"),
     ("id lacks the GID, and the container was started with --group-add it", "login-drops-runtime-groups"),
     ("id lacks the GID, and the container's /etc/group has no group with it (or render has another number)",
      "render-node-denied (renderD*) or tegra-nodes-denied (nvmap)"),
     ("the GID differs between the host and the container", "toolkit-band (the toolkit's version decides it)")))
# The same, where the paste runs no container: the session's own groups and the system's /etc/group.
_GROUP_QUESTION_NO_CONTAINER = Question(
    "Does the failing session hold the group of the node it is denied? Run both in the session that fails.",
    _STAT,
    (("id lists the node's GID", "not a group problem: the seat's ACL or the software"),
     ("id lacks the GID, and /etc/group lists the user in that group", "the session started before the membership was "
      "added: log in again"),
     ("id lacks the GID, and /etc/group does not list the user in it",
      "render-node-denied (renderD*) or tegra-nodes-denied (nvmap)")))

# The question of a family whose message leaves its cause open whatever the system: the scheduler's, before any
# container starts.
_FAMILY_QUESTIONS: Dict[str, Question] = {
    "gpu-unschedulable": Question(
        "Does any node advertise a GPU, and are they all taken? Run this for a node that should have one.",
        "kubectl describe node NODE | grep -A8 -E '^(Capacity|Allocatable|Allocated resources):'; "
        "kubectl get pods -A | grep -i nvidia-device-plugin   # then its log: kubectl logs -n NAMESPACE POD",
        (("Allocatable lists no nvidia.com/gpu, or 0", "the device plugin advertises none: its log names why "
          "(x86-discrete-gpu on a PC's node: NVML, the runtime, the driver; nodes-missing-in-container on a Jetson)"),
         ("Allocated nvidia.com/gpu equals Allocatable on every node", "every GPU is taken by other pods, or the pod "
          "asks for more than a node has: not-gpu-access (capacity)"))),
}


# Each question with the causes its answers tell apart.
QUESTIONS: Tuple[Tuple[Tuple[str, ...], Question], ...] = (
    (("unknown", "x86-discrete-gpu", "jetson-software-mismatch"), _SYSTEM_QUESTION),
    (("nodes-missing-in-container",), _NODES_QUESTION),
    (("uid-gid-launch",), _LAUNCH_USER_QUESTION),
    (("seat-acl-only",), _SEAT_QUESTION),
    (("login-drops-runtime-groups", "render-node-denied", "tegra-nodes-denied", "uid-gid-launch", "seat-acl-only"),
     _GROUP_QUESTION),
    (("toolkit-band",), _TOOLKIT_QUESTION),
)


# When every listed node is open to all users, no group decides: whether root fails too separates the software (or a
# sandbox hiding what CUDA needs, facts sheet §5) from something that singles out this user.
_OPEN_TO_ALL = Question(
    "The GPU nodes are open to every user here: does the same command fail as root, in the same place?",
    "sudo -E <the failing command>   # or: docker exec -u 0 CONTAINER <the failing command>; and cat /etc/nv_tegra_release",
    (("it fails as root too", "jetson-software-mismatch (CUDA and the L4T release do not match), or a sandbox that hides "
      "paths CUDA needs"),
     ("root succeeds", "a node the listing did not show, or a file the program needs that only root may read")))


# When the pasted `id` holds every listed node's group, what is left is whether that `id` is the failing session's,
# asked in a container when the paste runs one, and on the machine itself when it does not.
_SAME_SESSION = {
    True: Question(
        "The pasted `id` holds the GPU nodes' groups: was it taken in the session that fails, and does that session "
        "see every node? Run this there (inside the container, through the same login), and the dpkg on the host.",
        "id; ls -ln /dev/nvmap /dev/nvhost-ctrl* /dev/dri/; dpkg -l nvidia-container-toolkit   # the last on the host",
        (("id there lacks a GID the pasted `id` holds", "login-drops-runtime-groups (the pasted `id` was another "
          "session's), or render-node-denied when nothing adds that GID"),
         ("a node is missing there", "nodes-missing-in-container"),
         ("a node's GID there differs from the host's", "toolkit-band (the toolkit's version decides it)"),
         ("every node is there and id holds its GID", "not a group problem: jetson-software-mismatch (compare the "
          "image's L4T release with the host's)"))),
    False: Question(
        "The pasted `id` holds the GPU nodes' groups: was it taken as the user, and through the login, that fails "
        "(a service, SSH, sudo)? Run this in that session.",
        "id; ls -ln /dev/nvmap /dev/nvhost-ctrl* /dev/dri/",
        (("id there lacks a GID the pasted `id` holds", "render-node-denied (renderD*) or tegra-nodes-denied (nvmap) "
          "for that session: give its user the group"),
         ("a node is missing", "jetson-software-mismatch (the release's driver does not create it)"),
         ("every node is there and id holds its GID", "not a group problem: jetson-software-mismatch (CUDA and the "
          "L4T release do not match)"))),
}


# When the paste shows no failure the reading can weigh, the first thing to learn is what fails, as its session prints it.
_WHAT_FAILS = Question(
    "What exactly fails, in the words the program prints? Run the failing command as the user and through the login "
    "that fail, and paste its last lines with the session's groups.",
    "id; <the failing command> 2>&1 | tail -n 20",
    (("a CUDA error at start-up (801, 999, 100, 'no CUDA-capable device')", "a permission or node cause: the GPU "
      "nodes and the session's groups decide (render-node-denied, tegra-nodes-denied, nodes-missing-in-container)"),
     ("the same error as root", "not a permission cause: jetson-software-mismatch"),
     ("no CUDA or driver error, only the program's own message", "not-gpu-access")))


def _question(cause: Cause, seen: Observed, families: Sequence[str] = ()) -> Optional[Question]:
    """The question covering the top cause and the most of the hypotheses still open; none when the paste
    already shows that this is not the Jetson GPU-access problem. A family left undecided may ask its own."""
    own = next((_FAMILY_QUESTIONS[family] for family in families if family in _FAMILY_QUESTIONS), None)
    if own is not None and cause.id == "unknown":
        return own
    if seen.cuda_true is not None and bool(seen.said("solved")):
        return None  # solved, and CUDA shown working: nothing is left to decide
    if cause.assumption:  # the system was assumed: which one it is decides between the two readings
        return _render_only(_system_question(cause), cause)
    if cause.id == "unknown" and not cause.why.evidence:  # nothing failing shown: no node is worth asking about yet
        return _WHAT_FAILS
    if cause.id in NOT_THIS_PROBLEM and not cause.why.assumed and "assumed" not in cause.why.text:
        return None
    if cause.ruled_by in ("nodes-open-to-all", "nodes-made-for-the-user"):
        return _OPEN_TO_ALL
    if cause.ruled_by in ("render-node-held", "tegra-nodes-held"):
        return _on_release(_SAME_SESSION[_runs_in_container(seen)], seen)
    open_now = {cause.id, *cause.also_possible}
    # (a question whose answer the paste shows would waste the reply: the platform, the launch's user, the nodes, ...)
    # (nor one that bears on no hypothesis still open)
    asked = [entry for entry in QUESTIONS if not _answered(entry[1], seen) and open_now & set(entry[0])]
    if not asked:
        return None
    # The most specific question that covers the top cause and the hypotheses still open.
    best = max(asked, key=lambda entry: (cause.id in entry[0],
                                         len(open_now & set(entry[0])) - len(set(entry[0]) - open_now)))[1]
    if best is _TOOLKIT_QUESTION:
        best = Question(best.ask, best.command, _PC_TOOLKIT_ANSWERS if seen.x86 and not seen.jetson else _band_answers())
    if best is _GROUP_QUESTION and (not (_runs_in_container(seen) or seen.launches or seen.execs)
                                    or _fails_outside_the_container(seen)):
        best = _GROUP_QUESTION_NO_CONTAINER
    if best is _SEAT_QUESTION and cause.id == "seat-acl-only" and any(_seat_in(line) for line in cause.why.evidence):
        # the paste says in words the seat is the difference: confirm it
        best = Question("The paste says it works with a desktop login and not without one: does the render node's ACL "
                        "name the desktop user, and not this one?", best.command, best.answers)
    return _render_only(_on_release(best, seen), cause)


def _answered(question: Question, seen: Observed) -> bool:
    """Whether the paste already shows what the question asks for: the system, the nodes inside the container (listed
    or said missing), the launch's user, the node's ACL, the nodes' groups beside the session's `id`, the toolkit."""
    gpu_nodes = [n for n in seen.nodes if re.match(GPU_NODE_PATH, n.path)]
    named = {g.name for g in seen.group_lines}
    shown = {
        _SYSTEM_QUESTION: bool(seen.jetson or seen.x86),
        _NODES_QUESTION: any(n.where == "container" for n in gpu_nodes) or _absent_gpu_node(seen)
        or bool(_gpus_alone_refused(seen)),
        _LAUNCH_USER_QUESTION: any(launch.user for launch in seen.launches),
        _SEAT_QUESTION: bool(seen.acls),
        # (the nodes' groups by number, by a name a group line gives its number, or by name where no container puts
        # the listing and the session in two group databases, beside the session's groups)
        _GROUP_QUESTION: bool(gpu_nodes and seen.identities) and (
            all(n.group.isdigit() or n.group in named for n in gpu_nodes)
            or not (seen.launches or seen.execs or any(n.where == "container" for n in gpu_nodes))),
        # (the version alone leaves the mode, which decides as much: legacy mounts the host's own nodes)
        _TOOLKIT_QUESTION: seen.toolkit is not None and bool(seen.said("toolkit legacy mode")),
    }
    return shown.get(question, False)


def _render_only(question: Question, cause: Cause) -> Question:
    """The question without Tegra's memory node where no reading still open involves it (the image lacks its render
    group by name): asking for /dev/nvmap there would name a Jetson node the paste gives no reason to look at."""
    if cause.id != "render-node-denied" or "tegra-nodes-denied" in (cause.otherwise,) + cause.also_possible:
        return question
    answers = tuple((shown, meaning.replace(" (renderD*) or tegra-nodes-denied (nvmap)", ""))
                    for shown, meaning in question.answers)
    return Question(question.ask, question.command.replace(" /dev/nvmap", ""), answers)


def _on_release(question: Question, seen: Observed) -> Question:
    """The question as the paste's release needs it: before L4T R36 CUDA opens no render node (data/devices.json),
    so a question there lists the Tegra nodes only (unless the paste shows another system on R36 or later)."""
    major = _l4t_major(seen)
    newer = any((_l4t_of(release.value) or 0) >= 36 for release in seen.releases)  # a second system of JetPack 6 or later
    if major is None or major >= 36 or newer:
        return question
    command = question.command.replace(" /dev/dri/renderD*", "").replace(" /dev/dri/", "")
    answers = tuple((shown.replace("or render has another number", "or video has another number"),
                     meaning.replace("render-node-denied (renderD*) or ", "").replace("render-node-denied or ", ""))
                    for shown, meaning in question.answers)
    return Question(question.ask, command, answers)


def _system_question(cause: Cause) -> Question:
    """Which system the paste came from, asked with what each answer means; when the Jetson reading is a
    permission cause, the same command also lists the nodes and groups that tell those causes apart."""
    on_jetson, on_pc = (cause.id, cause.otherwise) if cause.assumed_system == "jetson" else (cause.otherwise, cause.id)
    ask = "Which system is this: a Jetson (which L4T release) or a PC with a discrete GPU? The reading above assumes " \
          "{}.".format(PLATFORM_NAMES[cause.assumed_system])
    platform = _SYSTEM_QUESTION
    permission = _GROUP_QUESTION
    if on_jetson in PERMISSION_CAUSES and cause.assumed_system == "jetson":  # a PC read first is asked no Tegra node
        return Question(ask + " On a Jetson, run the rest in the session that fails, inside the container.",
                        platform.command + "; " + permission.command,
                        (("x86_64 and no release file: a PC", on_pc),) + tuple(
                            ("a release line, and " + answer, meaning) for answer, meaning in permission.answers))
    return Question(ask, platform.command, (("a '# R3x (release)' line: a Jetson", on_jetson),
                                            ("x86_64 and no release file: a PC", on_pc)))


# ---- output ----


# A line of a launch that sets what launch_summary reports: the user, runtime, groups, devices, GPUs, privileges, /dev.
_LAUNCH_OPTION_LINE = re.compile(r"[\"']?\b(?:user|runtime|group_?add|devices?|gpus|privileged|cap_?add|security_?opt|"
                                 r"volumes|binds)[\"']?\s*[:=]|--(?:user|runtime|group-add|device|gpus|privileged)\b|"
                                 r"(?<![\w-])-u[\s=]|/dev:/dev", re.I)


def _launch_evidence(launch: Launch) -> Tuple[str, ...]:
    """The lines a launch's statement rests on: its first, and each of its lines that sets what the summary reports
    (a compose file's `user:`, an inspect's "GroupAdd"), not a header alone."""
    lines = [line for line in launch.text.split("\n") if line.strip()]
    options = [line for line in lines[1:] if _LAUNCH_OPTION_LINE.search(line)]
    return tuple(dict.fromkeys(lines[:1] + options[:8]))


def launch_summary(launch: Launch) -> str:
    """One line of what a container launch grants; group-adds are what an SSH login loses."""
    parts = ["{}: {}".format(name, ", ".join(values)) for name, values in (
        ("group-add", launch.group_add), ("devices", launch.devices), ("cap-add", launch.cap_add),
        ("security-opt", launch.security_opt)) if values]
    parts += [text for text, present in (("user " + str(launch.user), launch.user), ("runtime " + str(launch.runtime),
              launch.runtime), ("gpus " + str(launch.gpus), launch.gpus), ("privileged", launch.privileged),
              ("the host's /dev bound in", launch.dev_mount)) if present]
    name = launch.source + (" service " + launch.service if launch.service else "") + (
        " of " + launch.image if launch.image else "")
    summary = "{} ({})".format(name, "; ".join(parts) if parts else "no GPU-related options")
    if launch.command:
        summary += ", running `{}` inside".format(" ".join(launch.command)[:120])
    if launch.group_add:
        summary += ": the group-adds reach the container's main process, not SSH logins into it (nor podman exec -u)"
    return summary


# What a meaning says of one system only: a clause that opens with "on a Jetson" or "on a PC", where a clause opens
# (the meaning's start, or after "(", "; ", ": " or ". "), and a Jetson's own parts named anywhere.
_SAID_OF = {"jetson": re.compile(r"\bon an? PC\b", re.I), "pc": re.compile(r"\bon an? Jetson\b", re.I)}
_A_JETSON_S_OWN = re.compile(r"\bjet(?:son|pack)|\bl4t\b|\btegra\b|nvmap|nvhost|\bthor\b", re.I)
# What is printed where no meaning of a family is left on the system read.
_NONE_ON = {"pc": "on a PC with a discrete GPU: see the cause above; the integrated-GPU explanations do not apply",
            "jetson": "on a Jetson: see the cause above; the discrete-GPU explanations do not apply"}


def _clause_end(text: str, at: int) -> int:
    """Where the clause that runs from ``at`` ends: before "; " or ". " outside brackets, or before the ")" that
    closes the bracket it stands in, or at the end."""
    depth = 0
    for i in range(at, len(text)):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if not depth:
                return i
            depth -= 1
        elif not depth and text.startswith(("; ", ". "), i):
            return i
    return len(text)


def _without_clauses_of(meaning: str, other: Pattern[str]) -> Optional[str]:
    """``meaning`` without its clauses said of the other system (``other`` finds their opening words); None where the
    whole meaning is the other system's ("on a PC: ...")."""
    at = 0
    while True:
        hit = other.search(meaning, at)
        if hit is None:
            return meaning.strip()
        start, end = hit.start(), _clause_end(meaning, hit.end())
        before = meaning[:start]
        if not start:
            return None
        if before.endswith("("):  # "(on a Jetson: ...)", or "(on a Jetson, ...; ...)": the bracket or the clause
            closed = end < len(meaning) and meaning[end] == ")"
            meaning = (before[:-1].rstrip() + meaning[end + 1:]) if closed else before + meaning[end + 2:]
        elif before.endswith("; "):  # "...; on a PC, ...": the clause and the "; " that joined it
            meaning = before[:-2] + meaning[end:]
        elif before.endswith((": ", ". ")):  # a clause or sentence that leads: it, and the "; " or ". " after it
            rest = meaning[end + 2:] if meaning.startswith(("; ", ". "), end) else ""
            if rest and before.endswith(". "):
                rest = rest[0].upper() + rest[1:]
            meaning = before + rest if rest else before[:-2] + meaning[end:]
        else:
            at = hit.end()  # (words that run on: "an x86 build on a PC")
            continue
        at = max(0, len(before) - 2)


def meanings_on(meanings: Sequence[str], system: str) -> List[str]:
    """A family's meanings as they read on ``system`` (``jetson`` or ``pc``, as the paste shows it; empty where it
    shows none, and every meaning stays, each said as a condition): what a meaning says of the other system is left
    out, and on a PC so is a meaning that names a Jetson's own parts. Where nothing is left, a line that says so."""
    if system not in _SAID_OF:
        return list(meanings)
    kept = [m for m in (_without_clauses_of(meaning, _SAID_OF[system]) for meaning in meanings) if m]
    if system == "pc":
        kept = [m for m in kept if not _A_JETSON_S_OWN.search(m)]
    return kept or [_NONE_ON[system]]


def _system_read(result: Explanation) -> str:
    """The system a reading's meanings are printed for: the PC its cause names, or the one the paste shows."""
    return "pc" if result.cause.id == "x86-discrete-gpu" else shown_platform(result.observed)[0]


def _evidence_text(statement: Statement) -> str:
    if statement.assumed:
        return "assumed"
    return "seen: " + " | ".join(line[:160] for line in statement.evidence)


def render_text(result: Explanation) -> str:
    out = ["Cause: {} ({})".format(result.cause.id, result.cause.why.text),
           "    " + _evidence_text(result.cause.why)]
    if result.cause.also_possible:
        out.append("    not ruled out: " + ", ".join(result.cause.also_possible))
    out.append("")
    if result.systems:
        out += ["The paste mixes systems:"] + ["    " + s for s in result.systems] + [""]
    out.append("What the paste shows:")
    system = _system_read(result)
    for statement in result.statements:
        out.append("    " + statement.text)
        out.append("        " + _evidence_text(statement))
    if not result.matches:
        out += ["", "No known error signature found in the text."]
    else:
        out.append("")
        for match in result.matches:
            out.append("{}  ({})".format(match.signature, match.id))
            out.append("    seen: " + match.line)
            out += ["    likely: " + cause for cause in meanings_on(match.causes, system)]
            out.append("    read: docs/{}{}".format(match.docs, "; runbook: " + match.runbook if match.runbook else ""))
    if result.question is not None:
        out += ["", "The question that decides it: " + result.question.ask, "    " + result.question.command]
        out += ["    if {}: {}".format(answer, meaning) for answer, meaning in result.question.answers]
    return scrub("\n".join(out)) + "\n"


def _quote(line: str, said: str, width: int = 160) -> str:
    """The part of an evidence line a reply quotes: all of it when short, else the stretch around the first word of
    the statement it holds (the fact the statement takes from it), marked where cut."""
    line = line.replace("`", "'")
    if len(line) <= width:
        return line
    words = [w for w in re.findall(r"[\w./-]{4,}", said) if w in line]
    at = max(0, line.index(words[0]) - width // 4) if words else 0
    return ("\u2026" if at else "") + line[at:at + width] + ("\u2026" if at + width < len(line) else "")


def render_markdown(result: Explanation) -> str:
    """A reply a maintainer can paste into the issue: what the output shows, and the one question to answer."""
    out = ["Thanks for the report. What the output shows:", ""]
    if not result.matches:
        out.append("- no known error signature.")
    if result.systems:
        out.append("- the output comes from {} systems; I read each on its own: {}.".format(
            len(result.systems), "; ".join(result.systems)))
    for statement in result.statements:
        if statement.assumed:
            out.append("- (assumed, please confirm) {}".format(statement.text))
        else:
            out.append("- {} (from `{}`)".format(statement.text, _quote(statement.evidence[0], statement.text)))
    out += ["", "Most likely cause: **{}**: {}.".format(result.cause.id, result.cause.why.text)]
    if result.cause.id in NOT_THIS_PROBLEM and result.question is None:
        # (a PC's errors are read by the families' meanings for a Jetson: its reply names no fix of theirs)
        on_a_pc = shown_platform(result.observed)[0] == "pc"
        meanings = [m for m in result.matches if m.causes] if result.cause.id == "not-gpu-access" and not on_a_pc else []
        out.append("This is not the Jetson GPU-access problem (a non-root user denied the GPU nodes); the fix lies "
                   "elsewhere{}".format(", in what the errors mean:" if meanings else "."))
        system = _system_read(result)
        out += ["- `{}`: {}".format(m.signature.replace("`", "'"), meanings_on(m.causes, system)[0]) for m in meanings]
    if result.cause.also_possible:
        out.append("Not ruled out yet: {}.".format(", ".join(result.cause.also_possible)))
    if result.question is not None:
        out += ["", "Could you run this and paste the output? " + result.question.ask, "", "```bash", result.question.command,
                "```", "", "What the answer will tell:"]
        out += ["- if {}: {}".format(answer, meaning) for answer, meaning in result.question.answers]
    return scrub("\n".join(out)) + "\n"


def to_jsonable(result: Explanation) -> object:
    """The JSON form, with every never-shown GID replaced by null."""
    from .serde import to_jsonable as generic

    def clean(value: object) -> object:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items()}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and PLACEHOLDER_GID <= value < PLACEHOLDER_GID + 10**6:
            return None
        if isinstance(value, str):
            return scrub(value)
        return value

    return clean(generic(result))


def read_input(argument: str) -> Tuple[str, Optional[str]]:
    """The text to explain (a file, - for standard input, or the argument itself) and a note for the reader: when
    the input was longer than :data:`INPUT_LIMIT` (of a file its start and its last :data:`INPUT_TAIL` bytes are read,
    where a log puts its error), or when an argument that looks like a file's name names none.

    A file goes through the safe reader (regular files only: a FIFO or a directory is an
    InputError, exit code 2); standard input is read up to the same limit. A byte-order mark decides the encoding
    (PowerShell's `>` writes UTF-16).
    """
    if argument == "-":
        stream = getattr(sys.stdin, "buffer", None)
        raw = stream.read(INPUT_LIMIT + 1) if stream is not None else sys.stdin.read(INPUT_LIMIT + 1)
        cut = len(raw) > INPUT_LIMIT
        text = _decode_paste(raw[:INPUT_LIMIT]) if isinstance(raw, bytes) else raw[:INPUT_LIMIT]
        return text, "standard input is longer than {} MiB: only its start was read".format(INPUT_LIMIT >> 20) if cut else None
    if "\n" in argument or not os.path.lexists(argument):
        looks_like_file = not re.search(r"\s", argument) and bool(re.search(r"\.(?:txt|log|md|out|json|ya?ml)$", argument))
        return argument, ("no file named {}: the argument itself was read as the text".format(argument)
                          if looks_like_file else None)
    try:
        content = read_file(argument, INPUT_LIMIT, "pass a saved file, or - to read standard input", INPUT_TAIL)
    except OSError as error:
        raise InputError(argument, "cannot be read ({})".format(error.strerror or error), "check the path") from None
    if not content.truncated or len(content.data) + len(content.tail) >= content.size:  # the end read covers the rest
        return _decode_paste(content.data + content.tail), None
    note = "{}: {}; the rest was not read".format(argument, content.describe())
    encoding = _encoding(content.data)
    tail = content.tail
    if encoding.startswith("utf-16") and (content.size - len(tail)) % 2:
        tail = tail[1:]  # start the end on a character of two bytes
    return _decode_paste(content.data) + "\n" + tail.decode(encoding, "replace").split("\n", 1)[-1], note


INPUT_TAIL = 1 << 20  # the end of a cut file that is read too: error signatures are looked for in a paste's last MiB
_BOMS = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


def _encoding(data: bytes) -> str:
    """The encoding a pasted file's byte-order mark names; UTF-8 without one."""
    return next((encoding for mark, encoding in _BOMS if data.startswith(mark)), "utf-8")


def _decode_paste(data: bytes) -> str:
    """A pasted file's text: by its byte-order mark where it has one, else UTF-8 (each bad byte replaced)."""
    mark = next((mark for mark, _ in _BOMS if data.startswith(mark)), b"")
    return data[len(mark):].decode(_encoding(data), "replace") if mark else decode(data)
