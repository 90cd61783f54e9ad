"""Which patents are AI patents (keywords in title/abstract, IPC rules) and what kind each applicant is (names)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ai_industry.errors import ConfigError
from ai_industry.methods.patents._arrow import _arrow, _mask, _re2_escape
from ai_industry.methods.patents.read import _ipc_clean
from ai_industry.methods.patents.rules import (
    AIRule,
    ApplicantTypeRules,
    TypeRule,
    _threads,
    load_ai_rules,
    load_applicant_type_rules,
)

# ---- AI identification ------------------------------------------------------------------------------------------
ENGINES = ("polars", "aho", "re2")


@dataclass
class AIIdentification:
    """Which rules matched each patent (`matches`: bool column per rule id), whether it is an AI patent (`is_ai`),
    how many rules matched (`n_rules`) and what each rule contributed (`summary`, one row per rule)."""

    matches: pd.DataFrame
    is_ai: pd.Series
    n_rules: pd.Series
    summary: pd.DataFrame
    params: dict[str, Any] = field(default_factory=dict)


def _zh_regex(terms: Sequence[str]) -> str:
    return "|".join(_re2_escape(t) for t in terms)


def _en_regex(terms: Sequence[str]) -> str:
    alts = [re.sub(r"(\\ |\\-|-| )+", r"[\\s\\-]+", _re2_escape(t)) for t in terms]
    return r"(?i)\b(?:" + "|".join(alts) + ")"


def _en_regex_rust(terms: Sequence[str]) -> str:
    """`_en_regex` for Rust's regex crate (the polars engine), read as RE2 reads `_en_regex`: an ASCII word
    boundary and RE2's ASCII whitespace ([\\t\\n\\f\\r ]), where Rust's `\\b` and `\\s` would be Unicode."""
    alts = [re.sub(r"(\\ |\\-|-| )+", lambda _: r"[\t\n\f\r \-]+", _re2_escape(t)) for t in terms]
    return r"(?i)(?-u:\b)(?:" + "|".join(alts) + ")"


def _ipc_regex(codes: Sequence[str]) -> str:
    alts = []
    for c in codes:
        if len(c) == 4:
            alts.append(c)
        else:
            alts.append(f"{c[:4]}0*{c[4:]}/")
    return r"(?:^|[^A-Z0-9])(?:" + "|".join(alts) + ")"


def _match_jobs(
    arr: pa.ChunkedArray, patterns: list[tuple[int, str]], pool: ThreadPoolExecutor
) -> dict[int, np.ndarray]:
    """Rule index -> bool mask of `arr` rows matching its pattern. One combined pass first: when under half the
    rows can match at all, the per-rule passes run only on those rows."""
    n = len(arr)
    if not patterns or n == 0:
        return {i: np.zeros(n, bool) for i, _ in patterns}
    if len(patterns) > 1:
        flags = "(?i)" if all(p.startswith("(?i)") for _, p in patterns) else ""
        combined = flags + "|".join(f"(?:{p[4:] if flags else p})" for _, p in patterns)
        cand = _mask(pc.match_substring_regex(arr, pattern=combined))
        idx = np.flatnonzero(cand)
        if len(idx) < n // 2:
            sub = arr.take(pa.array(idx))

            def run_sub(item: tuple[int, str]) -> tuple[int, np.ndarray]:
                out = np.zeros(n, bool)
                out[idx] = _mask(pc.match_substring_regex(sub, pattern=item[1]))
                return item[0], out

            return dict(pool.map(run_sub, patterns))

    def run(item: tuple[int, str]) -> tuple[int, np.ndarray]:
        return item[0], _mask(pc.match_substring_regex(arr, pattern=item[1]))

    return dict(pool.map(run, patterns))


def _aho_masks(arr: pa.ChunkedArray, rule_terms: list[tuple[int, tuple[str, ...]]]) -> dict[int, np.ndarray]:
    """Rule index -> bool mask of `arr` rows containing any of its terms, by one Aho-Corasick pass (pyahocorasick)
    over each Arrow chunk's text buffer: matches are mapped back to rows by the chunk's offsets (a match that
    would straddle two cells is dropped). No per-row Python; the Python work is per match."""
    import ahocorasick

    n = len(arr)
    out = {i: np.zeros(n, bool) for i, _ in rule_terms}
    auto = ahocorasick.Automaton()
    owners: dict[str, list[int]] = {}
    for i, terms in rule_terms:
        for t in terms:
            owners.setdefault(t, []).append(i)
    if not owners:
        return out
    for t, ids in owners.items():
        auto.add_word(t, (len(t), tuple(ids)))
    auto.make_automaton()
    row0 = 0
    for chunk in arr.chunks:
        m = len(chunk)
        if m == 0:
            continue
        if chunk.null_count:
            chunk = pc.fill_null(chunk, "")
        width = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
        offs = np.frombuffer(chunk.buffers()[1], dtype=width)[chunk.offset : chunk.offset + m + 1]
        data = chunk.buffers()[2]
        if data is None or offs[-1] == offs[0]:
            row0 += m
            continue
        text = data.to_pybytes()[int(offs[0]) : int(offs[-1])].decode("utf-8")
        starts = np.r_[0, np.cumsum(pc.utf8_length(chunk).to_numpy(zero_copy_only=False), dtype=np.int64)]
        ends, lens, ids = [], [], []
        for end, (length, rid) in auto.iter(text):
            ends.append(end)
            lens.append(length)
            ids.append(rid)
        if ends:
            e = np.asarray(ends, dtype=np.int64)
            row = np.searchsorted(starts, e, side="right") - 1
            ok = e - np.asarray(lens, dtype=np.int64) + 1 >= starts[row]
            for k in np.flatnonzero(ok):
                for i in ids[k]:
                    out[i][row0 + row[k]] = True
        row0 += m
    return out


def _selected_rules(rules: Sequence[AIRule] | Path | str | None, groups: Sequence[str]) -> list[AIRule]:
    """The enabled rules of `groups` (`rules` None or a path: loaded from that rules file, default the seed's)."""
    if rules is None or isinstance(rules, (str, Path)):
        rules = load_ai_rules(rules)
    selected = [r for r in rules if r.enabled and r.group in groups]
    if not selected:
        raise ConfigError(
            f"identify_ai: no enabled rule in groups {list(groups)} "
            f"(groups in the rules: {sorted({r.group for r in rules})})"
        )
    return selected


def _polars_masks(
    columns: list[pa.ChunkedArray], jobs: list[list[tuple[int, tuple[str, ...], str | None]]]
) -> list[dict[int, np.ndarray]]:
    """For each column, rule index -> bool mask of its rows that contain one of the job's literal terms (polars'
    `str.contains_any`, Aho-Corasick) or match its regex (`str.contains`, Rust's regex crate); null = False. One
    polars select over all the columns, whose expressions polars runs on its own thread pool."""
    import polars as pl

    frame = pl.DataFrame({f"f{k}": pl.from_arrow(a) for k, a in enumerate(columns)})
    out: list[dict[int, np.ndarray]] = [{} for _ in columns]
    exprs, keys = [], []
    for k, items in enumerate(jobs):
        col = pl.col(f"f{k}")
        for i, terms, regex in items:
            parts = [col.str.contains_any(list(terms))] if terms else []
            parts += [col.str.contains(regex)] if regex is not None else []
            if not parts:
                out[k][i] = np.zeros(frame.height, bool)
                continue
            expr = parts[0] | parts[1] if len(parts) == 2 else parts[0]
            exprs.append(expr.fill_null(False).alias(f"m{len(keys)}"))
            keys.append((k, i))
    if exprs:
        result = frame.select(exprs)
        for j, (k, i) in enumerate(keys):
            out[k][i] = result.get_column(f"m{j}").to_numpy()
    return out


def _polars_field_masks(
    patents: pd.DataFrame, selected: list[AIRule], kw: list[str], ipc: list[str], languages: Sequence[str]
) -> dict[str, dict[int, np.ndarray]]:
    """`_field_masks` by polars: Chinese terms by `str.contains_any` (empty terms skipped, as the Aho-Corasick
    engine skips them), English terms and IPC codes by the Rust forms of the RE2 regexes."""
    zh, en = "zh" in languages, "en" in languages
    kw_jobs = [
        (i, tuple(t for t in r.zh if t) if zh else (), _en_regex_rust(r.en) if en and r.en else None)
        for i, r in enumerate(selected)
        if (zh and r.zh) or (en and r.en)
    ]
    ipc_jobs = [(i, (), _ipc_regex(r.ipc)) for i, r in enumerate(selected) if r.ipc]
    columns = [_arrow(patents[f]) for f in kw] + [_ipc_clean(_arrow(patents[f])) for f in ipc]
    got = _polars_masks(columns, [kw_jobs] * len(kw) + [ipc_jobs] * len(ipc))
    return dict(zip(kw + ipc, got))


def _field_masks(
    patents: pd.DataFrame,
    selected: list[AIRule],
    fields: Sequence[str],
    ipc_fields: Sequence[str],
    languages: Sequence[str],
    engine: str,
    threads: int | None,
) -> tuple[dict[str, dict[int, np.ndarray]], str]:
    """Field -> rule index -> bool mask of the patents whose field matches the rule: keyword rules on `fields`,
    IPC rules on `ipc_fields` (fields the patents lack are skipped); and the engine that ran."""
    kw = [f for f in fields if f in patents.columns and any(r.zh or r.en for r in selected)]
    ipc = [f for f in ipc_fields if f in patents.columns and any(r.ipc for r in selected)]
    if engine == "polars":
        import polars as pl

        try:
            return _polars_field_masks(patents, selected, kw, ipc, languages), engine
        except pl.exceptions.ComputeError:
            engine = "aho"  # a regex past the regex crate's size limit (10 MB compiled; RE2's is larger)
    per_field: dict[str, dict[int, np.ndarray]] = {}
    with ThreadPoolExecutor(max_workers=threads or _threads()) as pool:
        for fld in kw:
            arr = _arrow(patents[fld])
            got: dict[int, np.ndarray] = {}
            if "zh" in languages and engine == "aho":
                got.update(_aho_masks(arr, [(i, r.zh) for i, r in enumerate(selected) if r.zh]))
            elif "zh" in languages:
                got.update(_match_jobs(arr, [(i, _zh_regex(r.zh)) for i, r in enumerate(selected) if r.zh], pool))
            if "en" in languages:
                en = _match_jobs(arr, [(i, _en_regex(r.en)) for i, r in enumerate(selected) if r.en], pool)
                for i, m in en.items():
                    got[i] = got[i] | m if i in got else m
            per_field[fld] = got
        for fld in ipc:
            arr = _ipc_clean(_arrow(patents[fld]))
            per_field[fld] = _match_jobs(arr, [(i, _ipc_regex(r.ipc)) for i, r in enumerate(selected) if r.ipc], pool)
    return per_field, engine


def _ai_mask(mat: np.ndarray, selected: list[AIRule], how: str) -> np.ndarray:
    """AI patents from the rule matrix: any rule matches (`how="any"`) or every selected group has a match."""
    n = len(mat)
    if how == "any":
        is_ai = mat.any(axis=1)
    else:
        is_ai = np.ones(n, bool)
        for g in dict.fromkeys(r.group for r in selected):
            cols = [i for i, r in enumerate(selected) if r.group == g]
            is_ai &= mat[:, cols].any(axis=1)
    return is_ai


def _rule_summary(
    selected: list[AIRule],
    mat: np.ndarray,
    n_rules: np.ndarray,
    is_ai: np.ndarray,
    per_field: dict[str, dict[int, np.ndarray]],
) -> list[dict[str, Any]]:
    """One row per rule, in rule order: its terms, the patents and AI patents it matches (in all and per field),
    those only it matches, those it adds in rule order, and its share of the AI patents."""
    only = mat & (n_rules == 1)[:, None]
    covered = np.zeros(len(mat), bool)
    rows = []
    total_ai = int(is_ai.sum())
    for i, r in enumerate(selected):
        m = mat[:, i]
        new = m & ~covered & is_ai
        covered |= m & is_ai
        row = {
            "rule": r.id,
            "group": r.group,
            "label_zh": r.label_zh,
            "label_en": r.label_en,
            "terms": " | ".join(r.zh + r.en + r.ipc),
            "patents_matched": int(m.sum()),
            "ai_patents_matched": int((m & is_ai).sum()),
        }
        for fld, got in per_field.items():
            row[f"matched_in_{fld}"] = int(got[i].sum()) if i in got else 0
        row.update(
            {
                "only_this_rule": int((only[:, i] & is_ai).sum()),
                "added_in_order": int(new.sum()),
                "share_of_ai_pct": 100.0 * int((m & is_ai).sum()) / total_ai if total_ai else float("nan"),
            }
        )
        rows.append(row)
    return rows


def identify_ai(
    patents: pd.DataFrame,
    rules: Sequence[AIRule] | Path | str | None = None,
    *,
    groups: Sequence[str] = ("keyword",),
    fields: Sequence[str] = ("title", "abstract"),
    ipc_fields: Sequence[str] = ("ipc_main", "ipc"),
    languages: Sequence[str] = ("zh", "en"),
    how: str = "any",
    engine: str = "polars",
    threads: int | None = None,
) -> AIIdentification:
    """Identify AI patents by rules (default: the seed's 22 keywords in title and abstract).

    `groups`: rule groups to use ("keyword", "ipc", or your own); `how`: "any" = AI when any selected rule
    matches, "all_groups" = when every selected group has a matching rule (e.g. keyword AND ipc). Keyword rules
    match `fields`; IPC rules match `ipc_fields`. `engine="polars"` (default): Chinese terms by polars'
    `str.contains_any` (Aho-Corasick) and English terms and IPC codes by `str.contains` (Rust's regex crate, the
    RE2 regexes with RE2's ASCII word boundary and whitespace), one expression per rule and field, all run in one
    polars select on polars' thread pool (`threads` does not apply). The reference engines, whose results the
    polars engine reproduces: `engine="aho"` finds Chinese terms by one Aho-Corasick pass per field (pyahocorasick
    over Arrow's text buffers), `engine="re2"` by one RE2 regex per rule (Arrow); both find English terms and IPC
    codes by one RE2 regex per rule, after one combined pass that skips the rows none can match, on `threads`
    threads (default 2); the polars engine falls back to "aho" when polars cannot compile a regex (a rule of many
    thousand English terms). No per-row Python loop."""
    if how not in ("any", "all_groups"):
        raise ConfigError(f"identify_ai: how must be 'any' or 'all_groups', not {how!r}")
    if engine not in ENGINES:
        raise ConfigError(f"identify_ai: engine must be one of {list(ENGINES)}, not {engine!r}")
    selected = _selected_rules(rules, groups)
    n = len(patents)
    per_field, used = _field_masks(patents, selected, fields, ipc_fields, languages, engine, threads)
    mat = np.zeros((n, len(selected)), dtype=bool)
    for got in per_field.values():
        for i, m in got.items():
            mat[:, i] |= m
    is_ai = _ai_mask(mat, selected, how)
    n_rules = mat.sum(axis=1)
    rows = _rule_summary(selected, mat, n_rules, is_ai, per_field)
    total_ai = int(is_ai.sum())
    index = patents.index
    matches = pd.DataFrame(mat, columns=[r.id for r in selected], index=index)
    params = {
        "groups": list(groups),
        "fields": list(fields),
        "ipc_fields": list(ipc_fields),
        "languages": list(languages),
        "how": how,
        "engine": used,  # the engine that ran ("aho" where "polars" could not compile a rule's regex)
        "rules": [r.id for r in selected],
        "patents": n,
        "ai_patents": total_ai,
    }
    return AIIdentification(
        matches,
        pd.Series(is_ai, index=index, name="is_ai"),
        pd.Series(n_rules.astype(np.int16), index=index, name="n_rules"),
        pd.DataFrame(rows),
        params,
    )


# ---- applicant types ---------------------------------------------------------------------------------------------
_TRAILING_BRACKETS = r"(?:\s*[（(\[【][^（()）\]】]*[)）\]】])+\s*$"


def _type_rule_mask(arr: pa.ChunkedArray, stripped: pa.ChunkedArray, rule: TypeRule) -> np.ndarray:
    m = np.zeros(len(arr), bool)
    flag = "(?i)" if rule.ignore_case else ""
    if rule.ends_with:
        m |= _mask(pc.match_substring_regex(stripped, pattern=flag + "(?:" + _zh_regex(rule.ends_with) + r")\s*$"))
    if rule.contains:
        m |= _mask(pc.match_substring_regex(arr, pattern=flag + _zh_regex(rule.contains)))
    if rule.regex:
        try:
            m |= _mask(pc.match_substring_regex(arr, pattern=rule.regex))
        except pa.ArrowInvalid as exc:
            raise ConfigError(f"applicant type rule '{rule.id}': bad regex {rule.regex!r} ({exc})") from None
    return m


def classify_applicants(
    names: pd.Series, rules: ApplicantTypeRules | Path | str | None = None, return_rule: bool = False
) -> pd.Series | pd.DataFrame:
    """Applicant type of each name (categorical: university, research_institute, hospital, enterprise, individual,
    other, or the types of your rules), by the first matching rule of rules/applicant_types.yaml; each unique name
    is classified once. With `return_rule`, a DataFrame with the type and the id of the deciding rule."""
    if rules is None or isinstance(rules, (str, Path)):
        rules = load_applicant_type_rules(rules)
    names = pd.Series(names) if not isinstance(names, pd.Series) else names
    codes, uniques = pd.factorize(names.astype("str"), use_na_sentinel=True)
    u = pd.Series(uniques, dtype="str")
    norm = u.str.normalize("NFKC").str.strip()
    arr = _arrow(norm)
    stripped = pc.replace_substring_regex(arr, pattern=_TRAILING_BRACKETS, replacement="")
    decided = np.full(len(u), -1, dtype=np.int64)
    for i, rule in enumerate(rules.rules):
        if (decided >= 0).all():
            break
        m = _type_rule_mask(arr, stripped, rule)
        decided[(decided < 0) & m] = i
    type_names = list(rules.types)
    rule_type = np.array([type_names.index(r.type) for r in rules.rules] + [type_names.index(rules.default)])
    t_u = rule_type[np.where(decided < 0, len(rules.rules), decided)]
    safe = np.where(codes < 0, 0, codes)
    t = np.where(codes < 0, -1, t_u[safe] if len(t_u) else -1)
    types = pd.Series(pd.Categorical.from_codes(t, categories=type_names), index=names.index, name="type")
    if not return_rule:
        return types
    rule_ids = np.array([r.id for r in rules.rules] + ["default"], dtype=object)
    r_u = rule_ids[np.where(decided < 0, len(rules.rules), decided)]
    rid = np.where(codes < 0, None, r_u[safe] if len(r_u) else None)
    return pd.DataFrame({"type": types, "rule": pd.Series(rid, index=names.index, dtype="str")})
