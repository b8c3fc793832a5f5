#include "ingest/xlsx_package.hpp"

#include <Poco/Exception.h>
#include <Poco/Zip/ParseCallback.h>
#include <Poco/Zip/ZipLocalFileHeader.h>
#include <Poco/Zip/ZipCommon.h>
#include <zlib.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

#include "common/errors.hpp"

namespace pirpack::ingest::xlsx {

namespace {

using common::ErrorKind;
using common::PirpackError;
using common::SourceLocation;

std::string lowercase(std::string_view text) {
    std::string out(text);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Part names compare without case (as OPC's do), without a leading '/', and with any '\\' a
// Windows tool wrote read as '/'.
std::string part_key(std::string_view part) {
    while (!part.empty() && (part.front() == '/' || part.front() == '\\')) part.remove_prefix(1);
    std::string key = lowercase(part);
    for (char& c : key)
        if (c == '\\') c = '/';
    return key;
}

std::string describe_bytes(std::uint64_t bytes) {
    if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0) return std::to_string(bytes >> 30) + " GiB";
    if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

std::string describe_ratio(double ratio) {
    std::string text = std::to_string(ratio);
    text.erase(text.find_last_not_of('0') + 1);
    if (!text.empty() && text.back() == '.') text.pop_back();
    return text;
}

const char* const kBombHint =
    "the file may be a zip bomb; if it is a genuine extract, split it into smaller files or raise the XLSX "
    "size limits";

std::uint32_t le32(const unsigned char* p) {
    return static_cast<std::uint32_t>(p[0]) | (static_cast<std::uint32_t>(p[1]) << 8) |
           (static_cast<std::uint32_t>(p[2]) << 16) | (static_cast<std::uint32_t>(p[3]) << 24);
}
std::uint16_t le16(const unsigned char* p) { return static_cast<std::uint16_t>(p[0] | (p[1] << 8)); }

// The names in an OLE compound file's directory (ASCII characters only), read by following the
// FAT from the header. Empty if the structure cannot be followed.
std::vector<std::string> compound_file_names(std::ifstream& in) {
    std::vector<std::string> names;
    in.clear();
    in.seekg(0, std::ios::end);
    const std::uint64_t file_size = static_cast<std::uint64_t>(in.tellg());
    unsigned char header[512];
    in.seekg(0);
    if (!in.read(reinterpret_cast<char*>(header), sizeof header)) return names;
    const unsigned shift = le16(header + 0x1E);
    if (shift != 9 && shift != 12) return names;
    const std::uint32_t sector_size = 1u << shift;
    const std::uint64_t sector_count = file_size / sector_size;
    std::vector<unsigned char> sector(sector_size);
    auto read_sector = [&](std::uint32_t id) {
        const std::uint64_t offset = (static_cast<std::uint64_t>(id) + 1) * sector_size;
        if (id >= 0xFFFFFFFA || offset + sector_size > file_size) return false;
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        return static_cast<bool>(in.read(reinterpret_cast<char*>(sector.data()), sector_size));
    };

    // The sectors of the FAT: 109 in the header, the rest in a chain of DIFAT sectors.
    std::vector<std::uint32_t> fat_sectors;
    const std::uint32_t fat_count = le32(header + 0x2C);
    if (fat_count > sector_count) return names;
    for (unsigned i = 0; i < 109 && fat_sectors.size() < fat_count; ++i)
        fat_sectors.push_back(le32(header + 0x4C + 4 * i));
    std::uint32_t difat = le32(header + 0x44);
    for (std::uint64_t hops = 0; fat_sectors.size() < fat_count && hops <= sector_count; ++hops) {
        if (!read_sector(difat)) return names;
        const unsigned per = sector_size / 4 - 1;
        for (unsigned i = 0; i < per && fat_sectors.size() < fat_count; ++i)
            fat_sectors.push_back(le32(&sector[4 * i]));
        difat = le32(&sector[4 * per]);
    }
    std::vector<std::uint32_t> fat;
    fat.reserve(static_cast<std::size_t>(fat_count) * (sector_size / 4));
    for (std::uint32_t id : fat_sectors) {
        if (!read_sector(id)) return names;
        for (unsigned i = 0; i < sector_size / 4; ++i) fat.push_back(le32(&sector[4 * i]));
    }

    std::uint32_t dir = le32(header + 0x30);
    for (std::uint64_t hops = 0; dir < fat.size() && hops <= sector_count; ++hops) {
        if (!read_sector(dir)) break;
        for (unsigned entry = 0; entry + 128 <= sector_size; entry += 128) {
            const unsigned char* e = &sector[entry];
            const unsigned length = le16(e + 64);
            const unsigned type = e[66];
            if ((type != 1 && type != 2 && type != 5) || length < 2 || length > 64) continue;
            std::string name;
            for (unsigned i = 0; i + 1 < length && i < 64; i += 2) {
                unsigned unit = le16(e + i);
                if (unit == 0) break;
                name.push_back(unit < 0x80 ? static_cast<char>(unit) : '?');
            }
            names.push_back(name);
        }
        dir = fat[dir];
    }
    return names;
}

// An entry as the zip's central directory describes it.
struct Entry {
    std::string name;
    bool encrypted = false;
    int method = 0;
    std::uint32_t crc = 0;
    std::uint64_t compressed = 0;
    std::uint64_t uncompressed = 0;
    std::uint64_t offset = 0;  // of the local header
};

// Reads the central directory from the end record, as zip readers do (so bytes after the end
// record, or entries whose sizes follow their data, do not matter). False if there is none.
bool read_central_directory(std::ifstream& in, std::vector<Entry>& entries) {
    in.clear();
    in.seekg(0, std::ios::end);
    const std::uint64_t file_size = static_cast<std::uint64_t>(in.tellg());
    const std::uint64_t tail_size = std::min<std::uint64_t>(file_size, 128 * 1024);
    std::vector<unsigned char> tail(static_cast<std::size_t>(tail_size));
    in.seekg(static_cast<std::streamoff>(file_size - tail_size));
    if (!in.read(reinterpret_cast<char*>(tail.data()), static_cast<std::streamsize>(tail_size))) return false;
    auto read_at = [&](std::uint64_t offset, std::size_t size, std::vector<unsigned char>& out) {
        if (offset > file_size || size > file_size - offset) return false;
        out.resize(size);
        in.clear();
        in.seekg(static_cast<std::streamoff>(offset));
        return static_cast<bool>(in.read(reinterpret_cast<char*>(out.data()), static_cast<std::streamsize>(size)));
    };
    for (std::size_t p = tail_size >= 22 ? tail_size - 22 + 1 : 0; p-- > 0;) {
        const unsigned char* e = &tail[p];
        if (!(e[0] == 'P' && e[1] == 'K' && e[2] == 5 && e[3] == 6)) continue;
        const std::uint64_t end_record = file_size - tail_size + p;
        std::uint64_t count = le16(e + 10), size = le32(e + 12), offset = le32(e + 16);
        if ((count == 0xFFFF || size == 0xFFFFFFFF || offset == 0xFFFFFFFF) && p >= 20) {
            const unsigned char* locator = e - 20;  // the zip64 end record locator
            if (locator[0] == 'P' && locator[1] == 'K' && locator[2] == 6 && locator[3] == 7) {
                const std::uint64_t at = le32(locator + 8) | (static_cast<std::uint64_t>(le32(locator + 12)) << 32);
                std::vector<unsigned char> record;
                if (read_at(at, 56, record) && record[0] == 'P' && record[1] == 'K' && record[2] == 6 &&
                    record[3] == 6) {
                    auto le64 = [&](std::size_t k) {
                        return le32(&record[k]) | (static_cast<std::uint64_t>(le32(&record[k + 4])) << 32);
                    };
                    count = le64(32);
                    size = le64(40);
                    offset = le64(48);
                }
            }
        }
        if (offset + size > end_record || size > (256u << 20)) continue;
        std::vector<unsigned char> directory;
        if (!read_at(offset, static_cast<std::size_t>(size), directory)) continue;
        std::vector<Entry> found;
        std::size_t at = 0;
        while (at + 46 <= directory.size()) {
            const unsigned char* h = &directory[at];
            if (!(h[0] == 'P' && h[1] == 'K' && h[2] == 1 && h[3] == 2)) break;
            const unsigned name_length = le16(h + 28), extra_length = le16(h + 30), comment_length = le16(h + 32);
            if (at + 46 + name_length + extra_length + comment_length > directory.size()) break;
            Entry entry;
            entry.encrypted = (le16(h + 8) & 1) != 0;
            entry.method = le16(h + 10);
            entry.crc = le32(h + 16);
            entry.compressed = le32(h + 20);
            entry.uncompressed = le32(h + 24);
            entry.offset = le32(h + 42);
            entry.name.assign(reinterpret_cast<const char*>(h + 46), name_length);
            // Zip64: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.
            const unsigned char* extra = h + 46 + name_length;
            for (unsigned k = 0; k + 4 <= extra_length;) {
                const unsigned id = le16(extra + k), length = le16(extra + k + 2);
                if (k + 4 + length > extra_length) break;
                if (id == 1) {
                    unsigned q = k + 4;
                    auto take = [&](std::uint64_t& field) {
                        if (field != 0xFFFFFFFF || q + 8 > k + 4 + length) return;
                        field = le32(extra + q) | (static_cast<std::uint64_t>(le32(extra + q + 4)) << 32);
                        q += 8;
                    };
                    take(entry.uncompressed);
                    take(entry.compressed);
                    take(entry.offset);
                }
                k += 4 + length;
            }
            found.push_back(std::move(entry));
            at += 46 + name_length + extra_length + comment_length;
        }
        if (found.empty() && count != 0) continue;
        entries = std::move(found);
        return true;
    }
    return false;
}

// Leaves the stream where it is: the central directory already gave the sizes.
class StayCallback final : public Poco::Zip::ParseCallback {
public:
    bool handleZipEntry(std::istream&, const Poco::Zip::ZipLocalFileHeader&) override { return true; }
};

// One part, inflating as it is read, counting bytes against the limits.
// Shared by every part of one workbook; parts may inflate on other threads.
struct Budget {
    XlsxLimits limits;
    std::mutex mutex;
    std::uint64_t total = 0;                    // bytes counted over all parts
    std::map<std::string, std::uint64_t> seen;  // the most of each part inflated so far
};

// One part, inflated as it is read (raw deflate with zlib, or stored), counting bytes against the
// limits and checking the CRC-32 and size the central directory gives once the part ends.
// Poco's ZipInputStream would inflate it too, but through 1 KiB stream reads and a zlib stream
// with a faked header whose Adler-32 it then ignores: 5% of a large sheet's read went there.
class PartSource final : public ByteSource {
public:
    PartSource(const std::string& path, const Entry& entry, std::shared_ptr<Budget> budget, SourceLocation location)
        : file_(path, std::ios::binary),
          name_(entry.name),
          compressed_(entry.compressed),
          expected_size_(entry.uncompressed),
          expected_crc_(entry.crc),
          stored_(entry.method == Poco::Zip::ZipCommon::CM_STORE),
          budget_(std::move(budget)),
          location_(std::move(location)) {
        if (!file_)
            throw PirpackError(ErrorKind::input, "cannot open the file", location_, "check that it still exists");
        try {
            file_.seekg(static_cast<std::streamoff>(entry.offset));
            StayCallback stay;
            Poco::Zip::ZipLocalFileHeader header(file_, false, stay);
            file_.clear();
            file_.seekg(header.getDataStartPos());
        } catch (const Poco::Exception& e) {
            throw damaged(e.displayText());
        }
        if (!file_) throw damaged("its local header is unreadable");
        remaining_ = compressed_;
        if (!stored_) {
            if (inflateInit2(&zlib_, -MAX_WBITS) != Z_OK) throw damaged("zlib could not start");
            zlib_started_ = true;
            input_.resize(kInputBlock);
        }
    }
    ~PartSource() override {
        if (zlib_started_) inflateEnd(&zlib_);
    }

    std::size_t read(char* buffer, std::size_t size) override {
        if (done_) return 0;
        size = std::min<std::size_t>(size, 1u << 30);  // zlib counts in unsigned int
        const std::size_t got = stored_ ? read_stored(buffer, size) : inflate_some(buffer, size);
        if (got == 0) {
            done_ = true;
            if (inflated_ != expected_size_)
                throw damaged("it inflates to " + std::to_string(inflated_) + " bytes where the directory says " +
                              std::to_string(expected_size_));
            if (crc_ != expected_crc_) throw damaged("its CRC-32 does not match the directory's");
            return 0;
        }
        crc_ = static_cast<std::uint32_t>(crc32_z(crc_, reinterpret_cast<const Bytef*>(buffer), got));
        count(got);
        return got;
    }

private:
    static constexpr std::size_t kInputBlock = 64 * 1024;

    std::size_t read_stored(char* buffer, std::size_t size) {
        const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(size, remaining_));
        if (n == 0) return 0;
        if (!file_.read(buffer, static_cast<std::streamsize>(n))) throw damaged("the file ends inside the part");
        remaining_ -= n;
        return n;
    }

    std::size_t inflate_some(char* buffer, std::size_t size) {
        zlib_.next_out = reinterpret_cast<Bytef*>(buffer);
        zlib_.avail_out = static_cast<uInt>(size);
        while (zlib_.avail_out > 0 && !stream_end_) {
            if (zlib_.avail_in == 0) {
                if (remaining_ == 0) throw damaged("the compressed data ends before the part does");
                const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(input_.size(), remaining_));
                if (!file_.read(input_.data(), static_cast<std::streamsize>(n)))
                    throw damaged("the file ends inside the part");
                remaining_ -= n;
                zlib_.next_in = reinterpret_cast<Bytef*>(input_.data());
                zlib_.avail_in = static_cast<uInt>(n);
            }
            const int rc = inflate(&zlib_, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                stream_end_ = true;
            } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && zlib_.avail_in == 0)) {
                throw damaged(zlib_.msg ? std::string(zlib_.msg) : "zlib error " + std::to_string(rc));
            }
        }
        return size - zlib_.avail_out;
    }

