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
else
  MODEL=tests/fixtures/tiny-qwen2-f32
  echo "== srs inspect $MODEL" >&2
  $SRS inspect "$MODEL"
  echo "== srs generate (greedy, 16 tokens)" >&2
  $SRS generate "$MODEL" --ids 1,15,27,300 --max-new-tokens 16 --greedy --json
fi
