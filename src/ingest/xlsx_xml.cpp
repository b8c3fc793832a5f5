#include "ingest/xlsx_xml.hpp"

#include <expat.h>

#include <cstring>
#include <new>
#include <vector>

#include "common/errors.hpp"

namespace pirpack::ingest::xlsx {

namespace {

constexpr int kChunkSize = 128 * 1024;

}  // namespace

bool equals_ascii_nocase(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i], y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

Ns classify_namespace(std::string_view uri) {
    if (uri.empty()) return Ns::none;
    if (uri == "http://schemas.openxmlformats.org/spreadsheetml/2006/main" ||
        uri == "http://purl.oclc.org/ooxml/spreadsheetml/main")
        return Ns::spreadsheet;
    if (uri == "http://schemas.openxmlformats.org/officeDocument/2006/relationships" ||
        uri == "http://purl.oclc.org/ooxml/officeDocument/relationships")
        return Ns::relationships;
    if (uri == "http://schemas.openxmlformats.org/package/2006/relationships") return Ns::package;
    if (uri == "http://www.w3.org/XML/1998/namespace") return Ns::xml;
    return Ns::other;
}

// The xmlns declarations in scope, so "x:c" and "c" resolve to the same name.
class NamespaceScope {
public:
    // Before an element's start handler: takes in its declarations.
    void open_element(const char** attributes) {
        ++depth_;
        for (const char** p = attributes; *p; p += 2) {
            const char* name = p[0];
            if (name[0] != 'x' || std::strncmp(name, "xmlns", 5) != 0) continue;
            if (name[5] == '\0') {
                defaults_.push_back(DefaultBinding{depth_, default_});
                default_ = classify_namespace(p[1]);
            } else if (name[5] == ':') {
                bindings_.push_back(Binding{std::string(name + 6), classify_namespace(p[1]), depth_});
            }
        }
    }
    // After an element's end handler: drops its declarations.
    void close_element() {
        while (!bindings_.empty() && bindings_.back().depth == depth_) bindings_.pop_back();
        while (!defaults_.empty() && defaults_.back().depth == depth_) {
            default_ = defaults_.back().previous;
            defaults_.pop_back();
        }
        --depth_;
    }
    // One pass over the name (element names are short: "c", "v", "row"), where strchr and then
    // strlen would make two.
    XmlName element(const char* name) const {
        const char* p = name;
        while (*p != '\0' && *p != ':') ++p;
        if (*p == '\0') return XmlName{default_, std::string_view(name, static_cast<std::size_t>(p - name))};
        return XmlName{prefix(std::string_view(name, static_cast<std::size_t>(p - name))), std::string_view(p + 1)};
    }
    int depth() const { return depth_; }
    // Unprefixed attributes are in no namespace (the default namespace does not apply).
    XmlName attribute(const char* name) const {
        const char* colon = std::strchr(name, ':');
        if (!colon) return XmlName{Ns::none, std::string_view(name)};
        return XmlName{prefix(std::string_view(name, static_cast<std::size_t>(colon - name))),
                       std::string_view(colon + 1)};
    }

private:
    Ns prefix(std::string_view name) const {
        for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it)
            if (it->prefix == name) return it->ns;
        return name == "xml" ? Ns::xml : Ns::other;
    }

    struct Binding {
        std::string prefix;
        Ns ns;
        int depth;
    };
    struct DefaultBinding {
        int depth;
        Ns previous;
    };
    std::vector<Binding> bindings_;
    std::vector<DefaultBinding> defaults_;
    Ns default_ = Ns::none;
    int depth_ = 0;
};

const char* XmlAttributes::find(Ns ns, std::string_view local) const {
    for (const char** p = pairs_; *p; p += 2) {
        XmlName name = scope_->attribute(p[0]);
        if (name.ns == ns && name.local == local) return p[1];
    }
    return nullptr;
}

const char* XmlAttributes::find(std::string_view local) const {
    for (const char** p = pairs_; *p; p += 2)
        if (std::string_view(p[0]) == local) return p[1];
    return nullptr;
}

