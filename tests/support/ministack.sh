#!/usr/bin/env bash
# Start/stop a local ministack (AWS emulator) for cognito-wasm tests.
#
#   ministack.sh start <port> <statedir>   # background start, waits until it answers
#   ministack.sh stop <statedir>           # stops the instance started with that statedir
#
# Env: MINISTACK_VENV (default /opt/ministack-venv), MINISTACK_START_TIMEOUT (s, default 60).
# Binds 127.0.0.1 only. AUTH=true so Cognito checks codes, secret hashes, token signatures.
# Log: <statedir>/ministack.log, pid: <statedir>/ministack.pid
#
# ministack lives no longer than the process that asked for it (this script's parent,
# or MINISTACK_OWNER_PID): a small watcher stops it when that process is gone, even if
# it was killed hard (SIGKILL, a closed terminal) and never called stop.
set -euo pipefail

usage() {
  echo "usage: $0 start <port> <statedir> | $0 stop <statedir>" >&2
  exit 2
}

venv="${MINISTACK_VENV:-/opt/ministack-venv}"

# Answers when GET /_ministack/health gives 200.
probe() {
  local port="$1"
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${port}/_ministack/health"
  else
    "$venv/bin/python" - "$port" <<'EOF'
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/_ministack/health", timeout=2).read()
EOF
  fi
}

cmd="${1:-}"
case "$cmd" in
  start)
    [ $# -eq 3 ] || usage
    port="$2"
    statedir="$3"
    mkdir -p "$statedir"
    statedir="$(cd "$statedir" && pwd)"
    pidfile="$statedir/ministack.pid"
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "ministack already running (pid $(cat "$pidfile"))" >&2
      exit 1
    fi
    if probe "$port" 2>/dev/null; then
      echo "something already answers on 127.0.0.1:$port" >&2
      exit 1
    fi
    [ -x "$venv/bin/ministack" ] || { echo "no $venv/bin/ministack (set MINISTACK_VENV)" >&2; exit 1; }
    # setsid: own process group, so stop can signal the whole group.
    BIND_HOST=127.0.0.1 GATEWAY_PORT="$port" IOT_MTLS_ENABLED=0 SFTP_ENABLED=0 \
      STATE_DIR="$statedir" AUTH=true \
      setsid "$venv/bin/ministack" >"$statedir/ministack.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pidfile"
    deadline=$(( $(date +%s) + ${MINISTACK_START_TIMEOUT:-60} ))
    until probe "$port" 2>/dev/null; do
      if ! kill -0 "$pid" 2>/dev/null; then
        echo "ministack exited during start-up; log:" >&2
        tail -n 30 "$statedir/ministack.log" >&2 || true
        rm -f "$pidfile"
        exit 1
      fi
      if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "ministack did not answer on 127.0.0.1:$port in time; stopping it" >&2
        kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
        rm -f "$pidfile"
        exit 1
      fi
      sleep 0.2
    done
    owner="${MINISTACK_OWNER_PID:-$PPID}"
    # Own session too, so it outlives this script; it polls both processes once a second.
    setsid bash -c '
      while kill -0 "$1" 2>/dev/null; do
        kill -0 "$2" 2>/dev/null || exit 0
        sleep 1
      done
      kill -TERM -- "-$2" 2>/dev/null || true
      for _ in 1 2 3 4 5 6 7 8 9 10; do kill -0 "$2" 2>/dev/null || exit 0; sleep 0.5; done
      kill -KILL -- "-$2" 2>/dev/null || true
    ' ministack-watcher "$owner" "$pid" >/dev/null 2>&1 </dev/null &
    echo "$!" >"$statedir/watcher.pid"
    echo "ministack up on http://127.0.0.1:$port (pid $pid, stops with pid $owner)"
    ;;
  stop)
    [ $# -eq 2 ] || usage
    pidfile="$2/ministack.pid"
    if [ ! -f "$pidfile" ]; then
      echo "no pid file $pidfile; nothing to stop" >&2
      exit 0
    fi
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      # Process group of the setsid'd ministack (pgid == pid); fall back to the pid.
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.2
      done
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
      fi
    fi
    rm -f "$pidfile"
    if [ -f "$2/watcher.pid" ]; then
      kill -TERM "$(cat "$2/watcher.pid")" 2>/dev/null || true
      rm -f "$2/watcher.pid"
    fi
    echo "ministack stopped"
    ;;
  *)
    usage
    ;;
esac
