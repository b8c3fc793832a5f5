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

std::unique_ptr<RunTables> RunTables::create(const std::string& store_location) {
    return is_postgres(store_location) ? create_postgres_run_tables(store_location)
                                       : create_sqlite_run_tables(store_location);
}

}  // namespace pirpack::store
