#include "store/loader.hpp"

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>

namespace pirpack::store {

namespace {

// Rows travel in batches so the threads meet once per few thousand rows, not once per row;
// batches are reused, so after the first few the strings in them keep their capacity.
struct Batch {
    std::vector<std::vector<validate::Value>> rows;
    std::size_t used = 0;
};

constexpr std::size_t batch_rows = 4096;
constexpr int batch_count = 4;

class BatchQueue {
public:
    BatchQueue() {
        for (auto& batch : storage_) {
            batch.rows.resize(batch_rows);
            free_.push_back(&batch);
        }
    }

    Batch* take_free() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return !free_.empty() || cancelled_; });
        if (cancelled_) return nullptr;
        Batch* batch = free_.front();
        free_.pop_front();
        batch->used = 0;
        return batch;
    }
    void give_full(Batch* batch) {
        std::lock_guard<std::mutex> lock(mutex_);
        full_.push_back(batch);
        changed_.notify_all();
    }
    // Null when the producer has finished and everything has been taken.
    Batch* take_full() {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return !full_.empty() || finished_; });
        if (full_.empty()) return nullptr;
        Batch* batch = full_.front();
        full_.pop_front();
        return batch;
    }
    void give_free(Batch* batch) {
        std::lock_guard<std::mutex> lock(mutex_);
        free_.push_back(batch);
        changed_.notify_all();
    }
    void finish() {
        std::lock_guard<std::mutex> lock(mutex_);
        finished_ = true;
        changed_.notify_all();
    }
    // The consumer failed: let the producer stop at its next batch.
    void cancel() {
        std::lock_guard<std::mutex> lock(mutex_);
        cancelled_ = true;
        changed_.notify_all();
    }

private:
    Batch storage_[batch_count];
    std::deque<Batch*> free_, full_;
    std::mutex mutex_;
    std::condition_variable changed_;
    bool finished_ = false;
    bool cancelled_ = false;
};

struct Cancelled {};

}  // namespace

validate::SourceResult load_source(const config::Source& source, const std::vector<std::string>& paths,
                                   const std::vector<std::string>& display_paths, TableWriter& writer) {
    BatchQueue queue;
    validate::SourceResult result;
    std::exception_ptr producer_error;
    std::thread producer([&] {
        try {
            Batch* batch = queue.take_free();
            if (!batch) throw Cancelled{};
            result = validate::read_source(source, paths, display_paths, [&](const std::vector<validate::Value>& values) {
                batch->rows[batch->used++] = values;
                if (batch->used == batch->rows.size()) {
                    queue.give_full(batch);
                    batch = queue.take_free();
                    if (!batch) throw Cancelled{};
                }
            });
            if (batch->used > 0) queue.give_full(batch);
        } catch (const Cancelled&) {
        } catch (...) {
            producer_error = std::current_exception();
        }
        queue.finish();
    });
    try {
        while (Batch* batch = queue.take_full()) {
            writer.add_rows(batch->rows, batch->used);
            queue.give_free(batch);
        }
    } catch (...) {
        queue.cancel();
        producer.join();
        throw;
    }
    producer.join();
    if (producer_error) std::rethrow_exception(producer_error);
    return result;
}

}  // namespace pirpack::store
