"""The one reader for every input file, and the bounds every input is held to.

Whatever a command reads (account files, release files, dpkg's status, /proc, a pasted report,
a support bundle, a fleet's results) may have been left there by someone else, and the tool often
runs as root. So every read here:

- opens regular files only: a FIFO, a directory, a device or a socket is refused with
  :class:`InputError` (exit code 2, one line) before it is opened, so nothing blocks and no
  driver's ``open`` runs; the open itself is non-blocking, and ``fstat`` after it checks that
  the file opened is the one that was checked;
- below a root, follows no symbolic link: each folder is opened with ``O_NOFOLLOW`` relative
  to the one before, so a link swapped in between a check and the read cannot lead outside;
- stops at a size cap and says so (:attr:`Content.truncated`), never cutting silently;
- keeps the bytes: digests and writes use them; text is decoded one way everywhere
  (:func:`decode`: UTF-8, each undecodable byte becomes U+FFFD).

Every file the tool writes is written here too (tests/test_antipatterns.py holds every other
module to that), by :func:`write_under` and :func:`write_output`: always as a new file renamed
into place, never through a link or into a file that is there already (:func:`replace_in`, which
apply's account-file restore shares), and never into a folder reached through a link below the one
the caller named.

Numbers and JSON from such files are bounded here too: :func:`decimal` never hands Python's
``int()`` an unbounded digit string, and :func:`load_json` refuses nesting deeper than
:data:`MAX_JSON_DEPTH` and lone surrogates that no UTF-8 output could print.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat

from .exitcodes import Exit, ExitError
from .record import frozen_record

TYPE_CHECKING = False  # typing's own flag would import typing (see cli.py)
if TYPE_CHECKING:
    from typing import Any, BinaryIO, Callable, Iterator, List, Optional, Sequence, Tuple, Union

    Payload = Union[bytes, str, Callable[[BinaryIO], object]]  # what a write takes: bytes, text (UTF-8), or a writer

MiB = 1 << 20
SMALL_FILE = 64 << 10          # release files, host names, /proc/<pid>/status
LARGE_FILE = 64 * MiB          # account files, dpkg's status: both can be big, neither this big
MAX_JSON_DEPTH = 64            # the deepest JSON this tool writes is under 10
MAX_YAML_VALUES = 100_000      # values a YAML file may expand to through its aliases (a real one: hundreds)
ID_MAX = 4294967294            # the largest UID or GID: 4294967295, (uid_t)-1, means "no id" to chown(2) and setgroups(2)
_NO_FOLLOW = os.O_NOFOLLOW | os.O_CLOEXEC
_READ_FLAGS = os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | _NO_FOLLOW
_DIR_FLAGS = getattr(os, "O_PATH", os.O_RDONLY) | os.O_DIRECTORY | _NO_FOLLOW
_LIST_FLAGS = os.O_RDONLY | os.O_DIRECTORY | _NO_FOLLOW
_SURROGATE = "[\ud800-\udfff]"  # compiled by re on first use


class InputError(ExitError):
    """An input that must not be read as it is (not a regular file, a link under a root, too deep):
    exit code 2, and the message names the file, the cause and the remedy."""

    context = "error"  # the same one-line form as every other usage error

    def __init__(self, path: str, cause: str, remedy: str) -> None:
        super().__init__(Exit.USAGE, "{} {}; {}".format(path, cause, remedy))
        self.path = path
        self.cause = cause


@frozen_record
class Content:
    """What was read: the bytes (at most ``limit``), the file's size, and whether it was cut."""

    path: str
    data: bytes
    size: int          # bytes in the file; for /proc files (st_size 0) what the read saw
    limit: int
    truncated: bool
    tail: bytes = b""  # a cut file's last bytes, where the caller asked for them (a log ends with its error)

    @property
    def text(self) -> str:
        return decode(self.data)

    def describe(self) -> str:
        """'read the first 64 MiB of 70 MiB' for a truncated read, as findings and notes say it."""
        if self.tail:
            return "read the first {} and the last {} of {}".format(_size(len(self.data)), _size(len(self.tail)),
                                                                  _size(self.size))
        if self.size > len(self.data) + 1:
            return "read the first {} of {}".format(_size(len(self.data)), _size(self.size))
        return "read the first {}; there is more".format(_size(len(self.data)))  # /proc: the size is not known


