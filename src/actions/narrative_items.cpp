#include "actions/narrative_items.hpp"

#include <cmark-gfm.h>

#include <algorithm>
#include <memory>

namespace pirpack::actions {

namespace {

struct NodeFree {
    void operator()(cmark_node* node) const { cmark_node_free(node); }
};
using Document = std::unique_ptr<cmark_node, NodeFree>;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Whitespace runs as one space, trimmed.
std::string collapse_spaces(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (is_space(c)) {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// The text of inline nodes. With `bracket_links`, a link's text is wrapped in [ ] so that
// "[A-07](url)" is still read as a citation.
void append_inline_text(cmark_node* node, bool bracket_links, std::string& out) {
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
            case CMARK_NODE_TEXT:
            case CMARK_NODE_CODE:
                if (const char* literal = cmark_node_get_literal(child)) out += literal;
                break;
            case CMARK_NODE_SOFTBREAK:
            case CMARK_NODE_LINEBREAK:
                out += ' ';
                break;
            case CMARK_NODE_HTML_INLINE:
                break;
            case CMARK_NODE_LINK:
                if (bracket_links) out += '[';
                append_inline_text(child, bracket_links, out);
                if (bracket_links) out += ']';
                break;
            default:
                append_inline_text(child, bracket_links, out);
                break;
        }
    }
}

// The text of an item's own blocks (paragraphs, headings); nested lists are left out unless
// `with_nested_lists`.
void append_block_text(cmark_node* node, bool bracket_links, bool with_nested_lists, std::string& out) {
    for (cmark_node* child = cmark_node_first_child(node); child; child = cmark_node_next(child)) {
        switch (cmark_node_get_type(child)) {
            case CMARK_NODE_PARAGRAPH:
            case CMARK_NODE_HEADING:
                if (!out.empty()) out += ' ';
                append_inline_text(child, bracket_links, out);
                break;
            case CMARK_NODE_LIST:
                if (with_nested_lists) append_block_text(child, bracket_links, with_nested_lists, out);
                break;
            case CMARK_NODE_ITEM:
            case CMARK_NODE_BLOCK_QUOTE:
                append_block_text(child, bracket_links, with_nested_lists, out);
                break;
            default:
                break;
        }
    }
}

bool is_residual_activity_heading(cmark_node* heading) {
    std::string text;
    append_inline_text(heading, false, text);
    std::string folded = lower(collapse_spaces(text));
    if (!folded.empty() && folded.back() == ':') folded = collapse_spaces(folded.substr(0, folded.size() - 1));
    return folded == "residual activity";
}

bool says_none(const std::string& text) {
    std::string folded = lower(text);
    if (!folded.empty() && folded.back() == '.') folded.pop_back();
    for (std::string_view none : {"n/a", "na", "none", "nil", "not applicable"})
        if (folded == none) return true;
    return false;
}

// An id: letters, a hyphen, digits, nothing else.
bool is_action_id(std::string_view text) {
    size_t i = 0;
    while (i < text.size() && is_letter(text[i])) ++i;
    if (i == 0 || i > 10 || i >= text.size() || text[i] != '-') return false;
    size_t digits_start = ++i;
    while (i < text.size() && is_digit(text[i])) ++i;
    return i == text.size() && i > digits_start && i - digits_start <= 6;
}

// "A-07, A-08 and A-09" -> the ids, or nothing when any piece is not an id.
std::vector<std::string> read_id_list(std::string_view content) {
    std::vector<std::string> ids;
    std::string piece;
    auto finish_piece = [&]() -> bool {
        if (piece.empty() || lower(piece) == "and") {
            piece.clear();
            return true;
        }
        if (!is_action_id(piece)) return false;
        ids.push_back(piece);
        piece.clear();
        return true;
    };
    for (char c : content) {
        if (c == ',' || c == ';' || c == '&' || is_space(c)) {
            if (!finish_piece()) return {};
        } else {
            piece.push_back(c);
        }
    }
    if (!finish_piece()) return {};
    return ids;
}

}  // namespace

std::vector<std::string> read_cited_ids(std::string_view text) {
    std::vector<std::string> ids;
    for (size_t open = text.find('['); open != std::string_view::npos; open = text.find('[', open + 1)) {
        size_t close = text.find_first_of("[]", open + 1);
        if (close == std::string_view::npos) break;
        if (text[close] == '[') continue;
        for (auto& id : read_id_list(text.substr(open + 1, close - open - 1)))
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    }
    return ids;
}

std::vector<NarrativeItem> read_narrative_items(std::string_view markdown, std::string_view file_name) {
    Document document(cmark_parse_document(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT));
    std::vector<NarrativeItem> items;
    if (!document) return items;
    int section_level = 0;  // 0: not in a Residual Activity section
    for (cmark_node* block = cmark_node_first_child(document.get()); block; block = cmark_node_next(block)) {
        auto type = cmark_node_get_type(block);
        if (type == CMARK_NODE_HEADING) {
            int level = cmark_node_get_heading_level(block);
            if (section_level != 0 && level <= section_level) section_level = 0;
            if (section_level == 0 && is_residual_activity_heading(block)) section_level = level;
            continue;
        }
        if (section_level == 0 || type != CMARK_NODE_LIST) continue;
        for (cmark_node* item = cmark_node_first_child(block); item; item = cmark_node_next(item)) {
            std::string text;
            append_block_text(item, false, false, text);
            text = collapse_spaces(text);
            std::string cited;
            append_block_text(item, true, true, cited);
            auto ids = read_cited_ids(cited);
            if (ids.empty() && (text.empty() || says_none(text))) continue;
            items.push_back(NarrativeItem{std::string(file_name), cmark_node_get_start_line(item), std::move(text),
                                          std::move(ids)});
        }
    }
    return items;
}

std::vector<NarrativeItem> untracked(const std::vector<NarrativeItem>& items) {
    std::vector<NarrativeItem> out;
    for (const auto& item : items)
        if (item.cited_ids.empty()) out.push_back(item);
    return out;
}

}  // namespace pirpack::actions
