#include "store/postgres_sql.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "common/errors.hpp"

namespace pirpack::store {

namespace {

bool is_digit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }
bool starts_word(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool in_word(char c) { return starts_word(c) || is_digit(c) || c == '$'; }

bool equals_ignoring_case(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

// The end of the quoted text starting at `start` (a ' or "), where a doubled quote is one quote.
std::size_t end_of_quoted(const std::string& sql, std::size_t start) {
    const char quote = sql[start];
    std::size_t i = start + 1;
    while (i < sql.size()) {
        if (sql[i] == quote) {
            if (i + 1 < sql.size() && sql[i + 1] == quote) {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return sql.size();
}

}  // namespace

PostgresSql translate_for_postgres(const std::string& sql) {
    PostgresSql out;
    out.text.reserve(sql.size() + 64);
    const std::size_t n = sql.size();
    std::size_t i = 0;
    while (i < n) {
        const char c = sql[i];
        std::size_t next = i + 1;
        if (c == '\'' || c == '"') {
            next = end_of_quoted(sql, i);
            out.text.append(sql, i, next - i);
        } else if (c == '-' && i + 1 < n && sql[i + 1] == '-') {
            next = std::min(sql.find('\n', i), n);
            out.text.append(sql, i, next - i);
        } else if (c == '/' && i + 1 < n && sql[i + 1] == '*') {
            const std::size_t close = sql.find("*/", i + 2);
            next = close == std::string::npos ? n : close + 2;
            out.text.append(sql, i, next - i);
        } else if (c == ':' && i + 1 < n && sql[i + 1] == ':') {
            next = i + 2;  // a cast, not a parameter
            out.text += "::";
        } else if (c == ':' && i + 1 < n && starts_word(sql[i + 1])) {
            next = i + 1;
            while (next < n && in_word(sql[next]) && sql[next] != '$') ++next;
            const std::string name = sql.substr(i + 1, next - i - 1);
            auto found = std::find(out.parameters.begin(), out.parameters.end(), name);
            if (found == out.parameters.end()) found = out.parameters.insert(out.parameters.end(), name);
            out.text += "$" + std::to_string(found - out.parameters.begin() + 1);
        } else if (starts_word(c)) {
            // A whole word at once, so digits inside names (t1, col2) never read as numbers.
            while (next < n && in_word(sql[next])) ++next;
            const std::string_view word(sql.data() + i, next - i);
            if (equals_ignoring_case(word, "like"))
                out.text += "ILIKE";
            else if (equals_ignoring_case(word, "real"))
                out.text += "DOUBLE PRECISION";
            else
                out.text.append(word);
        } else if (is_digit(c) || (c == '.' && i + 1 < n && is_digit(sql[i + 1]))) {
            bool real = false;
            next = i;
            while (next < n && is_digit(sql[next])) ++next;
            if (next < n && sql[next] == '.') {
                real = true;
                ++next;
                while (next < n && is_digit(sql[next])) ++next;
            }
            if (next < n && (sql[next] == 'e' || sql[next] == 'E')) {
                std::size_t k = next + 1;
                if (k < n && (sql[k] == '+' || sql[k] == '-')) ++k;
                if (k < n && is_digit(sql[k])) {
                    real = true;
                    next = k;
                    while (next < n && is_digit(sql[next])) ++next;
                }
            }
            out.text.append(sql, i, next - i);
            if (real) out.text += "::float8";
        } else {
            out.text += c;
        }
        i = next;
    }
    return out;
}

std::string redact_postgres_url(const std::string& url) {
    std::string text = url;
    const std::size_t scheme = text.find("://");
    if (scheme != std::string::npos) {
        const std::size_t authority = scheme + 3;
        const std::size_t end = std::min(text.find_first_of("/?", authority), text.size());
        const std::size_t at = text.rfind('@', end);
        if (at != std::string::npos && at >= authority) {
            const std::size_t colon = text.find(':', authority);
            if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
        }
    }
    for (std::size_t key = text.find("password="); key != std::string::npos; key = text.find("password=", key + 1)) {
        const std::size_t value = key + 9;
        const std::size_t end = std::min(text.find_first_of("& ", value), text.size());
        text.replace(value, end - value, "***");
    }
    return text;
}

std::string postgres_connection_string(const std::string& url) {
    using common::ErrorKind;
    using common::PirpackError;
    const std::string hint = "write the store as postgresql://user@host:port/database";
    char* message = nullptr;
    PQconninfoOption* options = PQconninfoParse(url.c_str(), &message);
    if (options == nullptr) {
        std::string text = message ? message : "out of memory";
        if (message) PQfreemem(message);
        while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.pop_back();
        throw PirpackError(ErrorKind::configuration, "cannot read the store address " + redact_postgres_url(url) + ": " + text,
                           {}, hint);
    }
    std::string result;
    bool named = false;
    for (const PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
        if (option->val == nullptr || *option->val == '\0') continue;
        const std::string keyword = option->keyword, value = option->val;
        if (value.find_first_of(" \t\r\n'\\") != std::string::npos) {
            PQconninfoFree(options);
            throw PirpackError(ErrorKind::configuration,
                               "the store address " + redact_postgres_url(url) + " has a " + keyword +
                                   " with a space, quote or backslash, which Poco's PostgreSQL connector cannot pass on",
                               {}, keyword == "password" ? "put the password in ~/.pgpass or PGPASSWORD instead" : hint);
        }
        named = named || keyword == "application_name" || keyword == "fallback_application_name";
        result += (result.empty() ? "" : " ") + keyword + "=" + value;
    }
    PQconninfoFree(options);
    // So that a DBA sees in pg_stat_activity which sessions are pirpack's.
    if (!named) result += (result.empty() ? "" : " ") + std::string("fallback_application_name=pirpack");
    return result;
}

}  // namespace pirpack::store
