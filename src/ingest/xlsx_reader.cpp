#include "ingest/xlsx_reader.hpp"

#include <pthread.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_map>
#include <utility>

#include "common/errors.hpp"
#include "ingest/xlsx_cells.hpp"
#include "ingest/xlsx_package.hpp"
#include "ingest/xlsx_xml.hpp"

namespace pirpack::ingest {

using common::ErrorKind;
using common::PirpackError;
using common::SourceLocation;
using namespace xlsx;

namespace {

constexpr int kMaxColumn = 16384;  // XFD

const char* const kDamagedHint = "the workbook is damaged or incomplete; open it in Excel and save it again";

// ---- part names ---------------------------------------------------------------------------

std::string percent_decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto hex = [](char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2])));
            i += 2;
        } else {
            out.push_back(text[i] == '\\' ? '/' : text[i]);
        }
    }
    return out;
}

// The folder of a part, with its trailing slash: "xl/" for "xl/workbook.xml".
std::string folder_of(std::string_view part) {
    std::size_t slash = part.rfind('/');
    return slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
}

// A relationship target made a part name: absolute ("/xl/...") or relative to `folder`, with
// "." and ".." segments resolved.
std::string resolve_target(std::string_view folder, std::string_view target) {
    std::string decoded = percent_decode(target);
    std::string full = !decoded.empty() && decoded.front() == '/' ? decoded.substr(1) : std::string(folder) + decoded;
    std::vector<std::string> segments;
    std::size_t start = 0;
    while (start <= full.size()) {
        std::size_t end = full.find('/', start);
        if (end == std::string::npos) end = full.size();
        std::string segment = full.substr(start, end - start);
        if (segment == "..") {
            if (!segments.empty()) segments.pop_back();
        } else if (!segment.empty() && segment != ".") {
            segments.push_back(std::move(segment));
        }
        start = end + 1;
    }
    std::string out;
    for (const auto& segment : segments) {
        if (!out.empty()) out.push_back('/');
        out += segment;
    }
    return out;
}

std::string rels_part_for(std::string_view part) {
    std::size_t slash = part.rfind('/');
    std::string folder = slash == std::string_view::npos ? std::string() : std::string(part.substr(0, slash + 1));
    std::string name(slash == std::string_view::npos ? part : part.substr(slash + 1));
    return folder + "_rels/" + name + ".rels";
}

std::string_view type_suffix(std::string_view type) {
    std::size_t slash = type.rfind('/');
    return slash == std::string_view::npos ? type : type.substr(slash + 1);
}

bool is_true(const char* value) { return value && (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0); }
bool is_false(const char* value) { return value && (std::strcmp(value, "0") == 0 || std::strcmp(value, "false") == 0); }

bool is_sml(const XmlName& name) { return name.ns == Ns::spreadsheet || name.ns == Ns::none; }

// `name == literal` as a length check and a few byte compares: std::string_view's operator== is
// left out of line in the sheet handler and calls memcmp, a measurable share of a large sheet.
template <std::size_t N>
inline bool is(std::string_view name, const char (&literal)[N]) {
    return name.size() == N - 1 && std::memcmp(name.data(), literal, N - 1) == 0;
}

template <typename Int>
bool parse_int(std::string_view text, Int& out) {
    while (!text.empty() &&
           (text.front() == ' ' || text.front() == '\t' || text.front() == '\n' || text.front() == '\r'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' || text.back() == '\r'))
        text.remove_suffix(1);
    if (text.empty()) return false;
    auto result = std::from_chars(text.data(), text.data() + text.size(), out);
    return result.ec == std::errc() && result.ptr == text.data() + text.size();
}

std::string quoted_list(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) {
        if (!out.empty()) out += ", ";
        out += "\"" + name + "\"";
    }
    return out.empty() ? "(none)" : out;
}

// ---- the small parts ----------------------------------------------------------------------

struct Relationship {
    std::string id, type, target;
    bool external = false;
};

class RelsHandler final : public XmlHandler {
public:
    std::vector<Relationship> relationships;

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (name.local != "Relationship" || (name.ns != Ns::package && name.ns != Ns::none)) return;
        Relationship r;
        if (const char* v = attributes.find("Id")) r.id = v;
        if (const char* v = attributes.find("Type")) r.type = v;
        if (const char* v = attributes.find("Target")) r.target = v;
        if (const char* v = attributes.find("TargetMode")) r.external = equals_ascii_nocase(v, "External");
        relationships.push_back(std::move(r));
    }
    void end_element(const XmlName&) override {}
    void text(const char*, int) override {}
};

struct SheetEntry {
    std::string name, state, relationship_id;
};

class WorkbookHandler final : public XmlHandler {
public:
    XmlParser* parser = nullptr;
    bool root_seen = false;
    bool is_workbook = false;
    std::string root_name;
    std::vector<SheetEntry> sheets;
    bool date1904 = false;
    bool no_date_compatibility = false;

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (!root_seen) {
            root_seen = true;
            root_name = std::string(name.local);
            is_workbook = is_sml(name) && name.local == "workbook";
            if (!is_workbook) parser->finish();
            return;
        }
        if (!is_sml(name)) return;
        if (name.local == "sheet") {
            SheetEntry entry;
            if (const char* v = attributes.find("name")) entry.name = v;
            if (const char* v = attributes.find("state")) entry.state = v;
            const char* id = attributes.find(Ns::relationships, "id");
            if (!id) id = attributes.find_prefixed("id");  // a relationships namespace not known here
            if (id) entry.relationship_id = id;
            sheets.push_back(std::move(entry));
        } else if (name.local == "workbookPr") {
            date1904 = is_true(attributes.find("date1904"));
            no_date_compatibility = is_false(attributes.find("dateCompatibility"));
        }
    }
    void end_element(const XmlName&) override {}
    void text(const char*, int) override {}
};

class StylesHandler final : public XmlHandler {
public:
    std::unordered_map<int, std::string> custom_formats;
    std::vector<int> cell_formats;  // numFmtId of each cellXfs/xf

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (!is_sml(name)) return;
        if (name.local == "numFmts") {
            in_formats_ = true;
        } else if (name.local == "cellXfs") {
            in_cell_xfs_ = true;
        } else if (in_formats_ && name.local == "numFmt") {
            int id = 0;
            const char* id_text = attributes.find("numFmtId");
            const char* code = attributes.find("formatCode");
            if (id_text && code && parse_int(id_text, id)) custom_formats[id] = code;
        } else if (in_cell_xfs_ && name.local == "xf") {
            int id = 0;
            const char* id_text = attributes.find("numFmtId");
            if (!id_text || !parse_int(id_text, id)) id = 0;
            cell_formats.push_back(id);
        }
    }
    void end_element(const XmlName& name) override {
        if (!is_sml(name)) return;
        if (name.local == "numFmts") in_formats_ = false;
        if (name.local == "cellXfs") in_cell_xfs_ = false;
    }
    void text(const char*, int) override {}

private:
    bool in_formats_ = false;
    bool in_cell_xfs_ = false;
};

// The shared strings, packed into one buffer: string i is pool[offsets[i], offsets[i + 1]).
struct SharedStrings {
    std::string pool;
    std::vector<std::uint64_t> offsets{0};
    std::vector<std::size_t> cut;  // ascending indexes of strings cut at kMaxCellBytes

    std::size_t size() const { return offsets.size() - 1; }
    std::string_view at(std::size_t i) const {
        return std::string_view(pool.data() + offsets[i], offsets[i + 1] - offsets[i]);
    }
    bool was_cut(std::size_t i) const { return std::binary_search(cut.begin(), cut.end(), i); }
};

