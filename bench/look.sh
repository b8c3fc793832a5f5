#!/bin/sh
# Look at the pack as the Change Board will: writes the sample, runs it (January 2024, as of
# 1 February 2024, as the sample-pack tests do), then renders three pictures to open and read:
#
#   OUTDIR/html-first-page.png  headless Chromium's screenshot of the HTML's first screen (1280x1800)
#   OUTDIR/html-workstream.png  the printed page (A4, print CSS) where one workstream's section
#                               starts: Chromium prints the HTML to PDF, pdftoppm rasterises the page
#   OUTDIR/xlsx-summary.png     LibreOffice's rendering of the workbook's Summary sheet
#
# beside the PDFs they come from and the pack itself (OUTDIR/outputs/2024-01). Nothing checks
# the pictures: the point is to look at them.
# Usage: bench/look.sh OUTDIR   (ANCHOR=ws5-force-cid--dart picks the workstream by its HTML id;
# builds RelWithDebInfo into BUILD_DIR, default build-bench, unless PIRPACK names a binary)
# Needs Debian's chromium, libreoffice-calc, libreoffice-draw and poppler-utils.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/look.sh OUTDIR}
ANCHOR=${ANCHOR:-ws5-force-cid--dart}
PERIOD=2024-01
AS_OF=2024-02-01

missing=""
for tool in chromium soffice pdftoppm pdftotext; do
  command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
  echo "look: not installed:$missing (apt-get install chromium libreoffice-calc libreoffice-draw poppler-utils)"
  exit 1
fi

mkdir -p "$out"
out=$(cd "$out" && pwd)
if [ -z "${PIRPACK:-}" ]; then
  BUILD_DIR=${BUILD_DIR:-$root/build-bench}
  PIRPACK=$BUILD_DIR/pirpack
  { cmake -S "$root" -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
    cmake --build "$BUILD_DIR" -j2 --target pirpack; } >"$out/build.log" 2>&1 || {
    echo "look: the build failed:"; tail -n 30 "$out/build.log"; exit 1; }
fi

export TZ=UTC LC_ALL=C
rm -rf "$out/inputs" "$out/outputs"
"$PIRPACK" sample --out "$out/inputs" >/dev/null
"$PIRPACK" run --inputs "$out/inputs" --outputs "$out/outputs" --period "$PERIOD" --as-of "$AS_OF" >"$out/run.log" 2>&1 || {
  cat "$out/run.log"; echo "look: pirpack run failed"; exit 1; }
pack="$out/outputs/$PERIOD"
html="$pack/closure-report.html"

# Chromium wants a profile of its own and says a lot on stderr that is not about the page.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
chrome() {
  HOME="$profile" timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$profile/chromium" "$@" >"$profile/chromium.log" 2>&1 || {
    cat "$profile/chromium.log"; echo "look: chromium failed"; exit 1; }
}

# 1. The first screen, as a board member opening the file sees it.
chrome --window-size=1280,1800 --screenshot="$out/html-first-page.png" "file://$html"

# 2. A workstream's first printed page. (A screenshot of file://...#anchor comes out blank:
# headless Chromium takes it before scrolling.) The section starts a page (print CSS), so it is
# the page whose first line under the marking is the section's heading.
chrome --no-pdf-header-footer --print-to-pdf="$out/closure-report-html.pdf" "file://$html"
heading=$(sed -n "/id=\"$ANCHOR\"/{n;s/<[^>]*>//g;s/&amp;/\\&/g;s/&lt;/</g;s/&gt;/>/g;s/&quot;/\"/g;p;q}" "$html")
[ -n "$heading" ] || { echo "look: the HTML has no section with id $ANCHOR"; exit 1; }
marking=$(sed -n 's/.*<div class="marking marking-top">\([^<]*\)<.*/\1/p' "$html" | head -n 1)
pages=$(pdfinfo "$out/closure-report-html.pdf" | sed -n 's/^Pages: *//p')
page=0
p=1
while [ "$p" -le "$pages" ]; do
  first=$(pdftotext -f "$p" -l "$p" "$out/closure-report-html.pdf" - | sed 's/^ *//;s/ *$//' |
    grep -v -x -F -e "$marking" -e '' | head -n 1)
  if [ "$first" = "$heading" ]; then page=$p; break; fi
  p=$((p + 1))
done
[ "$page" -gt 0 ] || { echo "look: no printed page starts with \"$heading\""; exit 1; }
pdftoppm -f "$page" -l "$page" -r 110 -png -singlefile "$out/closure-report-html.pdf" "$out/html-workstream"

# 3. The workbook's Summary sheet (its first), through LibreOffice.
sh "$root/tests/cli/xlsx_libreoffice.sh" "$pack/closure-report.xlsx" "$out/xlsx" >"$out/libreoffice.log" 2>&1 || {
  cat "$out/libreoffice.log"; echo "look: LibreOffice failed"; exit 1; }
cp "$out/xlsx/closure-report.png" "$out/xlsx-summary.png"

echo "look: $out/html-first-page.png (the HTML's first screen)"
echo "look: $out/html-workstream.png (printed page $page of $pages: $heading)"
echo "look: $out/xlsx-summary.png (the workbook's Summary sheet; all sheets in $out/xlsx/closure-report.pdf)"
