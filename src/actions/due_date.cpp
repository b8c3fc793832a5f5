#include "actions/due_date.hpp"

#include <array>
#include <cctype>
#include <vector>

#include "validate/value_parser.hpp"

namespace pirpack::actions {

namespace {

using common::Date;

// No phrase this reader knows is longer; anything longer is not worth tokenising.
constexpr size_t max_phrase_length = 80;

bool is_ascii_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// Lowercase ASCII, no-break spaces as spaces, en and em dashes and the minus sign as '-',
// whitespace runs as one space, trimmed: one spelling for what looks the same on screen.
std::string canonicalise(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    auto push_space = [&out] {
        if (!out.empty() && out.back() != ' ') out.push_back(' ');
    };
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\xC2' && i + 1 < text.size() && text[i + 1] == '\xA0') {
            push_space();
            ++i;
        } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
                   (text[i + 2] == '\x93' || text[i + 2] == '\x94')) {
            out.push_back('-');
            i += 2;
        } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x88' && text[i + 2] == '\x92') {
            out.push_back('-');
            i += 2;
        } else if (is_ascii_space(c)) {
            push_space();
        } else {
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

struct Token {
    enum Kind { number, word, punct } kind = punct;
    std::string text;
    int value = -1;  // numbers of at most 6 digits; -1 otherwise
    size_t offset = 0;
};

std::vector<Token> tokenise(const std::string& text) {
    std::vector<Token> tokens;
    size_t i = 0;
    while (i < text.size()) {
        char c = text[i];
        if (c == ' ') {
            ++i;
            continue;
        }
        Token token;
        token.offset = i;
        if (is_digit(c)) {
            token.kind = Token::number;
            while (i < text.size() && is_digit(text[i])) token.text.push_back(text[i++]);
            if (token.text.size() <= 6) token.value = std::stoi(token.text);
        } else if (is_letter(c)) {
            token.kind = Token::word;
            while (i < text.size() && is_letter(text[i])) token.text.push_back(text[i++]);
        } else {
            token.text.push_back(text[i++]);
        }
        tokens.push_back(std::move(token));
    }
    return tokens;
}

// As strptime's %y: 00-69 are 2000-2069, 70-99 are 1970-1999.
int expand_two_digit_year(int two_digits) { return two_digits < 70 ? 2000 + two_digits : 1900 + two_digits; }

// A run of calendar months: `first_month` counts from January of `year` (0 = January, 12 = the
// next January), so fiscal periods that cross a year end need no special case.
struct Period {
    enum Kind { month, quarter, half, season, calendar_year, fiscal_year } kind = month;
    Date first;
    Date last;
};

Period make_period(Period::Kind kind, int year, int first_month, int months) {
    int last_month = first_month + months - 1;
    return Period{kind, Date{year + first_month / 12, first_month % 12 + 1, 1},
                  common::last_day_of_month(year + last_month / 12, last_month % 12 + 1)};
}

// Walks the tokens of a phrase; every `read_*` either consumes what it names or leaves the
// position where it was.
class Cursor {
public:
    explicit Cursor(const std::vector<Token>& tokens, size_t pos = 0) : tokens_(&tokens), pos_(pos) {}

    bool at_end() const { return pos_ >= tokens_->size(); }
    size_t position() const { return pos_; }
    void reset(size_t pos) { pos_ = pos; }

    bool read_word(std::string_view word) {
        if (at_end() || at(pos_).kind != Token::word || at(pos_).text != word) return false;
        ++pos_;
        return true;
    }
    bool read_punct(char c) {
        if (at_end() || at(pos_).kind != Token::punct || at(pos_).text[0] != c) return false;
        ++pos_;
        return true;
    }
    // A number written with exactly `digits` digits.
    std::optional<int> read_number(size_t digits) {
        if (at_end() || at(pos_).kind != Token::number || at(pos_).text.size() != digits) return std::nullopt;
        return at(pos_++).value;
    }
    std::optional<std::string> read_any_word() {
        if (at_end() || at(pos_).kind != Token::word) return std::nullopt;
        return at(pos_++).text;
    }

    // A calendar year written in full, 1900..2999.
    std::optional<int> read_year() {
        size_t start = pos_;
        auto year = read_number(4);
        if (year && *year >= 1900 && *year <= 2999) return year;
        pos_ = start;
        return std::nullopt;
    }

    // A split year naming one fiscal year: "23/24", "2023/24", "2023-24", "2023/2024", with an
    // optional "FY", "financial year" or "fiscal year" before it. Returns the first year.
    std::optional<int> read_split_year() {
        size_t start = pos_;
        if (!read_word("fy") && !((read_word("financial") || read_word("fiscal")) && read_word("year"))) pos_ = start;
        std::optional<int> first;
        bool full = false;
        if (auto year = read_year()) {
            first = year;
            full = true;
        } else if (auto two = read_number(2)) {
            first = expand_two_digit_year(*two);
        }
        if (first && (read_punct('/') || read_punct('-'))) {
            if (auto two = read_number(2)) {
                if (*two == (*first + 1) % 100) return first;
            } else if (full) {
                // "2023/2024" but not "23/2024", which mixes the two spellings.
                if (auto year = read_year(); year && *year == *first + 1) return first;
            }
        }
        pos_ = start;
        return std::nullopt;
    }

private:
    const Token& at(size_t pos) const { return (*tokens_)[pos]; }

    const std::vector<Token>* tokens_;
    size_t pos_;
};

std::optional<int> month_from_word(std::string_view word) {
    static const std::array<std::string_view, 12> names = {"january",   "february", "march",    "april",
                                                           "may",       "june",     "july",     "august",
                                                           "september", "october",  "november", "december"};
    for (size_t m = 0; m < names.size(); ++m)
        if (word == names[m] || word == names[m].substr(0, 3)) return static_cast<int>(m) + 1;
    if (word == "sept") return 9;
    return std::nullopt;
}

// "Q4 2024"/"H1 2024" (calendar) or "Q4 23/24"/"23/24 Q4" (fiscal): `letter` is q or h.
std::optional<Period> read_part_of_year(Cursor& cursor, std::string_view letter, int fiscal_start) {
    Period::Kind kind = letter == "q" ? Period::quarter : Period::half;
    int parts = letter == "q" ? 4 : 2;
    int months = 12 / parts;
    auto read_index = [&](Cursor& c) -> std::optional<int> {
        if (!c.read_word(letter)) return std::nullopt;
        auto n = c.read_number(1);
        if (!n || *n < 1 || *n > parts) return std::nullopt;
        return *n;
    };
    Cursor start = cursor;
    if (auto index = read_index(cursor)) {
        size_t after_index = cursor.position();
        if (auto year = cursor.read_year(); year && cursor.at_end())
            return make_period(kind, *year, (*index - 1) * months, months);
        cursor.reset(after_index);
        if (auto first = cursor.read_split_year(); first && cursor.at_end()) {
            if (fiscal_start < 1 || fiscal_start > 12) return std::nullopt;
            return make_period(kind, *first, fiscal_start - 1 + (*index - 1) * months, months);
        }
    }
    cursor = start;
    if (auto first = cursor.read_split_year()) {
        if (auto index = read_index(cursor); index && cursor.at_end()) {
            if (fiscal_start < 1 || fiscal_start > 12) return std::nullopt;
            return make_period(kind, *first, fiscal_start - 1 + (*index - 1) * months, months);
        }
    }
    cursor = start;
    return std::nullopt;
}

// Every period phrase; nullopt unless the tokens from `pos` are exactly one of them.
std::optional<Period> read_period(const std::vector<Token>& tokens, size_t pos, int fiscal_start) {
    auto whole = [&](auto read) -> std::optional<Period> {
        Cursor cursor(tokens, pos);
        auto period = read(cursor);
        if (period && cursor.at_end()) return period;
        return std::nullopt;
    };
    if (auto p = whole([](Cursor& c) -> std::optional<Period> {
            if (auto year = c.read_year()) return make_period(Period::calendar_year, *year, 0, 12);
            return std::nullopt;
        }))
        return p;
    if (auto p = whole([](Cursor& c) -> std::optional<Period> {
            auto word = c.read_any_word();
            if (!word) return std::nullopt;
            auto month = month_from_word(*word);
            if (!month) return std::nullopt;
            bool abbreviated = word->size() < 5 && *word != "june" && *word != "july";
            if (abbreviated) c.read_punct('.');
            if (c.read_punct('-')) {
                if (auto year = c.read_year()) return make_period(Period::month, *year, *month - 1, 1);
                if (auto two = c.read_number(2))
                    return make_period(Period::month, expand_two_digit_year(*two), *month - 1, 1);
                return std::nullopt;
            }
            if (auto year = c.read_year()) return make_period(Period::month, *year, *month - 1, 1);
            return std::nullopt;
        }))
        return p;
    for (std::string_view letter : {"q", "h"}) {
        Cursor cursor(tokens, pos);
        if (auto p = read_part_of_year(cursor, letter, fiscal_start)) return p;
    }
    if (auto p = whole([](Cursor& c) -> std::optional<Period> {
            struct Season {
                std::string_view name;
                int first_month;
            };
            for (Season season : {Season{"spring", 2}, Season{"summer", 5}, Season{"autumn", 8}, Season{"fall", 8}})
                if (c.read_word(season.name)) {
                    if (auto year = c.read_year()) return make_period(Period::season, *year, season.first_month, 3);
                    return std::nullopt;
                }
            if (c.read_word("winter"))
                if (auto first = c.read_split_year()) return make_period(Period::season, *first, 11, 3);
            return std::nullopt;
        }))
        return p;
    if (fiscal_start >= 1 && fiscal_start <= 12)
        if (auto p = whole([fiscal_start](Cursor& c) -> std::optional<Period> {
                if (auto first = c.read_split_year())
                    return make_period(Period::fiscal_year, *first, fiscal_start - 1, 12);
                return std::nullopt;
            }))
            return p;
    return std::nullopt;
}

// "31st May" -> "31 May": ordinals carry nothing the date parser needs.
std::string drop_ordinals(std::string_view text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        out.push_back(text[i]);
        if (is_digit(text[i]) && i + 2 < text.size()) {
            std::string_view suffix = text.substr(i + 1, 2);
            bool ends = i + 3 >= text.size() || !is_letter(text[i + 3]);
            if (ends && (suffix == "st" || suffix == "nd" || suffix == "rd" || suffix == "th")) i += 2;
        }
    }
    return out;
}

