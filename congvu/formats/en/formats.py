# dd/mm/yyyy in English too: the Vietnamese administration writes dates this way, in both languages.
from congvu.formats.vi.formats import (  # noqa: F401 - Django reads these names from this module
    DATE_FORMAT,
    DATE_INPUT_FORMATS,
    DATETIME_FORMAT,
    DATETIME_INPUT_FORMATS,
    SHORT_DATE_FORMAT,
    SHORT_DATETIME_FORMAT,
)
