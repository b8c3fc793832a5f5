#!/bin/sh
# Ingestion speed: pirpack's typed, validated load of each source of the scale-1 sample and of a
# scale-10 duties extract, beside the sqlite3 shell's .import of the same CSV files; and pirpack's
# XLSX reader beside python3-openpyxl (read-only mode) on the same 500,000-row sheet.
# Prints rows/s, MB/s and peak memory. Usage: bench/ingest.sh   (RUNS=3 by default; medians)
. "$(dirname "$0")/lib.sh"
prepare
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$PIRPACK" sample --out "$work/s1" >/dev/null
echo "== pirpack run, one source at a time, scale-1 sample (median of $RUNS)"
printf '%-18s %10s %10s %9s %10s %9s %9s\n' source rows MB wall_s rows/s MB/s peak_MB
for source in establishment hr_postings duties minimum_strength overtime_claims crime actions; do
  programme=$(one_source_programme "$work/s1/programme.toml" "$source")
  rm -rf "$work/out"
  "$PIRPACK" run --programme "$programme" --outputs "$work/out" --period 2024-03 --as-of 2024-04-05 >"$work/line"
  rows=$(grep "^  $source:" "$work/line" | awk '{print $2}')
  bytes=$(sqlite3 "$work/out/pirpack.db" "SELECT SUM(bytes) FROM pirpack_input_files WHERE source = '$source'")
  measure "$source" sh -c "rm -rf '$work/out' && exec '$PIRPACK' run --programme '$programme' --outputs '$work/out' --period 2024-03 --as-of 2024-04-05"
  awk -v s="$source" -v r="$rows" -v b="$bytes" -v w="$WALL" -v p="$PEAK" 'BEGIN {
    printf "%-18s %10d %10.1f %9.3f %10.0f %9.1f %9.1f\n", s, r, b/1e6, w, r/w, b/1e6/w, p/1024 }'
done

# The sqlite3 shell's import of CSV files into one fresh table (the header of the first names it).
cat >"$work/import.sh" <<'SH'
db=$1; shift
rm -f "$db"
first=1
for f in "$@"; do
  if [ $first = 1 ]; then sqlite3 "$db" ".import --csv $f t"; first=0
  else sqlite3 "$db" ".import --csv --skip 1 $f t"; fi
done
SH

# Each side runs $RUNS times, then the other side twice over, then the first again (A B B A), and
# each side's runs are pooled: a machine whose speed drifts while they run moves both alike.
# (sh has no local variables: the programme is cmp_programme, so the caller's $programme stays.)
pool() {  # name: sets WALL and PEAK, the medians of name-a and name-b's runs together
  cat "$work/$1-a.times" "$work/$1-b.times" >"$work/$1.times"
  WALL=$(sort -n "$work/$1.times" | awk '{w[NR]=$1} END {print w[int((NR+1)/2)]}')
  PEAK=$(sort -k2 -n "$work/$1.times" | awk '{m[NR]=$2} END {print m[int((NR+1)/2)]}')
}
compare_csv() {  # label programme source files...
  label=$1; cmp_programme=$2; shift 3
  ours_cmd="rm -rf '$work/out' && exec '$PIRPACK' run --programme '$cmp_programme' --outputs '$work/out' --period 2024-03 --as-of 2024-04-05"
  measure "ours-$label-a" sh -c "$ours_cmd"
  measure "import-$label-a" sh "$work/import.sh" "$work/imp.db" "$@"
  measure "import-$label-b" sh "$work/import.sh" "$work/imp.db" "$@"
  measure "ours-$label-b" sh -c "$ours_cmd"
  pool "ours-$label"; ours=$WALL; ours_peak=$PEAK
  pool "import-$label"; theirs=$WALL; theirs_peak=$PEAK
  rows=$(sqlite3 "$work/imp.db" "SELECT COUNT(*) FROM t")
  awk -v l="$label" -v r="$rows" -v o="$ours" -v t="$theirs" -v op="$ours_peak" -v tp="$theirs_peak" -v n="$RUNS" 'BEGIN {
    printf "%-22s %10d rows  pirpack %7.3f s (%4.0f MB)  sqlite3 .import %7.3f s (%4.0f MB)  ratio %.2fx  (medians of %d, A B B A)\n", l, r, o, op/1024, t, tp/1024, t/o, 2*n }'
}

