"""The project's error for bad input: it names the file, row, column and the rule broken."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Problem:
    """One broken rule at one place. `row` is the 1-based data row (the header is not counted)."""

    rule: str
    row: int | None = None
    column: str | None = None
    value: object = None

    def describe(self, line_offset: int | None = None, row_lines: list[int] | None = None) -> str:
        where = []
        if self.row is not None:
            if row_lines is not None and 1 <= self.row <= len(row_lines):
                line = f" (file line {row_lines[self.row - 1]})"
            else:
                line = f" (file line {self.row + line_offset})" if line_offset is not None else ""
            where.append(f"row {self.row}{line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        loc = ", ".join(where) if where else "whole table"
        val = "" if self.value is None else f" (value: {self.value!r})"
        return f"{loc}: {self.rule}{val}"


@dataclass
class DataError(Exception):
    """Bad input data. Raised by readers, casts and schema validation; the build stops that step."""

    file: str
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    line_offset: int | None = None  # file line = row + line_offset (1 for a CSV with one header line)
    row_lines: list[int] | None = None  # file line where each data row starts (quoted cells may span lines)
    also: list[DataError] = field(default_factory=list)  # the problems of other files found in the same check

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join([self._own(), *(str(e) for e in self.also)])

    def _own(self) -> str:
        head = f"{self.file}: {self.message or 'invalid data'}"
        if not self.problems:
            return head
        shown = _examples(self.problems, SHOWN)
        lines = [head] + [f"  - {p.describe(self.line_offset, self.row_lines)}" for p in shown]
        if len(self.problems) > len(shown):
            counts: dict[str, int] = {}
            for p in self.problems:
                counts[p.rule] = counts.get(p.rule, 0) + 1
            each = "; ".join(f"{rule}: {n}" for rule, n in counts.items())
            lines.append(f"  … and {len(self.problems) - len(shown)} more ({len(self.problems)} in all — {each})")
        return "\n".join(lines)


SHOWN = 20  # problems listed in a message; the rest are counted by rule


def _examples(problems: list[Problem], n: int) -> list[Problem]:
    """Up to `n` problems, every rule broken among them (its first rows first), in the order given."""
    if len(problems) <= n:
        return list(problems)
    by_rule: dict[str, list[int]] = {}
    for i, p in enumerate(problems):
        by_rule.setdefault(p.rule, []).append(i)
    picked: set[int] = set()
    depth = 0
    while len(picked) < n and any(depth < len(ix) for ix in by_rule.values()):
        for ix in by_rule.values():
            if depth < len(ix) and len(picked) < n:
                picked.add(ix[depth])
        depth += 1
    return [problems[i] for i in sorted(picked)]


class ConfigError(Exception):
    """A wrong name or parameter in the project configuration or on the command line."""