    PirpackError damaged(const std::string& why) const {
        return PirpackError(ErrorKind::input, "cannot inflate " + name_ + " (" + why + ")", location_,
                            "the workbook is damaged; open it in Excel and save it again");
    }

    void count(std::size_t got) {
        inflated_ += got;
        const XlsxLimits& limits = budget_->limits;
        if (inflated_ > limits.max_entry_uncompressed)
            throw PirpackError(ErrorKind::input,
                               name_ + " inflates past the limit of " + describe_bytes(limits.max_entry_uncompressed) +
                                   " for one part",
                               location_, kBombHint);
        if (inflated_ > kRatioFloor &&
            static_cast<double>(inflated_) > limits.max_ratio * static_cast<double>(compressed_))
            throw PirpackError(
                ErrorKind::input,
                name_ + " inflates to more than " + describe_ratio(limits.max_ratio) + " times its compressed size",
                location_, kBombHint);
        std::uint64_t total = 0;
        {
            std::lock_guard<std::mutex> lock(budget_->mutex);
            std::uint64_t& seen = budget_->seen[name_];
            if (inflated_ > seen) {
                budget_->total += inflated_ - seen;
                seen = inflated_;
            }
            total = budget_->total;
        }
        if (total > limits.max_total_uncompressed)
            throw PirpackError(ErrorKind::input,
                               "the workbook inflates past the limit of " +
                                   describe_bytes(limits.max_total_uncompressed) + " for all parts",
                               location_, kBombHint);
    }

