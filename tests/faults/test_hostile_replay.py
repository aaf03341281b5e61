"""One replay file that interleaves good records with hostile ones (issue 18's acceptance run).

The hostile lines are the ones that used to stop newswire from storing anything: text without a
sentence break, one word repeated thousands of times, a long table of numbers, a very long article,
and publication dates that leave years 1-9999 once converted to UTC. Expected, on both databases:
the replay returns, every good record is stored with its extraction, and every hostile one is either
stored and extracted or dead-lettered with a reason, never silently lost.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time

import pytest
from sqlalchemy import select
from sqlmodel import Session

from newswire.ids import article_id, canonical_url
from newswire.app.bench.synthetic import make_page
from newswire.storage.db import make_engine
from newswire.storage.models import Article, DeadLetter, Extraction

# End to end on PostgreSQL, the stricter database (NULs, date range); the hostile rows themselves meet
# both databases in tests/history/test_replay_hostile.py and tests/storage/test_hostile_rows.py.
pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)]

GOOD = 24
WORDS = ("officials reported that rescue teams reached the flooded district where residents waited on roofs "
         "while the regional council met to discuss emergency funding and the army sent trucks").split()


def unpunctuated(n_chars: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    size = 0
    while size < n_chars:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def number_table(n_chars: int) -> str:
    rows, size, i = [], 0, 0
    while size < n_chars:
        row = f"{i} {12 + i % 7} {3456 + i},{i % 1000:03d} {i % 10}.{i % 9} {i * 37 % 100000}"
        rows.append(row)
        size += len(row) + 1
        i += 1
    return "\n".join(rows)


def prose(n_chars: int) -> str:
    sentences = [
        "At least {n} people were killed when the storm hit the coast on Monday, officials said.",
        "The ministry said {n} others were injured and more than {m} homes were damaged.",
        "Rescue teams evacuated {m} residents from the valley overnight, the governor told reporters.",
        "Parliament approved a budget of {n} million dollars for reconstruction on Tuesday.",
    ]
    parts, size, i = [], 0, 0
    while size < n_chars:
        sentence = sentences[i % len(sentences)].format(n=3 + i % 90, m=100 + i % 900)
        parts.append(sentence)
        size += len(sentence) + 1
        i += 1
        if i % 6 == 0:
            parts.append("\n\n")
    return " ".join(parts)


def hostile_lines() -> list[dict]:
    return [
        {"url": "https://hostile.example.com/unpunctuated", "title": "Run-on",
         "text": unpunctuated(25_000, 1), "published_at": "2026-03-01T08:00:00Z"},
        {"url": "https://hostile.example.com/said", "title": "Said", "text": "said " * 8000,
         "published_at": "2026-03-01T08:00:00Z"},
        {"url": "https://hostile.example.com/numbers", "title": "Numbers", "text": number_table(190_000),
         "published_at": "2026-03-01T08:00:00Z"},
        {"url": "https://hostile.example.com/prose", "title": "Long", "text": prose(900_000),
         "published_at": "2026-03-01T08:00:00Z"},
        {"url": "https://hostile.example.com/late", "title": "Late",
         "text": "At least 12 people were killed in the attack on Monday, the ministry said.",
         "published_at": "9999-12-31T23:00:00-05:00"},
        {"url": "https://hostile.example.com/early", "title": "Early",
         "text": "More than 40 people were injured in the blast on Tuesday, police said.",
         "published_at": "0001-01-01T00:30:00+05:00"},
    ]


def good_line(i: int) -> dict:
    page = make_page(i, base_url="https://good.example.org")
    return {"url": page.url, "html": page.html, "published_at": page.published_at.isoformat()}


def test_hostile_lines_do_not_stop_a_replay(database_url, tmp_path):
    hostile = hostile_lines()
    good = [good_line(i) for i in range(GOOD)]
    lines = []
    for i, record in enumerate(good):  # a hostile line after every fourth good one
        lines.append(record)
        if i % 4 == 3:
            lines.append(hostile[i // 4])
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSWIRE_")}
    env.update(NEWSWIRE_DATABASE_URL=database_url, NEWSWIRE_DATA_DIR=str(tmp_path / "data"))
    started = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "newswire", "replay", str(path)], env=env, capture_output=True,
                            text=True, timeout=420)
    took = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    print(f"hostile replay took {took:.1f} s")

    engine = make_engine(database_url)
    with Session(engine) as session:
        articles = {row.article_id for row in session.execute(select(Article)).scalars()}
        extracted = {row.article_id for row in session.execute(select(Extraction)).scalars()}
        dead = list(session.execute(select(DeadLetter)).scalars())
    engine.dispose()
    dead_ids = {d.article_id for d in dead if d.article_id} | {article_id(canonical_url(d.url)) for d in dead
                                                               if d.url and d.url.startswith("http")}

    for record in good:
        aid = article_id(canonical_url(record["url"]))
        assert aid in articles and aid in extracted, record["url"]
    for record in hostile:
        aid = article_id(canonical_url(record["url"]))
        stored_and_extracted = aid in articles and aid in extracted
        assert stored_and_extracted or aid in dead_ids, f"{record['url']} neither extracted nor dead-lettered"
        if aid in dead_ids:
            assert all(d.reason for d in dead), "every dead letter carries a reason"
