#!/usr/bin/env bash
# Starts the already-built release server for the Playwright suite (end2end/playwright.config.ts
# runs this as its webServer). Each run gets a fresh SQLite database in a temporary directory;
# the server migrates and seeds it on start. Build first: bash scripts/build-site.sh
#
#   LAPOR_E2E_PORT  port to listen on (playwright.config.ts picks a free one and exports it)
#   LAPOR_E2E_DATA  data folder (database, attachments); removed when the server stops
#
# `e2e-server.sh demo` starts `lapor demo` instead (socialization mode, its own demo
# database in the data folder), telling phones to open it at its own address.
set -euo pipefail
MODE="${1:-serve}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PORT="${LAPOR_E2E_PORT:-}"
[[ -n $PORT ]] || PORT="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

BIN="$ROOT/target/release/lapor"
if [[ ! -x $BIN ]]; then
  echo "e2e-server: ERROR: $BIN is missing; build it first: bash scripts/build-site.sh" >&2
  exit 1
fi
for pkg in site/pkg site-staff/pkg-staff; do
  if [[ ! -d $ROOT/target/$pkg ]]; then
    echo "e2e-server: ERROR: target/$pkg is missing; build it first: bash scripts/build-site.sh" >&2
    exit 1
  fi
done

# LAPOR_E2E_DATA: the data folder (playwright.config.ts makes one and tells the tests, which
# run `lapor report act` on the same database); a temporary one otherwise.
if [[ -n ${LAPOR_E2E_DATA:-} ]]; then
  TMP="$LAPOR_E2E_DATA"
  mkdir -p "$TMP"
else
  TMP="$(mktemp -d "${TMPDIR:-/tmp}/lapor-e2e.XXXXXX")"
fi
pid=""
cleanup() {
  if [[ -n $pid ]]; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

export LAPOR_ADDR="127.0.0.1:$PORT"
export LEPTOS_SITE_ADDR="127.0.0.1:$PORT"
export LEPTOS_SITE_ROOT=target/site
export LEPTOS_SITE_PKG_DIR=pkg
export LEPTOS_OUTPUT_NAME=lapor
export LEPTOS_ENV=PROD
export DATABASE_URL="sqlite://$TMP/e2e.db"
export LAPOR_UPLOAD_DIR="$TMP/uploads"
export LAPOR_SECRET_KEY_FILE="$TMP/lapor-secret.key"
export RUST_LOG="${RUST_LOG:-info}"
# The SMS simulator (/simulator/sms) is off in production; the journeys use it.
export LAPOR_SMS_SIMULATOR=1

if [[ $MODE == demo ]]; then
  echo "e2e-server: starting $BIN demo on http://$LAPOR_ADDR" >&2
  "$BIN" demo --addr "$LAPOR_ADDR" --demo-database-url "sqlite://$TMP/demo.db" \
    --public-url "http://$LAPOR_ADDR" &
  pid=$!
  wait "$pid"
  exit
fi
echo "e2e-server: starting $BIN serve on http://$LAPOR_ADDR (database $DATABASE_URL)" >&2
"$BIN" seed --demo >/dev/null
"$BIN" serve &
pid=$!
wait "$pid"
