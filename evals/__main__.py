"""``python -m evals`` is ``parkbot eval``."""

from bot.app.cli import app

if __name__ == "__main__":
    app(["eval", *__import__("sys").argv[1:]])
