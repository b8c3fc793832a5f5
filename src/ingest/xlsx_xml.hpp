// A pull-driven wrapper over expat for the XML parts of an XLSX package. The parser is fed a
// chunk at a time from a ByteSource, so memory does not grow with the part; a handler may
// suspend it (after each sheet row) and the next resume() carries on from that point.
// Names are matched on namespace URI plus local name, so any prefix works ("x:c", "c") and
// both Transitional and Strict OOXML namespaces are recognised. Prefixes are resolved here from
// the xmlns declarations in scope rather than by expat's namespace mode, which copies every
// element's URI into its name (about a tenth of the parse time of a sheet). Any DTD or entity declaration
// stops the parse: XLSX never needs one, and it is how entity-expansion attacks arrive. So does
// a single token (a tag with its attributes, a comment) over kMaxTokenBytes, which expat would
// otherwise hold whole, however large, before reporting it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

namespace pirpack::ingest::xlsx {

// Bytes fed to the parser with no element or text reported, past which it stops: a token this
// long is no real part's, and expat buffers a token whole.
constexpr std::size_t kMaxTokenBytes = 4 << 20;

// A stream of bytes (an inflating zip entry).
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Up to `size` bytes into `buffer`; 0 at the end. Throws common::PirpackError.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
};

// The namespaces the reader tells apart.
enum class Ns {
    none,           // no namespace (unprefixed attributes)
    spreadsheet,    // SpreadsheetML main, Transitional or Strict
    relationships,  // officeDocument relationships (r:id), Transitional or Strict
    package,        // package relationships (.rels parts)
    xml,            // the xml: prefix (xml:space)
    other,
};

Ns classify_namespace(std::string_view uri);

// Equal but for the case of ASCII letters (part names, sheet names, encodings, attribute values).
bool equals_ascii_nocase(std::string_view a, std::string_view b);

struct XmlName {
    Ns ns = Ns::none;
    std::string_view local;
};

class NamespaceScope;

// The attributes of a start tag, as expat hands them over: name, value, name, value, null.
class XmlAttributes {
public:
    XmlAttributes(const char** pairs, const NamespaceScope* scope) : pairs_(pairs), scope_(scope) {}
    // The value of the attribute in namespace `ns`, or nullptr.
    const char* find(Ns ns, std::string_view local) const;
    // An unprefixed attribute (the common case), or nullptr.
    const char* find(std::string_view local) const;
    // The first prefixed attribute with this local name, whatever its namespace, or nullptr.
    const char* find_prefixed(std::string_view local) const;
    const char** pairs() const { return pairs_; }

private:
    const char** pairs_;
    const NamespaceScope* scope_;
};

class XmlHandler {
public:
    virtual ~XmlHandler() = default;
    virtual void start_element(const XmlName& name, const XmlAttributes& attributes) = 0;
    virtual void end_element(const XmlName& name) = 0;
    virtual void text(const char* data, int size) = 0;
};

class XmlParser {
public:
    // `part` names the zip entry and `file` the workbook in error messages; `sheet` and the
    // handler's current row (row_for_errors) locate them.
    XmlParser(ByteSource& source, XmlHandler& handler, std::string file, std::string part, std::string sheet = {});
    ~XmlParser();
    XmlParser(const XmlParser&) = delete;
    XmlParser& operator=(const XmlParser&) = delete;

    // Parses until a handler calls suspend() (true) or the document ends (false). Throws
    // common::PirpackError (input) for malformed XML, a DTD, a token over kMaxTokenBytes, or an
    // error a handler threw.
    bool resume();
    // Parses the whole part.
    void parse_all() {
        while (resume()) {
        }
    }
    // From inside a handler: stop after the current event; resume() then returns true.
    void suspend();
    // From inside a handler: stop for good, as if the document had ended (skips the rest).
    void finish();

    // From inside a handler: where the event's token starts, as a byte offset in everything fed so
    // far; how many bytes it spans (a start tag's whole length); and the element depth (1 for the
    // root, in both its start and its end handler).
    std::int64_t byte_index() const;
    int byte_count() const;
    int depth() const;

    long row_for_errors = 0;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// ---- byte scans for splitting a worksheet (xlsx_reader.cpp says why they are safe) ----------

// A worksheet's bytes up to its first row, as a byte scan finds them. Only a guess: the parse of
// the first chunk confirms it, or the sheet is read serially.
struct SheetPrelude {
    std::size_t size = 0;      // bytes up to and including the '>' of the <sheetData> start tag
    std::size_t data_tag = 0;  // where that start tag begins
    std::string root;          // the root element's qualified name: "worksheet", "x:worksheet"
    std::string sheet_data;    // sheetData's qualified name: "sheetData", "x:sheetData"
};

enum class PreludeScan {
    incomplete,  // more bytes are needed
    found,
    unsuitable,  // not UTF-8, a DOCTYPE or CDATA before the rows, an empty <sheetData/>, ...
};

// Scans `bytes` (the start of a part) for the prelude: an optional UTF-8 byte order mark and XML
// declaration (whose encoding, if named, must be UTF-8), comments and processing instructions,
// then start and end tags (quoted attribute values skipped) until the first start tag whose local
// name is sheetData.
PreludeScan scan_sheet_prelude(std::string_view bytes, SheetPrelude& out);

// The offset just past the last row end tag in `bytes` whose closing '>' is at or after `from`,
// or npos. A row end tag is "</", an optional "prefix:", "row", optional XML white space and
// ">". Matched on bytes alone, so it may be inside a comment, CDATA or processing instruction.
std::size_t find_last_row_end(std::string_view bytes, std::size_t from);

}  // namespace pirpack::ingest::xlsx
