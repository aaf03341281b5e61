"""Run the sink as a process of its own, for kill tests: ``python sink_process.py '<settings JSON>'``.

Stops cleanly on SIGTERM/SIGINT; the tests SIGKILL it to see what a crash leaves behind.
(The product's entry point is ``newswire sink``; this keeps the test independent of the CLI.)
"""

from __future__ import annotations

import json
import logging
import signal
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from newswire.settings import Settings  # noqa: E402
from newswire.storage.db import check_schema, make_engine  # noqa: E402
from newswire.storage.sink import SinkWorker  # noqa: E402


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = Settings(**json.loads(sys.argv[1]))
    engine = make_engine(settings.db_url)
    check_schema(engine)
    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    try:
        SinkWorker(settings, engine).run(stop)
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
