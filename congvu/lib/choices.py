"""Labels of `TextChoices`, in a chosen language. Each enum owns its labels as English msgids; the
Vietnamese lives in the .po file (congvu/locale), so a label renders in whatever language is active."""

from django.db.models import Choices
from django.utils import translation
from django.utils.functional import Promise


def label_of(choices: type[Choices], value: str) -> str:
    """The label of a stored value in the active language. A value not (or no longer) among the
    choices reads as stored: the trail keeps what it was given, and a page must still show it."""
    return str(choices(value).label) if value in choices.values else value


def in_language(language: str, text: Promise | str) -> str:
    """A lazy label rendered in `language`, whatever the reader's: a refusal carries both."""
    with translation.override(language):
        return str(text)
