// libFuzzer target: any bytes as a CSV file, in each encoding and delimiter mode.
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "common/errors.hpp"
#include "ingest/csv_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/dev/shm/pirpack-fuzz-csv-" + std::to_string(getpid()) + ".csv";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    for (auto encoding : {pirpack::config::Encoding::utf8, pirpack::config::Encoding::windows1252}) {
        pirpack::ingest::CsvOptions options;
        options.encoding = encoding;
        options.buffer_size = 7;       // small buffers exercise records split across reads
        options.max_field_size = 64;   // and the field-size cap
        try {
            pirpack::ingest::CsvReader reader(path, options);
            pirpack::ingest::Row row;
            while (reader.next(row)) {
            }
        } catch (const pirpack::common::PirpackError&) {
        }
    }
    return 0;
}
