"""Scoring by the FORMAT.md rules, on gold records written for these tests."""

import json

import pytest

from newswire.processors.evaluate import evaluate, render_report, score_record, source_correct

TEXT = ("According to police, at least 30 people were killed and 12 injured on Sunday. "
        "Rescuers combed three buildings for two days. Dozens of homes burned.")


def gold_figure(span, value, category, qualifier=None, source=None):
    start = TEXT.index(span)
    return {"value": value, "text": span, "start": start, "end": start + len(span), "unit": "people",
            "category": category, "qualifier": qualifier, "source": source, "as_of_or_since": None}


GOLD = {
    "id": "t1", "published": "2025-05-12", "text": TEXT,
    "figures": [
        gold_figure("at least 30", 30, "killed", "at_least", "police"),
        gold_figure("12", 12, "injured", None, "police"),
        gold_figure("three", 3, "count_other"),
        gold_figure("two", 2, "duration"),
    ],
    "events": [
        {"type": "statement", "trigger": "killed", "start": TEXT.index("killed"), "end": TEXT.index("killed") + 6,
         "actors": [], "location": None, "date": "2025-05-11"},
        {"type": "search", "trigger": "combed", "start": TEXT.index("combed"),
         "end": TEXT.index("combed") + 6, "actors": [], "location": None, "date": None},
    ],
    "ambiguous": ["Dozens of homes"],
}


def pred(span, value, category, qualifier=None, source=None):
    start = TEXT.index(span)
    return {"value": value, "text": span, "start": start, "end": start + len(span), "category": category,
            "qualifier": qualifier, "source": source}


def test_perfect_prediction():
    predicted = {"figures": [pred("at least 30", 30, "killed", "at_least", "police"),
                             pred("12", 12, "injured", None, "police")],
                 "events": [{"start": TEXT.index("killed"), "end": TEXT.index("killed") + 6, "date": "2025-05-11"}]}
    c = score_record(GOLD, predicted)
    assert (c["tp"], c["fp"], c["fn"]) == (2, 0, 0)
    assert (c["cat_tp"], c["qual_ok"], c["src_ok"]) == (2, 2, 2)
    assert (c["events_found"], c["dates_ok"]) == (1, 1)


def test_values_must_be_equal_and_spans_overlap():
    predicted = {"figures": [pred("30", 31, "killed"), pred("Sunday", 12, "injured")], "events": []}
    c = score_record(GOLD, predicted)
    assert (c["tp"], c["fp"], c["fn"]) == (0, 2, 2)


def test_unscored_categories_and_ambiguous_spans_are_neutral():
    predicted = {"figures": [pred("three", 3, "killed"),          # matched to count_other gold: neutral
                             pred("two", 2, "duration"),
                             pred("Rescuers", 9, "count_other"),  # unmatched, own category unscored: neutral
                             pred("Dozens", 24, "killed")],       # on an ambiguous span: neutral
                 "events": []}
    c = score_record(GOLD, predicted)
    assert (c["tp"], c["fp"], c["fn"]) == (0, 0, 2)


def test_wrong_category_is_a_figure_match_but_a_category_error():
    predicted = {"figures": [pred("at least 30", 30, "deaths_total", "at_least", "police")], "events": []}
    c = score_record(GOLD, predicted)
    assert (c["tp"], c["cat_tp"], c["cat_fp"], c["cat_fn"]) == (1, 0, 1, 2)


def test_one_to_one_matching():
    predicted = {"figures": [pred("12", 12, "injured"), pred("12", 12, "injured")], "events": []}
    c = score_record(GOLD, predicted)
    assert (c["tp"], c["fp"]) == (1, 1)


@pytest.mark.parametrize("predicted, gold, ok", [
    (None, None, True),
    ("police", None, False),
    (None, "police", False),
    ("The health ministry", "the health ministry in Hamas-run Gaza", True),
    ("police and the army", "the health ministry", False),
    ("Bureau of Labor Statistics of the U.S. Department", "the Bureau of Labor Statistics", True),
    ("it", "police", False),
])
def test_source_rule(predicted, gold, ok):
    assert source_correct(predicted, gold) is ok


def test_event_recall_and_null_dates_agree():
    predicted = {"figures": [], "events": [{"start": TEXT.index("combed") + 2, "end": TEXT.index("combed") + 5,
                                            "date": None}]}
    c = score_record(GOLD, predicted)
    assert (c["events_gold"], c["events_found"], c["dates_ok"]) == (2, 1, 1)


def test_evaluate_runs_the_extractor_and_renders():
    report = evaluate([GOLD])
    assert report["documents"] == 1
    assert report["figures"]["f1"] == 1.0
    assert report["qualifier_accuracy"] == 1.0 and report["source_accuracy"] == 1.0
    assert report["event_trigger_recall"] == 0.5  # "combed" is not in the lexicon
    json.dumps(report)
    table = render_report(report)
    assert "figure F1" in table and "t1" in table
