"""The process-mining export's selection (`/tong-hop/xes/`): the unit is read as an id in ASCII digits
only, as everywhere else (issue 7), so a unit written in other digits is not some other unit."""

import pytest

from congvu.web.views_xes import selection_from

pytestmark = pytest.mark.django_db


def test_the_unit_is_named_by_its_id_in_ascii_digits_only(province):
    unit = province.construction
    assert selection_from({"unit": str(unit.pk)}).unit == unit
    arabic_indic = str(unit.pk).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    for odd in (arabic_indic, "99999999999999999999", "0", "-1"):
        assert selection_from({"unit": odd}) == "Không có đơn vị này."
