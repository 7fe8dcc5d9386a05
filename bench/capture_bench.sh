#!/usr/bin/env bash
# Capture throughput vs a plain forward of the same tokens (bench_capture), on the tiny
# fixture model and, when present, a random Qwen2.5-0.5B-shaped model
# (bench/make_random_qwen2.py; SRS_BENCH_BIG, default /tmp/srs-bench/qwen2-0.5b-random).
#
#   bench/capture_bench.sh [--reps N] [--threads N] [--big-rollouts N]
#
# Environment: BUILD_DIR (default build), SRS_BENCH_WORK (default /tmp/srs-bench-capture).
# Prints one JSON line per configuration and appends them to $SRS_BENCH_WORK/results.jsonl.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD_DIR=${BUILD_DIR:-build}
WORK=${SRS_BENCH_WORK:-/tmp/srs-bench-capture}
BIG=${SRS_BENCH_BIG:-/tmp/srs-bench/qwen2-0.5b-random}
REPS=5
THREADS=1
BIG_ROLLOUTS=8
while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS=$2; shift 2 ;;
    --threads) THREADS=$2; shift 2 ;;
    --big-rollouts) BIG_ROLLOUTS=$2; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "capture_bench.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
cmake --build "$BUILD_DIR" --target bench_capture -j2 >/dev/null
BIN="$BUILD_DIR/bin/bench_capture"
mkdir -p "$WORK"
run() {
  echo "# load before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  OMP_NUM_THREADS=$THREADS "$BIN" "$@" --threads "$THREADS" | tee -a "$WORK/results.jsonl"
}
TINY=tests/fixtures/tiny-qwen2-f32
for batch in 4 16; do
  for dtype in float16 float32; do
    run "$TINY" "$WORK" --rollouts 64 --batch "$batch" --store-dtype "$dtype" --reps "$REPS"
  done
done
if [[ -f "$BIG/model.safetensors" ]]; then
  run "$BIG" "$WORK" --rollouts "$BIG_ROLLOUTS" --prompt 32 --response 128 --batch 4 \
      --compute-dtype bfloat16 --store-dtype float16 --reps 3
else
  echo "# $BIG not found: skipping the 0.5B-shaped model (make it with bench/make_random_qwen2.py)" >&2
fi
