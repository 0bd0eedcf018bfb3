"""A shell script's simple commands, split as the shell splits them: what a user switch in an entrypoint is read from.

The script is an image author's, so the reading is linear in its length whatever it holds: one pass splits each line
into words and operators (quotes, escapes, comments, continued lines; here-documents are skipped), then each simple
command is followed past its assignments, redirections and wrappers (``exec``, ``env``, ``nohup``, ``tini --``,
``set --``...) to the command it runs. ``sudo`` is a wrapper only where it switches to no user: the caller decides.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Iterator, List, Sequence, Tuple

_OPERATOR_CHARS = ";&|()`<>"
# sudo's options that take a value (sudo(8)), short (`-g video`, `-Eu app`, `-D/tmp`) and long: `sudo -g video -u app`
# switches to app, `sudo -E gosu app` runs gosu.
_SUDO_SHORT_VALUES = frozenset("ugCDhprRtTU")
_SUDO_LONG_VALUES = frozenset(("--user", "--group", "--chdir", "--prompt", "--close-from", "--host", "--role", "--type",
                               "--other-user", "--command-timeout", "--chroot"))
# ssh's options that take a value (ssh(1)): `ssh -p 2222 root@orin`, `ssh -l root orin`.
_SSH_VALUES = frozenset("BbcDEeFIiJLlmOopQRSWw")
MAX_SUDO_NESTING = 4  # sudo sudo sudo ... gosu app: past that, no switch is read
# The shell's reserved words, which start no command of their own where a command would start (if gosu app true).
_KEYWORDS = frozenset(("then", "do", "else", "elif", "if", "while", "until", "!", "{", "}"))
# Commands that run the rest of their words as a command, once their own options (and numbers: nice -n 10, timeout 5)
# are passed.
_WRAPPERS = frozenset(("exec", "env", "nohup", "nice", "time", "tini", "dumb-init", "setsid", "stdbuf", "timeout",
                       "command", "builtin"))


class Operator(str):
    """An operator the line holds unquoted (;, &&, |, (, >...): a quoted word that looks the same is a word."""


def logical_lines(text: str) -> Iterator[Tuple[int, str, List[str]]]:
    """Each logical line's number and first line (where it starts), and its words: continued lines joined,
    here-document bodies skipped."""
    pending = ""       # a line continued with a backslash
    start, first = 0, ""
    delimiter = None   # the here-document being skipped
    for number, line in enumerate(text.splitlines(), 1):
        if delimiter is not None:
            if line.strip() == delimiter:
                delimiter = None
            continue
        if not pending:
            start, first = number, line
        if line.endswith("\\") and not line.endswith("\\\\"):
            pending += line[:-1] + " "
            continue
        found = words(pending + line)
        pending = ""
        for at, word in enumerate(found[:-1]):
            if word == "<<" and isinstance(word, Operator):  # cat <<EOF, cat <<'EOF', cat <<-EOF (its end may be indented)
                delimiter = found[at + 1][1:] if found[at + 1].startswith("-") else found[at + 1]
        yield start, first, found


def words(line: str) -> List[str]:
    """The words and operators of one line, quotes and escapes removed; a word that starts with # ends the line."""
    out: List[str] = []
    word: List[str] = []
    in_word = False
    at, size = 0, len(line)
    while at < size:
        char = line[at]
        if char in " \t\r":
            if in_word:
                out.append("".join(word))
                word, in_word = [], False
        elif char == "#" and not in_word:
            break
        elif char == "'":
            end = line.find("'", at + 1)
            end = size if end < 0 else end
            word.append(line[at + 1:end])
            in_word, at = True, end
        elif char == '"':
            at += 1
            while at < size and line[at] != '"':
                if line[at] == "\\" and at + 1 < size:
                    at += 1
                word.append(line[at])
                at += 1
            in_word = True
        elif char == "\\":
            if at + 1 < size:
                word.append(line[at + 1])
            in_word, at = True, at + 1
        elif char in _OPERATOR_CHARS:
            if in_word:
                out.append("".join(word))
                word, in_word = [], False
            end = at + 1
            while char not in "()`" and end < size and line[end] in ";&|<>":
                end += 1
            out.append(Operator(line[at:end]))
            at = end - 1
        else:
            word.append(char)
            in_word = True
        at += 1
    if in_word:
        out.append("".join(word))
    return out


def commands(found: Sequence[str]) -> Iterator[List[str]]:
    """The simple commands of a line's words, each from the word it runs on (its name a base name, no path)."""
    current: List[str] = []
    skip = False
    for word in list(found) + [Operator(";")]:
        if skip:  # a redirection's target
            skip = False
        elif isinstance(word, Operator) and ("<" in word or ">" in word):
            if current and current[-1].isdigit():
                current.pop()  # the descriptor before 2>&1
            skip = True
        elif isinstance(word, Operator):
            command = _run_by(current)
            if command:
                yield command
            current = []
        elif current or word not in _KEYWORDS:
            current.append(word)


def _run_by(found: List[str]) -> List[str]:
    """The words from the command a simple command runs: past assignments, `set --` and wrappers with their options."""
    at = 0
    while at < len(found):
        word = found[at]
        name = word.rsplit("/", 1)[-1]
        if "=" in word and word.split("=", 1)[0].replace("_", "a").isalnum() and not word[0].isdigit():
            at += 1  # NAME=value before the command
        elif name == "set" and found[at + 1:at + 2] == ["--"]:
            at += 2  # set -- gosu app "$@", for a later exec "$@"
        elif name in _WRAPPERS:
            at += 1
            while at < len(found) and (found[at].startswith("-") or found[at].replace(".", "").isdigit()
                                       or (name == "env" and "=" in found[at])):
                at += 2 if name == "exec" and found[at] == "-a" else 1  # exec -a NAME
        else:
            return [name] + found[at + 1:]
    return []


def sudo_parts(found: Sequence[str]) -> Tuple[str, List[str]]:
    """The user sudo's options name (-u app, -Eu app, -uapp, --user app, --user=app; root when none) and the command it
    runs, past its options and their values."""
    user, at = "root", 1
    while at < len(found) and found[at].startswith("-") and found[at] != "-":
        word = found[at]
        at += 1
        if word == "--":
            break
        if word.startswith("--"):
            name, given, value = word.partition("=")
            if name in _SUDO_LONG_VALUES and not given:
                value, at = (found[at] if at < len(found) else ""), at + 1
            user = value if name == "--user" else user
            continue
        for place, letter in enumerate(word[1:], 2):
            if letter in _SUDO_SHORT_VALUES:
                value = word[place:]
                if not value:
                    value, at = (found[at] if at < len(found) else ""), at + 1
                user = value if letter == "u" else user
                break
    return user, _run_by(list(found[at:]))


def _ssh_user(found: Sequence[str]) -> str:
    """The account ssh logs in as: -l USER, else USER@ of its host, else "" (the caller's own)."""
    at, user = 1, ""
    while at < len(found) and found[at].startswith("-"):
        word = found[at]
        letter = next((c for c in word[1:] if c in _SSH_VALUES), "")
        value = word[word.index(letter) + 1:] if letter else ""
        if letter and not value:
            value, at = (found[at + 1] if at + 1 < len(found) else ""), at + 1
        user = value if letter == "l" else user
        at += 1
    host = found[at] if at < len(found) else ""
    return host.split("@", 1)[0] if "@" in host else user


def is_root(user: str) -> bool:
    """Whether a switch's account is root: by name, uid 0, sudo's #0, or with a group (0:0, root:root)."""
    return user.split(":")[0].lstrip("#") in ("root", "0")


def target(found: Sequence[str]) -> str:
    """The account a user switch names: the value of -u, --user or --reuid, else its first word that is no option (and
    no option's value); root when it names none (su -c CMD, sudo -i). sudo names its user by -u or --user only (the
    first word after its options is the command it runs); ssh by -l or USER@HOST."""
    tool = found[0].rsplit("/", 1)[-1] if found else ""
    if tool in ("sudo", "ssh"):
        return sudo_parts(found)[0] if tool == "sudo" else _ssh_user(found)
    at = 1
    while at < len(found):
        word = found[at]
        if word in ("-u", "--user") and at + 1 < len(found):
            return found[at + 1]
        for flag in ("--user=", "--reuid=", "-u"):
            if word.startswith(flag) and len(word) > len(flag) and (flag != "-u" or not word.startswith("--")):
                return word[len(flag):]  # --user=app, --reuid=app, -uapp
        if word in ("-c", "--command", "-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w"):
            at += 2
            continue
        if not word.startswith("-"):
            return word
        at += 1
    return "root"
