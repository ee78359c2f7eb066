"""From what the user named to the files to read: folders walked, glob patterns expanded,
each file once (however it was reached), and why a path is not a file we read."""

from __future__ import annotations

import glob
import os
import stat
from typing import Iterable, Iterator

from . import registry


def iter_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named, the supported files below folders named, and the files a glob pattern
    matches (when the shell left it unexpanded), each once, in a stable order. A name that
    matches nothing, and a folder that cannot be listed, is passed on for `read_path` to
    report."""
    seen: set[str] = set()
    suffixes = registry.supported()
    for path in paths:
        if path == "-":
            yield path
            continue
        for found in _expand(path):
            if not os.path.isdir(found):
                yield from _once(found, seen)
                continue
            if not _first_visit(found, seen):
                continue  # the same folder again (a symlink loop, a pattern and its folder)
            empty = True
            unlisted: list[str] = []
            for root, dirs, files in os.walk(found, onerror=lambda error: unlisted.append(error.filename)):
                dirs.sort()
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for name in sorted(files):
                    if name.lower().endswith(suffixes) and not name.startswith("."):
                        empty = False
                        yield from _once(os.path.join(root, name), seen)
                while unlisted:
                    empty = False
                    yield from _once(unlisted.pop(0), seen)
            for folder in unlisted:  # the named folder itself could not be listed
                yield from _once(folder, seen)
            if empty and not unlisted:
                yield found  # for read_path to report


def _expand(path: str) -> list[str]:
    """What a pattern names, as the folder walk would report it: every match (a broken or
    looping link too, for `read_path` to report), and each folder the pattern goes through
    that cannot be listed (the matches inside it are unknown)."""
    if os.path.lexists(path) or not is_pattern(path):
        return [path]
    matches = {match for match in glob.glob(path, recursive=True) if _named_by_pattern(match)}
    folders = os.path.dirname(path)
    if folders and is_pattern(folders):
        matches.update(folder for folder in glob.glob(folders, recursive=True) if _unlistable(folder))
    elif folders and _unlistable(folders):
        matches.add(folders)
    return sorted(matches) or [path]


def _named_by_pattern(match: str) -> bool:
    """A match that resolves, or a link that is broken where it really is. Not one that
    only fails to resolve because `**` went round a symlink loop until the path was too
    deep (`d/loop/d/loop/…/d/loop`): that one is reached, and read, by a shorter path."""
    if os.path.exists(match):
        return True
    where = os.path.join(os.path.realpath(os.path.dirname(match) or "."), os.path.basename(match))
    return not os.path.exists(where)


def _unlistable(folder: str) -> bool:
    """A folder that cannot be listed (a symlink loop or a dangling link is no folder)."""
    if not os.path.isdir(folder):
        return False
    try:
        os.scandir(folder).close()
    except OSError:
        return True
    return False


def is_pattern(path: str) -> bool:
    return any(char in path for char in "*?[")


def _first_visit(folder: str, seen: set[str]) -> bool:
    key = "dir:" + os.path.realpath(folder)
    if key in seen:
        return False
    seen.add(key)
    return True


def _once(path: str, seen: set[str]) -> Iterator[str]:
    key = os.path.realpath(path)
    if key not in seen:
        seen.add(key)
        yield path


def not_a_file(path: str) -> str | None:
    """Why `path` is not a file we can read (it is missing, a folder with nothing to read,
    a folder we may not list, a device), or None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder" + (" (and no file matches this pattern)" if is_pattern(path) else "")
    except OSError as error:
        return f"cannot read ({error.strerror})"
    if stat.S_ISDIR(mode):
        try:
            os.listdir(path)
        except OSError as error:
            return f"cannot list this folder ({error.strerror})"
        return f"no file to read in this folder ({registry.describe_supported()})"
    if not stat.S_ISREG(mode):
        return "not a regular file"
    return None