const char* XmlAttributes::find_prefixed(std::string_view local) const {
    for (const char** p = pairs_; *p; p += 2) {
        const char* colon = std::strchr(p[0], ':');
        if (colon && std::string_view(colon + 1) == local) return p[1];
    }
    return nullptr;
}

struct XmlParser::State {
    XML_Parser parser = nullptr;
    ByteSource* source = nullptr;
    XmlHandler* handler = nullptr;
    XmlParser* owner = nullptr;
    std::string file, part, sheet;
    bool suspended = false;
    bool final_fed = false;
    bool done = false;
    bool finishing = false;
    bool declaration = false;     // a DTD or entity declaration was seen
    std::size_t quiet_bytes = 0;  // fed since the last element or text was reported
    std::exception_ptr error;
    NamespaceScope scope;

    void abort_with(std::exception_ptr e) {
        if (!error) error = std::move(e);
        XML_StopParser(parser, XML_FALSE);
    }

    common::SourceLocation location() const {
        return common::SourceLocation{file, sheet, static_cast<int>(owner->row_for_errors), 0, ""};
    }

    static void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
        auto* self = static_cast<State*>(data);
        self->quiet_bytes = 0;
        try {
            self->scope.open_element(attributes);
            self->handler->start_element(self->scope.element(name), XmlAttributes(attributes, &self->scope));
        } catch (...) {
            self->abort_with(std::current_exception());
        }
    }
    static void XMLCALL on_end(void* data, const XML_Char* name) {
        auto* self = static_cast<State*>(data);
        self->quiet_bytes = 0;
        try {
            self->handler->end_element(self->scope.element(name));
            self->scope.close_element();
        } catch (...) {
            self->abort_with(std::current_exception());
        }
    }
    static void XMLCALL on_text(void* data, const XML_Char* text, int size) {
        auto* self = static_cast<State*>(data);
        self->quiet_bytes = 0;
        try {
            self->handler->text(text, size);
        } catch (...) {
            self->abort_with(std::current_exception());
        }
    }
    static void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
        auto* self = static_cast<State*>(data);
        self->declaration = true;
        XML_StopParser(self->parser, XML_FALSE);
    }
    static void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*,
                                  const XML_Char*, const XML_Char*, const XML_Char*) {
        auto* self = static_cast<State*>(data);
        self->declaration = true;
        XML_StopParser(self->parser, XML_FALSE);
    }
};

XmlParser::XmlParser(ByteSource& source, XmlHandler& handler, std::string file, std::string part, std::string sheet)
    : state_(std::make_unique<State>()) {
    state_->source = &source;
    state_->handler = &handler;
    state_->owner = this;
    state_->file = std::move(file);
    state_->part = std::move(part);
    state_->sheet = std::move(sheet);
    state_->parser = XML_ParserCreate(nullptr);
    if (!state_->parser) throw std::bad_alloc();
    XML_SetUserData(state_->parser, state_.get());
    XML_SetElementHandler(state_->parser, &State::on_start, &State::on_end);
    XML_SetCharacterDataHandler(state_->parser, &State::on_text);
    XML_SetStartDoctypeDeclHandler(state_->parser, &State::on_doctype);
    XML_SetEntityDeclHandler(state_->parser, &State::on_entity);
    XML_SetParamEntityParsing(state_->parser, XML_PARAM_ENTITY_PARSING_NEVER);
}

XmlParser::~XmlParser() {
    if (state_->parser) XML_ParserFree(state_->parser);
}

void XmlParser::suspend() { XML_StopParser(state_->parser, XML_TRUE); }

void XmlParser::finish() {
    state_->finishing = true;
    XML_StopParser(state_->parser, XML_FALSE);
}

std::int64_t XmlParser::byte_index() const {
    return static_cast<std::int64_t>(XML_GetCurrentByteIndex(state_->parser));
}

