"""Finding areas by a part of their name or id."""

from sozialraum import Bundle
from sozialraum.search import find_areas, picker_order

NAMES = {"01": "Stadtmitte", "10": "Lusan-Laune", "11": "Lusan-Zentrum", "12": "Lusan-Brüte", "20": "Großenstein"}
ORDER = ["12", "10", "11", "20", "01"]


def test_matches_name_parts_ignoring_case_in_the_given_order() -> None:
    assert find_areas(NAMES, ORDER, "  LUSAN ", 10) == (["12", "10", "11"], 3)


def test_limit_cuts_the_list_but_counts_every_match() -> None:
    assert find_areas(NAMES, ORDER, "lusan", 2) == (["12", "10"], 3)


def test_matches_the_id_and_folds_sharp_s() -> None:
    assert find_areas(NAMES, ORDER, "01", 10) == (["01"], 1)
    assert find_areas(NAMES, ORDER, "grossen", 10) == (["20"], 1)


def test_empty_query_lists_the_first_areas() -> None:
    assert find_areas(NAMES, ORDER, "", 2) == (["12", "10"], 5)
    assert find_areas(NAMES, ORDER, "x", 2) == ([], 0)


def test_picker_order_puts_the_shown_level_first_each_by_name(gera_bundle: Bundle) -> None:
    bundle = gera_bundle  # Gera: 12 Bezirke, 72 Gemeindeteile
    names, order = picker_order(bundle, all_levels=True)
    bezirke, teile = order[:12], order[12:]
    assert set(bezirke) == set(bundle.areas["gebiet_id"]) and len(teile) == 72
    assert [names[g] for g in bezirke] == sorted(names[g] for g in bezirke)
    assert all(names[g].endswith(" (Gemeindeteil)") for g in teile)
    assert [names[g] for g in teile] == sorted(names[g] for g in teile)
    only_main, main_order = picker_order(bundle)
    assert main_order == bezirke and set(only_main) == set(bezirke)