    std::ifstream file_;
    std::string name_;
    std::uint64_t compressed_ = 0;
    std::uint64_t expected_size_ = 0;
    std::uint32_t expected_crc_ = 0;
    bool stored_ = false;
    z_stream zlib_{};
    bool zlib_started_ = false;
    bool stream_end_ = false;
    std::vector<char> input_;
    std::uint64_t remaining_ = 0;  // compressed bytes not yet read from the file
    std::uint64_t inflated_ = 0;
    std::uint32_t crc_ = 0;
    bool done_ = false;
    std::shared_ptr<Budget> budget_;
    SourceLocation location_;
};

// Inflates on a second thread, a few blocks ahead of the parser, so the two overlap. Errors
// (limits, damage) reach the reader in order, after the bytes that preceded them.
class PrefetchSource final : public ByteSource {
public:
    explicit PrefetchSource(std::unique_ptr<ByteSource> inner) : inner_(std::move(inner)) {
        for (auto& block : blocks_) {
            block.data.resize(kBlockSize);
            free_.push_back(&block);
        }
        worker_ = std::thread([this] { run(); });
    }
    ~PrefetchSource() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        changed_.notify_all();
        worker_.join();
    }

    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t copied = 0;
        while (copied < size) {
            if (!current_ || position_ == current_->size) {
                std::unique_lock<std::mutex> lock(mutex_);
                if (current_) {
                    free_.push_back(current_);
                    current_ = nullptr;
                    changed_.notify_all();
                }
                if (copied > 0 && filled_.empty()) break;  // hand over what there is
                changed_.wait(lock, [&] { return !filled_.empty() || finished_; });
                if (filled_.empty()) {
                    if (error_ && copied == 0) {
                        std::exception_ptr error = error_;
                        error_ = nullptr;
                        std::rethrow_exception(error);
                    }
                    break;
                }
                current_ = filled_.front();
                filled_.pop_front();
                position_ = 0;
            }
            const std::size_t n = std::min(size - copied, current_->size - position_);
            std::memcpy(buffer + copied, current_->data.data() + position_, n);
            position_ += n;
            copied += n;
        }
        return copied;
    }

