#!/usr/bin/env bash
# README command 1: the main job — the default learning-curve study (the water-pes example at its
# default sizes), writing results/water-pes.json, .csv and .svg. Installs OpenBLAS first when
# missing. Extra arguments go to the example (e.g. --quick, --output DIR, --seed S).
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/bootstrap.sh
swift build -c release --product water-pes
exec .build/release/water-pes --output results "$@"
