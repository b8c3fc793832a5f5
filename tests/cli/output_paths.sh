#!/bin/sh
# What a run writes stays in the outputs folder (and the store and log the settings name): a
# period that is not a plain YYYY-MM is refused before anything is written, and names from the
# programme file (programme, workstreams, sources) never become paths.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"

mkdir -p "$work/a/b/in" "$work/a/b/out"
cp -r "$golden/validate_ok/extracts" "$work/a/b/in/"
sed -e 's|^name = "Test programme"|name = "../../../escaped/programme"|' \
    -e 's|^name = "Local Policing Areas"|name = "../../LPA/..\\\\x"|' \
    -e 's|^lead = "Ch Supt Local Policing"|lead = "/etc/passwd"|' \
    "$golden/validate_ok/programme.toml" >"$work/a/b/in/programme.toml"
grep -q 'escaped/programme' "$work/a/b/in/programme.toml" || fail "the programme name was not replaced"
cd "$work/a/b/out" || fail "no outputs folder"

for period in ../../x ../2024-03 2024-03/.. 2024/03 ./2024-03 "2024-0/" "../x/.." 2024-03/; do
    "$binary" run --inputs ../in --outputs . --period "$period" --as-of 2024-04-05 >/dev/null 2>"$work/err"
    code=$?
    [ $code -eq 2 ] || fail "--period \"$period\": exit $code, not 2: $(cat "$work/err")"
    grep -q "is not a month" "$work/err" || fail "--period \"$period\": $(cat "$work/err")"
done
[ -z "$(ls -A .)" ] || fail "a refused period wrote $(ls -A .)"

"$binary" run --inputs ../in --outputs . --period 2024-03 --as-of 2024-04-05 >/dev/null 2>"$work/err" ||
    fail "the run failed: $(cat "$work/err")"
grep -q '../../../escaped/programme' 2024-03/closure-report.md || fail "the programme's name is not in the report"
found=$(cd "$work" && find . -mindepth 1 | sort | grep -v '^\./a/b/in' | grep -v '^\./a/b/out/' | grep -v '^\./err$')
expected=$(printf '%s\n' ./a ./a/b ./a/b/out)
[ "$found" = "$expected" ] || fail "written outside the outputs folder: $found"
ls 2024-03 | grep -qv '^[a-z-]*\.[a-z]*$' && fail "unexpected pack file names: $(ls 2024-03)"
echo "output paths: 8 bad periods refused before writing; programme names stay out of paths"
