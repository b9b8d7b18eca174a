#!/usr/bin/env bash
# README command 2: run the whole test suite (installs OpenBLAS first when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
./Scripts/bootstrap.sh
swift test "$@"