echo
echo "== typed, validated CSV load against sqlite3 .import (text only, no checks), same files"
programme=$(one_source_programme "$work/s1/programme.toml" duties)
sed -e '/^indexes = /d' -e 's/^max_reject_rate = 0.001$/max_reject_rate = 0.001\nindexes = []/' "$programme" >"$work/s1/bench-duties-noindex.toml"
compare_csv "duties scale 1" "$work/s1/bench-duties-noindex.toml" duties "$work"/s1/duties_*.csv
compare_csv "duties+index scale 1" "$programme" duties "$work"/s1/duties_*.csv

"$PIRPACK" sample --out "$work/s10" --scale 10 >/dev/null
programme=$(one_source_programme "$work/s10/programme.toml" duties)
sed -e '/^indexes = /d' -e 's/^max_reject_rate = 0.001$/max_reject_rate = 0.001\nindexes = []/' "$programme" >"$work/s10/bench-duties-noindex.toml"
rm -rf "$work"/s10/crime_* "$work"/s10/overtime_claims.csv
compare_csv "duties scale 10" "$work/s10/bench-duties-noindex.toml" duties "$work"/s10/duties_*.csv
rm -rf "$work/s10"

echo
echo "== XLSX: pirpack reading one sheet against openpyxl read-only just reading it"
echo "   (inspect: the reader alone; validate: every cell read and typed against the mapping, no store;"
echo "    run: that plus the insert and a pack)"
"$PIRPACK" sample --out "$work/s11" --scale 11 >/dev/null
rm -f "$work"/s11/duties_* "$work"/s11/crime_2022-23.xlsx
sheet="$work/s11/crime_2023-24.xlsx"
programme=$(one_source_programme "$work/s11/programme.toml" crime)
cat >"$work/openpyxl_read.py" <<'PY'
import sys
from openpyxl import load_workbook
book = load_workbook(sys.argv[1], read_only=True)
rows = cells = 0
for row in book["Crimes"].iter_rows(values_only=True):
    rows += 1
    cells += sum(1 for v in row if v is not None)
print(rows, cells)
PY
# openpyxl runs once (about a minute); pirpack's readings are taken both before and after it and
# pooled, so that a machine whose speed drifts over those minutes moves both sides alike.
xlsx_pirpack() {  # suffix: the reader alone (inspect), the typed read (validate), the whole run
  measure "ours-xlsx-inspect$1" "$PIRPACK" inspect "$sheet" --limit 0
  measure "ours-xlsx-read$1" "$PIRPACK" validate --programme "$programme"
  measure "ours-xlsx$1" sh -c "rm -rf '$work/out' && exec '$PIRPACK' run --programme '$programme' --outputs '$work/out' --period 2024-03 --as-of 2024-04-05"
}
xlsx_pirpack -a
RUNS_SAVED=$RUNS; RUNS=1
# Debian's python3, where python3-openpyxl is installed (a python3 earlier on PATH may lack it).
measure openpyxl /usr/bin/python3 "$work/openpyxl_read.py" "$sheet"
RUNS=$RUNS_SAVED
theirs=$WALL; theirs_peak=$PEAK
xlsx_pirpack -b
pool ours-xlsx-inspect; inspect_wall=$WALL; inspect_peak=$PEAK
pool ours-xlsx-read; read_wall=$WALL; read_peak=$PEAK
pool ours-xlsx; ours=$WALL; ours_peak=$PEAK
rows=$("$PIRPACK" inspect "$sheet" --limit 0 | awk -F'\t' '$1 == "rows" {print $2}')
awk -v r="$rows" -v iw="$inspect_wall" -v ip="$inspect_peak" -v rd="$read_wall" -v rp="$read_peak" -v o="$ours" \
    -v t="$theirs" -v op="$ours_peak" -v tp="$theirs_peak" -v n="$RUNS" 'BEGIN {
  printf "crime sheet, %d rows x 18 columns: openpyxl %.3f s (%.0f MB peak); pirpack medians of %d runs, half before and half after\n", r, t, tp/1024, 2*n
  printf "  pirpack inspect (the reader alone: every cell read with its type) %7.3f s (%.0f MB peak)  ratio %.1fx\n", iw, ip/1024, t/iw
  printf "  pirpack validate (read + type) %7.3f s (%.0f MB peak)  ratio %.1fx\n", rd, rp/1024, t/rd
  printf "  pirpack run (read + type + insert + pack) %7.3f s (%.0f MB peak)  ratio %.1fx\n", o, op/1024, t/o }'
