#!/usr/bin/env bash
# Value-probe benchmark: srs (all layers in one streaming pass, stacked bmm) vs a per-layer
# PyTorch-in-Python loop reading the same cache with h5py. Both run in the same session,
# alternating, REPS times; medians go to stdout as JSON lines (summarised in RESULTS_probe.md).
#   BUILD_DIR=build-probe bash bench/probe_bench.sh [workdir]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BIN=$BUILD_DIR/bin/bench_probe
WORK=${1:-/tmp/srs_probe_bench}
REPS=${REPS:-3}
THREADS=${THREADS:-2}
HIDDEN=${HIDDEN:-1024}
EPOCHS=${EPOCHS:-1}
LR=${LR:-1e-3}
LAYERS=${LAYERS:-12}
D=${D:-896}
Q_SMALL=${Q_SMALL:-50}    # 50 questions x 4 rollouts x ~17 rows ~ 3.4k tokens
mkdir -p "$WORK"
export OMP_NUM_THREADS=$THREADS

[ -f "$WORK/small.h5" ] || $BIN make-cache "$WORK/small.h5" "$Q_SMALL" "$LAYERS" "$D" 8 24 1
[ -f "$WORK/large.h5" ] || $BIN make-cache "$WORK/large.h5" $((Q_SMALL * 4)) "$LAYERS" "$D" 8 24 2
echo "# caches: small $(du -h "$WORK/small.h5" | cut -f1), large $(du -h "$WORK/large.h5" | cut -f1)" >&2

for rep in $(seq 1 "$REPS"); do
  $BIN train "$WORK/small.h5" td "$HIDDEN" "$EPOCHS" "$THREADS" "$WORK/probes_small.h5" "$LR" | sed "s/^/{\"run\":\"train-small\",\"rep\":$rep,\"r\":/; s/$/}/"
  /usr/bin/python3 bench/probe_reference.py "$WORK/small.h5" "$WORK/probes_small.h5" "$HIDDEN" "$EPOCHS" "$THREADS" "$LR" \
    | sed "s/^/{\"run\":\"python-small\",\"rep\":$rep,\"r\":/; s/$/}/"
done
# Prune curve (8 ratios) on the small cache, one layer and all layers.
$BIN prune "$WORK/small.h5" "$HIDDEN" "$EPOCHS" "$THREADS" 0 "$LR" | sed 's/^/{"run":"prune-1layer","r":/; s/$/}/'
$BIN prune "$WORK/small.h5" "$HIDDEN" "$EPOCHS" "$THREADS" all "$LR" | sed 's/^/{"run":"prune-all","r":/; s/$/}/'
# Peak RSS at two cache sizes 4x apart (srs train, all layers).
$BIN train "$WORK/large.h5" td "$HIDDEN" "$EPOCHS" "$THREADS" "$WORK/probes_large.h5" "$LR" | sed 's/^/{"run":"train-large","r":/; s/$/}/'
