#!/usr/bin/env bash
# `make bench`: Lapor's server-side speed as a ratio to a bare axum + sqlx server doing the
# same database work (bench/src/main.rs), measured with wrk on this machine, one server at
# a time, minutes apart; on SQLite and, when PostgreSQL answers, on PostgreSQL. Then the
# workspace queue queries at BENCH_QUEUE_REPORTS reports. Never part of CI.
#
#   BENCH_DURATION=15s BENCH_CONNECTIONS=16 BENCH_QUEUE_REPORTS=1000000 scripts/bench.sh
#   BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (the server to use)
#   BENCH_BACKENDS="sqlite postgres" (the databases to measure; one alone is quicker)
#   BENCH_NO_BUILD=1 (measure the binaries already built)
#
# The 1M-report queue databases are filled once and kept (target/bench/queue-2.db and the
# PostgreSQL database lapor_bench_queue_2; "-2" since the synthetic reports have valid
# tracking numbers, which the feed reads): the first run takes ~7 minutes longer.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$PATH"

DURATION="${BENCH_DURATION:-15s}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
QUEUE_REPORTS="${BENCH_QUEUE_REPORTS:-1000000}"
PG_ADMIN="${BENCH_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
BACKENDS=" ${BENCH_BACKENDS:-sqlite postgres} "
LAPOR_ADDR=127.0.0.1:3201
BASE_ADDR=127.0.0.1:3202
export BENCH_WRK_DIR="$ROOT/bench/wrk"
WORK="$(mktemp -d /tmp/lapor-bench.XXXXXX)"
RESULTS="$WORK/results.tsv"
PIDS=()

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

say() { printf 'bench: %s\n' "$*" >&2; }

command -v wrk >/dev/null || { say "wrk is missing: run 'bash scripts/setup.sh --bench'"; exit 1; }

if [[ -z ${BENCH_NO_BUILD:-} ]]; then
  say "building the release server, the site and the baseline"
  bash scripts/build-site.sh >&2
  cargo build --release -p bench --bin baseline >&2
fi

export BENCH_SMS_TOKEN="bench-sms-token"
SERVER_ENV=(LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg LEPTOS_OUTPUT_NAME=lapor LEPTOS_ENV=PROD RUST_LOG=warn LAPOR_SECRET_KEY_FILE="$WORK/lapor-secret.key" LAPOR_SMS_TOKEN="$BENCH_SMS_TOKEN")

wait_for() {  # wait_for URL: until it answers (any status), at most 60 s
  for _ in $(seq 1 300); do
    if curl -s -o /dev/null "$1"; then return 0; fi
    sleep 0.2
  done
  say "no answer from $1"; exit 1
}

stop() {  # stop PID
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# One wrk run; appends "backend path server req/s p50_ms p99_ms errors" to RESULTS.
measure() {  # measure BACKEND PATH_LABEL SERVER_LABEL SCRIPT URL
  local out requests duration p50 p99 errors
  wrk -t2 -c"$CONNECTIONS" -d3s -s "$BENCH_WRK_DIR/$4" "$5" >/dev/null 2>&1 || true  # warm-up
  out="$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$BENCH_WRK_DIR/$4" "$5" 2>&1)"
  local line
  line="$(grep '^RESULT' <<<"$out")" || { say "wrk failed: $out"; exit 1; }
  requests="$(sed -E 's/.*requests=([0-9]+).*/\1/' <<<"$line")"
  duration="$(sed -E 's/.*duration_us=([0-9]+).*/\1/' <<<"$line")"
  p50="$(sed -E 's/.*p50_us=([0-9]+).*/\1/' <<<"$line")"
  p99="$(sed -E 's/.*p99_us=([0-9]+).*/\1/' <<<"$line")"
  errors="$(sed -E 's/.*errors=([0-9]+).*/\1/' <<<"$line")"
  awk -v b="$1" -v p="$2" -v s="$3" -v r="$requests" -v d="$duration" -v p50="$p50" -v p99="$p99" -v e="$errors" \
    'BEGIN { printf "%s\t%s\t%s\t%.0f\t%.1f\t%.1f\t%d\n", b, p, s, r / (d / 1e6), p50 / 1000, p99 / 1000, e }' >>"$RESULTS"
  say "$1 $2 $3: $(tail -n1 "$RESULTS" | cut -f4) req/s"
}

