// The streaming XLSX reader: cell helpers, packages built here (with Poco::Zip and
// libxlsxwriter), hostile files (with the memory they may take), and one case per third-party
// fixture in ../shared/fixtures/xlsx with the values its own test suite asserts.
#include <Poco/DateTime.h>
#include <Poco/Path.h>
#include <Poco/Zip/Compress.h>
#include <sys/resource.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <streambuf>
#include <string>
#include <utility>
#include <vector>

#include "common/errors.hpp"
#include "ingest/xlsx_cells.hpp"
#include "ingest/xlsx_reader.hpp"
#include "ingest/xlsx_xml.hpp"
#include "temp_dir.hpp"

using namespace pirpack;
using test::TempDir;
using namespace pirpack::ingest;
namespace fs = std::filesystem;

namespace {

// ---- helpers ----------------------------------------------------------------------------------

const std::string kFixtures = std::string(PIRPACK_SHARED_DIR) + "/fixtures/xlsx/";

bool fixtures_present() { return fs::is_directory(kFixtures); }

std::string fixture(const std::string& name) { return kFixtures + name; }

// A scratch folder, removed afterwards.
// "num 1", "text abc", "date 2021-01-01", "bool TRUE", "err #N/A", "-" (empty).
std::string render(const Cell& cell) {
    switch (cell.type) {
        case CellType::empty:
            return "-";
        case CellType::text:
            return "text " + cell.text;
        case CellType::number:
            return "num " + cell.text;
        case CellType::boolean:
            return "bool " + cell.text;
        case CellType::date:
            return "date " + cell.text;
        case CellType::error:
            return "err " + cell.text;
    }
    return "?";
}

std::string render(const Row& row) {
    std::string out;
    for (const auto& cell : row.cells) {
        if (!out.empty()) out += " | ";
        out += render(cell);
    }
    return out;
}

struct Sheet {
    std::vector<Row> rows;
    long empty_rows = 0;

    const Row* row(long line) const {
        for (const auto& r : rows)
            if (r.line == line) return &r;
        return nullptr;
    }
    std::string at(long line) const {
        const Row* r = row(line);
        return r ? render(*r) : "(no row " + std::to_string(line) + ")";
    }
    // A cell by A1 reference, or a default empty cell.
    const Cell& cell(const std::string& reference) const {
        static const Cell none;
        long line = 0;
        int column = xlsx::column_from_reference(reference, &line);
        const Row* r = row(line);
        if (!r || column < 1 || static_cast<size_t>(column) > r->cells.size()) return none;
        return r->cells[column - 1];
    }
    std::vector<std::string> all() const {
        std::vector<std::string> out;
        for (const auto& r : rows) out.push_back(std::to_string(r.line) + ": " + render(r));
        return out;
    }
};

Sheet read_sheet(XlsxWorkbook& book, const std::string& name = {}) {
    Sheet sheet;
    auto reader = book.open_sheet(name);
    Row row;
    while (reader->next(row)) sheet.rows.push_back(row);
    sheet.empty_rows = reader->empty_rows();
    return sheet;
}

Sheet read_sheet(const std::string& path, const std::string& name = {}) {
    auto book = XlsxWorkbook::open(path);
    return read_sheet(*book, name);
}

// The PirpackError a call throws, checked to be an input error.
template <typename F>
common::PirpackError error_of(F&& f) {
    try {
        f();
    } catch (const common::PirpackError& e) {
        BOOST_TEST((e.kind() == common::ErrorKind::input));
        return e;
    } catch (const std::exception& e) {
        BOOST_FAIL(std::string("unexpected exception: ") + e.what());
    }
    BOOST_FAIL("expected a PirpackError");
    throw std::logic_error("unreachable");
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// A zip of the given parts, deflated, written with Poco::Zip.
void write_zip(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts) {
    std::ofstream out(path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        zip.addFile(in, Poco::DateTime(2023, 4, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
                    Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_MAXIMUM);
    }
    zip.close();
}

const char* const kMain = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const char* const kRel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

std::string sheet_xml(const std::string& cells) {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<worksheet xmlns=\"") + kMain +
           "\"><sheetData>" + cells + "</sheetData></worksheet>";
}

// The parts of a one-sheet workbook ("Data"), with optional styles and shared strings.
std::vector<std::pair<std::string, std::string>> workbook_parts(const std::string& sheet,
                                                                const std::string& styles = {},
                                                                const std::string& strings = {},
                                                                const std::string& workbook_pr = {}) {
    std::string rels =
        std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">") +
        "<Relationship Id=\"rId1\" Type=\"" + kRel + "/worksheet\" Target=\"worksheets/sheet1.xml\"/>";
    if (!styles.empty())
        rels += std::string("<Relationship Id=\"rId2\" Type=\"") + kRel + "/styles\" Target=\"styles.xml\"/>";
    if (!strings.empty())
        rels +=
            std::string("<Relationship Id=\"rId3\" Type=\"") + kRel + "/sharedStrings\" Target=\"sharedStrings.xml\"/>";
    rels += "</Relationships>";
    std::vector<std::pair<std::string, std::string>> parts = {
        {"_rels/.rels",
         std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                     "<Relationship Id=\"rId1\" Type=\"") +
             kRel + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", std::string("<workbook xmlns=\"") + kMain + "\" xmlns:r=\"" + kRel + "\">" + workbook_pr +
                                "<sheets><sheet name=\"Data\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels", rels},
        {"xl/worksheets/sheet1.xml", sheet},
    };
    if (!styles.empty()) parts.emplace_back("xl/styles.xml", styles);
    if (!strings.empty()) parts.emplace_back("xl/sharedStrings.xml", strings);
    return parts;
}

std::string styles_xml(const std::string& num_fmts, const std::vector<int>& cell_formats) {
    std::string xml = std::string("<styleSheet xmlns=\"") + kMain + "\">";
    if (!num_fmts.empty()) xml += "<numFmts>" + num_fmts + "</numFmts>";
    xml += "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs><cellXfs>";
    for (int id : cell_formats) xml += "<xf numFmtId=\"" + std::to_string(id) + "\" fontId=\"0\"/>";
    xml += "</cellXfs><dxfs><dxf><numFmt numFmtId=\"99\" formatCode=\"yyyy\"/></dxf></dxfs></styleSheet>";
    return xml;
}

// A minimal OLE compound file whose directory holds `stream` (as an encrypted workbook holds
// EncryptionInfo, or a legacy .xls holds Workbook).
void write_compound_file(const std::string& path, const std::u16string& stream) {
    std::string data(512 * 3, '\0');
    auto put16 = [&](size_t at, unsigned v) {
        data[at] = static_cast<char>(v & 0xFF);
        data[at + 1] = static_cast<char>((v >> 8) & 0xFF);
    };
    auto put32 = [&](size_t at, unsigned v) {
        put16(at, v & 0xFFFF);
        put16(at + 2, v >> 16);
    };
    const unsigned char magic[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    for (int i = 0; i < 8; ++i) data[i] = static_cast<char>(magic[i]);
    put16(0x18, 0x3E);
    put16(0x1A, 3);
    put16(0x1C, 0xFFFE);
    put16(0x1E, 9);  // 512-byte sectors
    put16(0x20, 6);
    put32(0x2C, 1);  // one FAT sector
    put32(0x30, 1);  // directory in sector 1
    put32(0x38, 4096);
    put32(0x3C, 0xFFFFFFFE);  // no mini FAT
    put32(0x44, 0xFFFFFFFE);  // no DIFAT sectors
    put32(0x4C, 0);           // the FAT is sector 0
    for (int i = 1; i < 109; ++i) put32(0x4C + 4 * i, 0xFFFFFFFF);
    const size_t fat = 512, dir = 1024;
    for (int i = 0; i < 128; ++i) put32(fat + 4 * i, 0xFFFFFFFF);
    put32(fat, 0xFFFFFFFD);
    put32(fat + 4, 0xFFFFFFFE);
    auto entry = [&](size_t at, const std::u16string& name, unsigned type) {
        for (size_t i = 0; i < name.size(); ++i) put16(at + 2 * i, name[i]);
        put16(at + 64, static_cast<unsigned>((name.size() + 1) * 2));
        data[at + 66] = static_cast<char>(type);
    };
    entry(dir, u"Root Entry", 5);
    entry(dir + 128, stream, 2);
    std::ofstream(path, std::ios::binary) << data;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

void write_file(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A stream of `head`, `size` bytes of `unit` over and over, then `tail`, made a block at a time
// so that a part of hundreds of megabytes can be zipped without being held. With `vary`, the
// first byte of each unit becomes a pseudo-random digit: deflate then packs 100-byte units about
// 80 to 1, under the reader's ratio limit, where a plain repeat packs about 1000 to 1.
class PatternBuf final : public std::streambuf {
public:
    PatternBuf(std::string head, std::uint64_t size, std::string unit, bool vary, std::string tail)
        : head_(std::move(head)), tail_(std::move(tail)), unit_(std::move(unit)), size_(size), vary_(vary) {}

protected:
    int_type underflow() override {
        if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
        block_.clear();
        if (stage_ == 0) {
            block_.swap(head_);
            stage_ = 1;
        }
        while (stage_ == 1 && block_.size() < (1u << 16)) {
            if (written_ == size_) {
                stage_ = 2;
                break;
            }
            const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(unit_.size(), size_ - written_));
            const std::size_t at = block_.size();
            block_.append(unit_, 0, take);
            if (vary_) {
                seed_ = seed_ * 6364136223846793005ull + 1442695040888963407ull;
                block_[at] = static_cast<char>('0' + (seed_ >> 33) % 10);
            }
            written_ += take;
        }
        if (stage_ == 2 && block_.empty()) {
            block_.swap(tail_);
            stage_ = 3;
        }
        if (block_.empty()) return traits_type::eof();
        setg(block_.data(), block_.data(), block_.data() + block_.size());
        return traits_type::to_int_type(block_[0]);
    }

private:
    std::string head_, tail_, unit_, block_;
    std::uint64_t size_ = 0, written_ = 0, seed_ = 1;
    bool vary_ = false;
    int stage_ = 0;  // head, body, tail, done
};

// A zip of the given parts, then `big_name` from `big`, all deflated as hard as zlib can.
void write_zip_streamed(const std::string& path, const std::vector<std::pair<std::string, std::string>>& parts,
                        const std::string& big_name, std::istream& big) {
    std::ofstream out(path, std::ios::binary);
    Poco::Zip::Compress zip(out, true);
    for (const auto& [name, content] : parts) {
        std::istringstream in(content);
        zip.addFile(in, Poco::DateTime(2023, 4, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
                    Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_MAXIMUM);
    }
    zip.addFile(big, Poco::DateTime(2023, 4, 1), Poco::Path(big_name, Poco::Path::PATH_UNIX),
                Poco::Zip::ZipCommon::CM_DEFLATE, Poco::Zip::ZipCommon::CL_MAXIMUM);
    zip.close();
}

// The parts of workbook_parts without one of them (to be streamed in its place).
std::vector<std::pair<std::string, std::string>> without_part(std::vector<std::pair<std::string, std::string>> parts,
                                                              const std::string& name) {
    std::erase_if(parts, [&](const auto& part) { return part.first == name; });
    return parts;
}

// Makes the local and central headers of `part` claim `size` inflated bytes, as a zip bomb's may,
// so that only counting the bytes as they inflate can stop it.
void declare_size(const std::string& path, const std::string& part, std::uint32_t size) {
    std::string data = read_file(path);
    auto le16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(data[at]) |
                                        (static_cast<unsigned char>(data[at + 1]) << 8));
    };
    auto put32 = [&](std::size_t at) {
        for (int i = 0; i < 4; ++i) data[at + i] = static_cast<char>((size >> (8 * i)) & 0xFF);
    };
    int patched = 0;
    for (std::size_t at = data.find("PK"); at != std::string::npos && at + 46 <= data.size();
         at = data.find("PK", at + 1)) {
        if (data[at + 2] == 3 && data[at + 3] == 4 && le16(at + 26) == part.size() &&
            data.compare(at + 30, part.size(), part) == 0) {
            put32(at + 22);
            ++patched;
        } else if (data[at + 2] == 1 && data[at + 3] == 2 && le16(at + 28) == part.size() &&
                   data.compare(at + 46, part.size(), part) == 0) {
            put32(at + 24);
            ++patched;
        }
    }
    BOOST_REQUIRE_MESSAGE(patched == 2, "patched " << patched << " headers of " << part);
    write_file(path, data);
}

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"), or -1.
long status_kib(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.compare(0, field.size() + 1, field + ":") == 0) return std::stol(line.substr(field.size() + 1));
    return -1;
}

// How far resident memory rose above where it started, at its peak, in MiB. The kernel's
// high-water mark is reset first (/proc/self/clear_refs), so an earlier test's higher peak cannot
// hide this one's; where that is not possible, getrusage's peak is used, which only bounds growth
// past the process's earlier peak.
class PeakGrowth {
public:
    PeakGrowth() {
        std::ofstream clear("/proc/self/clear_refs");
        clear << "5";
        clear.flush();
        reset_ = clear.good() && status_kib("VmHWM") >= 0;
        start_ = reset_ ? status_kib("VmRSS") : max_rss_kib();
        if (!reset_) BOOST_TEST_MESSAGE("peak memory cannot be reset here; measuring growth past the earlier peak");
    }
    long mib() const {
        const long grown = ((reset_ ? status_kib("VmHWM") : max_rss_kib()) - start_) / 1024;
        BOOST_TEST_MESSAGE("peak memory growth: " << grown << " MiB");
        return grown;
    }

private:
    static long max_rss_kib() {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        return usage.ru_maxrss;
    }
    bool reset_ = false;
    long start_ = 0;
};

// ---- the fixture cases' bookkeeping -----------------------------------------------------------

// Each fixture file with the names of its cases (one, unless a case is repeated by mistake),
// filled as the cases are defined.
std::map<std::string, std::vector<std::string>>& fixture_cases() {
    static std::map<std::string, std::vector<std::string>> cases;
    return cases;
}

struct FixtureCaseEntry {
    FixtureCaseEntry(const char* file, const char* name) { fixture_cases()[file].push_back(name); }
};

// "calamine/header-row.xlsx" -> "fixture_calamine_header_row_xlsx": each run of characters that
// are not ASCII letters or digits becomes one underscore (so no name holds "__").
std::string fixture_case_name(const std::string& file) {
    std::string name = "fixture_";
    for (char c : file) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (word)
            name.push_back(c);
        else if (name.back() != '_')
            name.push_back('_');
    }
    return name;
}

// Opens the fixture and reads every worksheet to its end. A file that is refused is refused at
// open (its case checks the message); from a file that opens, no sheet may throw anything.
void read_every_sheet(const std::string& path) {
    std::unique_ptr<XlsxWorkbook> book;
    try {
        book = XlsxWorkbook::open(path);
    } catch (const common::PirpackError&) {
        return;
    }
    for (const auto& sheet : book->sheets()) {
        if (!sheet.is_worksheet) continue;
        try {
            auto reader = book->open_sheet(sheet.name);
            Row row;
            while (reader->next(row)) {
            }
        } catch (const std::exception& e) {
            BOOST_TEST(false, "sheet \"" << sheet.name << "\": " << e.what());
        }
    }
}

// "Name (state)" for each sheet, "[chart]" after those that are not worksheets.
std::vector<std::string> sheet_list(const XlsxWorkbook& book) {
    std::vector<std::string> out;
    for (const auto& sheet : book.sheets())
        out.push_back(sheet.name + " (" + sheet.state + ")" + (sheet.is_worksheet ? "" : " [chart]"));
    return out;
}