private:
    static constexpr std::size_t kBlockSize = 256 * 1024;
    struct Block {
        std::vector<char> data;
        std::size_t size = 0;
    };

    void run() {
        try {
            for (;;) {
                Block* block = nullptr;
                {
                    std::unique_lock<std::mutex> lock(mutex_);
                    changed_.wait(lock, [&] { return stop_ || !free_.empty(); });
                    if (stop_) return;
                    block = free_.front();
                    free_.pop_front();
                }
                std::size_t size = 0;
                while (size < kBlockSize) {
                    std::size_t got = inner_->read(block->data.data() + size, kBlockSize - size);
                    if (got == 0) break;
                    size += got;
                }
                block->size = size;
                {
                    std::lock_guard<std::mutex> lock(mutex_);
                    if (size > 0)
                        filled_.push_back(block);
                    else
                        free_.push_back(block);
                    if (size < kBlockSize) finished_ = true;
                }
                changed_.notify_all();
                if (size < kBlockSize) return;
            }
        } catch (...) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                error_ = std::current_exception();
                finished_ = true;
            }
            changed_.notify_all();
        }
    }

    std::unique_ptr<ByteSource> inner_;
    Block blocks_[4];
    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<Block*> free_;
    std::deque<Block*> filled_;
    Block* current_ = nullptr;  // the block being read (the reader's alone)
    std::size_t position_ = 0;
    bool finished_ = false;
    bool stop_ = false;
    std::exception_ptr error_;
    std::thread worker_;
};

}  // namespace

