"""The composition root: settings -> parts -> the FastAPI app and the ``parkbot`` command.

The only package in ``bot/`` that may import ``handlers/``, ``ingest/`` or ``evals/``, and nothing
imports it (tests and benchmarks aside). Every part is built here and passed in.
"""
