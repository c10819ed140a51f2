#!/usr/bin/env bash
# Carries a long `twostream simulate` run from one machine (or session) to the next through
# its state files, without the task-model checkpoints:
#   run.txt, reference.csv, curves.csv (finished rounds), machines.txt (where each start
#   ran), rounds/*.csv (acquired ids per round) and encoder/ (the stream B encoder, ~1 MB).
# `simulate` with the same options then resumes from the restored folder: finished
# (strategy, seed) units are kept, and the checkpoint of an unfinished one is rebuilt by
# replaying its training from the round log (it costs that training time). NB: the replay
# is exact on the same kind of processor only; elsewhere TensorFlow's kernels round
# differently and the unit's later rounds drift as another seed would (sim.md 9.11).
#
# Usage: scripts/run-state.sh save RUN DEST     # RUN: a simulate --out folder
#        scripts/run-state.sh restore SRC RUN   # then rerun the same simulate command
set -euo pipefail
die() { echo "run-state: $*" >&2; exit 2; }
[ $# -eq 3 ] || die "usage: run-state.sh save RUN DEST | restore SRC RUN"
cmd="$1"; from="$2"; to="$3"
copy() {
  mkdir -p "$2/rounds"
  cp "$1/run.txt" "$2/"
  for f in reference.csv curves.csv machines.txt; do
    if [ -f "$1/$f" ]; then cp "$1/$f" "$2/"; fi
  done
  find "$1/rounds" -maxdepth 1 -name '*.csv' -exec cp {} "$2/rounds/" \; 2>/dev/null || true
  if [ -d "$1/encoder" ]; then rm -rf "$2/encoder" && cp -r "$1/encoder" "$2/"; fi
  rounds=0
  if [ -f "$2/curves.csv" ]; then rounds=$(($(wc -l < "$2/curves.csv") - 1)); fi
}
case "$cmd" in
  save)
    [ -f "$from/run.txt" ] || die "$from holds no simulate run (no run.txt)"
    # NB: pause the run first (kill -STOP) or copy between rounds: curves.csv gains a line
    # per finished round (a torn last line is dropped when read), the round logs are
    # rewritten whole
    copy "$from" "$to"
    echo "saved $rounds finished rounds of $from to $to" ;;
  restore)
    [ -f "$from/run.txt" ] || die "$from holds no saved run (no run.txt)"
    [ -e "$to/run.txt" ] && die "$to already holds a run; restore into a new folder"
    copy "$from" "$to"
    echo "restored $rounds finished rounds into $to; rerun the same simulate command" ;;
  *) die "unknown command $cmd (save or restore)" ;;
esac
