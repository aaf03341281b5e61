"""JSON Schemas of the topic records, for subscribers in any language.

``newswire/schemas/<topic>.json`` is generated from ``records.py`` by :func:`write_schemas`
(``python -m newswire.schemas``) and checked in; a test fails when the two disagree.
"""

from __future__ import annotations

import json
from pathlib import Path

from newswire.topics import CONTROL_TOPICS, DERIVED_TOPICS, TOPICS

ALL_TOPICS = {**TOPICS, **DERIVED_TOPICS, **CONTROL_TOPICS}

SCHEMA_DIR = Path(__file__).with_name("schemas")


def schema_for(topic_name: str) -> dict:
    topic = ALL_TOPICS[topic_name]
    schema = topic.record.model_json_schema(mode="serialization")
    schema["$id"] = f"https://newswire.dev/schemas/{topic.name}.json"
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["description"] = (schema.get("description") or "").strip()
    return schema


def render(topic_name: str) -> str:
    return json.dumps(schema_for(topic_name), indent=2, sort_keys=True) + "\n"


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name in ALL_TOPICS:
        path = directory / f"{name}.json"
        path.write_text(render(name))
        written.append(path)
    return written


if __name__ == "__main__":
    for written in write_schemas():
        print(written)
