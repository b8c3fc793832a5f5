// libFuzzer target: any bytes as an .xlsx file; every sheet read to the end. Seed it with real
// workbooks (bench/fuzz.sh uses ../shared/fixtures/xlsx and the sample's workbooks).
#include <cstdint>
#include <cstdio>
#include <string>
#include <unistd.h>

#include "common/errors.hpp"
#include "ingest/xlsx_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/dev/shm/pirpack-fuzz-xlsx-" + std::to_string(getpid()) + ".xlsx";
    FILE* file = std::fopen(path.c_str(), "wb");
    if (!file) return 0;
    std::fwrite(data, 1, size, file);
    std::fclose(file);
    try {
        pirpack::ingest::XlsxLimits limits;
        limits.max_total_uncompressed = 64u << 20;  // keep a fuzzing run's memory small
        limits.max_entry_uncompressed = 32u << 20;
        auto book = pirpack::ingest::XlsxWorkbook::open(path, limits);
        for (const auto& sheet : book->sheets()) {
            if (!sheet.is_worksheet) continue;
            try {
                auto reader = book->open_sheet(sheet.name);
                pirpack::ingest::Row row;
                while (reader->next(row)) {
                }
            } catch (const pirpack::common::PirpackError&) {
            }
        }
    } catch (const pirpack::common::PirpackError&) {
    }
    return 0;
}