def _size(count: int) -> str:
    return "{:g} MiB".format(round(count / MiB, 1)) if count >= MiB else "{} bytes".format(count)


def decode(data: bytes) -> str:
    """The one decoding: UTF-8, each undecodable byte replaced by U+FFFD (the bytes stay in Content)."""
    return data.decode("utf-8", "replace")


def kind_of(mode: int) -> str:
    """What a file is, in the words an error message uses."""
    for test, name in ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket"), (stat.S_ISLNK, "a symbolic link")):
        if test(mode):
            return name
    return "not a regular file"


_REPLACE = "replace it with the regular file it should be"


def _refuse_irregular(path: str, mode: int, remedy: str = _REPLACE) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(path, "is {}, not a regular file".format(kind_of(mode)), remedy)


def _read_fd(fd: int, path: str, expected: os.stat_result, limit: int, tail: int = 0) -> Content:
    info = os.fstat(fd)
    _refuse_irregular(path, info.st_mode)
    if (info.st_dev, info.st_ino) != (expected.st_dev, expected.st_ino):
        raise InputError(path, "changed while it was being opened", "run again when nothing else is replacing it")
    chunks: List[bytes] = []
    got = 0
    while got <= limit:
        try:
            chunk = os.read(fd, min(limit + 1 - got, MiB))
        except BlockingIOError:  # a regular file never blocks; refuse rather than wait
            raise InputError(path, "would block when read", "replace it with a regular file") from None
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    data = b"".join(chunks)
    truncated = len(data) > limit
    size = max(info.st_size, len(data))
    end = os.pread(fd, tail, max(size - tail, limit)) if truncated and tail else b""
    return Content(path, data[:limit], size, limit, truncated, end)


def read_file(path: str, limit: int = LARGE_FILE, remedy: str = _REPLACE, tail: int = 0) -> Content:
    """A file the user named (links in the name are the user's choice and are followed); of one longer than
    ``limit``, also its last ``tail`` bytes.

    Raises :class:`InputError` for anything but a regular file and ``OSError`` when it cannot
    be read (missing, permission denied): the caller decides what absence means.
    """
    expected = os.stat(path)
    _refuse_irregular(path, expected.st_mode, remedy)
    fd = os.open(path, (_READ_FLAGS & ~os.O_NOFOLLOW) | os.O_CLOEXEC)
    try:
        return _read_fd(fd, path, expected, limit, tail)
    finally:
        os.close(fd)


def _parts(inner: str) -> List[str]:
    return [p for p in posixpath.normpath("/" + inner.lstrip("/")).split("/") if p and p != ".."]


