"""News-like pages of our own, for benchmarks and replay tests (no real outlet's text).

Each page is a plausible article about a disaster, an attack, an election or the economy, built
from sentences written for newswire, with figures, attributions and dates the extractor should
find. ``make_page(i)`` is deterministic: page i is the same in every run.
"""

from __future__ import annotations

import json
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
# Background, description and reaction: real reports are mostly this, around a few facts. Mixed so
# that a page's counts match those of 290 real news-site pages we measured (per article: ~12 figures,
# ~10 events, ~4.5 KB of text; see README "Benchmark").
CONTEXT = [
    "The district lies on a narrow plain between the hills and the sea, and most of its homes are old.",
    "Many of the buildings in the old town date from the early twentieth century and were never reinforced.",
    "Local radio broadcast appeals for blood donors and for volunteers with heavy lifting equipment.",
    "The main road into the valley is a single lane in places, which slows the arrival of heavy trucks.",
    "About 35 percent of households in the province depend on farming or fishing for their income.",
    "The port handles around 12 million tonnes of cargo a year, much of it grain and fertiliser.",
    "Residents described long queues at the few petrol stations that still had fuel.",
    "The city's last major flood, in the spring of a wet year, left a line of mud on walls that is still visible.",
    "The province received nearly 60 percent more rain than usual over the past month.",
    "Power and mobile phone networks were patchy in parts of the city for much of the day.",
    "Prices of bread and vegetables in the central market have risen by about 20 percent since the summer.",
    "The regional budget for emergency services was cut by a tenth three years ago.",
    "Some families spent the night in cars parked on the football pitch at the edge of town.",
    "The stadium, which holds 25,000 people, is being used as a distribution point for blankets and food.",
    "Schoolteachers and shopkeepers joined the volunteers, carrying water and bread to the poorest streets.",
    "The national weather service expects more rain in the mountains over the coming days.",
    "The river rose more than two metres in a few hours, local officials estimated.",
    "Both candidates spent the final week of the campaign touring the industrial towns of the north.",
    "The currency has lost around 8 percent of its value against the dollar this year.",
    "Inflation stood at 4.2 percent in the latest official figures, above the central bank's target.",
    "Economists expect growth of between 1 and 1.5 percent next year, helped by exports.",
    "The package includes new housing, repairs to schools and support for small businesses.",
    "The railway line to the capital, about 300 kilometres long, was built in the 1950s.",
    "There is no date yet for reopening the border crossing, a vital route for trade.",
    "Many of those displaced are staying with relatives in nearby villages rather than in camps.",
    "The camp on the edge of the city now shelters about 7,500 people in rows of white tents.",
    "A water treatment plant serving the eastern suburbs was working at half its usual capacity.",
    "Volunteers set up kitchens in three school halls, serving hot meals twice a day.",
    "The area is popular with tourists in summer, when its population roughly doubles.",
    "Insurance companies estimate the cost of the damage at more than $400 million.",
    "Television pictures showed rescuers passing stretchers along a human chain over piles of rubble.",
    "Shops reopened slowly on the main avenue, although many owners were still clearing broken glass.",
    "Traffic was diverted around the centre, and the main railway station stayed open only for local trains.",
    "Reconstruction is expected to take years and to need support from the whole country.",
    "For many, the first minutes were the worst, with buildings swaying and people running into the street.",
    "Markets in the region were little changed by the close of trading.",
    "The government has promised a full review of building standards once the emergency is over.",
    "The streets around the square were quiet by evening, lit only by the headlights of passing vans.",
    "Most of the town's shops are small family businesses that have been passed down for generations.",
    "The coastal road offers the only other way in, and it is longer and narrower than the highway.",
    "Older residents remember a similar winter decades ago, when the valley was cut off for weeks.",
    "Neighbours took turns watching over children while parents queued for supplies.",
    "The town hall, a grey stone building on the main square, has become the centre of the relief effort.",
    "Local newspapers printed special editions with maps of the affected neighbourhoods.",
    "Church bells rang in the evening, as they do every day, and a few people gathered to listen.",
    "The hills above the town are covered in pine forest, much of it planted after the war.",
    "Fishing boats stayed in the harbour, their crews helping to move furniture out of flooded homes.",
    "In the cafes that reopened, conversation turned to insurance, repairs and who would pay for them.",
    "The university sent engineering students to help inspect the walls of older houses.",
    "Many residents keep small gardens behind their homes, and some of those were buried in mud.",
    "Road signs in the area are in two languages, reflecting the mixed population of the border region.",
    "Buses from the capital arrived in the afternoon, bringing relatives looking for news of their families.",
    "The mayor's office posted daily updates on its website and on noticeboards outside the town hall.",
    "The local football club offered its training ground as a place to store donated supplies.",
    "Pharmacies in the centre were among the first businesses to reopen their doors.",
    "At the edge of the market, a few stalls were already selling fruit again by midday.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@dataclass(frozen=True)
class SyntheticPage:
    url: str
    html: str
    published_at: datetime
    title: str


def make_page(index: int, base_url: str = "https://news.example.org", site_chrome: bool = False) -> SyntheticPage:
    """Page ``index``. ``site_chrome``: a full news-site page around a longer article (see :func:`_site_page`),
    the benchmark's default input; without it, a bare article (what tests want)."""
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
    if site_chrome:
        chrome = random.Random(f"chrome-{index}")
        context = chrome.sample(CONTEXT, chrome.randint(36, 48))
        paragraphs = paragraphs[:2] + [" ".join(context[i:i + 2]) for i in range(0, len(context), 2)]
        return SyntheticPage(url=url, html=_site_page(title, url, published, paragraphs, chrome, base_url),
                             published_at=published, title=title)
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


# --- a news site around the article ----------------------------------------------------------------
# Real news pages are mostly not the article: measured on 290 of them, a median of 105 KB of HTML,
# 760 elements, 140 links and 14 KB of inline script around 4.4 KB of text. Cleaning cost follows
# that bulk, so a benchmark on bare articles would flatter every stage after cleaning.
SECTIONS = {
    "World": ["Europe", "Americas", "Asia", "Africa", "Middle East"], "Business": ["Markets", "Economy", "Companies"],
    "Politics": ["Elections", "Parliament", "Policy"], "Climate": ["Weather", "Energy", "Environment"],
    "Health": ["Medicine", "Public health"], "Technology": ["Science", "Space"], "Sport": ["Football", "Tennis"],
    "Culture": ["Books", "Film", "Music"], "Opinion": ["Columns", "Letters"],
}
HEADLINE_ENDINGS = [
    "council approves new budget after long debate", "storm warning issued for the coast",
    "rail strike called off at the last minute", "new bridge opens to traffic", "hospital waiting lists grow",
    "teachers vote on pay offer", "port expansion plan faces legal challenge", "mayor resigns amid inquiry",
    "drought forces water restrictions", "football club names new coach", "museum returns looted artefacts",
    "fuel prices rise for third week", "court blocks controversial mining project", "festival draws record crowds",
]


def _headline(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}: {rng.choice(HEADLINE_ENDINGS)}"


def _css_class(rng: random.Random) -> str:
    """Generated class names, as CSS-in-JS sites emit them."""
    return f"css-{rng.getrandbits(28):07x} e{rng.getrandbits(20):05x}{rng.randint(0, 9)}"


def _icon(rng: random.Random) -> str:
    path = " ".join(f"L{rng.randint(0, 24)}.{rng.randint(0, 99)} {rng.randint(0, 24)}.{rng.randint(0, 99)}"
                    for _ in range(rng.randint(8, 30)))
    return f'<svg viewBox="0 0 24 24" aria-hidden="true" class="{_css_class(rng)}"><path d="M0 0 {path}Z"></path></svg>'


def _story_list(rng: random.Random, heading: str, count: int) -> str:
    items = "".join(
        f'<li class="{_css_class(rng)}"><div class="{_css_class(rng)}" data-component="story-card" '
        f'data-id="{rng.getrandbits(48):x}"><div class="{_css_class(rng)}"><a class="{_css_class(rng)}" '
        f'href="/news/{rng.randint(10**6, 10**7)}"><div class="{_css_class(rng)}"><img src="/img/{rng.randint(1, 9999)}.jpg" '
        f'srcset="/img/{rng.randint(1, 9999)}-320.jpg 320w, /img/{rng.randint(1, 9999)}-640.jpg 640w" alt="" '
        f'width="160" height="90" loading="lazy"></div><span class="{_css_class(rng)}">{_headline(rng)}</span></a>'
        f'</div><span class="{_css_class(rng)}">{_icon(rng)}{rng.randint(2, 59)} min ago</span></div></li>'
        for _ in range(count))
    return f'<section class="{_css_class(rng)}" data-rail="{heading}"><h2>{heading}</h2><ol>{items}</ol></section>'


def _app_config(rng: random.Random) -> str:
    slots = [{"id": f"ad-slot-{i}", "sizes": [[300, 250], [728, 90], [320, 50]][: rng.randint(1, 3)],
              "targeting": {"section": rng.choice(list(SECTIONS)), "pos": i, "kw": _headline(rng).split()}}
             for i in range(rng.randint(20, 120))]
    flags = {f"feature_{i}": rng.random() < 0.5 for i in range(rng.randint(50, 300))}
    return json.dumps({"ads": {"slots": slots}, "features": flags, "build": f"{rng.getrandbits(64):x}"})


def _site_page(title: str, url: str, published: datetime, paragraphs: list[str], rng: random.Random,
               base_url: str) -> str:
    nav = "".join(
        f'<li class="nav-item"><a href="/{top.lower()}">{top}</a><ul class="sub">'
        + "".join(f'<li><a href="/{top.lower()}/{sub.lower().replace(" ", "-")}">{sub}</a></li>' for sub in subs)
        + "</ul></li>" for top, subs in SECTIONS.items())
    ticker = "".join(f'<li><a href="/live/{rng.randint(1000, 9999)}">{_headline(rng)}</a></li>' for _ in range(5))
    style = "".join(f".c{i}{{margin:{rng.randint(0, 24)}px;color:#{rng.getrandbits(24):06x}}}"
                    for i in range(rng.randint(80, 250)))
    json_ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                          "datePublished": published.isoformat(), "author": {"@type": "Person", "name": "Staff Reporter"},
                          "publisher": {"@type": "Organization", "name": "Example News"}, "mainEntityOfPage": url})
    body = "".join(f'<div class="{_css_class(rng)}" data-component="text-block"><div class="{_css_class(rng)}">'
                   f'<p class="{_css_class(rng)}">{p}</p></div></div>' + (
        f'<aside class="inline-related"><a href="/news/{rng.randint(10**6, 10**7)}">Read more: {_headline(rng)}</a></aside>'
        if i in (3, 8) else "") for i, p in enumerate(paragraphs))
    tags = "".join(f'<li><a href="/topic/{t.lower()}">{t}</a></li>' for t in rng.sample(list(SECTIONS), 5))
    share = "".join(f'<a class="share" href="https://share.example/{n}?u={url}">{_icon(rng)}{n}</a>'
                    for n in ("Email", "Facebook", "X", "LinkedIn", "WhatsApp", "Copy link"))
    comments = "".join(f'<div class="comment"><span class="user">reader{rng.randint(1, 9999)}</span>'
                       f"<p>{rng.choice(CONTEXT)}</p></div>" for _ in range(rng.randint(2, 6)))
    footer = "".join(f'<div class="col"><h3>{top}</h3><ul>'
                     + "".join(f'<li><a href="/{top.lower()}/{i}">{top} {i}</a></li>' for i in range(rng.randint(6, 12)))
                     + "</ul></div>" for top in SECTIONS)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title} | Example News</title>'
        f'<link rel="canonical" href="{url}"><meta property="og:title" content="{title}">'
        f'<meta property="og:url" content="{url}"><meta property="og:type" content="article">'
        f'<meta property="article:published_time" content="{published.isoformat()}">'
        '<meta name="author" content="Staff Reporter"><meta name="twitter:card" content="summary_large_image">'
        + "".join(f'<link rel="stylesheet" href="{base_url}/static/css/{n}.css">' for n in ("base", "article", "ads"))
        + f"<style>{style}</style>"
        f'<script type="application/ld+json">{json_ld}</script>'
        f"<script>window.__APP_CONFIG__ = {_app_config(rng)};</script>"
        f'<script id="__PAGE_DATA__" type="application/json">{json.dumps({"article": {"title": title, "url": url, "paragraphs": paragraphs}, "config": _app_config(rng)})}</script>'
        '<script async src="https://analytics.example/tag.js"></script></head><body class="article-page">'
        '<div id="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>'
        '<header class="site-header"><a class="logo" href="/">Example News</a>'
        f'<nav class="main-nav"><ul>{nav}</ul></nav>'
        '<form class="search" action="/search"><input name="q" placeholder="Search"><button>Go</button></form>'
        f'<div class="ticker"><span>Breaking</span><ul>{ticker}</ul></div></header>'
        '<main><div class="breadcrumb"><a href="/">Home</a> <a href="/world">World</a></div>'
        f'<article><h1>{title}</h1><p class="byline">By Staff Reporter</p>'
        f'<time datetime="{published.isoformat()}">{published:%d %B %Y}</time>'
        f'<figure><img src="/img/lead-{rng.randint(1, 9999)}.jpg" alt=""><figcaption>File photo.</figcaption></figure>'
        f'<div class="article-body">{body}</div><ul class="tags">{tags}</ul><div class="share-bar">{share}</div></article>'
        f'<section class="comments"><h2>Comments</h2>{comments}</section></main>'
        f'<aside class="sidebar">{_story_list(rng, "Most read", 10)}{_story_list(rng, "Latest", rng.randint(6, 14))}'
        f'{_story_list(rng, "More from Example News", rng.randint(8, 20))}'
        '<div class="ad" id="ad-sidebar"></div>'
        '<form class="newsletter"><label>Get the morning briefing</label><input type="email"><button>Sign up</button>'
        f'</form></aside><footer class="site-footer">{footer}<p>Copyright Example News. All rights reserved.</p>'
        '</footer><script>window.dataLayer = window.dataLayer || []; dataLayer.push({"event": "pageview"});</script>'
        "</body></html>"
    )
