#include "ingest/xlsx_cells.hpp"

#include <charconv>
#include <cmath>
#include <cstring>

namespace pirpack::ingest::xlsx {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool starts_with_nocase(std::string_view text, std::size_t at, std::string_view word) {
    if (text.size() - at < word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (lower(text[at + i]) != word[i]) return false;
    return true;
}

bool is_xml_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Days since 1970-01-01 and back, proleptic Gregorian (H. Hinnant's civil calendar algorithms).
long long days_from_civil(int y, int m, int d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * static_cast<unsigned>(m + (m > 2 ? -3 : 9)) + 2) / 5 + static_cast<unsigned>(d) - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, int& y, int& m, int& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    y = static_cast<int>(static_cast<long long>(yoe) + era * 400 + (m <= 2));
}

int days_in_month(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

char* put_digits(char* p, int value, int width) {
    for (int i = width - 1; i >= 0; --i) {
        p[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return p + width;
}

char* put_date(char* p, int y, int m, int d) {
    p = put_digits(p, y, 4);
    *p++ = '-';
    p = put_digits(p, m, 2);
    *p++ = '-';
    return put_digits(p, d, 2);
}

char* put_time(char* p, int seconds) {
    p = put_digits(p, seconds / 3600, 2);
    *p++ = ':';
    p = put_digits(p, (seconds / 60) % 60, 2);
    *p++ = ':';
    return put_digits(p, seconds % 60, 2);
}

// Days between the serial epoch of `system` and 1970-01-01, for serials past 1900-02-28.
long long epoch_offset(DateSystem system) { return system == DateSystem::excel1904 ? 24107 : 25569; }

bool read_digits(std::string_view s, std::size_t at, int count, int& out) {
    if (s.size() < at + count) return false;
    int value = 0;
    for (int i = 0; i < count; ++i) {
        char c = s[at + i];
        if (c < '0' || c > '9') return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

// "HH:MM[:SS[.fff]]" then an optional zone, which is dropped (Excel has no time zones). Sets the
// seconds of the day, rounded; 86400 means the next midnight.
bool read_time(std::string_view s, std::size_t at, int& seconds) {
    int h = 0, m = 0, sec = 0;
    if (!read_digits(s, at, 2, h) || s.size() <= at + 2 || s[at + 2] != ':' || !read_digits(s, at + 3, 2, m))
        return false;
    std::size_t pos = at + 5;
    double fraction = 0;
    if (pos < s.size() && s[pos] == ':') {
        if (!read_digits(s, pos + 1, 2, sec)) return false;
        pos += 3;
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            double scale = 0.1;
            ++pos;
            std::size_t first = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                fraction += (s[pos] - '0') * scale;
                scale /= 10;
                ++pos;
            }
            if (pos == first) return false;
        }
    }
    if (pos < s.size()) {
        std::string_view zone = s.substr(pos);
        int zh = 0, zm = 0;
        bool ok =
            zone == "Z" ||
            ((zone[0] == '+' || zone[0] == '-') &&
             ((zone.size() == 3 && read_digits(zone, 1, 2, zh)) ||
              (zone.size() == 6 && zone[3] == ':' && read_digits(zone, 1, 2, zh) && read_digits(zone, 4, 2, zm)) ||
              (zone.size() == 5 && read_digits(zone, 1, 2, zh) && read_digits(zone, 3, 2, zm))));
        if (!ok) return false;
    }
    if (h > 24 || m > 59 || sec > 60 || (h == 24 && (m != 0 || sec != 0 || fraction != 0))) return false;
    seconds = h * 3600 + m * 60 + std::min(sec, 59) + (fraction >= 0.5 ? 1 : 0);
    return true;
}

}  // namespace

FormatKind classify_format_code(std::string_view code) {
    struct Token {
        char letter;  // y m d h s e g b, or 'a' for AM/PM
        int length;
        bool elapsed;
    };
    Token tokens[64];
    int count = 0;
    auto push = [&](char letter, int length, bool elapsed) {
        if (count < 64) tokens[count++] = Token{letter, length, elapsed};
    };
    bool digits = false, at_sign = false, general = false;

    std::size_t i = 0;
    while (i < code.size()) {
        const char c = code[i];
        if (c == ';') break;  // only the first section (positive numbers) decides
        if (c == '"') {
            std::size_t close = code.find('"', i + 1);
            i = close == std::string_view::npos ? code.size() : close + 1;
            continue;
        }
        if (c == '\\' || c == '_' || c == '*') {  // an escaped literal, or padding by the next char
            i += 2;
            continue;
        }
        if (c == '[') {
            std::size_t close = code.find(']', i + 1);
            if (close == std::string_view::npos) break;
            std::string_view inside = code.substr(i + 1, close - i - 1);
            char first = inside.empty() ? '\0' : lower(inside[0]);
            bool elapsed = first == 'h' || first == 'm' || first == 's';
            for (char ch : inside)
                if (lower(ch) != first) elapsed = false;
            if (elapsed) push(first, static_cast<int>(inside.size()), true);
            i = close + 1;  // otherwise a colour, locale, condition or calendar: no letters count
            continue;
        }
        if (c == '@') at_sign = true;
        if (c == '0' || c == '#' || c == '?') digits = true;
        const char l = lower(c);
        if (l == 'g' && starts_with_nocase(code, i, "general")) {
            general = true;
            i += 7;
            continue;
        }
        if (l == 'a' && starts_with_nocase(code, i, "am/pm")) {
            push('a', 5, false);
            i += 5;
            continue;
        }
        if (l == 'a' && starts_with_nocase(code, i, "a/p")) {
            push('a', 3, false);
            i += 3;
            continue;
        }
        if (l == 'e' && i + 1 < code.size() && (code[i + 1] == '+' || code[i + 1] == '-')) {
            digits = true;  // scientific notation, not an era year
            i += 2;
            continue;
        }
        if (std::strchr("ymdhsegb", l) && l != '\0') {
            std::size_t run = i;
            while (run < code.size() && lower(code[run]) == l) ++run;
            push(l, static_cast<int>(run - i), false);
            i = run;
            continue;
        }
        ++i;
    }

    bool date = false, time = false, elapsed = false;
    for (int k = 0; k < count; ++k) {
        const Token& t = tokens[k];
        if (t.elapsed) {
            elapsed = true;
            continue;
        }
        switch (t.letter) {
            case 'y':
            case 'd':
            case 'e':
            case 'g':
            case 'b':
                date = true;
                break;
            case 'h':
            case 's':
            case 'a':
                time = true;
                break;
            case 'm': {
                bool minutes = t.length <= 2 && ((k > 0 && tokens[k - 1].letter == 'h') ||
                                                 (k + 1 < count && tokens[k + 1].letter == 's'));
                (minutes ? time : date) = true;
                break;
            }
            default:
                break;
        }
    }
    if (date) return FormatKind::date;
    if (elapsed) return FormatKind::duration;
    if (time) return FormatKind::time;
    if (general) return FormatKind::general;
    if (at_sign && !digits) return FormatKind::text;
    if (code.empty()) return FormatKind::general;
    return FormatKind::number;
}

std::string_view builtin_format_code(int id) {
    switch (id) {
        case 0:
            return "General";
        case 1:
            return "0";
        case 2:
            return "0.00";
        case 3:
            return "#,##0";
        case 4:
            return "#,##0.00";
        case 9:
            return "0%";
        case 10:
            return "0.00%";
        case 11:
            return "0.00E+00";
        case 12:
            return "# ?/?";
        case 13:
            return "# ?\?/??";
        case 14:
            return "mm-dd-yy";
        case 15:
            return "d-mmm-yy";
        case 16:
            return "d-mmm";
        case 17:
            return "mmm-yy";
        case 18:
            return "h:mm AM/PM";
        case 19:
            return "h:mm:ss AM/PM";
        case 20:
            return "h:mm";
        case 21:
            return "h:mm:ss";
        case 22:
            return "m/d/yy h:mm";
        case 37:
            return "#,##0 ;(#,##0)";
        case 38:
            return "#,##0 ;[Red](#,##0)";
        case 39:
            return "#,##0.00;(#,##0.00)";
        case 40:
            return "#,##0.00;[Red](#,##0.00)";
        case 45:
            return "mm:ss";
        case 46:
            return "[h]:mm:ss";
        case 47:
            return "mmss.0";
        case 48:
            return "##0.0E+0";
        case 49:
            return "@";
        default:
            return {};
    }
}

FormatKind builtin_format_kind(int id) {
    if (id == 0) return FormatKind::general;
    if ((id >= 1 && id <= 13) || (id >= 37 && id <= 44) || id == 48 || (id >= 59 && id <= 70))
        return FormatKind::number;
    if ((id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) || id == 36 || (id >= 50 && id <= 54) ||
        id == 57 || id == 58 || (id >= 71 && id <= 74) || id == 77 || id == 81)
        return FormatKind::date;
    if ((id >= 18 && id <= 21) || (id >= 32 && id <= 35) || id == 45 || id == 47 || id == 55 || id == 56 || id == 75 ||
        id == 76 || id == 78 || id == 80)
        return FormatKind::time;
    if (id == 46 || id == 79) return FormatKind::duration;
    if (id == 49) return FormatKind::text;
    return FormatKind::general;
}

bool format_serial_date(double serial, DateSystem system, std::string& out) {
    if (!std::isfinite(serial) || serial < 0 || serial >= 2958466.0) return false;
    const long long total = std::llround(serial * 86400.0);
    const long long days = total / 86400;
    const int seconds = static_cast<int>(total % 86400);
    int y = 1900, m = 2, d = 29;
    if (!(system == DateSystem::excel1900 && days == 60)) {
        long long since_1970 = days - epoch_offset(system);
        if (system == DateSystem::excel1900 && days < 60) since_1970 += 1;  // before the phantom day
        civil_from_days(since_1970, y, m, d);
    }
    if (y > 9999) return false;
    char buffer[24];
    char* p = put_date(buffer, y, m, d);
    if (seconds != 0) {
        *p++ = 'T';
        p = put_time(p, seconds);
    }
    out.assign(buffer, p);
    return true;
}

bool parse_iso_cell(std::string_view value, DateSystem system, std::string& text, double& serial) {
    while (!value.empty() && is_xml_space(value.front())) value.remove_prefix(1);
    while (!value.empty() && is_xml_space(value.back())) value.remove_suffix(1);
    char buffer[24];
    int seconds = 0;
    if (value.size() >= 10 && value[4] == '-' && value[7] == '-') {
        int y = 0, m = 0, d = 0;
        if (!read_digits(value, 0, 4, y) || !read_digits(value, 5, 2, m) || !read_digits(value, 8, 2, d)) return false;
        if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return false;
        if (value.size() > 10) {
            if ((value[10] != 'T' && value[10] != ' ') || !read_time(value, 11, seconds)) return false;
        }
        long long since_1970 = days_from_civil(y, m, d);
        if (seconds == 86400) {
            seconds = 0;
            civil_from_days(++since_1970, y, m, d);
        }
        long long day_serial = since_1970 + epoch_offset(system);
        if (system == DateSystem::excel1900 && day_serial < 61) day_serial -= 1;
        serial = static_cast<double>(day_serial) + seconds / 86400.0;
        char* p = put_date(buffer, y, m, d);
        if (seconds != 0) {
            *p++ = 'T';
            p = put_time(p, seconds);
        }
        text.assign(buffer, p);
        return true;
    }
    if (value.size() >= 5 && value[2] == ':' && read_time(value, 0, seconds)) {
        if (seconds == 86400) seconds = 0;
        serial = seconds / 86400.0;
        text.assign(buffer, put_time(buffer, seconds));
        return true;
    }
    return false;
}

bool parse_number(std::string_view text, double& out) {
    while (!text.empty() && is_xml_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_xml_space(text.back())) text.remove_suffix(1);
    if (!text.empty() && text.front() == '+') text.remove_prefix(1);
    if (text.empty()) return false;
    // Whole numbers of up to 15 digits, the common case, without the general parser.
    std::size_t start = text.front() == '-' ? 1 : 0;
    if (text.size() - start <= 15 && text.size() > start) {
        long long value = 0;
        std::size_t i = start;
        for (; i < text.size(); ++i) {
            char c = text[i];
            if (c < '0' || c > '9') break;
            value = value * 10 + (c - '0');
        }
        if (i == text.size()) {
            out = static_cast<double>(start ? -value : value);
            return true;
        }
    }
    const char* end = text.data() + text.size();
    auto result = std::from_chars(text.data(), end, out);
    return result.ec == std::errc() && result.ptr == end && std::isfinite(out);
}

void format_number(double value, std::string& out) {
    if (value == 0) value = 0;  // no "-0"
    // Whole numbers that a double holds exactly, the common case, without the general formatter.
    if (std::fabs(value) < 1e15 && value == std::trunc(value)) {
        char buffer[24];
        auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
        out.assign(buffer, result.ptr);
        return;
    }
    char buffer[40];
    auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.assign(buffer, result.ptr);
}

void decode_escapes(std::string& s, std::size_t from) {
    std::size_t first = s.find("_x", from);
    if (first == std::string::npos) return;
    auto hex4 = [&](std::size_t at, unsigned& unit) {
        if (at + 7 > s.size() || s[at] != '_' || s[at + 1] != 'x' || s[at + 6] != '_') return false;
        unit = 0;
        for (std::size_t k = at + 2; k < at + 6; ++k) {
            char c = s[k];
            unsigned v;
            if (c >= '0' && c <= '9')
                v = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v = static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
            unit = unit * 16 + v;
        }
        return true;
    };
    std::size_t read = first, write = first;
    while (read < s.size()) {
        unsigned unit = 0, low = 0;
        if (s[read] == '_' && hex4(read, unit)) {
            unsigned cp = unit;
            std::size_t used = 7;
            if (unit >= 0xD800 && unit <= 0xDBFF) {
                if (hex4(read + 7, low) && low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                    used = 14;
                } else {
                    cp = 0;  // a lone surrogate: keep the escape as written
                }
            } else if (unit >= 0xDC00 && unit <= 0xDFFF) {
                cp = 0;
            }
            if (cp != 0 || unit == 0) {
                char utf8[4];
                int n;
                if (cp < 0x80) {
                    utf8[0] = static_cast<char>(cp);
                    n = 1;
                } else if (cp < 0x800) {
                    utf8[0] = static_cast<char>(0xC0 | (cp >> 6));
                    utf8[1] = static_cast<char>(0x80 | (cp & 0x3F));
                    n = 2;
                } else if (cp < 0x10000) {
                    utf8[0] = static_cast<char>(0xE0 | (cp >> 12));
                    utf8[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                    utf8[2] = static_cast<char>(0x80 | (cp & 0x3F));
                    n = 3;
                } else {
                    utf8[0] = static_cast<char>(0xF0 | (cp >> 18));
                    utf8[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                    utf8[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                    utf8[3] = static_cast<char>(0x80 | (cp & 0x3F));
                    n = 4;
                }
                for (int k = 0; k < n; ++k) s[write++] = utf8[k];
                read += used;
                continue;
            }
        }
        s[write++] = s[read++];
    }
    s.resize(write);
}

bool append_within(std::string& s, std::size_t from, std::string_view data, std::size_t limit) {
    const std::size_t used = s.size() - from;
    if (used + data.size() <= limit) {
        s.append(data);
        return true;
    }
    std::size_t room = limit > used ? limit - used : 0;
    // data[room] is the first byte left out; a continuation byte there means a split character.
    while (room > 0 && (static_cast<unsigned char>(data[room]) & 0xC0) == 0x80) --room;
    s.append(data.substr(0, room));
    return false;
}

void trim_xml_space(std::string& s, std::size_t from) {
    std::size_t end = s.size();
    while (end > from && is_xml_space(s[end - 1])) --end;
    std::size_t begin = from;
    while (begin < end && is_xml_space(s[begin])) ++begin;
    if (begin > from) s.erase(from, begin - from);
    s.resize(from + (end - begin));
}

int column_from_reference(std::string_view reference, long* row) {
    int column = 0;
    std::size_t i = 0;
    for (; i < reference.size(); ++i) {
        char c = reference[i];
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c < 'A' || c > 'Z') break;
        if (column > 1000000) return 0;  // far past XFD; treated as unreadable
        column = column * 26 + (c - 'A' + 1);
    }
    if (row) {
        long r = 0;
        std::size_t j = i;
        for (; j < reference.size() && reference[j] >= '0' && reference[j] <= '9' && r < 100000000; ++j)
            r = r * 10 + (reference[j] - '0');
        *row = (j == reference.size() && j > i) ? r : 0;
    }
    return column;
}

}  // namespace pirpack::ingest::xlsx
