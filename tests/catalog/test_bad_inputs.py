"""The bad-input matrix for published transcriptions: each corruption of a raw CSV stops its prepare step with
a message naming file, row (real file line), column, rule and value, and leaves no interim or processed file
behind. Run in-process on a copy of the project's raw data."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ai_industry.catalog import datasets as catalog
from ai_industry.errors import DataError
from ai_industry.pipeline import steps

IND = "published/china-ai-industry-2022/china_indicators"
DIST = "published/ai-clusters-2023/enterprise_distribution"
RANK = "published/ai-clusters-2023/competitiveness_ranking"
POLICY = "published/china-ai-industry-2022/policy_timeline"


@pytest.fixture(scope="module")
def project(repo, tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-inputs")
    shutil.copytree(repo / "config", root / "config")
    shutil.copytree(repo / "data" / "raw", root / "data" / "raw", ignore=shutil.ignore_patterns("_parts"))
    return root


def _raw(root: Path, ds: str) -> Path:
    return catalog.source(ds, root).raw_path(root)


def _lines(root: Path, ds: str) -> list[str]:
    return _raw(root, ds).read_text(encoding="utf-8").split("\n")


def _edit_cell(root: Path, ds: str, row: int, column: str, value: str) -> bytes:
    lines = _lines(root, ds)
    header = lines[0].split(",")
    cells = lines[row].split(",")
    cells[header.index(column)] = value
    lines[row] = ",".join(cells)
    return "\n".join(lines).encode("utf-8")


def _gb_rows(root: Path, ds: str, from_row: int) -> bytes:
    lines = _lines(root, ds)
    head = "\n".join(lines[:from_row]).encode("utf-8")
    return head + b"\n" + "\n".join(lines[from_row:]).encode("gb18030")


# (case id, dataset, how to corrupt -> new bytes or None to delete / "DIR" for a folder, expected message parts)
CASES = [
    (
        "share-over-100-in-mixed-units",
        IND,
        lambda r: _edit_cell(r, IND, 3, "value", "333.3"),
        ["row 3 (file line 4)", "'value'", "share in percent must lie in 0..100", "333.3"],
    ),
    ("infinite-number", IND, lambda r: _edit_cell(r, IND, 2, "value", "inf"), ["not a finite number", "'inf'"]),
    ("absurd-magnitude", IND, lambda r: _edit_cell(r, IND, 2, "value", "1e308"), ["implausibly large", "1e308"]),
    ("nan-literal", IND, lambda r: _edit_cell(r, IND, 2, "value", "nan"), ["not a number (float)", "'nan'"]),
    ("text-in-number", IND, lambda r: _edit_cell(r, IND, 2, "value", "八十二"), ["not a number", "八十二"]),
    (
        "negative-count",
        DIST,
        lambda r: _edit_cell(r, DIST, 1, "base_count", "-2200"),
        ["row 1 (file line 2)", "'base_count'", "-2200"],
    ),
    ("fraction-in-integer", DIST, lambda r: _edit_cell(r, DIST, 1, "rank", "1.5"), ["not a whole number", "'rank'"]),
    ("header-only", DIST, lambda r: (_lines(r, DIST)[0] + "\n").encode(), ["header but no data rows"]),
    ("empty-file", DIST, lambda r: b"", ["the file is empty"]),
    (
        "key-duplicated-by-a-space",
        DIST,
        lambda r: _edit_cell(r, DIST, 2, "region", " 长江三角洲"),
        ["leading or trailing spaces", "duplicate key: same as row 1"],
    ),
    (
        "key-duplicated-in-full-width",
        RANK,
        lambda r: _edit_cell(r, RANK, 2, "region", "北京市\u3000"),
        ["duplicate key: same as row 1", "NFKC"],
    ),
    ("exact-duplicate-key", DIST, lambda r: _edit_cell(r, DIST, 2, "region", "长江三角洲"), ["duplicate key"]),
    (
        "sum-over-its-bound",
        DIST,
        lambda r: _edit_cell(r, DIST, 1, "share_pct", "80.95"),
        ["the sum is", "level=metro_region"],
    ),
    (
        "rank-out-of-order",
        DIST,
        lambda r: _edit_cell(r, DIST, 3, "share_pct", "29.40"),
        ["rank 3 has share_pct 29.4 but row 2"],
    ),
    (
        "missing-column",
        DIST,
        lambda r: "\n".join(",".join(ln.split(",")[:-1]) for ln in _lines(r, DIST)).encode(),
        ["required column is missing", "'seed_line'"],
    ),
    (
        "undeclared-column",
        DIST,
        lambda r: "\n".join(ln + (",x" if ln else "") for ln in _lines(r, DIST)).encode(),
        ["column not declared in sources.yaml"],
    ),
    ("mixed-utf8-and-gb18030-rows", POLICY, lambda r: _gb_rows(r, POLICY, 5), ["mixes encodings", "GB18030"]),
    (
        "bytes-in-no-encoding",
        POLICY,
        lambda r: _raw(r, POLICY).read_bytes() + b"2021,1,9,\xff\xfe\xfa\xfb,1\n",
        ["neither UTF-8 nor GB18030"],
    ),
    (
        "quoted-cell-spanning-lines",
        POLICY,
        lambda r: (
            _raw(r, POLICY)
            .read_bytes()
            .replace(b"\n2016,4,1,", b"\n2016,x,1,", 1)
            .replace(b"2015,7,2,", b'2015,7,2,"two\nlines ', 1)
            .replace("意见,285".encode(), '意见",285'.encode(), 1)
        ),
        ["row 3 (file line 5)", "'month'", "not a number"],
    ),
    ("raw-file-deleted", DIST, lambda r: None, ["the raw file is missing"]),
    ("folder-instead-of-file", DIST, lambda r: "DIR", ["a folder stands there"]),
    (
        # a decimal comma in the first data row: pandas would take the first column as the index and shift
        # every value one column to the right without a word
        "unquoted-comma-in-first-row",
        DIST,
        lambda r: _edit_cell(r, DIST, 1, "share_pct", "30,95"),
        ["row 1 (file line 2)", "7 cells where the header has 6", "quote the cell"],
    ),
    (
        "unquoted-comma-in-a-later-row",
        DIST,
        lambda r: _edit_cell(r, DIST, 4, "share_pct", "9,12"),
        ["row 4 (file line 5)", "7 cells where the header has 6"],
    ),
    (
        "row-with-a-cell-missing",
        DIST,
        lambda r: "\n".join(ln.rsplit(",", 1)[0] if i == 3 else ln for i, ln in enumerate(_lines(r, DIST))).encode(
            "utf-8"
        ),
        ["row 3 (file line 4)", "5 cells where the header has 6"],
    ),
]


@pytest.mark.parametrize(("case", "ds", "corrupt", "expected"), CASES, ids=[c[0] for c in CASES])
def test_bad_input_stops_its_step_with_a_message_and_no_output(project, case, ds, corrupt, expected):
    raw = _raw(project, ds)
    original = raw.read_bytes()
    new = corrupt(project)
    for out in (catalog.interim_path(ds, project), catalog.processed_path(ds, project)):
        out.unlink(missing_ok=True)
    try:
        if new is None:
            raw.unlink()
        elif new == "DIR":
            raw.unlink()
            raw.mkdir()
        else:
            raw.write_bytes(new)
        with pytest.raises(DataError) as err:
            steps.prepare_published(ds, project)
        msg = str(err.value)
        assert msg.startswith(str(Path("data/raw/published") / catalog.source(ds, project).file)), msg
        for part in expected:
            assert part in msg, f"{case}: {part!r} not in:\n{msg}"
        assert len(msg.splitlines()) <= 22  # stated once, at most 20 problems listed
        assert not catalog.processed_path(ds, project).exists()
        assert not list(project.glob("data/**/.*.tmp"))
    finally:
        if raw.is_dir():
            raw.rmdir()
        raw.write_bytes(original)


def test_a_whole_gb18030_file_is_read_correctly(project):
    raw = _raw(project, POLICY)
    original = raw.read_bytes()
    try:
        raw.write_bytes(original.decode("utf-8").encode("gb18030"))
        df = steps.prepare_published(POLICY, project)
        assert "中国制造2025" in set(df["policy"])
    finally:
        raw.write_bytes(original)


def test_the_fast_utf8_path_of_encoding_detection_decides_as_the_line_by_line_one(monkeypatch):
    """A body that decodes as UTF-8 is judged with the non-ASCII part of each line scored once (2,000,000-row
    files in seconds, not minutes): the encoding chosen, or the error raised, is the same as line by line."""
    import pytest

    from ai_industry import io as aio

    utf8 = "id,name\n1,华为\n2,腾讯\n".encode()
    gb = "id,name\n1,华为\n2,腾讯\n".encode("gb18030")
    samples = [
        utf8,
        b"\xef\xbb\xbf" + utf8,
        gb,
        utf8 + "3,大数据和云计算\n".encode("gb18030"),  # mixed: refused
        "a,b\n1,éà\n2,ü\n".encode(),
        "a\n" + "锟斤拷烫烫烫\n" * 3,
        b"a\n" + "娴嬭瘯".encode("gb18030") + "\n中文\n".encode(),
    ]
    samples = [s.encode() if isinstance(s, str) else s for s in samples]

    def decide(data):
        try:
            return aio.detect_encoding(data)
        except aio.EncodingProblem as exc:
            return f"refused: {exc}"

    fast = [decide(s) for s in samples]
    monkeypatch.setattr(aio, "_plain_utf8", lambda body: False)
    assert fast == [decide(s) for s in samples]
    monkeypatch.setattr(aio, "_line_kinds_utf8", lambda body: None)
    assert fast == [decide(s) for s in samples]
    assert fast[0] == "utf-8-sig" and fast[2] == "gb18030" and fast[3].startswith("refused: the file mixes")
    with pytest.raises(aio.EncodingProblem):
        aio.detect_encoding(b"a\n\xff\xfe\xfd\n")


def test_a_utf8_text_without_an_unlikely_character_is_one_whose_every_line_scores_full():
    """The one-scan shortcut of encoding detection (`_plain_utf8`) says 'no character lowers a score' exactly when
    every line's non-ASCII text scores 1.0 — checked on random lines drawn from ASCII, common and rare ideographs,
    Latin, Greek, symbols, emoji and mojibake."""
    import random

    from ai_industry import io as aio

    pool = (
        list("ab,1 \r")
        + list("华为腾讯人工智能")
        + list("锟斤拷烫娴嬭瘯")
        + list("éüαЖ①、，（）")
        + ["😀", "\u3000", "\ufeff"]
    )
    rng = random.Random(16)
    for _ in range(400):
        lines = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 6))) for _ in range(rng.randint(1, 4))]
        full = all(aio._text_score(line) == 1.0 for line in lines)
        assert aio._plain_utf8("\n".join(lines).encode()) == full, lines
    assert not aio._plain_utf8("中文".encode("gb18030"))


# text tables that are plain (Arrow reads them) and that are not (read as without Arrow), in two encodings
ARROW_CASES = {
    "plain": "a,b\n1,2\n3,4\n",
    "no final line end": "a,b\n1,2\n3,4",
    "CRLF": "a,b\r\n1,2\r\n3,4\r\n",
    "quoted": 'a,b\n"x,y",2\n"he said ""hi""",4\n',
    "quote inside a cell": 'a,b\nab"c,2\n"ab"c,4\n',
    "line break in a quoted cell": 'a,b,c\n1,"x\ny",2\n',
    "line break alone in a quoted cell": 'a,b\n1,"\n",2\n',
    "blank line": "a,b\n1,2\n\n3,4\n",
    "a row too wide": "a,b\n1,2,3\n",
    "a row too narrow": "a,b\n1\n",
    "spaces": "a,b\n 1 , 2 \n",
    "empty cells": "a,b\n,\n,x\n",
    "header only": "a,b\n",
    "repeated header": "a,a\n1,2\n",
    "empty header name": "a,\n1,2\n",
    "BOM": "\ufeffa,b\n1,中文\n",
    "CR line ends": "a,b\r1,2\r3,4\r",
    "one column": 'a\n"x\ny"\n',
}


@pytest.mark.parametrize("case", sorted(ARROW_CASES))
@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_reading_a_text_table_with_arrow_gives_the_same_cells_lines_and_errors(tmp_path, case, encoding):
    """`read_text_table(arrow=True)` (the firm database's 2,000,000-row files) equals the pandas reading: columns,
    cells, dtypes, each row's file line, or the error."""
    from ai_industry import io as aio
    from ai_industry.errors import DataError

    path = tmp_path / "t.csv"
    path.write_bytes(ARROW_CASES[case].encode(encoding))

    def reading(arrow):
        try:
            df = aio.read_text_table(path, arrow=arrow)
        except DataError as exc:
            return str(exc)
        return list(df.columns), df.astype(object).values.tolist(), df.attrs.get("row_lines"), list(df.dtypes)

    assert reading(True) == reading(False)
