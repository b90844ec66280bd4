#!/usr/bin/env bash
# The Sphinx x Python matrix: each cell in its own venv under .matrix/,
# running the whole suite except the browser tests (those run in `make test`).
#
#   scripts/matrix.sh                      # every cell below
#   scripts/matrix.sh 3.10 "sphinx==7.4.*" # one cell
set -euo pipefail
cd "$(dirname "$0")/.."

cells=(
  "3.10|sphinx==7.4.*"
  "3.11|sphinx==8.1.*"
  "3.12|sphinx==8.2.*"
  "3.13|sphinx>=9,<10"
)
if [ $# -eq 2 ]; then cells=("$1|$2"); fi

python_for() {
  local want=$1 root
  root=$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")
  for candidate in "$root"/versions/"$want".*/bin/python "$(command -v "python$want" || true)"; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  return 1
}

status=0
for cell in "${cells[@]}"; do
  py=${cell%%|*}; spec=${cell#*|}
  interpreter=$(python_for "$py") || { echo "== Python $py not found, skipped"; continue; }
  venv=".matrix/py$py"
  [ -x "$venv/bin/python" ] || "$interpreter" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e '.[test,wasm]' "$spec" 2>&1 | grep -v "is ignored" || true
  version=$("$venv/bin/python" -c "import sphinx, sys; print(f'Python {sys.version.split()[0]}, Sphinx {sphinx.__version__}')")
  echo "== $version"
  if "$venv/bin/python" -m pytest -q -p no:cacheprovider --ignore=tests/browser -x; then
    echo "== $version: passed"
  else
    echo "== $version: FAILED"; status=1
  fi
done
exit $status
