"""Parameter rules, declared next to each parameter in a notebook's `parameters` cell and checked before any
kernel starts: a comment that opens with a rule constrains the value.

    top_n = 5  # [1, rows(enterprise_distribution)] n of the concentration ratio CR-n
    band_step = 2.5  # [0.1, 50] step between the rates of the sensitivity table
    lang = "zh"  # {zh|en}
    map_resource = "institutes"  # {universities|institutes|new_orgs} the resource drawn on the map
    patents_path = ""  # <path> your export: a file, a folder, a glob, or several paths separated by ";"

`[lo, hi]` bounds a number, or every number of a list (either bound may be left empty; `rows(<input>)` is the
number of rows of one of the section's input datasets, checked once that dataset is built); `[lo, hi] <pair>` a
list of exactly two numbers so bounded, the first not above the second (a range of years), or the empty list (the
section's own range, e.g. the years of the data); `{a|b}` lists the
values allowed (for a list parameter: allowed items; `{|a|b}` also allows the empty value); `<path>` is a file, folder or glob that must exist when
the value is not empty, resolved against the folder the command was given in, and replaced by its absolute
form (the notebook runs in its own folder, so a relative path would otherwise point elsewhere).
"""

from __future__ import annotations

import glob
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ai_industry.errors import ConfigError

RULE = re.compile(r"^\s*(\[[^\]]*\](?:\s*<pair>)?|\{[^}]*\}|<path>)")
ROWS = re.compile(r"^rows\((\w+)\)$")


@dataclass(frozen=True)
class Rule:
    """One parameter's rule: bounds, choices or path, and where it was declared."""

    name: str
    text: str
    low: float | None = None
    high: float | str | None = None  # a number, or the short name of an input dataset whose rows bound it
    choices: tuple[str, ...] = ()
    path: bool = False
    pair: bool = False  # exactly two numbers, the first not above the second

    def describe(self) -> str:
        return f"rule {self.text!r}"


def _bound(text: str, name: str, where: str) -> float | str | None:
    text = text.strip()
    if not text:
        return None
    if m := ROWS.match(text):
        return m[1]
    try:
        return float(text)
    except ValueError:
        raise ConfigError(
            f"{where}: parameter '{name}' has a rule bound {text!r} that is neither a number nor rows(<input>)"
        ) from None


def parse_rule(name: str, comment: str, where: str) -> Rule | None:
    """The rule at the start of a parameter's comment (without the '#'), or None when the comment has none."""
    m = RULE.match(comment)
    if not m:
        return None
    text = m[1]
    if text == "<path>":
        return Rule(name, text, path=True)
    if text.startswith("{"):
        choices = tuple(c.strip() for c in text[1:-1].split("|"))  # an empty piece allows the empty value
        if not any(choices):
            raise ConfigError(f"{where}: parameter '{name}' has an empty choice rule {text!r}")
        return Rule(name, text, choices=choices)
    pair = text.endswith("<pair>")
    parts = text[: text.index("]")][1:].split(",")
    if len(parts) != 2:
        raise ConfigError(f"{where}: parameter '{name}' has a range rule {text!r}; write [low, high]")
    low = _bound(parts[0], name, where)
    if isinstance(low, str):
        raise ConfigError(f"{where}: parameter '{name}': rows(...) can only bound from above")
    return Rule(name, text, low=low, high=_bound(parts[1], name, where), pair=pair)


def notebook_rules(notebook: Path) -> dict[str, Rule]:
    """Rules of a notebook's `parameters` cell: name -> Rule, for the parameters whose comment opens with one."""
    nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
    rules: dict[str, Rule] = {}
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            for line in src.splitlines():
                m = re.match(r"^(\w+)\s*(?::[^=]+)?=.*?#(.*)$", line)
                if m and (rule := parse_rule(m[1], m[2], str(notebook))):
                    rules[m[1]] = rule
    return rules


def _numbers(value: Any) -> list[Any]:
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _check_range(rule: Rule, value: Any, rows: Callable[[str], int | None]) -> str | None:
    high = rule.high
    if isinstance(high, str):
        n = rows(high)
        if n is None:
            high = None  # the dataset is not built yet: checked again before the kernel starts
        else:
            high = float(n)
    if rule.pair and isinstance(value, (list, tuple)) and len(value) == 0:
        return None  # the empty pair: the section's own range
    if rule.pair and (not isinstance(value, (list, tuple)) or len(value) != 2):
        return f"takes two numbers [first, last] or [] (the section's own range), not {value!r}"
    for v in _numbers(value):
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            return f"takes numbers, not {v!r}"
        if rule.low is not None and v < rule.low:
            return f"must be at least {rule.low:g}, not {v!r}"
        if high is not None and v > high:
            extra = f" (the rows of input {rule.high})" if isinstance(rule.high, str) else ""
            return f"must be at most {high:g}{extra}, not {v!r}"
    if rule.pair and value[0] > value[1]:
        return f"takes [first, last] with first ≤ last, not {list(value)!r}"
    return None


def _check_path(value: Any, cwd: Path) -> tuple[str | None, Any]:
    text = str(value).strip()
    if not text:
        return None, value
    resolved = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        p = Path(part).expanduser()
        p = p if p.is_absolute() else (cwd / p)
        if any(ch in part for ch in "*?["):
            if not glob.glob(str(p)):
                return f"matches no file: {part!r} (looked for {p})", value
        elif not p.exists():
            return f"names a path that does not exist: {part!r} (looked for {p})", value
        resolved.append(str(p.resolve()) if not any(ch in part for ch in "*?[") else str(p))
    return None, ";".join(resolved)


def check_parameters(
    section_id: str,
    notebook: Path,
    params: dict[str, Any],
    rows: Callable[[str], int | None] = lambda name: None,
    cwd: Path | None = None,
) -> dict[str, Any]:
    """`params` checked against the notebook's rules, paths made absolute; a ConfigError names the parameter,
    the value, the rule and where it is declared. `rows(name)` gives an input's row count (None: not built)."""
    cwd = cwd or Path.cwd()
    out = dict(params)
    problems = []
    for name, rule in notebook_rules(notebook).items():
        if name not in out:
            continue
        value = out[name]
        if rule.path:
            err, out[name] = _check_path(value, cwd)
        elif rule.choices:
            bad = [v for v in _numbers(value) if str(v) not in rule.choices]
            shown = ", ".join(c or "(empty)" for c in rule.choices)
            err = f"takes one of {shown}, not {bad[0]!r}" if bad else None
        else:
            err = _check_range(rule, value, rows)
        if err:
            problems.append(f"parameter '{name}' {err} ({rule.describe()} in {notebook})")
    if problems:
        raise ConfigError(f"section {section_id}: " + "; ".join(problems))
    return out
