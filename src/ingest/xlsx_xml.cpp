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
    XmlName element(const char* name) const {
        const char* colon = std::strchr(name, ':');
        if (!colon) return XmlName{default_, std::string_view(name)};
        return XmlName{prefix(std::string_view(name, static_cast<std::size_t>(colon - name))),
                       std::string_view(colon + 1)};
    }
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

}  // namespace pirpack::ingest::xlsx
