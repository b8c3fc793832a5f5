#!/bin/sh
# Converts a closure workbook with LibreOffice (headless, Debian's libreoffice-calc; PNG export
# also needs libreoffice-draw) to PDF, every sheet, and its first sheet (Summary) to PNG, and
# fails when either conversion fails or the PDF has no pages. Exits 77, which ctest can treat as
# skipped (SKIP_RETURN_CODE), when LibreOffice is not installed.
#
#     tests/cli/xlsx_libreoffice.sh outputs/2024-03/closure-report.xlsx /tmp/look
#     -> /tmp/look/closure-report.pdf, /tmp/look/closure-report.png
set -eu

workbook=${1:?usage: xlsx_libreoffice.sh WORKBOOK OUT_DIR}
out=${2:?usage: xlsx_libreoffice.sh WORKBOOK OUT_DIR}

if ! command -v soffice >/dev/null 2>&1; then
    echo "xlsx_libreoffice: soffice not found; skipped (apt-get install libreoffice-calc libreoffice-draw)"
    exit 77
fi

mkdir -p "$out"
name=$(basename "$workbook" .xlsx)
# A private profile, so a desktop session's LibreOffice or another run does not hold the lock.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
export HOME="$profile"
convert() {
    timeout 300 soffice -env:UserInstallation=file://"$profile" --headless --convert-to "$1" --outdir "$out" \
        "$workbook" >"$profile/log" 2>&1 || { cat "$profile/log" >&2; return 1; }
    if [ ! -s "$out/$name.$1" ]; then
        cat "$profile/log" >&2
        echo "xlsx_libreoffice: no $out/$name.$1" >&2
        return 1
    fi
}
convert pdf
convert png
if command -v pdfinfo >/dev/null 2>&1; then
    pages=$(pdfinfo "$out/$name.pdf" | sed -n 's/^Pages: *//p')
    if [ "${pages:-0}" -lt 1 ]; then
        echo "xlsx_libreoffice: $out/$name.pdf has no pages" >&2
        exit 1
    fi
    echo "xlsx_libreoffice: $out/$name.pdf ($pages pages), $out/$name.png"
else
    echo "xlsx_libreoffice: $out/$name.pdf, $out/$name.png"
fi
