#!/usr/bin/env bash
# Smoke test of the plugin in a Fiji.app folder, with plain ImageJ 1 (no imagej-legacy):
#  1. `mvn install -Dscijava.app.directory=APP` copies Two_Stream_AL-*.jar into APP/plugins
#     and its dependencies into APP/jars (scijava-maven-plugin populate-app);
#  2. ij.ImageJ from APP checks that every command is in the menus (through the jar's
#     plugins.config), then runs examples/suggest.ijm -- the whole loop: New project...,
#     Train structure encoder, Label patches from mask, Retrain task model, Suggest next
#     patches -- on a copy of test-data/ in a folder with spaces;
#  3. the produced files (ROI zip, heatmap, Results CSV) and nResults == 8 are checked.
# Usage: scripts/fiji-smoke.sh [APP (default /tmp/Fiji.app)] [--no-install]
# Needs Maven Central for the first install (the populate-app plugin); xvfb-run if no display.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="${1:-/tmp/Fiji.app}"
install=1
[ "${2:-}" = "--no-install" ] && install=0
mkdir -p "$app/plugins" "$app/jars"
app="$(cd "$app" && pwd)"
if [ "$install" = 1 ]; then
  echo "[smoke] installing into $app"
  (cd "$here" && mvn -B -q -ntp -Denforcer.skip=true -DskipTests \
    -Dscijava.app.directory="$app" install)
fi
ls "$app"/plugins/Two_Stream_AL-*.jar >/dev/null
ls "$app"/jars/scijava-common-*.jar "$app"/jars/ij-*.jar >/dev/null

work="$(mktemp -d)/smoke data"
mkdir -p "$work"
cp "$here/test-data/train-volume.tif" "$here/test-data/train-labels.tif" "$work/"
menus="$work/menus.ijm"
cat > "$menus" <<'IJM'
List.setCommands;
commands = newArray("New project...", "Label patches from mask", "Train structure encoder",
  "Retrain task model", "Suggest next patches", "Predict", "Export labels",
  "Simulate active learning...", "Show suggestions");
for (i = 0; i < commands.length; i++) {
  print(commands[i] + " -> " + List.get(commands[i]));
  if (List.get(commands[i]) == "") exit(commands[i] + " is not in the menus (plugins.config not found)");
}
File.saveString("ok", getArgument() + "menus.txt");
IJM

cd "$app"
run_ij() { # macro arg
  # NB: like Fiji's launcher, put the platform jars (TensorFlow's natives) on the class path.
  local cmd=(java -cp "jars/*:jars/linux64/*:plugins/*" ij.ImageJ -ijpath "$app" -batch "$1" "$2")
  # NB: a macro error or an unknown command opens a modal dialog in non-headless ImageJ
  # (even with -batch): always bounded.
  if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
    cmd=(xvfb-run -a "${cmd[@]}")
  fi
  echo "[smoke] ${cmd[*]}"
  timeout 300 "${cmd[@]}" || { echo "[smoke] FAILED: ImageJ exited with $?" >&2; exit 1; }
}
run_ij "$menus" "$work/"
[ "$(cat "$work/menus.txt" 2>/dev/null)" = ok ] || { echo "[smoke] FAILED: menus" >&2; exit 1; }
start=$(date +%s)
run_ij "$here/examples/suggest.ijm" "$work/"
echo "[smoke] examples/suggest.ijm took $(( $(date +%s) - start )) s"
fail=0
out="next patches"
for f in "$out/suggestions-rois.zip" "$out/acquisition-heatmap.tif" "$out/suggestions.csv" "$out/scores.csv"; do
  if [ -s "$work/$f" ]; then echo "[smoke] ok: $f"; else echo "[smoke] missing: $f" >&2; fail=1; fi
done
rois="$(unzip -l "$work/$out/suggestions-rois.zip" 2>/dev/null | grep -c '\.roi$' || true)"
if [ "$rois" = 8 ]; then echo "[smoke] ok: 8 ROIs"; else echo "[smoke] ROIs=$rois, expected 8" >&2; fail=1; fi
rows="$(( $(wc -l < "$work/$out/suggestions.csv") - 1 ))"
if [ "$rows" = 8 ]; then echo "[smoke] ok: 8 Results rows"; else echo "[smoke] rows=$rows, expected 8" >&2; fail=1; fi
n="$(cat "$work/$out/nresults.txt" 2>/dev/null || echo none)"
if [ "$n" = 8 ]; then echo "[smoke] ok: nResults=8"; else echo "[smoke] nResults=$n, expected 8" >&2; fail=1; fi
[ "$fail" = 0 ] && echo "[smoke] PASSED ($app, data in $work)" || { echo "[smoke] FAILED" >&2; exit 1; }
