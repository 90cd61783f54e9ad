"""chapters/gz_sz_synergy/patent_data: an export the reader accepts but the patent chapters cannot use (no
address column, no IPC column) is refused before any table is computed, naming the file, the field, why it is
needed and the headers accepted for it."""

from __future__ import annotations

import csv

import pytest

from ai_industry.chapters.gz_sz_synergy import patent_data as pdata
from ai_industry.errors import DataError
from ai_industry.methods import patents as pt

HEADER = ["公开(公告)号", "申请日", "标题", "申请(专利权)人", "申请人地址", "IPC主分类"]
ROW = ["CN1A", "2019-01-01", "一种人工智能方法", "广州甲大学", "广东省广州市天河区五山路1号", "G06N3/08"]


def _export(tmp_path, drop=()):
    keep = [i for i, h in enumerate(HEADER) if h not in drop]
    path = tmp_path / "export.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow([HEADER[i] for i in keep])
        w.writerow([ROW[i] for i in keep])
    return pt.read_export(path)


def test_a_complete_export_passes(tmp_path):
    pdata.require_columns(_export(tmp_path))


@pytest.mark.parametrize(
    "drop, expected",
    [
        (("申请人地址",), ["applicant_address", "placed in cities by address", "申请人地址"]),
        (("IPC主分类",), ["ipc_main or ipc", "subclass", "IPC分类号"]),
    ],
)
def test_a_missing_column_the_chapters_need_is_refused(tmp_path, drop, expected):
    export = _export(tmp_path, drop)  # the reader accepts it: the column is not required for reading
    with pytest.raises(DataError) as exc:
        pdata.require_columns(export)
    msg = str(exc.value)
    assert msg.startswith(str(tmp_path / "export.csv"))
    for part in expected:
        assert part in msg
    assert drop[0] not in msg.split("Headers mapped:")[1]
