"""atomic_output: the target is the complete new file or the untouched old one."""
from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from exporters.atomic_write import atomic_output
from exporters.errors import ExportWriteError

Leftovers = Callable[..., list[str]]


def test_success_replaces_the_target_and_leaves_no_temp(
    tmp_path: Path, leftovers: Leftovers
) -> None:
    target = tmp_path / "out.xlsx"
    target.write_bytes(b"old")
    with atomic_output(target) as temp:
        assert temp.parent == tmp_path and temp != target
        temp.write_bytes(b"new content")
    assert target.read_bytes() == b"new content"
    assert leftovers(tmp_path, "out.xlsx") == []


def test_new_file_gets_normal_permissions_not_0600(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    old_umask = os.umask(0o022)
    try:
        with atomic_output(target) as temp:
            temp.write_bytes(b"x")
    finally:
        os.umask(old_umask)
    assert target.stat().st_mode & 0o777 == 0o644


def test_replacing_keeps_the_old_file_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    target.chmod(0o640)
    with atomic_output(target) as temp:
        temp.write_bytes(b"new")
    assert target.stat().st_mode & 0o777 == 0o640


def test_exception_mid_write_keeps_the_old_file_byte_identical(
    tmp_path: Path, leftovers: Leftovers
) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"the approved version")
    with pytest.raises(RuntimeError, match="boom"), atomic_output(target) as temp:
        temp.write_bytes(b"half a fi")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"the approved version"
    assert leftovers(tmp_path, "pack.docx") == []


def test_disk_full_becomes_an_actionable_write_error(tmp_path: Path, leftovers: Leftovers) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"old")
    with pytest.raises(ExportWriteError, match="disk is full") as caught, \
            atomic_output(target) as temp:
        temp.write_bytes(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.path == target
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, "pack.docx") == []


def test_missing_folder_says_so(tmp_path: Path) -> None:
    target = tmp_path / "no such folder" / "pack.docx"
    with pytest.raises(ExportWriteError, match="does not exist. Choose another folder"), \
            atomic_output(target):
        pytest.fail("the block must not run")


def test_unwritable_folder_says_permission_denied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Tests may run as root, where chmod does not stop writes: fail the create itself.
    def refuse(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    target = tmp_path / "pack.docx"
    with pytest.raises(ExportWriteError) as caught, atomic_output(target):
        pytest.fail("the block must not run")
    assert str(caught.value) == (
        f"Cannot write to {tmp_path}: permission denied. Choose another folder."
    )


def test_target_open_elsewhere_keeps_it_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leftovers: Leftovers
) -> None:
    target = tmp_path / "pack.docx"
    target.write_bytes(b"old")

    def locked(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportWriteError, match="may be open in another program"), \
            atomic_output(target) as temp:
        temp.write_bytes(b"new")
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path, "pack.docx") == []


def test_target_that_is_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportWriteError, match="it is a folder"), atomic_output(tmp_path):
        pytest.fail("the block must not run")
