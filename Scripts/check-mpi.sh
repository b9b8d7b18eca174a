#!/usr/bin/env bash
# Checks the optional MPI target: the same Nyström fit on 1 and on 2 MPI ranks gives the same test
# predictions (to the CG tolerance; and, for the direct solve with CentreRank.numerical, to rounding), and ranks with different data shapes stop with the typed error.
# Needs Open MPI (Debian: apt-get install libopenmpi-dev openmpi-bin). Not part of `swift test` or CI.
#
#   ./Scripts/check-mpi.sh            # debug build in .build-mpi, N = 3000, M = 300
set -euo pipefail
cd "$(dirname "$0")/.."
swift build --traits MPI --product nystrom-mpi --scratch-path .build-mpi
binary=.build-mpi/debug/nystrom-mpi
mpirun=(mpirun --oversubscribe)
if [ "$(id -u)" = 0 ]; then mpirun+=(--allow-run-as-root); fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
common=(--n 3000 --m 300 --test 500 --sigma 1.8 --lambda 1e-2 --tolerance 1e-12 --max-iterations 3000)

"${mpirun[@]}" -np 1 "$binary" "${common[@]}" --predictions "$work/p1.csv" | tee "$work/one.json"
"${mpirun[@]}" -np 2 "$binary" "${common[@]}" --predictions "$work/p2.csv" | tee "$work/two.json"
# Largest |p1 − p2| relative to the largest |p1|: must be below 1e-6.
worst=$(paste -d, "$work/p1.csv" "$work/p2.csv" | awk -F, 'NR > 1 {
  d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; a = $1; if (a < 0) a = -a; if (a > s) s = a }
  END { printf "%.3g", m / s }')
echo "predictions, 1 vs 2 ranks: max |difference| / max |prediction| = $worst"
awk -v w="$worst" 'BEGIN { exit !(w <= 1e-6) }' || { echo "FAIL: the 2-rank predictions differ from the 1-rank ones"; exit 1; }

# The direct solve (G and r reduced once) with the centres a pivoted Cholesky keeps, 1 vs 2 ranks.
"${mpirun[@]}" -np 1 "$binary" "${common[@]}" --lambda 1e-8 --method direct --centre-rank numerical --predictions "$work/d1.csv" | tee "$work/d1.json"
"${mpirun[@]}" -np 2 "$binary" "${common[@]}" --lambda 1e-8 --method direct --centre-rank numerical --predictions "$work/d2.csv" | tee "$work/d2.json"
worst=$(paste -d, "$work/d1.csv" "$work/d2.csv" | awk -F, 'NR > 1 {
  d = $1 - $2; if (d < 0) d = -d; if (d > m) m = d; a = $1; if (a < 0) a = -a; if (a > s) s = a }
  END { printf "%.3g", m / s }')
echo "direct solve with CentreRank.numerical, 1 vs 2 ranks: max |difference| / max |prediction| = $worst"
awk -v w="$worst" 'BEGIN { exit !(w <= 1e-6) }' || { echo "FAIL: the 2-rank direct predictions differ"; exit 1; }

# Rank 1 drops a column: every rank must refuse with the shape message.
if "${mpirun[@]}" -np 2 "$binary" "${common[@]}" --mismatch-dimension-on-rank 1 2> "$work/err.txt" > /dev/null; then
  echo "FAIL: mismatched shapes were accepted"; exit 1
fi
expected="The processes disagree on the input dimension d: rank 0 has 3 but rank 1: 2. Every rank must use the same input dimension d; read the same columns of the data on every rank."
grep -qF "$expected" "$work/err.txt" || { echo "FAIL: the shape error is missing"; cat "$work/err.txt"; exit 1; }
echo "shape mismatch refused: $expected"
echo "check-mpi: OK"
