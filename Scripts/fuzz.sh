#!/usr/bin/env bash
# Fuzz one reader with libFuzzer and the address sanitizer (see FuzzTesting/Package.swift).
#
#   ./Scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#   ./Scripts/fuzz.sh FuzzCSV 600
#   ./Scripts/fuzz.sh all 60               # each target for 60 s, one after the other
#   ./Scripts/fuzz.sh FuzzCSV 0 crash-…     # replay one input (SECONDS 0: no fuzzing)
#
# TARGET: FuzzCSV (CSV reader), FuzzExtendedXYZ (extended XYZ reader), FuzzStudyConfiguration
# (study-configuration JSON parser). Starts from the committed seeds in FuzzTesting/Corpus/TARGET
# (never modified) plus what earlier runs found in FuzzTesting/.build/corpus/TARGET, uses the
# dictionary in FuzzTesting/Dictionaries, and stops at the first crash, leaving the input in
# FuzzTesting/.build/artifacts/ (turn it into a test in the normal suite before fixing it).
# Prints libFuzzer's final figures: executions per second and coverage (cov:, ft:).
# Set FUZZ_JOBS=N to run N workers in parallel. Exits non-zero when a crash was found.
set -euo pipefail
script="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"  # absolute: the script re-runs itself after the cd
cd "$(dirname "$0")/../FuzzTesting"

targets=(FuzzCSV FuzzExtendedXYZ FuzzStudyConfiguration)
if [ $# -lt 2 ]; then
  sed -n '2,17p' "$script" | sed 's/^# \{0,1\}//'
  exit 2
fi
target=$1 seconds=$2
shift 2
if [ "$target" = all ]; then
  for t in "${targets[@]}"; do "$script" "$t" "$seconds" "$@"; done
  exit 0
fi
if [[ ! " ${targets[*]} " =~ " $target " ]]; then
  echo "fuzz.sh: unknown target '$target'; targets are ${targets[*]} (or all)" >&2
  exit 2
fi

../Scripts/bootstrap.sh
# Release: the speed of many inputs per second; overflow checks and preconditions stay on.
swift build -c release --product "$target" -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library >&2
binary=".build/release/$target"

if [ "$seconds" = 0 ]; then
  SWIFT_BACKTRACE=enable=no exec "$binary" "$@"
fi
mkdir -p ".build/corpus/$target" .build/artifacts
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
# libFuzzer, not Swift's backtracer, must catch a trap (it saves the input).
export SWIFT_BACKTRACE=enable=no
exec "$binary" ".build/corpus/$target" "Corpus/$target" \
  -dict="Dictionaries/$target.dict" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=".build/artifacts/$target-" \
  ${FUZZ_JOBS:+-jobs=$FUZZ_JOBS -workers=$FUZZ_JOBS} "$@"