int XmlParser::byte_count() const { return XML_GetCurrentByteCount(state_->parser); }

int XmlParser::depth() const { return state_->scope.depth(); }

bool XmlParser::resume() {
    State& s = *state_;
    if (s.done) return false;
    for (;;) {
        XML_Status status;
        if (s.suspended) {
            s.suspended = false;
            status = XML_ResumeParser(s.parser);
        } else {
            void* buffer = XML_GetBuffer(s.parser, kChunkSize);
            if (!buffer) throw std::bad_alloc();
            std::size_t got = s.source->read(static_cast<char*>(buffer), kChunkSize);
            s.quiet_bytes += got;
            if (s.quiet_bytes > kMaxTokenBytes) {
                s.done = true;
                throw common::PirpackError(
                    common::ErrorKind::input,
                    s.part + " has a tag or comment longer than " + std::to_string(kMaxTokenBytes >> 20) + " MiB",
                    s.location(),
                    "no genuine workbook has one, so the file is damaged or made to exhaust memory; if it is "
                    "genuine, open it in Excel and save it again");
            }
            s.final_fed = got == 0;
            status = XML_ParseBuffer(s.parser, static_cast<int>(got), s.final_fed ? XML_TRUE : XML_FALSE);
        }
        if (status == XML_STATUS_SUSPENDED) {
            s.suspended = true;
            return true;
        }
        if (status == XML_STATUS_ERROR) {
            s.done = true;
            if (s.error) std::rethrow_exception(s.error);
            if (s.declaration)
                throw common::PirpackError(
                    common::ErrorKind::input, "refusing a DTD or entity declaration in " + s.part, s.location(),
                    "XLSX parts never need one, and it is how entity-expansion attacks arrive; if the workbook is "
                    "genuine, open it in Excel and save it again");
            if (s.finishing) return false;
            throw common::PirpackError(common::ErrorKind::input,
                                       s.part + " is not well-formed XML (" +
                                           XML_ErrorString(XML_GetErrorCode(s.parser)) + " at line " +
                                           std::to_string(XML_GetCurrentLineNumber(s.parser)) + ")",
                                       s.location(), "the workbook is damaged; open it in Excel and save it again");
        }
        if (s.final_fed) {
            s.done = true;
            return false;
        }
    }
}

// ---- byte scans for splitting a worksheet ------------------------------------------------------

namespace {

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// Bytes a namespace prefix may hold, loosely: a false match only costs a failed check later.
bool is_prefix_byte(char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '.' || u == '-' ||
           u == '_' || u >= 0x80;
}

// The encoding an XML declaration names ("" if none); false if the declaration is garbled.
bool declared_encoding(std::string_view declaration, std::string_view& encoding) {
    encoding = {};
    const std::size_t at = declaration.find("encoding");
    if (at == std::string_view::npos) return true;
    std::size_t i = at + 8;
    while (i < declaration.size() && is_xml_space(declaration[i])) ++i;
    if (i >= declaration.size() || declaration[i] != '=') return false;
    ++i;
    while (i < declaration.size() && is_xml_space(declaration[i])) ++i;
    if (i >= declaration.size() || (declaration[i] != '"' && declaration[i] != '\'')) return false;
    const char quote = declaration[i++];
    const std::size_t end = declaration.find(quote, i);
    if (end == std::string_view::npos) return false;
    encoding = declaration.substr(i, end - i);
    return true;
}

}  // namespace

