#!/usr/bin/env bash
# Streaming read of one cache layer vs `cat` of the file and vs h5py, at two cache sizes
# 4x apart (peak RSS must not grow with the cache). The variants are interleaved inside
# each repetition (cat, srs with read-ahead, srs synchronous, h5py), each after dropping
# the page cache, so a loaded machine slows all of them alike; the ratios are computed per
# repetition and their medians reported. Writes a markdown table to stdout.
#   BUILD_DIR=build REPS=7 H5PY=1 SIZES="75000 300000" bash bench/cache_read_bench.sh [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
BIN=$BUILD_DIR/bin/bench_cache_read
PY=/usr/bin/python3
WORK=${1:-$(mktemp -d /tmp/srs_cache_bench.XXXXXX)}
D=3584          # Qwen2.5-7B d_model
SIZES=${SIZES:-"75000 300000"}   # rows: ~0.5 GB and ~2.1 GB of float16
REPS=${REPS:-7}
H5PY=${H5PY:-1}

drop_caches() {
  sync
  if echo 3 > /proc/sys/vm/drop_caches 2>/dev/null; then echo cold; else echo warm; fi
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
field() { echo "$1" | sed "s/.*\"$2\": \"\{0,1\}\([0-9.a-z]*\).*/\1/"; }

H5PY_READ='
import h5py, numpy as np, sys, time
f = h5py.File(sys.argv[1], "r"); ds = f["acts/resid_post/layer_00"]; off = f["rollouts/offset"][:]
t = time.perf_counter(); s = 0.0
for i in range(0, len(off) - 1, 16):
    a = ds[off[i]:off[min(i + 16, len(off) - 1)]].astype(np.float32); s += float(a[0, 0])
print(time.perf_counter() - t)
'

echo "| cache | dataset bytes | page cache | reps | cat s | srs read-ahead s | srs sync s | read-ahead/cat | sync/cat | read-ahead vs sync | h5py s | srs vs h5py | srs peak RSS | load avg |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
for rows in $SIZES; do
  f=$WORK/cache_$rows.h5
  [ -f "$f" ] || "$BIN" write "$f" "$rows" "$D" float16 600
  fsize=$(stat -c %s "$f")
  cats=(); ahead=(); sync_=(); h5=(); rA=(); rS=(); rAS=(); rss=0; state=warm; bytes=0
  load0=$(cut -d' ' -f1 /proc/loadavg)
  cat "$f" > /dev/null  # warm up (only matters when dropping is impossible)
  for _ in $(seq "$REPS"); do
    state=$(drop_caches)
    s=$(date +%s.%N); cat "$f" > /dev/null; e=$(date +%s.%N); c=$(echo "$e - $s" | bc -l); cats+=("$c")
    state=$(drop_caches)
    out=$("$BIN" read "$f" resid_post 0 16 ahead)
    a=$(field "$out" seconds); ahead+=("$a")
    rss=$(field "$out" peak_rss_kb); bytes=$(field "$out" bytes)
    state=$(drop_caches)
    out=$("$BIN" read "$f" resid_post 0 16 sync)
    y=$(field "$out" seconds); sync_+=("$y")
    # Throughput ratios: srs bytes/s over cat bytes/s (cat reads the whole file).
    rA+=("$(echo "($bytes / $a) / ($fsize / $c)" | bc -l)")
    rS+=("$(echo "($bytes / $y) / ($fsize / $c)" | bc -l)")
    rAS+=("$(echo "$y / $a" | bc -l)")
    if [ "$H5PY" = 1 ]; then state=$(drop_caches); h5+=("$($PY -c "$H5PY_READ" "$f")"); fi
  done
  load1=$(cut -d' ' -f1 /proc/loadavg)
  c=$(printf '%s\n' "${cats[@]}" | median); a=$(printf '%s\n' "${ahead[@]}" | median)
  y=$(printf '%s\n' "${sync_[@]}" | median)
  ra=$(printf '%s\n' "${rA[@]}" | median); rs=$(printf '%s\n' "${rS[@]}" | median)
  ras=$(printf '%s\n' "${rAS[@]}" | median)
  if [ "$H5PY" = 1 ]; then
    h=$(printf '%s\n' "${h5[@]}" | median); hs=$(printf %.3f "$h"); hx=$(printf %.1fx "$(echo "$h / $a" | bc -l)")
  else hs=-; hx=-; fi
  echo "| $(basename "$f") ($((fsize / 1048576)) MiB) | $bytes | $state | $REPS | $(printf %.3f "$c") | $(printf %.3f "$a") | $(printf %.3f "$y") | $(printf %.2f "$ra") | $(printf %.2f "$rs") | $(printf %.2fx "$ras") | $hs | $hx | $((rss / 1024)) MiB | $load0-$load1 |"
done
