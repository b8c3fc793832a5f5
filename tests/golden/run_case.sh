#!/bin/sh
# Runs one golden case the way a user would and compares what the binary prints with reviewed
# files. A case folder holds:
#   args            the arguments, one per line (run from inside the case folder)
#   expected.out    standard output
#   expected.err    standard error
#   expected.code   the exit code
# With PIRPACK_GOLDEN_UPDATE=1 the expected files are rewritten instead (make golden-update).
set -u
binary=$1
case_dir=$2
export TZ=UTC LC_ALL=C
cd "$case_dir" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Each line of args is one argument, so values with spaces need no quoting.
set --
while IFS= read -r line || [ -n "$line" ]; do
  set -- "$@" "$line"
done < args
"$binary" "$@" >"$work/out" 2>"$work/err"
echo $? >"$work/code"
if [ "${PIRPACK_GOLDEN_UPDATE:-}" = 1 ]; then
  cp "$work/out" expected.out
  cp "$work/err" expected.err
  cp "$work/code" expected.code
  echo "updated $(basename "$case_dir")"
  exit 0
fi
status=0
for part in out err code; do
  if ! diff -u "expected.$part" "$work/$part" >"$work/diff"; then
    echo "golden case $(basename "$case_dir"): $part differs from expected.$part"
    cat "$work/diff"
    status=1
  fi
done
exit $status
