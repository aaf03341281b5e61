"""News-like pages of our own, for benchmarks and replay tests (no real outlet's text).

Each page is a plausible article about a disaster, an attack, an election or the economy, built
from sentences written for newswire, with figures, attributions and dates the extractor should
find. ``make_page(i)`` is deterministic: page i is the same in every run.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

PLACES = ["Port Ellis", "Marren", "Kastor Bay", "North Valen", "Ostrava Mala", "Linwood", "Tarsis", "Belmont Ridge"]
SOURCES = ["police said", "the health ministry said", "officials told reporters", "the regional governor said",
           "according to the civil defence agency", "the United Nations said", "state media reported"]
LEADS = [
    "At least {n1} people were killed and more than {n2} injured when a powerful earthquake struck {place} on {day}, {source}.",
    "Floods displaced more than {n3:,} people along the river near {place} on {day}, {source}.",
    "A car bomb killed {n1} people and wounded about {n2} others in central {place} on {day}, {source}.",
    "Voters in {place} gave the governing party {p1} percent of the vote in {day}'s election, {source}.",
    "The government unveiled a ${b1} billion package to rebuild {place} on {day}, {source}.",
    "Health officials in {place} reported {n3:,} new cases of cholera since the outbreak began, {source}.",
]
BODY = [
    "Rescue teams worked through the night to search collapsed buildings, and {n4} people remain missing.",
    "Police arrested {n5} suspects after the attack, a spokesman said on {day2}.",
    "Unemployment fell to {p2} percent in the third quarter, the statistics office said.",
    "About {n6:,} residents were evacuated from low-lying districts as a precaution.",
    "The magnitude {m1} tremor was felt as far away as the capital, the geological survey said.",
    "Aid agencies said they had sent tents and clean water for up to {n6:,} people.",
    "Talks between the two sides resumed in the capital on {day2}, officials said.",
    "Officials warned that the death toll could rise as crews reached villages in the hills.",
    "The opposition rejected the result and called for protests on {day2}.",
    "Shipping through the port fell by nearly {p2} percent in the first week, the port authority said.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class SyntheticPage:
    url: str
    html: str
    published_at: datetime
    title: str


def make_page(index: int, base_url: str = "https://news.example.org") -> SyntheticPage:
    rng = random.Random(index)
    values = dict(
        n1=rng.randint(2, 90), n2=rng.randint(10, 400), n3=rng.randint(1000, 90000), n4=rng.randint(2, 40),
        n5=rng.randint(2, 12), n6=rng.randint(500, 20000), p1=round(rng.uniform(20, 60), 1),
        p2=round(rng.uniform(2, 15), 1), b1=round(rng.uniform(0.5, 20), 1), m1=round(rng.uniform(4.5, 7.9), 1),
        place=rng.choice(PLACES), source=rng.choice(SOURCES), day=rng.choice(DAYS), day2=rng.choice(DAYS),
    )
    published = datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(hours=7 * index % (24 * 300))
    lead = rng.choice(LEADS).format(**values)
    body = [sentence.format(**values) for sentence in rng.sample(BODY, 6)]
    paragraphs = [lead] + [" ".join(body[i:i + 2]) for i in range(0, 6, 2)]
    title = f"{values['place']}: {lead.split(',')[0][:70]}"
    url = f"{base_url}/{published:%Y/%m/%d}/story-{index}.html"
    html = (
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><link rel=\"canonical\" href=\"{url}\">"
        f"<meta property=\"article:published_time\" content=\"{published.isoformat()}\">"
        "<meta name=\"author\" content=\"Staff Reporter\"></head><body>"
        "<nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> <a href=\"/business\">Business</a></nav>"
        f"<article><h1>{title}</h1><p class=\"byline\">By Staff Reporter</p>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article><footer><p>Copyright Example News. All rights reserved.</p></footer></body></html>"
    )
    return SyntheticPage(url=url, html=html, published_at=published, title=title)
