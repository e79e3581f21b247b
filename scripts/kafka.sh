#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, broker+controller in one JVM) without Docker.
#
#   scripts/kafka.sh up        fetch the jars (first time), format storage (first time),
#                              start the broker, wait until it answers a metadata request
#   scripts/kafka.sh down      stop it (SIGTERM, then SIGKILL after KAFKA_STOP_TIMEOUT s)
#   scripts/kafka.sh status    exit 0 if the broker runs and answers, 1 otherwise
#   scripts/kafka.sh logs [-f] [-n N]
#                              show (or follow) the broker log
#
# Everything it makes lives in .cache/kafka/ at the repository root:
#   m2/ (Maven's repository), libs/ (the classpath), data/ (KRaft metadata and
#   topic data), cluster-id, server.properties (the effective config),
#   broker.log (+ broker.log.1 from the previous run), broker.pid.
# Delete .cache/kafka/data to start from an empty cluster; delete .cache/kafka to
# start from nothing.
#
# Environment:
#   KAFKA_PORT              client listener on 127.0.0.1 (default 9092)
#   KAFKA_CONTROLLER_PORT   KRaft controller listener on 127.0.0.1 (default 9093)
#   KAFKA_START_TIMEOUT     seconds `up` waits for the broker to answer (default 90)
#   KAFKA_STOP_TIMEOUT      seconds `down` waits after SIGTERM before SIGKILL (default 30)
#   KAFKA_HEAP_OPTS         broker heap (default "-Xmx512m -Xms256m")
#   KAFKA_BOOTSTRAP_SERVERS if set, use that cluster instead: `up` and `status` only check
#                           that it answers, `down` does nothing
#   JAVA_HOME               Java 17+ to use (else `java` on PATH)
set -euo pipefail

SCRIPT_DIR=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd -- "$SCRIPT_DIR/.." && pwd -P)
SRC="$ROOT/deploy/kafka"
CACHE="$ROOT/.cache/kafka"
M2="$CACHE/m2"
LIBS="$CACHE/libs"
MARKER="$LIBS/.complete"
DATA="$CACHE/data"
PROPS="$CACHE/server.properties"
TOOLS_PROPS="$CACHE/tools.properties"
CLUSTER_ID_FILE="$CACHE/cluster-id"
PID_FILE="$CACHE/broker.pid"
LOG_FILE="$CACHE/broker.log"
LOCK_FILE="$CACHE/.lock"

HOST=127.0.0.1
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_START_TIMEOUT="${KAFKA_START_TIMEOUT:-90}"
KAFKA_STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
EXTERNAL="${KAFKA_BOOTSTRAP_SERVERS:-}"
LOCAL_BOOTSTRAP="$HOST:$KAFKA_PORT"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]]; then
  JAVA="$JAVA_HOME/bin/java"
else
  JAVA=java
fi

say() { printf 'kafka: %s\n' "$*"; }
die() { printf 'kafka: error: %s\n' "$*" >&2; exit 1; }

