#include "store/loader.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <filesystem>
#include <limits>
#include <mutex>
#include <optional>
#include <thread>

#include "validate/key_check.hpp"

namespace pirpack::store {

namespace {

// Rows travel in batches so the threads meet once per few thousand rows, not once per row,
// packed (store/packed_rows.hpp): reading can run far ahead of the writer for little memory, with
// fewer fresh pages to fault in. Batches are reused.
using Batch = PackedRows;

constexpr std::size_t batch_rows = 4096;
constexpr std::size_t batch_bytes = 1 << 20;  // a batch of long rows is sent before it has batch_rows
// Full batches the file being written may have waiting: enough to keep the writer busy.
constexpr std::size_t batches_for_current_file = 4;
constexpr int reader_nice = 10;

// One file as a reader thread leaves it for the writer.
struct FileTask {
    const config::Source* source = nullptr;
    std::string path, shown;
    validate::SourceResult result;  // this file's counts and rejects
    common::FileDigest digest;
    double read_seconds = 0;
    std::exception_ptr error;
    int date_column = -1;  // the source's first date or datetime column, if any
    std::optional<validate::KeyCheck> keys;  // for the key hashes, when the source has key columns
};

int first_date_column(const config::Source& source) {
    for (std::size_t c = 0; c < source.columns.size(); ++c)
        if (source.columns[c].type == config::ColumnType::date || source.columns[c].type == config::ColumnType::datetime)
            return static_cast<int>(c);
    return -1;
}

struct Cancelled {};

bool has_key(const config::Source& source) {
    return std::any_of(source.columns.begin(), source.columns.end(), [](const config::Column& c) { return c.key; });
}

// What a source's key check may come to hold (validate::KeyCheck::memory_reserved), guessed from
// its files' sizes before they are read, taking no row to be shorter than 30 bytes (the sample's
// duty rows are about 72 in CSV, its crime rows about 75 in compressed XLSX): the set's slots, at
// most 3/4 full, three times over. Guessed high, it only keeps readers nearer the writer; guessed
// low (a sheet of very alike rows compresses further), memory may pass the budget by the shortfall.
std::size_t key_memory_estimate(const std::vector<std::string>& paths) {
    const std::uintmax_t rows = files_bytes(paths) / 30 + 1;
    std::uintmax_t slots = 1;
    while (slots * 3 < rows * 4) slots *= 2;
    return static_cast<std::size_t>(3 * slots * sizeof(std::uint64_t));
}

// The rows of `batch` (from the source's file `file`) that `keys` admits: `batch` itself when it
// admits them all, as it does unless a key repeats; otherwise those rows copied into `kept` (with
// their dates' range: all the writer reads of it), and the others held for KeyCheck::settle.
const Batch& admit_rows(validate::KeyCheck& keys, std::size_t file, const Batch& batch, std::size_t columns,
                        int date_column, Batch& kept) {
    thread_local std::vector<unsigned char> admitted;
    keys.admit_all(batch.key_hashes.data(), batch.rows, admitted);
    if (std::find(admitted.begin(), admitted.end(), 0) == admitted.end()) return batch;
    kept.clear();
    const char* at = batch.bytes.data();
    const auto date = static_cast<std::size_t>(date_column);  // past the last column when there is none
    for (std::size_t r = 0; r < batch.rows; ++r) {
        Batch::View view;
        const char* end = Batch::skip_row(at, columns, date, view);
        if (admitted[r]) {
            kept.bytes.append(at, end);
            ++kept.rows;
            if (view.kind == validate::Value::Kind::text) kept.widen_dates(view.text);
        } else {
            keys.hold(file, batch.lines[r], batch.key_hashes[r]);
        }
        at = end;
    }
    return kept;
}

// The files in order, their queues of full batches and the pool of free ones. Readers take files
// in order, so the file being written has always been taken (or finished) before any later one:
// its reader is held back only by its own queue, which the writer empties, and readers of later
// files only by the rows already waiting, which the writer's progress frees. Neither can wait
// for the other in a circle.
class LoadPipeline {
public:
    LoadPipeline(std::size_t files, std::size_t bytes_ahead)
        : queues_(files), done_(files, false), bytes_ahead_(std::max(bytes_ahead, batch_bytes)) {}

    // The next file for a reader, or false when none is left to read.
    bool next_file(std::size_t& file) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (cancelled_ || next_ >= queues_.size() || next_ > stop_after_) return false;
        file = next_++;
        return true;
    }