class SharedStringsHandler final : public XmlHandler {
public:
    explicit SharedStringsHandler(SharedStrings& table) : table_(table) {}

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (!is_sml(name)) return;
        if (is(name.local, "si")) {
            in_item_ = true;
            item_cut_ = false;
            item_start_ = table_.pool.size();
        } else if (!in_item_) {
            if (is(name.local, "sst")) {
                std::uint64_t count = 0;
                if (const char* unique = attributes.find("uniqueCount"); unique && parse_int(unique, count))
                    table_.offsets.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, 1u << 20)) + 1);
            }
        } else if (is(name.local, "rPh")) {
            ++phonetic_depth_;
        } else if (is(name.local, "t") && phonetic_depth_ == 0) {
            in_text_ = true;
            text_start_ = table_.pool.size();
            const char* space = attributes.find(Ns::xml, "space");
            preserve_ = space && std::strcmp(space, "preserve") == 0;
        }
    }
    void end_element(const XmlName& name) override {
        if (!is_sml(name) || !in_item_) return;
        if (is(name.local, "t") && in_text_) {
            if (!preserve_) trim_xml_space(table_.pool, text_start_);
            in_text_ = false;
        } else if (is(name.local, "rPh")) {
            --phonetic_depth_;
        } else if (is(name.local, "si")) {
            decode_escapes(table_.pool, item_start_);
            if (item_cut_) table_.cut.push_back(table_.size());
            table_.offsets.push_back(table_.pool.size());
            in_item_ = false;
        }
    }
    void text(const char* data, int size) override {
        if (in_text_ && !append_within(table_.pool, item_start_, std::string_view(data, static_cast<std::size_t>(size)),
                                       kMaxCellBytes))
            item_cut_ = true;
    }

private:
    SharedStrings& table_;
    bool in_item_ = false;
    bool in_text_ = false;
    bool preserve_ = false;
    bool item_cut_ = false;
    int phonetic_depth_ = 0;
    std::size_t item_start_ = 0;
    std::size_t text_start_ = 0;
};

// ---- what every sheet reader shares -----------------------------------------------------

struct CellStyle {
    FormatKind kind = FormatKind::general;
    std::string code;  // empty for General
};

struct BookData {
    std::string display_path;
    DateSystem dates = DateSystem::excel1900;
    std::vector<CellStyle> styles;
    SharedStrings strings;
    CellStyle general;

    const CellStyle& style(std::size_t index) const { return index < styles.size() ? styles[index] : general; }
};

// ---- the sheet handler --------------------------------------------------------------------

// The rows one parser made of a run of a sheet: rows[0, count) in order. Rows past `count` are
// storage kept for reuse (the consumer swaps its own Row in for each one it takes).
struct RowBatch {
    std::vector<Row> rows;
    std::vector<long> empty_before;  // empty <row>s skipped in the run before rows[i]
    std::size_t count = 0;
    long empty_rows = 0;  // empty <row>s in the whole run
    long last_row = 0;    // the number of the run's last <row>, empty or not

    void clear() {
        count = 0;
        empty_before.clear();
        empty_rows = 0;
        last_row = 0;
    }
};

// What a worksheet's elements become: the one place that turns cells into a Row. The serial
// reader has it build each row in the caller's Row and suspend the parser after it; a chunk
// worker (below) has it append a run's rows to a RowBatch. It also notes what the chunk checks
// need: where the sheetData start tag was, and where and why it stopped the parser.
class SheetHandler final : public XmlHandler {
public:
    enum class Stop {
        none,
        sheet_end,   // the end of sheetData: nothing after it matters (as ever)
        unanchored,  // a row without a usable r attribute, in a run whose first row number is unknown
    };

    explicit SheetHandler(const BookData& book) : book_(book) {}

    // `row_number` is that of the row before the first this parser will see.
    void attach(XmlParser& parser, long row_number = 0) {
        parser_ = &parser;
        row_number_ = row_number;
        parser.row_for_errors = row_number;
    }

    // Serial: the next row is built in `row` (null for none), and the parser suspends after it.
    void emit_into(Row* row) {
        row_ = row;
        ready_ = false;
    }
    bool ready() const { return ready_; }

    // A chunk: every row goes to `batch`. Unless `anchored`, a row whose number would depend on
    // rows before the run (no r attribute before any row that has one) stops the parse.
    void collect_into(RowBatch& batch, bool anchored) {
        batch_ = &batch;
        if (batch.rows.empty()) batch.rows.emplace_back();
        row_ = &batch.rows[0];
        anchored_ = anchored;
    }

    long empty_rows() const { return empty_rows_; }
    long row_number() const { return row_number_; }
    Stop stop() const { return stop_; }
    std::int64_t stop_index() const { return stop_index_; }
    int stop_depth() const { return stop_depth_; }
    std::int64_t data_tag_start() const { return data_tag_start_; }
    std::int64_t data_tag_end() const { return data_tag_end_; }
    int data_tag_depth() const { return data_tag_depth_; }

    // Between rows with nothing carried over: what a fresh handler is once it has read the
    // prelude, but for the row number. (A handler can be left mid-cell by odd nesting such as
    // <v><c/></v>; such a state is not one a chunk may start from.)
    bool at_rest() const {
        return !in_row_ && !in_cell_ && !capture_value_ && !in_inline_ && !in_text_ && phonetic_depth_ == 0;
    }

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (!is_sml(name)) return;
        const std::string_view local = name.local;
        if (in_cell_) {
            if (is(local, "v")) {
                capture_value_ = true;
                has_value_ = true;
                value_.clear();
            } else if (is(local, "is")) {
                in_inline_ = true;
                has_inline_ = true;
                inline_.clear();
            } else if (in_inline_) {
                if (is(local, "rPh")) {
                    ++phonetic_depth_;
                } else if (is(local, "t") && phonetic_depth_ == 0) {
                    in_text_ = true;
                    text_start_ = inline_.size();
                    const char* space = attributes.find(Ns::xml, "space");
                    preserve_ = space && std::strcmp(space, "preserve") == 0;
                }
            }
        } else if (in_row_) {
            if (is(local, "c")) start_cell(attributes);
        } else if (in_sheet_data_) {
            if (is(local, "row")) start_row(attributes);
        } else if (is(local, "sheetData")) {
            in_sheet_data_ = true;
            data_tag_start_ = parser_->byte_index();
            data_tag_end_ = data_tag_start_ + parser_->byte_count();
            data_tag_depth_ = parser_->depth();
        }
    }

    void end_element(const XmlName& name) override {
        if (!is_sml(name) || !in_sheet_data_) return;
        const std::string_view local = name.local;
        if (in_cell_) {
            if (is(local, "v")) {
                capture_value_ = false;
            } else if (is(local, "c")) {
                in_cell_ = false;
                finish_cell();
            } else if (in_inline_) {
                if (is(local, "t") && in_text_) {
                    if (!preserve_) trim_xml_space(inline_, text_start_);
                    in_text_ = false;
                } else if (is(local, "rPh")) {
                    --phonetic_depth_;
                } else if (is(local, "is")) {
                    in_inline_ = false;
                }
            }
        } else if (in_row_) {
            if (is(local, "row")) finish_row();
        } else if (is(local, "sheetData")) {
            in_sheet_data_ = false;
            stop_ = Stop::sheet_end;
            stop_index_ = parser_->byte_index();
            stop_depth_ = parser_->depth();
            parser_->finish();  // nothing after the cells matters here
        }
    }

    void text(const char* data, int size) override {
        const std::string_view piece(data, static_cast<std::size_t>(size));
        if (capture_value_) {
            if (!append_within(value_, 0, piece, kMaxCellBytes)) too_long_ = true;
        } else if (in_text_) {
            if (!append_within(inline_, 0, piece, kMaxCellBytes)) too_long_ = true;
        }
    }

