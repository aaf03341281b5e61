"""``newswire tail TOPIC``: what flows on a topic, printed one readable line a record.

A throw-away consumer (no group, nothing committed), so tailing never disturbs the pipeline's
own consumer groups or a subscriber's offsets.
"""

from __future__ import annotations

import json
import time
from typing import Callable, TextIO

from kafka import TopicPartition

from newswire.errors import BadRecord
from newswire.kafka import make_consumer
from newswire.records import decode
from newswire.topics import Topic


def describe(topic: Topic, record: dict) -> str:
    """One line a record, the fields a person looks for first."""
    name = topic.name.split(".")[1]
    if name == "figures":
        qualifier = f" ({record['qualifier']})" if record.get("qualifier") else ""
        source = f" — {record['source']}" if record.get("source") else ""
        return (f"[{record['category']}] {record['text']!r} {record.get('unit') or ''}{qualifier}{source}"
                f"  article={record['article_id'][:12]} span={record['start']}-{record['end']}")
    if name == "events":
        where = f" in {record['location']}" if record.get("location") else ""
        return (f"[{record['type']}] {record['trigger']!r}{where} date={record.get('date')} "
                f"actors={', '.join(record.get('actors') or [])}  article={record['article_id'][:12]}")
    if name == "articles":
        return (f"{record.get('published_at') or '-'}  {record.get('title') or '(no title)'}  "
                f"<{record['url']}> v{record['version']}{' replayed' if record.get('replayed') else ''}")
    if name == "deadletter":
        return f"[{record['stage']}:{record['reason']}] {record.get('url') or record.get('source_topic')}: {record['error']}"
    return json.dumps(record)


def tail(bootstrap: str, topic: Topic, full_name: str, *, from_beginning: bool, follow: bool,
         keep: Callable[[dict], bool], out: TextIO, as_json: bool = False, idle_exit_s: float = 3.0,
         limit: int | None = None) -> int:
    """Print records; without ``follow``, stop once nothing new arrived for ``idle_exit_s``."""
    consumer = make_consumer(bootstrap, None, auto_offset_reset="earliest" if from_beginning else "latest")
    partitions = consumer.partitions_for_topic(full_name) or set()
    assigned = [TopicPartition(full_name, p) for p in sorted(partitions)]
    consumer.assign(assigned)
    if from_beginning:
        consumer.seek_to_beginning(*assigned)
    printed = 0
    last_seen = time.monotonic()
    try:
        while follow or time.monotonic() - last_seen < idle_exit_s:
            for messages in consumer.poll(500).values():
                for message in messages:
                    last_seen = time.monotonic()
                    try:
                        record = decode(topic.record, message.value).model_dump(mode="json")
                    except BadRecord as exc:
                        out.write(f"! {full_name}[{message.partition}]@{message.offset}: {exc}\n")
                        continue
                    if not keep(record):
                        continue
                    out.write((json.dumps(record) if as_json else describe(topic, record)) + "\n")
                    out.flush()
                    printed += 1
                    if limit is not None and printed >= limit:
                        return printed
    finally:
        consumer.close()
    return printed
