"""The pieces the templates use: spans cut into segments, and the story timeline chart (drawn on the
server as SVG, with the sentence of each point in its hover title)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import lxml.html

from newswire.app.web.pages import templates
from newswire.app.web.render import segments, step_chart

T0 = datetime(2026, 3, 1, 12, tzinfo=timezone.utc)


def test_segments_mark_each_span_once_and_keep_all_the_text():
    text = "At least 12 people were killed in the quake."
    figures = [{"start": 9, "end": 11}, {"start": 9, "end": 18}, {"start": 40, "end": 99}]  # overlap; past the end
    events = [{"start": 24, "end": 30}, {"start": 10, "end": 12}]  # the second overlaps the first figure
    parts = segments(text, figures, events)
    assert "".join(p.text for p in parts) == text
    assert [(p.kind, p.text) for p in parts if p.kind] == [("figure", "12 people"), ("event", "killed")]


def test_step_chart_one_line_a_source_one_point_an_observation_revisions_marked():
    hostile = "<script>alert(1)</script> toll rose to 40"
    series = {
        "officials": [{"at": T0, "value": 12, "sentence": "12 dead", "article_id": "ab12cd34"},
                      {"at": T0 + timedelta(hours=5), "value": 40, "sentence": hostile, "article_id": "ab12cd35"},
                      {"at": T0 + timedelta(hours=9), "value": 40, "sentence": "still 40", "article_id": None}],
        "red cross": [{"at": T0 + timedelta(hours=2), "value": 15, "sentence": "15 dead", "article_id": "ab12cd36"},
                      {"at": T0 + timedelta(hours=7), "value": 30, "sentence": "30 dead", "article_id": "ab12cd37"}],
    }
    chart = step_chart("killed", series)
    assert [line.source for line in chart.lines] == ["officials", "red cross"]
    assert [(p.source, p.value, p.revised) for p in chart.points] == [
        ("officials", 12, False), ("officials", 40, True), ("officials", 40, False),
        ("red cross", 15, False), ("red cross", 30, True)]
    assert chart.lines[0].path.startswith(f"M {chart.pad:.1f} ") and chart.lines[0].path.count("V") == 2
    svg = templates.env.get_template("_step_chart.html").render(chart=chart)
    doc = lxml.html.fragment_fromstring(svg, create_parent="div")
    assert len(doc.findall(".//path")) == 2 and len(doc.findall(".//circle")) == 5
    assert len([c for c in doc.findall(".//circle") if "revised" in c.get("class")]) == 2
    titles = [c.findtext("title") for c in doc.findall(".//circle")]
    assert hostile in titles[1] and "officials" in titles[1] and "2026-03-01 17:00 UTC" in titles[1]
    assert not doc.findall(".//script")  # the sentence is text in the title, not markup
    assert [a.get("href") for a in doc.findall(".//a")] == [
        "/articles/ab12cd34", "/articles/ab12cd35", "/articles/ab12cd36", "/articles/ab12cd37"]


def test_step_chart_of_nothing_is_empty():
    chart = step_chart("killed", {})
    assert chart.lines == [] and chart.points == []


def test_place_map_is_equirectangular_and_leaves_out_places_without_coordinates():
    from newswire.app.web.render import place_map

    assert place_map([{"name": "nowhere", "lat": None, "lon": None}]) is None
    assert place_map([{"name": "bad", "lat": 91.0, "lon": 0.0}]) is None
    found = place_map([{"name": "A", "lat": 10.0, "lon": 20.0, "events": 2}, {"name": "B", "lat": 14.0, "lon": 30.0},
                       {"name": "C", "lat": "12", "lon": 25.0}], width=640, height=320, pad=40)
    assert [p.name for p in found.points] == ["A", "B"]
    a, b = found.points
    # the same scale both ways (a degree of longitude is as wide as a degree of latitude is tall)
    assert abs((b.x - a.x) / 10 - (a.y - b.y) / 4) < 0.01
    assert a.x == 40.0 and b.x == 600.0 and a.events == 2  # the wider side fills the box between the pads
    assert (a.y + b.y) / 2 == 160.0  # centred
    assert found.west < 20 < 30 < found.east and found.south < 10 < 14 < found.north


def test_step_chart_draws_its_latest_points_and_a_line_through_all():
    series = {"officials": [{"at": T0 + timedelta(hours=h), "value": 10 + h, "sentence": f"{10 + h} dead",
                             "article_id": None} for h in (0, 2, 4)],
              "red cross": [{"at": T0 + timedelta(hours=h), "value": 20 + h, "sentence": f"{20 + h} dead",
                             "article_id": None} for h in (1, 3)]}
    chart = step_chart("killed", series, max_points=3)
    assert chart.hidden == 2
    assert [(p.source, p.value) for p in chart.points] == [("officials", 12), ("officials", 14), ("red cross", 23)]
    assert chart.lines[0].path.count("V") == 2 and chart.lines[1].path.count("V") == 1  # every value on the lines
    svg = templates.env.get_template("_step_chart.html").render(chart=chart)
    assert "2 older ones are on the lines only" in svg
    assert step_chart("killed", series).hidden == 0