private:
    enum class Kind { number, shared, inline_string, formula_string, boolean, error, iso_date, other };

    void start_row(const XmlAttributes& attributes) {
        long number = row_number_ + 1;
        bool given_number = false;
        if (const char* r = attributes.find("r")) {
            long given = 0;
            if (parse_int(r, given) && given > 0) {
                number = given;
                given_number = true;
            }
        }
        if (!given_number && !anchored_) {
            stop_ = Stop::unanchored;
            parser_->finish();
            return;
        }
        anchored_ = true;
        row_number_ = number;
        parser_->row_for_errors = number;
        row_->line = number;
        row_->problem.clear();
        row_->problem_column = 0;
        used_ = 0;
        column_ = 0;
        in_row_ = true;
    }

    void finish_row() {
        in_row_ = false;
        Row& row = *row_;
        while (used_ > 0 && row.cells[used_ - 1].type == CellType::empty) --used_;
        if (used_ == 0 && row.problem.empty()) {
            ++empty_rows_;
            return;
        }
        if (row.cells.size() > used_) row.cells.resize(used_);
        if (batch_) {
            batch_->empty_before.push_back(empty_rows_);
            if (++batch_->count == batch_->rows.size()) batch_->rows.emplace_back();
            row_ = &batch_->rows[batch_->count];
            return;
        }
        ready_ = true;
        parser_->suspend();
    }

    void start_cell(const XmlAttributes& attributes) {
        in_cell_ = true;
        has_value_ = false;
        has_inline_ = false;
        skip_ = false;
        too_long_ = false;
        phonetic_depth_ = 0;
        const char* reference = nullptr;
        const char* type = nullptr;
        const char* style = nullptr;
        for (const char** p = attributes.pairs(); *p; p += 2) {
            const char* attribute = p[0];
            if (attribute[0] == '\0' || attribute[1] != '\0') continue;
            if (attribute[0] == 'r')
                reference = p[1];
            else if (attribute[0] == 't')
                type = p[1];
            else if (attribute[0] == 's')
                style = p[1];
        }
        int column = reference && *reference ? column_from_reference(reference) : 0;
        if (column <= 0) column = column_ + 1;
        column_ = column;
        cell_column_ = column;
        if (column > kMaxColumn) {
            note_problem(kMaxColumn, std::string("cell ") + (reference ? reference : "") +
                                         " is past the last column a sheet can have (XFD)");
            skip_ = true;
        }
        kind_ = type && *type ? kind_of(type) : Kind::number;
        style_ = 0;
        if (style && *style && !parse_int(style, style_)) style_ = 0;
    }

    // What a cell's t attribute (not empty) makes of it.
    static Kind kind_of(const char* type) {
        const bool one = type[1] == '\0';
        switch (type[0]) {
            case 'n':
                if (one) return Kind::number;
                break;
            case 's':
                if (one) return Kind::shared;
                if (std::strcmp(type, "str") == 0) return Kind::formula_string;
                break;
            case 'i':
                if (std::strcmp(type, "inlineStr") == 0) return Kind::inline_string;
                break;
            case 'b':
                if (one) return Kind::boolean;
                break;
            case 'e':
                if (one) return Kind::error;
                break;
            case 'd':
                if (one) return Kind::iso_date;
                break;
            default:
                break;
        }
        return Kind::other;
    }

    // The cell at `column` (1-based) of the row, clearing any gap before it.
    Cell& place(int column) {
        Row& row = *row_;
        const std::size_t index = static_cast<std::size_t>(column - 1);
        if (index >= used_) {
            if (row.cells.size() <= index) row.cells.resize(index + 1);
            for (std::size_t i = used_; i < index; ++i) {
                Cell& gap = row.cells[i];
                gap.type = CellType::empty;
                gap.text.clear();
                gap.number = 0;
                gap.format.clear();
            }
            used_ = index + 1;
        }
        return row.cells[index];
    }

    void put_text(std::string_view text) {
        Cell& cell = place(cell_column_);
        cell.type = CellType::text;
        cell.text.assign(text);
        cell.number = 0;
        cell.format.clear();
    }

    void note_problem(int column, std::string message) {
        if (!row_->problem.empty()) return;
        row_->problem = std::move(message);
        row_->problem_column = column;
    }

    static bool blank(const std::string& text) {
        for (char c : text)
            if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
        return true;
    }

    std::string cell_reference() const { return column_letters(cell_column_) + std::to_string(row_number_); }

    void note_too_long() {
        note_problem(cell_column_, "cell " + cell_reference() + " is longer than " + std::to_string(kMaxCellBytes) +
                                       " bytes, the most a cell may hold");
    }

    void finish_cell() {
        if (skip_) return;
        if (too_long_) note_too_long();  // the cut text is still read, as far as it goes
        switch (kind_) {
            case Kind::shared: {
                if (!has_value_ || blank(value_)) return;
                std::size_t index = 0;
                if (!parse_int(value_, index) || index >= book_.strings.size()) {
                    note_problem(cell_column_, "cell " + cell_reference() + " refers to shared string " + value_ +
                                                   ", which does not exist");
                    return;
                }
                if (book_.strings.was_cut(index)) note_too_long();
                put_text(book_.strings.at(index));
                return;
            }
            case Kind::inline_string:
                if (has_inline_) {
                    decode_escapes(inline_);
                    put_text(inline_);
                } else if (has_value_) {
                    decode_escapes(value_);
                    put_text(value_);
                }
                return;
            case Kind::formula_string:
            case Kind::other:
                if (has_value_) {
                    decode_escapes(value_);
                    put_text(value_);
                } else if (has_inline_) {
                    decode_escapes(inline_);
                    put_text(inline_);
                }
                return;
            case Kind::boolean: {
                if (!has_value_ || blank(value_)) return;
                std::size_t first = value_.find_first_not_of(" \t\r\n");
                std::string_view v(value_.data() + first, value_.find_last_not_of(" \t\r\n") + 1 - first);
                bool truth;
                if (v == "1" || v == "true" || v == "TRUE")
                    truth = true;
                else if (v == "0" || v == "false" || v == "FALSE")
                    truth = false;
                else {
                    note_problem(cell_column_, "cannot read \"" + value_ + "\" as a boolean");
                    put_text(value_);
                    return;
                }
                Cell& cell = place(cell_column_);
                cell.type = CellType::boolean;
                cell.text.assign(truth ? "TRUE" : "FALSE");
                cell.number = truth ? 1 : 0;
                cell.format.clear();
                return;
            }
            case Kind::error: {
                if (!has_value_ || blank(value_)) return;
                trim_xml_space(value_);
                Cell& cell = place(cell_column_);
                cell.type = CellType::error;
                cell.text.assign(value_);
                cell.number = 0;
                cell.format.clear();
                return;
            }
            case Kind::iso_date: {
                if (!has_value_ || blank(value_)) return;
                Cell& cell = place(cell_column_);
                double serial = 0;
                if (parse_iso_cell(value_, book_.dates, cell.text, serial)) {
                    cell.type = CellType::date;
                    cell.number = serial;
                    cell.format = book_.style(static_cast<std::size_t>(style_)).code;
                } else {
                    cell.type = CellType::text;
                    cell.text.assign(value_);
                    cell.number = 0;
                    cell.format.clear();
                }
                return;
            }
            case Kind::number: {
                if (!has_value_) {
                    if (has_inline_) {  // an inline string without t="inlineStr"
                        decode_escapes(inline_);
                        put_text(inline_);
                    }
                    return;
                }
                if (blank(value_)) return;
                double number = 0;
                if (!parse_number(value_, number)) {
                    note_problem(cell_column_, "cannot read \"" + value_ + "\" as a number");
                    put_text(value_);
                    return;
                }
                const CellStyle& style = book_.style(static_cast<std::size_t>(style_));
                Cell& cell = place(cell_column_);
                cell.number = number;
                if (style.kind == FormatKind::date && format_serial_date(number, book_.dates, cell.text)) {
                    cell.type = CellType::date;
                } else {
                    cell.type = CellType::number;
                    format_number(number, cell.text);
                }
                cell.format.assign(style.code);
                return;
            }
        }
    }

    const BookData& book_;
    XmlParser* parser_ = nullptr;
    Row* row_ = nullptr;
    RowBatch* batch_ = nullptr;
    bool ready_ = false;
    bool anchored_ = true;
    long empty_rows_ = 0;

    Stop stop_ = Stop::none;
    std::int64_t stop_index_ = -1;
    int stop_depth_ = 0;
    std::int64_t data_tag_start_ = -1;
    std::int64_t data_tag_end_ = -1;
    int data_tag_depth_ = 0;

    bool in_sheet_data_ = false;
    bool in_row_ = false;
    bool in_cell_ = false;
    bool capture_value_ = false;
    bool in_inline_ = false;
    bool in_text_ = false;
    bool preserve_ = false;
    int phonetic_depth_ = 0;
    std::size_t text_start_ = 0;

    long row_number_ = 0;
    int column_ = 0;
    std::size_t used_ = 0;

    Kind kind_ = Kind::number;
    int style_ = 0;
    int cell_column_ = 0;
    bool has_value_ = false;
    bool has_inline_ = false;
    bool skip_ = false;
    bool too_long_ = false;  // value_ or inline_ was cut at kMaxCellBytes
    std::string value_;
    std::string inline_;
};

