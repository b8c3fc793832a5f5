# Shared by the bench scripts: install the peers, time commands, keep medians.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
PIRPACK=${PIRPACK:-$root/build/pirpack}
RUNS=${RUNS:-3}

prepare() {
  sh "$root/scripts/install-deps.sh" "$root/deps/debian-packages.txt"
  sh "$root/scripts/install-deps.sh" "$root/deps/bench-packages.txt"
  make -C "$root" build >/dev/null
}

# measure NAME CMD...: runs CMD $RUNS times; sets WALL (median seconds) and PEAK (median peak KiB).
measure() {
  name=$1; shift
  : >"$work/$name.times"
  i=0
  while [ $i -lt "$RUNS" ]; do
    /usr/bin/time -f "%e %M" -o "$work/$name.one" "$@" >/dev/null 2>"$work/$name.err" || {
      echo "bench: $name failed:"; cat "$work/$name.err"; exit 1; }
    cat "$work/$name.one" >>"$work/$name.times"
    i=$((i + 1))
  done
  WALL=$(sort -n "$work/$name.times" | awk '{w[NR]=$1} END {print w[int((NR+1)/2)]}')
  PEAK=$(sort -k2 -n "$work/$name.times" | awk '{m[NR]=$2} END {print m[int((NR+1)/2)]}')
}

# A programme holding one source of $1 (and no KPIs, so no narrative either: its tags name KPIs),
# written beside it as bench-<source>.toml.
one_source_programme() {
  /usr/bin/python3 - "$1" "$2" <<'PY'
import re, sys
programme, source = sys.argv[1], sys.argv[2]
text = open(programme, encoding="utf-8").read()
parts = re.split(r"(?m)^(?=\[\[)", text)
keep = [parts[0]] + [p for p in parts[1:] if p.startswith("[[workstream]]")
                     or (p.startswith("[[source]]") and re.search(r'(?m)^name = "%s"$' % source, p))]
keep = [re.sub(r"(?m)^narrative = \[.*\]\n", "", p) for p in keep]
out = programme.rsplit("/", 1)[0] + "/bench-" + source + ".toml"
open(out, "w", encoding="utf-8").write("".join(keep))
print(out)
PY
}
