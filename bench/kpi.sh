#!/bin/sh
# KPI evaluation speed: the time pirpack run spends evaluating the whole catalogue over every
# window (baseline, current, matched and each month since the baseline began), at scale 1 and 10.
# Usage: bench/kpi.sh   (RUNS=3, SCALES="1 10" by default; medians of the evaluation stage as pirpack reports it)
. "$(dirname "$0")/lib.sh"
prepare
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '%-6s %10s %6s %8s %14s %12s\n' scale rows kpis windows evaluate_s run_wall_s
for scale in ${SCALES:-1 10}; do
  "$PIRPACK" sample --out "$work/s$scale" --scale "$scale" >/dev/null
  : >"$work/eval.times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    rm -rf "$work/out"
    /usr/bin/time -f "%e" -o "$work/wall.one" "$PIRPACK" run --inputs "$work/s$scale" --outputs "$work/out" \
      --period 2023-10 --as-of 2023-11-06 >"$work/run.log"
    awk '/evaluated/ {print $(NF-1)}' "$work/run.log" >>"$work/eval.times"
    cat "$work/wall.one" >>"$work/wall.times"
    i=$((i + 1))
  done
  kpis=$(awk '/evaluated/ {print $2}' "$work/run.log")
  rows=$(awk '/rows read/ {sum += $2} END {print sum}' "$work/run.log")
  windows=$(/usr/bin/python3 -c "import json; d=json.load(open('$work/out/2023-10/kpis.json')); print(sum(3 + len(s['monthly']) for k in d['kpis'] for s in k['scopes']))")
  eval_median=$(sort -n "$work/eval.times" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  wall_median=$(sort -n "$work/wall.times" | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}')
  printf '%-6s %10s %6s %8s %14.3f %12.2f\n' "$scale" "$rows" "$kpis" "$windows" "$eval_median" "$wall_median"
  rm -rf "$work/s$scale" "$work/wall.times"
done