// ---- a large sheet on two threads -----------------------------------------------------------
//
// Expat spends most of a big sheet's time, and one parser cannot use two cores, so a large
// worksheet is cut into runs of rows (chunks) that parsers on worker threads read at once. The
// consumer takes their rows in order. Nothing is handed out that a single parser reading the whole
// part (the serial reader, which small sheets still use) would not have handed out.
//
// The cut. A splitter thread inflates the part and cuts it into chunks of about a megabyte. Each
// chunk ends just after a row end tag: "</", an optional "prefix:", "row", optional white space,
// ">". Chunk 0 starts at byte 0. P, the prelude, is the part's bytes up to the end of the
// <sheetData> start tag. Each chunk is parsed by a fresh expat parser with a fresh SheetHandler:
// chunk 0 as it stands, any other as P + chunk. Every chunk but the last is followed by the
// sentinel S = "</Q1></Q0>", where Q1 and Q0 are sheetData's and the root's qualified names as
// P spells them.
//
// Call an offset a boundary when the serial parse, having read the part up to it, is in exactly
// the state a parse of P alone ends in, but for its line count and row number. That means expat
// is between tokens in content; its open elements are the root and sheetData (the very elements
// P opens, with the same namespace declarations); and the handler is in sheetData, at rest.
// Chunk k's rows are identical to the serial reader's if chunk k starts at a boundary. Expat
// and the handler are deterministic, and neither can tell P apart from the serial parse's
// reading up to that point. The row number is the exception. So a chunk after the first that
// meets a row with no r attribute before any row that has one gives up (Stop::unanchored).
// Otherwise every row number in it is fixed by the chunk itself.
//
// Induction. Chunk 0 starts at byte 0, and its parse is the serial parse, by definition. P is
// only a guess from a byte scan, so the worker for chunk 0 checks it. The sheetData start tag
// that put the handler into sheetData must begin where the scan found one and end exactly where P
// ends, at depth 2. Then a parse of P ends at a boundary, with the same open elements, and that
// settles every later chunk's prefix. Suppose chunk k starts at a boundary. Its parse of
// P + chunk + S is then the serial parse's, event for event, up to where S begins. The chunk ends
// at a boundary if the handler stops at an end tag that starts exactly where S begins, at depth
// 2, and is at rest there:
//   - The token starting there is an end tag, so the chunk's bytes ended between tokens. Had a
//     "</row>" matched inside a comment, CDATA section or processing instruction, S would be read
//     as more of it. S holds no "?>", "]]>", quote or ';'. A "-->" it might hold (a root named
//     "w--") closes the comment without closing anything else. Either way the parse meets the
//     end of its input with elements still open, which is an error, not a stop.
//   - Expat accepted it as </Q1>, so the open element then was named Q1. At depth 2, with the
//     root and sheetData open since P (had sheetData closed inside the chunk, the handler would
//     have stopped there), it is P's sheetData.
//   - Only the end of sheetData stops the handler this way (Stop::sheet_end). at_rest() covers
//     the rest of the handler's state that a later row could depend on. Every other field is
//     set afresh at each row or cell before it is read.
// Then chunk k+1 starts at a boundary too. A chunk whose parse stops at the real end of sheetData,
// inside its own bytes, ends the sheet, as the serial reader would end it there. Any other
// outcome proves nothing, so the chunk's rows are not used: malformed XML, a swallowed sentinel,
// a stop at the wrong depth, an unanchored row, a failed P check, a worker out of memory.
// Instead the consumer reads on from that chunk's start with one parser fed P + the rest of the
// stream (the whole stream for chunk 0). Its row number is set to the last row number of the
// chunk before. That parse is the serial one from a boundary, so it reports errors with the same
// messages and rows as the serial reader (the XML line in a message may differ). Chunks before
// it were proven, so their rows stand.
//
// What stays as it was. Limits and inflate errors are met on the splitter's thread and travel in
// order behind the bytes before them. They are raised on the consumer's thread only by the serial
// parse that reaches them, so only if the serial reader would have reached them too. Reads keep
// the prefetcher's 256 KiB block boundaries, so the same bytes come before such an error. A chunk
// is at most 3.25 MiB (kMaxSplitChunk plus one read) after P. A row end tag is an event, so no run
// of bytes without events spans two chunks. So no worker can meet the 4 MiB token guard, and a
// run of bytes longer than a chunk makes the splitter give up and pass the rest through raw, a
// read at a time. The serial parse then meets that run as ever. Cuts are only made in UTF-8,
// where the bytes of "</row>" are never part of a longer character. A part in another encoding,
// or with a DTD or CDATA before its rows, is passed through raw from the start. So is one whose
// prelude the scan cannot find, or finds too long. At most a few chunks are in flight (the
// splitter waits for room), and the consumer's errors and exceptions are its own: a worker's
// failure only ever means "read on serially from here".

// A chunk is cut once past chunk_bytes, or given up on (the rest goes raw) once past max_chunk.
// One read more, and P, and a worker still reads well under kMaxTokenBytes.
constexpr std::size_t kMaxSplitChunk = 3 << 20;
constexpr std::size_t kMaxSplitRead = 256 << 10;
constexpr std::size_t kMaxSplitPrelude = 256 << 10;
static_assert(kMaxSplitChunk + kMaxSplitRead + kMaxSplitPrelude + 1024 < kMaxTokenBytes - (128 << 10));

struct SplitOptions {
    unsigned workers = 2;
    std::size_t chunk_bytes = 1 << 20;           // a chunk is cut once it has this many bytes
    std::size_t max_chunk = kMaxSplitChunk;      // past this with no row end, the rest goes raw
    std::size_t max_prelude = kMaxSplitPrelude;  // a longer P is not worth parsing again per chunk
    std::size_t read_bytes = kMaxSplitRead;      // inflated per read (the prefetcher's block)
    std::size_t in_flight = 6;                   // chunks held at once: queued, parsing, handed out

    static SplitOptions from(const XlsxLimits& limits) {
        SplitOptions options;
        options.workers = std::min(limits.parallel_workers, 16u);
        options.chunk_bytes = std::clamp<std::size_t>(limits.parallel_chunk_bytes, 1, kMaxSplitChunk / 2);
        options.max_chunk = std::clamp<std::size_t>(options.chunk_bytes * 4, 64 << 10, kMaxSplitChunk);
        options.max_prelude = std::clamp<std::size_t>(options.chunk_bytes / 4, 64 << 10, kMaxSplitPrelude);
        options.read_bytes = std::min(options.chunk_bytes, kMaxSplitRead);
        options.in_flight = options.workers + 4;
        return options;
    }
};

// Bytes that are not zeroed when the buffer grows (an inflated chunk overwrites them at once).
// A buffer moved from is empty.
struct Bytes {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
    std::size_t capacity = 0;

