#!/usr/bin/env bash
# Builds the DocC documentation of the seven library modules (Sources/<Module>/Documentation.docc)
# with swiftlang/swift-docc-plugin, failing on any DocC warning. Archives land in
# .build/plugins/Swift-DocC/outputs/<Module>.doccarchive. Extra arguments go to the plugin, e.g.
#   ./Scripts/docs.sh --transform-for-static-hosting --output-path docs
# (`swift package generate-documentation` alone also works; it documents every target, and the
# executables without public symbols add DocC's "No valid content" notes.)
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/bootstrap.sh
targets=()
for module in LinearAlgebra Symmetries Regression Datasets Molecules LearningCurves SymmetryTesting; do
  targets+=(--target "$module")
done
exec swift package --disable-sandbox generate-documentation "${targets[@]}" --warnings-as-errors "$@"
