#!/bin/sh
# Speed and scale (issue 8): a whole `pirpack run` (fresh store and outputs each time) beside the
# pandas peer (bench/peer_pandas.py) on the same scale-N sample, at each scale of SCALES.
# Prints per scale: input rows and bytes, wall time, CPU time (user+sys) and peak memory of each
# (GNU time), the load average (the machine may be shared: CPU time is the steadier figure), the
# ratio peer/pirpack, pirpack's stage timings from OUT/2024-03/manifest.json and the peer's check
# against pirpack's kpis.json; then pirpack's growth in time and memory from the smallest scale
# to the largest. A peer still running after PEER_TIMEOUT seconds (600) is stopped and shown as
# a lower bound.
# Usage: bench/scale.sh   (SCALES="1 5 20"; RUNS=3 runs per figure below scale 5, BIG_RUNS=1 from
# scale 5, medians; samples are cached per pirpack binary in BENCH_WORK, default
# $TMPDIR/pirpack-bench-scale;
# builds RelWithDebInfo into BUILD_DIR, default build-bench)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-$root/build-bench}
PIRPACK=${PIRPACK:-$BUILD_DIR/pirpack}
. "$root/bench/lib.sh"
SCALES=${SCALES:-1 5 20}
BIG_RUNS=${BIG_RUNS:-1}
PEER_TIMEOUT=${PEER_TIMEOUT:-600}
PY=/usr/bin/python3
work=${BENCH_WORK:-${TMPDIR:-/tmp}/pirpack-bench-scale}

sh "$root/scripts/install-deps.sh" "$root/deps/debian-packages.txt"
sh "$root/scripts/install-deps.sh" "$root/deps/bench-packages.txt"
mkdir -p "$work"
{ cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
  cmake --build "$BUILD_DIR" -j2 --target pirpack; } >"$work/build.log" 2>&1 || {
  echo "bench: the build failed:"; tail -n 30 "$work/build.log"; exit 1; }
# Samples are cached per binary: a rebuild may have changed the generator.
version=$(sha256sum "$PIRPACK" | cut -c1-12)

median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

summary="$work/summary.txt"
: >"$summary"
for scale in $SCALES; do
  # The sample, written once per scale and generator version.
  data="$work/sample-s$scale-$version"
  if [ ! -f "$data/.complete" ]; then
    rm -rf "$work"/sample-s"$scale"-*
    echo "bench: writing the scale-$scale sample into $data" >&2
    "$PIRPACK" sample --out "$data" --scale "$scale" >/dev/null
    touch "$data/.complete"
  fi
  runs=$RUNS
  [ "$scale" -ge 5 ] && runs=$BIG_RUNS
  out="$work/out-s$scale"
  : >"$work/pirpack.times"
  i=0
  while [ $i -lt "$runs" ]; do
    rm -rf "$out"
    /usr/bin/time -f '%e %M %U %S' -o "$work/pirpack.one" "$PIRPACK" run --inputs "$data" --outputs "$out" \
      --period 2024-03 --as-of 2024-04-05 >"$work/pirpack.log" 2>&1 || {
      echo "bench: pirpack run failed at scale $scale:"; cat "$work/pirpack.log"; exit 1; }
    cat "$work/pirpack.one" >>"$work/pirpack.times"
    cp "$out/2024-03/manifest.json" "$work/manifest-s$scale-run$i.json"
    i=$((i + 1))
  done
  p_wall=$(awk '{print $1}' "$work/pirpack.times" | median)
  p_peak=$(awk '{print $2}' "$work/pirpack.times" | median)
  p_cpu=$(awk '{print $3 + $4}' "$work/pirpack.times" | median)
  cp "$out/2024-03/kpis.json" "$work/kpis-s$scale.json"

  : >"$work/peer.times"
  peer_note=""
  i=0
  while [ $i -lt "$runs" ]; do
    rc=0
    /usr/bin/time -f '%e %M %U %S' -o "$work/peer.one" timeout "$PEER_TIMEOUT" "$PY" "$root/bench/peer_pandas.py" \
      "$data" "$work/kpis-s$scale.json" --out "$work/peer-s$scale.xlsx" >"$work/peer.log" 2>"$work/peer.err" || rc=$?
    if [ "$rc" -eq 124 ]; then
      peer_note="timeout"
      break
    elif [ "$rc" -ne 0 ]; then
      echo "bench: the peer failed at scale $scale (exit $rc):"; cat "$work/peer.log" "$work/peer.err"; exit 1
    fi
    tail -n 1 "$work/peer.one" >>"$work/peer.times"
    i=$((i + 1))
  done
  if [ "$peer_note" = timeout ]; then
    q_wall=">$PEER_TIMEOUT"; q_peak="-"; q_cpu="-"; peer_says="stopped after $PEER_TIMEOUT s (lower bound)"
  else
    q_wall=$(awk '{print $1}' "$work/peer.times" | median)
    q_peak=$(awk '{print $2}' "$work/peer.times" | median)
    q_cpu=$(awk '{print $3 + $4}' "$work/peer.times" | median)
    peer_says="$(tail -n 1 "$work/peer.log" | sed 's/ (.*//'); $(grep 'peer stages' "$work/peer.err" || true)"
  fi

  load=$(cut -d' ' -f1-3 /proc/loadavg)
  "$PY" - "$scale" "$runs" "$p_wall" "$p_peak" "$q_wall" "$q_peak" "$PEER_TIMEOUT" "$peer_says" "$summary" \
    "$p_cpu" "$q_cpu" "$load" "$work"/manifest-s"$scale"-run*.json <<'PY'
