// libFuzzer target: the value parsers every extract cell goes through.
#include <cstdint>
#include <string_view>

#include "validate/value_parser.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace pirpack::validate;
    parse_integer(text);
    parse_decimal(text);
    parse_boolean(text);
    parse_date(text, {"%d/%m/%Y", "%d %b %Y", "%Y-%m-%d %H:%M:%S"});
    parse_datetime(text, {"%d/%m/%Y %I:%M %p"});
    return 0;
}