now() { printf '%s' "${EPOCHREALTIME:-$(date +%s.%N)}"; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

for p in KAFKA_PORT KAFKA_CONTROLLER_PORT KAFKA_START_TIMEOUT KAFKA_STOP_TIMEOUT; do
  [[ "${!p}" =~ ^[0-9]+$ ]] || die "$p must be a number, got '${!p}'"
done
[[ "$KAFKA_PORT" != "$KAFKA_CONTROLLER_PORT" ]] || die "KAFKA_PORT and KAFKA_CONTROLLER_PORT must differ"

need() { command -v "$1" >/dev/null 2>&1 || die "$1 not found on PATH ($2)"; }

kafka_version() {
  sed -n 's:.*<kafka\.version>\(.*\)</kafka\.version>.*:\1:p' "$SRC/pom.xml" | head -n 1
}

# What libs/.complete must hold for the cached jars to match deploy/kafka/pom.xml.
marker_content() {
  printf 'kafka.version=%s\npom.sha256=%s\n' "$(kafka_version)" \
    "$(sha256sum "$SRC/pom.xml" | cut -d ' ' -f 1)"
}

jars_ready() { [[ -f "$MARKER" && "$(cat "$MARKER")" == "$(marker_content)" ]]; }

fetch_jars() {
  jars_ready && return 0
  need mvn "Maven fetches the Kafka jars"
  need "$JAVA" "Kafka needs Java 17+"
  local t0 tmp="$LIBS.tmp"
  t0=$(now)
  say "fetching Kafka $(kafka_version) jars from Maven Central into .cache/kafka/libs (first run only) ..."
  mkdir -p "$CACHE"
  rm -rf "$tmp"
  if ! mvn -B -q -f "$SRC/pom.xml" -Dmaven.repo.local="$M2" \
      dependency:copy-dependencies -DoutputDirectory="$tmp" >"$CACHE/mvn.log" 2>&1; then
    tail -n 40 "$CACHE/mvn.log" >&2
    rm -rf "$tmp"
    die "Maven could not fetch the Kafka jars (full output: .cache/kafka/mvn.log)"
  fi
  marker_content >"$tmp/.complete"
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  say "jars ready in $(since "$t0")s"
}

# Short-lived JVM for the Kafka CLI tools: small heap, quick start, quiet logging.
tool_cmd() {
  TOOL=("$JAVA" -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true
    -Dlog4j2.configurationFile="$SRC/tools-log4j2.yaml" -cp "$LIBS/*" "$@")
}
tool() { tool_cmd "$@"; "${TOOL[@]}"; }

write_tools_props() {
  mkdir -p "$CACHE"
  cat >"$TOOLS_PROPS" <<'EOF'
# Admin-client settings for scripts/kafka.sh's readiness check: fail fast, retry from the script.
request.timeout.ms=5000
default.api.timeout.ms=10000
socket.connection.setup.timeout.ms=2000
socket.connection.setup.timeout.max.ms=5000
EOF
}

# Does the cluster at $1 answer a metadata request (list topics)?
answers() {
  local bootstrap="$1"
  [[ -f "$TOOLS_PROPS" ]] || write_tools_props
  tool_cmd org.apache.kafka.tools.TopicCommand --bootstrap-server "$bootstrap" \
    --command-config "$TOOLS_PROPS" --list
  timeout 30 "${TOOL[@]}" >/dev/null 2>"$CACHE/check.err"
}

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Prints the pid of the broker this script started, if it is still alive.
broker_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid args
  pid=$(<"$PID_FILE")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  args=$(ps -o args= -p "$pid" 2>/dev/null) || return 1
  [[ "$args" == *"kafka.Kafka $PROPS"* ]] || return 1  # a reused pid is not our broker
  printf '%s\n' "$pid"
}

lock() {
  mkdir -p "$CACHE"
  exec 9>"$LOCK_FILE"
  flock -w 180 9 || die "another scripts/kafka.sh is still running (lock .cache/kafka/.lock)"
}

listeners() { printf 'PLAINTEXT://%s:%s,CONTROLLER://%s:%s' "$HOST" "$KAFKA_PORT" "$HOST" "$KAFKA_CONTROLLER_PORT"; }

write_props() {
  {
    cat "$SRC/server.properties"
    cat <<EOF

# ---- appended by scripts/kafka.sh; these win over the same keys above ----
listeners=$(listeners)
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
log.dirs=$DATA
EOF
  } >"$PROPS"
}