FileKind sniff_file(const std::string& path, const std::string& display_path) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw PirpackError(ErrorKind::input, "cannot open the file", SourceLocation{display_path, "", 0, 0, ""},
                           "check that it exists and that pirpack may read it");
    unsigned char magic[8] = {};
    in.read(reinterpret_cast<char*>(magic), sizeof magic);
    const auto got = in.gcount();
    if (got == 0) return FileKind::empty;
    if (got >= 4 && magic[0] == 'P' && magic[1] == 'K' &&
        ((magic[2] == 3 && magic[3] == 4) || (magic[2] == 5 && magic[3] == 6)))
        return FileKind::zip;
    static const unsigned char kCompound[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};
    if (got == 8 && std::memcmp(magic, kCompound, 8) == 0) {
        bool encrypted = false, workbook = false;
        for (const std::string& name : compound_file_names(in)) {
            if (name == "EncryptionInfo" || name == "EncryptedPackage") encrypted = true;
            if (name == "Workbook" || name == "Book") workbook = true;
        }
        if (encrypted) return FileKind::encrypted;
        if (workbook) return FileKind::legacy_xls;
        return FileKind::ole_other;
    }
    return FileKind::other;
}

struct ZipPackage::Impl {
    std::string path;
    std::string display_path;
    std::shared_ptr<Budget> budget;
    std::map<std::string, Entry> entries;  // by lowercase name
};

