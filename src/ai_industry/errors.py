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

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        head = f"{self.file}: {self.message or 'invalid data'}"
        if not self.problems:
            return head
        shown = self.problems[:20]
        lines = [head] + [f"  - {p.describe(self.line_offset, self.row_lines)}" for p in shown]
        if len(self.problems) > len(shown):
            lines.append(f"  … and {len(self.problems) - len(shown)} more")
        return "\n".join(lines)


class ConfigError(Exception):
    """A wrong name or parameter in the project configuration or on the command line."""
