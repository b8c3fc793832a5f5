#include "ingest/xlsx_reader.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

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

bool equals_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

bool is_true(const char* value) { return value && (std::strcmp(value, "1") == 0 || std::strcmp(value, "true") == 0); }
bool is_false(const char* value) { return value && (std::strcmp(value, "0") == 0 || std::strcmp(value, "false") == 0); }

bool is_sml(const XmlName& name) { return name.ns == Ns::spreadsheet || name.ns == Ns::none; }

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
        if (const char* v = attributes.find("TargetMode")) r.external = equals_nocase(v, "External");
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
        if (name.local == "si") {
            in_item_ = true;
            item_cut_ = false;
            item_start_ = table_.pool.size();
        } else if (!in_item_) {
            if (name.local == "sst") {
                std::uint64_t count = 0;
                if (const char* unique = attributes.find("uniqueCount"); unique && parse_int(unique, count))
                    table_.offsets.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(count, 1u << 20)) + 1);
            }
        } else if (name.local == "rPh") {
            ++phonetic_depth_;
        } else if (name.local == "t" && phonetic_depth_ == 0) {
            in_text_ = true;
            text_start_ = table_.pool.size();
            const char* space = attributes.find(Ns::xml, "space");
            preserve_ = space && std::strcmp(space, "preserve") == 0;
        }
    }
    void end_element(const XmlName& name) override {
        if (!is_sml(name) || !in_item_) return;
        if (name.local == "t" && in_text_) {
            if (!preserve_) trim_xml_space(table_.pool, text_start_);
            in_text_ = false;
        } else if (name.local == "rPh") {
            --phonetic_depth_;
        } else if (name.local == "si") {
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

// ---- the sheet reader ---------------------------------------------------------------------

class SheetReader final : public XlsxSheetReader, private XmlHandler {
public:
    SheetReader(std::shared_ptr<const BookData> book, std::string name, const std::string& part,
                std::unique_ptr<ByteSource> source)
        : book_(std::move(book)),
          name_(std::move(name)),
          source_(std::move(source)),
          parser_(*source_, *this, book_->display_path, part, name_) {}

    const std::string& sheet_name() const override { return name_; }
    long empty_rows() const override { return empty_rows_; }

    bool next(Row& row) override {
        if (finished_) return false;
        row_ = &row;
        ready_ = false;
        try {
            while (!ready_) {
                if (!parser_.resume()) {
                    finished_ = true;
                    break;
                }
            }
        } catch (...) {
            finished_ = true;
            row_ = nullptr;
            throw;
        }
        row_ = nullptr;
        return ready_;
    }

private:
    enum class Kind { number, shared, inline_string, formula_string, boolean, error, iso_date, other };

    void start_element(const XmlName& name, const XmlAttributes& attributes) override {
        if (!is_sml(name)) return;
        const std::string_view local = name.local;
        if (in_cell_) {
            if (local == "v") {
                capture_value_ = true;
                has_value_ = true;
                value_.clear();
            } else if (local == "is") {
                in_inline_ = true;
                has_inline_ = true;
                inline_.clear();
            } else if (in_inline_) {
                if (local == "rPh") {
                    ++phonetic_depth_;
                } else if (local == "t" && phonetic_depth_ == 0) {
                    in_text_ = true;
                    text_start_ = inline_.size();
                    const char* space = attributes.find(Ns::xml, "space");
                    preserve_ = space && std::strcmp(space, "preserve") == 0;
                }
            }
        } else if (in_row_) {
            if (local == "c") start_cell(attributes);
        } else if (in_sheet_data_) {
            if (local == "row") start_row(attributes);
        } else if (local == "sheetData") {
            in_sheet_data_ = true;
        }
    }

    void end_element(const XmlName& name) override {
        if (!is_sml(name) || !in_sheet_data_) return;
        const std::string_view local = name.local;
        if (in_cell_) {
            if (local == "v") {
                capture_value_ = false;
            } else if (local == "c") {
                in_cell_ = false;
                finish_cell();
            } else if (in_inline_) {
                if (local == "t" && in_text_) {
                    if (!preserve_) trim_xml_space(inline_, text_start_);
                    in_text_ = false;
                } else if (local == "rPh") {
                    --phonetic_depth_;
                } else if (local == "is") {
                    in_inline_ = false;
                }
            }
        } else if (in_row_) {
            if (local == "row") finish_row();
        } else if (local == "sheetData") {
            in_sheet_data_ = false;
            parser_.finish();  // nothing after the cells matters here
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

    void start_row(const XmlAttributes& attributes) {
        long number = row_number_ + 1;
        if (const char* r = attributes.find("r")) {
            long given = 0;
            if (parse_int(r, given) && given > 0) number = given;
        }
        row_number_ = number;
        parser_.row_for_errors = number;
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
        ready_ = true;
        parser_.suspend();
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
        kind_ = Kind::number;
        if (type && *type) {
            if (std::strcmp(type, "n") == 0)
                kind_ = Kind::number;
            else if (std::strcmp(type, "s") == 0)
                kind_ = Kind::shared;
            else if (std::strcmp(type, "str") == 0)
                kind_ = Kind::formula_string;
            else if (std::strcmp(type, "inlineStr") == 0)
                kind_ = Kind::inline_string;
            else if (std::strcmp(type, "b") == 0)
                kind_ = Kind::boolean;
            else if (std::strcmp(type, "e") == 0)
                kind_ = Kind::error;
            else if (std::strcmp(type, "d") == 0)
                kind_ = Kind::iso_date;
            else
                kind_ = Kind::other;
        }
        style_ = 0;
        if (style && *style && !parse_int(style, style_)) style_ = 0;
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
                if (!parse_int(value_, index) || index >= book_->strings.size()) {
                    note_problem(cell_column_, "cell " + cell_reference() + " refers to shared string " + value_ +
                                                   ", which does not exist");
                    return;
                }
                if (book_->strings.was_cut(index)) note_too_long();
                put_text(book_->strings.at(index));
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
                if (parse_iso_cell(value_, book_->dates, cell.text, serial)) {
                    cell.type = CellType::date;
                    cell.number = serial;
                    cell.format = book_->style(static_cast<std::size_t>(style_)).code;
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
                const CellStyle& style = book_->style(static_cast<std::size_t>(style_));
                Cell& cell = place(cell_column_);
                cell.number = number;
                if (style.kind == FormatKind::date && format_serial_date(number, book_->dates, cell.text)) {
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

    std::shared_ptr<const BookData> book_;
    std::string name_;
    std::unique_ptr<ByteSource> source_;
    XmlParser parser_;
    Row* row_ = nullptr;
    bool ready_ = false;
    bool finished_ = false;
    long empty_rows_ = 0;

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
    if (book_part.size() > 4 && equals_nocase(std::string_view(book_part).substr(book_part.size() - 4), ".bin"))
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
                if (equals_nocase(sheet.name, name)) chosen = &sheet;
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
    auto source = impl.package->open_part(chosen->part, chosen->name);
    return std::make_unique<SheetReader>(impl.book, chosen->name, chosen->part, std::move(source));
}

}  // namespace pirpack::ingest