    Bytes() = default;
    Bytes(Bytes&& other) noexcept
        : data(std::move(other.data)), size(std::exchange(other.size, 0)), capacity(std::exchange(other.capacity, 0)) {}
    Bytes& operator=(Bytes&& other) noexcept {
        data = std::move(other.data);
        size = std::exchange(other.size, 0);
        capacity = std::exchange(other.capacity, 0);
        return *this;
    }

    void reserve(std::size_t wanted) {
        if (wanted <= capacity) return;
        auto bigger = std::make_unique_for_overwrite<char[]>(wanted);
        if (size > 0) std::memcpy(bigger.get(), data.get(), size);
        data = std::move(bigger);
        capacity = wanted;
    }
    std::string_view view() const { return std::string_view(data.get(), size); }
};

struct Chunk {
    enum class Kind {
        rows,  // ends just after a row end tag: parsed with the sentinel after it
        last,  // the rest of the part: parsed as it stands
        raw,   // not to be parsed on its own (the split gave up): read serially
    };
    enum class State { waiting, parsing, done };

    std::size_t index = 0;
    Kind kind = Kind::rows;
    Bytes bytes;
    std::exception_ptr error;  // raw: reading the part failed after these bytes

    // Under the pipeline's mutex until `state` is done; the consumer's after that.
    State state = State::waiting;
    bool ok = false;          // verified: its rows may be handed out
    bool ends_sheet = false;  // ok, and the sheet ends inside it
    RowBatch batch;
};

// Feeds a worker's parser P, the chunk and the sentinel, without joining them.
class ChunkSource final : public ByteSource {
public:
    ChunkSource(std::string_view prefix, std::string_view bytes, std::string_view sentinel,
                const std::atomic<bool>& stop)
        : pieces_{prefix, bytes, sentinel}, stop_(stop) {}

    std::size_t read(char* buffer, std::size_t size) override {
        if (stop_.load(std::memory_order_relaxed)) return 0;  // the parse fails; no one wants it
        std::size_t copied = 0;
        while (copied < size && piece_ < pieces_.size()) {
            const std::string_view piece = pieces_[piece_];
            const std::size_t n = std::min(size - copied, piece.size() - at_);
            if (n > 0) std::memcpy(buffer + copied, piece.data() + at_, n);  // an empty piece may be null
            copied += n;
            at_ += n;
            if (at_ == piece.size()) {
                ++piece_;
                at_ = 0;
            }
        }
        return copied;
    }

private:
    std::array<std::string_view, 3> pieces_;
    std::size_t piece_ = 0, at_ = 0;
    const std::atomic<bool>& stop_;
};

// The splitter, the chunk workers and the queue of chunks between them and the consumer.
class SplitSheet {
public:
    struct Names {
        std::string file, part, sheet;
    };

    SplitSheet(std::unique_ptr<ByteSource> source, std::shared_ptr<const BookData> book, Names names,
               SplitOptions options)
        : source_(std::move(source)), book_(std::move(book)), names_(std::move(names)), options_(options) {}

    ~SplitSheet() { halt(); }

    SplitSheet(const SplitSheet&) = delete;
    SplitSheet& operator=(const SplitSheet&) = delete;

    // Starts the threads: false if none could start a worker or the splitter, in which case
    // nothing has been read and take_source() gives the part back.
    bool start() {
        try {
            for (unsigned i = 0; i < std::max(1u, options_.workers); ++i)
                workers_.emplace_back([this] {
                    pthread_setname_np(pthread_self(), "xlsx-parse");  // for top and perf
                    work();
                });
        } catch (const std::system_error&) {
            if (workers_.empty()) return false;
        }
        try {
            splitter_ = std::thread([this] {
                pthread_setname_np(pthread_self(), "xlsx-split");
                split();
            });
        } catch (const std::system_error&) {
            halt();
            return false;
        }
        return true;
    }

    std::unique_ptr<ByteSource> take_source() { return std::move(source_); }

    // ---- the consumer's side (one thread) ----

    // The first chunk not yet popped, once it is parsed (or known not to be parseable); null when
    // the splitter ended without another chunk (it always pushes one to end on, unless it failed).
    std::shared_ptr<Chunk> front() {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] {
            return chunks_.empty() ? split_done_
                                   : chunks_.front()->state == Chunk::State::done || dead_workers_ == workers_.size();
        });
        return chunks_.empty() ? nullptr : chunks_.front();  // not ok unless a worker verified it
    }

    // The first chunk not yet popped as soon as it is read, parsed or not (for the serial rest).
    std::shared_ptr<Chunk> front_bytes() {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [&] { return !chunks_.empty() || split_done_; });
        return chunks_.empty() ? nullptr : chunks_.front();
    }

    // Done with the front chunk: its buffers go back to the splitter and the workers.
    void pop() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            std::shared_ptr<Chunk> chunk = std::move(chunks_.front());
            chunks_.pop_front();
            ++front_index_;
            if (chunk->state != Chunk::State::parsing) {  // else a worker is still reading it
                if (chunk->bytes.capacity > 0 && spare_bytes_.size() < options_.in_flight)
                    spare_bytes_.push_back(std::move(chunk->bytes));
                if (spare_batches_.size() < options_.in_flight) {
                    chunk->batch.clear();
                    spare_batches_.push_back(std::move(chunk->batch));
                }
            }
        }
        room_.notify_all();
    }

    // An error the splitter met outside reading the part (it could not even queue a chunk).
    void rethrow_split_error() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (split_error_) std::rethrow_exception(split_error_);
    }

    // Stops the workers and returns the rest of the part from the front chunk on, after P when
    // `with_prelude` (for a front chunk other than chunk 0), for one parser on the consumer's thread.
    std::unique_ptr<ByteSource> rest(bool with_prelude);

    const std::string& prelude() const { return prelude_bytes_; }