import json, statistics, sys
scale, runs, p_wall, p_peak, q_wall, q_peak, limit, peer_says, summary, p_cpu, q_cpu, load = sys.argv[1:13]
manifests = [json.load(open(p)) for p in sys.argv[13:]]
last = manifests[-1]
rows = last["totals"]["rows_read"]
size = sum(f["bytes"] for f in last["inputs"])
p_wall, p_mb = float(p_wall), int(p_peak) / 1024
timeout = q_wall.startswith(">")
print(f"== scale {scale}: {rows:,} input rows, {size / 1e6:,.1f} MB in {len(last['inputs'])} files "
      f"(medians of {runs} run{'s' if int(runs) > 1 else ''} each; load average {load})")
print(f"{'':18} {'wall s':>10} {'peak MB':>10} {'cpu s':>10}")
print(f"{'pirpack run':18} {p_wall:>10.2f} {p_mb:>10.1f} {float(p_cpu):>10.2f}")
if timeout:
    print(f"{'pandas peer':18} {'>' + limit + ' s (lower bound)':>21}")
    print(f"{'peer / pirpack':18} {'>' + format(float(limit) / p_wall, '.1f') + 'x':>10} {'-':>10}")
else:
    q_wall, q_mb = float(q_wall), int(q_peak) / 1024
    print(f"{'pandas peer':18} {q_wall:>10.2f} {q_mb:>10.1f} {float(q_cpu):>10.2f}")
    print(f"{'peer / pirpack':18} {q_wall / p_wall:>9.1f}x {q_mb / p_mb:>9.1f}x {float(q_cpu) / float(p_cpu):>9.1f}x")
print(f"peer: {peer_says}")
stages = {}
overlapped = set()  # read+validate and evaluate alongside load: on other threads, alongside the writer's stages
for m in manifests:
    for s in m["stages"]:
        stages.setdefault(s["stage"], []).append((s["seconds"], s["rows"]))
        if s.get("overlapped"):
            overlapped.add(s["stage"])
total = sum(statistics.median(v[0] for v in values) for n, values in stages.items() if n not in overlapped)
print(f"pirpack stages (manifest.json, median seconds; {total:.2f} s in stages, "
      f"{p_wall - total:.2f} s of the wall time outside them):")
small = 0.0
for name, values in stages.items():
    seconds = statistics.median(v[0] for v in values)
    if seconds < 0.05:
        small += seconds
        continue
    rows_text = f"{values[-1][1]:>12,} rows" if values[-1][1] else ""
    if name in overlapped:
        rows_text += " (other threads, overlaps the writer)"
    print(f"  {name:28} {seconds:>9.3f} s {100 * seconds / p_wall:>5.1f}% {rows_text}")
print(f"  {'(stages under 0.05 s)':28} {small:>9.3f} s")
slowest = max((n for n in stages if n not in overlapped), key=lambda n: statistics.median(v[0] for v in stages[n]))
print(f"  slowest stage: {slowest}")
with open(summary, "a") as out:
    out.write(f"{scale} {rows} {size} {p_wall} {p_mb} {q_wall} {q_peak} {p_cpu} {q_cpu} {slowest.replace(' ', '_')}\n")
PY
  echo
done

"$PY" - "$summary" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1])]
print(f"{'scale':>5} {'rows':>12} {'MB':>9} {'pirpack_s':>10} {'pirpack_MB':>10} {'peer_s':>10} "
      f"{'peer_MB':>9} {'peer/pirpack':>12} {'cpu_s':>7} {'peer_cpu_s':>10}  slowest pirpack stage")
for scale, n, size, p_wall, p_mb, q_wall, q_peak, p_cpu, q_cpu, slowest in rows:
    peer_mb = "-" if q_peak == "-" else f"{int(q_peak) / 1024:.1f}"
    if q_wall.startswith(">"):
        ratio = f">{float(q_wall[1:]) / float(p_wall):.1f}x"
    else:
        ratio = f"{float(q_wall) / float(p_wall):.1f}x"
    print(f"{scale:>5} {int(n):>12,} {int(size) / 1e6:>9.1f} {float(p_wall):>10.2f} {float(p_mb):>10.1f} "
          f"{q_wall:>10} {peer_mb:>9} {ratio:>12} {float(p_cpu):>7.2f} {q_cpu:>10}  {slowest.replace('_', ' ')}")
if len(rows) > 1:
    first, last = rows[0], rows[-1]
    k = int(last[0]) / int(first[0])
    t = float(last[3]) / float(first[3])
    m = float(last[4]) / float(first[4])
    c = float(last[7]) / float(first[7])
    print(f"pirpack growth, scale {first[0]} -> {last[0]} ({k:g}x the data): wall time {t:.1f}x, CPU time {c:.1f}x "
          f"(target <= 25x for 1 -> 20), peak memory {m:.1f}x, {float(last[4]):.0f} MB at scale {last[0]} "
          f"(target < 1024 MB)")
PY
