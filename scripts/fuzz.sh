#!/usr/bin/env bash
# Coverage-guided fuzzing of the pure core with cargo fuzz (libFuzzer), on
# stable Rust: every target in fuzz/fuzz_targets/ runs for a bounded time, then
# a line per target gives executions, coverage and whether it crashed.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 20 s, all targets)
#
# Exits non-zero when any target crashed (panic, failed assertion, timeout, OOM);
# the reproducer is in fuzz/artifacts/<target>/, and
#   cargo fuzz run -s none <target> fuzz/artifacts/<target>/<file>
# replays it (FUZZ_TRACE=1 prints what the input did).
#
# Why this works on stable: with `--sanitizer none` every flag cargo-fuzz gives
# rustc is a stable codegen option (-Cpasses=sancov-module and
# -Cllvm-args=-sanitizer-coverage-*: edge counters, PC table, compare tracing),
# so libFuzzer gets full coverage feedback with no nightly and no
# RUSTC_BOOTSTRAP. The core is safe Rust, so AddressSanitizer adds little;
# FUZZ_SANITIZER=address builds with it anyway (that one needs -Zsanitizer, so
# RUSTC_BOOTSTRAP=1 is set for it), at about a sixth of the speed.
#
# New inputs go to fuzz/target/corpus/<target> (not committed); the committed
# seeds in fuzz/corpus/<target> are read only. FUZZ_MERGE=1 afterwards rewrites
# fuzz/corpus/<target> as the hand-made seed-* files plus the fewest inputs
# that keep every edge reached (libFuzzer -set_cover_merge=1 -use_counters=0).
# Logs: fuzz/target/logs/<target>.log.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
SECS="${1:-20}"
shift || true
if [ "$#" -gt 0 ]; then
  TARGETS=("$@")
else
  TARGETS=(protocol_response jwt stored_session srp_challenge auth_replies)
fi
SANITIZER="${FUZZ_SANITIZER:-none}"
HOST=$(rustc -vV | awk '/^host:/ {print $2}')
step() { echo "==> $*"; }

case "$SECS" in '' | *[!0-9]*) echo "usage: scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]" >&2; exit 2 ;; esac

have=$(cargo fuzz --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$CARGO_FUZZ_VERSION" ]; then
  step "installing cargo-fuzz $CARGO_FUZZ_VERSION"
  cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked
fi

if [ "$SANITIZER" != none ]; then
  export RUSTC_BOOTSTRAP=1
  # cargo caches rustc's target info, including a failure from a run without
  # RUSTC_BOOTSTRAP; start that cache afresh.
  rm -f fuzz/target/.rustc_info.json
fi

step "building fuzz targets (sanitizer: $SANITIZER)"
for t in "${TARGETS[@]}"; do
  cargo fuzz build --sanitizer "$SANITIZER" "$t"
done

mkdir -p fuzz/target/logs
failed=()
summary=()
for t in "${TARGETS[@]}"; do
  work="fuzz/target/corpus/$t"
  seeds="fuzz/corpus/$t"
  log="fuzz/target/logs/$t.log"
  mkdir -p "$work" "$seeds" "fuzz/artifacts/$t"
  extra=()
  [ -f "fuzz/dicts/$t.dict" ] && extra+=("-dict=fuzz/dicts/$t.dict")
  step "fuzzing $t for ${SECS}s"
  set +e
  cargo fuzz run --sanitizer "$SANITIZER" "$t" "$work" "$seeds" -- \
    -max_total_time="$SECS" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    "${extra[@]}" >"$log" 2>&1
  rc=$?
  set -e
  # (|| true: grep finding nothing is not an error here)
  stat() { awk -v k="stat::$1:" 'index($0, k) == 1 {v = substr($0, length(k) + 1); gsub(/ /, "", v)} END {print v}' "$log"; }
  last() { { grep -oE "$1" "$log" || true; } | tail -n 1; }
  execs=$(stat number_of_executed_units)
  # A crash ends the run before the final stats: take the last status line.
  [ -n "$execs" ] || execs=$(last '^#[0-9]+' | tr -d '#')
  rate=$(stat average_exec_per_sec)
  cov=$(last 'cov: [0-9]+ ft: [0-9]+')
  corp=$(last 'corp: [0-9]+/[0-9]+[a-zA-Z]*')
  artifact=$(last 'Test unit written to [^ ]+' | sed "s|Test unit written to ||; s|^$PWD/||")
  if [ "$rc" -ne 0 ] || [ -n "$artifact" ]; then
    status="CRASH rc=$rc ${artifact:-}"
    failed+=("$t")
    { grep -E 'panicked at|ERROR: libFuzzer|ALARM|out-of-memory|SUMMARY' "$log" || true; } | head -n 5 | sed 's/^/    /'
  else
    status="no crash"
  fi
  summary+=("$(printf '%-18s execs=%-10s exec/s=%-7s %-22s %-16s %s' "$t" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "${corp:-corp: ?}" "$status")")
  if [ "${FUZZ_MERGE:-0}" = 1 ] && [ "$rc" -eq 0 ]; then
    # The hand-made seeds, plus the fewest inputs that reach every edge the
    # seeds, the kept corpus and this run reach (edges only, not hit counts:
    # a few hundred small files per target).
    step "merging new edges of $t into $seeds"
    tmp=$(mktemp -d)
    cp "$seeds"/seed-* "$tmp"/ 2>/dev/null || true
    if "fuzz/target/$HOST/release/$t" -set_cover_merge=1 -use_counters=0 "$tmp" "$seeds" "$work" >>"$log" 2>&1; then
      rm -rf "$seeds" && mv "$tmp" "$seeds"
      echo "    $seeds: $(ls "$seeds" | wc -l) files, $(cat "$seeds"/* | wc -c) bytes"
    else
      rm -rf "$tmp"
      echo "    merge failed, $seeds unchanged (see $log)" >&2
    fi
  fi
done

echo
step "fuzz summary (${SECS}s per target, sanitizer $SANITIZER)"
printf '%s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: crash in ${failed[*]}: reproducers in fuzz/artifacts/<target>/, logs in fuzz/target/logs/;" >&2
  echo "      replay one with: cargo fuzz run --sanitizer $SANITIZER <target> <file>  (FUZZ_TRACE=1 to see what it did)" >&2
  exit 1
fi
echo "fuzz: ${#TARGETS[@]} targets ran without a crash"
