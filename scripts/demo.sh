#!/usr/bin/env bash
# The README's first command: install missing packages, build, and run the main job on the
# bundled demo. Output goes to ./demo-out (override with DEMO_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)}
SRS=build/bin/srs
OUT=${DEMO_OUT:-demo-out}
mkdir -p "$OUT"
if [ -f resources/demo/config.json ]; then
  $SRS demo --out "$OUT"
  # A prune curve for the pruning view (the workbench computes the overlap itself).
  if [ -f "$OUT/caches/add.h5" ] && ! ls "$OUT"/analyses/*prune-curve*.json >/dev/null 2>&1; then
    mkdir -p "$OUT/analyses"
    echo "== srs probe prune-curve $OUT/caches/add.h5" >&2
    $SRS probe prune-curve "$OUT/caches/add.h5" --epochs 4 --hidden 128 -q \
      --out "$OUT/analyses/add-prune-curve.json"
  fi
  WB=build/bin/srs-workbench
  if [ -x "$WB" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; }; then
    echo "== opening the workbench on $OUT" >&2
    exec "$WB" --workspace "$OUT"
  elif [ -x "$WB" ]; then
    echo "No display: open the workbench on this workspace with" >&2
    echo "  $WB --workspace $OUT" >&2
  fi
else
  MODEL=tests/fixtures/tiny-qwen2-f32
  echo "== srs inspect $MODEL" >&2
  $SRS inspect "$MODEL"
  echo "== srs generate (greedy, 16 tokens)" >&2
  $SRS generate "$MODEL" --ids 1,15,27,300 --max-new-tokens 16 --greedy --json
fi