    // A batch to fill for `file`; null once the load is cancelled. Adds the time spent waiting
    // for room (the writer being behind) to `waited`.
    Batch* take_free(std::size_t file, double& waited) {
        std::unique_lock<std::mutex> lock(mutex_);
        const auto asked = std::chrono::steady_clock::now();
        changed_.wait(lock, [&] {
            if (cancelled_) return true;
            if (file == current_) return queues_[file].size() < batches_for_current_file;
            // A later file is read with what the current file's reader leaves: only while that
            // reader is done, or held back by a full queue (the writer being the slower).
            const bool current_busy = current_ < queues_.size() && !done_[current_] &&
                                      queues_[current_].size() < batches_for_current_file;
            return !current_busy && queued_bytes_ + batch_bytes <= bytes_ahead_;
        });
        waited += std::chrono::duration<double>(std::chrono::steady_clock::now() - asked).count();
        if (cancelled_) return nullptr;
        Batch* batch;
        if (!free_.empty()) {
            batch = free_.back();
            free_.pop_back();
        } else {
            storage_.push_back(std::make_unique<Batch>());
            batch = storage_.back().get();
        }
        batch->clear();
        return batch;
    }

    void give_full(std::size_t file, Batch* batch) {
        std::lock_guard<std::mutex> lock(mutex_);
        queues_[file].push_back(batch);
        queued_bytes_ += batch->bytes.size();
        changed_.notify_all();
    }

    // The reader is done with `file`, with an error or without.
    void finish_file(std::size_t file, bool failed) {
        std::lock_guard<std::mutex> lock(mutex_);
        done_[file] = true;
        // A failed file ends the load when the writer reaches it: the files after it are not started.
        if (failed) stop_after_ = std::min(stop_after_, file);
        changed_.notify_all();
    }

    // The next full batch of `file`, which must be the file after the last one this returned null
    // for; null when the file is finished and every batch of it has been taken.
    Batch* take_full(std::size_t file) {
        std::unique_lock<std::mutex> lock(mutex_);
        current_ = file;
        changed_.notify_all();
        changed_.wait(lock, [&] { return !queues_[file].empty() || done_[file]; });
        if (queues_[file].empty()) {
            current_ = file + 1;
            changed_.notify_all();
            return nullptr;
        }
        Batch* batch = queues_[file].front();
        queues_[file].pop_front();
        queued_bytes_ -= batch->bytes.size();
        return batch;
    }

    void give_free(Batch* batch) {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(batch);
    }

    // Sets how far the readers may run ahead (see LoadOptions), waking any held back.
    void set_bytes_ahead(std::size_t bytes) {
        std::lock_guard<std::mutex> lock(mutex_);
        bytes_ahead_ = std::max(bytes, batch_bytes);
        changed_.notify_all();
    }

