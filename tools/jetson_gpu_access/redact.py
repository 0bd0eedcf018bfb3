"""What a support bundle must not carry: the kinds of secret and identity looked for, and the redactor.

Each kind is a row of :data:`KINDS` (a name, a pattern, a placeholder), so REDACTIONS.txt can list
every kind looked for, and a test seeds one value of each kind and checks, with an independent
scanner (detect-secrets), that none survives. Identities that no pattern can know (this root's
host names, other users' names, their GECOS fields and home folders) are replaced as literals.
Placeholders are in angle brackets, so a redacted text is plainly redacted and never looks like
a value.
"""

from __future__ import annotations

import functools
import math
import re
from typing import Any, Callable, Dict, Iterable, List, Match, Pattern, Tuple

from .record import frozen_record


@frozen_record
class Kind:
    name: str
    pattern: str    # compiled by re on first use (its cache holds every kind), not when the module loads
    flags: int
    placeholder: str
    keep: int       # groups kept in front of the placeholder (a variable's name, a URL's scheme)
    quoted: bool    # the group after those is the value's quote, put back around the placeholder
    entropy: float  # replace only matches more random than this (bits per character); 0: always


def _kind(name: str, pattern: str, placeholder: str, keep: int = 0, flags: int = 0, quoted: bool = False,
          entropy: float = 0.0) -> Kind:
    return Kind(name, pattern, flags, "<{}>".format(placeholder), keep, quoted, entropy)


def shannon_entropy(text: str) -> float:
    """Bits per character of ``text`` taken as a sample of its own characters."""
    counts: Dict[str, int] = {}
    for char in text:
        counts[char] = counts.get(char, 0) + 1
    return -sum(n / len(text) * math.log2(n / len(text)) for n in counts.values()) if text else 0.0


# words that name a secret in a variable or key: DB_PASSWORD=, "api_key":, password:
# (a bare `key` too: LICENSE_KEY=, SIGNING_KEY=, "key": a whole part of the name, so keyboard= and monkey= stay)
_SECRET_WORDS = (r"(?:pass(?:word|wd|phrase)?|passwort|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|"  # noqa: S105
                 r"private[_-]?key|client[_-]?secret|credentials?|auth|psk|session[_-]?key|key)(?![A-Za-z0-9])")
# a key or variable whose name is, or has as a part, a secret word: its whole value is the secret, whatever its shape
# (a pattern text: compiled on first use, never as the module loads)
SECRET_NAME = (r"(?i)^[_.-]*(?:(?:[A-Za-z0-9]+[_.-])+|(?-i:[a-z0-9]+(?=[A-Z])))?" + _SECRET_WORDS +
               r"(?:[_.-][A-Za-z0-9]+)*$|^(?-i:[A-Z0-9]*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|APIKEY))$")
# Key names are matched whole up to this length; a longer one (no real configuration's) is taken for a secret's
# whenever a secret word is in it: the pattern backtracks over its parts, quadratic in a long name.
MAX_NAME = 256


def secret_name(name: str) -> bool:
    """Whether a key or variable name names a secret (SECRET_NAME), in time linear in the name."""
    if len(name) > MAX_NAME:
        return bool(re.search(_SECRET_WORDS, name, re.I))
    return bool(re.match(SECRET_NAME, name))

