#!/usr/bin/python3
"""Reads a pirpack closure workbook with a third-party reader (Debian's python3-openpyxl) and
checks what the board relies on: sheet names and order, the KPI sheet's header, cell types and
number formats, no formulas anywhere, print set-up and the marking on every sheet, document
properties, and the native charts on each sheet (openpyxl does not load charts, so those are
counted from the package: each sheet's drawing and the charts its drawing refers to).

    xlsx_openpyxl.py closure-report.xlsx [--sheets 'Summary,KPIs,...'] [--charts 'Trends=3,WS1 X=2']
                     [--cell 'KPIs!H2=13.5'] [--format 'KPIs!H2=0.0"%"'] [--as-of 2024-04-05]
                     [--marking 'OFFICIAL - SENSITIVE']

Without options it checks what holds for any closure workbook. Prints each problem and exits 1
if there are any, 0 otherwise; 2 when openpyxl is missing or the file cannot be read.
"""
import argparse
import datetime
import posixpath
import re
import sys
import zipfile

try:
    import openpyxl
except ImportError:  # pragma: no cover
    print("xlsx_openpyxl: python3-openpyxl is not installed (apt-get install python3-openpyxl)", file=sys.stderr)
    sys.exit(2)

FIXED_FIRST = ["Summary", "KPIs", "Trends"]
FIXED_LAST = ["Actions", "Data quality", "Sources"]
KPI_HEADER = ["Workstream", "KPI id", "Title", "Scope", "Unit", "Direction", "Baseline", "Current",
              "Matched (year earlier)", "Target", "Amber", "Change", "Relative change", "RAG",
              "Significance", "p-value", "Current from", "Current to"]
ACTION_HEADER = ["ID", "Workstream", "Area", "Action", "Owner", "Due", "Due date", "Due note", "Status",
                 "Last update", "Days overdue", "Notes"]
UNIT_FORMATS = {"percent": '0.0"%"', "count": "#,##0", "ratio": "0.00", "fte": "#,##0.0",
                "rate_per_100": "0.0", "days": "0.0", "hours": "0.0"}
RAG_WORDS = {"Red", "Amber", "Green", "Grey", "Neutral"}

problems = []


def problem(text):
    problems.append(text)


def rels_path(part):
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def targets(archive, part, kind):
    """The parts `part` refers to with a relationship whose type ends in `kind`."""
    try:
        xml = archive.read(rels_path(part)).decode("utf-8")
    except KeyError:
        return []
    found = []
    for rel in re.finditer(r"<Relationship\b[^>]*>", xml):
        tag = rel.group(0)
        rel_type = re.search(r'Type="([^"]*)"', tag).group(1)
        target = re.search(r'Target="([^"]*)"', tag).group(1)
        if rel_type.endswith("/" + kind):
            found.append(posixpath.normpath(posixpath.join(posixpath.dirname(part), target)))
    return found


def charts_per_sheet(path):
    """Sheet name -> number of charts, from the package's relationships."""
    with zipfile.ZipFile(path) as archive:
        workbook = archive.read("xl/workbook.xml").decode("utf-8")
        wb_rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8")
        rel_target = {}
        for rel in re.finditer(r"<Relationship\b[^>]*>", wb_rels):
            tag = rel.group(0)
            rel_target[re.search(r'Id="([^"]*)"', tag).group(1)] = re.search(r'Target="([^"]*)"', tag).group(1)
        counts = {}
        for sheet in re.finditer(r"<sheet\b[^>]*>", workbook):
            tag = sheet.group(0)
            name = re.search(r'name="([^"]*)"', tag).group(1)
            name = (name.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                    .replace("&apos;", "'").replace("&amp;", "&"))
            rid = re.search(r'r:id="([^"]*)"', tag).group(1)
            target = rel_target[rid]
            part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            count = 0
            for drawing in targets(archive, part, "drawing"):
                count += len(targets(archive, drawing, "chart"))
            counts[name] = count
        total = len([n for n in archive.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)])
    return counts, total


def parse_pairs(text, what):
    pairs = []
    if not text:
        return pairs
    for item in text:
        if "=" not in item or "!" not in item.split("=", 1)[0] and what != "charts":
            raise SystemExit(f"xlsx_openpyxl: bad --{what} '{item}'")
        key, value = item.split("=", 1)
        pairs.append((key, value))
    return pairs


