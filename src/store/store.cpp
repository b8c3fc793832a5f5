// Which store a location names: "postgresql://..." is the shared PostgreSQL store, anything else
// (a path, or "sqlite://path") the SQLite file.
#include <mutex>

#include "store/backends.hpp"
#include "store/store.hpp"

namespace pirpack::store {

namespace {

bool is_postgres(const std::string& location) { return location.rfind("postgresql://", 0) == 0; }

std::mutex version_mutex;
std::string opened_version;  // of the store this process opened last; empty before any

}  // namespace

std::string database_version() {
    std::lock_guard<std::mutex> lock(version_mutex);
    return opened_version.empty() ? sqlite_version() : opened_version;
}

std::unique_ptr<Store> Store::open(const std::string& location) {
    std::string version = sqlite_version();
    auto store = is_postgres(location) ? open_postgres_store(location, version) : open_sqlite_store(location);
    std::lock_guard<std::mutex> lock(version_mutex);
    opened_version = version;
    return store;
}

bool run_was_committed(Store& store, long run_id, const RunRecord& run) {
    const auto rows = store.query("SELECT programme, period, as_of, status FROM pirpack_runs WHERE run_id = " +
                                  std::to_string(run_id));
    return rows.size() == 1 && rows[0].size() == 4 && rows[0][0] == run.programme && rows[0][1] == run.period &&
           rows[0][2] == run.as_of && (rows[0][3] == "published" || rows[0][3] == "superseded");
}

std::unique_ptr<RunTables> RunTables::create(const std::string& store_location) {
    return is_postgres(store_location) ? create_postgres_run_tables(store_location)
                                       : create_sqlite_run_tables(store_location);
}

}  // namespace pirpack::store
