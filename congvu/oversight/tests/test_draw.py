"""The surprise draw (clause 1.6), pure: the same seed and population give the same sample, a heavier
risk weight is drawn more often, the snapshot file re-runs the draw exactly."""

from collections import Counter

from congvu.oversight import draw

POPULATION = {"units": {1: 1.0, 2: 5.0, 3: 1.0, 4: 2.5}, "items": {i: 1.0 + (i % 7) for i in range(1, 2001)}}


def test_the_same_seed_and_population_draw_the_same_sample():
    first = draw.draw_all(POPULATION, {"units": 2, "items": 30}, "a1b2c3")
    again = draw.draw_all({k: dict(reversed(v.items())) for k, v in POPULATION.items()},
                          {"units": 2, "items": 30}, "a1b2c3")
    assert first == again
    assert len(first.drawn["units"]) == 2 and len(set(first.drawn["items"])) == 30


def test_another_seed_draws_another_sample():
    items = POPULATION["items"]
    assert draw.draw(items, 30, "seed-1", "items") != draw.draw(items, 30, "seed-2", "items")


def test_a_unit_five_times_as_risky_is_drawn_first_about_five_times_as_often():
    firsts = Counter(draw.draw({1: 1.0, 2: 5.0}, 1, f"s{n}", "units")[0] for n in range(3000))
    assert 4.0 < firsts[2] / firsts[1] < 6.5


def test_a_member_of_weight_zero_is_never_drawn_and_the_sample_is_no_larger_than_the_population():
    assert draw.draw({1: 0.0, 2: 1.0, 3: 1.0}, 5, "x", "units") in ([2, 3], [3, 2])


def test_the_snapshot_file_gives_back_the_population_its_digest_and_the_same_sample():
    text = draw.snapshot_text(POPULATION)
    assert text.splitlines()[0].split("\t") == ["items", "1", "2.0000"]
    parsed = draw.parse_snapshot(text)
    assert draw.digest(parsed) == draw.digest(POPULATION)
    sizes = {"units": 2, "items": 10}
    assert draw.draw_all(parsed, sizes, "audit").drawn == draw.draw_all(POPULATION, sizes, "audit").drawn


def test_a_changed_weight_changes_the_digest():
    changed = {**POPULATION, "units": {**POPULATION["units"], 3: 1.5}}
    assert draw.digest(changed) != draw.digest(POPULATION)


def test_each_stratum_draws_on_its_own_stream():
    alone = draw.draw_all({"items": POPULATION["items"]}, {"items": 10}, "s").drawn["items"]
    together = draw.draw_all(POPULATION, {"units": 3, "items": 10}, "s").drawn["items"]
    assert alone == together


def test_a_new_seed_is_sixteen_hex_digits_and_new_each_time():
    seeds = {draw.new_seed() for _ in range(5)}
    assert len(seeds) == 5 and all(len(s) == 16 and int(s, 16) >= 0 for s in seeds)