// A fixture the reader must refuse when opening, with exactly this message and hint.
void check_refused(const std::string& path, const std::string& message, const std::string& hint) {
    auto e = error_of([&] { XlsxWorkbook::open(path); });
    BOOST_TEST(e.what() == message);
    BOOST_TEST(e.hint() == hint);
    BOOST_TEST(e.location().file == path);
}

const char* const kBombHint =
    "the file may be a zip bomb; if it is a genuine extract, split it into smaller files or raise the XLSX "
    "size limits";
const char* const kDamagedHint = "the workbook is damaged or incomplete; open it in Excel and save it again";

// ---- split reading: one sheet read by one parser, and by the chunk workers --------------------

// Limits that read every sheet with one parser.
XlsxLimits serial_limits() {
    XlsxLimits limits;
    limits.parallel_workers = 0;
    return limits;
}

// Limits that split every sheet, whatever its size, into chunks of about `chunk` bytes. With 1,
// every row end tag the byte scan finds (real or not) ends a chunk.
XlsxLimits split_limits(std::size_t chunk, unsigned workers = 2) {
    XlsxLimits limits;
    limits.parallel_min_bytes = 0;
    limits.parallel_chunk_bytes = chunk;
    limits.parallel_workers = workers;
    return limits;
}

// A row in full: line, problem, and each cell's type, text, number (every digit) and format.
std::string exact(const Row& row) {
    std::ostringstream out;
    out << row.line << " [" << row.problem << " @" << row.problem_column << "]";
    char number[40];
    for (const auto& cell : row.cells) {
        std::snprintf(number, sizeof number, "%.17g", cell.number);
        out << " | " << static_cast<int>(cell.type) << " \"" << cell.text << "\" " << number << " \"" << cell.format
            << "\"";
    }
    return out.str();
}

std::string exact(const common::PirpackError& e) {
    return std::string(e.what()) + " | hint: " + e.hint() + " | file " + e.location().file + " | sheet " +
           e.location().sheet + " | row " + std::to_string(e.location().line);
}

// All a reader says about one sheet: every row, the empty rows skipped before each, the total,
// and the error that ended the reading, if one did.
struct Reading {
    std::vector<std::string> rows;
    std::vector<long> empty_before;
    long empty_rows = 0;
    std::string error;
};

Reading read_exactly(const std::string& path, const std::string& sheet, XlsxLimits limits,
                     XlsxParallelStats* stats = nullptr) {
    limits.parallel_stats = stats;
    Reading out;
    std::unique_ptr<XlsxWorkbook> book;
    std::unique_ptr<XlsxSheetReader> reader;
    try {
        book = XlsxWorkbook::open(path, limits);
        reader = book->open_sheet(sheet);
        Row row;
        while (reader->next(row)) {
            out.rows.push_back(exact(row));
            out.empty_before.push_back(reader->empty_rows());
        }
        BOOST_TEST(!reader->next(row));  // stays at the end
    } catch (const common::PirpackError& e) {
        out.error = exact(e);
    }
    if (reader) out.empty_rows = reader->empty_rows();
    return out;
}

// The split reading said exactly what the serial one did.
void check_same(const Reading& serial, const Reading& split) {
    BOOST_TEST(split.rows.size() == serial.rows.size());
    int shown = 0;
    for (std::size_t i = 0; i < std::min(split.rows.size(), serial.rows.size()); ++i)
        if (split.rows[i] != serial.rows[i] && shown++ < 3)
            BOOST_TEST(split.rows[i] == serial.rows[i], "row " << i << " differs");
    BOOST_TEST(split.empty_before == serial.empty_before);
    BOOST_TEST(split.empty_rows == serial.empty_rows);
    BOOST_TEST(split.error == serial.error);
}

// Reads a sheet serially, then split with each chunk size and 1 to 3 workers; every split reading
// must match. Returns the serial reading and the stats of the split with the first chunk size
// and 2 workers.
std::pair<Reading, XlsxParallelStats> check_split(const std::string& path,
                                                  const std::vector<std::size_t>& chunks = {1, 2, 50, 300, 4096},
                                                  const std::string& sheet = {}) {
    Reading serial = read_exactly(path, sheet, serial_limits());
    XlsxParallelStats first;
    for (std::size_t chunk : chunks)
        for (unsigned workers : {1u, 2u, 3u}) {
            BOOST_TEST_CONTEXT("chunk " << chunk << ", " << workers << " workers") {
                XlsxParallelStats stats;
                check_same(serial, read_exactly(path, sheet, split_limits(chunk, workers), &stats));
                BOOST_TEST(stats.split);
                if (chunk == chunks.front() && workers == 2) first = stats;
            }
        }
    return {serial, first};
}

// A one-sheet workbook of this sheet XML, at `path`.
std::string sheet_file(const TempDir& dir, const std::string& name, const std::string& xml,
                       const std::string& strings = {}) {
    const std::string path = dir.file(name);
    write_zip(path, workbook_parts(xml, {}, strings));
    return path;
}

// "<row r=\"N\"><c r=\"AN\"><v>N</v></c></row>"
std::string number_row(int n) {
    const std::string r = std::to_string(n);
    return "<row r=\"" + r + "\"><c r=\"A" + r + "\"><v>" + r + "</v></c></row>";
}

}  // namespace

// One case per fixture file, named after it, registered so that a file without one is noticed
// (every_fixture_file_has_a_case). Each skips, saying so, where ../shared/fixtures is absent; after
// its own checks it reads every sheet of the file to the end.
#define FIXTURE_CASE(case_name, file)                                  \
    static void case_name##_check(const std::string& path);            \
    static const FixtureCaseEntry case_name##_entry(file, #case_name); \
    BOOST_AUTO_TEST_CASE(case_name) {                                  \
        if (!fixtures_present()) {                                     \
            BOOST_TEST_MESSAGE("skipped: ../shared/fixtures absent");  \
            return;                                                    \
        }                                                              \
        BOOST_TEST(fixture_case_name(file) == #case_name);             \
        case_name##_check(fixture(file));                              \
        read_every_sheet(fixture(file));                               \
    }                                                                  \
    static void case_name##_check(const std::string& path)

BOOST_AUTO_TEST_SUITE(xlsx_reader)

// ---- cell helpers -------------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(format_codes_are_classified_by_their_date_letters) {
    using xlsx::classify_format_code;
    using xlsx::FormatKind;
    BOOST_TEST((classify_format_code("General") == FormatKind::general));
    BOOST_TEST((classify_format_code("") == FormatKind::general));
    BOOST_TEST((classify_format_code("0.00") == FormatKind::number));
    BOOST_TEST((classify_format_code("#,##0.00;[Red]-#,##0.00") == FormatKind::number));
    BOOST_TEST((classify_format_code("0.00E+00") == FormatKind::number));
    BOOST_TEST((classify_format_code("@") == FormatKind::text));
    BOOST_TEST((classify_format_code("dd/mm/yyyy") == FormatKind::date));
    BOOST_TEST((classify_format_code("yyyy\\-mm\\-dd") == FormatKind::date));
    BOOST_TEST((classify_format_code("mmm-yy") == FormatKind::date));
    BOOST_TEST((classify_format_code("DD/MM/YYYY HH:MM") == FormatKind::date));
    BOOST_TEST((classify_format_code("[$-409]mmmm\" \"d\", \"yyyy") == FormatKind::date));
    BOOST_TEST((classify_format_code("[$-411]ggge\"年\"m\"月\"d\"日\";@") == FormatKind::date));
    BOOST_TEST((classify_format_code("[Red][<=100]dd/mm/yy") == FormatKind::date));
    BOOST_TEST((classify_format_code("h:mm AM/PM") == FormatKind::time));
    BOOST_TEST((classify_format_code("hh:mm:ss") == FormatKind::time));
    BOOST_TEST((classify_format_code("mm:ss.0") == FormatKind::time));
    BOOST_TEST((classify_format_code("[h]:mm:ss") == FormatKind::duration));
    BOOST_TEST((classify_format_code("[hh]:mm:ss") == FormatKind::duration));
    BOOST_TEST((classify_format_code("[mm]:ss") == FormatKind::duration));
    // Letters in quotes, brackets, after a backslash or padding markers are literal.
    BOOST_TEST((classify_format_code("0.0\" days\"") == FormatKind::number));
    BOOST_TEST((classify_format_code("#,##0 [$€-1]") == FormatKind::number));
    BOOST_TEST((classify_format_code("0\\d") == FormatKind::number));
    BOOST_TEST((classify_format_code("_(* #,##0_);_(* (#,##0);_(* \"-\"_);_(@_)") == FormatKind::number));
    BOOST_TEST((classify_format_code("[Red]0;[Blue]-0") == FormatKind::number));
}

BOOST_AUTO_TEST_CASE(builtin_formats_know_dates_times_and_durations) {
    using xlsx::builtin_format_kind;
    using xlsx::FormatKind;
    for (int id : {14, 15, 16, 17, 22, 27, 30, 36, 50, 57, 58})
        BOOST_TEST((builtin_format_kind(id) == FormatKind::date), "id " << id);
    for (int id : {18, 19, 20, 21, 45, 47, 32, 55})
        BOOST_TEST((builtin_format_kind(id) == FormatKind::time), "id " << id);
    BOOST_TEST((builtin_format_kind(46) == FormatKind::duration));
    BOOST_TEST((builtin_format_kind(0) == FormatKind::general));
    BOOST_TEST((builtin_format_kind(2) == FormatKind::number));
    BOOST_TEST((builtin_format_kind(49) == FormatKind::text));
    BOOST_TEST(xlsx::builtin_format_code(14) == "mm-dd-yy");
    BOOST_TEST(xlsx::builtin_format_code(46) == "[h]:mm:ss");
}

BOOST_AUTO_TEST_CASE(serials_become_iso_dates_in_both_systems) {
    using xlsx::DateSystem;
    auto date = [](double serial, DateSystem system) {
        std::string out;
        return xlsx::format_serial_date(serial, system, out) ? out : std::string("refused");
    };
    BOOST_TEST(date(1, DateSystem::excel1900) == "1900-01-01");
    BOOST_TEST(date(59, DateSystem::excel1900) == "1900-02-28");
    BOOST_TEST(date(60, DateSystem::excel1900) == "1900-02-29");  // Excel's phantom day
    BOOST_TEST(date(61, DateSystem::excel1900) == "1900-03-01");
    BOOST_TEST(date(44197, DateSystem::excel1900) == "2021-01-01");
    BOOST_TEST(date(45017.5, DateSystem::excel1900) == "2023-04-01T12:00:00");
    BOOST_TEST(date(45017.99999999, DateSystem::excel1900) == "2023-04-02");  // rounds to the second
    BOOST_TEST(date(45017 + 3661.0 / 86400, DateSystem::excel1900) == "2023-04-01T01:01:01");
    BOOST_TEST(date(0, DateSystem::excel1904) == "1904-01-01");
    BOOST_TEST(date(42735, DateSystem::excel1904) == "2021-01-01");
    BOOST_TEST(date(61, DateSystem::iso1899) == "1900-03-01");
    BOOST_TEST(date(1, DateSystem::iso1899) == "1899-12-31");
    BOOST_TEST(date(-1, DateSystem::excel1900) == "refused");
    BOOST_TEST(date(2958466, DateSystem::excel1900) == "refused");
    BOOST_TEST(date(NAN, DateSystem::excel1900) == "refused");
}

BOOST_AUTO_TEST_CASE(iso_cells_are_normalised_with_their_serials) {
    using xlsx::DateSystem;
    std::string text;
    double serial = 0;
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01");
    BOOST_TEST(serial == 44197);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T10:10:10", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01T10:10:10");
    BOOST_TEST(std::fabs(serial - (44197 + 36610.0 / 86400)) < 1e-9);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T10:10:10.600Z", DateSystem::excel1904, text, serial));
    BOOST_TEST(text == "2021-01-01T10:10:11");
    BOOST_TEST(std::floor(serial) == 42735);
    BOOST_TEST(xlsx::parse_iso_cell("2021-01-01T00:00:00", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "2021-01-01");
    BOOST_TEST(xlsx::parse_iso_cell("1900-02-28", DateSystem::excel1900, text, serial));
    BOOST_TEST(serial == 59);
    BOOST_TEST(xlsx::parse_iso_cell("10:10:10", DateSystem::excel1900, text, serial));
    BOOST_TEST(text == "10:10:10");
    BOOST_TEST(std::fabs(serial - 36610.0 / 86400) < 1e-12);
    BOOST_TEST(!xlsx::parse_iso_cell("2021-02-30", DateSystem::excel1900, text, serial));
    BOOST_TEST(!xlsx::parse_iso_cell("01/02/2021", DateSystem::excel1900, text, serial));
    BOOST_TEST(!xlsx::parse_iso_cell("2021-01-01T25:00", DateSystem::excel1900, text, serial));
}

BOOST_AUTO_TEST_CASE(numbers_read_and_write_in_shortest_form) {
    std::string text;
    auto shortest = [&](double v) {
        xlsx::format_number(v, text);
        return text;
    };
    BOOST_TEST(shortest(1.0) == "1");
    BOOST_TEST(shortest(0.1) == "0.1");
    BOOST_TEST(shortest(-3.5) == "-3.5");
    BOOST_TEST(shortest(-0.0) == "0");
    BOOST_TEST(shortest(0.30000000000000004) == "0.30000000000000004");
    BOOST_TEST(shortest(123456789012345.0) == "123456789012345");
    BOOST_TEST(shortest(1e20) == "1e+20");
    double v = 0;
    BOOST_TEST(xlsx::parse_number("42", v));
    BOOST_TEST(v == 42);
    BOOST_TEST(xlsx::parse_number(" -7 ", v));
    BOOST_TEST(v == -7);
    BOOST_TEST(xlsx::parse_number("1.5E-3", v));
    BOOST_TEST(v == 0.0015);
    BOOST_TEST(xlsx::parse_number("10.6320601851852", v));
    BOOST_TEST(v == 10.6320601851852);
    BOOST_TEST(!xlsx::parse_number("12a", v));
    BOOST_TEST(!xlsx::parse_number("", v));
    BOOST_TEST(!xlsx::parse_number("inf", v));
}

BOOST_AUTO_TEST_CASE(escapes_trimming_and_references) {
    auto decoded = [](std::string s) {
        xlsx::decode_escapes(s);
        return s;
    };
    BOOST_TEST(decoded("ABC_x000D_\nDEF") == "ABC\r\nDEF");
    BOOST_TEST(decoded("_x005F_x0041_") == "_x0041_");  // an escaped underscore
    BOOST_TEST(decoded("a_x0041_b") == "aAb");
    BOOST_TEST(decoded("_xD83D__xDE00_") == "\xF0\x9F\x98\x80");  // a surrogate pair
    BOOST_TEST(decoded("_xD83D_") == "_xD83D_");                  // a lone surrogate stays
    BOOST_TEST(decoded("_x00e9_") == "\xC3\xA9");
    BOOST_TEST(decoded("_x12_ and _xZZZZ_") == "_x12_ and _xZZZZ_");
    std::string s = "keep  \t padded \n";
    xlsx::trim_xml_space(s, 4);
    BOOST_TEST(s == "keeppadded");
    long row = 0;
    BOOST_TEST(xlsx::column_from_reference("A1", &row) == 1);
    BOOST_TEST(row == 1);
    BOOST_TEST(xlsx::column_from_reference("AB12", &row) == 28);
    BOOST_TEST(row == 12);
    BOOST_TEST(xlsx::column_from_reference("XFD1048576", &row) == 16384);
    BOOST_TEST(row == 1048576);
    BOOST_TEST(xlsx::column_from_reference("12") == 0);
    BOOST_TEST(xlsx::column_letters(28) == "AB");
    BOOST_TEST(xlsx::column_letters(16384) == "XFD");
}

