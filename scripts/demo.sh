#!/usr/bin/env bash
# Live demo, what `make run` calls after `make install` and `make kafka-up`:
#   1. create the topics (idempotent),
#   2. start `tocsin worker` in the background (log: .cache/worker.log),
#   3. wait until its /ready answers 200,
#   4. feed demo/articles.jsonl (or ../shared/examples/seed-article.fr.jsonl) to the raw topic,
#   5. print events, alerts and dead letters live until Ctrl-C.
# On exit the worker is stopped; the broker keeps running (`make kafka-down` stops it).
#
# Environment: the usual TOCSIN_* / KAFKA_BOOTSTRAP_SERVERS settings, plus
#   DEMO_ARTICLES       file to feed (default demo/articles.jsonl)
#   DEMO_RATE           articles per second (default 2)
#   DEMO_READY_TIMEOUT  seconds to wait for the worker (default 90)
#   DEMO_TAIL_TIMEOUT   stop tailing after that many idle seconds (default: never)
set -euo pipefail

ROOT=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
TOCSIN="$ROOT/.venv/bin/tocsin"
PY="$ROOT/.venv/bin/python"
LOG="$ROOT/.cache/worker.log"
PORT="${TOCSIN_WEB_PORT:-6066}"
READY_TIMEOUT="${DEMO_READY_TIMEOUT:-90}"
RATE="${DEMO_RATE:-2}"
WORKER_PID=""

say() { printf '\033[1mdemo:\033[0m %s\n' "$*" >&2; }
die() { printf 'demo: error: %s\n' "$*" >&2; exit 1; }

[[ -x "$TOCSIN" ]] || die "$TOCSIN not found: run \`make install\` first"

ARTICLES="${DEMO_ARTICLES:-demo/articles.jsonl}"
if [[ ! -f "$ARTICLES" ]]; then
  ARTICLES="$ROOT/../shared/examples/seed-article.fr.jsonl"
  [[ -f "$ARTICLES" ]] || die "no demo/articles.jsonl and no ../shared/examples/seed-article.fr.jsonl"
fi

stop_worker() {
  if [[ -n "$WORKER_PID" ]] && kill -0 "$WORKER_PID" 2>/dev/null; then
    say "stopping the worker (pid $WORKER_PID) ..."
    kill -TERM "$WORKER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do
      kill -0 "$WORKER_PID" 2>/dev/null || break
      sleep 0.5
    done
    if kill -0 "$WORKER_PID" 2>/dev/null; then
      kill -KILL "$WORKER_PID" 2>/dev/null || true
    fi
  fi
  say "worker stopped (log: .cache/worker.log); the broker is still running: \`make kafka-down\` stops it"
}
trap stop_worker EXIT
trap 'exit 130' INT TERM

ready() {
  "$PY" - "$PORT" <<'PYEOF' 2>/dev/null
import sys, urllib.request
with urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/ready", timeout=2) as response:
    sys.exit(0 if response.status == 200 else 1)
PYEOF
}

say "creating topics ..."
"$TOCSIN" topics

mkdir -p "$ROOT/.cache"
say "starting the worker (log: .cache/worker.log, web: http://127.0.0.1:$PORT) ..."
"$TOCSIN" worker --no-create-topics >"$LOG" 2>&1 &
WORKER_PID=$!

deadline=$((SECONDS + READY_TIMEOUT))
until ready; do
  if ! kill -0 "$WORKER_PID" 2>/dev/null; then
    tail -n 30 "$LOG" >&2
    die "the worker exited during start-up (is port $PORT already in use? set TOCSIN_WEB_PORT)"
  fi
  ((SECONDS < deadline)) || { tail -n 30 "$LOG" >&2; die "worker not ready after ${READY_TIMEOUT}s"; }
  sleep 0.5
done
say "worker ready: http://127.0.0.1:$PORT/metrics, /health, /ready"

say "feeding $ARTICLES at $RATE article(s)/s ..."
"$TOCSIN" feed "$ARTICLES" --rate "$RATE"

say "events, alerts and dead letters (from the beginning of the topics); Ctrl-C to stop"
tail_args=(events alerts deadletter --from-beginning)
[[ -n "${DEMO_TAIL_TIMEOUT:-}" ]] && tail_args+=(--timeout "$DEMO_TAIL_TIMEOUT")
"$TOCSIN" tail "${tail_args[@]}"