def cell_at(book, ref):
    sheet, cell = ref.rsplit("!", 1)
    if sheet not in book.sheetnames:
        problem(f"{ref}: no sheet '{sheet}'")
        return None
    return book[sheet][cell]


def check_sheets(book, expected):
    names = book.sheetnames
    if expected is not None:
        if names != expected:
            problem(f"sheets are {names}, expected {expected}")
        return
    if names[:3] != FIXED_FIRST:
        problem(f"first sheets are {names[:3]}, expected {FIXED_FIRST}")
    if names[-3:] != FIXED_LAST:
        problem(f"last sheets are {names[-3:]}, expected {FIXED_LAST}")


def check_no_formulas(book):
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    problem(f"{ws.title}!{cell.coordinate}: a formula ({cell.value!r}); text must stay text")


def check_kpis(book):
    if "KPIs" not in book.sheetnames:
        return
    ws = book["KPIs"]
    header = [c.value for c in ws[1]][: len(KPI_HEADER)]
    if header != KPI_HEADER:
        problem(f"KPIs header is {header}")
        return
    if ws.freeze_panes != "A2":
        problem(f"KPIs: frozen at {ws.freeze_panes}, expected below the header (A2)")
    if not ws.auto_filter.ref:
        problem("KPIs: no autofilter")
    for row in ws.iter_rows(min_row=2):
        if row[1].value is None:
            continue
        where = f"KPIs row {row[0].row}"
        unit = row[4].value
        for index in range(6, 11):  # Baseline .. Amber
            cell = row[index]
            if cell.value is None:
                continue
            if isinstance(cell.value, str):
                if not re.fullmatch(r"<\d+", cell.value):
                    problem(f"{where} {KPI_HEADER[index]}: text {cell.value!r} where a number belongs")
                continue
            if not isinstance(cell.value, (int, float)):
                problem(f"{where} {KPI_HEADER[index]}: {cell.value!r} is not a number")
            elif unit in UNIT_FORMATS and cell.number_format != UNIT_FORMATS[unit]:
                problem(f"{where} {KPI_HEADER[index]}: format {cell.number_format!r}, expected "
                        f"{UNIT_FORMATS[unit]!r} for {unit}")
        relative = row[12]
        if relative.value is not None and not isinstance(relative.value, str):
            if relative.number_format != "+0.0%;-0.0%;0.0%":
                problem(f"{where} Relative change: format {relative.number_format!r}")
            if abs(relative.value) > 1000:
                problem(f"{where} Relative change: {relative.value} looks like a percentage, not a fraction")
        if row[13].value not in RAG_WORDS:
            problem(f"{where} RAG: {row[13].value!r}")
        for index in (16, 17):
            cell = row[index]
            if cell.value is not None and not isinstance(cell.value, datetime.datetime):
                problem(f"{where} {KPI_HEADER[index]}: {cell.value!r} is not a date cell")


def check_actions(book):
    if "Actions" not in book.sheetnames:
        return
    ws = book["Actions"]
    header = [c.value for c in ws[1]][: len(ACTION_HEADER)]
    if header != ACTION_HEADER:
        problem(f"Actions header is {header}")
        return
    for row in ws.iter_rows(min_row=2):
        if row[0].value is None:
            break
        for index in (6, 9):
            cell = row[index]
            if cell.value is not None and not isinstance(cell.value, datetime.datetime):
                problem(f"Actions!{cell.coordinate}: {cell.value!r} is not a date cell")
            elif cell.value is not None and cell.number_format != "dd/mm/yyyy":
                problem(f"Actions!{cell.coordinate}: date format {cell.number_format!r}")


