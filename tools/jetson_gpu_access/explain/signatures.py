"""The error signatures of data/symptoms.json found in a paste, as families.

A CUDA error is one family by its name, number and message in every common wrapper; the others are patterns.
Each family's keys find the lines it could match before any of its patterns runs, so a large paste stays cheap.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Dict, Iterator, List, Match, Optional, Pattern, Sequence, Set, Tuple

from .. import data, lexicon
from ..patternwords import needed_words
from ..record import frozen_record
from ..textfacts import NEGATED_BEFORE, LineMemo, holds_word, normalise, remembered, sentence_span
from .records import SymptomMatch

CHUNK = 1 << 20


MAX_KEY_HITS = 64
PRUNE_FROM = 1 << 16         # pieces from this size are checked for absent keys first (_absent_keys)
LINE_SPAN = 1000             # characters of a line either side of a key that patterns see (one huge line stays cheap)


# Context words for a CUDA error number: the number alone (801) is too common to mean CUDA.
_CUDA_CONTEXT = (r"(?:cuda|cuinit|cudart|cudnn|cublas|nvrtc|ggml|gpu|(?<![a-z])device|driver|trt|tensorrt|onnxruntime|cupy|numba|"
                 r"torch|nvinfer|cudasetdevice|cudagetdevicecount|cuctxcreate|nvenc|nvdec|deepstream|gst|"
                 # the driver API's calls by their stems (cuMemAlloc, cuMemoryAllocate in HAMi's core, cuModuleLoad, ...)
                 r"\bcu(?:mem|ctx|module|launch|stream|event|device|graph))")


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
        # (nor a library's dispatcher naming the device or back-end that lacks one of its operations: "ntt_init_domain
        # operation not supported on device CUDA"; CUDA prints its 801 bare)
        text = r"(?<!or )operation not supported(?! on this os)(?!\s+(?:on|for|by)\s+(?:the\s+|this\s+)?" \
               r"(?:(?:cuda|gpu|cpu)\w*\s+|[a-z_.-]*\d[\w.-]*\s+)?(?:device|backend)s?\b)"
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
    # (Rust's CUDA crates, cust and rustacuda, name an error in CamelCase inside their own type: "Cuda(NoBinaryForGpu)",
    # "CudaError::NoDevice")
    # (cust names a few with "Error" after them: UnknownError)
    rust = [r"\bcuda(?:error)?(?:::|\(\s*)(?:{})(?:error)?\b".format("|".join(_camel_names(names)))]
    return ([r"\b{}\b".format(re.escape(name.lower())) for name in names] + rust + by_number
            + [_CUDA_CONTEXT + r"[^\n]{0,160}?" + text, r"\bcuda error was:[ \t]*\n[ \t]*" + text] + bare)


def _camel_names(names: Sequence[str]) -> List[str]:
    """A CUDA error's names as Rust's crates spell them, lower case: CUDA_ERROR_NO_BINARY_FOR_GPU is NoBinaryForGpu,
    cudaErrorInitializationError InitializationError."""
    camel = [name[len("cudaError"):] if name.startswith("cudaError") else
             "".join(word.capitalize() for word in name[len("CUDA_ERROR_"):].split("_")) for name in names]
    return list(dict.fromkeys(name.lower() for name in camel if name))


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
    # ("with error:" alone: a printf's width pads the number, "failed with error:  34", by as many blanks as it likes)
    return [form.format(code) for form in forms] + ["with error:", "cuda failure in file", "cuda error in file"]


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
            keys += [cuda["message"].lower(), "cuda error was:"] + [n.lower() for n in cuda["names"]] + _camel_names(cuda["names"])
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
# by", "fixed the ... error", "got rid of the ... error", "went away", "no longer shows" (lower case, as vetoes are searched in
# the lowered sentence).
_SAID_FIXED = re.compile(
    r"\b(?:is|are|was|were|got|has\s+been|have\s+been)\s+(?:since\s+|now\s+)?(?:gone|fixed|solved|resolved)\b"
    r"|\((?:now\s+)?(?:fixed|resolved|solved)\b"
    r"|\b(?:fixed|resolved|solved)\s+(?:(?:it|that|this|the)\s+)?(?:with|by|after|via)\b"
    r"|\b(?:fixed|resolved|solved|got\s+rid\s+of|gets\s+rid\s+of)\s+(?:the|this|that|my|our)\b(?:[^.;]|\.(?=\S)){0,120}?"
    r"\b(?:error|issue|problem|failure|warning)s?\b"
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


def _borne_out(match: SymptomMatch, lowered: str) -> bool:
    """Whether the paste (``lowered``, the text its signatures were searched in) bears a family's match out
    (data/symptoms.json): its `needs_in_paste` is found there (NVIDIA's hook named beside LXC's failed mount hooks;
    `beside` is a line that holds it), and its `unless_in_paste` is not (`unless_shown` says what: the driver
    answering, beside a module said not to load)."""
    family = _family(match.id)
    needs, unless = family.get("needs_in_paste"), family.get("unless_in_paste")
    return (not needs or bool(_compiled(needs).search(lowered))) and not (unless and _compiled(unless).search(lowered))


def _family(symptom_id: str) -> Dict[str, Any]:
    """The entry of data/symptoms.json with this id, or {} for none."""
    return _symptoms_by_id().get(symptom_id, {})


@functools.lru_cache(maxsize=1)
def _symptoms_by_id() -> Dict[str, Dict[str, Any]]:
    """data/symptoms.json's families by id: a reading asks after families by id many times over."""
    return {str(s["id"]): s for s in data.load("symptoms")["symptoms"]}
