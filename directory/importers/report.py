"""What an import tells its user: every error with its line (or record) and field."""

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem: where (line number in the file, or a JSON path) and which field."""

    line: int | str
    field: str
    message: str

    def __str__(self):
        return f"regel {self.line}, {self.field}: {self.message}"


@dataclass
class ImportReport:
    """The outcome of an import or a dry run. ``created`` stays 0 unless everything was valid."""

    format: str
    dry_run: bool = True
    rows: int = 0
    created: int = 0
    errors: list[RowError] = field(default_factory=list)
    created_ids: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def error(self, line, field_name: str, message) -> None:
        self.errors.append(RowError(line, field_name, str(message)))

    def lines_with_errors(self) -> int:
        return len({e.line for e in self.errors})
