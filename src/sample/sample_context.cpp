#include "sample/sample_context.hpp"

#include <fmt/format.h>

namespace pirpack::sample {

namespace {

constexpr std::string_view code_characters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr int code_count = 36 * 36;

std::string code_at(int position) {
    return {code_characters[static_cast<std::size_t>(position / 36)],
            code_characters[static_cast<std::size_t>(position % 36)]};
}

}  // namespace

std::string force_code(int index) {
    if (index == 0) return "WK";
    // Every pair in order, skipping "WK" so that no copy shares the seed force's prefix.
    int position = index - 1;
    const int wk = 22 * 36 + 10;
    if (position >= wk) ++position;
    if (position >= code_count) return code_at(position % code_count);  // beyond any allowed --scale
    return code_at(position);
}

std::string force_name(int index) {
    if (index == 0) return "Warwickshire";
    return fmt::format("Synthetic Force {:03}", index + 1);
}

}  // namespace pirpack::sample