# Order matters: blocks and URLs first, then specific token formats, then assignments, then
# addresses. A value already replaced starts with '<' and is not matched again.
KINDS: Tuple[Kind, ...] = (
    _kind("private key", r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----.*?"
          r"(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|\Z)", "private-key", flags=re.S),
    _kind("SSH public key", r"\b(?:ssh-(?:rsa|dss|ed25519)|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com) AAAA[A-Za-z0-9+/=]+",
          "ssh-public-key"),
    # (a password may hold '/' and '@': the credentials end at the last '@' before the host)
    _kind("credentials in a URL", r"((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,32}://)[^\s/@:<>\"']+:[^\s<>\"']+(?=@[^\s/@<>\"']+)",
          "credentials", keep=1),
    _kind("Slack webhook", r"https://hooks\.slack\.com/(?:services|workflows)/[A-Za-z0-9/_-]+", "slack-webhook"),
    _kind("Discord webhook", r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/[0-9]+/[A-Za-z0-9_-]+",
          "discord-webhook"),
    _kind("authorization header", r"(?i)(\b(?:proxy-)?authorization[\"']?\s*[:=]\s*[\"']?)"
          r"(?:(?:bearer|basic|token|digest|negotiate)\s+)?[^\s\"',;<]+", "credentials", keep=1),
    _kind("bearer token", r"(?i)(\bbearer\s+)[A-Za-z0-9._~+/-]{8,}=*", "token", keep=1),
    _kind("JSON web token", r"(?<![A-Za-z0-9_])eyJ[A-Za-z0-9_-]{5,2048}\.eyJ[A-Za-z0-9_-]{5,4096}\.[A-Za-z0-9_-]{0,2048}",
          "jwt"),
    _kind("AWS access key", r"\b(?:AKIA|ASIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|A3T[A-Z0-9])[A-Z0-9]{16}\b", "aws-access-key"),
    _kind("AWS secret access key", r"(?i)(\baws_?secret_?access_?key[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9/+=]{20,}",
          "aws-secret", keep=1),
    _kind("Hugging Face token", r"\bhf_[A-Za-z0-9]{20,}\b", "hf-token"),
    _kind("GitHub token", r"\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})\b", "github-token"),
    _kind("GitLab token", r"\bgl(?:pat|dt|rt|ptt|cbt|soat|ft|imt)-[A-Za-z0-9_-]{20,}\b", "gitlab-token"),
    _kind("Slack token", r"\bxox[abposre]-[A-Za-z0-9-]{10,}", "slack-token"),
    _kind("Google API key", r"\bAIza[0-9A-Za-z_-]{35}", "google-api-key"),
    _kind("Google OAuth secret", r"\bGOCSPX-[A-Za-z0-9_-]{20,}", "google-oauth-secret"),
    _kind("Stripe key", r"\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}", "stripe-key"),
    _kind("Anthropic or OpenAI key", r"\bsk-(?:ant-|proj-)?[A-Za-z0-9_-]{20,}", "api-key"),
    _kind("npm token", r"\bnpm_[A-Za-z0-9]{36}\b", "npm-token"),
    _kind("PyPI token", r"\bpypi-AgE[A-Za-z0-9_-]{20,}", "pypi-token"),
    _kind("SendGrid key", r"\bSG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}", "sendgrid-key"),
    _kind("Twilio key", r"\b(?:SK|AC)[0-9a-fA-F]{32}\b", "twilio-key"),
    _kind("Mailchimp key", r"\b[0-9a-f]{32}-us[0-9]{1,2}\b", "mailchimp-key"),
    _kind("Mailgun key", r"\bkey-[0-9a-zA-Z]{32}\b", "mailgun-key"),
    _kind("Telegram bot token", r"\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}\b", "telegram-token"),
    _kind("Square token", r"\bsq0(?:atp|csp)-[A-Za-z0-9_-]{22,43}", "square-token"),
    _kind("Shopify token", r"\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b", "shopify-token"),
    _kind("Artifactory key", r"\bAKC[a-zA-Z0-9]{10,}", "artifactory-key"),
    _kind("Azure storage key", r"(?i)(\bAccountKey=)[A-Za-z0-9+/=]{20,}", "azure-key", keep=1),
    _kind("Azure SAS signature", r"(?i)([?&]sig=)[A-Za-z0-9%+/=]{10,}", "sas-signature", keep=1),
    _kind("password hash", r"\$(?:1|2[abxy]?|5|6|7|y|gy|sha1|md5)\$[./A-Za-z0-9$,=+-]{8,}", "password-hash"),
    # the word is a whole part of the name (DB_PASSWORD, api-key, dbPassword), so design: or bypass= stay
    # at most eight parts either side of the word: a longer name is matched from a later part (each part starts a
    # search), in linear time
    _kind("secret assignment", r"(?i)((?:(?:\b|(?<=[_.-]))[_.-]*(?:(?:[A-Za-z0-9]+[_.-]){1,8}|(?-i:[a-z0-9]+(?=[A-Z])))?"
          + _SECRET_WORDS +
          r"(?:[_.-][A-Za-z0-9]+){0,8}|(?-i:\b[A-Z0-9]*(?:PASSWORD|PASSWD|PASS|PWD|SECRET|TOKEN|APIKEY)))[\"']?\s*(?:=>|[:=])\s*)"
          # the value: quoted; after a colon (YAML, a config line), to the line's end or a comment; else to a blank
          r"(?:([\"'])(?!<)(?:(?!\2)[^\n])+\2|(?:(?<=:)|(?<=:[ \t]))(?!<)[^\n]*?(?=[ \t]+#|[ \t]*(?:\n|\Z))|(?!<)[^\s\"']+)",
          "secret", keep=1, quoted=True),
    # a .netrc's password, on the machine's line or a line of its own
    _kind(".netrc password", r"(?im)((?:\bmachine\s+\S+\s+(?:(?:login|account)\s+\S+\s+){0,2}|^[ \t]*)password[ \t]+)(?!<)\S+",
          "secret", keep=1),
    # secrets given to a program as an option: --password X, -Dpassword=X, mysql -pX, sshpass -p X, docker login -p X,
    # curl -u user:X, openssl -k X, and a password piped into sudo -S
    _kind("secret option", r"(?i)((?:(?<![\w-])--(?:[\w-]*-)?(?:password|passwd|passphrase|token|secret|api-?key)"
          r"|(?<![\w-])-D[\w.]*(?:password|secret|token)|\bsshpass\s+-p|\b(?:docker|podman|nerdctl|helm)\s+(?:\w+\s+)?login\b"
          r"[^\n]{0,80}?\s-p|\bmysql(?:dump|admin)?\b[^\n]{0,80}?\s-p(?=\S)|\bopenssl\b[^\n]{0,80}?\s-k"
          r"|\b(?:curl|wget)\b[^\n]{0,80}?\s(?:-u|--user)[= ]?\s*[^\s:\"'<]+:)[= ]?\s*)([\"'])?(?!<)[^\s\"']+",
          "secret", keep=1),
    _kind("password piped to sudo", r"(?i)(\becho[ \t]+)(?![ \t])([\"']?)[^|\n\"']{1,256}\2(?=[ \t]{0,16}\|[ \t]*sudo\s+-S)", "secret",
          keep=1),
    _kind("secret XML element", r"(?i)(<((?:[\w.-]+[_.-])?(?:password|passwd|secret|token|api[_-]?key))>)(?!<)[^<\n]+(?=</\2>)",
          "secret", keep=1),
    # what no format names: tokens as random as generated secrets are (Shannon entropy per
    # character above the thresholds detect-secrets uses: 4.5 for base64, 3.0 for hex)
    _kind("high-entropy string", r"(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,}(?![A-Za-z0-9+/=_-])", "random", entropy=4.5),
    _kind("high-entropy hex string", r"(?<![0-9A-Za-z])(?=[0-9]*[A-Fa-f])[0-9A-Fa-f]{20,}(?![0-9A-Za-z])", "random",
          entropy=3.0),
    _kind("e-mail address", r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}\b", "email"),
    _kind("MAC address", r"\b(?:[0-9A-Fa-f]{2}[:-]){5}[0-9A-Fa-f]{2}\b", "mac"),
    _kind("IPv4 address", r"(?<![\d.])(?!127\.)(?!0\.0\.0\.0)(?:(?:25[0-5]|2[0-4]\d|[01]?\d?\d)\.){3}"
          r"(?:25[0-5]|2[0-4]\d|[01]?\d?\d)(?![\d.]*\d)", "ipv4"),  # (zero-padded too: 10.020.003.004)
    # full form, or compressed with '::' (so that times such as 14:35:51 stay)
    _kind("IPv6 address", r"(?<![\w:.])(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|"
          r"(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6}|(?:[0-9A-Fa-f]{1,4}:){1,7}:|::(?:[0-9A-Fa-f]{1,4}:){0,5}"
          r"[0-9A-Fa-f]{1,4})(?![\w:])", "ipv6"),
    _kind("home folder", r"(/(?:home|Users)/)(?!<)[^/\s\"':<>]+", "user", keep=1),
)
LITERAL_KINDS = ("host name", "user name", "GECOS field", "home folder")


