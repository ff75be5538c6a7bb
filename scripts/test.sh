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
# The audit's HTML report is tested in a real headless browser: Debian's Chromium and its
# driver, installed here when missing (as root, as on CI); elsewhere that one test is skipped.
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "note: chromium and chromedriver are missing and this is not root: the browser test is skipped" >&2
  fi
fi
.venv/bin/ruff check src tests benchmarks docs/hooks.py
.venv/bin/ruff format --check src tests benchmarks docs/hooks.py
.venv/bin/mypy
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict -q -d .venv/site
export GOVSOCIAL_SITE="$PWD/.venv/site"
.venv/bin/python -m pytest -q "$@"