// ---- workbooks written here -------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(libxlsxwriter_numbers_strings_booleans_and_dates) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("types.xlsx");
    lxw_workbook* wb = workbook_new(path.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Types");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format* stamp = workbook_add_format(wb);
    format_set_num_format(stamp, "dd/mm/yyyy hh:mm:ss");
    lxw_format* clock = workbook_add_format(wb);
    format_set_num_format(clock, "hh:mm");
    lxw_format* money = workbook_add_format(wb);
    format_set_num_format(money, "£#,##0.00");
    worksheet_write_number(ws, 0, 0, 1.0, NULL);
    worksheet_write_number(ws, 0, 1, 0.1, NULL);
    worksheet_write_number(ws, 0, 2, -1234.5, money);
    worksheet_write_string(ws, 0, 3, "Crime Ref", NULL);
    worksheet_write_boolean(ws, 0, 4, 1, NULL);
    worksheet_write_boolean(ws, 0, 5, 0, NULL);
    lxw_datetime go_live = {2023, 4, 1, 0, 0, 0};
    lxw_datetime stamped = {2023, 10, 31, 23, 59, 30};
    worksheet_write_datetime(ws, 1, 0, &go_live, date);
    worksheet_write_datetime(ws, 1, 1, &stamped, stamp);
    worksheet_write_number(ws, 1, 2, 0.75, clock);
    worksheet_write_number(ws, 1, 3, 45017, NULL);  // a serial with no date format stays a number
    worksheet_write_formula_str(ws, 1, 4, "=\"A\"&\"B\"", NULL, "AB");
    worksheet_write_string(ws, 3, 2, "  padded  ", NULL);  // libxlsxwriter marks it xml:space="preserve"
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(!book->uses_1904_dates());
    Sheet sheet = read_sheet(*book);
    BOOST_TEST(sheet.at(1) == "num 1 | num 0.1 | num -1234.5 | text Crime Ref | bool TRUE | bool FALSE");
    BOOST_TEST(sheet.cell("C1").format == "£#,##0.00");
    BOOST_TEST(sheet.cell("A1").format == "");
    BOOST_TEST(sheet.cell("E1").number == 1);
    BOOST_TEST(sheet.at(2) == "date 2023-04-01 | date 2023-10-31T23:59:30 | num 0.75 | num 45017 | text AB");
    BOOST_TEST(sheet.cell("A2").number == 45017);
    BOOST_TEST(sheet.cell("A2").format == "dd/mm/yyyy");
    BOOST_TEST(sheet.cell("C2").format == "hh:mm");  // a time of day stays a number, format kept
    BOOST_TEST(sheet.at(4) == "- | - | text   padded  ");
    BOOST_TEST(sheet.rows.size() == 3u);  // row 3 has nothing
}

BOOST_AUTO_TEST_CASE(libxlsxwriter_50k_rows_read_back_row_by_row) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("big.xlsx");
    const int rows = 50000;
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Crimes");
    lxw_format* date = workbook_add_format(wb);
    format_set_num_format(date, "yyyy-mm-dd");
    worksheet_write_string(ws, 0, 0, "Crime Ref", NULL);
    worksheet_write_string(ws, 0, 1, "Date Recorded", NULL);
    worksheet_write_string(ws, 0, 2, "Outcome", NULL);
    worksheet_write_string(ws, 0, 3, "Arrest Made", NULL);
    worksheet_write_string(ws, 0, 4, "Value", NULL);
    char ref[32];
    for (int r = 1; r <= rows; ++r) {
        std::snprintf(ref, sizeof ref, "CR%06d", r);
        worksheet_write_string(ws, r, 0, ref, NULL);
        worksheet_write_number(ws, r, 1, 44927 + r % 365, date);
        if (r % 7 != 0) worksheet_write_number(ws, r, 2, r % 23, NULL);  // a gap every 7th row
        worksheet_write_boolean(ws, r, 3, r % 2, NULL);
        worksheet_write_number(ws, r, 4, r / 4.0, NULL);
    }
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);

    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet("Crimes");
    Row row;
    BOOST_REQUIRE(reader->next(row));
    BOOST_TEST(render(row) == "text Crime Ref | text Date Recorded | text Outcome | text Arrest Made | text Value");
    std::string text;
    int seen = 0, mismatches = 0;
    while (reader->next(row)) {
        ++seen;
        const int r = seen;
        std::snprintf(ref, sizeof ref, "CR%06d", r);
        xlsx::format_serial_date(44927 + r % 365, xlsx::DateSystem::excel1900, text);
        bool ok = row.line == r + 1 && row.cells.size() == 5 && row.cells[0].text == ref &&
                  row.cells[1].type == CellType::date && row.cells[1].text == text &&
                  row.cells[1].number == 44927 + r % 365 &&
                  (r % 7 == 0 ? row.cells[2].type == CellType::empty && row.cells[2].text.empty()
                              : row.cells[2].type == CellType::number && row.cells[2].number == r % 23) &&
                  row.cells[3].type == CellType::boolean && row.cells[3].number == r % 2 &&
                  row.cells[4].number == r / 4.0 && row.problem.empty();
        if (!ok && ++mismatches <= 3) BOOST_TEST(false, "row " << row.line << ": " << render(row));
    }
    BOOST_TEST(seen == rows);
    BOOST_TEST(mismatches == 0);
    BOOST_TEST(!reader->next(row));  // stays at the end

    // A reader dropped part way (its part still inflating on the other thread) and a second
    // reader of the same workbook, alive together.
    auto partial = book->open_sheet("Crimes");
    auto again = book->open_sheet("Crimes");
    BOOST_TEST(partial->next(row));
    BOOST_TEST(again->next(row));
    BOOST_TEST(again->next(row));
    BOOST_TEST(row.cells[0].text == "CR000001");
    partial.reset();
    BOOST_TEST(again->next(row));
    BOOST_TEST(row.line == 3);
}

BOOST_AUTO_TEST_CASE(dates_in_the_1904_system_and_custom_formats) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("mac.xlsx");
    const std::string styles = styles_xml(
        "<numFmt numFmtId=\"164\" formatCode=\"dd/mm/yyyy hh:mm\"/><numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/>"
        "<numFmt numFmtId=\"14\" formatCode=\"0.00\"/>",
        {0, 164, 165, 22, 14, 20});
    const std::string sheet = sheet_xml(
        "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>42735.5</v></c><c r=\"B1\" s=\"2\"><v>1.5</v></c>"
        "<c r=\"C1\" s=\"3\"><v>0</v></c><c r=\"D1\" s=\"4\"><v>42735</v></c><c r=\"E1\" s=\"5\"><v>0.25</v></c>"
        "<c r=\"F1\" s=\"99\"><v>7</v></c><c r=\"G1\" t=\"d\"><v>2021-01-01</v></c></row>");
    write_zip(path, workbook_parts(sheet, styles, {}, "<workbookPr date1904=\"1\"/>"));
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->uses_1904_dates());
    Sheet s = read_sheet(*book);
    // A custom code for id 14 overrides the built-in date; a style index past cellXfs is General.
    BOOST_TEST(s.at(1) ==
               "date 2021-01-01T12:00:00 | num 1.5 | date 1904-01-01 | num 42735 | num 0.25 | num 7 | "
               "date 2021-01-01");
    BOOST_TEST(s.cell("A1").number == 42735.5);
    BOOST_TEST(s.cell("B1").format == "[h]:mm");
    BOOST_TEST(s.cell("C1").format == "m/d/yy h:mm");
    BOOST_TEST(s.cell("D1").format == "0.00");
    BOOST_TEST(s.cell("E1").format == "h:mm");
    BOOST_TEST(s.cell("G1").number == 42735);  // the serial in the workbook's own system
}

BOOST_AUTO_TEST_CASE(cells_without_references_sparse_rows_and_every_cell_type) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("kinds.xlsx");
    const std::string strings =
        std::string("<sst xmlns=\"") + kMain +
        "\"><si><t>first</t></si><si><r><t xml:space=\"preserve\">rich </t></r><r><rPr><b/></rPr>"
        "<t>text</t></r><rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
        "<si><t>a_x005F_x0041_b_x000A_c</t></si></sst>";
    const std::string sheet = sheet_xml(
        "<row><c t=\"s\"><v>0</v></c><c t=\"s\"><v>1</v></c><c t=\"s\"><v>2</v></c></row>"  // no references at all
        "<row r=\"3\"><c r=\"B3\" t=\"str\"><f>A1</f><v>  formula text  </v></c><c r=\"E3\" t=\"e\"><v>#N/A</v></c>"
        "<c r=\"F3\" t=\"b\"><v>0</v></c><c r=\"G3\" s=\"0\"/></row>"
        "<row r=\"4\" spans=\"1:3\"><c r=\"A4\" s=\"1\"/><c r=\"B4\"/></row>"  // formatting only: skipped
        "<row><c><v>1</v></c><c><is><t>inline, no type</t></is></c><c "
        "t=\"inlineStr\"><is><t>x</t></is><v>ignored</v></c>"
        "<c r=\"E5\" t=\"inlineStr\"><is><r><t>a</t></r><r><t xml:space=\"preserve\"> b</t></r></is></c></row>"
        "<row r=\"7\"><c r=\"A7\" t=\"s\"><v>9</v></c><c r=\"B7\"><v>oops</v></c></row>"
        "<row r=\"8\"><c r=\"A8\"><v>60</v></c><c r=\"B8\" s=\"1\"><v>60</v></c><c r=\"C8\" t=\"d\"><v>not a "
        "date</v></c>"
        "<c r=\"D8\" t=\"b\"><v>true</v></c></row>"
        "<row r=\"9\"><c r=\"XFE9\"><v>1</v></c></row>");
    write_zip(path, workbook_parts(sheet, styles_xml("", {0, 14}), strings));
    Sheet s = read_sheet(path);
    BOOST_TEST(s.at(1) == "text first | text rich text | text a_x0041_b\nc");
    BOOST_TEST(s.at(3) == "- | text   formula text   | - | - | err #N/A | bool FALSE");
    BOOST_TEST(!s.row(4));
    BOOST_TEST(s.empty_rows == 1);
    BOOST_TEST(s.at(5) == "num 1 | text inline, no type | text x | - | text a b");
    BOOST_TEST(s.row(7)->problem == "cell A7 refers to shared string 9, which does not exist");
    BOOST_TEST(s.row(7)->problem_column == 1);
    BOOST_TEST(s.at(7) == "- | text oops");
    BOOST_TEST(s.at(8) == "num 60 | date 1900-02-29 | text not a date | bool TRUE");
    BOOST_TEST(s.row(9)->problem == "cell XFE9 is past the last column a sheet can have (XFD)");
    BOOST_TEST(s.row(9)->cells.empty());
}

BOOST_AUTO_TEST_CASE(rows_reuse_the_callers_storage_without_stale_cells) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("reuse.xlsx");
    const std::string sheet = sheet_xml(
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c><c r=\"C1\"><v>3</v></c></row>"
        "<row r=\"2\"><c r=\"C2\"><v>4</v></c></row>"
        "<row r=\"3\"><c r=\"A3\"><v>5</v></c></row>");
    write_zip(path, workbook_parts(sheet));
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    std::vector<std::string> seen;
    while (reader->next(row)) seen.push_back(std::to_string(row.line) + ": " + render(row));
    BOOST_TEST(seen == (std::vector<std::string>{"1: num 1 | num 2 | num 3", "2: - | - | num 4", "3: num 5"}),
               boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(odd_packages_strict_namespaces_prefixes_and_absolute_targets) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("odd.xlsx");
    const std::string strict_main = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const std::string strict_rel = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    // No [Content_Types].xml, Strict namespaces under unusual prefixes, an absolute target with
    // an escaped space, and a part name in another case.
    write_zip(path, {
                        {"_rels/.rels",
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"a\" Type=\"" +
                             strict_rel +
                             "/officeDocument\" Target=\"/xl/book.xml\"/>"
                             "</Relationships>"},
                        {"xl/book.xml",
                         "<q:workbook xmlns:q=\"" + strict_main + "\" xmlns:z=\"" + strict_rel +
                             "\">"
                             "<q:sheets><q:sheet name=\"Hidden One\" state=\"hidden\" sheetId=\"2\" z:id=\"r2\"/>"
                             "<q:sheet name=\"Crimes\" sheetId=\"1\" z:id=\"r1\"/></q:sheets></q:workbook>"},
                        {"xl/_rels/book.xml.rels",
                         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                         "<Relationship Id=\"r1\" Type=\"" +
                             strict_rel +
                             "/worksheet\" "
                             "Target=\"/XL/Sheets/My%20Sheet.xml\"/>"
                             "<Relationship Id=\"r2\" Type=\"" +
                             strict_rel +
                             "/worksheet\" "
                             "Target=\"../xl/sheets/./hidden.xml\"/></Relationships>"},
                        {"xl/sheets/My Sheet.xml",
                         "<s:worksheet xmlns:s=\"" + strict_main +
                             "\"><s:sheetData><s:row s:r=\"1\">"
                             "<s:c r=\"A1\" t=\"inlineStr\"><s:is><s:t>strict</s:t></s:is></s:c></s:row>"
                             "<row xmlns=\"" +
                             strict_main +
                             "\" r=\"2\"><c r=\"B2\"><v>2</v></c></row>"
                             "<other:row xmlns:other=\"urn:elsewhere\"><other:c><v>9</v></other:c></other:row>"
                             "</s:sheetData></s:worksheet>"},
                        {"xl/sheets/hidden.xml", sheet_xml("<row r=\"1\"><c r=\"A1\"><v>7</v></c></row>")},
                    });
    auto book = XlsxWorkbook::open(path);
    BOOST_REQUIRE(book->sheets().size() == 2u);
    BOOST_TEST(book->sheets()[0].state == "hidden");
    BOOST_TEST(book->sheets()[1].part == "XL/Sheets/My Sheet.xml");
    Sheet first = read_sheet(*book);  // the first visible worksheet
    BOOST_TEST(first.all() == (std::vector<std::string>{"1: text strict", "2: - | num 2"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "hidden one").at(1) == "num 7");  // hidden, and named in another case
}

BOOST_AUTO_TEST_CASE(unknown_and_chart_sheets_are_refused_naming_the_worksheets) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("names.xlsx");
    write_zip(path, workbook_parts(sheet_xml("")));
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { book->open_sheet("Crime"); });
    BOOST_TEST(e.what() == std::string("the workbook has no sheet called \"Crime\""));
    BOOST_TEST(e.hint() == "its worksheets are \"Data\"");
    BOOST_TEST(e.location().file == path);
}

// ---- files that must be refused ---------------------------------------------------------------

BOOST_AUTO_TEST_CASE(not_a_zip_legacy_xls_and_other_compound_files_are_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string text = dir.file("crime.xlsx");
    std::ofstream(text) << "Crime Ref,Date Recorded\nCR1,01/04/2023\n";
    auto e = error_of([&] { XlsxWorkbook::open(text); });
    BOOST_TEST(e.what() == std::string("the file is not an .xlsx workbook (it is not a zip package)"));
    BOOST_TEST(e.hint() == "save it from Excel as .xlsx (Excel Workbook)");

    const std::string xls = dir.file("legacy.xlsx");
    write_compound_file(xls, u"Workbook");
    e = error_of([&] { XlsxWorkbook::open(xls); });
    BOOST_TEST(e.what() == std::string("the file is a legacy .xls workbook, not .xlsx"));
    BOOST_TEST(contains(e.hint(), "without a password"));

    const std::string locked = dir.file("locked.xlsx");
    write_compound_file(locked, u"EncryptionInfo");
    e = error_of([&] { XlsxWorkbook::open(locked); });
    BOOST_TEST(e.what() == std::string("the workbook is encrypted"));
    BOOST_TEST(e.hint() == "save it without a password");

    const std::string doc = dir.file("doc.xlsx");
    write_compound_file(doc, u"WordDocument");
    e = error_of([&] { XlsxWorkbook::open(doc); });
    BOOST_TEST(contains(e.what(), "OLE compound document"));

    e = error_of([&] { XlsxWorkbook::open(dir.file("missing.xlsx"), {}, "inputs/missing.xlsx"); });
    BOOST_TEST(e.what() == std::string("cannot open the file"));
    BOOST_TEST(e.location().file == "inputs/missing.xlsx");
}

