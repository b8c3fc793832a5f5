// A streaming XLSX reader. The package is read with Poco::Zip and each sheet with expat, fed a
// chunk at a time, so memory stays flat however long the sheet (the shared strings are held).
//
//     auto book = XlsxWorkbook::open("inputs/crime_2023-10.xlsx");
//     auto sheet = book->open_sheet("Crimes");   // or open_sheet() for the first visible one
//     Row row;
//     while (sheet->next(row)) { ... row.line is the sheet row, row.cells[0] is column A ... }
//
// What a cell becomes (see ingest/row.hpp):
// - shared, inline (rich text runs joined, phonetic runs skipped) and formula strings: text,
//   with _xHHHH_ escapes decoded; a <t> without xml:space="preserve" loses leading and trailing
//   white space, as Excel does. An empty string is text "", not an empty cell.
// - numbers: number, text in shortest round-trip form ("1", "0.1"); format is the number
//   format code when it is not General.
// - a number whose format has a day, month or year: date, text "YYYY-MM-DD", or
//   "YYYY-MM-DDTHH:MM:SS" when the value (rounded to the second) has a time of day; number is
//   the serial in the workbook's own date system (uses_1904_dates()). Serial 60 of the 1900
//   system reads "1900-02-29", the day Excel shows, which is not a real date.
// - a number whose format is a time of day only (h:mm) or elapsed time ([h]:mm:ss): left a
//   number, with the format recorded, since it is not a date.
// - t="d" cells (ISO 8601 text): date with normalised text; a time alone ("10:10:10") keeps
//   that text, with number the fraction of a day.
// - booleans: boolean, text "TRUE" / "FALSE", number 1 / 0. Errors: error, text "#N/A" etc.
// - cells with no value (styled blanks) are empty; trailing empty cells are dropped, and rows
//   with no value at all are skipped (counted by empty_rows()), so Row::line may jump.
// A cell the reader cannot make sense of (a shared-string index past the table, a number that
// is not one, a column past XFD) sets Row::problem for its row rather than being dropped. So
// does text over 1 MiB in one cell (xlsx::kMaxCellBytes; Excel stops at 32,767 characters),
// which is cut there so that memory stays flat whatever a cell holds.
//
// Each reader holds its own file handle and a share of the workbook's styles and strings, so
// it may outlive the workbook and run on its own thread (open_sheet itself is not thread-safe).
// Parts over 1 MiB inflate on a second thread, a few blocks ahead of the parser. Worksheets over
// 8 MiB (XlsxLimits::parallel_min_bytes) are cut at row boundaries and parsed by two expat parsers
// at once, with every cut proved by the parse before its rows are used.
//
// Files that cannot be read throw common::PirpackError (ErrorKind::input) with the file (and
// sheet) in the location and a hint: empty files, truncated zips (no end record), encrypted
// workbooks, legacy .xls, .xlsb, other zips (.docx, .pptx), packages without worksheets or
// relationships, malformed XML, any DTD or entity declaration, an XML token (tag, comment) over
// 4 MiB, and parts over the size or compression-ratio limits.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "ingest/row.hpp"

namespace pirpack::ingest {

// What splitting one sheet between threads came to (XlsxLimits::parallel_stats), for tests and
// benchmarks. Written by the thread calling next().
struct XlsxParallelStats {
    bool split = false;        // the sheet went to the chunk workers (not to one parser from the start)
    long chunks = 0;           // chunks verified and handed out from a worker
    long fallbacks = 0;        // 1 when a chunk could not be verified and the rest was read serially
    long fallback_chunk = -1;  // which chunk that was (0-based)
};

// Refusals for zip bombs. Bytes are counted as they inflate; headers are not trusted.
struct XlsxLimits {
    std::uint64_t max_total_uncompressed = 4ull << 30;  // all parts read from one workbook
    std::uint64_t max_entry_uncompressed = 2ull << 30;  // any one part
    double max_ratio = 250.0;  // inflated / compressed size of a part, once past 1 MiB inflated

    // A worksheet whose part declares at least this many inflated bytes is read by
    // `parallel_workers` parsers at once, each over its own run of rows of about
    // `parallel_chunk_bytes` (capped at 1.5 MiB); rows come out exactly as one parser would
    // give them. 0 workers never splits. Tests force the split with 0 bytes and small chunks.
    std::uint64_t parallel_min_bytes = 8ull << 20;
    std::size_t parallel_chunk_bytes = 1 << 20;
    unsigned parallel_workers = std::thread::hardware_concurrency() == 1 ? 0 : 2;  // one core: no gain
    XlsxParallelStats* parallel_stats = nullptr;  // told what the split did, when set
};

struct SheetInfo {
    std::string name;
    std::string state = "visible";  // visible, hidden or veryHidden
    bool is_worksheet = true;       // false for chart, dialog and macro sheets
    std::string part;               // the zip entry, such as xl/worksheets/sheet1.xml
};

// The reader open_sheet returns: a RowReader with a little more to say.
class XlsxSheetReader : public RowReader {
public:
    virtual const std::string& sheet_name() const = 0;
    // <row> elements skipped so far because they held no value (formatting only).
    virtual long empty_rows() const = 0;
};

class XlsxWorkbook {
public:
    // Opens the package and reads its workbook, relationships and styles (shared strings are
    // read by the first open_sheet). `display_path` is the name messages use (default `path`).
    // Throws common::PirpackError (input) when the file is not a readable XLSX workbook.
    static std::unique_ptr<XlsxWorkbook> open(const std::string& path, const XlsxLimits& limits = {},
                                              const std::string& display_path = {});
    ~XlsxWorkbook();
    XlsxWorkbook(const XlsxWorkbook&) = delete;
    XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

    // Every sheet in workbook order, hidden ones and chart sheets included.
    const std::vector<SheetInfo>& sheets() const;
    bool uses_1904_dates() const;

    // The sheet called `name` (exact, else ignoring ASCII case; hidden sheets too), or with an
    // empty name the first visible worksheet. Throws PirpackError (input) naming the sheets
    // there are when there is no such worksheet. The reader may outlive the workbook.
    std::unique_ptr<XlsxSheetReader> open_sheet(const std::string& name = {});

private:
    XlsxWorkbook();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pirpack::ingest