PreludeScan scan_sheet_prelude(std::string_view bytes, SheetPrelude& out) {
    out = SheetPrelude();
    if (bytes.size() < 4) return PreludeScan::incomplete;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
    // UTF-16 or UTF-32, with or without a byte order mark: a '<' is not one byte there.
    if ((b(0) == 0xFE && b(1) == 0xFF) || (b(0) == 0xFF && b(1) == 0xFE) || b(0) == 0 || b(1) == 0 || b(2) == 0 ||
        b(3) == 0)
        return PreludeScan::unsuitable;
    std::size_t i = 0;
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) i = 3;
    if (bytes.substr(i, 5) == "<?xml") {
        if (bytes.size() < i + 6) return PreludeScan::incomplete;
        if (is_xml_space(bytes[i + 5])) {
            const std::size_t end = bytes.find("?>", i);
            if (end == std::string_view::npos) return PreludeScan::incomplete;
            std::string_view encoding;
            if (!declared_encoding(bytes.substr(i, end - i), encoding)) return PreludeScan::unsuitable;
            if (!encoding.empty() && !equals_ascii_nocase(encoding, "UTF-8")) return PreludeScan::unsuitable;
            i = end + 2;
        }
    }
    for (;;) {
        const std::size_t lt = bytes.find('<', i);
        if (lt == std::string_view::npos || lt + 1 >= bytes.size()) return PreludeScan::incomplete;
        if (bytes.substr(lt, 4) == "<!--") {
            const std::size_t end = bytes.find("-->", lt + 4);
            if (end == std::string_view::npos) return PreludeScan::incomplete;
            i = end + 3;
            continue;
        }
        if (bytes[lt + 1] == '?') {
            const std::size_t end = bytes.find("?>", lt + 2);
            if (end == std::string_view::npos) return PreludeScan::incomplete;
            i = end + 2;
            continue;
        }
        if (bytes[lt + 1] == '!') {
            if (bytes.size() < lt + 4) return PreludeScan::incomplete;
            return PreludeScan::unsuitable;  // a DOCTYPE (refused by the parse anyway) or CDATA
        }
        // A start or end tag: its name, then on to its '>' (skipping quoted values).
        std::size_t name_end = lt + 1 + (bytes[lt + 1] == '/' ? 1 : 0);
        const std::size_t name_start = name_end;
        while (name_end < bytes.size() && !is_xml_space(bytes[name_end]) && bytes[name_end] != '/' &&
               bytes[name_end] != '>')
            ++name_end;
        if (name_end >= bytes.size()) return PreludeScan::incomplete;
        if (name_end == name_start) return PreludeScan::unsuitable;
        std::size_t j = name_end;
        char quote = 0;
        for (; j < bytes.size(); ++j) {
            const char c = bytes[j];
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                break;
            }
        }
        if (j >= bytes.size()) return PreludeScan::incomplete;
        i = j + 1;
        if (bytes[lt + 1] == '/') continue;
        const std::string_view qname = bytes.substr(name_start, name_end - name_start);
        if (out.root.empty()) out.root = std::string(qname);
        const std::size_t colon = qname.find(':');
        const std::string_view local = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
        if (local == "sheetData") {
            if (bytes[j - 1] == '/') return PreludeScan::unsuitable;  // <sheetData/>: no rows to split
            out.size = j + 1;
            out.data_tag = lt;
            out.sheet_data = std::string(qname);
            return PreludeScan::found;
        }
    }
}

std::size_t find_last_row_end(std::string_view bytes, std::size_t from) {
    std::size_t end = bytes.size();
    while (end > from) {
        const void* found = memrchr(bytes.data() + from, '>', end - from);
        if (!found) return std::string_view::npos;
        const std::size_t gt = static_cast<std::size_t>(static_cast<const char*>(found) - bytes.data());
        end = gt;
        std::size_t j = gt;
        while (j > 0 && is_xml_space(bytes[j - 1])) --j;
        if (j < 5 || bytes.substr(j - 3, 3) != "row") continue;
        j -= 3;
        if (bytes[j - 1] == '/') {
            if (bytes[j - 2] == '<') return gt + 1;
            continue;
        }
        if (bytes[j - 1] != ':') continue;
        std::size_t k = j - 1;
        while (k > 0 && is_prefix_byte(bytes[k - 1])) --k;
        if (k < j - 1 && k >= 2 && bytes[k - 1] == '/' && bytes[k - 2] == '<') return gt + 1;
    }
    return std::string_view::npos;
}

}  // namespace pirpack::ingest::xlsx
