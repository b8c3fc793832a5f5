#!/bin/sh
# Settings come from --config and the command line overrides them; an unknown setting is a
# configuration error (exit 2) naming the file and line, with the nearest valid key.
set -u
binary=$1
golden=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"
cat >"$work/good.properties" <<PROPS
inputs = $golden/validate_ok
log.level = warning
PROPS
out=$("$binary" validate --config "$work/good.properties" 2>&1) || fail "good settings failed: $out"
expected="source crime: 2 files, 2 rows read, 2 loaded, 0 rejected (0.00%)
$golden/validate_ok/programme.toml: ok: 2 workstreams, 1 source (2 files found), 2 KPIs"
[ "$out" = "$expected" ] || fail "unexpected: $out"
out=$("$binary" validate --config "$work/good.properties" --inputs "$golden/validate_missing_extract" 2>&1)
code=$?
[ $code -eq 3 ] || fail "command-line --inputs did not override the settings file (exit $code): $out"
printf 'inputs = x\nouptuts = y\n' >"$work/bad.properties"
out=$("$binary" validate --config "$work/bad.properties" 2>&1)
code=$?
[ $code -eq 2 ] || fail "unknown setting gave exit $code"
expected="$work/bad.properties:2: error: unknown setting \"ouptuts\"
hint: did you mean \"outputs\"?"
[ "$out" = "$expected" ] || fail "unexpected message: $out"
echo "config file: read, overridden and checked"
