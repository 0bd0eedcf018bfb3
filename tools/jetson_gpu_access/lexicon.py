"""The words reports use for what the sentence readers look for, in the languages reports come in besides English
(German, French, Spanish, Portuguese, Italian, Russian, Japanese, Chinese, Korean).

The readers' English patterns say where a word stands (`\\bworks\\b`); these are added to them as alternatives of their
own. Chinese, Japanese and Korean write no spaces between words, so their phrases carry no word boundary; a negation
that follows or precedes a verb ("funktioniert nicht", "ne marche pas", "不可以", "안 됩니다") is kept out of the verb's
"works" and read as a failure instead.
"""

from __future__ import annotations


def ascii_words(alternation: str) -> str:
    """The alternation as whole words where a word ends at a non-ASCII letter too ("CUDAが動きます",
    "SSHで"): `\\b` finds no end between two letters of any script."""
    return r"(?<![A-Za-z0-9_])(?:" + alternation + r")(?![A-Za-z0-9_])"


# A check said to work.
WORKS = "|".join((
    r"\b(?:funktioniert|l\u00e4uft|geht|klappt)\b(?!\s+(?:nicht|auch nicht))",      # de
    r"(?<!\bne )(?<!\bn')\b(?:fonctionne|marche)\b(?!\s+pas)",                        # fr
    r"(?<!\bno )(?<!\bn\u00e3o )(?<!\bnon )\b(?:funciona|funziona)\b",                # es, pt, it
    r"(?<!\b\u043d\u0435 )\b\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\b",     # ru "работает"
    r"\u52d5\u304d\u307e\u3059|\u52d5\u4f5c\u3057\u307e\u3059|\u4f7f\u3048\u307e\u3059|\u52d5\u304f(?!\u306a\u3044)",  # ja
    r"(?<!\u4e0d)\u53ef\u4ee5(?!\u5417)|\u4e00\u5207\u6b63\u5e38|(?<!\u4e0d)\u80fd\u7528",                            # zh
    r"(?<!\uc548 )(?<!\uc548)(?:\ub429\ub2c8\ub2e4|\ub3fc\uc694|\uc791\ub3d9\ud569\ub2c8\ub2e4)",                     # ko
))
# A check said to fail.
FAILS = "|".join((
    r"\b(?:funktioniert|l\u00e4uft|geht|klappt)\s+(?:auch\s+)?nicht\b|\bschl\u00e4gt\s+fehl\b|\bFehler\b",   # de
    r"\b(?:ne|n')\s*(?:fonctionne|marche)\s+pas\b|\b\u00e9choue\b|\berreur\b",                             # fr
    r"\b(?:no|n\u00e3o|non)\s+(?:funciona|funziona|parte|va|arranca|inicia|si\s+avvia)\b|\bfalla\b|\bfalha\b|"
    r"\berrore\b|\bstartet\s+nicht\b|\bne\s+d\u00e9marre\s+pas\b",                                       # es, pt, it
    r"\b\u043d\u0435\s+\u0440\u0430\u0431\u043e\u0442\u0430\u0435\u0442\b|\b\u043e\u0448\u0438\u0431\u043a",  # ru
    r"\u52d5\u304d\u307e\u305b\u3093|\u52d5\u304b\u306a\u3044|\u4f7f\u3048\u307e\u305b\u3093|\u30a8\u30e9\u30fc|\u5931\u6557",  # ja
    r"\u4e0d\u884c|\u4e0d\u80fd|\u65e0\u6cd5|\u5931\u8d25|\u62a5\u9519",                                 # zh
    r"\uc548\s?\ub429\ub2c8\ub2e4|\uc548\s?\ub3fc|\uc2e4\ud328|\uc624\ub958|\uc5d0\ub7ec",               # ko
))
# Root (or sudo) running the check.
ROOT_SIDE = "|".join((
    r"\b(?:als|en|como|come|\u043f\u043e\u0434|\u043e\u0442)\s+(?:tant\s+que\s+)?root\b",              # de, fr, es/pt/it, ru
    r"\b(?:mit|avec|con|com|\u0441|\u0447\u0435\u0440\u0435\u0437)\s+sudo\b",
    r"root\s*(?:\u3067|\u30e6\u30fc\u30b6\u30fc)|"                                                     # ja
    r"sudo\s*(?:\u3060\u3068|\u3067|\u3092\u4ed8\u3051\u308b\u3068|\u3059\u308b\u3068)",
    r"(?:\u7528|\u4ee5)\s*root|root\s*(?:\u7528\u6237|\u4e0b|\u6743\u9650)|sudo\s*(?:\u8fd0\u884c|\u6267\u884c|\u4e0b|\u5c31)",    # zh
    r"root\s*(?:\ub85c|\uc73c\ub85c|\uc5d0\uc11c)|sudo\s*(?:\ub85c|\ub97c|\ud558\uba74)",              # ko
))
# A user other than root running the check.
USER_SIDE = "|".join((
    r"\b(?:normale[mnr]?|gew\u00f6hnliche[mnr]?)\s+(?:Benutzer|User|Nutzer)\b|\bohne\s+sudo\b",         # de
    r"\butilisateur\s+(?:normal|standard|non[- ]root)\b|\bsans\s+sudo\b",                               # fr
    r"\busu(?:ario|\u00e1rio)\s+(?:normal|comum|no\s+root)\b|\butente\s+normale\b|\bs(?:in|em|enza)\s+sudo\b",  # es, pt, it
    r"\b\u043e\u0431\u044b\u0447\u043d\w*\s+\u043f\u043e\u043b\u044c\u0437\u043e\u0432\u0430\u0442\u0435\u043b",  # ru
    r"\u4e00\u822c\u30e6\u30fc\u30b6|\u901a\u5e38\u30e6\u30fc\u30b6|\u666e\u901a\u7528\u6237|\u975eroot|\uc77c\ubc18\s?(?:\uc0ac\uc6a9\uc790|\uc720\uc800)",
))
# A desktop login or a display attached: the seat.
SEAT_SIDE = "|".join((
    r"\b(?:am|auf\s+dem)\s+Desktop\b|\bMonitor\s+(?:angeschlossen|dran)\b",                            # de
    r"\bsur\s+le\s+bureau\b|\bsession\s+(?:graphique|GNOME)\b|\b\u00e9cran\s+(?:branch\u00e9|connect\u00e9)\b",  # fr
    r"\ben\s+el\s+escritorio\b|\bmonitor\s+(?:\w+\s+)?conectado\b|\bsesi\u00f3n\s+iniciada\b|\bsessione\s+grafica\b",  # es, it
    r"\u0440\u0430\u0431\u043e\u0447\w*\s+\u0441\u0442\u043e\u043b|\u043c\u043e\u043d\u0438\u0442\u043e\u0440",  # ru
    r"\u30c7\u30b9\u30af\u30c8\u30c3\u30d7|\u30e2\u30cb\u30bf|\u753b\u9762",                             # ja
    r"\u684c\u9762|\u663e\u793a\u5668",                                                                   # zh
    r"\ub370\uc2a4\ud06c\ud1b1|\ubaa8\ub2c8\ud130|\ud654\uba74",                                          # ko
))
# Where a sentence ends, and a clause turns to its other side, in those languages' own punctuation and words.
SENTENCE_END = r"[\u3002\uff01\uff1f]"
CLAUSE_TURN = r"\s*[\u3001\uff0c]\s*|\s+(?:aber|mais|pero|por\u00e9m|ma|\u043d\u043e)\s+|\u4f46\u662f|\ud558\uc9c0\ub9cc\s*"
