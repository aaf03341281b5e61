"""The CLI's and the web lists' reads on a grown database: best-of-N milliseconds a read, with its rows.

Run it on a database ``writer_growth.py`` grew (``--prefill-at``), e.g. at 1,000,000 articles, to see
that every list a user can ask for stays served by an index: the newest page, a category, a date
range, and the substring filters (``text=``, ``source=``, ``place=``) with a term many rows hold, one
few rows hold and one no row holds (migration 0012: these read the whole listing before).

    .venv/bin/python benchmarks/list_reads.py --database-url URL [--repeat 3] [--explain]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event  # noqa: E402

from newswire.storage import browse, queries  # noqa: E402
from newswire.storage.db import make_engine  # noqa: E402


def reads(engine, common: str, rare: str) -> dict:
    since = datetime(2025, 1, 5, tzinfo=timezone.utc)
    return {
        "newswire figures": lambda: queries.list_figures(engine),
        "newswire events --type attack": lambda: queries.list_events(engine, type="attack"),
        "/figures": lambda: browse.browse_figures(engine)[0],
        "/figures?category=killed": lambda: browse.browse_figures(engine, category="killed")[0],
        "/figures?since=": lambda: browse.browse_figures(engine, since=since)[0],
        f"/figures?text={common}": lambda: browse.browse_figures(engine, text=common)[0],
        f"/figures?text={rare}": lambda: browse.browse_figures(engine, text=rare)[0],
        "/figures?text=(nothing)": lambda: browse.browse_figures(engine, text="qqzzx wobble")[0],
        "/figures?source=(nothing)": lambda: browse.browse_figures(engine, source="qqzzx wobble")[0],
        "/figures?place=(nothing)": lambda: browse.browse_figures(engine, place="Qqzzxville")[0],
        "/figures?source=offic&text=killed&place=(nothing)":
            lambda: browse.browse_figures(engine, source="offic", text="killed", place="Qqzzxville")[0],
        "/events?type=attack&place=(nothing)": lambda: browse.browse_events(engine, type="attack", place="Qqzzxville")[0],
        "/events?text=(nothing)": lambda: browse.browse_events(engine, text="qqzzx wobble")[0],
        "/events?place=(nothing)": lambda: browse.browse_events(engine, place="Qqzzxville")[0],
        "newswire figures --text (nothing)": lambda: queries.list_figures(engine, text="qqzzx wobble"),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--common", default="killed", help="a term many sentences hold")
    parser.add_argument("--rare", default="Report 17", help="a term few sentences hold")
    parser.add_argument("--explain", action="store_true", help="print each read's page statement's plan")
    args = parser.parse_args()
    engine = make_engine(args.database_url)
    print(f"| read ({engine.dialect.name}) | rows | best of {args.repeat}, ms |\n|---|---|---|")
    for name, call in reads(engine, args.common, args.rare).items():
        seen: list[tuple[str, object]] = []

        def note(conn, cursor, statement, parameters, context, executemany):
            seen.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", note)
        best, rows = float("inf"), []
        for _ in range(args.repeat):
            began = time.perf_counter()
            rows = call()
            best = min(best, time.perf_counter() - began)
        event.remove(engine, "before_cursor_execute", note)
        print(f"| `{name}` | {len(rows)} | {best * 1000:.1f} |", flush=True)
        if args.explain:
            page = next(((s, p) for s, p in seen if "ORDER BY" in s), None)
            if page is not None:
                prefix = "EXPLAIN " if engine.dialect.name == "postgresql" else "EXPLAIN QUERY PLAN "
                with engine.connect() as conn:
                    for row in conn.exec_driver_sql(prefix + page[0], page[1]):
                        print("    ", row[-1] if engine.dialect.name == "sqlite" else row[0])
    engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