def _open_dir(root: str, parts: List[str], shown: str, listable: bool = False) -> int:
    """A descriptor of root/parts[0]/... (O_PATH unless ``listable``), following no link on the way."""
    # the root itself is the caller's choice (a link to it is followed); below it nothing is
    root_flags = os.O_RDONLY if listable and not parts else getattr(os, "O_PATH", os.O_RDONLY)
    fd = os.open(root, root_flags | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        for index, name in enumerate(parts):
            flags = _LIST_FLAGS if listable and index == len(parts) - 1 else _DIR_FLAGS
            try:
                child = os.open(name, flags, dir_fd=fd)
            except OSError as error:
                if error.errno in (errno.ENOTDIR, errno.ELOOP):
                    info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                    if stat.S_ISLNK(info.st_mode):
                        raise InputError(shown, "has a symbolic link at {}".format(name),
                                         "links below this folder are not followed; remove the link") from None
                    raise FileNotFoundError(errno.ENOTDIR, "not a directory", shown) from None
                raise
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_under(root: str, inner: str, limit: int = LARGE_FILE) -> Content:
    """``inner`` below ``root`` without following any symbolic link below ``root``.

    A link in the way is an :class:`InputError`; a missing file is ``FileNotFoundError``.
    """
    parts = _parts(inner)
    shown = posixpath.join(root, *parts) if parts else root
    if not parts:
        raise InputError(shown, "names the folder itself, not a file in it", "name a file")
    fd = _open_dir(root, parts[:-1], shown)
    try:
        expected = os.stat(parts[-1], dir_fd=fd, follow_symlinks=False)
        if stat.S_ISLNK(expected.st_mode):
            raise InputError(shown, "is a symbolic link", "links below this folder are not followed; copy the file instead")
        _refuse_irregular(shown, expected.st_mode)
        file_fd = os.open(parts[-1], _READ_FLAGS, dir_fd=fd)
    finally:
        os.close(fd)
    try:
        return _read_fd(file_fd, shown, expected, limit)
    finally:
        os.close(file_fd)


def walk_under(root: str) -> Iterator[Tuple[str, Optional[str]]]:
    """(relative path, None) for every regular file below ``root``, and (relative path, why) for
    everything skipped (links, FIFOs, devices): nothing below ``root`` is followed."""
    pending = [""]
    while pending:
        relative = pending.pop()
        try:
            fd = _open_dir(root, _parts(relative), posixpath.join(root, relative), listable=True)
        except (OSError, InputError) as error:
            yield relative, "not read: {}".format(getattr(error, "cause", None) or getattr(error, "strerror", error))
            continue
        try:
            names = sorted(os.listdir(fd))
            for name in names:
                path = posixpath.join(relative, name) if relative else name
                info = os.stat(name, dir_fd=fd, follow_symlinks=False)
                if stat.S_ISDIR(info.st_mode):
                    pending.append(path)
                elif stat.S_ISREG(info.st_mode):
                    yield path, None
                else:
                    yield path, "not copied: {}".format(kind_of(info.st_mode))
        finally:
            os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """All of ``data`` to ``fd`` (``os.write`` may write less than it is given)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def replace_in(dir_fd: int, name: str, fill: Callable[[int], None], prefix: str = ".jga-new-",
               mode: Optional[int] = None, replace: bool = True, umask: bool = True) -> None:
    """Put a new file at ``name`` in the open directory ``dir_fd``, whole or not at all.

    ``fill`` writes a fresh temporary file beside it (``O_EXCL|O_NOFOLLOW``, mode 0600: no one
    else can hold it open or read it half written); it gets ``mode`` (less the umask, as ``open()``
    would give it, unless ``umask`` is False) when one is given, is synced and renamed over ``name``,
    so whatever was at ``name`` (a link, a hard link to another file) is replaced, never written
    through. With ``replace`` False it is hard-linked to ``name`` instead, which fails
    (``FileExistsError``) when anything is there. On any failure, a full disk included, the
    temporary file is removed and ``name`` is left as it was.
    """
    temp = "{}{}-{}".format(prefix, os.getpid(), os.urandom(4).hex())
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600, dir_fd=dir_fd)
    try:
        try:
            fill(fd)
            if mode is not None:
                mask = os.umask(0o077)
                os.umask(mask)
                os.fchmod(fd, mode & ~mask if umask else mode)
            os.fsync(fd)
        finally:
            os.close(fd)
        if replace:
            os.rename(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        else:  # link(2) never replaces: the atomic "create only if absent" that rename lacks
            os.link(temp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd, follow_symlinks=False)
            os.unlink(temp, dir_fd=dir_fd)
    except BaseException:
        try:  # noqa: SIM105 (contextlib is kept off the start-up path)
            os.unlink(temp, dir_fd=dir_fd)
        except FileNotFoundError:
            pass
        raise
    os.fsync(dir_fd)


def _filler(content: Payload) -> Callable[[int], None]:
    def fill(fd: int) -> None:
        if callable(content):
            with os.fdopen(fd, "wb", closefd=False) as handle:
                content(handle)
        else:
            write_all(fd, content.encode("utf-8") if isinstance(content, str) else content)

    return fill


def _refuse_shared(fd: int, shown: str, remedy: str) -> None:
    """A folder anyone may write to without the sticky bit: anyone could swap what is written there."""
    mode = os.fstat(fd).st_mode
    if mode & stat.S_IWOTH and not mode & stat.S_ISVTX:
        raise InputError(shown, "is writable by others and not sticky, so anyone could swap the file written there", remedy)


def _shown(root: str, inner: str) -> str:
    """The path a message names: as the caller gave it (``out.tar.gz``, not ``./out.tar.gz``)."""
    return posixpath.join(root, inner) if root != "." and inner else inner or root


def _names(inner: str, shown: str, remedy: str) -> List[str]:
    """``inner``'s names; a write never climbs out of its root (no '..', no absolute path)."""
    names = [n for n in inner.split("/") if n not in ("", ".")]
    if inner.startswith("/") or ".." in names:
        raise InputError(shown, "leads out of its folder", remedy)
    return names


def _enter(dir_fd: int, name: str, shown: str, remedy: str, create: bool) -> int:
    """Folder ``name`` in ``dir_fd``, made (0755) when missing and ``create``; never through a link."""
    if create:
        try:  # noqa: SIM105
            os.mkdir(name, 0o755, dir_fd=dir_fd)
        except FileExistsError:
            pass
    try:
        fd = os.open(name, _LIST_FLAGS, dir_fd=dir_fd)
    except OSError as error:
        if error.errno not in (errno.ENOTDIR, errno.ELOOP):
            raise
        there = os.stat(name, dir_fd=dir_fd, follow_symlinks=False).st_mode
        raise InputError(shown, "is {}, not a folder".format("a file" if stat.S_ISREG(there) else kind_of(there)),
                         remedy) from None
    try:
        _refuse_shared(fd, shown, remedy)
    except BaseException:
        os.close(fd)
        raise
    return fd


def _folder(root: str, names: List[str], remedy: str, create: bool) -> int:
    """A descriptor of ``root``/``names``: ``root`` is the caller's (links in it are followed, as
    :func:`read_file` follows them; made when missing and ``create``); below it nothing is followed."""
    if create:
        os.makedirs(root, 0o755, exist_ok=True)
    fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        _refuse_shared(fd, root if root != "." else os.getcwd(), remedy)
        for index, name in enumerate(names):
            child = _enter(fd, name, posixpath.join(root, *names[:index + 1]), remedy, create)
            os.close(fd)
            fd = child
    except BaseException:
        os.close(fd)
        raise
    return fd


def _check_target(dir_fd: int, name: str, shown: str, remedy: str, links: bool = False) -> Optional[os.stat_result]:
    """What is at ``name`` now, refused unless it is a regular file of this user's (or nothing, or a
    link when ``links``: one the rename will replace)."""
    try:
        there = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return None
    if links and stat.S_ISLNK(there.st_mode):
        return there
    _refuse_irregular(shown, there.st_mode, remedy)
    if there.st_uid != os.geteuid():
        raise InputError(shown, "is owned by uid {}, not by uid {} running this".format(there.st_uid, os.geteuid()), remedy)
    return there


def write_under(root: str, inner: str, content: Payload, remedy: str, mode: int = 0o644, replace: bool = True,
                create: bool = True, tree: bool = False) -> None:
    """Write file ``inner`` below folder ``root``: the one way this tool writes a file (the tool may run as root).

    ``root`` is the caller's choice (an ``--out`` folder, a device tree the tool made); below it,
    missing folders are made (0755, less the umask) and none is entered through a link. The file
    is written with :func:`replace_in`, never into what is there. ``content`` is bytes, text
    (UTF-8), or a function that writes to a binary file. Refused (:class:`InputError`, exit 2,
    nothing written) where another user could have put something there or could swap it
    afterwards: a link or anything but a regular file at the name or in a folder's place, a file
    owned by another user, a folder anyone may write to without the sticky bit; and, with
    ``replace`` False, anything at all at the name. A failure to write (a full disk) is an
    :class:`InputError` too. ``tree`` is for a tree the tool made and models a device with (a lab
    device's /etc, copied from this machine's, links and all): the file gets exactly ``mode``, not
    less the umask, and a link at the name (/etc/os-release -> ../usr/lib/os-release) is replaced
    as the file it stands for; a link in a folder's place is still refused.
    """
    shown = _shown(root, inner)
    names = _names(inner, shown, remedy)
    if not names:
        raise InputError(shown, "names a folder, not a file", remedy)
    try:
        dir_fd = _folder(root, names[:-1], remedy, create)
    except OSError as error:
        raise InputError(shown, "cannot be written ({})".format(error.strerror or error), remedy) from None
    try:
        if _check_target(dir_fd, names[-1], shown, remedy, links=tree) is not None and not replace:
            raise InputError(shown, "exists already", remedy)
        replace_in(dir_fd, names[-1], _filler(content), mode=mode, replace=replace, umask=not tree)
    except FileExistsError:
        raise InputError(shown, "exists already", remedy) from None
    except OSError as error:
        raise InputError(shown, "cannot be written ({})".format(error.strerror or error), remedy) from None
    finally:
        os.close(dir_fd)


def write_output(path: str, content: Payload, remedy: str, mode: int = 0o644, replace: bool = True) -> None:
    """Write the file a user named (``bundle --out``, ``fleet report --output``, ``lab new -o``) as
    :func:`write_under` writes, in a folder that must exist already; links in the folder's own
    path are the caller's choice."""
    folder, name = os.path.split(path)
    if not name or name in (".", ".."):
        raise InputError(path, "names a folder, not a file", remedy)
    write_under(folder or ".", name, content, remedy, mode, replace, create=False)


def remove_under(root: str, inner: str, remedy: str) -> None:
    """Remove file ``inner`` below ``root`` as :func:`write_under` would reach it (no link followed below ``root``),
    only when it is a regular file of this user's; nothing to do when it or its folder is not there."""
    shown = _shown(root, inner)
    names = _names(inner, shown, remedy)
    try:
        dir_fd = _folder(root, names[:-1], remedy, False)
    except FileNotFoundError:
        return
    except OSError as error:
        raise InputError(shown, "cannot be removed ({})".format(error.strerror or error), remedy) from None
    try:
        if _check_target(dir_fd, names[-1], shown, remedy) is not None:
            os.unlink(names[-1], dir_fd=dir_fd)
    except FileNotFoundError:
        pass
    except OSError as error:
        raise InputError(shown, "cannot be removed ({})".format(error.strerror or error), remedy) from None
    finally:
        os.close(dir_fd)


def check_under(root: str, inner: str, names: Sequence[str], remedy: str) -> None:
    """Before a long run: make folder ``inner`` below ``root`` as :func:`write_under` would, and
    refuse now what it would refuse at the end (a link at one of ``names``, a folder no file can be
    created in), so that nothing runs for an hour to be refused then."""
    shown = _shown(root, inner)
    try:
        dir_fd = _folder(root, _names(inner, shown, remedy), remedy, True)
    except OSError as error:
        raise InputError(shown, "cannot be written ({})".format(error.strerror or error), remedy) from None
    try:
        for name in names:
            _check_target(dir_fd, name, posixpath.join(shown, name), remedy)
        probe = ".jga-probe-{}-{}".format(os.getpid(), os.urandom(4).hex())
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW, 0o600, dir_fd=dir_fd))
        os.unlink(probe, dir_fd=dir_fd)
    except OSError as error:
        raise InputError(shown, "cannot be written ({})".format(error.strerror or error), remedy) from None
    finally:
        os.close(dir_fd)


