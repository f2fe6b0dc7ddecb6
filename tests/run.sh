#!/usr/bin/env bash
# The test command (README): builds .venv with everything the tests use, then runs pytest.
# Extra arguments go to pytest, e.g. `bash tests/run.sh -k retrieval`.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# `bash tests/run.sh --install-only` builds .venv and stops; PARKBOT_INSTALLED=1 skips the installs (CI does both, so
# that the type checker can run beside the tests).
if [ -z "${PARKBOT_INSTALLED:-}" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  # CPU torch first, so sentence-transformers does not pull a multi-GB CUDA build.
  .venv/bin/python -m pip install -q "torch==2.13.0" || .venv/bin/python -m pip install -q torch
  .venv/bin/python -m pip install -q -e '.[dev,st]'
  # Debian's chromium for the browser tests (Playwright drives it; its own browser download is not used).
  if ! command -v chromium >/dev/null; then
    if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-core >/dev/null
  fi
fi
[ "${1:-}" = "--install-only" ] && exit 0
export ANONYMIZED_TELEMETRY=False HF_HUB_OFFLINE=1
exec .venv/bin/python -m pytest "$@"
