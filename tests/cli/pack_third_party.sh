#!/bin/sh
# The sample's closure pack read by programs other than pirpack: openpyxl (Debian's
# python3-openpyxl) reads the workbook and checks its sheet names, some cells' values and number
# formats, print set-up, properties and the charts on each sheet (tests/cli/xlsx_openpyxl.py);
# then, where LibreOffice is installed, it converts the workbook (tests/cli/xlsx_libreoffice.sh)
# and the HTML to PDF, and each PDF must have pages. LibreOffice is optional (too heavy for CI);
# without openpyxl the test is skipped (77).
#
#     tests/cli/pack_third_party.sh build/pirpack
set -eu
binary=${1:?usage: pack_third_party.sh PIRPACK}
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-/usr/bin/python3}  # Debian's, where python3-openpyxl installs

if ! "$py" -c 'import openpyxl' 2>/dev/null; then
    echo "pack_third_party: python3-openpyxl is not installed; skipped (apt-get install python3-openpyxl)"
    exit 77
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export TZ=UTC LC_ALL=C
"$binary" sample --out "$work/inputs" >/dev/null
"$binary" run --inputs "$work/inputs" --outputs "$work/outputs" --period 2024-01 --as-of 2024-02-01 >"$work/run.log" 2>&1 ||
    { cat "$work/run.log"; echo "pack_third_party: pirpack run failed"; exit 1; }
pack="$work/outputs/2024-01"
book="$pack/closure-report.xlsx"

# The exact sheet names, in order. Some hold a comma, which the helper's --sheets cannot take.
"$py" - "$book" <<'PY'
import sys, openpyxl
expected = ["Summary", "KPIs", "Trends", "WS1 Local Policing Areas", "WS2 Local Policing Resolution",
            "WS3 OCC & IMU", "WS4 OPU & Operations Support", "WS5 Force CID - DART",
            "WS6 Protective Services", "WS7 Intel Hub", "WS8 Prevention Hub",
            "WS9 Enabling and Financial", "WS10 System Updates", "WS11 Management of Change",
            "Actions", "Data quality", "Sources"]
names = openpyxl.load_workbook(sys.argv[1]).sheetnames
if names != expected:
    print(f"pack_third_party: sheets are {names}, expected {expected}")
    sys.exit(1)
PY

"$py" "$here/xlsx_openpyxl.py" "$book" --as-of 2024-02-01 --marking 'OFFICIAL - SENSITIVE' \
    --cell 'Summary!A1=Empower People Phase 1 - Policing Operating Model' \
    --cell 'Summary!B5=OFFICIAL - SENSITIVE' \
    --cell 'Summary!B7=2024-02-01' --format 'Summary!B7=d mmmm yyyy' \
    --cell 'Summary!A19=WS5' --cell 'Summary!D19=1' --cell 'Summary!I19=5' \
    --cell 'Summary!A26=All' --cell 'Summary!D26=17' --cell 'Summary!F26=81' --cell 'Summary!I26=40' \
    --format 'Summary!D26=#,##0' \
    --cell 'KPIs!B26=fcid_ds_single_cover_share' --cell 'KPIs!N26=Red' \
    --cell 'KPIs!O26=significant (p < 0.001)' --cell 'KPIs!J26=20' --cell 'KPIs!K26=35' \
    --format 'KPIs!H26=0.0"%"' --format 'KPIs!L26=+0.0" pts";-0.0" pts";0.0" pts"' \
    --format 'KPIs!M26=+0.0%;-0.0%;0.0%' \
    --cell 'KPIs!Q26=2024-01-01' --format 'KPIs!Q26=dd/mm/yyyy' \
    --cell 'Trends!R1=Apr 2023 (go-live)' \
    --cell 'Actions!A12=A-11' --cell 'Actions!G12=2024-01-31' --cell 'Actions!K12=1' \
    --format 'Actions!G12=dd/mm/yyyy' \
    --cell 'Data quality!A2=No rows were rejected.' --cell 'Data quality!D3=0' \
    --cell 'Sources!A2=establishment' --cell 'Sources!D13=1158585' --format 'Sources!D13=#,##0' \
    --charts 'Summary=0' --charts 'KPIs=0' --charts 'Trends=21' --charts 'WS1 Local Policing Areas=4' \
    --charts 'WS2 Local Policing Resolution=1' --charts 'WS3 OCC & IMU=1' \
    --charts 'WS4 OPU & Operations Support=2' --charts 'WS5 Force CID - DART=3' \
    --charts 'WS6 Protective Services=2' --charts 'WS7 Intel Hub=2' --charts 'WS8 Prevention Hub=1' \
    --charts 'WS9 Enabling and Financial=3' --charts 'WS10 System Updates=1' \
    --charts 'WS11 Management of Change=1' --charts 'Actions=0' --charts 'Data quality=0' --charts 'Sources=0'

if ! command -v soffice >/dev/null 2>&1; then
    echo "pack_third_party: openpyxl checks passed; soffice not found, so no PDF conversion" \
        "(apt-get install libreoffice-calc libreoffice-draw libreoffice-writer)"
    exit 0
fi
sh "$here/xlsx_libreoffice.sh" "$book" "$work/xlsx-pdf"
# The HTML goes through LibreOffice's Writer/Web, which only libreoffice-writer (lowriter) brings.
if ! command -v lowriter >/dev/null 2>&1; then
    echo "pack_third_party: openpyxl checks passed, workbook converted to PDF; lowriter not found, so the HTML" \
        "was not (apt-get install libreoffice-writer)"
    exit 0
fi
profile="$work/profile"
mkdir -p "$profile"
HOME="$profile" timeout 300 soffice -env:UserInstallation=file://"$profile" --headless --convert-to pdf \
    --outdir "$work/html-pdf" "$pack/closure-report.html" >"$work/soffice.log" 2>&1 || {
    cat "$work/soffice.log"; echo "pack_third_party: LibreOffice failed on the HTML"; exit 1; }
html_pdf="$work/html-pdf/closure-report.pdf"
if [ ! -s "$html_pdf" ]; then
    cat "$work/soffice.log"
    echo "pack_third_party: LibreOffice wrote no PDF from the HTML"
    exit 1
fi
pages=
if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$html_pdf" | sed -n 's/^Pages: *//p')
    [ "${pages:-0}" -ge 1 ] || { echo "pack_third_party: $html_pdf has no pages"; exit 1; }
fi
echo "pack_third_party: openpyxl checks passed; LibreOffice converted the workbook and the HTML${pages:+ ($pages pages)} to PDF"
