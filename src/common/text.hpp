// Small text helpers shared by several stages.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pirpack::common {

// Edit distance (insert, delete, substitute, transpose adjacent) between two strings.
int edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `word`, or "" when none is close enough to be a plausible typo.
std::string nearest_word(std::string_view word, const std::vector<std::string>& candidates);

// Lowercase ASCII letters and drop spaces, underscores and hyphens: how headers are matched.
std::string normalise_header(std::string_view text);

std::string to_lower_ascii(std::string_view text);

// The text with each byte that is not part of valid UTF-8 replaced by U+FFFD, so a bad value
// can be shown in a report or CSV without making the whole file invalid.
std::string make_valid_utf8(std::string_view text);

// "1 source", "3 sources".
std::string count_of(long count, std::string_view singular, std::string_view plural = {});

// "a, b or c": a readable list for hints.
std::string join_words(const std::vector<std::string>& words, std::string_view last_separator = " or ");

}  // namespace pirpack::common