    // The writer failed: readers stop at their next batch and start no other file.
    void cancel() {
        std::lock_guard<std::mutex> lock(mutex_);
        cancelled_ = true;
        changed_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable changed_;
    std::vector<std::unique_ptr<Batch>> storage_;
    std::vector<Batch*> free_;
    std::vector<std::deque<Batch*>> queues_;
    std::vector<bool> done_;
    std::size_t bytes_ahead_;
    std::size_t queued_bytes_ = 0;
    std::size_t next_ = 0;
    std::size_t current_ = 0;
    std::size_t stop_after_ = std::numeric_limits<std::size_t>::max();
    bool cancelled_ = false;
};

// A reader thread: takes files in order until none is left, and hashes each once it is read,
// while its bytes are still in the page cache.
void read_files(LoadPipeline& pipeline, std::vector<FileTask>& files, bool hash_files, bool split_large_sheets) {
    std::size_t file;
    while (pipeline.next_file(file)) {
        FileTask& task = files[file];
        Batch* batch = nullptr;
        bool failed = false;
        // The time the file took to read, less the waits for the writer (not the thread's CPU
        // time: the XLSX reader parses large sheets on threads of its own).
        const auto started = std::chrono::steady_clock::now();
        double waited = 0;
        try {
            task.result = validate::read_source(*task.source, {task.path}, {task.shown},
                                                [&](const std::vector<validate::Value>& values,
                                                    const common::SourceLocation&, long line) {
                                                    if (!batch && !(batch = pipeline.take_free(file, waited))) throw Cancelled{};
                                                    batch->add(values);
                                                    if (task.keys) {
                                                        batch->key_hashes.push_back(task.keys->hash(values));
                                                        batch->lines.push_back(line);
                                                    }
                                                    if (task.date_column >= 0) {
                                                        const auto& date = values[static_cast<std::size_t>(task.date_column)];
                                                        if (date.kind == validate::Value::Kind::text)
                                                            batch->widen_dates(date.text);
                                                    }
                                                    if (batch->rows == batch_rows || batch->bytes.size() >= batch_bytes) {
                                                        pipeline.give_full(file, batch);
                                                        batch = nullptr;
                                                    }
                                                },
                                                split_large_sheets);
            if (batch) pipeline.give_full(file, batch);
            batch = nullptr;
            if (hash_files) task.digest = common::digest_file(task.path);
        } catch (const Cancelled&) {
        } catch (...) {
            task.error = std::current_exception();
            failed = true;
        }
        if (batch) pipeline.give_free(batch);
        task.read_seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count() - waited;
        pipeline.finish_file(file, failed);
    }
}

// Stops and joins the readers however the writer leaves.
class ReaderThreads {
public:
    explicit ReaderThreads(LoadPipeline& pipeline) : pipeline_(pipeline) {}
    ~ReaderThreads() {
        pipeline_.cancel();
        for (auto& thread : threads_) thread.join();
    }
    void start(unsigned count, std::vector<FileTask>& files, bool hash_files, bool split_large_sheets) {
        for (unsigned i = 0; i < count; ++i)
            threads_.emplace_back([this, &files, hash_files, split_large_sheets] {
                // The writer is the one thread every row passes through; readers are several and
                // run ahead. Lowered, they take the cores the writer leaves rather than taking
                // turns with it (a tenth less wall time at scale 1). Linux sets nice per thread,
                // and threads a reader starts (XLSX sheet parsers) inherit it.
                setpriority(PRIO_PROCESS, static_cast<id_t>(syscall(SYS_gettid)), reader_nice);
                read_files(pipeline_, files, hash_files, split_large_sheets);
            });
    }

private:
    LoadPipeline& pipeline_;
    std::vector<std::thread> threads_;
};

// Lets load_source hand its caller's writer to load_sources, which owns the writers it creates.
class ForwardingWriter : public TableWriter {
public:
    explicit ForwardingWriter(TableWriter& inner) : inner_(inner) {}
    void add_row(const std::vector<validate::Value>& values) override { inner_.add_row(values); }
    void add_rows(const std::vector<std::vector<validate::Value>>& rows, std::size_t count) override {
        inner_.add_rows(rows, count);
    }
    void add_packed(const PackedRows& rows, std::size_t columns) override { inner_.add_packed(rows, columns); }
    long rows() const override { return inner_.rows(); }

private:
    TableWriter& inner_;
};

void write_sources(const std::vector<SourceFiles>& sources,
                   const std::function<std::unique_ptr<TableWriter>(const config::Source&)>& create_table,
                   const std::function<void(std::size_t, LoadedSource&&)>& loaded, const LoadOptions& options) {
    std::vector<FileTask> files;
    for (const auto& source : sources)
        for (std::size_t f = 0; f < source.paths.size(); ++f) {
            FileTask task;
            task.source = source.source;
            task.path = source.paths[f];
            task.date_column = first_date_column(*source.source);
            if (has_key(*source.source)) task.keys.emplace(*source.source);
            task.shown = f < source.display_paths.size() ? source.display_paths[f] : source.paths[f];
            files.push_back(std::move(task));
        }
    LoadPipeline pipeline(files.size(), options.bytes_ahead);
    unsigned readers = options.reader_threads ? options.reader_threads : std::max(1u, std::thread::hardware_concurrency());
    readers = static_cast<unsigned>(std::min<std::size_t>(readers, files.size()));
    ReaderThreads threads(pipeline);
    // A large XLSX sheet may be parsed on threads of its own only when it is the one file: with
    // others to read, and the writer busy, both cores are already in use, and the extra threads
    // slowed a whole run at scale 5 from 15 s to 21 s by taking turns from the writer's index sort.
    threads.start(readers, files, options.hash_files, files.size() == 1);

    // How far readers may run ahead: the budget less what a key check may hold while their rows
    // wait, that of the source being written or of any after it (whose rows they may be reading).
    std::vector<std::size_t> keys_later(sources.size() + 1, 0);
    for (std::size_t s = sources.size(); s-- > 0;) {
        keys_later[s] = std::max(keys_later[s + 1], has_key(*sources[s].source) ? key_memory_estimate(sources[s].paths) : 0);
    }
    std::size_t ahead = 0;
    auto set_ahead = [&](std::size_t key_memory) {
        const std::size_t bytes =
            std::max(options.bytes_ahead, options.memory_budget > key_memory ? options.memory_budget - key_memory : 0);
        if (bytes != ahead) pipeline.set_bytes_ahead(ahead = bytes);
    };

    std::size_t file = 0;
    Batch kept;  // a batch less the rows whose key hash came before
    for (std::size_t s = 0; s < sources.size(); ++s) {
        const auto started = std::chrono::steady_clock::now();
        const config::Source& source = *sources[s].source;
        LoadedSource done;
        done.result.source = source.name;
        const int date_column = first_date_column(source);
        if (date_column >= 0) done.date_column = source.columns[static_cast<std::size_t>(date_column)].name;
        auto writer = create_table(source);
        auto keys = std::make_unique<validate::KeyCheck>(source);
        set_ahead(std::max(keys_later[s], keys->memory_reserved()));
        for (std::size_t f = 0; f < sources[s].paths.size(); ++f, ++file) {
            while (Batch* batch = pipeline.take_full(file)) {
                try {
                    const Batch& rows = keys->active() ? admit_rows(*keys, f, *batch, source.columns.size(), date_column, kept)
                                                      : *batch;
                    set_ahead(std::max(keys_later[s], keys->memory_reserved()));
                    writer->add_packed(rows, source.columns.size());
                    if (!rows.first_date.empty()) {
                        Batch::widen(done.first_date, done.last_date, rows.first_date);
                        Batch::widen(done.first_date, done.last_date, rows.last_date);
                    }
                } catch (...) {
                    pipeline.give_free(batch);
                    throw;
                }
                pipeline.give_free(batch);
            }
            FileTask& task = files[file];
            if (task.error) std::rethrow_exception(task.error);
            for (auto& counts : task.result.files) done.result.files.push_back(std::move(counts));
            for (auto& reject : task.result.rejects) done.result.rejects.push_back(std::move(reject));
            task.result = {};
            if (options.hash_files) done.digests.push_back(task.digest);
            done.read_seconds += task.read_seconds;
        }
        // Rows whose key hash came before are settled now: repeats become rejects, and any whose
        // hash only collided with another key's are loaded.
        for (const auto& values : keys->settle(sources[s].paths, sources[s].display_paths, done.result)) {
            writer->add_row(values);
            if (date_column >= 0) {
                const auto& date = values[static_cast<std::size_t>(date_column)];
                if (date.kind == validate::Value::Kind::text) Batch::widen(done.first_date, done.last_date, date.text);
            }
        }
        keys.reset();  // its hashes, 270 MB for twenty million keys, before the indexes are built
        writer.reset();
        done.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        set_ahead(keys_later[s + 1]);  // while the indexes are built, the key hashes freed
        loaded(s, std::move(done));
    }
}

}  // namespace

std::uintmax_t files_bytes(const std::vector<std::string>& paths) {
    std::uintmax_t bytes = 0;
    for (const auto& path : paths) {
        std::error_code error;
        const auto size = std::filesystem::file_size(path, error);
        if (!error) bytes += size;
    }
    return bytes;
}

void load_sources(const std::vector<SourceFiles>& sources,
                  const std::function<std::unique_ptr<TableWriter>(const config::Source&)>& create_table,
                  const std::function<void(std::size_t, LoadedSource&&)>& loaded, const LoadOptions& options) {
    write_sources(sources, create_table, loaded, options);
    // The batches were filled on the readers' threads, so glibc keeps their memory in those
    // threads' arenas after they end; hand it back before the KPIs need theirs.
    malloc_trim(0);
}

validate::SourceResult load_source(const config::Source& source, const std::vector<std::string>& paths,
                                   const std::vector<std::string>& display_paths, TableWriter& writer) {
    validate::SourceResult result;
    LoadOptions options;
    options.hash_files = false;
    load_sources({{&source, paths, display_paths}},
                 [&](const config::Source&) { return std::make_unique<ForwardingWriter>(writer); },
                 [&](std::size_t, LoadedSource&& loaded) { result = std::move(loaded.result); }, options);
    return result;
}

}  // namespace pirpack::store
