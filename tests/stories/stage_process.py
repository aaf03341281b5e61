"""Run the stories stage as a process of its own, for kill tests: ``python stage_process.py URL BATCH``."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from newswire.storage.db import check_schema, make_engine  # noqa: E402
from newswire.app.story_stage import StoryStage  # noqa: E402

if __name__ == "__main__":
    engine = make_engine(sys.argv[1])
    check_schema(engine)
    StoryStage(engine, batch=int(sys.argv[2])).run(threading.Event(), idle_s=0.05)