private:
    class RestSource;

    void halt() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        stopping_.store(true);
        room_.notify_all();
        work_.notify_all();
        ready_.notify_all();
        if (splitter_.joinable()) splitter_.join();
        for (auto& worker : workers_)
            if (worker.joinable()) worker.join();
        workers_.clear();
    }

    Bytes spare_bytes() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (spare_bytes_.empty()) return Bytes();
        Bytes bytes = std::move(spare_bytes_.back());
        spare_bytes_.pop_back();
        bytes.size = 0;
        return bytes;
    }

    // Queues `bytes` as the next chunk, waiting for room; false if stopping.
    bool push(Chunk::Kind kind, Bytes& bytes, std::exception_ptr error = nullptr) {
        auto chunk = std::make_shared<Chunk>();
        chunk->kind = kind;
        chunk->bytes = std::move(bytes);
        chunk->error = std::move(error);
        if (kind == Chunk::Kind::raw) chunk->state = Chunk::State::done;  // not ok: read serially
        {
            std::unique_lock<std::mutex> lock(mutex_);
            room_.wait(lock, [&] { return stop_ || chunks_.size() < options_.in_flight; });
            if (stop_) return false;
            chunk->index = pushed_++;
            chunks_.push_back(std::move(chunk));
        }
        work_.notify_one();
        ready_.notify_all();
        return true;
    }

    void split() {
        Bytes pending;
        try {
            pending = spare_bytes();
            split_from(pending);
        } catch (...) {
            // Reading the part failed: the bytes before the failure, then the failure, in order.
            try {
                push(Chunk::Kind::raw, pending, std::current_exception());
            } catch (...) {
                std::lock_guard<std::mutex> lock(mutex_);
                split_error_ = std::current_exception();
            }
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            split_done_ = true;
        }
        ready_.notify_all();
    }

    void split_from(Bytes& pending) {
        bool splitting = true;  // false once the rest goes raw
        bool have_prelude = false;
        std::size_t searched = 0;  // no row end tag to cut at ends before this
        std::uint64_t offset = 0;  // bytes read from the part
        const std::size_t capacity = options_.max_chunk + options_.read_bytes;
        for (;;) {
            if (stopping_.load(std::memory_order_relaxed)) return;
            // Reads end on multiples of read_bytes, as the prefetching reader's blocks do. A limit
            // or inflate error then leaves the same bytes before it as the serial reader had.
            const std::size_t want = options_.read_bytes - static_cast<std::size_t>(offset % options_.read_bytes);
            pending.reserve(std::max(pending.size + want, splitting ? capacity : 0));
            const std::size_t got = source_->read(pending.data.get() + pending.size, want);
            offset += got;
            if (got == 0) {
                push(splitting && have_prelude ? Chunk::Kind::last : Chunk::Kind::raw, pending);
                return;
            }
            pending.size += got;
            if (splitting && !have_prelude) {
                SheetPrelude prelude;
                const PreludeScan scan = scan_sheet_prelude(pending.view(), prelude);
                if (scan == PreludeScan::found && prelude.size <= options_.max_prelude) {
                    // Written before chunk 0 is queued; the workers read it after taking a chunk.
                    prelude_ = prelude;
                    prelude_bytes_.assign(pending.data.get(), prelude.size);
                    sentinel_ = "</" + prelude.sheet_data + "></" + prelude.root + ">";
                    have_prelude = true;
                    searched = prelude.size;
                } else if (scan != PreludeScan::incomplete || pending.size >= options_.max_prelude) {
                    splitting = false;
                }
            }
            if (!splitting) {  // passed through a read at a time: no more held than the prefetcher held
                if (pending.size >= options_.read_bytes) {
                    if (!push(Chunk::Kind::raw, pending)) return;
                    pending = spare_bytes();
                }
                continue;
            }
            if (!have_prelude || pending.size < options_.chunk_bytes) continue;
            const std::size_t cut = find_last_row_end(pending.view(), searched);
            if (cut == std::string_view::npos) {
                searched = pending.size;
                if (pending.size >= options_.max_chunk) splitting = false;  // a row too long to split at
                continue;
            }
            Bytes next = spare_bytes();
            next.reserve(capacity);
            next.size = pending.size - cut;
            if (next.size > 0) std::memcpy(next.data.get(), pending.data.get() + cut, next.size);
            pending.size = cut;
            if (!push(Chunk::Kind::rows, pending)) return;
            pending = std::move(next);
            searched = 0;
        }
    }

    void work() {
        std::shared_ptr<Chunk> chunk;
        try {
            for (;;) {
                RowBatch batch;
                {
                    std::unique_lock<std::mutex> lock(mutex_);
                    work_.wait(lock, [&] { return stop_ || given_up_ || parsed_ < front_index_ + chunks_.size(); });
                    if (stop_ || given_up_) return;
                    parsed_ = std::max(parsed_, front_index_);
                    chunk = chunks_[parsed_ - front_index_];
                    ++parsed_;
                    if (chunk->state != Chunk::State::waiting) {  // raw
                        chunk.reset();
                        continue;
                    }
                    chunk->state = Chunk::State::parsing;
                    if (!spare_batches_.empty()) {
                        batch = std::move(spare_batches_.back());
                        spare_batches_.pop_back();
                    }
                }
                bool ends_sheet = false;
                const bool ok = parse(*chunk, batch, ends_sheet);
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    chunk->batch = std::move(batch);
                    chunk->ok = ok;
                    chunk->ends_sheet = ok && ends_sheet;
                    chunk->state = Chunk::State::done;
                }
                chunk.reset();
                ready_.notify_all();
            }
        } catch (...) {
            // Only the thread library can get here. The chunk in hand fails (so the consumer reads
            // on serially from it), and once no worker is left, so does whatever is waiting.
            std::lock_guard<std::mutex> lock(mutex_);
            if (chunk) chunk->state = Chunk::State::done;
            ++dead_workers_;
        }
        ready_.notify_all();
    }

    // Parses one chunk into `batch`; true if it is verified (see above). Never throws: whatever
    // goes wrong here, the serial parse meets again and reports as it would have.
    bool parse(const Chunk& chunk, RowBatch& batch, bool& ends_sheet) noexcept {
        try {
            batch.clear();
            const bool first = chunk.index == 0;
            const std::string_view prefix = first ? std::string_view() : std::string_view(prelude_bytes_);
            const std::string_view sentinel =
                chunk.kind == Chunk::Kind::rows ? std::string_view(sentinel_) : std::string_view();
            ChunkSource source(prefix, chunk.bytes.view(), sentinel, stopping_);
            SheetHandler handler(*book_);
            XmlParser parser(source, handler, names_.file, names_.part, names_.sheet);
            handler.attach(parser);
            handler.collect_into(batch, first);
            parser.parse_all();
            if (stopping_.load()) return false;
            batch.empty_rows = handler.empty_rows();
            batch.last_row = handler.row_number();
            if (handler.stop() != SheetHandler::Stop::sheet_end) return false;
            if (first &&
                (handler.data_tag_start() != static_cast<std::int64_t>(prelude_.data_tag) ||
                 handler.data_tag_end() != static_cast<std::int64_t>(prelude_.size) || handler.data_tag_depth() != 2))
                return false;
            const auto boundary = static_cast<std::int64_t>(prefix.size() + chunk.bytes.size);
            if (handler.stop_index() < boundary) {
                ends_sheet = true;  // the real end of sheetData, inside the chunk
                return true;
            }
            return chunk.kind == Chunk::Kind::rows && handler.stop_index() == boundary && handler.stop_depth() == 2 &&
                   handler.at_rest();
        } catch (...) {
            return false;
        }
    }

    std::unique_ptr<ByteSource> source_;  // the splitter's alone once started
    std::shared_ptr<const BookData> book_;
    Names names_;
    SplitOptions options_;

    // Written by the splitter before it queues chunk 0, read-only after.
    SheetPrelude prelude_;
    std::string prelude_bytes_;
    std::string sentinel_;

    std::mutex mutex_;
    std::condition_variable room_;   // the splitter waits for room in the queue
    std::condition_variable work_;   // the workers wait for chunks
    std::condition_variable ready_;  // the consumer waits for a chunk (parsed)
    std::deque<std::shared_ptr<Chunk>> chunks_;
    std::size_t front_index_ = 0;  // index of chunks_.front()
    std::size_t pushed_ = 0;       // chunks queued so far
    std::size_t parsed_ = 0;       // chunks taken by the workers so far
    std::vector<Bytes> spare_bytes_;
    std::vector<RowBatch> spare_batches_;
    bool split_done_ = false;
    bool given_up_ = false;         // the rest is read serially: the workers stop
    std::size_t dead_workers_ = 0;  // ended by an exception from the thread library
    bool stop_ = false;
    std::exception_ptr split_error_;
    std::atomic<bool> stopping_{false};

    std::thread splitter_;
    std::vector<std::thread> workers_;
};

// The rest of the part for the serial parse: P (if asked), then the queued chunks' bytes in
// order, popping each as it is used up, then the error that ended the part, if one did.
class SplitSheet::RestSource final : public ByteSource {
public:
    RestSource(SplitSheet& sheet, bool with_prelude) : sheet_(sheet), with_prelude_(with_prelude) {}

    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t copied = 0;
        while (copied < size) {
            const std::string_view prelude = sheet_.prelude();
            if (with_prelude_ && prelude_at_ < prelude.size()) {
                const std::size_t n = std::min(size - copied, prelude.size() - prelude_at_);
                std::memcpy(buffer + copied, prelude.data() + prelude_at_, n);
                prelude_at_ += n;
                copied += n;
                continue;
            }
            if (chunk_ && at_ < chunk_->bytes.size) {
                const std::size_t n = std::min(size - copied, chunk_->bytes.size - at_);
                std::memcpy(buffer + copied, chunk_->bytes.data.get() + at_, n);
                at_ += n;
                copied += n;
                continue;
            }
            if (chunk_) {
                error_ = chunk_->error;
                chunk_.reset();
                sheet_.pop();
            }
            if (copied > 0 || ended_) break;  // hand over the bytes before anything that waits or fails
            if (error_) {
                ended_ = true;
                std::rethrow_exception(std::exchange(error_, nullptr));
            }
            chunk_ = sheet_.front_bytes();
            at_ = 0;
            if (!chunk_) {
                ended_ = true;
                sheet_.rethrow_split_error();
            }
        }
        return copied;
    }

