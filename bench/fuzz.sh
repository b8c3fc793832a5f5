#!/bin/sh
# Runs each libFuzzer target for SECONDS (default 60), seeded from the project's test inputs and
# the shared fixtures. Findings (crash-*, leak-*, timeout-*) are left in build-fuzz/findings/.
# Usage: bench/fuzz.sh [SECONDS]
set -eu
seconds=${1:-60}
root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build-fuzz
sh "$root/scripts/install-deps.sh" "$root/deps/debian-packages.txt"
[ -x /usr/bin/clang++ ] || sh "$root/scripts/install-deps.sh" /dev/stdin <<PKG
clang
PKG
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DPIRPACK_FUZZ=ON -DBUILD_TESTING=OFF >/dev/null
cmake --build "$build" -j "$(nproc)" --target fuzz_csv_reader fuzz_xlsx_reader fuzz_programme_loader fuzz_value_parser fuzz_due_date fuzz_narrative >/dev/null
corpus=$build/corpus
mkdir -p "$corpus/csv" "$corpus/xlsx" "$corpus/toml" "$corpus/value" "$corpus/due" "$corpus/narrative" "$build/findings"
find "$root/tests/golden" -name '*.csv' -exec cp {} "$corpus/csv/" \;
[ -d "$root/../shared/fixtures/csv" ] && find "$root/../shared/fixtures/csv" -name '*.csv' -exec cp {} "$corpus/csv/" \;
[ -d "$root/../shared/fixtures/xlsx" ] && find "$root/../shared/fixtures/xlsx" -name '*.xlsx' -size -200k -exec cp {} "$corpus/xlsx/" \;
find "$root/tests/golden" -name 'programme.toml' | while read -r f; do cp "$f" "$corpus/toml/$(echo "$f" | md5sum | cut -c1-8).toml"; done
for v in 01/04/2023 2023-04-01 "5 Sept 2023" "£1,234.50" -12.5 Yes 1e3 "01/04/2023 10:05 pm"; do
  printf '%s' "$v" >"$corpus/value/$(printf '%s' "$v" | md5sum | cut -c1-8)"
done
for v in "Q4 23/24" "January 2024" mid-2024 24/25 N/A 31/05/2024 "FY 2024/25" "by the end of March 2024" "In progress"; do
  printf '%s' "$v" >"$corpus/due/$(printf '%s' "$v" | md5sum | cut -c1-8)"
done
# The sample's narrative (make sample writes it), and a small document with every construct.
[ -d "$root/inputs/sample/narrative" ] && cp "$root/inputs/sample/narrative/"*.md "$corpus/narrative/"
printf '# A\n\n## Summary of Change\n\n{{kpi.roads_psl_met.current}} <b>x</b> `<i>`\n\n## Residual Activity\n\n- one [A-01]\n- two\n' >"$corpus/narrative/seed.md"
run() {
  name=$1; dir=$2
  echo "== $name for $seconds s"
  (cd "$build/findings" && "$build/fuzz/$name" -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=2048 \
     -print_final_stats=1 "$dir" 2>&1 | grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb|SUMMARY|==.*ERROR)|Done" || true)
}
run fuzz_csv_reader "$corpus/csv"
run fuzz_xlsx_reader "$corpus/xlsx"
run fuzz_programme_loader "$corpus/toml"
run fuzz_value_parser "$corpus/value"
run fuzz_due_date "$corpus/due"
run fuzz_narrative "$corpus/narrative"
ls "$build/findings" | grep -E '^(crash|leak|timeout|oom)-' && echo "findings above are in $build/findings" || echo "no findings"
