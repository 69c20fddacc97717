"""Why an action was refused. The same code and clause reach the API body, the web page, the trail
and the oversight figures, so they are defined once here."""

import re
from dataclasses import dataclass

# Rules a unit head may override with a written reason (DESIGN §2); the override is its own event.
OVERRIDABLE_PREFIXES = ("R-1.4-", "R-2.1-", "R-2.2-UNRELATED-CONSULTATION")


class ActionRefused(Exception):  # noqa: N818 - "refused" reads better than "RefusedError" in this domain
    """Base of every refusal the interface shows to an official."""

    code = "REFUSED"
    clause = ""

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi)
        self.message_vi = message_vi
        self.message_en = message_en

    def message(self, language: str = "vi") -> str:
        return self.message_en if language.startswith("en") else self.message_vi

    def as_dict(self, language: str = "vi") -> dict[str, str]:
        return {"code": self.code, "clause": self.clause, "message": self.message(language),
                "message_vi": self.message_vi, "message_en": self.message_en}


class AccessDenied(ActionRefused):
    code = "ACCESS-DENIED"


class InvalidState(ActionRefused):
    code = "INVALID-STATE"


class InvalidInput(ActionRefused):
    code = "INVALID-INPUT"


class RuleViolation(ActionRefused):
    """A refusal by one of the document's rules, carrying its code and clause."""

    def __init__(self, code: str, clause: str, message_vi: str, message_en: str) -> None:
        super().__init__(message_vi, message_en)
        self.code = code
        self.clause = clause
        # Set by the action that caught it, so the refusal can be written to the item's trail.
        self.item_id: int | None = None
        self.unit_id: int | None = None
        # The unit the registry makes competent, when a competence refusal can name it: the page offers
        # the transfer to it in one click, the API body carries its id (clause 2.1).
        self.competent_unit_id: int | None = None

    def as_dict(self, language: str = "vi") -> dict[str, str]:
        body = super().as_dict(language)
        return {**body, "competent_unit": self.competent_unit_id} if self.competent_unit_id else body

    @property
    def overridable(self) -> bool:
        return self.code.startswith(OVERRIDABLE_PREFIXES)

    def __str__(self) -> str:
        return f"{self.code} (Mục {self.clause}): {self.message_vi}"


@dataclass(frozen=True)
class Detail:
    """The particulars of one refusal, in both languages (e.g. ": chưa nêu lý do" / ": no reason was
    given"): each language's message gets its own, so the English one is English throughout."""

    vi: str
    en: str


_PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# Every rule by its code, so a refusal stored in the trail can be worded again in the reader's language.
RULES: dict[str, "Rule"] = {}


@dataclass(frozen=True)
class Rule:
    code: str
    clause: str
    message_vi: str
    message_en: str

    def __post_init__(self) -> None:
        RULES[self.code] = self

    def general(self, language: str) -> str:
        """The rule's message with nothing filled in (for a trail entry that stored only Vietnamese)."""
        template = self.message_en if language.startswith("en") else self.message_vi
        return _PLACEHOLDER.sub("…", template.replace("{detail}", "")) + (
            f" (clause {self.clause})" if language.startswith("en") else f" (Mục {self.clause})")

    def violation(self, detail: Detail | None = None, **names: object) -> RuleViolation:
        """The refusal, its `{detail}` filled in each language from `detail`; `names` fill the other
        placeholders with what reads the same in both (a unit's name, a date)."""
        vi, en = (detail.vi, detail.en) if detail else ("", "")
        return RuleViolation(
            self.code, self.clause,
            self.message_vi.format(detail=vi, **names) + f" (Mục {self.clause})",
            self.message_en.format(detail=en, **names) + f" (clause {self.clause})",
        )
