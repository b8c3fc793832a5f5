#!/bin/sh
# A run that runs out of disk fails cleanly: a non-zero exit, a message naming what could not be
# written, the previous pack byte for byte as it was, the store intact with no trace of the run,
# no staging left behind, and the next run (with room again) succeeds.
#
# Two ways to run out:
#   - a file-size limit (ulimit -f, POSIX 512-byte blocks), which works anywhere without root:
#     the run tables, the largest file a run writes, hit it while loading. pirpack ignores
#     SIGXFSZ, so the write fails with EFBIG instead of the kernel killing the process.
#   - a full filesystem: the outputs folder on a small tmpfs, the store elsewhere, so that it is
#     a pack file that cannot be written (ENOSPC). Mounting needs root (or CAP_SYS_ADMIN); where
#     that is refused this half is skipped with a note.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
golden=$2
work=$(mktemp -d)
disk=$work/disk
cleanup() {
    umount "$disk" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
. "$(dirname "$0")/lib.sh"

mkdir -p "$work/in/extracts"
cp "$golden/validate_ok/programme.toml" "$work/in/"
awk 'BEGIN {
    print "Crime Ref,Date Recorded,Risk"
    for (i = 0; i < 100000; i++)
        printf "CR%d,%02d/%02d/%d,%s\n", i, i % 28 + 1, i % 12 + 1, 2022 + i % 2, (i % 9 ? "Standard" : "High")
}' >"$work/in/extracts/crime_all.csv"

# check_clean LABEL OUTPUTS STORE: the run just made failed cleanly.
check_clean() {
    label=$1 outputs=$2 store=$3
    [ "$code" -ne 0 ] || fail "$label: the run succeeded"
    [ "$code" -eq 4 ] || fail "$label: exit $code, not 4: $(cat "$work/err")"
    grep -Eqi "failed|full|too large|I/O error" "$work/err" || fail "$label: the message does not say what failed: $(cat "$work/err")"
    (cd "$outputs/2024-03" && sha256sum -c --quiet "$work/sha") || fail "$label: the previous pack changed"
    [ -z "$(ls -A "$outputs" | grep '^\.' || true)" ] || fail "$label: left behind: $(ls -A "$outputs")"
    [ "$(sql "$store" 'PRAGMA integrity_check')" = ok ] || fail "$label: the store fails integrity_check"
    [ "$(sql "$store" 'SELECT COUNT(*) FROM pirpack_runs')" = "$runs" ] || fail "$label: the history changed"
    echo "$label: exit $code, $(head -1 "$work/err")"
}

# ---- a file-size limit -----------------------------------------------------------------------
out=$work/out
run() {
    "$binary" run --inputs "$work/in" --outputs "$1" --period 2024-03 --as-of 2024-04-05 ${2:+--store "$2"}
}
run "$out" >/dev/null 2>"$work/err" || fail "the first run failed: $(cat "$work/err")"
(cd "$out/2024-03" && sha256sum $(ls -A) >"$work/sha")
runs=$(sql "$out/pirpack.db" 'SELECT COUNT(*) FROM pirpack_runs')
# 1 MB: more than the store's history needs, less than the run tables of 100,000 rows.
(ulimit -f 2048 && run "$out") >/dev/null 2>"$work/err"
code=$?
check_clean "file-size limit" "$out" "$out/pirpack.db"
run "$out" >/dev/null 2>"$work/err" || fail "the run after the limit was lifted failed: $(cat "$work/err")"

# ---- a full filesystem -------------------------------------------------------------------------
mkdir "$disk"
if ! mount -t tmpfs -o size=2m tmpfs "$disk" 2>/dev/null; then
    echo "full filesystem: skipped (cannot mount a tmpfs here: needs root)"
    echo "disk full: a run that hits the file-size limit fails cleanly"
    exit 0
fi
store=$work/store/pirpack.db
run "$disk/out" "$store" >/dev/null 2>"$work/err" || fail "the first run on the tmpfs failed: $(cat "$work/err")"
(cd "$disk/out/2024-03" && sha256sum $(ls -A) >"$work/sha")
runs=$(sql "$store" 'SELECT COUNT(*) FROM pirpack_runs')
# Fill it, then free 16 KiB: room for the first files of the next pack, not for all of them.
dd if=/dev/zero of="$disk/filler" bs=64k 2>/dev/null
truncate -s -16K "$disk/filler"
run "$disk/out" "$store" >/dev/null 2>"$work/err"
code=$?
check_clean "full filesystem" "$disk/out" "$store"
grep -q "2024-03.staging/" "$work/err" || fail "full filesystem: the message does not name the file: $(cat "$work/err")"
rm "$disk/filler"
run "$disk/out" "$store" >/dev/null 2>"$work/err" || fail "the run after space was freed failed: $(cat "$work/err")"
echo "disk full: runs that hit a file-size limit and a full filesystem fail cleanly"
