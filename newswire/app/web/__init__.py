"""newswire's web interface and JSON API, served by newswire itself (``newswire serve``, ``newswire run``).

FastAPI (Starlette) serves server-rendered Jinja2 pages (``pages``), the JSON API under ``/api/v1``
(``api``; OpenAPI document at ``/api/v1/openapi.json``) and its own static files (no CDN). It only
reads: every route is a GET, and the engine's connections are read-only (SQLite ``query_only``,
PostgreSQL read-only transactions), so no request can change data.

Every string shown came from a feed or a page and is hostile: templates autoescape, links are only
http(s) (``render.safe_url``), and every response carries a Content-Security-Policy that allows no
inline script, no plugin, no framing and nothing from another origin.
"""

from __future__ import annotations

import logging
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from psycopg.types.json import set_json_loads
from pydantic_core import from_json
from sqlalchemy import Engine, event
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger(__name__)

from newswire.app.web.headers import HERE, OPENAPI_PATH, SECURITY_HEADERS

def read_only(engine: Engine) -> Engine:
    """Make every connection of ``engine`` refuse writes."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        if engine.dialect.name == "sqlite":
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            dbapi_connection.commit()
            # JSON columns parsed by pydantic-core (Rust), not json.loads: a big story's 1,000 observations
            # carry 3,000 lists, whose parsing was 8 of the 18 ms of CPU their rows took (14 ms with this),
            # CPU that the server's one process holds the GIL for
            set_json_loads(from_json, dbapi_connection)
        cursor.close()

    engine.dispose()  # connections opened before (e.g. to check the schema) would still write
    return engine


def create_app(engine: Engine, data_dir: Path | None = None, database_shown: str = "", live_interval_s: float = 3.0,
               cache_ttl_s: float = 5.0) -> FastAPI:
    """The web app on ``engine`` (made read-only here). ``data_dir`` holds the running pipeline's status
    files (pipeline health); ``database_shown`` is the database as the pages name it (masked); row
    counts and other aggregates are recomputed at most every ``cache_ttl_s``."""
    from newswire.app.web import api, pages
    from newswire.app.web.cache import TTLCache

    app = FastAPI(title="newswire", version="1", openapi_url=OPENAPI_PATH, docs_url=None, redoc_url=None,
                  description="Read-only JSON API of newswire: articles, figures, events, feeds, dead letters.")
    app.state.engine = read_only(engine)
    app.state.data_dir = data_dir
    app.state.database_shown = database_shown
    app.state.live_interval_s = live_interval_s
    app.state.cache = TTLCache(cache_ttl_s)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return _error(request, 422, problems[:500])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):  # a bug, or the database went away: say so, briefly
        log.exception("web request failed: %s", request.url.path)
        return _error(request, 503 if "OperationalError" in type(exc).__name__ else 500,
                      f"{type(exc).__name__}: the request failed; see newswire's log")

    def _error(request: Request, status: int, detail: str):
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": detail}, status_code=status, headers=SECURITY_HEADERS)
        return pages.error_page(request, status, detail)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    return app
