"""The ``newswire`` command: the one place that builds Settings and wires stages together."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

from newswire.app import cli_history, cli_pipeline, cli_query, cli_stories, cli_tools
from newswire.app.cli_feeds import feeds_app
from newswire.app.options import load_settings, read_settings
from newswire.logs import say

app = typer.Typer(no_args_is_help=True, add_completion=False,
                  help="Streaming news ingestion: feeds -> Kafka -> extractors -> database.")
db_app = typer.Typer(no_args_is_help=True, help="Database schema.")
config_app = typer.Typer(no_args_is_help=True, help="Configuration.")
app.add_typer(feeds_app, name="feeds")
app.add_typer(db_app, name="db")
app.add_typer(config_app, name="config")
# One module a command group; listed here in the order `newswire --help` shows them.
for command in (cli_pipeline.run, cli_pipeline.ingest, cli_pipeline.process, cli_pipeline.sink,
                cli_history.replay, cli_history.reprocess, cli_tools.bench, cli_pipeline.status,
                cli_query.figures, cli_query.events, cli_tools.extract):
    app.command()(command)
app.command("eval")(cli_tools.evaluate_command)
app.command()(cli_tools.tail)
app.command()(cli_pipeline.serve)
cli_stories.register(app)  # stories, timeline, storify


def _show_version(value: bool) -> None:
    if value:
        from newswire.app.versions import describe

        print(describe())
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                      help="Print newswire's, the extractor's and the schema's versions, and exit.")
         ) -> None:
    """Streaming news ingestion: feeds -> Kafka -> extractors -> database."""


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Bring the database schema to this version of newswire (Alembic migrations)."""
    from newswire.storage.db import upgrade

    settings = load_settings()
    upgrade(settings.db_url)
    say("database schema is up to date")


@config_app.command("show")
def config_show() -> None:
    """Print the effective settings (secrets masked)."""
    settings = read_settings()
    table = Table("setting", "value", "environment variable")
    for column in table.columns:
        column.overflow = "fold"  # a URL cut short would hide which database this is
    for name, value in settings.masked().items():
        table.add_row(name, json.dumps(value) if not isinstance(value, str) else value, f"NEWSWIRE_{name.upper()}")
    Console().print(table)
