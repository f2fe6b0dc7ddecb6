"""The layout's one rule, kept true: imports run downward only.

Every room lists the rooms it may import. ``bot/app`` (the composition root) may import anything and
nothing imports it; ``handlers/`` (the edges), ``ingest/`` and ``evals/`` sit above the core and
the core never reaches up to them. Imports inside functions and ``TYPE_CHECKING`` blocks count too:
a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CHECKED = ("bot", "handlers", "ingest", "evals")

#: room -> the rooms it may import (besides itself). The core's rooms first, bottom up.
ALLOWED: dict[str, set[str]] = {
    "bot.language": set(),
    "bot.settings": set(),
    "bot.texts": set(),  # the bot's own voice in three languages: composers, conversation and channels speak it
    "bot.storage": set(),
    "bot.retrieval": {"bot.language", "bot.settings", "bot.texts"},
    "bot.flows": {"bot.language", "bot.storage", "bot.retrieval", "bot.settings", "bot.texts"},
    "bot.conversation": {"bot.language", "bot.storage", "bot.retrieval", "bot.flows", "bot.settings", "bot.texts"},
    # the escalation queue sits above the conversation: it moves conversations with the same state machine
    "bot.queue": {"bot.language", "bot.storage", "bot.settings", "bot.texts", "bot.conversation"},
    "ingest": {"bot.language", "bot.retrieval", "bot.settings"},
    "handlers": {"bot.language", "bot.storage", "bot.retrieval", "bot.flows", "bot.conversation", "bot.settings",
                 "bot.texts", "bot.queue"},
    # evals sit above ingest: the mixed-index eval ingests files with ingest's own Indexer, as `parkbot ingest`
    # does, so it measures the product's path (a downward import; ingest never imports evals)
    "evals": {"bot.language", "bot.storage", "bot.retrieval", "bot.flows", "bot.conversation", "bot.settings",
              "bot.texts", "ingest"},
    "bot.app": {"bot.language", "bot.storage", "bot.retrieval", "bot.flows", "bot.conversation", "bot.settings",
                "bot.texts", "bot.queue", "handlers", "ingest", "evals"},
    "bot": set(),  # bot/__init__.py
}
ROOMS = sorted(ALLOWED, key=len, reverse=True)


def room_of(module: str) -> str | None:
    """The most specific room a dotted module name belongs to (None: not ours, e.g. a library)."""
    return next((room for room in ROOMS if module == room or module.startswith(room + ".")), None)


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, root: Path) -> list[tuple[int, str]]:
    """(line, module) for every import in the file, relative imports resolved."""
    name = module_name(path, root)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            # "from bot import app" imports the module bot.app
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def upward_imports(root: Path) -> list[str]:
    """Every import that breaks the rule, as ``file:line: room imports room``."""
    problems = []
    for top in CHECKED:
        for path in sorted((root / top).rglob("*.py")):
            importer = room_of(module_name(path, root))
            if importer is None:
                continue
            for line, target in imports_of(path, root):
                imported = room_of(target)
                if imported is None or imported == importer:
                    continue
                if imported not in ALLOWED[importer]:
                    problems.append(f"{path.relative_to(root)}:{line}: {importer} imports {target}")
    return problems


def test_imports_run_downward_only() -> None:
    assert upward_imports(REPO) == []


def test_every_package_is_in_a_room() -> None:
    """A new package must be placed in the table (and so in the architecture) on purpose."""
    unplaced = [str(p.parent.relative_to(REPO)) for top in CHECKED for p in (REPO / top).rglob("__init__.py")
                if room_of(module_name(p, REPO)) is None]
    assert unplaced == []


@pytest.mark.parametrize(("room", "line", "why"), [
    ("bot/retrieval/x.py", "from bot.conversation.intents import classify", "retrieval reaches up to conversation"),
    ("bot/conversation/x.py", "from handlers.pipeline import Pipeline", "the core imports an edge"),
    ("bot/storage/x.py", "from ..retrieval import search", "a relative import upward"),
    ("handlers/x.py", "import bot.app.parts", "an edge imports the composition root"),
    ("evals/x.py", "def f():\n    from bot import app", "a lazy import of the composition root"),
    ("ingest/x.py", "from evals.runner import run_all", "ingest imports evals"),
])
def test_the_checker_catches_an_upward_import(tmp_path: Path, room: str, line: str, why: str) -> None:
    for top in CHECKED:
        (tmp_path / top).mkdir()
    target = tmp_path / room
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(line + "\n", encoding="utf-8")
    assert len(upward_imports(tmp_path)) == 1, why


def test_the_checker_accepts_downward_imports(tmp_path: Path) -> None:
    for top in CHECKED:
        (tmp_path / top).mkdir()
    (tmp_path / "bot/app").mkdir()
    (tmp_path / "bot/app/parts.py").write_text("from handlers.hub import ChannelHub\nfrom ingest import indexer\n")
    (tmp_path / "handlers/hub.py").write_text("from bot.conversation.assistant import Assistant\n")
    assert upward_imports(tmp_path) == []
