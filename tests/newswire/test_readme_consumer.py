"""The README's subscriber example works as written against a real broker: Tansu and Apache Kafka."""

from __future__ import annotations

import contextlib
import io
import re

from newswire.kafka import create_topics, make_producer
from newswire.records import FigureRecord
from tests.conftest import REPO, both_brokers


def readme_consumer() -> str:
    blocks = re.findall(r"```python\n(.*?)```", (REPO / "README.md").read_text(), re.S)
    return next(block for block in blocks if "KafkaConsumer" in block)


@both_brokers
def test_readme_consumer_prints_casualty_figures(broker, unique):
    prefix = f"t{unique}."
    create_topics(broker.bootstrap, prefix)
    producer = make_producer(broker.bootstrap)
    for i, category in enumerate(["killed", "money", "injured"]):
        producer.send(f"{prefix}newswire.figures.v1", key="a1", value=FigureRecord(
            figure_id=f"f{i}", article_id="a1", article_version=1, value=10 + i, text=str(10 + i), start=0, end=2,
            unit="people", category=category, source="police", sentence="...", sentence_start=0,
            extractor_version="1"))
    producer.flush()
    producer.close()

    code = readme_consumer()
    assert len(code.strip().splitlines()) <= 16  # "a dozen lines"
    code = (code.replace('"newswire.figures.v1"', f'"{prefix}newswire.figures.v1"')
                .replace('"localhost:9094"', f'"{broker.bootstrap}"')
                .replace('group_id="casualty-alerts",', f'group_id="g{unique}", consumer_timeout_ms=8000,'
                         ' session_timeout_ms=6000, heartbeat_interval_ms=1000,'))
    out = io.StringIO()
    namespace: dict = {}
    try:
        with contextlib.redirect_stdout(out):
            exec(compile(code, "README.md", "exec"), namespace)
    finally:
        if "consumer" in namespace:
            namespace["consumer"].close()
    lines = out.getvalue().splitlines()
    assert [line.split()[:3] for line in lines] == [["f0", "killed", "10"], ["f2", "injured", "12"]]