BOOST_AUTO_TEST_CASE(xlsb_and_damaged_xml_are_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string xlsb = dir.file("binary.xlsx");
    write_zip(xlsb,
              {{"_rels/.rels", std::string("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                                           "relationships\"><Relationship Id=\"rId1\" Type=\"") +
                                   kRel + "/officeDocument\" Target=\"xl/workbook.bin\"/></Relationships>"},
               {"xl/workbook.bin", "binary"}});
    auto e = error_of([&] { XlsxWorkbook::open(xlsb); });
    BOOST_TEST(contains(e.what(), ".xlsb"));

    const std::string broken = dir.file("broken.xlsx");
    write_zip(broken, workbook_parts(sheet_xml("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"2\"><c><v>2</c>")));
    auto book = XlsxWorkbook::open(broken);
    auto reader = book->open_sheet();
    Row row;
    BOOST_TEST(reader->next(row));
    e = error_of([&] { reader->next(row); });
    BOOST_TEST(contains(e.what(), "xl/worksheets/sheet1.xml is not well-formed XML (mismatched tag"));
    BOOST_TEST(e.location().sheet == "Data");
    BOOST_TEST(e.location().line == 2);
    BOOST_TEST(!reader->next(row));
}

BOOST_AUTO_TEST_CASE(billion_laughs_in_shared_strings_is_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("laughs.xlsx");
    std::string strings =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE sst [\n<!ENTITY lol \"lol\">\n"
        "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n";
    for (int i = 2; i <= 9; ++i) {
        std::string prev = "&lol" + std::to_string(i - 1) + ";";
        strings += "<!ENTITY lol" + std::to_string(i) + " \"";
        for (int k = 0; k < 10; ++k) strings += prev;
        strings += "\">\n";
    }
    strings += std::string("]>\n<sst xmlns=\"") + kMain + "\"><si><t>&lol9;</t></si></sst>";
    write_zip(path, workbook_parts(sheet_xml("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>"), {}, strings));
    PeakGrowth memory;
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { book->open_sheet(); });
    BOOST_TEST(e.what() == std::string("refusing a DTD or entity declaration in xl/sharedStrings.xml"));
    BOOST_TEST(contains(e.hint(), "entity-expansion"));
    // Expanded, &lol9; is 3 GB of text.
    BOOST_TEST(memory.mib() < 16);
}

BOOST_AUTO_TEST_CASE(a_dtd_in_a_sheet_is_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("dtd.xlsx");
    std::string sheet = std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet SYSTEM \"file:///etc/passwd\">\n") +
                        "<worksheet xmlns=\"" + kMain +
                        "\"><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row>"
                        "</sheetData></worksheet>";
    write_zip(path, workbook_parts(sheet));
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    auto e = error_of([&] { reader->next(row); });
    BOOST_TEST(e.what() == std::string("refusing a DTD or entity declaration in xl/worksheets/sheet1.xml"));
    BOOST_TEST(e.location().sheet == "Data");
}

BOOST_AUTO_TEST_CASE(an_entity_declared_in_a_sheet_is_refused_before_it_expands) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("entity.xlsx");
    // One entity of 64 KiB, used 16,384 times: a gigabyte of cell text if it were expanded. (The
    // part stays under 1 MiB, where the compression ratio is not checked.)
    std::string sheet = "<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet [<!ENTITY big \"" + std::string(64 << 10, 'x') +
                        "\">]>\n<worksheet xmlns=\"" + kMain +
                        "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>";
    for (int i = 0; i < 16384; ++i) sheet += "&big;";
    sheet += "</t></is></c></row></sheetData></worksheet>";
    write_zip(path, workbook_parts(sheet));
    sheet.clear();
    sheet.shrink_to_fit();
    PeakGrowth memory;
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    auto e = error_of([&] { reader->next(row); });
    BOOST_TEST(e.what() == std::string("refusing a DTD or entity declaration in xl/worksheets/sheet1.xml"));
    BOOST_TEST(e.hint() ==
               "XLSX parts never need one, and it is how entity-expansion attacks arrive; if the workbook is genuine, "
               "open it in Excel and save it again");
    BOOST_TEST(e.location().file == path);
    BOOST_TEST(e.location().sheet == "Data");
    BOOST_TEST(memory.mib() < 16);
}

BOOST_AUTO_TEST_CASE(a_part_over_the_size_limit_is_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("large.xlsx");
    std::string cells;
    for (int r = 1; r <= 2000; ++r)
        cells += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" +
                 std::to_string(r * 7) + "</v></c></row>";
    write_zip(path, workbook_parts(sheet_xml(cells)));
    XlsxLimits limits;
    limits.max_entry_uncompressed = 20000;
    auto book = XlsxWorkbook::open(path, limits);
    auto e = error_of([&] { book->open_sheet(); });
    BOOST_TEST(contains(e.what(), "xl/worksheets/sheet1.xml"));
    BOOST_TEST(contains(e.what(), "past the limit of 20000 bytes for one part"));
    BOOST_TEST(contains(e.hint(), "zip bomb"));

    // The same file inside the limits reads in full.
    BOOST_TEST(read_sheet(path).rows.size() == 2000u);

    // A limit on all parts together.
    XlsxLimits total;
    total.max_total_uncompressed = 30000;
    auto book2 = XlsxWorkbook::open(path, total);
    e = error_of([&] { read_sheet(*book2); });
    BOOST_TEST(contains(e.what(), "the workbook inflates past the limit of 30000 bytes for all parts"));
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_ratio_is_refused_while_inflating) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("bomb.xlsx");
    // 4 MB of one repeated row deflates about a thousandfold; the headers claim 1,000 bytes, so
    // only the bytes counted while inflating give it away.
    std::string cells = "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>";
    cells.append(4 << 20, ' ');
    write_zip(path, workbook_parts(sheet_xml(cells)));
    declare_size(path, "xl/worksheets/sheet1.xml", 1000);
    PeakGrowth memory;
    auto book = XlsxWorkbook::open(path);
    auto e = error_of([&] { read_sheet(*book); });
    BOOST_TEST(e.what() == std::string("xl/worksheets/sheet1.xml inflates to more than 250 times its compressed size"));
    BOOST_TEST(e.hint() == kBombHint);
    BOOST_TEST(memory.mib() < 16);
    XlsxLimits lenient;
    lenient.max_ratio = 1e6;
    BOOST_TEST(read_sheet(*XlsxWorkbook::open(path, lenient)).rows.size() == 1u);
}

BOOST_AUTO_TEST_CASE(a_zip_bomb_is_refused_with_memory_bounded_whatever_its_headers_say) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("bomb.xlsx");
    // 128 MiB of one cell's text, deflated to about 130 KB: read whole, it would take at least
    // 128 MiB of memory.
    PatternBuf text(sheet_xml("").substr(0, sheet_xml("").find("</sheetData>")) +
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>",
                    128ull << 20, std::string(4096, 'x'), false, "</t></is></c></row></sheetData></worksheet>");
    std::istream in(&text);
    write_zip_streamed(path, without_part(workbook_parts(sheet_xml("")), "xl/worksheets/sheet1.xml"),
                       "xl/worksheets/sheet1.xml", in);
    BOOST_TEST_MESSAGE("bomb of " << fs::file_size(path) << " bytes");
    const std::string message = "xl/worksheets/sheet1.xml inflates to more than 250 times its compressed size";
    {
        // Honest headers: refused from the sizes they declare, before inflating anything.
        PeakGrowth memory;
        auto book = XlsxWorkbook::open(path);
        auto e = error_of([&] { book->open_sheet(); });
        BOOST_TEST(e.what() == message);
        BOOST_TEST(e.hint() == kBombHint);
        BOOST_TEST(e.location().sheet == "Data");
        BOOST_TEST(memory.mib() < 16);
    }
    {
        // Headers that lie: refused once the bytes inflated pass the ratio.
        declare_size(path, "xl/worksheets/sheet1.xml", 1000);
        PeakGrowth memory;
        auto book = XlsxWorkbook::open(path);
        auto reader = book->open_sheet();
        Row row;
        auto e = error_of([&] { reader->next(row); });
        BOOST_TEST(e.what() == message);
        BOOST_TEST(e.hint() == kBombHint);
        BOOST_TEST(memory.mib() < 16);
    }
}

BOOST_AUTO_TEST_CASE(a_cell_of_64_mib_within_the_ratio_is_cut_and_flagged_with_memory_flat) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("long_cell.xlsx");
    // Deflates about 80 to 1, inside the ratio limit, so only the cap on one cell's text keeps
    // memory flat. A cell after it still reads.
    PatternBuf text(sheet_xml("").substr(0, sheet_xml("").find("</sheetData>")) +
                        "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>",
                    64ull << 20, std::string(100, '1'), true,
                    "</t></is></c><c r=\"B1\"><v>2</v></c></row><row r=\"2\"><c r=\"A2\"><v>3</v></c></row>"
                    "</sheetData></worksheet>");
    std::istream in(&text);
    write_zip_streamed(path, without_part(workbook_parts(sheet_xml("")), "xl/worksheets/sheet1.xml"),
                       "xl/worksheets/sheet1.xml", in);
    PeakGrowth memory;
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    BOOST_REQUIRE(reader->next(row));
    BOOST_TEST(row.line == 1);
    BOOST_TEST(row.problem == "cell A1 is longer than 1048576 bytes, the most a cell may hold");
    BOOST_TEST(row.problem_column == 1);
    BOOST_REQUIRE(row.cells.size() == 2u);
    BOOST_TEST((row.cells[0].type == CellType::text));
    BOOST_TEST(row.cells[0].text.size() == xlsx::kMaxCellBytes);
    BOOST_TEST(row.cells[0].text.find_first_not_of("0123456789") == std::string::npos);
    BOOST_TEST(render(row.cells[1]) == "num 2");
    BOOST_REQUIRE(reader->next(row));
    BOOST_TEST(render(row) == "num 3");
    BOOST_TEST(row.problem == "");
    BOOST_TEST(!reader->next(row));
    BOOST_TEST(memory.mib() < 32);
}

BOOST_AUTO_TEST_CASE(a_shared_string_of_64_mib_is_cut_and_flagged_where_it_is_used) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("long_string.xlsx");
    const std::string sheet = sheet_xml(
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>"
        "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c><c r=\"B2\" t=\"s\"><v>2</v></c></row>");
    PatternBuf strings(std::string("<sst xmlns=\"") + kMain + "\"><si><t>", 64ull << 20, std::string(100, '1'), true,
                       "</t></si><si><t>short</t></si><si><r><t>rich</t></r><r><t>" + std::string(600 << 10, 'y') +
                           "</t></r><r><t>" + std::string(600 << 10, 'z') + "</t></r></si></sst>");
    std::istream in(&strings);
    write_zip_streamed(path, without_part(workbook_parts(sheet, {}, "-"), "xl/sharedStrings.xml"),
                       "xl/sharedStrings.xml", in);
    PeakGrowth memory;
    Sheet s = read_sheet(path);
    BOOST_REQUIRE(s.rows.size() == 2u);
    BOOST_TEST(s.at(1) == "text short");
    BOOST_TEST(s.row(1)->problem == "");
    BOOST_TEST(s.row(2)->problem == "cell A2 is longer than 1048576 bytes, the most a cell may hold");
    BOOST_TEST(s.row(2)->problem_column == 1);
    BOOST_TEST(s.cell("A2").text.size() == xlsx::kMaxCellBytes);
    // Runs are capped together: "rich", 600 KiB of y, then z up to the cap.
    BOOST_TEST(s.cell("B2").text.size() == xlsx::kMaxCellBytes);
    BOOST_TEST(s.cell("B2").text.substr(0, 5) == "richy");
    BOOST_TEST(s.cell("B2").text.back() == 'z');
    BOOST_TEST(memory.mib() < 32);
}

BOOST_AUTO_TEST_CASE(a_tag_of_64_mib_is_refused_before_expat_holds_it) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("long_tag.xlsx");
    // expat holds a tag whole, attributes and all, before reporting it.
    PatternBuf tag(sheet_xml("").substr(0, sheet_xml("").find("</sheetData>")) + "<row r=\"1\"><c r=\"A1\" x=\"",
                   64ull << 20, std::string(100, '1'), true, "\"><v>1</v></c></row></sheetData></worksheet>");
    std::istream in(&tag);
    write_zip_streamed(path, without_part(workbook_parts(sheet_xml("")), "xl/worksheets/sheet1.xml"),
                       "xl/worksheets/sheet1.xml", in);
    PeakGrowth memory;
    auto book = XlsxWorkbook::open(path);
    auto reader = book->open_sheet();
    Row row;
    auto e = error_of([&] { reader->next(row); });
    BOOST_TEST(e.what() == std::string("xl/worksheets/sheet1.xml has a tag or comment longer than 4 MiB"));
    BOOST_TEST(e.hint() ==
               "no genuine workbook has one, so the file is damaged or made to exhaust memory; if it is genuine, open "
               "it in Excel and save it again");
    BOOST_TEST(e.location().sheet == "Data");
    BOOST_TEST(memory.mib() < 32);
    BOOST_TEST(!reader->next(row));
}

BOOST_AUTO_TEST_CASE(text_is_cut_at_a_character_boundary) {
    std::string s = "ab";
    BOOST_TEST(xlsx::append_within(s, 1, "cd", 3));  // "bcd": within
    BOOST_TEST(s == "abcd");
    BOOST_TEST(!xlsx::append_within(s, 1, "e\xC3\xA9", 5));  // "e" fits; "é" would be split, so left out
    BOOST_TEST(s == "abcde");
    BOOST_TEST(!xlsx::append_within(s, 1, "fg", 5));  // room for one byte
    BOOST_TEST(s == "abcdef");
    BOOST_TEST(!xlsx::append_within(s, 1, "h", 5));  // room for none
    BOOST_TEST(s == "abcdef");
    std::string t;
    BOOST_TEST(!xlsx::append_within(t, 0, "\xF0\x9F\x98\x80!", 3));  // a 4-byte character, all left out
    BOOST_TEST(t == "");
    BOOST_TEST(xlsx::append_within(t, 0, "\xC3\xA9", 2));
    BOOST_TEST(t == "\xC3\xA9");
}

// A libxlsxwriter workbook cut short, as an interrupted copy leaves it. The end record goes
// first, so every cut is refused as truncated, even one that leaves every part whole.
BOOST_AUTO_TEST_CASE(a_truncated_zip_is_refused_at_every_cut) {
    TempDir dir("pirpack_xlsx");
    const std::string whole = dir.file("whole.xlsx");
    lxw_workbook* wb = workbook_new(whole.c_str());
    lxw_worksheet* ws = workbook_add_worksheet(wb, "Crimes");
    for (int r = 0; r < 200; ++r) {
        worksheet_write_number(ws, r, 0, r, NULL);
        worksheet_write_string(ws, r, 1, ("CR" + std::to_string(r)).c_str(), NULL);
    }
    BOOST_REQUIRE(workbook_close(wb) == LXW_NO_ERROR);
    const std::string bytes = read_file(whole);
    BOOST_REQUIRE(bytes.size() > 1000u);
    BOOST_TEST(read_sheet(whole).rows.size() == 200u);  // whole, it reads

    const std::string truncated = "the zip package is truncated or damaged (it has no readable central directory)";
    const std::string hint =
        "the file may be an interrupted copy or download; copy it again, or open it in Excel and save it again";
    struct Cut {
        std::size_t length;
        std::string message;
    };
    const std::vector<Cut> cuts = {
        {0, "the file is empty"},
        {2, "the file is not an .xlsx workbook (it is not a zip package)"},
        {10, truncated},
        {bytes.size() / 2, truncated},
        {bytes.size() - 22, truncated},  // no end record, but every part and the directory whole
        {bytes.size() - 1, truncated},
    };
    for (const auto& cut : cuts) {
        BOOST_TEST_CONTEXT("cut at " << cut.length << " of " << bytes.size() << " bytes") {
            const std::string path = dir.file("cut_" + std::to_string(cut.length) + ".xlsx");
            write_file(path, bytes.substr(0, cut.length));
            auto e = error_of([&] { read_sheet(path); });
            BOOST_TEST(e.what() == cut.message);
            BOOST_TEST(e.location().file == path);
            if (cut.message == truncated) BOOST_TEST(e.hint() == hint);
        }
    }
}