ZipPackage::ZipPackage() : impl_(std::make_unique<Impl>()) {}
ZipPackage::~ZipPackage() = default;

std::shared_ptr<ZipPackage> ZipPackage::open(const std::string& path, const std::string& display_path,
                                             const XlsxLimits& limits) {
    std::shared_ptr<ZipPackage> package(new ZipPackage());
    Impl& impl = *package->impl_;
    impl.path = path;
    impl.display_path = display_path;
    impl.budget = std::make_shared<Budget>();
    impl.budget->limits = limits;
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw PirpackError(ErrorKind::input, "cannot open the file", SourceLocation{display_path, "", 0, 0, ""},
                           "check that it exists and that pirpack may read it");
    std::vector<Entry> entries;
    if (!read_central_directory(in, entries))
        throw PirpackError(
            ErrorKind::input, "the zip package is truncated or damaged (it has no readable central directory)",
            SourceLocation{display_path, "", 0, 0, ""},
            "the file may be an interrupted copy or download; copy it again, or open it in Excel and save "
            "it again");
    for (auto& entry : entries) {
        if (entry.name.empty() || entry.name.back() == '/') continue;  // folders
        std::string key = part_key(entry.name);
        impl.entries.emplace(std::move(key), std::move(entry));  // the first of duplicate names wins
    }
    return package;
}

bool ZipPackage::contains(std::string_view part) const { return impl_->entries.count(part_key(part)) > 0; }

const std::string& ZipPackage::display_path() const { return impl_->display_path; }

std::unique_ptr<ByteSource> ZipPackage::open_part(std::string_view part, const std::string& sheet,
                                                  bool prefetch) const {
    const SourceLocation location{impl_->display_path, sheet, 0, 0, ""};
    auto it = impl_->entries.find(part_key(part));
    if (it == impl_->entries.end())
        throw PirpackError(ErrorKind::input, "the package has no part " + std::string(part), location,
                           "the workbook is damaged or incomplete; open it in Excel and save it again");
    const Entry& entry = it->second;
    const std::string& name = entry.name;
    if (entry.encrypted)
        throw PirpackError(ErrorKind::input, "the workbook is encrypted", location, "save it without a password");
    if (entry.method != Poco::Zip::ZipCommon::CM_DEFLATE && entry.method != Poco::Zip::ZipCommon::CM_STORE)
        throw PirpackError(ErrorKind::input, name + " uses a compression method pirpack cannot read", location,
                           "open the workbook in Excel and save it again");
    // Sizes the directory declares are refused early; the bytes are counted again while inflating.
    const XlsxLimits& limits = impl_->budget->limits;
    if (entry.uncompressed > limits.max_entry_uncompressed)
        throw PirpackError(ErrorKind::input,
                           name + " declares " + std::to_string(entry.uncompressed) + " bytes, past the limit of " +
                               describe_bytes(limits.max_entry_uncompressed) + " for one part",
                           location, kBombHint);
    if (entry.uncompressed > kRatioFloor &&
        static_cast<double>(entry.uncompressed) > limits.max_ratio * static_cast<double>(entry.compressed))
        throw PirpackError(
            ErrorKind::input,
            name + " inflates to more than " + describe_ratio(limits.max_ratio) + " times its compressed size",
            location, kBombHint);
    auto source = std::make_unique<PartSource>(impl_->path, entry, impl_->budget, location);
    if (!prefetch || entry.uncompressed < kPrefetchFloor) return source;
    return std::make_unique<PrefetchSource>(std::move(source));
}

std::uint64_t ZipPackage::declared_size(std::string_view part) const {
    auto it = impl_->entries.find(part_key(part));
    return it == impl_->entries.end() ? 0 : it->second.uncompressed;
}

}  // namespace pirpack::ingest::xlsx