private:
    SplitSheet& sheet_;
    bool with_prelude_;
    std::size_t prelude_at_ = 0;
    std::shared_ptr<Chunk> chunk_;
    std::size_t at_ = 0;
    std::exception_ptr error_;
    bool ended_ = false;
};

std::unique_ptr<ByteSource> SplitSheet::rest(bool with_prelude) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        given_up_ = true;
    }
    work_.notify_all();
    return std::make_unique<RestSource>(*this, with_prelude);
}

// ---- the sheet reader ---------------------------------------------------------------------

class SheetReader final : public XlsxSheetReader {
public:
    // `split` null: one parser reads the part, as it is read. Otherwise the part is split (above)
    // and `source` must not inflate ahead on a thread of its own (the splitter does).
    SheetReader(std::shared_ptr<const BookData> book, std::string name, std::string part,
                std::unique_ptr<ByteSource> source, const SplitOptions* split, XlsxParallelStats* stats)
        : book_(std::move(book)), name_(std::move(name)), part_(std::move(part)), stats_(stats) {
        if (split) {
            split_ = std::make_unique<SplitSheet>(std::move(source), book_,
                                                  SplitSheet::Names{book_->display_path, part_, name_}, *split);
            if (split_->start()) {
                if (stats_) stats_->split = true;
                return;
            }
            source = split_->take_source();
            split_.reset();
        }
        start_serial(std::move(source), 0);
    }

    ~SheetReader() override {
        // The parser reads from the split's queue, so it goes first.
        serial_parser_.reset();
        serial_source_.reset();
        split_.reset();
    }

    const std::string& sheet_name() const override { return name_; }
    long empty_rows() const override {
        return serial_handler_ ? empty_base_ + serial_handler_->empty_rows() : empty_shown_;
    }

    bool next(Row& row) override {
        if (finished_) return false;
        try {
            const bool more = serial_parser_ ? next_serial(row) : next_split(row);
            if (!more) finish();
            return more;
        } catch (...) {
            finish();
            throw;
        }
    }

private:
    // Once read to the end (or failed), no thread need go on.
    void finish() {
        finished_ = true;
        if (split_) {
            current_.reset();
            serial_parser_.reset();
            serial_source_.reset();
            split_.reset();
        }
    }

    void start_serial(std::unique_ptr<ByteSource> source, long row_number) {
        serial_source_ = std::move(source);
        serial_handler_ = std::make_unique<SheetHandler>(*book_);
        serial_parser_ =
            std::make_unique<XmlParser>(*serial_source_, *serial_handler_, book_->display_path, part_, name_);
        serial_handler_->attach(*serial_parser_, row_number);
    }

    bool next_serial(Row& row) {
        SheetHandler& handler = *serial_handler_;
        handler.emit_into(&row);
        while (!handler.ready())
            if (!serial_parser_->resume()) break;
        const bool ready = handler.ready();
        handler.emit_into(nullptr);
        return ready;
    }

    bool next_split(Row& row) {
        for (;;) {
            if (current_) {
                RowBatch& batch = current_->batch;
                if (position_ < batch.count) {
                    // The rows were built on a worker's core: fetch the next row's cells while the
                    // caller maps this one (the first touch of each cell was a cache miss).
                    if (position_ + 2 < batch.count) {
                        const Row& ahead = batch.rows[position_ + 2];
                        const char* cells = reinterpret_cast<const char*>(ahead.cells.data());
                        const std::size_t bytes = ahead.cells.size() * sizeof(Cell);
                        for (std::size_t at = 0; at < bytes; at += 64) __builtin_prefetch(cells + at);
                    }
                    if (position_ + 1 < batch.count)
                        for (const Cell& cell : batch.rows[position_ + 1].cells) __builtin_prefetch(cell.text.data());
                    std::swap(row, batch.rows[position_]);
                    empty_shown_ = empty_base_ + batch.empty_before[position_];
                    ++position_;
                    return true;
                }
                empty_base_ += batch.empty_rows;
                empty_shown_ = empty_base_;
                last_row_ = batch.last_row;
                const bool ends_sheet = current_->ends_sheet;
                current_.reset();
                split_->pop();
                if (ends_sheet) return false;
            }
            std::shared_ptr<Chunk> chunk = split_->front();
            if (!chunk) {
                split_->rethrow_split_error();
                return false;
            }
            if (chunk->ok) {
                if (stats_) ++stats_->chunks;
                current_ = std::move(chunk);
                position_ = 0;
                continue;
            }
            // Not verified: from this chunk's start on, one parser reads the rest, as the serial
            // reader would from there.
            if (stats_) {
                ++stats_->fallbacks;
                stats_->fallback_chunk = static_cast<long>(chunk->index);
            }
            const bool with_prelude = chunk->index > 0;
            chunk.reset();
            start_serial(split_->rest(with_prelude), last_row_);
            return next_serial(row);
        }
    }

    std::shared_ptr<const BookData> book_;
    std::string name_;
    std::string part_;
    XlsxParallelStats* stats_ = nullptr;
    bool finished_ = false;

    // The split (large sheets): chunks verified so far, then (after one that is not) the serial rest.
    std::unique_ptr<SplitSheet> split_;
    std::shared_ptr<Chunk> current_;  // the chunk whose rows are being handed out
    std::size_t position_ = 0;
    long empty_base_ = 0;   // empty rows of the chunks already handed out
    long empty_shown_ = 0;  // empty rows before the last row handed out from a chunk
    long last_row_ = 0;     // the last row number of the chunks already handed out

    // The serial parse: the whole part, or the rest of it after the split gave up.
    std::unique_ptr<ByteSource> serial_source_;
    std::unique_ptr<SheetHandler> serial_handler_;
    std::unique_ptr<XmlParser> serial_parser_;
};

void parse_part(const ZipPackage& package, const std::string& part, XmlHandler& handler,
                XmlParser** parser_slot = nullptr) {
    auto source = package.open_part(part);
    XmlParser parser(*source, handler, package.display_path(), part);
    if (parser_slot) *parser_slot = &parser;
    parser.parse_all();
    if (parser_slot) *parser_slot = nullptr;
}

}  // namespace

// ---- the workbook ---------------------------------------------------------------------------

struct XlsxWorkbook::Impl {
    std::string display_path;
    XlsxLimits limits;
    std::shared_ptr<ZipPackage> package;
    std::vector<SheetInfo> sheets;
    bool date1904 = false;
    std::string shared_strings_part;
    bool strings_loaded = false;
    std::shared_ptr<BookData> book;

    PirpackError error(std::string message, std::string hint, std::string sheet = {}) const {
        return PirpackError(ErrorKind::input, std::move(message),
                            SourceLocation{display_path, std::move(sheet), 0, 0, ""}, std::move(hint));
    }
};

XlsxWorkbook::XlsxWorkbook() : impl_(std::make_unique<Impl>()) {}
XlsxWorkbook::~XlsxWorkbook() = default;

