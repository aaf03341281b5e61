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


def test_a_failed_extraction_step_is_named_not_scored_as_a_silent_miss():
    def predictor(record):
        return {"figures": [], "events": [], "failures": ["events: IndexError: out of range"]}

    report = evaluate([GOLD], predictor)
    assert report["documents_with_failed_steps"] == 1
    assert report["per_document"][0]["errors"][0] == "extraction step failed: events: IndexError: out of range"
    assert "EXTRACTION STEPS FAILED in 1 documents" in render_report(report)
    assert "FAILED" not in render_report(evaluate([GOLD]))


# --- places, actors, pointer gold, agreement --------------------------------------------------------

from newswire.processors.evaluate import GoldError, actors_correct, agreement, load_gold, same_place  # noqa: E402

STORY = "Flooding cut roads near Porto Alegre on Monday. The governor of Rio Grande do Sul declared an emergency."


def test_places_agree_when_one_name_holds_the_other():
    assert same_place("Gaza", "Gaza City") and same_place("São Paulo", "Sao Paulo")
    assert not same_place("Senkata", "Bolivia") and not same_place(None, "Doha") and not same_place("", "")


def test_actor_lists_agree_at_half_f1():
    assert actors_correct(["Hamas", "United States"], ["Hamas", "the United States", "Israel"])
    assert not actors_correct(["Palestinian"], ["Hamas"])
    assert not actors_correct([], ["Hamas"])
    assert not actors_correct(["Hamas", "Qatar", "Egypt", "Jordan"], ["Hamas"])  # F1 0.4


def pointer_files(tmp_path, body=STORY):
    import hashlib
    texts = tmp_path / "texts.json"
    texts.write_text(json.dumps({"doc1": {"articleBody": body}}))
    start = STORY.index("declared")
    record = {"id": "doc1", "body_sha256": hashlib.sha256(STORY.encode()).hexdigest(), "published": "2024-05-07",
              "figures": [], "ambiguous": [],
              "events": [{"type": "declaration", "trigger_start": start, "trigger_end": start + 8,
                          "actors": ["governor of Rio Grande do Sul"], "location": "Rio Grande do Sul",
                          "country": "BR", "date": None}]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(record) + "\n")
    return gold, texts


def test_pointer_records_take_their_text_from_the_texts_file(tmp_path):
    gold, texts = pointer_files(tmp_path)
    (record,) = load_gold(gold, texts)
    assert record["text"] == STORY and record["events"][0]["trigger"] == "declared"
    with pytest.raises(GoldError, match="--texts"):
        load_gold(gold)


def test_a_changed_text_is_refused_not_scored(tmp_path):
    gold, texts = pointer_files(tmp_path, body=STORY.replace("Monday", "Tuesday"))
    with pytest.raises(GoldError, match="sha256"):
        load_gold(gold, texts)


def test_agreement_scores_one_annotator_against_the_other(tmp_path):
    gold, texts = pointer_files(tmp_path)
    first = load_gold(gold, texts)
    second = json.loads(json.dumps(first))
    second[0]["events"][0]["location"] = "Porto Alegre"  # a nearer place: the annotators disagree
    report = agreement(first, second)
    assert report["event_trigger_recall"] == 1.0 and report["event_actors_accuracy"] == 1.0
    assert report["event_location_accuracy"] == 0.0 and report["event_country_accuracy"] == 1.0
    assert agreement(first, first)["event_location_accuracy"] == 1.0