def value_present(value: Any) -> bool:
    """Whether a JSON value holds anything to hide (an empty string, null or false holds nothing)."""
    return value not in ("", None, False, [], {})


def _constant(placeholder: str, _match: Match[str]) -> str:
    return placeholder


class Redactor:
    """Replaces every kind of :data:`KINDS` and the given literals; counts what it replaced."""

    def __init__(self, hostnames: Iterable[str] = (), other_users: Iterable[str] = (), gecos: Iterable[str] = (),
                 homes: Iterable[str] = (), keep_user: str = "") -> None:
        self.counts: Dict[str, int] = {}
        literals: List[Tuple[str, str, str]] = [(name, "<host>", "host name") for name in hostnames if len(name) > 1]
        literals += [(name, "<user{}>".format(i + 1), "user name") for i, name in enumerate(other_users) if name]
        literals += [(text, "<gecos>", "GECOS field") for text in gecos if len(text) > 2]
        literals += [(home, "<home>", "home folder") for home in homes if len(home) > 1 and home != "/"]
        literals.sort(key=lambda item: -len(item[0]))
        self.literals = [(re.compile(r"(?<![A-Za-z0-9]){}(?![A-Za-z0-9])".format(re.escape(value)),
                                     re.I if kind == "host name" else 0), placeholder, kind)  # host names have no case
                         for value, placeholder, kind in literals]
        self.keep_home = "/home/" + keep_user if keep_user else ""

    def __call__(self, text: str) -> str:
        for value, placeholder, literal_kind in self.literals:  # literals first: a home folder before the generic pattern
            text = self._sub(value, functools.partial(_constant, placeholder), text, literal_kind)
        for kind in KINDS:
            text = self._sub(re.compile(kind.pattern, kind.flags), functools.partial(self._replace, kind=kind), text, kind.name)
        return text

    def json(self, value: Any) -> Any:
        """A JSON value with every string in it (keys too) redacted: redacting the serialised
        text instead would miss secrets split by escapes such as ``\\"``. Under a key that names a
        secret the whole value goes, whatever it holds: the patterns that need "name=value" never
        see a key and its value together."""
        if isinstance(value, str):
            return self(value)
        if isinstance(value, list) and len(value) > 1 and all(isinstance(item, str) and item.endswith("\n")
                                                              for item in value[:-1]) and isinstance(value[-1], str):
            return self("".join(value)).splitlines(keepends=True)  # a text kept as its lines (nbformat): a key spans them
        if isinstance(value, list):
            return [self.json(item) for item in value]
        if isinstance(value, dict):
            return {self(str(key)): self._secret() if secret_name(str(key)) and value_present(item) else self.json(item)
                    for key, item in value.items()}
        return value

    def _secret(self) -> str:
        self.counts["secret assignment"] = self.counts.get("secret assignment", 0) + 1
        return "<secret>"

    def _replace(self, match: Match[str], *, kind: Kind) -> str:
        if kind.name == "home folder" and match.group(0) == self.keep_home:
            return match.group(0)
        if kind.entropy and shannon_entropy(match.group(0)) <= kind.entropy:
            return match.group(0)
        quote = (match.group(kind.keep + 1) or "") if kind.quoted else ""
        return "".join(match.group(i + 1) for i in range(kind.keep)) + quote + kind.placeholder + quote

    def _sub(self, pattern: Pattern[str], replace: Callable[[Match[str]], str], text: str, kind: str) -> str:
        replaced = 0

        def counted(match: Match[str]) -> str:
            nonlocal replaced
            new = replace(match)
            replaced += new != match.group(0)
            return new

        text = pattern.sub(counted, text)
        if replaced:
            self.counts[kind] = self.counts.get(kind, 0) + replaced
        return text

    def report(self, skipped: Iterable[str] = ()) -> str:
        """REDACTIONS.txt: every kind looked for with how often it was replaced (never the values)."""
        lines = ["Redacted before writing; the values are not kept anywhere.", "",
                 "Kinds looked for (occurrences replaced):"]
        names = [k.name for k in KINDS] + [k for k in LITERAL_KINDS if k not in {x.name for x in KINDS}]
        lines += ["  {}: {}".format(name, self.counts.get(name, 0)) for name in names]
        skipped = list(skipped)
        if skipped:
            lines += ["", "Not included:"] + ["  " + item for item in skipped]
        return "\n".join(lines) + "\n"
