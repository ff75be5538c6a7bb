#!/usr/bin/env bash
# The README's test command: creates .venv if needed, installs govsocial with its
# test, dev and docs extras, then runs the linters, the type checker, the documentation
# build (mkdocs build --strict) and the test suite (which checks the built site).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e '.[dev,docs]'
.venv/bin/ruff check src tests benchmarks docs/hooks.py
.venv/bin/ruff format --check src tests benchmarks docs/hooks.py
.venv/bin/mypy
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -q -d .venv/site
export GOVSOCIAL_SITE="$PWD/.venv/site"
.venv/bin/python -m pytest -q "$@"
