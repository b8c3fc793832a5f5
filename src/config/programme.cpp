#include "config/programme.hpp"

namespace pirpack::config {

const Workstream* Programme::find_workstream(const std::string& id) const {
    for (const auto& workstream : workstreams)
        if (workstream.id == id) return &workstream;
    return nullptr;
}

const Source* Programme::find_source(const std::string& name) const {
    for (const auto& source : sources)
        if (source.name == name) return &source;
    return nullptr;
}

std::string to_string(CurrentWindow value) {
    switch (value) {
        case CurrentWindow::month: return "month";
        case CurrentWindow::quarter: return "quarter";
        case CurrentWindow::fiscal_ytd: return "fiscal_ytd";
        case CurrentWindow::since_go_live: return "since_go_live";
    }
    return "month";
}

std::string to_string(Unit value) {
    switch (value) {
        case Unit::percent: return "percent";
        case Unit::count: return "count";
        case Unit::rate_per_100: return "rate_per_100";
        case Unit::ratio: return "ratio";
        case Unit::days: return "days";
        case Unit::hours: return "hours";
        case Unit::fte: return "fte";
    }
    return "count";
}

std::string to_string(Direction value) {
    switch (value) {
        case Direction::higher_is_better: return "higher_is_better";
        case Direction::lower_is_better: return "lower_is_better";
        case Direction::neutral: return "neutral";
    }
    return "neutral";
}

std::string to_string(ColumnType value) {
    switch (value) {
        case ColumnType::text: return "text";
        case ColumnType::integer: return "integer";
        case ColumnType::decimal: return "decimal";
        case ColumnType::date: return "date";
        case ColumnType::datetime: return "datetime";
        case ColumnType::boolean: return "boolean";
        case ColumnType::enumeration: return "enum";
        case ColumnType::status: return "status";
    }
    return "text";
}

std::string to_string(Encoding value) {
    switch (value) {
        case Encoding::utf8: return "utf-8";
        case Encoding::windows1252: return "windows-1252";
        case Encoding::iso8859_1: return "iso-8859-1";
    }
    return "utf-8";
}

}  // namespace pirpack::config
