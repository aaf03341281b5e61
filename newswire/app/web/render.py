"""What the templates need beyond Jinja2: links that can only be http(s), an article's text cut at its
spans, and bar charts drawn as SVG on the server (no script needed to see them).

Every string here came from a feed or a page and is hostile. Nothing in this module builds markup:
it returns plain values and the templates (autoescaped) write them out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import quote, urlsplit

# Control characters and the bidi overrides/isolates: a URL holding one is not shown as a link.
_BIDI_AND_CONTROL = {c: None for c in [*range(0x20), 0x7F, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def safe_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host (a link may point there), else None."""
    if not isinstance(value, str) or len(value) > 4000:
        return None
    url = value.strip()
    if url != url.translate(_BIDI_AND_CONTROL):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return url


@dataclass
class Segment:
    text: str
    kind: str | None = None  # "figure" or "event"; None for plain text
    span: dict[str, Any] | None = None


def segments(text: str, figures: list[dict[str, Any]], events: list[dict[str, Any]]) -> list[Segment]:
    """``text`` cut into plain runs and highlighted spans. Spans that overlap one already placed (or lie
    outside the text) are left unmarked; they still show in the tables below the text."""
    spans = sorted([(f["start"], f["end"], "figure", f) for f in figures] + [(e["start"], e["end"], "event", e) for e in events],
                   key=lambda s: (s[0], -s[1]))
    out: list[Segment] = []
    at = 0
    for start, end, kind, span in spans:
        if start < at or end <= start or end > len(text):
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], kind, span))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


@dataclass
class Bar:
    x: float
    y: float
    height: float
    label: str
    count: int


@dataclass
class BarChart:
    """A bar a bucket: coordinates in a ``width`` x ``height`` viewBox, bars bottom-aligned."""

    width: int
    height: int
    bars: list[Bar]
    bar_width: float
    peak: int
    first_label: str
    last_label: str


# As the story page's charts (``step_chart``): the viewBox about as wide as the chart is drawn (the
# overview's three columns are 380 to 470 px at a 1280 px window), so its 13-unit axis labels are about
# 13 px on screen (at 480 units and 9 they came out 7 px).
def hourly_chart(counts: dict[str, int], since: datetime, until: datetime, width: int = 380, height: int = 80
                 ) -> BarChart:
    hours = []
    at = since
    while at < until:
        hours.append(at.strftime("%Y-%m-%dT%H"))
        at += timedelta(hours=1)
    peak = max([counts.get(h, 0) for h in hours] + [1])
    step = width / max(len(hours), 1)
    bars = []
    for i, hour in enumerate(hours):
        n = counts.get(hour, 0)
        h = (height - 2) * n / peak
        bars.append(Bar(x=round(i * step, 2), y=round(height - h, 2), height=round(h, 2),
                        label=f"{hour.replace('T', ' ')}:00 UTC", count=n))
    return BarChart(width, height, bars, round(max(step - 1, 1), 2), peak,
                    hours[0].replace("T", " ") + ":00" if hours else "", hours[-1].replace("T", " ") + ":00" if hours else "")


# --- the story page's timeline charts (issue 12's series; see pages.py) --------------------------------
@dataclass
class Point:
    x: float
    y: float
    value: float
    source: str
    sentence: str
    observed: str  # when the article was published, as shown
    article_id: str | None
    revised: bool  # a later observation of the same source changed the value
    label: str = ""  # what hovering shows: value, source, time, revised, then the sentence (one string to escape)
    href: str | None = None  # the article's page, the id quoted for a path (Jinja's urlencode: a quarter of the page)


@dataclass
class Line:
    source: str
    path: str  # SVG path data: a step line through the source's observations
    colour: int  # index into the stylesheet's series colours (.s0 ... .s7)


@dataclass
class StepChart:
    category: str
    width: int
    height: int
    lines: list[Line]
    points: list[Point]
    y_max: float
    first_label: str
    last_label: str
    pad: int = 40  # margin of the plot inside the viewBox: the axis and its labels sit in it
    hidden: int = 0  # older points not drawn (``CHART_POINTS_MAX``); the lines go through them all


_PLAIN_ID = re.compile(r"[0-9a-f]{1,64}")  # an article id as the pipeline makes them: nothing to quote

# Points a chart draws at most, the latest (each is an SVG circle with its sentence to hover: a big
# story's 400-point chart was most of its page's 180 ms); the step lines still pass through every value.
CHART_POINTS_MAX = 150


