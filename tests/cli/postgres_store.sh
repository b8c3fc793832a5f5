#!/bin/sh
# The PostgreSQL store against a real server: a throwaway cluster in a temporary folder (loopback
# port, socket in that folder, trust authentication), stopped and removed at the end.
#  1. The sample's October 2023 pack from the PostgreSQL store equals the SQLite store's, byte
#     for byte; so does November's, which reads October's results back from the history.
#  2. A run whose KPI fails leaves the published run tables and the history as they were, and
#     no staging schema behind.
#  3. The store's unit tests that need a server (suite postgres_store), if their binary is given.
# Exits 77 (a ctest skip) when PostgreSQL's server programs are not installed.
#
# usage: postgres_store.sh PIRPACK [UNIT_TEST_BINARY]
# PIRPACK_PG_BIN names the folder holding initdb and pg_ctl if they are somewhere unusual;
# PIRPACK_REQUIRE_POSTGRES=1 (as .ci/run sets) makes their absence a failure, not a skip.
set -u
binary=$1
unit_tests=${2:-}
export TZ=UTC LC_ALL=C

bin=${PIRPACK_PG_BIN:-}
if [ -z "$bin" ]; then
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r) \
        "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")"; do
        if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then
            bin=$candidate
            break
        fi
    done
fi
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    if [ "${PIRPACK_REQUIRE_POSTGRES:-0}" = 1 ]; then
        echo "FAIL: PIRPACK_REQUIRE_POSTGRES=1 but PostgreSQL's server programs (initdb, pg_ctl) are not installed"
        exit 1
    fi
    echo "SKIP: PostgreSQL's server programs (initdb, pg_ctl) are not installed, so the PostgreSQL store was not"
    echo "tested; on Debian: apt-get install postgresql (or set PIRPACK_PG_BIN to the folder holding them)"
    exit 77
fi

work=$(mktemp -d /tmp/pirpack-pg.XXXXXX)
chmod 755 "$work"
data=$work/cluster
# initdb refuses to run as root: as root, the cluster belongs to the postgres user (or nobody).
as_owner=""
if [ "$(id -u)" -eq 0 ]; then
    owner=postgres
    id "$owner" >/dev/null 2>&1 || owner=nobody
    as_owner="runuser -u $owner --"
    mkdir "$data"
    chown "$owner" "$data"
fi
started=""
cleanup() {
    [ -n "$started" ] && $as_owner "$bin/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM
fail() {
    echo "FAIL: $*"
    [ -f "$work/server.log" ] && { echo "--- server log (last lines)"; tail -n 20 "$work/server.log"; }
    exit 1
}

locale=C
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' && locale=C.UTF-8
$as_owner "$bin/initdb" -D "$data" -U pirpack --auth=trust --encoding=UTF8 --locale=$locale --no-sync \
    >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; fail "initdb failed"; }
touch "$work/server.log"
[ -n "$as_owner" ] && chown "$owner" "$work/server.log"
# Another test (or a second CI job) may hold the first port: try a few.
port=${PIRPACK_PG_PORT:-54329}
for attempt in 1 2 3 4 5 6 7 8; do
    if $as_owner "$bin/pg_ctl" -D "$data" -l "$work/server.log" -w -t 60 start \
        -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        >/dev/null 2>&1; then
        started=yes
        break
    fi
    port=$((port + 1))
done
[ -n "$started" ] || fail "the throwaway server did not start"
"$bin/createdb" -h 127.0.0.1 -p "$port" -U pirpack pir || fail "createdb failed"
url="postgresql://pirpack@127.0.0.1:$port/pir"
psql() { "$bin/psql" -X -q -A -t -h 127.0.0.1 -p "$port" -U pirpack -d pir -c "$1"; }
echo "throwaway PostgreSQL $("$bin/pg_ctl" --version | awk '{print $3}') on 127.0.0.1:$port"

