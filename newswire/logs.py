"""Logs on stderr: short coloured lines for a person at a terminal, JSON lines for everything else.

``NEWSWIRE_LOG_FORMAT`` chooses: ``auto`` (the default) writes text when stderr is a terminal and
JSON otherwise (a pipe, a file, the log files of ``newswire run``'s children); ``text`` and
``json`` force one. JSON lines are one object each, with feed_url / article_id / topic / offset
where the caller passes them in ``extra``; text lines carry the same fields as ``key=value``.

Text goes through :data:`console`, the one rich console of this process that the CLI's progress
bars and live status line also use, so a log line prints above them instead of through them.

Third-party libraries (alembic, aiokafka, faust, kafka-python, mode, ...) log at WARNING and above,
their consumer-group coordinators at INFO (joins and assignments), unless ``NEWSWIRE_LOG_LEVEL=debug``,
which shows everything.
"""

from __future__ import annotations

import json
import logging
import sys
import time

from rich.console import Console
from rich.text import Text

console = Console(stderr=True)  # shared with the CLI's progress bars and status line

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
# Chatty at INFO (alembic narrates every migration context, kafka-python every connection).
THIRD_PARTY = ("alembic", "aiokafka", "faust", "kafka", "mode", "trafilatura", "htmldate")
# Except the consumer-group coordinators: a join, an assignment or a revocation is rare, and it is what
# explains a stage that holds no partitions (e.g. after a restart on a busy machine).
GROUP_LOGGERS = ("kafka.coordinator", "aiokafka.consumer.group_coordinator")
LEVEL_STYLES = {"DEBUG": "dim", "INFO": "green", "WARNING": "yellow", "ERROR": "bold red", "CRITICAL": "bold red"}

_text_mode = False


def _fields(record: logging.LogRecord) -> dict[str, object]:
    """What the caller passed in ``extra``."""
    return {key: value for key, value in vars(record).items() if key not in _STANDARD}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "at": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update(_fields(record))
        if record.exc_info:
            entry["error"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)


def stage_of(logger_name: str) -> str:
    """The short name a text line shows: ``newswire.app.supervisor`` -> ``supervisor``,
    ``newswire.ingest.poller`` -> ``ingest.poller``, ``alembic.runtime.migration`` -> ``alembic``."""
    first, _, rest = logger_name.partition(".")
    if first == "newswire" and rest:
        return rest.removeprefix("app.") if rest != "app" else rest
    if first in THIRD_PARTY:
        return first
    return logger_name


class ConsoleHandler(logging.Handler):
    """``12:03:07 INFO  supervisor  pipeline started ... feed_url=...`` through the shared console."""

    def __init__(self, out: Console) -> None:
        super().__init__()
        self.out = out

    def render(self, record: logging.LogRecord) -> Text:
        line = Text()
        line.append(time.strftime("%H:%M:%S", time.localtime(record.created)) + " ", style="dim")
        line.append(f"{record.levelname:<7} ", style=LEVEL_STYLES.get(record.levelname, ""))
        line.append(stage_of(record.name) + "  ", style="cyan")
        line.append(record.getMessage())
        for key, value in _fields(record).items():
            line.append(f" {key}=", style="dim")
            line.append(str(value))
        if record.exc_info:
            line.append("\n" + logging.Formatter().formatException(record.exc_info), style="red")
        return line

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.out.print(self.render(record), highlight=False, markup=False, soft_wrap=True)
        except Exception:  # noqa: BLE001 - a broken terminal must not stop the pipeline
            self.handleError(record)


def text_on_terminal(fmt: str, stream=None) -> bool:
    """True if ``fmt`` (auto / text / json) means text lines on ``stream`` (default: stderr)."""
    if fmt == "auto":
        stream = stream or sys.stderr
        return bool(getattr(stream, "isatty", lambda: False)())
    return fmt == "text"


def setup_logging(level: str = "INFO", fmt: str = "auto") -> None:
    """Configure the root logger of this process (the CLI calls it once it has read the settings)."""
    global _text_mode
    _text_mode = text_on_terminal(fmt)
    if _text_mode:
        handler: logging.Handler = ConsoleHandler(console)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    debug = root.level <= logging.DEBUG
    for name in THIRD_PARTY:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.WARNING)
    for name in GROUP_LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET if debug else logging.INFO)


def for_people() -> bool:
    """True when stderr shows text lines (so progress bars and plain messages belong there too)."""
    return _text_mode


def say(message: str, **fields: object) -> None:
    """A message for whoever runs the command: a plain line in text mode, a JSON log record (from
    ``newswire.app.cli``, with ``fields``) otherwise, so that piped stderr stays one JSON object a line."""
    if _text_mode:
        console.print(message, highlight=False, markup=False, soft_wrap=True)
    else:
        logging.getLogger("newswire.app.cli").info(message, extra=fields)
