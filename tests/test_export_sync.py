"""A folder export is on disk before it is renamed into place: one syncfs where Linux has
it, else (or when it fails) an fsync per file."""

from __future__ import annotations

import os

import pytest

from library.exchange import atomic


@pytest.fixture
def folder(tmp_path):
    for name in ("a.txt", "b.ann"):
        (tmp_path / name).write_bytes(b"x")
    return tmp_path


def test_one_syncfs_for_the_whole_folder(folder, monkeypatch):
    calls, fsyncs = [], []
    monkeypatch.setattr(atomic, "_syncfs", lambda: lambda fd: calls.append(fd) or 0)
    monkeypatch.setattr(atomic.os, "fsync", fsyncs.append)
    atomic.sync_files(folder, ["a.txt", "b.ann"])
    assert len(calls) == 1 and fsyncs == []


@pytest.mark.parametrize("syncfs", [None, lambda fd: -1])
def test_each_file_is_fsynced_without_a_working_syncfs(folder, monkeypatch, syncfs):
    fsyncs = []
    real = os.fsync
    monkeypatch.setattr(atomic, "_syncfs", lambda: syncfs)
    monkeypatch.setattr(atomic.os, "fsync", lambda fd: fsyncs.append(fd) or real(fd))
    atomic.sync_files(folder, ["a.txt", "b.ann"])
    assert len(fsyncs) == 2


def test_syncfs_is_found_on_linux():
    if os.uname().sysname != "Linux":
        pytest.skip("syncfs(2) is Linux's")
    assert atomic._syncfs() is not None
