# Shared by the shell tests here (sourced, after `set -u`): a fixed time zone and locale, no fault
# injection left over from the caller, and two helpers.
export TZ=UTC LC_ALL=C
unset PIRPACK_FAULT_POINT PIRPACK_FAULT_LIST

fail() {
    echo "FAIL: $*"
    exit 1
}

# sql DB QUERY: prints the rows, fields joined by |, with the sqlite3 shell or else python3.
sql() {
    if command -v sqlite3 >/dev/null 2>&1; then
        sqlite3 "$1" "$2"
    else
        python3 -c 'import sqlite3, sys
for row in sqlite3.connect(sys.argv[1]).execute(sys.argv[2]):
    print("|".join("" if v is None else str(v) for v in row))' "$1" "$2"
    fi
}