std::optional<Date> read_day(std::string_view text) {
    static const std::vector<std::string> formats = {"%d/%m/%Y", "%d/%m/%y", "%d.%m.%Y", "%d-%m-%Y", "%d %b %Y",
                                                     "%d-%b-%Y", "%d-%b-%y", "%d %b %y", "%Y/%m/%d"};
    return validate::parse_date(drop_ordinals(text), formats);
}

enum class Modifier { none, by, end, late, early, mid };

// Reads "by", "by the end of", "by end of", "the end of", "end of", "end", "late", "early", "mid",
// "mid-" from the front; a lone "the" is left for the period reader to refuse.
Modifier read_modifier(Cursor& cursor) {
    bool by = cursor.read_word("by");
    size_t after_by = cursor.position();
    cursor.read_word("the");
    if (cursor.read_word("end")) {
        if (!cursor.read_word("of")) cursor.read_punct('-');
        return Modifier::end;
    }
    cursor.reset(after_by);
    if (by) return Modifier::by;
    for (auto [word, value] :
         {std::pair{"late", Modifier::late}, std::pair{"early", Modifier::early}, std::pair{"mid", Modifier::mid}})
        if (cursor.read_word(word)) {
            cursor.read_punct('-');
            return value;
        }
    return Modifier::none;
}