format_storage() {
  [[ -f "$DATA/meta.properties" ]] && return 0
  local id
  if [[ -s "$CLUSTER_ID_FILE" ]]; then
    id=$(<"$CLUSTER_ID_FILE")
  else
    id=$(tool kafka.tools.StorageTool random-uuid 2>"$CACHE/format.log" | tail -n 1) ||
      { cat "$CACHE/format.log" >&2; die "could not generate a cluster id"; }
    [[ -n "$id" ]] || die "could not generate a cluster id"
    printf '%s\n' "$id" >"$CLUSTER_ID_FILE"
  fi
  say "formatting storage in .cache/kafka/data (cluster id $id)"
  tool kafka.tools.StorageTool format --cluster-id "$id" --config "$PROPS" --ignore-formatted \
    >"$CACHE/format.log" 2>&1 ||
    { cat "$CACHE/format.log" >&2; die "formatting the storage failed"; }
}

show_log_tail() {
  if [[ -f "$LOG_FILE" ]]; then
    printf -- '----- last lines of .cache/kafka/broker.log -----\n' >&2
    tail -n 60 "$LOG_FILE" >&2
    printf -- '-------------------------------------------------\n' >&2
  fi
}

stop_pid() {  # pid
  local pid="$1" deadline
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + KAFKA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    say "broker did not stop within ${KAFKA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$PID_FILE"
}

# Waits until the broker (pid $1) answers; on failure shows the log, stops it, exits 1.
wait_ready() {
  local pid="$1" t0="$2" deadline=$((SECONDS + KAFKA_START_TIMEOUT))
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      show_log_tail
      rm -f "$PID_FILE"
      die "the broker exited during startup (log: .cache/kafka/broker.log)"
    fi
    if port_open "$KAFKA_PORT" && answers "$LOCAL_BOOTSTRAP"; then
      say "broker ready on $LOCAL_BOOTSTRAP (Kafka $(kafka_version), pid $pid) in $(since "$t0")s"
      return 0
    fi
    if ((SECONDS >= deadline)); then
      show_log_tail
      [[ -s "$CACHE/check.err" ]] && { echo "last readiness check said:" >&2; tail -n 5 "$CACHE/check.err" >&2; }
      stop_pid "$pid"
      die "the broker did not answer on $LOCAL_BOOTSTRAP within ${KAFKA_START_TIMEOUT}s; stopped it"
    fi
    sleep 0.5
  done
}

