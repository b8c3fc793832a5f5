#!/bin/sh
# Two runs started together on the same outputs folder: exactly one publishes (exit 0), the other
# exits at once with the lock's code (5), naming the holder's pid and start time. Five rounds.
# The extract is large enough (150,000 rows) that the first run is still going when the second
# asks for the lock.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"

mkdir -p "$work/in/extracts"
cp "$golden/validate_ok/programme.toml" "$work/in/"
awk 'BEGIN {
    print "Crime Ref,Date Recorded,Risk"
    for (i = 0; i < 150000; i++)
        printf "CR%d,%02d/%02d/%d,%s\n", i, i % 28 + 1, i % 12 + 1, 2022 + i % 2, (i % 9 ? "Standard" : "High")
}' >"$work/in/extracts/crime_all.csv"
out=$work/out
set -- run --inputs "$work/in" --outputs "$out" --period 2024-03 --as-of 2024-04-05

for round in 1 2 3 4 5; do
    # Simple commands, so that $! is pirpack's own pid, the one the lock's note names.
    "$binary" "$@" >"$work/a.out" 2>"$work/a.err" &
    a=$!
    "$binary" "$@" >"$work/b.out" 2>"$work/b.err" &
    b=$!
    wait $a
    a_code=$?
    wait $b
    b_code=$?
    case "$a_code $b_code" in
        "0 5") winner=$a loser=b ;;
        "5 0") winner=$b loser=a ;;
        *) fail "round $round: exit codes $a_code and $b_code, not one 0 and one 5: $(cat "$work/a.err" "$work/b.err")" ;;
    esac
    message=$(cat "$work/$loser.err")
    echo "$message" | grep -Eq "^$out/pirpack.lock: error: another run is in progress: pid $winner, started [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}" ||
        fail "round $round: the refused run did not name the holder (pid $winner): $message"
    [ ! -s "$work/$loser.out" ] || fail "round $round: the refused run said $(cat "$work/$loser.out")"
    published=$(sqlite3 "$out/pirpack.db" "SELECT COUNT(*) FROM pirpack_runs" 2>/dev/null ||
        python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("SELECT COUNT(*) FROM pirpack_runs").fetchone()[0])' "$out/pirpack.db")
    [ "$published" = "$round" ] || fail "round $round: $published runs in the history"
done
[ -f "$out/2024-03/kpis.json" ] || fail "no pack"
echo "concurrent runs: 5 rounds, one published and one refused with exit 5 naming the holder each time"
