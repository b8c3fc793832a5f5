#include "common/source_location.hpp"

namespace pirpack::common {

std::string column_letters(int column) {
    std::string letters;
    while (column > 0) {
        int rem = (column - 1) % 26;
        letters.insert(letters.begin(), static_cast<char>('A' + rem));
        column = (column - 1) / 26;
    }
    return letters;
}

std::string SourceLocation::describe() const {
    std::string text = file.empty() ? std::string("pirpack") : file;
    if (!sheet.empty()) {
        text += "!" + sheet + "!";
        if (column > 0) text += column_letters(column);
        if (line > 0) text += std::to_string(line);
        return text;
    }
    if (line > 0) {
        text += ":" + std::to_string(line);
        if (column > 0) text += ":" + std::to_string(column);
    }
    return text;
}

}  // namespace pirpack::common
