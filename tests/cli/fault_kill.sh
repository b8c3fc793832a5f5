#!/bin/sh
# A run killed with SIGKILL at 20 points spread over ingest, evaluation, writing and publishing,
# and at one more while the run tables are in WAL mode (KPIs evaluated alongside the load), leaves
# the store and the published pack consistent. The points are deterministic: a listing run
# (PIRPACK_FAULT_LIST=1) names every fault point it passes, and PIRPACK_FAULT_POINT=N kills at
# the Nth (src/common/fault_point.hpp). After each kill:
#   - pirpack.db passes PRAGMA integrity_check, holds no run in a state other than published or
#     superseded, and one published run per period;
#   - the next run first puts right what the kill left (we stop it there, at fault point 1, to
#     look): if the store had not committed the killed run, the previous pack is byte for byte as
#     it was; if it had, the killed run's pack is in place, complete, and is the published run;
#     nothing is left beside it;
#   - the next normal run succeeds.
# The sample is thinned to every 20th duties line, overtime claim and crime row, so that the 40
# runs take about a minute; every KPI still evaluates.
set -u
binary=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/lib.sh"

# ---- a small sample ---------------------------------------------------------------------------
"$binary" sample --out "$work/full" >/dev/null || fail "pirpack sample failed"
in=$work/in
mkdir "$in"
cp -r "$work/full/." "$in/"
for f in "$work"/full/duties_*.csv; do
    awk 'NR == 1 || NR % 20 == 0' "$f" >"$in/$(basename "$f")"
done
awk 'NR <= 3 || NR % 20 == 0' "$work/full/overtime_claims.csv" >"$in/overtime_claims.csv"  # a 3-line header
# Crime comes as XLSX: keep the header row and every 20th row of the sheet (needs python3; the
# runs are only slower without it).
if command -v python3 >/dev/null 2>&1; then
    for f in "$work"/full/crime_*.xlsx; do
        python3 - "$f" "$in/$(basename "$f")" <<'PY' || fail "cannot thin $f"
import re, sys, zipfile
source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename.startswith("xl/worksheets/sheet"):
            text = data.decode("utf-8")
            def keep(match):
                number = int(match.group(1))
                return match.group(0) if number == 1 or number % 20 == 0 else ""
            text = re.sub(r'<row r="(\d+)"[^>]*>.*?</row>', keep, text, flags=re.S)
            text = re.sub(r'<dimension ref="[^"]*"/>', "", text)
            data = text.encode("utf-8")
        zout.writestr(item, data)
PY
    done
fi

out=$work/out
store=$out/pirpack.db
pack=$out/2024-03
run() {
    "$binary" run --inputs "$in" --outputs "$out" --period 2024-03 --as-of 2024-04-05
}
runs_in() { sql "$store" "SELECT COUNT(*) FROM pirpack_runs"; }
marker_run() { sed -n 's/^run_id=//p' "$pack/.pirpack-run"; }

# ---- the first pack, naming every fault point ------------------------------------------------
PIRPACK_FAULT_LIST=1 run >"$work/first.out" 2>"$work/first.err" || fail "the first run failed: $(tail -5 "$work/first.err")"
sed -n 's/^fault point \([0-9]*\): /\1 /p' "$work/first.err" >"$work/points"
total=$(wc -l <"$work/points")
[ "$total" -gt 40 ] || fail "only $total fault points: $(cat "$work/points")"

# 20 points: the one just after recovery, every publishing step, four of the six pack files, and
# the rest evenly over ingest (each batch of rows, table and index) and evaluation (each query).
awk -v want=20 '
    { number[NR] = $1; phase[NR] = $2; name[NR] = $0 }
    END {
        for (i = 1; i <= NR; i++) count[phase[i]]++
        pick["start:"] = count["start:"]; pick["publish:"] = count["publish:"]
        pick["write:"] = count["write:"] < 4 ? count["write:"] : 4
        rest = want - pick["start:"] - pick["publish:"] - pick["write:"]
        pick["ingest:"] = int(rest / 2); pick["evaluate:"] = rest - pick["ingest:"]
        for (p in pick) {
            k = pick[p]; n = count[p]; seen = 0
            for (i = 1; i <= NR; i++) if (phase[i] == p) {
                # the (j+0.5)*n/k-th of the phase, for j = 0..k-1: spread evenly, ends excluded
                for (j = 0; j < k; j++) if (seen == int((j + 0.5) * n / k)) print number[i]
                seen++
            }
        }
    }' "$work/points" | sort -n | uniq >"$work/chosen"
[ "$(wc -l <"$work/chosen")" -eq 20 ] || fail "chose $(wc -l <"$work/chosen") points, not 20"
# And one more: the first batch loaded after the run tables are shared for KPIs evaluated
# alongside the load, when they are in WAL mode, with a WAL file beside them.
share=$(sed -n 's/^\([0-9]*\) ingest: share the sources loaded so far$/\1/p' "$work/points" | head -n 1)
[ -n "$share" ] || fail "no point shares the loaded sources: no KPI would be evaluated alongside the load"
wal_point=$(awk -v after="$share" '$1 > after && /ingest: load a batch of rows/ { print $1; exit }' "$work/points")
[ -n "$wal_point" ] || fail "no batch is loaded after the tables are shared (point $share)"
echo "$wal_point" >>"$work/chosen"
sort -n -u -o "$work/chosen" "$work/chosen"
kills=$(wc -l <"$work/chosen")
awk 'NR == FNR { chosen[$1] = 1; next } chosen[$1] { print $2 }' "$work/chosen" "$work/points" | sort -u >"$work/phases"
for phase in start: ingest: evaluate: write: publish:; do
    grep -qx "$phase" "$work/phases" || fail "no point chosen in $phase"
