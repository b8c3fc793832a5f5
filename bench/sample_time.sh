#!/bin/sh
# Times `pirpack sample` at one scale (default 1) over a few runs and prints the median, the
# files' total size and row count. Usage: bench/sample_time.sh [SCALE] [RUNS]
set -eu
scale=${1:-1}
runs=${2:-3}
binary=${PIRPACK:-build/pirpack}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
times=""
for i in $(seq "$runs"); do
  rm -rf "$work/out"
  start=$(date +%s.%N)
  "$binary" sample --out "$work/out" --scale "$scale" >"$work/log"
  end=$(date +%s.%N)
  times="$times $(awk "BEGIN { printf \"%.3f\", $end - $start }")"
done
median=$(echo $times | tr ' ' '\n' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
bytes=$(du -sb "$work/out" | cut -f1)
echo "scale $scale: median $median s over $runs runs (all: $times ); $(tail -n 1 "$work/log"); $bytes bytes"
