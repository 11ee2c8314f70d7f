#!/usr/bin/env bash
# The browser stage of CI: installs Chromium, its driver, Selenium and axe-core when missing, makes a
# small log with one account per role in a temporary folder, starts `liggare serve` on a free port
# and runs Tests/Browser/test_*.py with pytest. Usage: Tests/Browser/run.sh [path/to/liggare]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-$(swift build --show-bin-path)/liggare}"

have_python_deps() { python3 -c "import selenium, pytest" 2>/dev/null; }
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! have_python_deps; then
  echo "Installerar webbläsare och testverktyg som saknas ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver python3-selenium python3-pytest >/dev/null
  if ! have_python_deps; then
    python3 -m pip install --quiet selenium pytest 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages selenium pytest
  fi
fi

# axe-core 4 (WCAG 2.1 rules): the copy bundled in the PyPI package axe-selenium-python 3.0.0, taken
# from its wheel (the package itself wants Python 3.12) and kept in a cache folder.
AXE_CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/liggare"
export AXE_JS="$AXE_CACHE/axe-4.min.js"
if [ ! -s "$AXE_JS" ]; then
  mkdir -p "$AXE_CACHE"
  WHEELS="$(mktemp -d)"
  python3 -m pip download --quiet --no-deps --python-version 3.12 --only-binary=:all: \
    "axe-selenium-python==3.0.0" -d "$WHEELS"
  python3 - "$WHEELS" "$AXE_JS" <<'PY'
import glob, sys, zipfile
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z, open(sys.argv[2], "wb") as out:
    out.write(z.read("axe_selenium_python/node_modules/axe-core/axe.min.js"))
PY
  rm -rf "$WHEELS"
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

LOG="$WORK/log"
"$BIN" --log "$LOG" import Tests/Browser/fixture.jsonl >/dev/null
PASSWORD="webbtest-lösenord-1"
add() { printf '%s\n' "$PASSWORD" | "$BIN" --log "$LOG" account add "$@" --password-stdin >/dev/null; }
add samordnare --role coordinator --scope stad
add rektor.sol --role head --scope f-solrosen --person p-100
add analytiker --role office
add admin --role admin

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
"$BIN" --log "$LOG" serve --listen "127.0.0.1:$PORT" >"$WORK/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$PORT/login', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.1
done

export LIGGARE_URL="http://127.0.0.1:$PORT" LIGGARE_BIN="$BIN" LIGGARE_LOG="$LOG"
status=0
python3 -m pytest -q --tb=short -p no:cacheprovider Tests/Browser ${PYTEST_ARGS:-} || status=$?
if [ "$status" -ne 0 ]; then echo "--- serverns utskrift ---"; tail -n 40 "$WORK/serve.log"; fi
exit "$status"
