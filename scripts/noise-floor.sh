#!/usr/bin/env bash
# Noise floor of the simulation protocol: the same `twostream simulate` settings run twice
# with different --run-id (same seeds, so the same initial sets; every training and
# strategy seed salted differently), then `twostream noise-floor` reports whether the two
# runs' 95 % bootstrap intervals (patches to 90/95 %, AUC) overlap, and the round-to-round
# jitter of each curve. Run B reuses run A's stream B encoder and reference (copied), so
# only the training/selection randomness differs.
#
# Usage: scripts/noise-floor.sh OUT [simulate options...]
#   e.g. scripts/noise-floor.sh /tmp/nf --image test-data/train-volume.tif \
#          --labels test-data/train-labels.tif --test-image test-data/test-volume.tif \
#          --test-labels test-data/test-labels.tif --quick --budget 100 --strategies random
# Set TWOSTREAM (default: ./twostream next to this script's folder) to another launcher.
set -euo pipefail
out="$1"; shift
ts="${TWOSTREAM:-$(cd "$(dirname "$0")/.." && pwd)/twostream}"
$ts simulate --run-id 1 --out "$out/a" "$@"
mkdir -p "$out/b"
[ -d "$out/b/encoder" ] || cp -r "$out/a/encoder" "$out/b/encoder"
[ -f "$out/b/reference.csv" ] || cp "$out/a/reference.csv" "$out/b/reference.csv"
$ts simulate --run-id 2 --out "$out/b" "$@"
$ts noise-floor "$out/a" "$out/b"
