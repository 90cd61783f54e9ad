"""Expected conditions end in one line, not a traceback: a full or read-only disk, bad --out folders."""

from __future__ import annotations

import errno
import sys

import pytest

from ai_industry import cli
from ai_industry.errors import ConfigError
from ai_industry.pipeline.layout import new_run_folder


def test_a_full_disk_is_one_line(monkeypatch, capsys):
    def full(*_a, **_k):
        raise OSError(errno.ENOSPC, "No space left on device", "reports/html/zh/x.html")

    monkeypatch.setattr(cli, "project_root", full)
    monkeypatch.setattr(sys, "argv", ["ai-industry", "list"])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "reports/html/zh/x.html: No space left on device (the disk is full" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_run_folders_are_unique_and_never_the_main_build(tmp_path):
    root = tmp_path / "project"
    (root / "reports").mkdir(parents=True)
    a = new_run_folder(root, "r", "01_s")
    b = new_run_folder(root, "r", "01_s")
    assert a != b and a.parent == b.parent == root / "runs" / "r"
    for bad in (root / "reports", root / "reports" / "x", root, tmp_path, root / "data" / "y", "/etc/ai-run"):
        with pytest.raises(ConfigError):
            new_run_folder(root, "r", "01_s", bad)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "f").write_text("x")
    with pytest.raises(ConfigError, match="new or empty"):
        new_run_folder(root, "r", "01_s", busy)
    assert new_run_folder(root, "r", "01_s", tmp_path / "fresh") == (tmp_path / "fresh").resolve()


def test_a_parameter_given_twice_is_refused_before_anything_runs(monkeypatch, capsys):
    monkeypatch.setattr(
        sys, "argv", ["ai-industry", "run", "ai-clusters-2023/geography", "-p", "top_n=3", "-p", "top_n=4"]
    )
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "parameter 'top_n' is given twice ('3' and '4')" in err and "Traceback" not in err


def test_help_shows_flags_as_flags(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["ai-industry", "build", "--help"])
    with pytest.raises(SystemExit):
        cli.main()
    out = capsys.readouterr().out
    assert "--force " in out and "<bool>" not in out and "--verbose" in out
