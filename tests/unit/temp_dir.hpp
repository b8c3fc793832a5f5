// A folder of a test's own under the system's temporary folder, removed with all it holds when
// the test ends. The process id and a count keep concurrent test runs and tests apart.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

namespace pirpack::test {

struct TempDir {
    std::filesystem::path path;

    explicit TempDir(const std::string& prefix = "pirpack_test") {
        static int counter = 0;
        path = std::filesystem::temp_directory_path() /
               (prefix + "_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
        std::filesystem::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    // The path of `name` in the folder.
    std::string file(const std::string& name) const { return (path / name).string(); }
    // Writes `bytes` to `name` in the folder and returns its path.
    std::string write(const std::string& name, const std::string& bytes) const {
        const std::string at = file(name);
        std::ofstream(at, std::ios::binary) << bytes;
        return at;
    }
};

}  // namespace pirpack::test