def check_print(book, marking):
    for ws in book.worksheets:
        where = ws.title
        if ws.page_setup.orientation != "landscape":
            problem(f"{where}: not landscape")
        if not ws.sheet_properties.pageSetUpPr or not ws.sheet_properties.pageSetUpPr.fitToPage:
            problem(f"{where}: not fitted to the page")
        if ws.page_setup.fitToWidth not in (None, 1) or ws.page_setup.fitToHeight != 0:
            problem(f"{where}: fit {ws.page_setup.fitToWidth} wide by {ws.page_setup.fitToHeight} tall, "
                    "expected 1 by any")
        if ws.print_title_rows not in ("1:1", "$1:$1"):
            problem(f"{where}: rows repeated on print are {ws.print_title_rows!r}, expected row 1")
        header = ws.oddHeader.center.text or ""
        footer = ws.oddFooter.center.text or ""
        if not header or (marking and marking.replace("&", "&&") != header):
            problem(f"{where}: header centre {header!r}")
        if not footer or (marking and marking.replace("&", "&&") != footer):
            problem(f"{where}: footer centre {footer!r}")
        if "&P" not in (ws.oddFooter.right.text or "") or "&N" not in (ws.oddFooter.right.text or ""):
            problem(f"{where}: footer has no page numbers ({ws.oddFooter.right.text!r})")


def check_properties(book, as_of):
    props = book.properties
    if not props.title:
        problem("document has no title")
    if not (props.subject or "").startswith("Post-implementation review closure report, "):
        problem(f"document subject is {props.subject!r}")
    if as_of:
        expected = datetime.datetime.strptime(as_of, "%Y-%m-%d")
        if props.created is None or props.created.replace(tzinfo=None) != expected:
            problem(f"document created {props.created}, expected the as-of date {as_of}")


def check_charts(path, book, expected):
    counts, total = charts_per_sheet(path)
    if sum(counts.values()) != total:
        problem(f"{total} chart parts but sheets' drawings refer to {sum(counts.values())}")
    if expected:
        for sheet, count in expected:
            if counts.get(sheet) != int(count):
                problem(f"{sheet}: {counts.get(sheet)} charts, expected {count}")
        return counts
    # One chart per workstream and unit, on Trends and again on the workstream's own sheet.
    workstream_sheets = [n for n in book.sheetnames if n not in FIXED_FIRST + FIXED_LAST]
    if counts.get("Trends", 0) != sum(counts.get(n, 0) for n in workstream_sheets):
        problem(f"Trends has {counts.get('Trends', 0)} charts, the workstream sheets "
                f"{sum(counts.get(n, 0) for n in workstream_sheets)}")
    for sheet in FIXED_FIRST[:2] + FIXED_LAST:
        if counts.get(sheet, 0):
            problem(f"{sheet}: {counts[sheet]} charts, expected none")
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("workbook")
    parser.add_argument("--sheets", help="the exact sheet names, comma-separated, in order")
    parser.add_argument("--charts", action="append", help="SHEET=N charts on that sheet (repeatable)")
    parser.add_argument("--cell", action="append", help="SHEET!A1=VALUE: the cell's value as text")
    parser.add_argument("--format", action="append", help="SHEET!A1=FORMAT: the cell's number format")
    parser.add_argument("--as-of", help="YYYY-MM-DD: the document's created date")
    parser.add_argument("--marking", help="the protective marking in every header and footer")
    args = parser.parse_args()

    try:
        book = openpyxl.load_workbook(args.workbook)
    except Exception as error:  # openpyxl raises many kinds
        print(f"xlsx_openpyxl: cannot read {args.workbook}: {error}", file=sys.stderr)
        return 2

    check_sheets(book, args.sheets.split(",") if args.sheets else None)
    check_no_formulas(book)
    check_kpis(book)
    check_actions(book)
    check_print(book, args.marking)
    check_properties(book, args.as_of)
    charts = check_charts(args.workbook, book, parse_pairs(args.charts, "charts"))
    for ref, value in parse_pairs(args.cell, "cell"):
        cell = cell_at(book, ref)
        if cell is None:
            continue
        actual = cell.value
        if isinstance(actual, datetime.datetime):
            actual = actual.date().isoformat()
        elif isinstance(actual, float) and actual.is_integer():
            actual = int(actual)
        if str(actual) != value:
            problem(f"{ref}: {actual!r}, expected {value!r}")
    for ref, number_format in parse_pairs(args.format, "format"):
        cell = cell_at(book, ref)
        if cell is not None and cell.number_format != number_format:
            problem(f"{ref}: format {cell.number_format!r}, expected {number_format!r}")

    for text in problems:
        print(f"{args.workbook}: {text}")
    if not problems:
        print(f"{args.workbook}: {len(book.sheetnames)} sheets, "
              f"{sum(charts.values())} charts ({', '.join(f'{k} {v}' for k, v in charts.items() if v)}), ok")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