// The sheet's data inflated by hand: damage inside the deflate stream, a CRC-32 or a size that does
// not match the central directory, and stored (not deflated) parts.
BOOST_AUTO_TEST_CASE(damaged_part_data_gives_the_reason_and_stored_parts_read) {
    TempDir dir("pirpack_xlsx");
    std::string rows;
    for (int r = 1; r <= 300; ++r)
        rows += "<row r=\"" + std::to_string(r) + "\"><c r=\"A" + std::to_string(r) + "\"><v>" + std::to_string(r) +
                "</v></c></row>";
    const std::string sheet = sheet_xml(rows);
    const std::string part = "xl/worksheets/sheet1.xml";
    const std::string whole = dir.file("whole.xlsx");
    write_zip(whole, workbook_parts(sheet));
    BOOST_TEST(read_sheet(whole).rows.size() == 300u);
    const std::string bytes = read_file(whole);
    auto le16 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(bytes[at]) |
                                        (static_cast<unsigned char>(bytes[at + 1]) << 8));
    };
    // Where a part's local header and central directory entry start.
    auto headers = [&](const std::string& name) {
        std::pair<std::size_t, std::size_t> found{std::string::npos, std::string::npos};
        for (std::size_t at = bytes.find("PK"); at != std::string::npos && at + 46 <= bytes.size();
             at = bytes.find("PK", at + 1)) {
            if (bytes[at + 2] == 3 && bytes[at + 3] == 4 && le16(at + 26) == name.size() &&
                bytes.compare(at + 30, name.size(), name) == 0)
                found.first = at;
            if (bytes[at + 2] == 1 && bytes[at + 3] == 2 && le16(at + 28) == name.size() &&
                bytes.compare(at + 46, name.size(), name) == 0)
                found.second = at;
        }
        BOOST_REQUIRE(found.first != std::string::npos);
        BOOST_REQUIRE(found.second != std::string::npos);
        return found;
    };
    const std::size_t local = headers(part).first;
    const std::size_t data = local + 30 + le16(local + 26) + le16(local + 28);
    // The CRC-32 and size are checked when a part has been read to its end, as the workbook is
    // (a sheet's reader may stop at the end of its rows).
    const std::string book_part = "xl/workbook.xml";
    const std::size_t central = headers(book_part).second;
    const std::size_t book_size = workbook_parts(sheet)[1].second.size();
    const std::string hint = "the workbook is damaged; open it in Excel and save it again";
    auto refused = [&](const std::string& name, std::string damaged, const std::string& message,
                       const std::string& sheet_name) {
        BOOST_TEST_CONTEXT(name) {
            const std::string path = dir.file(name + ".xlsx");
            write_file(path, damaged);
            auto e = error_of([&] { read_sheet(path); });
            BOOST_TEST(e.what() == message);
            BOOST_TEST(e.hint() == hint);
            BOOST_TEST(e.location().file == path);
            BOOST_TEST(e.location().sheet == sheet_name);
        }
    };
    std::string bad_block = bytes;
    bad_block[data] = 0x07;  // a final block of the reserved type 3
    refused("bad_block", bad_block, "cannot inflate " + part + " (invalid block type)", "Data");
    std::string bad_crc = bytes;
    bad_crc[central + 16] = static_cast<char>(bad_crc[central + 16] ^ 0x01);
    refused("bad_crc", bad_crc, "cannot inflate " + book_part + " (its CRC-32 does not match the directory's)", "");
    std::string short_size = bytes;
    const std::size_t declared = book_size - 5;
    for (int i = 0; i < 4; ++i) short_size[central + 24 + i] = static_cast<char>((declared >> (8 * i)) & 0xFF);
    refused("short_size", short_size,
            "cannot inflate " + book_part + " (it inflates to " + std::to_string(book_size) +
                " bytes where the directory says " + std::to_string(declared) + ")",
            "");

    // Stored parts, as some tools write small or incompressible parts.
    const std::string stored = dir.file("stored.xlsx");
    {
        std::ofstream out(stored, std::ios::binary);
        Poco::Zip::Compress zip(out, true);
        for (const auto& [name, content] : workbook_parts(sheet)) {
            std::istringstream in(content);
            zip.addFile(in, Poco::DateTime(2023, 4, 1), Poco::Path(name, Poco::Path::PATH_UNIX),
                        Poco::Zip::ZipCommon::CM_STORE);
        }
        zip.close();
    }
    const Sheet read = read_sheet(stored);
    BOOST_REQUIRE(read.rows.size() == 300u);
    BOOST_TEST((read.cell("A300").type == CellType::number));
    BOOST_TEST(read.cell("A300").number == 300.0);
    BOOST_TEST(read.cell("A1").number == 1.0);
}

BOOST_AUTO_TEST_CASE(an_empty_file_is_refused) {
    TempDir dir("pirpack_xlsx");
    const std::string path = dir.file("crimes.xlsx");
    write_file(path, "");
    auto e = error_of([&] { XlsxWorkbook::open(path, {}, "inputs/crimes.xlsx"); });
    BOOST_TEST(e.what() == std::string("the file is empty"));
    BOOST_TEST(e.hint() == "check that the export finished writing it, then copy it again");
    BOOST_TEST(e.location().file == "inputs/crimes.xlsx");
}