run_backend() {  # run_backend NAME LAPOR_DB_URL BASELINE_DB_URL
  local name="$1" lapor_db="$2" base_db="$3" pid number bytes location
  say "$name: Lapor"
  env "${SERVER_ENV[@]}" DATABASE_URL="$lapor_db" LAPOR_UPLOAD_DIR="$WORK/uploads-$name" \
    target/release/lapor serve --addr "$LAPOR_ADDR" --seed essentials >"$WORK/lapor-$name.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "http://$LAPOR_ADDR/lacak"
  location="$(curl -s -o /dev/null -w '%{redirect_url}' -X POST "http://$LAPOR_ADDR/lapor" \
    --data 'classification=pengaduan&title=Lampu+jalan+mati+di+depan+pasar&body=Sudah+tiga+minggu+lampu+jalan+di+depan+pasar+mati+dan+jalan+gelap+sekali.&region_code=3517&name=Budi&phone=081234567890')"
  number="${location##*/}"
  [[ -n $number ]] || { say "no report number from Lapor"; exit 1; }
  bytes="$(curl -s "http://$LAPOR_ADDR/lacak/$number" | wc -c)"
  measure "$name" "POST /lapor (no JS, new report)" lapor submit.lua "http://$LAPOR_ADDR/lapor"
  measure "$name" "GET /lacak/{n} (public page)" lapor get.lua "http://$LAPOR_ADDR/lacak/$number"
  measure "$name" "GET /lapor (empty form)" lapor get.lua "http://$LAPOR_ADDR/lapor"
  measure "$name" "SMS intake (new report; baseline: its insert)" lapor sms.lua "http://$LAPOR_ADDR/kanal/sms/generic"
  cp "$WORK/lapor-$name.log" /tmp/bench-lapor-$name.log 2>/dev/null || true
  stop "$pid"

  say "$name: baseline (pages of $bytes bytes)"
  target/release/baseline --database-url "$base_db" --addr "$BASE_ADDR" --page-bytes "$bytes" \
    >"$WORK/baseline-$name.log" 2>&1 &
  pid=$!; PIDS+=("$pid")
  wait_for "http://$BASE_ADDR/lacak/none"
  location="$(curl -s -o /dev/null -w '%{redirect_url}' -X POST "http://$BASE_ADDR/lapor" \
    --data 'classification=pengaduan&title=Lampu+jalan+mati&body=Sudah+tiga+minggu.&region_code=3517')"
  number="${location##*/}"
  measure "$name" "POST /lapor (no JS, new report)" baseline submit.lua "http://$BASE_ADDR/lapor"
  measure "$name" "GET /lacak/{n} (public page)" baseline get.lua "http://$BASE_ADDR/lacak/$number"
  measure "$name" "SMS intake (new report; baseline: its insert)" baseline submit.lua "http://$BASE_ADDR/lapor"
  stop "$pid"
}

if [[ $BACKENDS == *" sqlite "* ]]; then
  run_backend sqlite "sqlite://$WORK/lapor.db" "sqlite://$WORK/baseline.db"
fi

PG_READY=0
if [[ $BACKENDS != *" postgres "* ]]; then
  say "PostgreSQL left out (BENCH_BACKENDS)"
elif psql "$PG_ADMIN" -XAtqc 'SELECT 1' >/dev/null 2>&1; then
  PG_READY=1
  base="${PG_ADMIN%/*}"
  for db in lapor_bench_app lapor_bench_base; do
    psql "$PG_ADMIN" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >/dev/null
  done
  run_backend postgres "$base/lapor_bench_app" "$base/lapor_bench_base"
  for db in lapor_bench_app lapor_bench_base; do
    psql "$PG_ADMIN" -Xqc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null
  done
else
  say "PostgreSQL does not answer at $PG_ADMIN: SQLite only"
fi

# The table: Lapor beside the baseline, the ratio of their requests per second.
printf '\n## make bench — %s, %s cores, wrk -t2 -c%s -d%s\n\n' "$(date -u +%Y-%m-%d)" "$(nproc)" "$CONNECTIONS" "$DURATION"
printf '| database | path | Lapor req/s | p50 ms | p99 ms | errors | baseline req/s | p50 ms | p99 ms | errors | ratio |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
awk -F'\t' '
  $3 == "lapor" { key = $1 SUBSEP $2; order[++n] = key; lapor[key] = $0 }
  $3 == "baseline" { base[$1 SUBSEP $2] = $0 }
  END {
    for (i = 1; i <= n; i++) {
      key = order[i]; split(lapor[key], l, "\t")
      if (key in base) {
        split(base[key], b, "\t")
        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | **%.2f×** |\n", l[1], l[2], l[4], l[5], l[6], l[7], b[4], b[5], b[6], b[7], l[4] / b[4]
      } else {
        printf "| %s | %s | %s | %s | %s | %s | | | | | |\n", l[1], l[2], l[4], l[5], l[6], l[7]
      }
    }
  }' "$RESULTS"

if [[ $QUEUE_REPORTS -gt 0 ]]; then
  printf '\n### Workspace queues at %s reports (median of 5)\n\n' "$QUEUE_REPORTS"
  mkdir -p target/bench
  printf '**SQLite**\n\n```\n'
  target/release/lapor --database-url "sqlite://$ROOT/target/bench/queue-2.db" bench queue --reports "$QUEUE_REPORTS"
  printf '```\n'
  if [[ $PG_READY == 1 ]]; then
    if ! psql "$PG_ADMIN" -XAtqc "SELECT 1 FROM pg_database WHERE datname = 'lapor_bench_queue_2'" | grep -q 1; then
      psql "$PG_ADMIN" -Xqc "CREATE DATABASE lapor_bench_queue_2" >/dev/null
    fi
    printf '\n**PostgreSQL**\n\n```\n'
    target/release/lapor --database-url "${PG_ADMIN%/*}/lapor_bench_queue_2" bench queue --reports "$QUEUE_REPORTS"
    printf '```\n'
  fi
fi
