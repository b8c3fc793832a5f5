#include "report/model/narrative.hpp"

#include <algorithm>
#include <cctype>

#include "common/text.hpp"

namespace pirpack::report {

namespace {

std::string trim(std::string_view text) {
    std::size_t begin = 0, end = text.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
    while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
    return std::string(text.substr(begin, end - begin));
}

std::string capitalised(const std::string& rag) {
    if (rag.empty()) return "no RAG (neutral)";
    std::string out = rag;
    out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
    return out;
}

// The figure a field names, or nullptr for a field that does not exist.
const Figure* field_figure(const ScopeRow& row, const std::string& field, const ReportKpi& kpi) {
    if (field == "current") return &row.current;
    if (field == "baseline") return &row.baseline;
    if (field == "matched") return &row.matched;
    if (field == "change") return &row.change;
    if (field == "relative_change") return &row.relative_change;
    if (field == "target") return &kpi.target;
    if (field == "amber") return &kpi.amber;
    return nullptr;
}

// A fence line opens or closes a fenced code block: up to three spaces, then ``` or ~~~.
bool fence_of(std::string_view line, char& fence_char, std::size_t& fence_length) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    if (i >= line.size() || (line[i] != '`' && line[i] != '~')) return false;
    char c = line[i];
    std::size_t n = 0;
    while (i + n < line.size() && line[i + n] == c) ++n;
    if (n < 3) return false;
    fence_char = c;
    fence_length = n;
    return true;
}

std::vector<std::string_view> split_lines(std::string_view text) {
    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back(text.substr(start, end - start));
        start = end + 1;
    }
    return lines;
}

// Level of an ATX heading line (1-6), or 0.
int heading_level(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && i < 3 && line[i] == ' ') ++i;
    std::size_t hashes = 0;
    while (i + hashes < line.size() && line[i + hashes] == '#') ++hashes;
    if (hashes == 0 || hashes > 6) return 0;
    std::size_t after = i + hashes;
    if (after < line.size() && line[after] != ' ' && line[after] != '\t') return 0;
    return static_cast<int>(hashes);
}

std::string heading_text(std::string_view line) {
    std::string text = trim(line);
    std::size_t i = 0;
    while (i < text.size() && text[i] == '#') ++i;
    text = trim(std::string_view(text).substr(i));
    // An optional closing run of #s.
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '#') --end;
    if (end < text.size() && (end == 0 || text[end - 1] == ' ')) text = trim(std::string_view(text).substr(0, end));
    return text;
}

bool is_autolink(std::string_view rest) {
    // rest starts just after '<'.
    std::size_t close = rest.find('>');
    if (close == std::string_view::npos) return false;
    std::string_view inner = rest.substr(0, close);
    if (inner.empty() || inner.find_first_of(" \t\n<") != std::string_view::npos) return false;
    std::size_t colon = inner.find(':');
    if (colon != std::string_view::npos && colon >= 2 && colon <= 32 && std::isalpha(static_cast<unsigned char>(inner[0]))) {
        return std::all_of(inner.begin(), inner.begin() + static_cast<long>(colon), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '.' || c == '-';
        });
    }
    std::size_t at = inner.find('@');
    return at != std::string_view::npos && at > 0 && inner.find('.', at) != std::string_view::npos;
}

}  // namespace

const std::vector<std::string>& narrative_tag_fields() {
    static const std::vector<std::string> fields = {"current", "baseline", "matched", "target",
                                                    "amber",   "change",   "relative_change", "rag"};
    return fields;
}

std::string render_narrative_tags(std::string_view text, const std::string& file, const std::vector<ReportKpi>& kpis,
                                  common::DiagnosticSink& sink) {
    std::string out;
    out.reserve(text.size());
    int line = 1;
    std::size_t line_start = 0;
    std::size_t i = 0;
    auto location = [&](std::size_t at) {
        return common::SourceLocation{file, "", line, static_cast<int>(at - line_start) + 1, ""};
    };
    while (i < text.size()) {
        char c = text[i];
        if (c == '\n') {
            out += c;
            ++line;
            line_start = ++i;
            continue;
        }
        if (c != '{' || i + 1 >= text.size() || text[i + 1] != '{') {
            out += c;
            ++i;
            continue;
        }
        std::size_t close = text.find("}}", i + 2);
        std::size_t newline = text.find('\n', i + 2);
        if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
            sink.error(location(i), "a tag opened with {{ is not closed on the same line",
                       "write a figure as {{kpi.ID.FIELD}}, for example {{kpi.roads_psl_met.current}}");
            out += "{{";
            i += 2;
            continue;
        }
        const std::string tag(text.substr(i, close + 2 - i));
        const std::string inner = trim(text.substr(i + 2, close - i - 2));
        std::string replacement;
        std::string id, field;
        std::size_t first_dot = inner.find('.');
        std::size_t last_dot = inner.rfind('.');
        if (inner.compare(0, 4, "kpi.") != 0 || first_dot == last_dot) {
            sink.error(location(i), "\"" + tag + "\" is not a KPI tag",
                       "write a figure as {{kpi.ID.FIELD}}, with FIELD one of " +
                           common::join_words(narrative_tag_fields(), " or "));
        } else {
            id = inner.substr(first_dot + 1, last_dot - first_dot - 1);
            field = inner.substr(last_dot + 1);
            const ReportKpi* kpi = nullptr;
            for (const auto& candidate : kpis)
                if (candidate.id == id) kpi = &candidate;
            const auto& fields = narrative_tag_fields();
            if (kpi == nullptr) {
                std::vector<std::string> ids;
                for (const auto& candidate : kpis) ids.push_back(candidate.id);
                std::string nearest = common::nearest_word(id, ids);
                sink.error(location(i), "\"" + tag + "\" names KPI \"" + id + "\", which the programme does not have",
                           nearest.empty() ? "use the id of a [[kpi]] in the programme file"
                                           : "did you mean \"" + nearest + "\"?");
            } else if (std::find(fields.begin(), fields.end(), field) == fields.end()) {
                std::string nearest = common::nearest_word(field, fields);
                sink.error(location(i), "\"" + tag + "\" asks for field \"" + field + "\", which a KPI tag does not have",
                           (nearest.empty() ? std::string() : "did you mean \"" + nearest + "\"? ") + "fields are " +
                               common::join_words(fields, " and "));
            } else if (kpi->scopes.size() != 1 || !kpi->scopes.front().scope.empty()) {
                sink.error(location(i),
                           "\"" + tag + "\" names KPI \"" + id + "\", whose figures are by scope (" +
                               std::to_string(kpi->scopes.size()) + " scopes), so one figure cannot stand for it",
                           "quote it from the KPI table in the workstream's section instead");
            } else {
                const ScopeRow& row = kpi->scopes.front();
                replacement = field == "rag" ? capitalised(row.rag) : field_figure(row, field, *kpi)->text;
            }
        }
        out += replacement.empty() ? tag : replacement;
        i = close + 2;
    }
    return out;
}

