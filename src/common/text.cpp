#include "common/text.hpp"

#include <algorithm>
#include <cctype>

namespace pirpack::common {

int edit_distance(std::string_view a, std::string_view b) {
    const size_t n = a.size();
    const size_t m = b.size();
    // Three rows are enough for optimal string alignment distance.
    std::vector<int> before(m + 1), previous(m + 1), current(m + 1);
    for (size_t j = 0; j <= m; ++j) previous[j] = static_cast<int>(j);
    for (size_t i = 1; i <= n; ++i) {
        current[0] = static_cast<int>(i);
        for (size_t j = 1; j <= m; ++j) {
            int cost = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                               std::tolower(static_cast<unsigned char>(b[j - 1]))
                           ? 0
                           : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                current[j] = std::min(current[j], before[j - 2] + 1);
        }
        before.swap(previous);
        previous.swap(current);
    }
    return previous[m];
}

std::string nearest_word(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    int best_distance = 0;
    for (const auto& candidate : candidates) {
        int distance = edit_distance(word, candidate);
        if (best.empty() || distance < best_distance) {
            best = candidate;
            best_distance = distance;
        }
    }
    // A suggestion is only useful when it is plausibly what was meant.
    const int limit = std::max<int>(2, static_cast<int>(word.size()) / 3);
    if (best.empty() || best_distance > limit) return {};
    return best;
}

std::string normalise_header(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == ' ' || c == '_' || c == '-' || c == '\t') continue;
        out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    return out;
}

std::string to_lower_ascii(std::string_view text) {
    std::string out(text);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string make_valid_utf8(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        auto byte = static_cast<unsigned char>(text[i]);
        size_t length = byte < 0x80 ? 1 : (byte >= 0xC2 && byte <= 0xDF) ? 2 : (byte >= 0xE0 && byte <= 0xEF) ? 3
                                                                       : (byte >= 0xF0 && byte <= 0xF4) ? 4 : 0;
        bool valid = length > 0 && i + length <= text.size();
        for (size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out.append("\xEF\xBF\xBD");
            ++i;
        }
    }
    return out;
}

std::string count_of(long count, std::string_view singular, std::string_view plural) {
    std::string word = count == 1 ? std::string(singular)
                                  : (plural.empty() ? std::string(singular) + "s" : std::string(plural));
    return std::to_string(count) + " " + word;
}

std::string join_words(const std::vector<std::string>& words, std::string_view last_separator) {
    std::string out;
    for (size_t i = 0; i < words.size(); ++i) {
        if (i > 0) out += (i + 1 == words.size()) ? std::string(last_separator) : std::string(", ");
        out += words[i];
    }
    return out;
}

}  // namespace pirpack::common
