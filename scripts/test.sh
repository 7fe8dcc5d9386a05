#!/usr/bin/env bash
# The README's test command: install missing packages, build, run every test
# (GoogleTest suites via CTest), then a short libFuzzer smoke run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install_deps.sh
bash scripts/build.sh
export OMP_NUM_THREADS=${OMP_NUM_THREADS:-$(nproc)}
(cd build && ctest --output-on-failure -j 1)
bash scripts/fuzz_smoke.sh