BOOST_AUTO_TEST_CASE(packages_without_worksheets_or_workbook_relationships_are_refused) {
    TempDir dir("pirpack_xlsx");
    auto parts = workbook_parts(sheet_xml(""));
    parts.erase(parts.begin() + 3);  // drop the sheet part
    write_zip(dir.file("nosheet.xlsx"), parts);
    auto e = error_of([&] { XlsxWorkbook::open(dir.file("nosheet.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook contains no worksheets"));

    parts = workbook_parts(sheet_xml(""));
    parts.erase(parts.begin() + 2);  // drop xl/_rels/workbook.xml.rels
    write_zip(dir.file("norels.xlsx"), parts);
    e = error_of([&] { XlsxWorkbook::open(dir.file("norels.xlsx")); });
    BOOST_TEST(e.what() == std::string("the workbook has no relationships part (xl/_rels/workbook.xml.rels)"));

    write_zip(dir.file("other.xlsx"), {{"readme.txt", "hello"}});
    e = error_of([&] { XlsxWorkbook::open(dir.file("other.xlsx")); });
    BOOST_TEST(e.what() == std::string("the file is a zip package, not an Excel workbook"));
}

// ---- third-party fixtures: one case per file ---------------------------------------------------
//
// Each asserts what ../shared/fixtures/README.md says the upstream suite asserts, or, where the
// README only describes the file, what the file holds (checked against its XML). Row numbers here
// are 1-based sheet rows; the README's are 0-based where upstream's were.

// ---- calamine

FIXTURE_CASE(fixture_calamine_any_sheets_xlsx, "calamine/any_sheets.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Visible (visible)", "Hidden (hidden)",
                                                              "VeryHidden (veryHidden)", "Chart (visible) [chart]"}),
               boost::test_tools::per_element());
    BOOST_TEST(book->sheets()[3].part == "xl/chartsheets/sheet1.xml");
    BOOST_TEST(read_sheet(*book).all() ==
                   (std::vector<std::string>{
                       "1: num 1 | num 2", "2: num 3 | num 4", "3: num 5 | num 6",
                       "5: text This workbook contains 4 sheets: Visible, Hidden, VeryHidden and Chart"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Hidden").rows.empty());
    BOOST_TEST(read_sheet(*book, "VeryHidden").rows.empty());
    auto e = error_of([&] { book->open_sheet("Chart"); });
    BOOST_TEST(e.what() == std::string("sheet \"Chart\" is a chart sheet, not a worksheet"));
    BOOST_TEST(e.hint() == "name one of the worksheets: \"Visible\", \"Hidden\", \"VeryHidden\"");
}

FIXTURE_CASE(fixture_calamine_column_row_ranges_xlsx, "calamine/column_row_ranges.xlsx") {
    // The SUM(E:F)-style formulas read as their cached values (all 0 here).
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Column ranges (visible)", "Row ranges (visible)"}),
               boost::test_tools::per_element());
    Sheet columns = read_sheet(*book, "Column ranges");
    BOOST_TEST(columns.rows.size() == 5u);
    for (long line = 1; line <= 5; ++line) BOOST_TEST(columns.at(line) == "num 0 | num 0 | num 0", "row " << line);
    Sheet rows = read_sheet(*book, "Row ranges");
    BOOST_TEST(rows.rows.size() == 3u);
    for (long line = 1; line <= 3; ++line)
        BOOST_TEST(rows.at(line) == "num 0 | num 0 | num 0 | num 0 | num 0", "row " << line);
}

FIXTURE_CASE(fixture_calamine_date_xlsx, "calamine/date.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(!book->uses_1904_dates());
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.all() == (std::vector<std::string>{"1: date 2021-01-01 | num 15", "2: date 2021-01-02 | num 16",
                                                    "3: num 10.6320601851852 | num 17"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.cell("A1").number == 44197.0);
    BOOST_TEST(s.cell("A1").format == "yyyy\\-mm\\-dd");
    // [hh]:mm:ss is elapsed time (255:10:10): kept as a number with its format.
    BOOST_TEST(s.cell("A3").number == 10.6320601851852);
    BOOST_TEST(s.cell("A3").format == "[hh]:mm:ss");
    BOOST_TEST(std::lround(s.cell("A3").number * 86400) == 255 * 3600 + 10 * 60 + 10);
}

FIXTURE_CASE(fixture_calamine_date_1904_xlsx, "calamine/date_1904.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->uses_1904_dates());
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.all() == (std::vector<std::string>{"1: date 2021-01-01 | num 15", "2: date 2021-01-02 | num 16",
                                                    "3: num 10.6320601851852 | num 17"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.cell("A1").number == 42735.0);
    BOOST_TEST(std::lround(s.cell("A3").number * 86400) == 255 * 3600 + 10 * 60 + 10);
}

FIXTURE_CASE(fixture_calamine_date_iso_xlsx, "calamine/date_iso.xlsx") {
    Sheet s = read_sheet(path);
    BOOST_TEST(s.at(1) == "date 2021-01-01");
    BOOST_TEST(s.at(2) == "date 2021-01-01T10:10:10");
    BOOST_TEST(s.at(3) == "date 10:10:10");
    BOOST_TEST(s.cell("A1").number == 44197.0);
    BOOST_TEST(std::fabs(s.cell("A2").number - (44197 + 36610.0 / 86400)) < 1e-9);
    BOOST_TEST(std::fabs(s.cell("A3").number - 36610.0 / 86400) < 1e-12);
    BOOST_TEST(s.at(4) == "text This workbook contains datetime in ISO 8601");
    BOOST_TEST(s.rows.size() == 6u);
}

FIXTURE_CASE(fixture_calamine_date_quoted_format_xlsx, "calamine/date_quoted_format.xlsx") {
    Sheet s = read_sheet(path);
    BOOST_REQUIRE(s.rows.size() == 4u);
    for (long line = 1; line <= 4; ++line) {
        BOOST_TEST(s.at(line) == "date 2021-01-01", "row " << line);
        BOOST_TEST(s.row(line)->cells[0].number == 44197.0, "row " << line);
    }
    BOOST_TEST(s.cell("A1").format == "mmmm\" \"yyyy");
    BOOST_TEST(s.cell("A4").format == "[$-411]ggge\"年\"m\"月\"d\"日\";@");
}

FIXTURE_CASE(fixture_calamine_empty_s_attribute_xlsx, "calamine/empty_s_attribute.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text Name | text Value", "2: text John | num 1",
                                             "3: text Sophia | num 2", "4: text Peter | num 3", "5: text Sam | num 4"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_empty_shared_string_xlsx, "calamine/empty_shared_string.xlsx") {
    Sheet s = read_sheet(path, "Sheet1");
    BOOST_TEST(s.all() == (std::vector<std::string>{"1: text abc", "2: text "}), boost::test_tools::per_element());
    BOOST_TEST((s.cell("A2").type == CellType::text));  // an empty string, not an empty cell
}

FIXTURE_CASE(fixture_calamine_empty_shared_string_value_xlsx, "calamine/empty_shared_string_value.xlsx") {
    BOOST_TEST(
        read_sheet(path).all() == (std::vector<std::string>{"1: text Name | text City | text Status",
                                                            "2: text Alice | - | text Active", "3: - | text Berlin"}),
        boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_empty_sheet_xlsx, "calamine/empty_sheet.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Sheet1 (visible)"}), boost::test_tools::per_element());
    Sheet s = read_sheet(*book, "Sheet1");
    BOOST_TEST(s.rows.empty());
    BOOST_TEST(s.empty_rows == 0);
}

FIXTURE_CASE(fixture_calamine_encoded_entities_xlsx, "calamine/encoded_entities.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text &", "2: text "}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_errors_xlsx, "calamine/errors.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(read_sheet(*book, "Feuil1").all() ==
                   (std::vector<std::string>{"1: err #DIV/0!", "2: err #NAME?", "3: err #VALUE!", "4: err #NULL!",
                                             "5: err #REF!", "6: err #NUM!", "7: err #N/A"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Feuil2").rows.empty());
    BOOST_TEST(read_sheet(*book, "Feuil3").rows.empty());
}

FIXTURE_CASE(fixture_calamine_has_x000D_xlsx, "calamine/has_x000D_.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text ABC\r\nDEF"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_has_x000D_inline_xlsx, "calamine/has_x000D_inline.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text ABC\r\nDEF"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_header_row_xlsx, "calamine/header-row.xlsx") {
    // Upstream's 0-based rows 2 and 8 are sheet rows 3 and 9; the range ends at (9, 3): row 10, D.
    Sheet s = read_sheet(path);
    BOOST_TEST(s.all() == (std::vector<std::string>{"3: - | - | text Note 1",
                                                    "9: text Columns | text Column A | text Column B | text Column C",
                                                    "10: text put data here | num 1 | num 2 | num 3"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_inlineStr_cdata_xlsx, "calamine/inlineStr_cdata.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text Hello CDATA | text World", "2: text 12345 | text NormalText"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_inlineStr_with_value_xlsx, "calamine/inlineStr_with_value.xlsx") {
    Sheet s = read_sheet(path, "Requirements");
    BOOST_TEST(s.cell("E1").text == "ID");
    BOOST_TEST(render(s.cell("E2")) == "text RQ11610");
    BOOST_TEST(render(s.cell("D2")) == "text 1.");
    BOOST_TEST(s.at(2) ==
               "num 1 | text + | - | text 1. | text RQ11610 | text requirement | text Textual Requirement | text test");
}

FIXTURE_CASE(fixture_calamine_issue9_xlsx, "calamine/issue9.xlsx") {
    BOOST_TEST(read_sheet(path, "Feuil1").all() == (std::vector<std::string>{"1: text test1", "2: text test2 other",
                                                                             "3: text test3 aaa", "4: text test4"}),
               boost::test_tools::per_element());
}

// What both issue_261 files hold on "Some Sheet".
static void check_issue_261_sheet(const Sheet& s) {
    std::size_t values = 0;
    for (const auto& row : s.rows)
        for (const auto& cell : row.cells) values += cell.type != CellType::empty;
    BOOST_TEST(s.rows.size() == 55u);
    BOOST_TEST(values == 250u);  // upstream's 462 also counts styled blank cells, which are not values here
    BOOST_TEST(s.empty_rows == 4);
    BOOST_TEST(s.at(1) == "text String Value 32");
    BOOST_TEST(s.at(7) == "text String Value 29 | date 2023-03-15 | - | - | - | text String Value 43 | num 901");
    BOOST_TEST(
        s.at(12) ==
        "date 2023-03-15 | text String Value 20 | text String Value 40 | num 903 | - | - | text String Value 23");
    BOOST_TEST(s.rows.back().line == 66);
}

FIXTURE_CASE(fixture_calamine_issue_261_xlsx, "calamine/issue_261.xlsx") {
    // Cells without references: read as Excel read them when it re-saved the file.
    Sheet bare = read_sheet(path, "Some Sheet");
    check_issue_261_sheet(bare);
    BOOST_TEST(bare.all() == read_sheet(fixture("calamine/issue_261_fixed_by_excel.xlsx"), "Some Sheet").all(),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_issue_261_fixed_by_excel_xlsx, "calamine/issue_261_fixed_by_excel.xlsx") {
    check_issue_261_sheet(read_sheet(path, "Some Sheet"));
}

FIXTURE_CASE(fixture_calamine_issues_xlsx, "calamine/issues.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(
        sheet_list(*book) == (std::vector<std::string>{"datatypes (visible)", "Sheet1 (visible)", "issue2 (visible)",
                                                       "issue5 (visible)", "issue6 (visible)", "spc_chrs (visible)"}),
        boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "datatypes").all() ==
                   (std::vector<std::string>{"1: num 1", "2: num 1.5", "3: text ab", "4: bool FALSE", "5: text test",
                                             "6: date 2016-10-20"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "issue2").all() ==
                   (std::vector<std::string>{"1: num 1 | text a", "2: num 2 | text b", "3: num 3 | text c"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "issue5").at(1) == "num 0.5");
    BOOST_TEST(read_sheet(*book, "issue6").all() ==
                   (std::vector<std::string>{"1: num 1", "2: num 2", "3: text ab", "4: bool FALSE"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "spc_chrs").all() ==
                   (std::vector<std::string>{"1: text &", "2: text <", "3: text >", "4: text aaa ' aaa", "5: text \"",
                                             "6: text ☺", "7: text ֍", "8: text àâéêèçöïî«»"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_merge_cells_xlsx, "calamine/merge_cells.xlsx") {
    // Merges are not expanded: the value sits in the top-left cell, the rest are empty.
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text Row Merge | - | text Not Merged",
                                                                   "2: text Column Merge | text Chunk Merged"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_merged_range_xlsx, "calamine/merged_range.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(
        read_sheet(*book, "Sheet1").all() ==
            (std::vector<std::string>{"1: text A1 | text B1 | text C1 | - | text E1 | text F1 | text G1 | text H1",
                                      "3: text A3 | text B3 | text C3 | - | text E3 | text F3 | text G3 | text H3",
                                      "4: text A4 | text B4 | text C4 | - | text E4 | text F4 | text G4 | text H4"}),
        boost::test_tools::per_element());
    BOOST_TEST(
        read_sheet(*book, "Sheet2").all() ==
            (std::vector<std::string>{"1: text A1 | text B1 | text C1 | - | text E1 | text F1",
                                      "3: - | text B3 | text C3 | - | text E3", "4: - | text B4 | - | - | text E4"}),
        boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_no_header_xlsx, "calamine/no-header.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "Feuille 1");
    BOOST_TEST(read_sheet(*book).all() == (std::vector<std::string>{"3: text a | num 0", "4: text b | num 1"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_non_monotonic_si_xlsx, "calamine/non_monotonic_si.xlsx") {
    // Formulas (A1+1, B1+2, ...) read as their cached values.
    Sheet s = read_sheet(path);
    BOOST_REQUIRE(s.rows.size() == 6u);
    for (int r = 1; r <= 6; ++r)
        BOOST_TEST(s.at(r) ==
                   "num " + std::to_string(r) + " | num " + std::to_string(2 * r) + " | num " + std::to_string(3 * r));
}

FIXTURE_CASE(fixture_calamine_nonstandard_xml_ns_prefix_xlsx, "calamine/nonstandard-xml-ns-prefix.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text a | text b", "2: num 1 | num 3", "3: num 2 | num 4"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_pass_protected_xlsx, "calamine/pass_protected.xlsx") {
    check_refused(path, "the workbook is encrypted", "save it without a password");
}

FIXTURE_CASE(fixture_calamine_richtext_after_plain_xlsx, "calamine/richtext-after-plain.xlsx") {
    Sheet s = read_sheet(path, "Sheet1");
    BOOST_TEST(s.all() == (std::vector<std::string>{
                              "1: text abcd | text abcd | text abcd | text abcd",
                              "2: text tvalrval1rval2 | text rval1rval2 | text rval1rval2 | text rval1rval2"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_richtext_namespaced_xlsx, "calamine/richtext-namespaced.xlsx") {
    Sheet s = read_sheet(path);
    BOOST_TEST(s.cell("A1").text == "inline string\nLine 2\nLine 3");
    BOOST_TEST(s.cell("H1").text == "shared string\nLine 2\nLine 3");
    BOOST_TEST(s.rows.size() == 1u);
    BOOST_TEST(s.row(1)->cells.size() == 8u);
}

FIXTURE_CASE(fixture_calamine_rph_xlsx, "calamine/rph.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text 課きく　毛こ"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_strict_iso_paths_xlsx, "calamine/strict_iso_paths.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "ml_out");
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.rows.size() == 76u);
    BOOST_TEST(s.cell("A1").text == "Item");
    BOOST_TEST(s.cell("R1").text == "GoldenRun");
    BOOST_TEST(render(s.cell("A2")) == "text 150-031260-001_B");
    BOOST_TEST(render(s.cell("B2")) == "num 1.5");
    BOOST_TEST(s.cell("B2").format == "0.00");
    BOOST_TEST(render(s.cell("P2")) == "num 12.618328720000001");
    BOOST_TEST(s.cell("P2").format == "0.0000");
    BOOST_TEST(render(s.cell("A76")) == "num 1622530102");
}

FIXTURE_CASE(fixture_calamine_string_ref_xlsx, "calamine/string-ref.xlsx") {
    auto book = XlsxWorkbook::open(path);
    for (const char* name : {"Sheet1", "Sheet2"})
        BOOST_TEST(
            read_sheet(*book, name).all() == (std::vector<std::string>{"1: text col1", "2: text -8086931554011838357"}),
            boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_temperature_xlsx, "calamine/temperature.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text label | text value", "2: text celsius | num 22.2222",
                                             "3: text fahrenheit | num 72"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_calamine_whitespace_trim_xlsx, "calamine/whitespace_trim.xlsx") {
    Sheet inl = read_sheet(path, "inlineStr");
    BOOST_TEST(inl.cell("A1").text == "trimmed value");
    BOOST_TEST(inl.cell("B1").text == "value with tabs");
    BOOST_TEST(inl.cell("C1").text == " \t\n");  // xml:space="preserve"
    BOOST_TEST(inl.cell("D1").text == "clean text");
    BOOST_TEST(inl.cell("A2").text == "line1\nline2");
    BOOST_TEST(inl.cell("B2").text == "  line1\nline2  ");
    BOOST_TEST(inl.cell("A3").text == "日期 时间");
    Sheet sst = read_sheet(path, "SharedStrings");
    BOOST_TEST(sst.cell("A1").text == "trimmed value");
    BOOST_TEST(sst.cell("B1").text == "  preserved value  ");
    BOOST_TEST(render(sst.cell("C1")) == "text ");
    BOOST_TEST(sst.cell("D1").text == "clean text");
    BOOST_TEST(sst.cell("A2").text == "line1\nline2");
    BOOST_TEST(sst.cell("B2").text == "  line1\nline2  ");
    BOOST_TEST(sst.cell("A3").text == "日期 时间");
}

// ---- tealeg/xlsx

FIXTURE_CASE(fixture_tealeg_xlsx_badfile_noWorkbookRels_xlsx, "tealeg-xlsx/badfile_noWorkbookRels.xlsx") {
    check_refused(path, "the workbook has no relationships part (xl/_rels/workbook.xml.rels)", kDamagedHint);
}

FIXTURE_CASE(fixture_tealeg_xlsx_badfile_noWorksheets_xlsx, "tealeg-xlsx/badfile_noWorksheets.xlsx") {
    check_refused(path, "the workbook contains no worksheets",
                  "the workbook lists sheets whose parts are missing; it is damaged or incomplete, so open it in "
                  "Excel and save it again");
}

FIXTURE_CASE(fixture_tealeg_xlsx_empty_cells_xlsx, "tealeg-xlsx/empty_cells.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: - | text B1 | text C1 | text D1", "2: text A2 | - | text C2 | text D2",
                                             "3: text A3 | text B3 | - | text D3", "4: text A4 | text B4 | text C4"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_empty_rows_xlsx, "tealeg-xlsx/empty_rows.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->uses_1904_dates());  // Mac Excel 2008
    BOOST_TEST(read_sheet(*book, "EmptyRows").all() ==
                   (std::vector<std::string>{"3: text A3 | text B3", "4: text A4 | text B4"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "EmptyCols").all() ==
                   (std::vector<std::string>{"1: - | - | text C1 | text D1", "2: - | - | text C2 | text D2"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "EmptyRowsAndCols").all() ==
                   (std::vector<std::string>{"3: - | - | text C3 | text D3", "4: - | - | text C4 | text D4"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_empty_rows_in_the_rest_xlsx, "tealeg-xlsx/empty_rows_in_the_rest.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "工作表1");
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.all() == (std::vector<std::string>{"1: num 1 | num 2 | num 3 | num 4 | num 5 | num 6"}),
               boost::test_tools::per_element());
    BOOST_TEST(s.empty_rows == 0);
}

FIXTURE_CASE(fixture_tealeg_xlsx_inlineStrings_xlsx, "tealeg-xlsx/inlineStrings.xlsx") {
    Sheet s = read_sheet(path, "Activity by Day");
    BOOST_TEST(s.cell("B1").text == "HL Retail - North America - Activity by Day - MTD");
    BOOST_TEST(s.cell("B2").text == "Advertiser: Malformed Industries");
    BOOST_TEST(
        s.at(10) ==
        "- | text Date | text Campaign | text Impressions | text Clicks | text CTR | text Avg. CPC | text Spend | "
        "text Sales Units | text Sales | text ROAS | text ");
    BOOST_TEST(render(s.cell("B11")) == "text 06/25/16");
    BOOST_TEST(render(s.cell("D11")) == "num 3599619");
    BOOST_TEST(s.cell("D11").format == "[$-010409]#,##0;-#,##0");
    BOOST_TEST(render(s.cell("J36")) == "num 500948.68");
    BOOST_TEST(s.rows.size() == 33u);
}

FIXTURE_CASE(fixture_tealeg_xlsx_macExcelTest_xlsx, "tealeg-xlsx/macExcelTest.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"普通技能 (visible)"}), boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "普通技能").all() == (std::vector<std::string>{"1: text 编号"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_max_sheet_name_length_xlsx, "tealeg-xlsx/max_sheet_name_length.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"αααααβββββγγγγγδδδδδεεεεεζζζζζη (visible)",
                                                              "Sheet2 (visible)", "Sheet3 (visible)"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "αααααβββββγγγγγδδδδδεεεεεζζζζζη").all() ==
                   (std::vector<std::string>{"1: text This file was created by Microsoft Excel 2007"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_merged_cells_xlsx, "tealeg-xlsx/merged_cells.xlsx") {
    // Upstream unmerges (row 7 would repeat "Happy New Year!"); here the value is given once.
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{
                       "1: text Date | text Product | text Quantity", "2: text 01.01.2016 | text A | num 4",
                       "3: - | text B | num 23", "4: text 02.01.2016 | text A | num 1", "5: - | text C | num 5",
                       "6: text 03.01.2016 | text B | num 9", "7: text 31.12.2017 | text Happy New Year!"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_merged_cells2_xlsx, "tealeg-xlsx/merged_cells2.xlsx") {
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text A0A1 | text B0 | text C0 | text D0E0D1E1", "2: - | text B1C1B2C2",
                                             "3: text A2 | text B2 | text C2 | text D2 | text E2"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_tealeg_xlsx_noStylesAndSharedStringsTest_xlsx, "tealeg-xlsx/noStylesAndSharedStringsTest.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "10 Aug 2013 19_11_21");
    BOOST_TEST(book->sheets()[0].part == "xl/worksheets/sheet.xml");
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.rows.size() == 2606u);
    BOOST_TEST(s.cell("W1").text == "Move samples");
    BOOST_TEST(s.cell("A2").text == "Activity");
    BOOST_TEST(render(s.cell("B3")) == "text 2013-08-10 19:11:21");
    BOOST_TEST(render(s.cell("C3")) == "num 1045.1");
    BOOST_TEST(render(s.cell("AD2606")) == "num 4463");
}

FIXTURE_CASE(fixture_tealeg_xlsx_panic_test_xlsx, "tealeg-xlsx/panic_test.xlsx") {
    // 911 bytes after the zip's end record, which a sequential zip walk trips over.
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "上传模板");
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.rows.size() == 6u);
    BOOST_TEST(s.empty_rows == 9878);
    BOOST_TEST(s.at(2) == "text 批次号(与文件名称一致) | text 总笔数 | text 总金额/元(以显示金额汇总)");
    BOOST_TEST(s.at(3) == "text realtime_50692_chunhui.zhang | text 2 | num 0.02");
    BOOST_TEST(s.cell("C3").number == 0.02);
    BOOST_TEST(s.at(6) == "- | text 6222600910054609167 | text 程珊珊 | text 370181198904243421 | num 0.01");
}

FIXTURE_CASE(fixture_tealeg_xlsx_testfile_xlsx, "tealeg-xlsx/testfile.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) ==
                   (std::vector<std::string>{"Tabelle1 (visible)", "Tabelle2 (visible)", "Tabelle3 (visible)"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Tabelle1").all() ==
                   (std::vector<std::string>{"1: text Foo | text Bar", "2: text Baz | text Quuk"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Tabelle2").rows.empty());
    BOOST_TEST(read_sheet(*book, "Tabelle3").rows.empty());
}

// ---- xlnt

FIXTURE_CASE(fixture_xlnt_10_comments_hyperlinks_formulae_xlsx, "xlnt/10_comments_hyperlinks_formulae.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(read_sheet(*book, "Sheet1").all() ==
                   (std::vector<std::string>{"1: text Sheet1!A1", "2: text Sheet1!A2 | - | text a", "3: - | - | text b",
                                             "4: text hyperlink1", "5: text https://google.com/", "6: text Sheet1!A1",
                                             "7: text mailto:invalid@example.com?subject=important"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Sheet2").all() ==
                   (std::vector<std::string>{"1: text Sheet2!A1", "2: text Sheet2!A2 | - | num 2", "3: - | - | num 3",
                                             "4: text hyperlink2"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_15_phonetics_xlsx, "xlnt/15_phonetics.xlsx") {
    // The reading シュウ is a phonetic run, not text.
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text 秀 | text 秀 | text 秀"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_16_hidden_sheet_xlsx, "xlnt/16_hidden_sheet.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Sheet1 (visible)", "Sheet2 (hidden)"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book).all() == (std::vector<std::string>{"1: text a"}), boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Sheet2").all() == (std::vector<std::string>{"1: text b"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_18_formulae_xlsx, "xlnt/18_formulae.xlsx") {
    // Formulas (plain, array and shared) read as their cached values.
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{
                       "1: text a1 | num 1 | num 1 | text a11 | text 1a11 | num 2 | num 3.141592653589793",
                       "2: text a2 | num 2 | num 4 | text a22 | text 4a22 | num 2 | num 3.141592653589793 | - | "
                       "num -0.6536436208636119",
                       "3: text a3 | num 3 | num 9 | text a33 | text 9a33 | num 2 | num 3.141592653589793",
                       "4: - | - | - | - | - | num 2 | text array", "5: - | - | - | - | - | text shared"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_19_defined_names_xlsx, "xlnt/19_defined_names.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(read_sheet(*book, "Sheet1").all() ==
                   (std::vector<std::string>{"1: num 1", "2: num 2", "3: num 3", "4: num 4", "5: num 5", "6: num 6"}),
               boost::test_tools::per_element());
    BOOST_TEST(read_sheet(*book, "Sheet2").rows.empty());
    BOOST_TEST(read_sheet(*book, "Sheet3").rows.empty());
}

FIXTURE_CASE(fixture_xlnt_1_powerpoint_presentation_xlsx, "xlnt/1_powerpoint_presentation.xlsx") {
    check_refused(path, "the file is a PowerPoint presentation, not an Excel workbook",
                  "save the data from Excel as .xlsx (Excel Workbook)");
}

FIXTURE_CASE(fixture_xlnt_20_active_sheet_xlsx, "xlnt/20_active_sheet.xlsx") {
    // activeTab="2" does not change which sheet is first: that is the first visible one.
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Sheet (visible)", "Sheet1 (visible)", "Sheet2 (visible)",
                                                              "Sheet3 (visible)"}),
               boost::test_tools::per_element());
    BOOST_TEST(book->open_sheet()->sheet_name() == "Sheet");
    for (const auto& sheet : book->sheets()) BOOST_TEST(read_sheet(*book, sheet.name).rows.empty(), sheet.name);
}

FIXTURE_CASE(fixture_xlnt_2_minimal_xlsx, "xlnt/2_minimal.xlsx") {
    // Parts at the top of the package, no xl/ folder and no app.xml.
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"1 (visible)"}), boost::test_tools::per_element());
    BOOST_TEST(book->sheets()[0].part == "sheet1.xml");
    BOOST_TEST(read_sheet(*book).rows.empty());
}

FIXTURE_CASE(fixture_xlnt_3_default_xlsx, "xlnt/3_default.xlsx") {
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(sheet_list(*book) == (std::vector<std::string>{"Sheet1 (visible)"}), boost::test_tools::per_element());
    BOOST_TEST(!book->uses_1904_dates());
    BOOST_TEST(read_sheet(*book).rows.empty());
}

FIXTURE_CASE(fixture_xlnt_5_encrypted_agile_xlsx, "xlnt/5_encrypted_agile.xlsx") {
    check_refused(path, "the workbook is encrypted", "save it without a password");
}

FIXTURE_CASE(fixture_xlnt_6_encrypted_libre_xlsx, "xlnt/6_encrypted_libre.xlsx") {
    check_refused(path, "the workbook is encrypted", "save it without a password");
}

FIXTURE_CASE(fixture_xlnt_7_encrypted_standard_xlsx, "xlnt/7_encrypted_standard.xlsx") {
    check_refused(path, "the workbook is encrypted", "save it without a password");
}

FIXTURE_CASE(fixture_xlnt_8_encrypted_numbers_xlsx, "xlnt/8_encrypted_numbers.xlsx") {
    check_refused(path, "the workbook is encrypted", "save it without a password");
}

FIXTURE_CASE(fixture_xlnt_9_unicode_lambda_emoji_xlsx, "xlnt/9_unicode_lambda_emoji.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text unïcôdė!"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_Issue353_first_row_empty_w_properties_xlsx,
             "xlnt/Issue353_first_row_empty_w_properties.xlsx") {
    // Row 1 has properties (a height) but no cells: skipped and counted.
    Sheet s = read_sheet(path);
    BOOST_TEST(s.empty_rows == 1);
    BOOST_TEST(s.all() == (std::vector<std::string>{"2: text some text", "9: - | - | - | - | - | - | - | text h10",
                                                    "15: - | - | - | - | - | - | text g16",
                                                    "16: - | - | - | - | - | - | text g17",
                                                    "17: - | - | - | - | - | - | text g18", "22: - | text B23"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_Issue445_inline_str_xlsx, "xlnt/Issue445_inline_str.xlsx") {
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: text a", "2: text b"}),
               boost::test_tools::per_element());
}

FIXTURE_CASE(fixture_xlnt_Issue494_shared_string_xlsx, "xlnt/Issue494_shared_string.xlsx") {
    // Strings with phoneticPr but no phonetic runs, a string used twice under two indexes, and
    // a number in a text column.
    auto book = XlsxWorkbook::open(path);
    BOOST_TEST(book->sheets()[0].name == "基础信息");
    Sheet s = read_sheet(*book);
    BOOST_TEST(s.rows.size() == 15u);
    BOOST_TEST(s.at(1) == "text frame version | text V1.00");
    BOOST_TEST(s.at(2) == "text gfs version | text V1.00");
    BOOST_TEST(s.at(7) == "text year | num 2015");
    BOOST_TEST(s.at(8) == "text system | num -1");
    BOOST_TEST(s.at(12) ==
               "text trigger conditions | text The BCM senses a short to ground on the ignition circuit | text U1814");
    BOOST_TEST(s.cell("B13").text ==
               "1. Harness, connector and terminal\n2. Modules faulty\n3. Body Control Module faulty");
    BOOST_TEST(s.at(15) == "text other conditions");
}

FIXTURE_CASE(fixture_xlnt_excel_test_sheet_xlsx, "xlnt/excel_test_sheet.xlsx") {
    // Rich-text runs joined into one string per cell.
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{
                       "1: text Bolder Text mixed with normal \ntext first line Bold And Underline",
                       "2: text Italien Italic", "3: text More Underlines",
                       "4: text Striker the Stroke Not available in EXCEL", "5: text Bold Text Color RED",
                       "6: text Bolder Text mixed with normal \ntext first line Bold And Underline"}),
               boost::test_tools::per_element());
}

// Every file in the fixture folder has its own case above (a new fixture cannot go untested), and
// every case's file is there.
BOOST_AUTO_TEST_CASE(every_fixture_file_has_a_case) {
    if (!fixtures_present()) {
        BOOST_TEST_MESSAGE("skipped: ../shared/fixtures absent");
        return;
    }
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(kFixtures)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name.rfind("LICENSE", 0) == 0) continue;  // the upstream licences
        files.insert(fs::relative(entry.path(), kFixtures).generic_string());
    }
    for (const auto& file : files) {
        auto it = fixture_cases().find(file);
        BOOST_TEST((it != fixture_cases().end()), "no case for fixture " << file);
    }
    for (const auto& [file, names] : fixture_cases()) {
        BOOST_TEST(files.count(file) == 1u, "case for a fixture that is not there: " << file);
        BOOST_TEST(names.size() == 1u, file << " has " << names.size() << " cases");
    }
}

// ---- split reading (large sheets parsed by two threads; see SplitSheet in xlsx_reader.cpp) --------

BOOST_AUTO_TEST_CASE(split_byte_scans_find_the_prelude_and_row_end_tags) {
    using xlsx::PreludeScan;
    xlsx::SheetPrelude prelude;
    const std::string doc =
        "<?xml version=\"1.0\" encoding='utf-8' standalone=\"yes\"?>\n<!-- <sheetData> --><?pi <sheetData>?>"
        "<x:worksheet xmlns:x=\"urn:x\" a='>'><x:dimension ref=\"A1\"/></x:sheetPr><x:sheetData  q=\"/>\">";
    BOOST_TEST((xlsx::scan_sheet_prelude(doc + "<x:row>", prelude) == PreludeScan::found));
    BOOST_TEST(prelude.size == doc.size());
    BOOST_TEST(prelude.data_tag == doc.find("<x:sheetData"));
    BOOST_TEST(prelude.root == "x:worksheet");
    BOOST_TEST(prelude.sheet_data == "x:sheetData");
    int incomplete = 0;
    for (std::size_t n = 0; n < doc.size(); ++n)
        if (xlsx::scan_sheet_prelude(doc.substr(0, n), prelude) == PreludeScan::incomplete) ++incomplete;
    BOOST_TEST(incomplete == static_cast<int>(doc.size()));  // every shorter start needs more
    BOOST_TEST((xlsx::scan_sheet_prelude("\xEF\xBB\xBF<worksheet><sheetData>", prelude) == PreludeScan::found));
    BOOST_TEST(prelude.size == 25u);
    BOOST_TEST(prelude.root == "worksheet");

    for (const std::string& unsuitable : {
             std::string("\xFF\xFE<\0?\0x\0m\0", 10),                                               // UTF-16, marked
             std::string("<\0?\0x\0m\0", 8),                                                        // UTF-16, not
             std::string("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><worksheet><sheetData>"),  // Latin-1
             std::string("<?xml version=\"1.0\"?><!DOCTYPE worksheet><worksheet><sheetData>"),      // a DTD
             std::string("<worksheet><![CDATA[x]]><sheetData>"),                                    // CDATA first
             std::string("<worksheet><sheetData/></worksheet>"),                                    // no rows
         })
        BOOST_TEST((xlsx::scan_sheet_prelude(unsuitable, prelude) == PreludeScan::unsuitable), unsuitable);

    const std::string bytes = "</row><x:row></x:row\r\n\t><!-- </row> --><arrow></arrow></y:arrow></:row></ row>";
    const auto npos = std::string::npos;
    BOOST_TEST(xlsx::find_last_row_end(bytes, 0) == bytes.find("</row> -->") + 6);  // bytes only: in a comment
    BOOST_TEST(xlsx::find_last_row_end(bytes, bytes.find("</row> -->") + 6) == npos);
    BOOST_TEST(xlsx::find_last_row_end(bytes.substr(0, bytes.find("<!--")), 0) == bytes.find("<!--"));
    BOOST_TEST(xlsx::find_last_row_end(bytes.substr(0, bytes.find("<x:row>")), 0) == 6u);
    BOOST_TEST(xlsx::find_last_row_end(bytes.substr(0, bytes.find("<x:row>")), 6) == npos);  // '>' before `from`
    BOOST_TEST(xlsx::find_last_row_end("<arrow></arrow></y:arrow></:row></ row><row/>", 0) == npos);
}

// Every worksheet of every fixture reads the same split (at several chunk sizes) as serially:
// every cell's type, text, number and format, row problems, empty rows, errors.
BOOST_AUTO_TEST_CASE(split_reading_matches_serial_for_every_fixture) {
    if (!fixtures_present()) {
        BOOST_TEST_MESSAGE("skipped: ../shared/fixtures absent");
        return;
    }
    std::set<std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(kFixtures))
        if (entry.is_regular_file() && entry.path().extension() == ".xlsx") files.insert(entry.path().string());
    int compared = 0, sheets = 0;
    long chunks = 0, fallbacks = 0, rows = 0;
    for (const auto& path : files) {
        BOOST_TEST_CONTEXT(fs::relative(path, kFixtures).generic_string()) {
            std::vector<std::string> names;
            try {
                auto book = XlsxWorkbook::open(path, serial_limits());
                for (const auto& sheet : book->sheets())
                    if (sheet.is_worksheet) names.push_back(sheet.name);
            } catch (const common::PirpackError&) {
                continue;  // refused at open, before any sheet is read
            }
            ++compared;
            for (const auto& name : names) {
                BOOST_TEST_CONTEXT("sheet \"" << name << "\"") {
                    const Reading serial = read_exactly(path, name, serial_limits());
                    ++sheets;
                    rows += static_cast<long>(serial.rows.size());
                    for (std::size_t chunk : {std::size_t(1), std::size_t(64), std::size_t(1024)}) {
                        BOOST_TEST_CONTEXT("chunk " << chunk) {
                            XlsxParallelStats stats;
                            check_same(serial, read_exactly(path, name, split_limits(chunk), &stats));
                            BOOST_TEST(stats.split);
                            chunks += stats.chunks;
                            fallbacks += stats.fallbacks;
                        }
                    }
                }
            }
        }
    }
    BOOST_TEST_MESSAGE("split reading compared on " << compared << " fixture files, " << sheets << " sheets, " << rows
                                                    << " rows: " << chunks << " chunks verified, " << fallbacks
                                                    << " read on serially");
    BOOST_TEST(compared >= 50);
    BOOST_TEST(chunks > 1000);
}

// A "</row>" inside a comment, CDATA section or processing instruction is cut at (chunk size 1
// cuts at every one the byte scan finds). The chunk ending there fails its check, and the rest is
// read serially from its start, exactly as a serial reader reads it.
BOOST_AUTO_TEST_CASE(split_row_end_tags_in_comments_cdata_and_instructions_fall_back_exactly) {
    TempDir dir("pirpack_xlsx");
    const std::string head = number_row(1) + number_row(2);  // chunks 0 and 1
    const std::string tail = number_row(4) + number_row(5);
    struct Case {
        std::string name, rows;
        std::vector<std::string> expected;
    };
    const std::vector<Case> cases = {
        {"comment_between_rows",
         head + "<!-- </row> -->" + number_row(3) + tail,
         {"1: num 1", "2: num 2", "3: num 3", "4: num 4", "5: num 5"}},
        {"comment_in_a_row",
         head + "<row r=\"3\"><c r=\"A3\"><v>3</v></c><!-- </row><row r=\"9\"> --><c r=\"B3\"><v>33</v></c></row>" +
             tail,
         {"1: num 1", "2: num 2", "3: num 3 | num 33", "4: num 4", "5: num 5"}},
        {"cdata_in_a_cell",
         head + "<row r=\"3\"><c r=\"A3\" t=\"inlineStr\"><is><t><![CDATA[a</row>b]]></t></is></c></row>" + tail,
         {"1: num 1", "2: num 2", "3: text a</row>b", "4: num 4", "5: num 5"}},
        {"instruction_between_rows",
         head + "<?keep </x:row >?>" + number_row(3) + tail,
         {"1: num 1", "2: num 2", "3: num 3", "4: num 4", "5: num 5"}},
        {"instruction_in_a_cell",
         head + "<row r=\"3\"><c r=\"A3\"><?pi </row>?><v>3</v></c></row>" + tail,
         {"1: num 1", "2: num 2", "3: num 3", "4: num 4", "5: num 5"}},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            const std::string path = sheet_file(dir, c.name + ".xlsx", sheet_xml(c.rows));
            auto [serial, stats] = check_split(path);
            BOOST_TEST(read_sheet(path).all() == c.expected, boost::test_tools::per_element());
            BOOST_TEST(serial.rows.size() == c.expected.size());
            BOOST_TEST(stats.chunks == 2);  // rows 1 and 2, verified
            BOOST_TEST(stats.fallbacks == 1);
            BOOST_TEST(stats.fallback_chunk == 2);  // cut inside the comment, CDATA or instruction
        }
    }

    // A root named so that the sentinel ("</sheetData></w-->") closes a comment left open: the
    // elements it was to close stay open, and the check still fails.
    const std::string odd = std::string("<?xml version=\"1.0\"?>\n<w-- xmlns=\"") + kMain + "\"><sheetData>" + head +
                            "<!-- </row> -->" + number_row(3) + tail + "</sheetData></w-->";
    const std::string path = sheet_file(dir, "odd_root.xlsx", odd);
    auto [serial, stats] = check_split(path);
    BOOST_TEST(serial.rows.size() == 5u);
    BOOST_TEST(serial.error == "");
    BOOST_TEST(stats.chunks == 2);
    BOOST_TEST(stats.fallback_chunk == 2);
}

// A row without an r attribute takes the number after the row before it. In a chunk after the
// first, that is only known once a row in the same chunk has given its number.
BOOST_AUTO_TEST_CASE(split_rows_without_r_after_the_first_chunk) {
    TempDir dir("pirpack_xlsx");
    // Each chunk (size 1) opens with an empty row that gives its number: the rows without r
    // after it are numbered within the chunk, and nothing falls back.
    std::string anchored;
    std::vector<std::string> expected;
    for (int n = 10; n <= 50; n += 10) {
        anchored += "<row r=\"" + std::to_string(n) + "\"/><row><c><v>" + std::to_string(n + 1) + "</v></c>" +
                    "<c><v>7</v></c></row>";
        expected.push_back(std::to_string(n + 1) + ": num " + std::to_string(n + 1) + " | num 7");
    }
    std::string path = sheet_file(dir, "anchored.xlsx", sheet_xml(anchored));
    auto [serial, stats] = check_split(path);
    BOOST_TEST(read_sheet(path).all() == expected, boost::test_tools::per_element());
    BOOST_TEST(serial.empty_rows == 5);
    BOOST_TEST(stats.chunks == 6);  // five, and the end
    BOOST_TEST(stats.fallbacks == 0);

    // Without r from row 3 on (and an r that is not a number on row 5): chunk 2 falls back.
    path = sheet_file(dir, "unanchored.xlsx",
                      sheet_xml(number_row(1) + number_row(2) + "<row><c><v>3</v></c></row><row><c><v>4</v></c></row>" +
                                "<row r=\"x\"><c><v>5</v></c></row>" + number_row(9) + "<row><c><v>10</v></c></row>"));
    std::tie(serial, stats) = check_split(path);
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: num 1", "2: num 2", "3: num 3", "4: num 4",
                                                                   "5: num 5", "9: num 9", "10: num 10"}),
               boost::test_tools::per_element());
    BOOST_TEST(stats.chunks == 2);
    BOOST_TEST(stats.fallbacks == 1);
    BOOST_TEST(stats.fallback_chunk == 2);

    // Without r in the first chunk only: numbered from 1, as ever.
    path = sheet_file(dir, "first.xlsx",
                      sheet_xml("<row><c><v>1</v></c></row>" + number_row(2) + number_row(3) + number_row(7)));
    std::tie(serial, stats) = check_split(path);
    BOOST_TEST(read_sheet(path).all() == (std::vector<std::string>{"1: num 1", "2: num 2", "3: num 3", "7: num 7"}),
               boost::test_tools::per_element());
    BOOST_TEST(stats.chunks == 5);
    BOOST_TEST(stats.fallbacks == 0);
}

// A Strict sheet under an x: prefix, with white space in end tags, a default namespace declared
// on a row, and a row in another namespace: every cut is verified.
BOOST_AUTO_TEST_CASE(split_prefixed_strict_sheets_are_cut_at_prefixed_row_end_tags) {
    TempDir dir("pirpack_xlsx");
    const std::string strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";
    const std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n<x:worksheet xmlns:x=\"" + strict +
                            "\"><x:dimension ref=\"A1:B4\"/><x:sheetData>"
                            "<x:row r=\"1\"><x:c r=\"A1\" t=\"inlineStr\"><x:is><x:t>strict</x:t></x:is></x:c></x:row>"
                            "<x:row r=\"2\"><x:c r=\"B2\" t=\"b\"><x:v>1</x:v></x:c></x:row\n>"
                            "<row xmlns=\"" +
                            strict +
                            "\" r=\"3\"><c r=\"A3\"><v>3.5</v></c></row >"
                            "<other:row xmlns:other=\"urn:elsewhere\"><other:c><v>9</v></other:c></other:row>"
                            "<x:row r=\"4\"><x:c r=\"A4\" t=\"e\"><x:v>#N/A</x:v></x:c></x:row>"
                            "</x:sheetData></x:worksheet>";
    const std::string path = sheet_file(dir, "strict.xlsx", xml);
    auto [serial, stats] = check_split(path);
    BOOST_TEST(read_sheet(path).all() ==
                   (std::vector<std::string>{"1: text strict", "2: - | bool TRUE", "3: num 3.5", "4: err #N/A"}),
               boost::test_tools::per_element());
    BOOST_TEST(stats.chunks == 6);  // four rows, the other namespace's row, and the end
    BOOST_TEST(stats.fallbacks == 0);
}

// Malformed XML in chunk 3: chunks 0 to 2 are handed out, and the serial rest reports the error
// with the same message and row as a serial reader.
BOOST_AUTO_TEST_CASE(split_malformed_xml_in_chunk_3_is_reported_as_serially) {
    TempDir dir("pirpack_xlsx");
    const std::string path = sheet_file(dir, "broken.xlsx",
                                        sheet_xml(number_row(1) + number_row(2) + number_row(3) +
                                                  "<row r=\"4\"><c r=\"A4\"><v>4</c></row>" + number_row(5)));
    auto [serial, stats] = check_split(path);
    BOOST_TEST(serial.rows.size() == 3u);
    BOOST_TEST(serial.error ==
               "xl/worksheets/sheet1.xml is not well-formed XML (mismatched tag at line 2) | hint: the workbook is "
               "damaged; open it in Excel and save it again | file " +
                   path + " | sheet Data | row 4");
    BOOST_TEST(stats.chunks == 3);
    BOOST_TEST(stats.fallbacks == 1);
    BOOST_TEST(stats.fallback_chunk == 3);

    // Cut short inside a row, and after the last row end tag.
    std::string whole = sheet_xml(number_row(1) + number_row(2) + number_row(3));
    for (const std::size_t cut : {whole.find("<row r=\"3\">") + 14, whole.find("</sheetData>")}) {
        BOOST_TEST_CONTEXT("cut at " << cut) {
            const std::string truncated = sheet_file(dir, "cut" + std::to_string(cut) + ".xlsx", whole.substr(0, cut));
            std::tie(serial, stats) = check_split(truncated);
            BOOST_TEST(contains(serial.error, "is not well-formed XML"));
            BOOST_TEST(contains(serial.error, "| row 3"));
        }
    }
}

// A reader dropped after a few rows (or none), with its threads busy, goes at once; so does one
// dropped while reading serially after a fallback, and one that outlives its workbook.
BOOST_AUTO_TEST_CASE(split_readers_dropped_early_stop_their_threads) {
    TempDir dir("pirpack_xlsx");
    std::string rows;
    for (int n = 1; n <= 20000; ++n) rows += number_row(n);
    const std::string path = sheet_file(dir, "long.xlsx", sheet_xml(rows));
    const std::string fake = sheet_file(dir, "fake.xlsx",
                                        sheet_xml(rows.substr(0, rows.find("<row r=\"50\">")) + "<!-- </row> -->" +
                                                  rows.substr(rows.find("<row r=\"50\">"))));
    const auto started = std::chrono::steady_clock::now();
    for (const auto& file : {path, fake})
        for (const int wanted : {0, 1, 3, 60, 5000}) {
            BOOST_TEST_CONTEXT(file << " after " << wanted << " rows") {
                XlsxParallelStats stats;
                XlsxLimits limits = split_limits(file == path ? 4096 : 1);
                limits.parallel_stats = &stats;
                auto book = XlsxWorkbook::open(file, limits);
                auto reader = book->open_sheet();
                if (wanted == 3) book.reset();  // the reader outlives its workbook
                Row row;
                for (int n = 1; n <= wanted; ++n) {
                    BOOST_REQUIRE(reader->next(row));
                    BOOST_TEST(row.line == n);
                    BOOST_TEST(render(row) == "num " + std::to_string(n));
                }
                reader.reset();
                BOOST_TEST(stats.split);
                if (file == fake && wanted >= 60) BOOST_TEST(stats.fallback_chunk == 49);
            }
        }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    BOOST_TEST_MESSAGE("ten readers dropped early in " << seconds << " s");
    BOOST_TEST(seconds < 30);
}

// Every kind of cell, row problems and empty rows, split at every row end tag and more coarsely.
BOOST_AUTO_TEST_CASE(split_every_cell_kind_problem_and_empty_row_as_serially) {
    TempDir dir("pirpack_xlsx");
    const std::string strings = std::string("<sst xmlns=\"") + kMain +
                                "\"><si><t>shared</t></si><si><r><t>ri</t></r><r><t xml:space=\"preserve\"> ch"
                                "</t></r><rPh><t>x</t></rPh></si></sst>";
    const std::string rows =
        "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"s\"><v>1</v></c><c r=\"C1\" t=\"s\"><v>7</v></c>"
        "</row>"
        "<row r=\"2\" spans=\"1:3\"><c r=\"A2\" s=\"1\"/><c r=\"B2\"/></row>"  // empty
        "<row r=\"3\"><c r=\"A3\"><v>1e3</v></c><c r=\"C3\" t=\"str\"><f>A3</f><v>x_x0041_</v></c>"
        "<c r=\"D3\" t=\"b\"><v>maybe</v></c></row>"
        "<row r=\"5\"><c r=\"A5\" t=\"d\"><v>2021-01-01T10:10:10Z</v></c><c t=\"n\"><v> 2 </v></c>"
        "<c r=\"XFE5\"><v>1</v></c></row>"
        "<row r=\"6\"/><row r=\"7\"></row>"  // empty
        "<row r=\"8\"><c r=\"A8\" t=\"inlineStr\"><is><r><t> a </t></r><r><t xml:space=\"preserve\"> b </t></r>"
        "</is></c><c r=\"B8\" t=\"e\"><v>#DIV/0!</v></c><c r=\"C8\"><v>abc</v></c></row>"
        "<row r=\"9\"><c r=\"A9\" t=\"q\"><v>other</v></c><c r=\"B9\" t=\"inlineStr\"><v>v</v></c></row>";
    const std::string path = sheet_file(dir, "kinds.xlsx", sheet_xml(rows), strings);
    auto [serial, stats] = check_split(path, {1, 7, 120, 100000});
    BOOST_TEST(
        serial.rows ==
            (std::vector<std::string>{
                "1 [cell C1 refers to shared string 7, which does not exist @3] | 1 \"shared\" 0 \"\" | 1 "
                "\"ri ch\" 0 \"\"",
                "3 [cannot read \"maybe\" as a boolean @4] | 2 \"1000\" 1000 \"\" | 0 \"\" 0 \"\" | 1 \"xA\" 0 "
                "\"\" | 1 \"maybe\" 0 \"\"",
                "5 [cell XFE5 is past the last column a sheet can have (XFD) @16384] | 4 \"2021-01-01T10:10:10\" "
                "44197.423726851855 \"\" | 2 \"2\" 2 \"\"",
                "8 [cannot read \"abc\" as a number @3] | 1 \"a b \" 0 \"\" | 5 \"#DIV/0!\" 0 \"\" | 1 \"abc\" 0 "
                "\"\"",
                "9 [ @0] | 1 \"other\" 0 \"\" | 1 \"v\" 0 \"\"",
            }),
        boost::test_tools::per_element());
    BOOST_TEST(serial.empty_before == (std::vector<long>{0, 1, 1, 3, 3}), boost::test_tools::per_element());
    BOOST_TEST(serial.empty_rows == 3);
    BOOST_TEST(stats.chunks == 8);  // one per row end tag (<row r="6"/> has none), and the end
    BOOST_TEST(stats.fallbacks == 0);
}

// Parts the split cannot cut safely are read serially from the start: a DTD (refused, as ever),
// an encoding other than UTF-8, no sheetData start tag.
BOOST_AUTO_TEST_CASE(split_is_refused_for_dtds_other_encodings_and_odd_preludes) {
    TempDir dir("pirpack_xlsx");
    const std::string body = "<worksheet xmlns=\"" + std::string(kMain) + "\"><sheetData>" + number_row(1) +
                             number_row(2) + "</sheetData></worksheet>";
    struct Case {
        std::string name, xml, error;
        std::size_t rows;
    };
    std::string utf16 = "\xFF\xFE";
    for (char c : "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + body) {
        if (c == '\0') break;
        utf16 += c;
        utf16 += '\0';
    }
    const std::vector<Case> cases = {
        {"dtd", "<?xml version=\"1.0\"?>\n<!DOCTYPE worksheet>\n" + body,
         "refusing a DTD or entity declaration in xl/worksheets/sheet1.xml", 0},
        {"latin1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + body, "", 2},
        {"utf16", utf16, "", 2},
        {"no_sheet_data", "<worksheet xmlns=\"" + std::string(kMain) + "\">" + number_row(1) + "</worksheet>", "", 0},
    };
    for (const auto& c : cases) {
        BOOST_TEST_CONTEXT(c.name) {
            const std::string path = sheet_file(dir, c.name + ".xlsx", c.xml);
            auto [serial, stats] = check_split(path, {1, 4096});
            BOOST_TEST(serial.rows.size() == c.rows);
            BOOST_TEST(serial.error.substr(0, c.error.size()) == c.error);
            BOOST_TEST(stats.chunks == 0);
            BOOST_TEST(stats.fallback_chunk == 0);
        }
    }
}

// A limit met part way through a sheet: the same rows come before the same error. (The split
// reads in the prefetching reader's 256 KiB blocks, so with chunks of 256 KiB or more, the same
// bytes precede the error.)
BOOST_AUTO_TEST_CASE(split_a_limit_met_part_way_gives_the_same_rows_and_error) {
    TempDir dir("pirpack_xlsx");
    std::string rows;
    for (int n = 1; n <= 60000; ++n) rows += number_row(n);  // about 3 MiB
    const std::string path = sheet_file(dir, "limited.xlsx", sheet_xml(rows));
    XlsxLimits serial = serial_limits();
    serial.max_total_uncompressed = 2 << 20;
    const Reading expected = read_exactly(path, {}, serial);
    BOOST_TEST(expected.rows.size() > 30000u);
    BOOST_TEST(expected.rows.size() < 50000u);
    BOOST_TEST(contains(expected.error, "the workbook inflates past the limit of 2 MiB for all parts"));
    for (std::size_t chunk : {std::size_t(256) << 10, std::size_t(1) << 20}) {
        BOOST_TEST_CONTEXT("chunk " << chunk) {
            XlsxLimits split = split_limits(chunk);
            split.max_total_uncompressed = 2 << 20;
            XlsxParallelStats stats;
            check_same(expected, read_exactly(path, {}, split, &stats));
            BOOST_TEST(stats.chunks > 0);
            BOOST_TEST(stats.fallbacks == 1);  // the bytes before the error are read serially
        }
    }
}

// By default only a sheet declaring 8 MiB or more is split.
BOOST_AUTO_TEST_CASE(split_only_large_sheets_by_default) {
    TempDir dir("pirpack_xlsx");
    std::string rows;
    for (int n = 1; n <= 30000; ++n) rows += number_row(n);  // about 1.5 MiB
    const std::string path = sheet_file(dir, "medium.xlsx", sheet_xml(rows));
    XlsxLimits limits;
    BOOST_TEST(limits.parallel_min_bytes == 8ull << 20);
    XlsxParallelStats stats;
    const Reading plain = read_exactly(path, {}, limits, &stats);
    BOOST_TEST(plain.rows.size() == 30000u);
    BOOST_TEST(!stats.split);
    limits.parallel_min_bytes = 1 << 20;
    const Reading split = read_exactly(path, {}, limits, &stats);
    check_same(plain, split);
    BOOST_TEST(stats.split);
    BOOST_TEST(stats.chunks == 2);  // a 1 MiB chunk and the rest
    BOOST_TEST(stats.fallbacks == 0);
}

BOOST_AUTO_TEST_SUITE_END()
