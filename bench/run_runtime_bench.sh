#!/usr/bin/env bash
# Model-runtime benchmark: the project's runtime (bench_runtime) against an idiomatic
# PyTorch eager reference (reference_qwen2.py) and against the machine's own limits
# (bench_machine_limits), on a random-weight Qwen2.5-0.5B-shaped bf16 checkpoint.
#
#   bench/run_runtime_bench.sh [--reps N] [--decode-tokens N] [--no-doc]
#
# Environment: BUILD_DIR (default build), SRS_BENCH_WORK (model + raw results, default
# $TMPDIR/srs-bench or /tmp/srs-bench), SRS_BENCH_MAX_LOAD / SRS_BENCH_MAX_WAIT (before each
# measured process wait up to MAX_WAIT s for the 1-minute load average to fall below
# MAX_LOAD, at most SRS_BENCH_WAIT_BUDGET s in all; default 1.0 / 60 / 300).
# Builds the two bench targets if needed, generates the model once (~1 GB, not in the
# repository), runs reference and ours interleaved with the same thread count (nproc),
# takes medians and writes the table into docs/PERFORMANCE.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=/usr/bin/python3
BUILD_DIR=${BUILD_DIR:-build}
WORK=${SRS_BENCH_WORK:-${TMPDIR:-/tmp}/srs-bench}
MAX_LOAD=${SRS_BENCH_MAX_LOAD:-1.0}
MAX_WAIT=${SRS_BENCH_MAX_WAIT:-60}
WAIT_BUDGET=${SRS_BENCH_WAIT_BUDGET:-300}
REPS=3
DECODE_TOKENS=32
WRITE_DOC=1
THREADS=$(nproc)
COMMAND="bench/run_runtime_bench.sh $*"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --reps) REPS=$2; shift 2 ;;
    --decode-tokens) DECODE_TOKENS=$2; shift 2 ;;
    --no-doc) WRITE_DOC=0; shift ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "run_runtime_bench.sh: unknown argument '$1' (expected --reps N, --decode-tokens N, --no-doc)" >&2; exit 2 ;;
  esac
done
if ! [[ $REPS =~ ^[1-9][0-9]*$ ]] || (( REPS < 3 )); then
  echo "run_runtime_bench.sh: --reps must be an integer >= 3 (medians), got '$REPS'" >&2; exit 2
fi

if ! dpkg-query -W -f='${Status}' libopenblas0-openmp 2>/dev/null | grep -q "install ok installed"; then
  echo "run_runtime_bench.sh: libopenblas0-openmp is not installed; libtorch would use the reference BLAS and every number would be meaningless" >&2
  exit 1
fi

# Build (a no-op when up to date).
export CCACHE_BASEDIR="$ROOT" CCACHE_NOHASHDIR=1
if [[ ! -f "$BUILD_DIR/CMakeCache.txt" ]]; then
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$BUILD_DIR" --target bench_runtime bench_machine_limits -j "$THREADS" >&2
BIN="$BUILD_DIR/bin"

mkdir -p "$WORK"
MODEL="$WORK/qwen2-0.5b-random"
if [[ ! -f "$MODEL/model.safetensors" || ! -f "$MODEL/config.json" ]]; then
  echo "== generating the random-weight model into $MODEL" >&2
  "$PY" bench/make_random_qwen2.py "$MODEL"
fi

export OMP_NUM_THREADS=$THREADS
STAMP=$(date +%Y%m%d-%H%M%S)
LIMITS="$WORK/limits-$STAMP.json"
RESULTS="$WORK/results-$STAMP.jsonl"
: > "$RESULTS"

# Other processes on the cores distort every number (OpenMP barriers spin while a thread
# is descheduled), so wait for a quiet machine, within limits; the load is recorded per run.
wait_quiet() {
  local waited=0 load
  while :; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" -v m="$MAX_LOAD" 'BEGIN { exit !(l < m) }'; then return 0; fi
    if (( waited >= MAX_WAIT || WAIT_BUDGET <= 0 )); then
      echo "   (load average $load >= $MAX_LOAD; measuring anyway)" >&2
      return 0
    fi
    sleep 5; waited=$((waited + 5)); WAIT_BUDGET=$((WAIT_BUDGET - 5))
  done
}

START=$(date +%s)
echo "== machine limits ($THREADS threads)" >&2
wait_quiet
"$BIN/bench_machine_limits" --model "$MODEL" --threads "$THREADS" --json > "$LIMITS"

COMMON=(--threads "$THREADS" --prefill-tokens 512 --prompt-tokens 16 --decode-tokens "$DECODE_TOKENS" --reps 1)
for ((rep = 1; rep <= REPS; rep++)); do
  for dtype in f32 bf16; do
    echo "== round $rep/$REPS, $dtype: reference" >&2
    wait_quiet
    "$PY" bench/reference_qwen2.py bench "$MODEL" --dtype "$dtype" "${COMMON[@]}" >> "$RESULTS"
    echo "== round $rep/$REPS, $dtype: ours" >&2
    wait_quiet
    "$BIN/bench_runtime" --model "$MODEL" --dtype "$dtype" "${COMMON[@]}" >> "$RESULTS"
  done
done
echo "== done in $(( $(date +%s) - START )) s; raw results in $RESULTS and $LIMITS" >&2

DOC_ARGS=()
if (( WRITE_DOC )); then DOC_ARGS=(--doc docs/PERFORMANCE.md); fi
"$PY" bench/summarize_runtime_bench.py --limits "$LIMITS" --results "$RESULTS" \
  --command "$COMMAND" "${DOC_ARGS[@]}"
