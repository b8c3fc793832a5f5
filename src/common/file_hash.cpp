#include "common/file_hash.hpp"

#include <Poco/Crypto/DigestEngine.h>
#include <Poco/Crypto/OpenSSLInitializer.h>

#include <fstream>
#include <vector>

#include "common/errors.hpp"

namespace pirpack::common {

namespace {

// Poco::Crypto sets OpenSSL up when the count of live DigestEngines goes from 0 to 1 and tears it
// down (deleting its mutexes) when it goes back to 0. Engines made and dropped on several threads
// at once (KPI definition hashes on each evaluation thread, files hashed by reader threads) race
// in that set-up and tear-down, and about one run in a hundred aborted in pthread_mutex_destroy.
// Held for the whole process, this keeps the count above 0: set up once, torn down at exit.
const Poco::Crypto::OpenSSLInitializer keep_openssl_set_up;

}  // namespace

std::string sha256_text(const std::string& text) {
    Poco::Crypto::DigestEngine engine("SHA256");
    engine.update(text.data(), static_cast<unsigned>(text.size()));
    return Poco::Crypto::DigestEngine::digestToHex(engine.digest());
}

FileDigest digest_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw PirpackError(ErrorKind::input, "cannot open the file to hash it", {path, "", 0, 0, ""});
    // OpenSSL (through Poco::Crypto) hashes several times faster than Poco's own SHA2Engine.
    Poco::Crypto::DigestEngine engine("SHA256");
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
    digest.sha256 = Poco::Crypto::DigestEngine::digestToHex(engine.digest());
    return digest;
}

}  // namespace pirpack::common