std::string neutralise_raw_html(std::string_view markdown) {
    std::string out;
    out.reserve(markdown.size());
    bool in_fence = false;
    char fence_char = 0;
    std::size_t fence_length = 0;
    for (std::string_view line : split_lines(markdown)) {
        char c;
        std::size_t n;
        if (fence_of(line, c, n)) {
            if (!in_fence) {
                in_fence = true;
                fence_char = c;
                fence_length = n;
            } else if (c == fence_char && n >= fence_length && trim(line).find_first_not_of(c) == std::string::npos) {
                in_fence = false;
            }
            out.append(line);
            out += '\n';
            continue;
        }
        if (in_fence) {
            out.append(line);
            out += '\n';
            continue;
        }
        std::size_t i = 0;
        while (i < line.size()) {
            if (line[i] == '`') {
                std::size_t run = 0;
                while (i + run < line.size() && line[i + run] == '`') ++run;
                // A code span: the next run of exactly the same length on this line.
                std::size_t search = i + run, close = std::string_view::npos;
                while ((search = line.find('`', search)) != std::string_view::npos) {
                    std::size_t other = 0;
                    while (search + other < line.size() && line[search + other] == '`') ++other;
                    if (other == run) {
                        close = search;
                        break;
                    }
                    search += other;
                }
                if (close != std::string_view::npos) {
                    out.append(line.substr(i, close + run - i));
                    i = close + run;
                } else {
                    out.append(line.substr(i, run));
                    i += run;
                }
                continue;
            }
            if (line[i] == '\\' && i + 1 < line.size()) {
                out.append(line.substr(i, 2));
                i += 2;
                continue;
            }
            if (line[i] == '<' && i + 1 < line.size()) {
                char next = line[i + 1];
                bool opens = std::isalpha(static_cast<unsigned char>(next)) || next == '/' || next == '!' || next == '?';
                if (opens && !is_autolink(line.substr(i + 1))) {
                    out += "&lt;";
                    ++i;
                    continue;
                }
            }
            out += line[i++];
        }
        out += '\n';
    }
    if (!markdown.empty() && markdown.back() != '\n' && !out.empty()) out.pop_back();
    return out;
}

NarrativeDoc split_narrative(const std::string& file, std::string_view markdown, int demote) {
    NarrativeDoc doc;
    doc.file = file;
    doc.sections.push_back({"", "", 1});
    bool in_fence = false;
    char fence_char = 0;
    std::size_t fence_length = 0;
    int line_number = 0;
    for (std::string_view line : split_lines(markdown)) {
        ++line_number;
        char c;
        std::size_t n;
        if (fence_of(line, c, n)) {
            if (!in_fence) {
                in_fence = true;
                fence_char = c;
                fence_length = n;
            } else if (c == fence_char && n >= fence_length) {
                in_fence = false;
            }
        }
        int level = in_fence ? 0 : heading_level(line);
        if (level == 1 && doc.title.empty()) {
            doc.title = heading_text(line);
            continue;
        }
        if (level == 2) {
            doc.sections.push_back({heading_text(line), "", line_number});
            continue;
        }
        std::string& body = doc.sections.back().markdown;
        if (level > 0) {
            int new_level = std::min(6, level + demote);
            body += std::string(static_cast<std::size_t>(new_level), '#') + " " + heading_text(line) + "\n";
        } else {
            body.append(line);
            body += '\n';
        }
    }
    if (doc.title.empty()) doc.title = file;
    for (auto& section : doc.sections) {
        // Trim blank lines at both ends of each body.
        std::string& body = section.markdown;
        std::size_t begin = body.find_first_not_of("\n \t");
        if (begin == std::string::npos) {
            body.clear();
            continue;
        }
        std::size_t start_of_line = body.rfind('\n', begin);
        body = body.substr(start_of_line == std::string::npos ? 0 : start_of_line + 1);
        std::size_t end = body.find_last_not_of("\n \t");
        body = body.substr(0, end + 1) + "\n";
    }
    if (doc.sections.front().markdown.empty()) doc.sections.erase(doc.sections.begin());
    return doc;
}

}  // namespace pirpack::report
