#!/usr/bin/env bash
# Smoke test of the plugin in a Fiji.app folder, with plain ImageJ 1 (no imagej-legacy):
#  1. `mvn install -Dscijava.app.directory=APP` copies Two_Stream_AL-*.jar into APP/plugins
#     and its dependencies into APP/jars (scijava-maven-plugin populate-app);
#  2. ij.ImageJ from APP runs a batch macro that creates test data (paths with spaces) and
#     calls run("Show suggestions", ...) by its menu label, found through plugins.config;
#  3. the produced files and nResults are checked.
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
macro="$work/smoke macro.ijm"
cat > "$macro" <<'IJM'
dir = getArgument();
List.setCommands;
print("Show suggestions -> " + List.get("Show suggestions"));
if (List.get("Show suggestions") == "") exit("Show suggestions is not in the menus (plugins.config not found)");
newImage("em", "8-bit ramp", 96, 64, 3);
saveAs("Tiff", dir + "em stack.tif");
close();
csv = "patch_id,z,y,x,h,w,rank,combined,entropy\n";
csv = csv + "0,0,0,0,32,32,1,0.9,0.8\n1,1,32,32,32,32,2,0.5,0.4\n2,2,0,64,32,32,NaN,0.1,0.2\n";
File.saveString(csv, dir + "next patches.csv");
run("Show suggestions", "suggestions=[" + dir + "next patches.csv] image=[" + dir + "em stack.tif] top_k=2 output_dir=[" + dir + "out put] heatmap");
File.saveString("" + nResults, dir + "nresults.txt");
print("nResults=" + nResults);
IJM
cd "$app"
cmd=(java -cp "jars/*:plugins/*" ij.ImageJ -ijpath "$app" -batch "$macro" "$work/")
# NB: an unknown command opens a modal dialog in non-headless ImageJ: always bounded.
if [ -z "${DISPLAY:-}" ] && command -v xvfb-run >/dev/null 2>&1; then
  cmd=(xvfb-run -a "${cmd[@]}")
fi
echo "[smoke] ${cmd[*]}"
timeout 180 "${cmd[@]}" || { echo "[smoke] FAILED: ImageJ exited with $?" >&2; exit 1; }
fail=0
for f in "out put/suggestions-rois.zip" "out put/acquisition-heatmap.tif" "out put/suggestions.csv"; do
  if [ -s "$work/$f" ]; then echo "[smoke] ok: $f"; else echo "[smoke] missing: $f" >&2; fail=1; fi
done
n="$(cat "$work/nresults.txt" 2>/dev/null || echo none)"
if [ "$n" = 2 ]; then echo "[smoke] ok: nResults=2"; else echo "[smoke] nResults=$n, expected 2" >&2; fail=1; fi
[ "$fail" = 0 ] && echo "[smoke] PASSED ($app)" || { echo "[smoke] FAILED" >&2; exit 1; }