done

# ---- 20 kills ----------------------------------------------------------------------------------
committed_kills=0
for point in $(cat "$work/chosen"); do
    name=$(sed -n "s/^$point //p" "$work/points")
    runs_before=$(runs_in)
    (cd "$pack" && ls -A | sort >"$work/files.before" && sha256sum $(ls -A) >"$work/sha.before")
    PIRPACK_FAULT_LIST=1 PIRPACK_FAULT_POINT=$point run >"$work/kill.out" 2>"$work/kill.err"
    code=$?
    [ $code -eq 137 ] || fail "point $point ($name): exit $code, not killed: $(tail -3 "$work/kill.err")"
    # (Evaluation threads may pass a point or two more before the kill lands.)
    grep -qxF "fault point $point: $name" "$work/kill.err" || fail "point $point ($name) was not reached: $(tail -3 "$work/kill.err")"
    if [ "$point" = "$wal_point" ]; then
        [ -f "$out/pirpack-run.db.staging-wal" ] || fail "point $point ($name): no WAL beside the staged run tables: $(ls -A "$out")"
    fi

    # The store as the kill left it.
    [ "$(sql "$store" 'PRAGMA integrity_check')" = ok ] || fail "point $point ($name): pirpack.db fails integrity_check"
    [ "$(sql "$store" "SELECT COUNT(*) FROM pirpack_runs WHERE status NOT IN ('published', 'superseded')")" = 0 ] ||
        fail "point $point ($name): a run left unfinished: $(sql "$store" 'SELECT * FROM pirpack_runs')"
    [ "$(sql "$store" "SELECT COUNT(*) FROM pirpack_runs WHERE status = 'published' AND period = '2024-03'")" = 1 ] ||
        fail "point $point ($name): not one published run: $(sql "$store" 'SELECT * FROM pirpack_runs')"
    if [ -f "$out/pirpack-run.db" ]; then
        [ "$(sql "$out/pirpack-run.db" 'PRAGMA integrity_check')" = ok ] || fail "point $point ($name): pirpack-run.db fails integrity_check"
    fi
    runs_after=$(runs_in)

    # The next run puts the outputs right before anything else; stop it there to look.
    PIRPACK_FAULT_POINT=1 run >"$work/recover.out" 2>"$work/recover.err"
    code=$?
    [ $code -eq 137 ] || fail "point $point ($name): the recovering run exit $code: $(cat "$work/recover.err")"
    leftovers=$(ls -A "$out" | grep '^\.' || true)
    [ -z "$leftovers" ] || fail "point $point ($name): left beside the pack: $leftovers"
    if [ "$runs_after" = "$runs_before" ]; then
        # Killed before the store's commit: the previous pack, byte for byte.
        (cd "$pack" && ls -A | sort >"$work/files.after") || fail "point $point ($name): no pack"
        cmp -s "$work/files.before" "$work/files.after" || fail "point $point ($name): the pack's files changed: $(diff "$work/files.before" "$work/files.after")"
        (cd "$pack" && sha256sum -c --quiet "$work/sha.before") || fail "point $point ($name): the previous pack changed"
    else
        # Killed after it: the killed run's pack is the one published, and it is whole.
        [ "$runs_after" -eq $((runs_before + 1)) ] || fail "point $point ($name): $runs_before runs became $runs_after"
        committed_kills=$((committed_kills + 1))
        published=$(sql "$store" "SELECT run_id FROM pirpack_runs WHERE status = 'published' AND period = '2024-03'")
        [ "$(marker_run)" = "$published" ] || fail "point $point ($name): the pack is run $(marker_run), the store published $published"
        [ "$published" = "$(sql "$store" 'SELECT MAX(run_id) FROM pirpack_runs')" ] || fail "point $point ($name): the new run is not the published one"
        (cd "$pack" && ls -A | sort >"$work/files.after")
        cmp -s "$work/files.before" "$work/files.after" || fail "point $point ($name): the new pack lacks files: $(diff "$work/files.before" "$work/files.after")"
    fi
    echo "point $point ($name): $([ "$runs_after" = "$runs_before" ] && echo "previous pack intact" || echo "new pack published")"

    # And the next normal run succeeds.
    run >"$work/next.out" 2>"$work/next.err" || fail "point $point ($name): the next run failed: $(cat "$work/next.err")"
    # Nothing staged is left, and the published run tables have no WAL beside them.
    staged=$(ls -A "$out" | grep -e staging -e '-wal$' -e '-shm$' -e '-journal$' || true)
    [ -z "$staged" ] || fail "point $point ($name): left after the next run: $staged"
    [ "$(sql "$out/pirpack-run.db" 'PRAGMA journal_mode')" = delete ] || fail "point $point ($name): pirpack-run.db is not in rollback mode"
done

# ---- a last normal run -------------------------------------------------------------------------
run >"$work/last.out" 2>"$work/last.err" || fail "the last run failed: $(cat "$work/last.err")"
grep -q "^published $pack" "$work/last.out" || fail "the last run did not publish: $(cat "$work/last.out")"
[ "$(sql "$store" "SELECT COUNT(*) FROM pirpack_runs WHERE status = 'published'")" = 1 ] || fail "more than one published run"
[ "$(marker_run)" = "$(sql "$store" 'SELECT MAX(run_id) FROM pirpack_runs')" ] || fail "the last run's pack is not the newest run"
[ -z "$(ls -A "$out" | grep '^\.' || true)" ] || fail "leftovers after the last run: $(ls -A "$out")"
echo "fault kill: $kills kills over $total points ($committed_kills after the store's commit); store, history and pack consistent after each"