DueDate dated(std::string_view text, Date date) { return DueDate{std::string(text), date, DueStatus::dated}; }

}  // namespace

std::string to_string(DueStatus status) {
    switch (status) {
        case DueStatus::blank:
            return "blank";
        case DueStatus::not_applicable:
            return "not applicable";
        case DueStatus::dated:
            return "dated";
        case DueStatus::unreadable:
            return "unreadable";
    }
    return "unreadable";
}

DueDate read_due_date(std::string_view text, int fiscal_year_start_month) {
    DueDate unreadable{std::string(text), std::nullopt, DueStatus::unreadable};
    std::string phrase = canonicalise(text);
    if (phrase.empty() || phrase == "-") return DueDate{std::string(text), std::nullopt, DueStatus::blank};
    for (std::string_view none : {"n/a", "na", "n.a.", "n.a", "none", "not applicable"})
        if (phrase == none) return DueDate{std::string(text), std::nullopt, DueStatus::not_applicable};
    if (phrase.size() > max_phrase_length) return unreadable;

    // The untouched text first, so an ISO date-time keeps its upper-case 'T'.
    if (auto day = read_day(validate::trim(text))) return dated(text, *day);

    std::vector<Token> tokens = tokenise(phrase);
    Cursor cursor(tokens);
    Modifier modifier = read_modifier(cursor);
    if (cursor.at_end()) return unreadable;

    if (modifier != Modifier::none) {
        std::string_view rest = std::string_view(phrase).substr(tokens[cursor.position()].offset);
        if (auto day = read_day(rest)) {
            if (modifier == Modifier::by) return dated(text, *day);
            return unreadable;
        }
    }
    auto period = read_period(tokens, cursor.position(), fiscal_year_start_month);
    if (!period) return unreadable;
    switch (modifier) {
        case Modifier::none:
        case Modifier::by:
        case Modifier::end:
        case Modifier::late:
            return dated(text, period->last);
        case Modifier::early:
            if (period->kind == Period::calendar_year) return dated(text, Date{period->first.year, 3, 31});
            if (period->kind == Period::month) return dated(text, Date{period->first.year, period->first.month, 10});
            return unreadable;
        case Modifier::mid:
            if (period->kind == Period::calendar_year) return dated(text, Date{period->first.year, 6, 30});
            if (period->kind == Period::month) return dated(text, Date{period->first.year, period->first.month, 15});
            return unreadable;
    }
    return unreadable;
}

std::string describe_due(const DueDate& due) {
    std::string shown(validate::trim(due.text));
    switch (due.status) {
        case DueStatus::blank:
            return "no due date";
        case DueStatus::not_applicable:
            return "not applicable";
        case DueStatus::dated: {
            std::string iso = due.date ? common::format_iso_date(*due.date) : std::string();
            return shown == iso ? iso : iso + " (" + shown + ")";
        }
        case DueStatus::unreadable:
            return "no usable due date (\"" + shown + "\")";
    }
    return "no usable due date";
}

}  // namespace pirpack::actions
