"""What several oversight models are, beyond their columns: rows written once, and records decided
by a numbered decision. Plain mixins, not abstract models: they add behaviour and no column, so the
schema (and the migrations) stay as they are."""


class AppendOnly(Exception):  # noqa: N818 - a guard, not an error a user sees
    pass


class WrittenOnce:
    """A row that is never edited once saved (an acknowledgement, a citizen's report's step): saving
    it again raises. `written_once` names the row in the guard's message."""

    written_once: str

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AppendOnly(f"{self.written_once} is never edited")
        super().save(*args, **kwargs)


class NumberedDecision:
    """A record decided by a decision numbered in its deciding unit's outgoing register
    (`decision_number`, `deciding_unit`): its number and notation, e.g. 07/QĐ-SNV; empty before."""

    @property
    def decision_notation(self) -> str:
        if self.decision_number is None or self.deciding_unit is None:
            return ""
        return f"{self.decision_number:02d}/QĐ-{self.deciding_unit.abbrev}"
