-- wrk: prints one machine-readable line at the end of a run (scripts/bench.sh reads it).
-- Latencies in microseconds; errors are connection errors, timeouts and 4xx/5xx answers.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout))
end
