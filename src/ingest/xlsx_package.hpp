// The zip container of an XLSX workbook (Poco::Zip, kept behind this interface), with the size
// and ratio limits enforced while inflating, and a sniffer that tells a zip from the OLE
// compound files of encrypted workbooks and legacy .xls.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "ingest/xlsx_reader.hpp"
#include "ingest/xlsx_xml.hpp"

namespace pirpack::ingest::xlsx {

enum class FileKind {
    empty,  // no bytes at all
    zip,
    encrypted,   // an OLE compound file holding EncryptionInfo / EncryptedPackage
    legacy_xls,  // an OLE compound file holding a Workbook (BIFF) stream
    ole_other,   // some other OLE compound file (a .doc, or one we could not read)
    other,       // anything else
};

// Looks at the first bytes (and, for OLE files, the directory). Throws PirpackError (input)
// when the file cannot be opened.
FileKind sniff_file(const std::string& path, const std::string& display_path);

// Inflated bytes below which the compression ratio is not checked: small parts of repetitive
// XML compress far past any sane ratio and can do no harm.
constexpr std::uint64_t kRatioFloor = 1 << 20;

// Parts larger than this (as declared) inflate on a second thread, ahead of the parser.
constexpr std::uint64_t kPrefetchFloor = 1 << 20;

class ZipPackage {
public:
    // Reads the zip's directory, found from the end record as zip readers do. Throws PirpackError
    // (input) if it is not a readable zip, or has no end record: a copy cut short loses its end
    // first, so such a file is refused as truncated even if the parts before the cut are whole.
    static std::shared_ptr<ZipPackage> open(const std::string& path, const std::string& display_path,
                                            const XlsxLimits& limits);
    ~ZipPackage();

    // Part names match without regard to case (as OPC part names do) and without a leading '/'.
    bool contains(std::string_view part) const;
    // A stream of the part's inflated bytes that enforces the limits. `sheet` only locates
    // errors. Throws PirpackError (input) if the part is missing, encrypted or over a limit.
    // With `prefetch`, parts over kPrefetchFloor inflate on a thread of their own, ahead of the
    // reader; without, on the reader's thread (one that is a thread of its own already).
    std::unique_ptr<ByteSource> open_part(std::string_view part, const std::string& sheet = {},
                                          bool prefetch = true) const;
    // The inflated size the zip directory declares for a part (0 if there is no such part).
    // Only a hint: the limits count real bytes.
    std::uint64_t declared_size(std::string_view part) const;

    const std::string& display_path() const;

private:
    ZipPackage();
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace pirpack::ingest::xlsx
