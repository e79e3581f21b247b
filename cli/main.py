"""``tocsin``: extract offline, run the worker, create topics, feed and tail topics.

Only ``extract`` works without Kafka; the other commands import ``streams`` lazily.
"""

# Imports inside the commands are deliberate: `tocsin extract` must not load faust or the
# Kafka clients, and each command pays only for what it uses.
# ruff: noqa: PLC0415

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import structlog
import typer

from schemas.codec import parse_json
from schemas.errors import ConfigError, TocsinError

if TYPE_CHECKING:
    from streams.admin import TopicStatus

app = typer.Typer(
    name="tocsin",
    help="Real-time event coding for news streams.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@contextmanager
def edge() -> Iterator[None]:
    """Turn Tocsin's errors into a one-line message and an exit code (2 for config)."""
    try:
        yield
    except ConfigError as exc:
        typer.echo(f"tocsin: configuration error: {exc}", err=True)
        raise typer.Exit(2) from None
    except TocsinError as exc:
        typer.echo(f"tocsin: error: {exc}", err=True)
        raise typer.Exit(1) from None


@app.command()
def extract(
    files: Annotated[
        list[str] | None, typer.Argument(help="Article JSON Lines files; '-' or none = stdin.")
    ] = None,
    lexicon_dir: Annotated[
        Path | None, typer.Option(envvar="TOCSIN_LEXICON_DIR", help="Language folders.")
    ] = None,
) -> None:
    """Offline: articles (JSON Lines) in, one event JSON object per line out. No Kafka."""
    from cli.extract import run_extract
    from enrich import Engine

    with edge():
        engine = Engine.load(lexicon_dir)
    code = run_extract(files or [], engine, sys.stdin.buffer, sys.stdout.buffer, sys.stderr)
    raise typer.Exit(code)


@app.command()
def worker(
    create_topics: Annotated[
        bool, typer.Option("--create-topics/--no-create-topics", help="Create missing topics.")
    ] = True,
) -> None:
    """Run the stream worker (validate, enrich, route, alert) until SIGINT/SIGTERM."""
    with edge():
        from enrich import AlertRules, Engine
        from streams.admin import ensure_topics, require_topics, wait_for_broker
        from streams.app import create_app, run_worker
        from streams.logs import configure_logging
        from streams.settings import load_settings

        settings = load_settings()
        configure_logging(settings.log_level, settings.log_format)
        engine = Engine.load(settings.lexicon_dir)
        rules = AlertRules.load(settings.rules_file)
        wait_for_broker(settings.bootstrap_list, timeout=60.0)
        created = []
        if create_topics:
            created = [t.name for t in ensure_topics(settings) if t.status == "created"]
        else:
            require_topics(settings)
        faust_app = create_app(settings, engine, rules)
    structlog.get_logger("tocsin.cli").info(
        "worker_starting",
        app_id=settings.app_id,
        broker=settings.kafka_bootstrap_servers,
        topic_prefix=settings.topic_prefix,
        topics_created=created,
        web=f"http://{settings.web_host}:{settings.web_port}",
    )
    run_worker(faust_app, settings)


def _print_topics(statuses: list[TopicStatus]) -> None:
    width = max(len(status.name) for status in statuses)
    typer.echo(f"{'TOPIC':<{width}}  PARTITIONS  STATUS   RETENTION  KEY")
    for s in statuses:
        typer.echo(
            f"{s.name:<{width}}  {s.partitions:>10}  {s.status:<7}  {s.retention_days:>8}d  {s.key}"
        )


@app.command()
def topics() -> None:
    """Create every topic that is missing (idempotent) and print them."""
    with edge():
        from streams.admin import ensure_topics
        from streams.settings import load_settings

        _print_topics(ensure_topics(load_settings()))


def _key_of(line: bytes) -> bytes | None:
    try:
        document = parse_json(line)
    except TocsinError:
        return None
    if isinstance(document, dict) and isinstance(document.get("id"), str):
        return str(document["id"]).encode("utf-8")
    return None


@app.command()
def feed(
    file: Annotated[str, typer.Argument(help="JSON Lines file ('-' = stdin).")],
    rate: Annotated[float | None, typer.Option(min=0.001, help="Messages per second.")] = None,
    topic: Annotated[str, typer.Option(help="Topic name or alias.")] = "raw",
) -> None:
    """Send each non-blank line as-is (even malformed) to the raw topic, keyed by its id."""
    from tqdm import tqdm

    if file != "-" and not Path(file).is_file():
        typer.echo(f"tocsin feed: no such file: {file}", err=True)
        raise typer.Exit(2)
    data = sys.stdin.buffer.read() if file == "-" else Path(file).read_bytes()
    records = [(_key_of(line), line) for line in data.splitlines() if line.strip()]
    with edge():
        from streams.clients import produce
        from streams.settings import load_settings
        from streams.topics import resolve

        settings = load_settings()
        name = resolve(settings.topic_prefix, topic)
        with tqdm(total=len(records), unit="msg", desc=name, file=sys.stderr) as bar:
            sent = produce(settings.bootstrap_list, name, records, rate=rate, on_sent=bar.update)
    typer.echo(f"fed {sent} message(s) to {name}", err=True)


@app.command()
def tail(
    topic_names: Annotated[list[str], typer.Argument(metavar="TOPIC...", help="Names or aliases.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw JSON values.")] = False,
    from_beginning: Annotated[bool, typer.Option("--from-beginning")] = False,
    max_messages: Annotated[int | None, typer.Option("--max", min=1)] = None,
    timeout: Annotated[
        float | None, typer.Option(min=0.1, help="Stop after S seconds without a message.")
    ] = None,
) -> None:
    """Print what arrives on topics (aliases: raw, events, strike…, alerts, deadletter)."""
    with edge():
        from cli.tail import summarize
        from streams.clients import consume
        from streams.settings import load_settings
        from streams.topics import resolve

        settings = load_settings()
        names = [resolve(settings.topic_prefix, name) for name in topic_names]
        records = consume(
            settings.bootstrap_list, names, from_beginning=from_beginning, idle_timeout=timeout
        )
        try:
            for count, record in enumerate(records, start=1):
                line = (record.value or b"").decode("utf-8", errors="replace")
                typer.echo(line if as_json else summarize(settings.topic_prefix, record))
                if max_messages is not None and count >= max_messages:
                    break
        except KeyboardInterrupt:
            pass
        finally:
            records.close()


def run() -> None:
    """Console-script entry point."""
    try:
        app()
    except BrokenPipeError:
        sys.stderr.close()
        raise SystemExit(1) from None
