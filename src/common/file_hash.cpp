#include "common/file_hash.hpp"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

#include <fstream>
#include <vector>

#include "common/errors.hpp"

namespace pirpack::common {

FileDigest digest_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PirpackError(ErrorKind::input, "cannot open the file to hash it", {path, "", 0, 0, ""});
    Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
    std::vector<char> buffer(1 << 20);
    FileDigest digest;
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        std::streamsize count = in.gcount();
        if (count <= 0) break;
        engine.update(buffer.data(), static_cast<unsigned>(count));
        digest.bytes += static_cast<std::uint64_t>(count);
    }
    if (in.bad()) throw PirpackError(ErrorKind::input, "reading the file failed part-way", {path, "", 0, 0, ""});
    digest.sha256 = Poco::DigestEngine::digestToHex(engine.digest());
    return digest;
}

}  // namespace pirpack::common
