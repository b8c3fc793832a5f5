// SHA-256 of a file, so every figure in a pack can be traced to the exact extract behind it.
#pragma once

#include <cstdint>
#include <string>

namespace pirpack::common {

struct FileDigest {
    std::string sha256;  // lowercase hex
    std::uint64_t bytes = 0;
};

// SHA-256 of text already in memory, lowercase hex.
std::string sha256_text(const std::string& text);

// Reads the file in blocks; throws PirpackError (input) when it cannot be read.
FileDigest digest_file(const std::string& path);

}  // namespace pirpack::common
