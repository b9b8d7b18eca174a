#!/usr/bin/env bash
# Installs what SymmetryScaling needs to build on Debian/Ubuntu: OpenBLAS (CBLAS + LAPACK)
# and pkg-config. Does nothing when they are already present.
set -euo pipefail
if pkg-config --exists openblas 2>/dev/null && [ -f /usr/include/x86_64-linux-gnu/cblas.h -o -f /usr/include/cblas.h ]; then
  exit 0
fi
echo "bootstrap: installing libopenblas-dev and pkg-config" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libopenblas-dev pkg-config >/dev/null