std::unique_ptr<XlsxWorkbook> XlsxWorkbook::open(const std::string& path, const XlsxLimits& limits,
                                                 const std::string& display_path) {
    std::unique_ptr<XlsxWorkbook> workbook(new XlsxWorkbook());
    Impl& impl = *workbook->impl_;
    impl.display_path = display_path.empty() ? path : display_path;
    impl.limits = limits;

    switch (sniff_file(path, impl.display_path)) {
        case FileKind::zip:
            break;
        case FileKind::empty:
            throw impl.error("the file is empty", "check that the export finished writing it, then copy it again");
        case FileKind::encrypted:
            throw impl.error("the workbook is encrypted", "save it without a password");
        case FileKind::legacy_xls:
            throw impl.error("the file is a legacy .xls workbook, not .xlsx",
                             "save it as .xlsx (Excel Workbook) without a password");
        case FileKind::ole_other:
            throw impl.error("the file is an OLE compound document, not an .xlsx workbook",
                             "save it as .xlsx (Excel Workbook) without a password");
        case FileKind::other:
            throw impl.error("the file is not an .xlsx workbook (it is not a zip package)",
                             "save it from Excel as .xlsx (Excel Workbook)");
    }
    impl.package = ZipPackage::open(path, impl.display_path, limits);
    const ZipPackage& package = *impl.package;

    // The main part, from the package relationships (or where Excel puts it).
    std::string book_part;
    if (package.contains("_rels/.rels")) {
        RelsHandler rels;
        parse_part(package, "_rels/.rels", rels);
        for (const auto& r : rels.relationships)
            if (type_suffix(r.type) == "officeDocument" && !r.external && !r.target.empty()) {
                book_part = resolve_target("", r.target);
                break;
            }
    }
    if (book_part.empty() && package.contains("xl/workbook.xml")) book_part = "xl/workbook.xml";
    if (book_part.empty())
        throw impl.error("the file is a zip package, not an Excel workbook",
                         "save the data from Excel as .xlsx (Excel Workbook)");
    if (book_part.size() > 4 && equals_ascii_nocase(std::string_view(book_part).substr(book_part.size() - 4), ".bin"))
        throw impl.error("the workbook is in the binary .xlsb format, which pirpack does not read",
                         "save it as .xlsx (Excel Workbook)");
    if (!package.contains(book_part))
        throw impl.error("the package has no workbook part (" + book_part + ")", kDamagedHint);

    WorkbookHandler book;
    parse_part(package, book_part, book, &book.parser);
    if (!book.is_workbook) {
        std::string what = book.root_name == "presentation" ? "a PowerPoint presentation"
                           : book.root_name == "document"   ? "a Word document"
                                                            : "a zip package";
        throw impl.error("the file is " + what + ", not an Excel workbook",
                         "save the data from Excel as .xlsx (Excel Workbook)");
    }

    const std::string rels_part = rels_part_for(book_part);
    if (!package.contains(rels_part))
        throw impl.error("the workbook has no relationships part (" + rels_part + ")", kDamagedHint);
    RelsHandler rels;
    parse_part(package, rels_part, rels);
    const std::string folder = folder_of(book_part);
    auto find_relationship = [&](std::string_view id) -> const Relationship* {
        for (const auto& r : rels.relationships)
            if (r.id == id) return &r;
        return nullptr;
    };
    auto part_of_type = [&](std::string_view suffix, const char* fallback) {
        for (const auto& r : rels.relationships)
            if (type_suffix(r.type) == suffix && !r.external) return resolve_target(folder, r.target);
        std::string guess = folder + fallback;
        return package.contains(guess) ? guess : std::string();
    };

    bool any_worksheet = false;
    for (const auto& entry : book.sheets) {
        SheetInfo info;
        info.name = entry.name;
        if (!entry.state.empty()) info.state = entry.state;
        const Relationship* r = find_relationship(entry.relationship_id);
        if (r && !r->external) info.part = resolve_target(folder, r->target);
        info.is_worksheet = !r || type_suffix(r->type) == "worksheet";
        if (info.is_worksheet && !info.part.empty() && package.contains(info.part)) any_worksheet = true;
        impl.sheets.push_back(std::move(info));
    }
    if (!any_worksheet)
        throw impl.error("the workbook contains no worksheets",
                         book.sheets.empty() ? "check that the export wrote its data to a sheet"
                                             : "the workbook lists sheets whose parts are missing; it is damaged or "
                                               "incomplete, so open it in Excel and save it again");

    impl.date1904 = book.date1904;
    impl.book = std::make_shared<BookData>();
    impl.book->display_path = impl.display_path;
    impl.book->dates = book.date1904                ? DateSystem::excel1904
                       : book.no_date_compatibility ? DateSystem::iso1899
                                                    : DateSystem::excel1900;

    const std::string styles_part = part_of_type("styles", "styles.xml");
    if (!styles_part.empty() && package.contains(styles_part)) {
        StylesHandler styles;
        parse_part(package, styles_part, styles);
        impl.book->styles.reserve(styles.cell_formats.size());
        for (int id : styles.cell_formats) {
            CellStyle style;
            if (auto custom = styles.custom_formats.find(id); custom != styles.custom_formats.end()) {
                style.kind = classify_format_code(custom->second);
                if (style.kind != FormatKind::general) style.code = custom->second;
            } else {
                style.kind = builtin_format_kind(id);
                if (style.kind != FormatKind::general) style.code = std::string(builtin_format_code(id));
            }
            impl.book->styles.push_back(std::move(style));
        }
    }
    impl.shared_strings_part = part_of_type("sharedStrings", "sharedStrings.xml");
    return workbook;
}

const std::vector<SheetInfo>& XlsxWorkbook::sheets() const { return impl_->sheets; }

bool XlsxWorkbook::uses_1904_dates() const { return impl_->date1904; }

std::unique_ptr<XlsxSheetReader> XlsxWorkbook::open_sheet(const std::string& name) {
    Impl& impl = *impl_;
    std::vector<std::string> worksheet_names;
    for (const auto& sheet : impl.sheets)
        if (sheet.is_worksheet) worksheet_names.push_back(sheet.name);

    const SheetInfo* chosen = nullptr;
    if (name.empty()) {
        for (const auto& sheet : impl.sheets)
            if (sheet.is_worksheet && sheet.state == "visible" && impl.package->contains(sheet.part)) {
                chosen = &sheet;
                break;
            }
        if (!chosen)
            throw impl.error("the workbook has no visible worksheet",
                             "name the sheet to read; the worksheets are " + quoted_list(worksheet_names));
    } else {
        for (const auto& sheet : impl.sheets)
            if (sheet.name == name) chosen = &sheet;
        if (!chosen)
            for (const auto& sheet : impl.sheets)
                if (equals_ascii_nocase(sheet.name, name)) chosen = &sheet;
        if (!chosen)
            throw impl.error("the workbook has no sheet called \"" + name + "\"",
                             "its worksheets are " + quoted_list(worksheet_names));
        if (!chosen->is_worksheet)
            throw impl.error("sheet \"" + chosen->name + "\" is a chart sheet, not a worksheet",
                             "name one of the worksheets: " + quoted_list(worksheet_names), chosen->name);
        if (chosen->part.empty() || !impl.package->contains(chosen->part))
            throw impl.error("the workbook has no part for sheet \"" + chosen->name + "\"" +
                                 (chosen->part.empty() ? std::string() : " (" + chosen->part + ")"),
                             kDamagedHint, chosen->name);
    }

    if (!impl.strings_loaded) {
        if (!impl.shared_strings_part.empty() && impl.package->contains(impl.shared_strings_part)) {
            try {
                // The text is a little smaller than the XML: reserve once rather than regrow.
                impl.book->strings.pool.reserve(static_cast<std::size_t>(
                    std::min<std::uint64_t>(impl.package->declared_size(impl.shared_strings_part), 256u << 20)));
                SharedStringsHandler handler(impl.book->strings);
                parse_part(*impl.package, impl.shared_strings_part, handler);
            } catch (...) {
                impl.book->strings = SharedStrings();
                throw;
            }
        }
        impl.strings_loaded = true;
    }
    // A large sheet is split between threads (see SplitSheet); the declared size is only a hint.
    const XlsxLimits& limits = impl.limits;
    const bool split =
        limits.parallel_workers > 0 && impl.package->declared_size(chosen->part) >= limits.parallel_min_bytes;
    auto source = impl.package->open_part(chosen->part, chosen->name, !split);
    const SplitOptions options = SplitOptions::from(limits);
    return std::make_unique<SheetReader>(impl.book, chosen->name, chosen->part, std::move(source),
                                         split ? &options : nullptr, limits.parallel_stats);
}

}  // namespace pirpack::ingest
