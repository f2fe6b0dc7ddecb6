"""The ``parkbot`` command: serve, ingest, vectors, migrate, search, ask, chat, eval, staff add, deliveries.

Every command reads :class:`bot.settings.Settings` from the environment once and passes it down.
Machine-readable output (``--json``) goes to stdout; progress and messages go to stderr, so
``parkbot search --json - < queries.txt | jq`` works.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bot.settings import Settings

if TYPE_CHECKING:  # imported where they are used: a quick command should not load what it does not need
    from bot.conversation.assistant import Assistant
    from bot.retrieval.knowledge import Knowledge
    from bot.storage.turns import Store
    from handlers.webhooks import DeliveryStore

app = typer.Typer(help="parkbot: Pakistan's Software Technology Parks assistant.", no_args_is_help=True,
                  add_completion=False)
err = Console(stderr=True, soft_wrap=True)  # paths and URLs stay whole, to copy from a log


def _fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``error: message`` on one line (never wrapped at 80 columns, never read as markup)."""
    err.print(f"[red]error:[/red] {escape(message)}")
    return typer.Exit(code)


def _progress_bar() -> Progress:
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=err, transient=False)


def _open(settings: Settings, *, sync_bundled: bool = True) -> Knowledge:
    """Open the knowledge with a progress bar for the first-use build."""
    from bot.app.parts import open_knowledge
    from bot.retrieval.index import IndexMismatchError

    with _progress_bar() as bar:
        task = bar.add_task("indexing bundled knowledge", total=None, visible=False)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, visible=True, description=what)

        try:
            return open_knowledge(settings, sync_bundled=sync_bundled, progress=progress)
        except IndexMismatchError as exc:
            raise _fail(str(exc)) from exc


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.")] = 8000,
) -> None:
    """Run the whole product in one process: web chat at /, the API and channel webhooks."""
    import uvicorn

    from bot.app.web import create_app

    settings = Settings()
    knowledge = _open(settings)  # create_app opens the store and migrates its schema, once
    err.print(f"parkbot: {knowledge.index.count()} passages indexed; serving on http://{host}:{port}/")
    public = (settings.public_url or f"http://{host}:{port}").rstrip("/")
    if settings.twilio_auth_token:
        err.print(f"parkbot: WhatsApp webhook {public}/webhooks/twilio (signatures checked against this URL)")
    if settings.telegram_bot_token:
        mode = f"webhook {public}/webhooks/telegram" if settings.public_url else "polling (no PARKBOT_PUBLIC_URL)"
        err.print(f"parkbot: Telegram {mode}")
    uvicorn.run(create_app(settings, knowledge=knowledge), host=host, port=port, log_level="info",
                access_log=settings.access_log)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders to index.")],
    rebuild: Annotated[bool, typer.Option(help="Drop the index first (e.g. after changing the model).")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Index files or folders: Markdown, text, PDF, HTML, YAML and CSV listings.

    Re-running on unchanged input does no work; files removed from a folder leave the index.
    Exits 1 if any file could not be indexed (the others are indexed all the same).
    """
    from bot.retrieval.embeddings import build_embedder
    from bot.retrieval.index import IndexMismatchError, KnowledgeIndex
    from ingest.indexer import Indexer

    settings = Settings()
    _store(settings, migrate=True)  # ingest is how an operator upgrades an install: the schema comes along
    embedder = build_embedder(settings)
    try:
        index = KnowledgeIndex(settings, embedder)
    except IndexMismatchError as exc:
        if not rebuild:
            raise _fail(str(exc)) from exc
        from bot.retrieval.index import chroma_client

        chroma_client(settings).delete_collection(settings.collection)
        index = KnowledgeIndex(settings, embedder)
    if rebuild:
        index.rebuild()
    with _progress_bar() as bar:
        task = bar.add_task("hashing", total=None)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        report = Indexer(index).sync(paths, progress=progress)
    if as_json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        err.print(
            f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
            f"removed {len(report.removed)} files; embedded {report.chunks_embedded} chunks "
            f"(+{report.chunks_precomputed} with precomputed vectors); "
            f"{index.count()} chunks in the index"
        )
        for path in report.skipped:
            err.print(f"[yellow]skipped[/yellow] {path}: unsupported type")
    for path, reason in report.errors.items():
        err.print(f"[red]failed[/red] {path}: {reason}")
    if report.errors:
        raise typer.Exit(1)


@app.command()
def vectors(
    check: Annotated[bool, typer.Option("--check", help="Only check that the file has a vector for every "
                                        "passage (exit 1 if not); embeds nothing.")] = False,
) -> None:
    """Re-embed the bundled knowledge and rewrite its precomputed vectors (knowledge/.vectors/).

    A fresh install takes these instead of embedding the knowledge before its first answer. Run this after
    editing knowledge/ and commit the file; until then the edited passages are embedded on each fresh install.
    """
    from bot.retrieval.embeddings import build_embedder
    from ingest.indexer import missing_vectors, write_vectors

    settings = Settings()
    folder = settings.knowledge_dir
    if not folder.is_dir():
        raise _fail(f"the knowledge folder {folder} does not exist")
    embedder = build_embedder(settings)
    if check:
        path, missing = missing_vectors(folder, embedder.embedder_id)
        if missing:
            raise _fail(f"{path} has no vector for {len(missing)} passage(s), e.g. {missing[0][:60]!r}: "
                        "run `parkbot vectors` and commit the file", code=1)
        err.print(f"{path}: a vector for every passage")
        return
    with _progress_bar() as bar:
        task = bar.add_task("reading knowledge", total=None)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        path, count = write_vectors(folder, embedder, progress)
    err.print(f"wrote {path}: {count} passage vectors for {embedder.embedder_id}")


@app.command()
def migrate() -> None:
    """Bring the database schema up to date (serve, ingest and eval also do this when they start)."""
    from bot.storage.engine import head_revision

    _store(Settings(), migrate=True)
    err.print(f"database schema at {head_revision()}")


def _store(settings: Settings, *, migrate: bool) -> Store:
    """The store; without ``migrate`` a schema that is behind stops the command with a way out."""
    from bot.app.parts import open_store
    from bot.storage.engine import SchemaMismatchError

    try:
        return open_store(settings, migrate=migrate)
    except SchemaMismatchError as exc:
        raise _fail(str(exc)) from exc


def _filters(city: str | None, province: str | None, women_only: bool | None, park: str | None,
             kind: str | None, lang: str | None) -> dict[str, Any]:
    filters: dict[str, Any] = {}
    for name, value in (("city", city), ("province", province), ("park", park), ("kind", kind), ("lang", lang)):
        if value:
            filters[name] = value
    if women_only is not None:
        filters["women_only"] = women_only
    return filters


@app.command()
def search(
    text: Annotated[str, typer.Argument(help="The query, or - to read one query per line from stdin.")],
    k: Annotated[int, typer.Option(min=1, max=100, help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="JSON output (one line per query for stdin).")] = False,
    city: Annotated[str | None, typer.Option(help="Only passages about this city.")] = None,
    province: Annotated[str | None, typer.Option(help="Only passages about this province.")] = None,
    women_only: Annotated[bool | None, typer.Option("--women-only/--not-women-only")] = None,
    park: Annotated[str | None, typer.Option(help="Only passages about this park id.")] = None,
    kind: Annotated[str | None, typer.Option(help="park, subsidy, doc, faq or file.")] = None,
    lang: Annotated[str | None, typer.Option(help="Only passages in en, ur or roman_ur.")] = None,
) -> None:
    """Search the knowledge base (hybrid dense + lexical) in English, Urdu or Roman Urdu."""
    settings = Settings()
    knowledge = _open(settings)
    filters = _filters(city, province, women_only, park, kind, lang)
    queries = (line.rstrip("\n") for line in sys.stdin) if text == "-" else iter([text])
    for query in queries:
        if not query.strip():
            if text == "-":
                print(json.dumps({"query": query, "language": "en", "results": []}), flush=True)
                continue
            raise _fail("the query is empty")
        try:
            response = knowledge.retriever.search(query, k=k, filters=filters)
        except ValueError as exc:
            raise _fail(str(exc)) from exc
        if as_json:
            print(json.dumps(response.to_json(), ensure_ascii=False), flush=True)
            continue
        err.print(f"[bold]{query}[/bold]  ({response.language})")
        for n, hit in enumerate(response.results, 1):
            snippet = " ".join(hit.text.split())[:220]
            print(f"{n}. {hit.title}  [{hit.source}, {hit.as_of}]  score={hit.score:.4f}\n   {snippet}")


def _assistant(settings: Settings) -> Assistant:
    """The assistant for one-off commands: they check the schema (before indexing anything) but leave
    upgrading it to ``serve``/``migrate``, so an old database is never changed by a quick question."""
    from bot.app.parts import build_assistant

    store = _store(settings, migrate=False)
    return build_assistant(settings, _open(settings), store=store)


@app.command()
def ask(
    text: Annotated[str, typer.Argument(help="The message, as a user would type it.")],
    user: Annotated[str | None, typer.Option(help="Conversation key: the same user continues a conversation. "
                                                  "Without it, each ask is a conversation of its own.")] = None,
    channel: Annotated[str, typer.Option(help="Channel name recorded with the message.")] = "cli",
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
) -> None:
    """One turn of a conversation; the same JSON as POST /api/chat."""
    import uuid

    from bot.conversation.messages import InboundMessage

    # one-off questions do not inherit an earlier one's follow-up context, its offer of a person or its hand-off
    who = user if user is not None else f"cli-{uuid.uuid4().hex}"
    reply = _assistant(Settings()).handle(InboundMessage(channel, who, text))
    if as_json:
        print(json.dumps(reply.to_json(), ensure_ascii=False))
    else:
        print(reply.reply)


@app.command()
def chat(
    user: Annotated[str, typer.Option(help="Conversation key.")] = "terminal",
) -> None:
    """An interactive chat in the terminal (Ctrl-D or /quit to leave)."""
    from bot.conversation.messages import InboundMessage

    assistant = _assistant(Settings())
    err.print("parkbot: ask in English, اردو or Roman Urdu. /quit to leave.")
    while True:
        try:
            text = input("> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return
        if text.strip() in ("/quit", "/exit"):
            return
        reply = assistant.handle(InboundMessage("cli", user, text))
        if reply.reply:
            print(reply.reply + "\n")


@app.command("eval")
def evaluate(
    benchmarks: Annotated[Path | None, typer.Option(help="The shared public benchmark folder.")] = None,
    out: Annotated[Path, typer.Option(help="Folder for the Markdown report and PNG chart.")] = Path(
        "evals/reports"),
    public_limit: Annotated[int, typer.Option(help="Sentence pairs per public retrieval benchmark.")] = 500,
) -> None:
    """Run the retrieval evaluations (and the public benchmarks if their folder is given or found)."""
    from bot.app.parts import build_assistant
    from evals.runner import run_all

    settings = Settings()
    code = run_all(settings, _open(settings), build_assistant, benchmarks=benchmarks, out=out,
                   public_limit=public_limit)
    raise typer.Exit(code)


staff_app = typer.Typer(help="Staff accounts for the console at /staff.", no_args_is_help=True)
app.add_typer(staff_app, name="staff")


@staff_app.command("add")
def staff_add(
    username: Annotated[str, typer.Argument(help="Lowercase letters, digits, '.', '_' or '-'.")],
    role: Annotated[str, typer.Option(help="agent (works the queue) or admin (also the audit log, assigning, "
                                           "replays).")] = "agent",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from stdin (it "
                                                 "never appears in the process list or shell history).")] = False,
    teams: Annotated[str, typer.Option(help="Teams whose new conversations notify this person, comma-separated "
                                            "(empty: every team).")] = "",
) -> None:
    """Create a staff account, or reset an existing one's password, role and teams."""
    from bot.queue.accounts import AccountError, Accounts
    from bot.storage.states import StaffRole

    if role not in {r.value for r in StaffRole}:
        raise _fail(f"--role must be one of: {', '.join(r.value for r in StaffRole)}")
    if not password_stdin:
        raise _fail("pass --password-stdin and the password on standard input")
    password = sys.stdin.readline().rstrip("\r\n")
    store = _store(Settings(), migrate=True)
    try:
        staff = Accounts(store).add(username, password, StaffRole(role),
                                    tuple(t.strip() for t in teams.split(",") if t.strip()))
    except AccountError as exc:
        raise _fail(str(exc)) from exc
    err.print(f"staff account {staff.username} ({staff.role.value}) saved")


deliveries_app = typer.Typer(help="Bookings and applications handed to the backend's webhooks.",
                             no_args_is_help=True)
app.add_typer(deliveries_app, name="deliveries")


def _delivery_store(settings: Settings) -> DeliveryStore:
    from bot.app.parts import delivery_store, open_store

    return delivery_store(settings, open_store(settings, migrate=True))


@deliveries_app.command("list")
def deliveries_list(
    status: Annotated[str | None, typer.Option(help="pending, delivered, dead or gone (default: every one).")
                      ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    limit: Annotated[int, typer.Option(min=1, help="Newest first, at most this many.")] = 200,
) -> None:
    """The webhook deliveries (dead letters with --status dead): id, webhook-id, event, status, tries, error."""
    store = _delivery_store(Settings())
    for row in store.rows(status, limit):
        item = {key: row[key] for key in ("id", "webhook_id", "reference", "status", "attempts", "last_code", "error")}
        item["event"] = row["kind"]
        item["next_attempt_at"] = row["next_attempt_at"].isoformat() if row["next_attempt_at"] else None
        if as_json:
            sys.stdout.write(json.dumps(item) + "\n")
        else:
            sys.stdout.write(f"{row['id']}\t{row['reference'] or '-'}\t{row['kind']}\t{row['status']}\t"
                             f"{row['attempts']}\t{row['webhook_id']}\t{row['error'] or ''}\n")


@deliveries_app.command("replay")
def deliveries_replay(
    ids: Annotated[list[int] | None, typer.Argument(help="Delivery ids (from `parkbot deliveries list`).")] = None,
    every_dead: Annotated[bool, typer.Option("--all", help="Every dead letter.")] = False,
) -> None:
    """Send dead letters again (same webhook-id, so a receiver that got one already accepts it once)."""
    if not ids and not every_dead:
        raise _fail("give delivery ids or --all")
    count = _delivery_store(Settings()).replay(ids or [], every_dead=every_dead)
    err.print(f"{count} deliveries queued again; a running serve sends them within seconds")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
