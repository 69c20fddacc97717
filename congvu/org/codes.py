"""A unit's `code`: congvu's own short code ("sxd", "xa-an-my") or, for a unit on the national document
axis, its organ code (mã định danh điện tử của cơ quan, Decision 20/2020/QĐ-TTg), four groups from the
lowest level up: "000.00.12.H53" (a department of the province H53), "000.00.00.H53" (the province's
People's Committee). It is the `OrganId` of everything the unit sends over the axis, so the
administrator must be able to enter it as the axis knows it, dots included (a slug refused them)."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import slug_re
from django.utils.translation import gettext_lazy as _

# Levels 4, 3, 2: three and two digits ("000.00.12"); level 1: a letter and two characters (H53, G01).
ORGAN_CODE = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9A-Z]{2}$")
MAX_LENGTH = 32


def is_organ_code(value: str) -> bool:
    return bool(ORGAN_CODE.fullmatch(value))


def validate_unit_code(value: str) -> None:
    if is_organ_code(value) or slug_re.fullmatch(value):
        return
    raise ValidationError(_("The unit code is its organ code on the national document axis (like 000.00.12.H53) "
                            "or a short code of letters without diacritics, digits, hyphens and underscores "
                            "(like sxd)."), code="invalid_unit_code")