start_broker() {
  local t0 pid=""
  t0=$(now)
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  rm -f "$PID_FILE"
  # A new session, so the broker outlives this shell and ignores its terminal;
  # the child writes its own pid before exec'ing java; fd 9 (the lock) is not inherited.
  # shellcheck disable=SC2086,SC2016  # KAFKA_HEAP_OPTS holds several flags; $$ is the inner shell's
  (cd "$ROOT" && exec setsid bash -c 'echo $$ >"$1"; shift; exec "$@"' _ "$PID_FILE" \
    "$JAVA" $KAFKA_HEAP_OPTS \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$SRC/log4j2.yaml" -Dkafka.logs.dir="$CACHE" \
    -cp "$LIBS/*" kafka.Kafka "$PROPS" \
    >"$LOG_FILE" 2>&1 </dev/null 9>&-) &
  for _ in $(seq 50); do
    [[ -s "$PID_FILE" ]] && { pid=$(<"$PID_FILE"); break; }
    sleep 0.1
  done
  [[ -n "$pid" ]] || { show_log_tail; die "could not start the broker"; }
  say "starting broker (pid $pid), waiting for it to answer on $LOCAL_BOOTSTRAP ..."
  wait_ready "$pid" "$t0"
}

cmd_up() {
  local t0 pid
  t0=$(now)
  need "$JAVA" "Kafka needs Java 17+"
  if [[ -n "$EXTERNAL" ]]; then
    fetch_jars
    write_tools_props
    if answers "$EXTERNAL"; then
      say "KAFKA_BOOTSTRAP_SERVERS=$EXTERNAL answers; not starting a local broker"
      return 0
    fi
    tail -n 5 "$CACHE/check.err" >&2 || true
    die "KAFKA_BOOTSTRAP_SERVERS=$EXTERNAL does not answer"
  fi
  lock
  if pid=$(broker_pid); then
    local running
    running=$(grep '^listeners=' "$PROPS" | tail -n 1)
    if [[ "$running" != "listeners=$(listeners)" ]]; then
      die "a broker (pid $pid) already runs with ${running#listeners=}; run scripts/kafka.sh down first to change ports"
    fi
    fetch_jars
    if port_open "$KAFKA_PORT" && answers "$LOCAL_BOOTSTRAP"; then
      say "already running (pid $pid) and answering on $LOCAL_BOOTSTRAP; nothing to do"
      return 0
    fi
    say "broker (pid $pid) is running but not answering yet; waiting"
    wait_ready "$pid" "$t0"
    return 0
  fi
  if [[ -f "$PID_FILE" ]]; then
    say "removing stale pid file (pid $(<"$PID_FILE") is gone)"
    rm -f "$PID_FILE"
  fi
  local port
  for port in "$KAFKA_PORT" "$KAFKA_CONTROLLER_PORT"; do
    if port_open "$port"; then
      die "$HOST:$port is already in use by a process this script did not start; stop it, pick other KAFKA_PORT / KAFKA_CONTROLLER_PORT, or point KAFKA_BOOTSTRAP_SERVERS at it"
    fi
  done
  fetch_jars
  write_tools_props
  write_props
  format_storage
  start_broker
  say "up took $(since "$t0")s in total"
}

cmd_down() {
  if [[ -n "$EXTERNAL" ]]; then
    say "KAFKA_BOOTSTRAP_SERVERS is set; no local broker to stop"
    return 0
  fi
  lock
  local pid t0
  if ! pid=$(broker_pid); then
    if [[ -f "$PID_FILE" ]]; then
      say "not running (removing stale pid file)"
      rm -f "$PID_FILE"
    else
      say "not running"
    fi
    return 0
  fi
  t0=$(now)
  say "stopping broker (pid $pid) ..."
  stop_pid "$pid"
  say "stopped in $(since "$t0")s"
}

cmd_status() {
  if [[ -n "$EXTERNAL" ]]; then
    jars_ready || { say "jars not fetched yet; run scripts/kafka.sh up"; return 1; }
    if answers "$EXTERNAL"; then say "KAFKA_BOOTSTRAP_SERVERS=$EXTERNAL answers"; return 0; fi
    say "KAFKA_BOOTSTRAP_SERVERS=$EXTERNAL does not answer"
    return 1
  fi
  local pid
  if ! pid=$(broker_pid); then
    say "not running"
    return 1
  fi
  if jars_ready && answers "$LOCAL_BOOTSTRAP"; then
    say "running (pid $pid) and answering on $LOCAL_BOOTSTRAP"
    return 0
  fi
  say "process $pid is running but does not answer on $LOCAL_BOOTSTRAP"
  return 1
}

cmd_logs() {
  local follow="" lines=100
  while (($#)); do
    case "$1" in
      -f | --follow) follow=1 ;;
      -n) shift; lines="${1:?-n needs a number}" ;;
      *) die "logs: unknown option '$1' (use -f, -n N)" ;;
    esac
    shift
  done
  if [[ -n "$EXTERNAL" ]]; then
    say "KAFKA_BOOTSTRAP_SERVERS is set; there is no local broker log"
    return 0
  fi
  [[ -f "$LOG_FILE" ]] || { say "no broker log yet (.cache/kafka/broker.log)"; return 0; }
  if [[ -n "$follow" ]]; then
    exec tail -n "$lines" -F "$LOG_FILE"
  fi
  tail -n "$lines" "$LOG_FILE"
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d' | sed 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  shift || true
  case "$cmd" in
    up) cmd_up "$@" ;;
    down) cmd_down "$@" ;;
    status) cmd_status "$@" ;;
    logs) cmd_logs "$@" ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