"$binary" sample --out "$work/inputs" >/dev/null || fail "pirpack sample failed"
run() {  # outputs-folder period as-of [more options]
    outputs=$1 period=$2 as_of=$3
    shift 3
    "$binary" run --inputs "$work/inputs" --outputs "$work/$outputs" --period "$period" --as-of "$as_of" "$@" \
        >"$work/$outputs.$period.log" 2>&1
}
same_kpis() {  # period
    cmp -s "$work/sqlite/$1/kpis.json" "$work/postgres/$1/kpis.json" && return 0
    diff "$work/sqlite/$1/kpis.json" "$work/postgres/$1/kpis.json" | head -n 40
    fail "kpis.json for $1 differs between the SQLite and PostgreSQL stores"
}

for month in "2023-10 2023-11-05" "2023-11 2023-12-05"; do
    set -- $month
    run sqlite "$1" "$2" || { cat "$work/sqlite.$1.log"; fail "the SQLite run for $1 failed"; }
    run postgres "$1" "$2" --store "$url" || { cat "$work/postgres.$1.log"; fail "the PostgreSQL run for $1 failed"; }
    same_kpis "$1"
    echo "$1: kpis.json from PostgreSQL equals SQLite's ($(wc -c <"$work/postgres/$1/kpis.json") bytes)"
done
grep -q "since the pack for 2023-10" "$work/postgres.2023-11.log" || fail "the November run did not find October's pack"

[ "$(psql "SELECT string_agg(period || ' ' || status, ', ' ORDER BY run_id) FROM pirpack_runs")" = \
    "2023-10 published, 2023-11 published" ] || fail "unexpected history: $(psql 'SELECT * FROM pirpack_runs')"
sqlite_rows=$(sqlite3 "$work/sqlite/pirpack-run.db" "SELECT COUNT(*) FROM duties" 2>/dev/null || echo "")
pg_rows=$(psql "SELECT COUNT(*) FROM pirpack_run.duties")
[ -z "$sqlite_rows" ] || [ "$sqlite_rows" = "$pg_rows" ] || fail "duties: $pg_rows rows in PostgreSQL, $sqlite_rows in SQLite"
[ "$(psql "SELECT COUNT(*) FROM pirpack_rejects")" = "$(psql "SELECT SUM(rows_rejected) FROM pirpack_input_files")" ] ||
    fail "the rejects stored do not add up to the input files' counts"

# A KPI that fails: nothing published, the run tables and the history as they were.
sed 's/7.0 \* SUM(hours)/7.0 * SUM(hourz)/' "$work/inputs/programme.toml" >"$work/inputs/broken.toml"
grep -q 'SUM(hourz)' "$work/inputs/broken.toml" || fail "could not break a KPI for the failure case"
"$binary" run --inputs "$work/inputs" --programme "$work/inputs/broken.toml" --outputs "$work/postgres" \
    --period 2023-12 --as-of 2024-01-05 --store "$url" >"$work/broken.log" 2>&1
code=$?
[ $code -eq 4 ] || { cat "$work/broken.log"; fail "a failing KPI gave exit $code, not 4"; }
[ ! -d "$work/postgres/2023-12" ] || fail "a failed run published a pack"
[ "$(psql "SELECT COUNT(*) FROM pirpack_runs")" = 2 ] || fail "a failed run left a row in pirpack_runs"
[ "$(psql "SELECT COUNT(*) FROM pirpack_run.duties")" = "$pg_rows" ] || fail "a failed run changed the run tables"
[ "$(psql "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'pirpack_run_staging%'")" = 0 ] ||
    fail "a failed run left its staging schema"
echo "a failed run left the run tables, the history and the schemas as they were"

if [ -n "$unit_tests" ]; then
    PIRPACK_TEST_POSTGRES=$url "$unit_tests" --run_test=postgres_store --log_level=test_suite >"$work/unit.log" 2>&1 ||
        { cat "$work/unit.log"; fail "the postgres_store unit tests failed against the server"; }
    grep -q 'Test case "postgres_store/.*skipped' "$work/unit.log" &&
        { cat "$work/unit.log"; fail "unit tests were skipped with a server up"; }
    echo "unit tests of the PostgreSQL store passed against the server"
fi
echo "PostgreSQL store: same packs as SQLite, failures leave it as it was"
