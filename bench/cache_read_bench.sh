#!/usr/bin/env bash
# Streaming read of one cache layer vs `cat` of the file and vs h5py, at two cache sizes
# 4x apart (peak RSS must not grow with the cache). Writes a markdown table to stdout.
#   BUILD_DIR=build bash bench/cache_read_bench.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BIN=$BUILD_DIR/bin/bench_cache_read
PY=/usr/bin/python3
WORK=${1:-$(mktemp -d /tmp/srs_cache_bench.XXXXXX)}
D=3584          # Qwen2.5-7B d_model
ROWS_SMALL=75000   # ~0.5 GB of float16
ROWS_LARGE=300000  # ~2.1 GB of float16
REPS=${REPS:-3}

drop_caches() {
  sync
  if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then echo cold; else echo warm; fi
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

H5PY_READ='
import h5py, numpy as np, sys, time
f = h5py.File(sys.argv[1], "r"); ds = f["acts/resid_post/layer_00"]; off = f["rollouts/offset"][:]
t = time.perf_counter(); s = 0.0
for i in range(0, len(off) - 1, 16):
    a = ds[off[i]:off[min(i + 16, len(off) - 1)]].astype(np.float32); s += float(a[0, 0])
print(time.perf_counter() - t)
'

echo "| cache | dataset bytes | page cache | cat s (median) | srs stream s | srs/cat throughput | h5py s | srs vs h5py | srs peak RSS |"
echo "|---|---|---|---|---|---|---|---|---|"
for rows in $ROWS_SMALL $ROWS_LARGE; do
  f=$WORK/cache_$rows.h5
  [ -f "$f" ] || "$BIN" write "$f" "$rows" "$D" float16 600
  cats=(); srs=(); h5=(); rss=0; state=warm
  cat "$f" > /dev/null  # warm up (only matters when dropping is impossible)
  for _ in $(seq "$REPS"); do
    state=$(drop_caches)
    s=$(date +%s.%N); cat "$f" > /dev/null; e=$(date +%s.%N); cats+=("$(echo "$e - $s" | bc -l)")
    state=$(drop_caches)
    out=$("$BIN" read "$f" resid_post 0 16)
    srs+=("$(echo "$out" | sed 's/.*"seconds": \([0-9.]*\).*/\1/')")
    rss=$(echo "$out" | sed 's/.*"peak_rss_kb": \([0-9]*\).*/\1/')
    bytes=$(echo "$out" | sed 's/.*"bytes": \([0-9]*\).*/\1/')
    state=$(drop_caches)
    h5+=("$($PY -c "$H5PY_READ" "$f")")
  done
  c=$(printf '%s\n' "${cats[@]}" | median); r=$(printf '%s\n' "${srs[@]}" | median); h=$(printf '%s\n' "${h5[@]}" | median)
  fsize=$(stat -c %s "$f")
  # Throughput ratio: srs bytes/s over cat bytes/s (cat reads the whole file).
  ratio=$(echo "($bytes / $r) / ($fsize / $c)" | bc -l)
  echo "| $(basename "$f") ($((fsize / 1048576)) MiB) | $bytes | $state | $(printf %.3f "$c") | $(printf %.3f "$r") | $(printf %.2f "$ratio") | $(printf %.3f "$h") | $(printf %.2fx "$(echo "$h / $r" | bc -l)") | $((rss / 1024)) MiB |"
done