def open_log(path: str) -> int:
    """A log for a child process's output (``stdout=``), in a folder the tool made for itself:
    appended to, created 0600, never opened through a link."""
    return os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NO_FOLLOW, 0o600)


def shown(text: str, limit: int = 40) -> str:
    """``text`` quoted for a one-line message; a longer one (a crafted 4,300-digit id) cut, with its length."""
    if len(text) <= limit:
        return repr(text)
    return "{}... ({} characters)".format(repr(text[:limit // 2])[:-1], len(text))


def brief(value: Any, limit: int = 60) -> str:
    """Any value as Python writes it, cut to ``limit`` characters, without writing out more of it than that (a
    list a file's aliases made huge)."""
    import reprlib

    writer = reprlib.Repr()
    writer.maxstring, writer.maxother, writer.maxlevel = limit, limit, 3
    text = writer.repr(value)
    return text if len(text) <= limit else text[:limit - 3] + "..."


def decimal(text: str, maximum: int = 0xFFFFFFFF) -> Optional[int]:
    """An ASCII decimal number no greater than ``maximum``, else None.

    ``str.isdigit()`` accepts '²' and ``int()`` refuses more than 4,300 digits (Python 3.11+):
    both crashed parsers fed a crafted line. Leading zeros are allowed, as strtoul allows them.
    """
    if not text or not text.isascii() or not text.isdigit():
        return None
    significant = text.lstrip("0") or "0"
    if len(significant) > len(str(maximum)):
        return None
    value = int(significant)
    return value if value <= maximum else None


BLANKS = " \t\n\v\f\r"  # isspace() in the C locale: what strtoul() and strtoll() skip


def _id_digits(text: str) -> str:
    digits = text.lstrip(BLANKS)
    return digits[1:] if digits.startswith("+") else digits


def account_id(text: str) -> Optional[int]:
    """A UID or GID field of an account file as glibc (``strtoul``) and shadow-utils (``strtoll``) take it:
    leading blanks and one '+' skipped, then decimal digits up to 4294967295; None where both skip the line
    (held to glibc's own parser in tests/test_parsers.py)."""
    return decimal(_id_digits(text))


# The id fields of the account files that have any: (index, kind) of each, as passwd(5) and group(5) order them.
ACCOUNT_IDS = {"group": ((2, "GID"),), "passwd": ((2, "UID"), (3, "GID"))}


def id_out_of_range(file: str, fields: List[str]) -> str:
    """Why a line of account file ``file`` ('group', 'passwd') holds a number no id can be, or "": a UID or
    GID of digits above :data:`ID_MAX`.

    glibc skips such a line, or reads 4294967295, an id setgroups(2) refuses; musl wraps the number
    modulo 2^32 (``atou`` in src/passwd/getgrent_a.c): the same line is a different account to each.
    """
    for index, kind in ACCOUNT_IDS.get(file, ()):
        digits = _id_digits(fields[index]) if index < len(fields) else ""
        if digits.isascii() and digits.isdigit() and decimal(digits, ID_MAX) is None:
            return "{} {} is out of range (0 to {})".format(kind, shown(digits), ID_MAX)
        if digits[:1] == "-" and digits[1:].isascii() and digits[1:].isdigit():  # glibc skips it; strtoll reads it
            return "{} {} is negative (0 to {})".format(kind, shown(digits), ID_MAX)
    return ""


def load_json(data: bytes, path: str) -> Any:
    """JSON from bytes a stranger may have written: ValueError (never RecursionError) for
    anything that is not JSON, nested deeper than :data:`MAX_JSON_DEPTH`, or holding lone
    surrogates (``"\\ud800"`` decodes to a str no UTF-8 output can print); each is replaced by U+FFFD."""
    import json  # here, not at the top: most commands never read JSON from a stranger (make bench)

    try:
        value = json.loads(decode(data))
    except RecursionError:
        raise ValueError("{}: JSON nested too deeply".format(path)) from None
    except ValueError as error:
        raise ValueError("{}: not JSON ({})".format(path, error)) from None
    return _bounded(value, path)


def load_yaml(text: str) -> Any:
    """YAML a stranger may have written (PyYAML's safe loader; ImportError where it is missing): ValueError, with a
    message for after the file's name, for anything that is not YAML, nests too deep, or expands through its aliases
    to more than :data:`MAX_YAML_VALUES` values (a few hundred bytes of nested anchors stand for billions: every later
    walk or message would expand them)."""
    import yaml

    try:
        value = yaml.safe_load(text)
    except RecursionError:
        raise ValueError("not valid YAML (nested too deeply)") from None
    except yaml.YAMLError as error:
        raise ValueError("not valid YAML ({})".format(str(error).splitlines()[0] if str(error) else "")) from None
    pending, seen = [value], 0
    while pending:  # each alias counted as often as it is used, as a walk would meet it
        item = pending.pop()
        seen += 1
        if seen > MAX_YAML_VALUES:
            raise ValueError("its aliases expand to more than {} values; write the values out or use fewer "
                             "nested anchors".format(MAX_YAML_VALUES))
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.values())
    try:
        return _bounded(value, "YAML")
    except ValueError:
        raise ValueError("not valid YAML (nested deeper than {} levels)".format(MAX_JSON_DEPTH)) from None


def _bounded(value: Any, path: str) -> Any:
    """``value`` with every string free of surrogates, checked for depth without recursion. (YAML's keys may be
    null, numbers or booleans: those are kept as they are, for the caller to refuse.)"""
    import re

    root: List[Any] = [value]
    stack: List[Tuple[Any, Any, Any, int]] = [(root, 0, value, 1)]
    while stack:
        parent, key, item, depth = stack.pop()
        if depth > MAX_JSON_DEPTH:
            raise ValueError("{}: JSON nested deeper than {} levels".format(path, MAX_JSON_DEPTH))
        if isinstance(item, str):
            parent[key] = re.sub(_SURROGATE, "\ufffd", item)
        elif isinstance(item, list):
            stack.extend((item, index, child, depth + 1) for index, child in enumerate(item))
        elif isinstance(item, dict):
            clean = {re.sub(_SURROGATE, "\ufffd", k) if isinstance(k, str) else k: v for k, v in item.items()}
            parent[key] = clean
            stack.extend((clean, k, v, depth + 1) for k, v in clean.items())
    return root[0]
