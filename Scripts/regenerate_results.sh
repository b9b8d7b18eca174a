#!/usr/bin/env bash
# Regenerates Documentation/Results/ — every figure and table in Documentation/Results.md — from the
# examples at their default settings (release build), timing each run. Run on a quiet machine: the
# times go into Results.md and Performance.md. Extra arguments are passed to every example (e.g.
# --quick for a smoke run into another folder: OUT=/tmp/r ./Scripts/regenerate_results.sh --quick).
#
#   ./Scripts/regenerate_results.sh            # about 15 minutes on 2 cores
#   LARGE=1 ./Scripts/regenerate_results.sh    # also the water-pes --large study (Nyström; much longer)
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/bootstrap.sh
OUT=${OUT:-Documentation/Results}
mkdir -p "$OUT"
for p in hydrogen-orbitals water-normal-modes water-pes custom-symmetry molecule-pes symscale; do
  if grep -q "name: \"$p\"" Package.swift; then swift build -c release --product "$p"; fi
done

timed() {  # name, command...: runs the command, appends its wall-clock time to timings.txt
  local name=$1; shift
  local start=$SECONDS
  "$@"
  echo "$name: $((SECONDS - start)) s" | tee -a "$OUT/timings.txt"
}

: > "$OUT/timings.txt"
for example in hydrogen-orbitals water-normal-modes water-pes custom-symmetry molecule-pes; do
  [ -x ".build/release/$example" ] || continue
  timed "$example" ".build/release/$example" --output "$OUT" "$@"
done
timed "water-pes-sector-weights (symscale learning-curve)" \
  .build/release/symscale learning-curve --config Examples/configs/water-pes-sector-weights.json --output "$OUT" "$@"
if [ "${LARGE:-0}" = 1 ]; then
  timed "water-pes --large" .build/release/water-pes --large --output "$OUT" "$@"
fi
python3 Scripts/results_tables.py "$OUT" > "$OUT/tables.md"
echo "tables: $OUT/tables.md; times: $OUT/timings.txt"
