"""Write a file so that the target is either the complete new file or the untouched old one.

A writer saves into a temporary file in the target's own folder (so the final rename never crosses
file systems), the data is flushed to disk, and `os.replace` swaps it in. If anything fails, the
temporary file is removed and a file already at the target stays byte-identical.
"""
from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

from exporters.errors import ExportWriteError


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable; POSIX only (Windows cannot open a folder)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_problem(error: OSError, target: Path) -> ExportWriteError:
    """Turn an OS error into a message that says what to do."""
    folder = target.parent
    if isinstance(error, PermissionError):
        if target.exists():
            message = (
                f"Cannot replace {target}: permission denied. The file may be open in another "
                "program (Excel, Word) or read-only; close it or choose another file name."
            )
        else:
            message = f"Cannot write to {folder}: permission denied. Choose another folder."
    elif isinstance(error, FileNotFoundError):
        message = f"Cannot write to {folder}: the folder does not exist. Choose another folder."
    elif error.errno == errno.ENOSPC:
        message = (
            f"Cannot write {target.name}: the disk is full. "
            "Free some space or choose another folder."
        )
    elif error.errno == errno.EROFS:
        message = f"Cannot write to {folder}: the drive is read-only. Choose another folder."
    else:
        reason = error.strerror or str(error)
        message = f"Cannot write {target}: {reason}. Choose another folder or file name."
    return ExportWriteError(message, path=target)


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success move it onto `target`.

    Write the whole file to the yielded path. When the block ends normally the file is synced and
    renamed over `target`. When the block raises, the temporary file is removed and the exception
    goes on (an `OSError` becomes an `ExportWriteError` with advice); `target` is left as it was.
    """
    target = Path(target)
    if target.is_dir():
        raise ExportWriteError(
            f"Cannot write {target}: it is a folder. Choose a file name.", path=target
        )
    try:
        temp = _create_temp_beside(target)
    except OSError as error:
        raise _write_problem(error, target) from error
    try:
        yield temp
        _fsync_file(temp)
        _keep_mode(target, temp)
        os.replace(temp, target)
    except OSError as error:
        _remove_quietly(temp)
        raise _write_problem(error, target) from error
    except BaseException:
        _remove_quietly(temp)
        raise
    # The file is in place; only the durability of the rename is left to ask for.
    with contextlib.suppress(OSError):
        _fsync_folder(target.parent)


def _create_temp_beside(target: Path) -> Path:
    """Create an empty, uniquely named file next to `target`.

    Unlike `tempfile.mkstemp` (always 0600), the file gets 0666 less the umask, as a normal save
    would; `_keep_mode` later gives it the mode of the file it replaces.
    """
    for _attempt in range(100):
        temp = target.parent / f".{target.stem}.{secrets.token_hex(4)}.part{target.suffix}"
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return temp
    raise FileExistsError(errno.EEXIST, "no free temporary file name", str(target.parent))


def _keep_mode(target: Path, temp: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.chmod(temp, stat.S_IMODE(target.stat().st_mode))


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
