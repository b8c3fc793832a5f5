#!/bin/sh
# The sample's programme file passes validate and every source finds its files; a run on it works.
set -eu
binary=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$binary" sample --out "$work/in" >/dev/null
"$binary" validate --inputs "$work/in"
"$binary" run --inputs "$work/in" --outputs "$work/out" --period 2024-03 --as-of 2024-04-05