# The viewBox is about as wide as a chart is drawn (the stylesheet's columns are 380 px and up), so the
# labels' font size in viewBox units is about their size on screen: at 640 units drawn in 300 px the
# 9-unit labels came out 4 px tall.
def step_chart(category: str, series: dict[str, list[dict[str, Any]]], width: int = 480, height: int = 220,
               pad: int = 40, max_points: int = CHART_POINTS_MAX) -> StepChart:
    """One chart of one figure category: a step line a source and a point an observation.

    ``series`` maps a source to its observations, each ``{"at": datetime, "value": float, "sentence": str,
    "article_id": str | None}``. An observation whose value differs from the same source's previous
    one is marked ``revised``. Coordinates are in a ``width`` x ``height`` viewBox with ``pad`` margins."""
    observations = [o for points in series.values() for o in points]
    if not observations:
        return StepChart(category, width, height, [], [], 0.0, "", "", pad)
    times = [o["at"].timestamp() for o in observations]
    t0, t1 = min(times), max(times)
    span = (t1 - t0) or 1.0
    y_max = max(max(o["value"] for o in observations), 1.0)

    def x(at: datetime) -> float:
        return round(pad + (width - 2 * pad) * (at.timestamp() - t0) / span, 2)

    def y(value: float) -> float:
        return round(height - pad - (height - 2 * pad) * value / y_max, 2)

    lines, points, times = [], [], []
    for index, (source, observed) in enumerate(sorted(series.items())):
        observed = sorted(observed, key=lambda o: o["at"])
        steps, previous = [], None
        for o in observed:
            px, py = x(o["at"]), y(o["value"])
            steps.append(f"M {px} {py}" if previous is None else f"H {px} V {py}")
            points.append(Point(px, py, o["value"], source, o.get("sentence") or "", "", o.get("article_id"),
                                previous is not None and o["value"] != previous))
            times.append(o["at"])
            previous = o["value"]
        steps.append(f"H {width - pad}")  # the last value holds until now
        lines.append(Line(source, " ".join(steps), index % 8))
    hidden = max(0, len(points) - max_points)
    if hidden:  # the latest max_points (by x: by time), in their sources' order
        keep = set(sorted(range(len(points)), key=lambda i: (points[i].x, i))[hidden:])
        points, times = [p for i, p in enumerate(points) if i in keep], [t for i, t in enumerate(times) if i in keep]
    for p, at in zip(points, times):  # the drawn ones only; isoformat: a third of strftime's time
        p.observed = at.isoformat(" ", "minutes")[:16] + " UTC"
        p.label = f"{p.value:g} · {p.source} · {p.observed}{' · revised' if p.revised else ''}\n{p.sentence}"
        if p.article_id:
            p.href = "/articles/" + (p.article_id if _PLAIN_ID.fullmatch(p.article_id) else quote(p.article_id, safe=""))
    fmt = "%Y-%m-%d %H:%M"
    return StepChart(category, width, height, lines, points, y_max,
                     datetime.fromtimestamp(t0, observations[0]["at"].tzinfo).strftime(fmt),
                     datetime.fromtimestamp(t1, observations[0]["at"].tzinfo).strftime(fmt), pad, hidden)


# --- the story page's map: places by longitude and latitude, on no tiles --------------------------------
@dataclass
class MapPoint:
    x: float
    y: float
    name: str
    lat: float
    lon: float
    events: int


@dataclass
class PlaceMap:
    width: int
    height: int
    points: list[MapPoint]
    west: float
    east: float
    south: float
    north: float


def place_map(places: list[dict[str, Any]], width: int = 640, height: int = 320, pad: int = 40) -> PlaceMap | None:
    """The places that have coordinates, in an equirectangular projection of their bounding box (at
    least 2 degrees a side, widened to keep the aspect), in a ``width`` x ``height`` viewBox; None when
    no place has coordinates."""
    placed = [p for p in places if isinstance(p.get("lat"), (int, float)) and isinstance(p.get("lon"), (int, float))
              and -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180]
    if not placed:
        return None
    lats, lons = [p["lat"] for p in placed], [p["lon"] for p in placed]
    mid_lat, mid_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    half_lat = max((max(lats) - min(lats)) / 2, 1.0)
    half_lon = max((max(lons) - min(lons)) / 2, 1.0)
    inner_w, inner_h = width - 2 * pad, height - 2 * pad
    # one degree is as wide as it is tall (plain equirectangular): the box takes the larger scale's need
    scale = min(inner_w / (2 * half_lon), inner_h / (2 * half_lat))
    points = [MapPoint(round(width / 2 + (p["lon"] - mid_lon) * scale, 2),
                       round(height / 2 - (p["lat"] - mid_lat) * scale, 2),
                       str(p.get("name") or ""), float(p["lat"]), float(p["lon"]), int(p.get("events") or 0))
              for p in placed]
    half_w, half_h = width / 2 / scale, height / 2 / scale
    return PlaceMap(width, height, points, round(mid_lon - half_w, 3), round(mid_lon + half_w, 3),
                    round(mid_lat - half_h, 3), round(mid_lat + half_h, 3))


# Categories the extractor finds with little precision (its evaluation leaves them unscored): counts of
# anything ("50,000 houses", "two cases against the company") and durations. A line through them is
# noise, so they get no chart; the story page lists their observations in a table under the charts.
UNCHARTED = ("count_other", "duration")


def story_charts(series: dict[str, dict[str, list[dict[str, Any]]]]) -> list[StepChart]:
    """One step chart a figure category of a story (``stories.get_story``'s ``series``), in category
    order, but for the ``UNCHARTED`` ones; observations without a report time are left off (they have
    no place on the time axis)."""
    charts = []
    for category in sorted(c for c in series if c not in UNCHARTED):
        by_source = {source: [{"at": o["reported_at"], "value": o["value"], "sentence": o.get("sentence"),
                               "article_id": o.get("article_id")} for o in rows if o.get("reported_at")]
                     for source, rows in series[category].items()}
        by_source = {s: rows for s, rows in by_source.items() if rows}
        if by_source:
            charts.append(step_chart(category, by_source))
    return charts


def uncharted_observations(series: dict[str, dict[str, list[dict[str, Any]]]]) -> list[dict[str, Any]]:
    """The observations of the ``UNCHARTED`` categories, for a table: in report order (those without a
    report time last), each with its ``category`` and ``source``."""
    rows = [{**o, "category": category, "source": source} for category in UNCHARTED
            for source, observed in series.get(category, {}).items() for o in observed]
    return sorted(rows, key=lambda o: (o.get("reported_at") is None, o.get("reported_at") or 0, o["category"]))
