#!/usr/bin/env bash
# The browser stage of CI: installs Chromium, its driver, Selenium and axe-core when missing, makes a
# small log with one account per role in a temporary folder, starts `liggare serve` on a free port
# and runs Tests/Browser/test_*.py with pytest. Usage: Tests/Browser/run.sh [path/to/liggare]
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN="${1:-$(swift build --show-bin-path)/liggare}"

have_python_deps() { python3 -c "import selenium, pytest" 2>/dev/null; }
have_axe() {
  python3 -c "import axe_selenium_python" 2>/dev/null || [ -f /usr/share/nodejs/axe-core/axe.min.js ]
}
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! have_python_deps || ! have_axe; then
  echo "Installerar webbläsare och testverktyg som saknas ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver python3-selenium python3-pytest >/dev/null
  if ! have_axe; then apt-get install -y -qq node-axe-core >/dev/null 2>&1 || true; fi
  if ! have_python_deps || ! have_axe; then
    python3 -m pip install --quiet selenium pytest axe-selenium-python 2>/dev/null \
      || python3 -m pip install --quiet --break-system-packages selenium pytest axe-selenium-python
  fi
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
add rektor.sol --role head --scope f-solrosen
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
python3 -m pytest -q -p no:cacheprovider Tests/Browser || status=$?
if [ "$status" -ne 0 ]; then echo "--- serverns utskrift ---"; tail -n 40 "$WORK/serve.log"; fi
exit "$status"
