"""What an official may do next on an item is asked of one module (congvu.consult.available), so the
item page's forms and the API's `actions` list offer the same steps to every persona."""

import re

import pytest

from congvu.consult.available import Viewer, available_actions
from congvu.testing import PERSONAS, walked_item
from congvu.web.item_actions import ITEM_ACTIONS

pytestmark = pytest.mark.django_db
FORM = re.compile(r'id="(action-[a-z-]+|consult-ask)"')
# The page's form of each step, by the step's name (congvu.work.rules.TRANSITIONS).
PAGE_FORMS = {a.transition: f"action-{a.slug}" for a in ITEM_ACTIONS} | {"consult": "consult-ask"}
API_PATHS = {"decide": "province-decision", "consult": "consultations"}


@pytest.mark.parametrize("who", ["head", "officer", "clerk", "Province office", "Home Affairs"])
def test_the_page_and_the_api_offer_the_same_next_steps(province, client_of, api_as, who):
    official = getattr(province, PERSONAS[who])
    item = walked_item(province).item
    steps = available_actions(Viewer(official, item))
    page = client_of(official).get(f"/cong-viec/{item.pk}/").content.decode()
    assert FORM.findall(page) == [PAGE_FORMS[s] for s in steps]
    assert api_as(official).get(f"/api/items/{item.pk}").json()["actions"] == [API_PATHS.get(s, s) for s in steps]


def test_while_it_is_consulted_on_the_holder_may_ask_again_and_the_head_may_also_extend(province):
    item = walked_item(province).item  # Finance's request is pending: the item is being consulted on
    assert available_actions(Viewer(province.construction_officer, item)) == ["consult"]
    assert available_actions(Viewer(province.construction_head, item)) == ["extend", "consult"]
    assert available_actions(Viewer(province.construction_clerk, item)) == []
