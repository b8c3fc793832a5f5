#!/bin/sh
# Report speed: how long `pirpack run` takes to render and write every output of the scale-1
# sample (issue 5 aims at under one second), as pirpack itself times it in manifest.json:
#   render  building the report model (the run's tables, narrative and its KPI tags), the
#           Markdown and the HTML with its SVG charts
#   write   writing closure-report.md, .html, .xlsx, residual actions, kpis.json and rejects.csv
# Each run starts from an empty outputs folder and store, so every run renders the same pack.
# Usage: bench/report.sh   (RUNS=3, medians; SCALE=1; PERIOD=2024-03 AS_OF=2024-04-05;
# builds RelWithDebInfo into BUILD_DIR, default build-bench, unless PIRPACK names a binary)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
RUNS=${RUNS:-3}
SCALE=${SCALE:-1}
PERIOD=${PERIOD:-2024-03}
AS_OF=${AS_OF:-2024-04-05}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -z "${PIRPACK:-}" ]; then
  BUILD_DIR=${BUILD_DIR:-$root/build-bench}
  PIRPACK=$BUILD_DIR/pirpack
  { cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
    cmake --build "$BUILD_DIR" -j2 --target pirpack; } >"$work/build.log" 2>&1 || {
    echo "bench: the build failed:"; tail -n 30 "$work/build.log"; exit 1; }
fi

# stage_seconds MANIFEST NAME: the seconds of that stage in the manifest's stages array.
stage_seconds() {
  awk -F: -v want="$2" '
    { value = $2; gsub(/^[ \t"]+|[ \t",]+$/, "", value) }
    /"seconds"/ { seconds = value }
    /"stage"/ { stage = value }
    /}/ { if (stage == want) { print seconds; found = 1 } stage = ""; seconds = "" }
    END { if (!found) exit 1 }' "$1"
}
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

export TZ=UTC LC_ALL=C
"$PIRPACK" sample --out "$work/inputs" --scale "$SCALE" >/dev/null
: >"$work/render"; : >"$work/write"; : >"$work/both"
printf '%-4s %9s %9s %9s\n' run render_s write_s total_s
i=1
while [ "$i" -le "$RUNS" ]; do
  rm -rf "$work/outputs"
  "$PIRPACK" run --inputs "$work/inputs" --outputs "$work/outputs" --period "$PERIOD" --as-of "$AS_OF" \
    >"$work/run.log" 2>&1 || { cat "$work/run.log"; echo "bench: pirpack run failed"; exit 1; }
  manifest="$work/outputs/$PERIOD/manifest.json"
  render=$(stage_seconds "$manifest" render) || { echo "bench: no render stage in $manifest"; exit 1; }
  write=$(stage_seconds "$manifest" write) || { echo "bench: no write stage in $manifest"; exit 1; }
  both=$(awk -v a="$render" -v b="$write" 'BEGIN { printf "%.6f", a + b }')
  echo "$render" >>"$work/render"; echo "$write" >>"$work/write"; echo "$both" >>"$work/both"
  printf '%-4s %9.3f %9.3f %9.3f\n' "$i" "$render" "$write" "$both"
  i=$((i + 1))
done
render=$(median <"$work/render"); write=$(median <"$work/write"); both=$(median <"$work/both")
printf '%-4s %9.3f %9.3f %9.3f\n' median "$render" "$write" "$both"
bytes=$(cd "$work/outputs/$PERIOD" && cat closure-report.md closure-report.html closure-report.xlsx | wc -c)
verdict=$(awk -v t="$both" 'BEGIN { print (t < 1.0) ? "under" : "OVER" }')
printf 'scale %s, %s: rendering and writing all outputs took %.3f s (median of %s), %s the 1 s target; ' \
  "$SCALE" "$PERIOD" "$both" "$RUNS" "$verdict"
echo "the closure report is $bytes bytes in its three forms"
