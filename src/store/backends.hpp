// The two stores behind Store::open and RunTables::create (store.cpp picks one by the location's
// form). Internal to src/store.
#pragma once

#include <memory>
#include <string>

#include "store/store.hpp"

namespace pirpack::store {

std::unique_ptr<Store> open_sqlite_store(const std::string& path);
std::unique_ptr<RunTables> create_sqlite_run_tables(const std::string& store_path);
std::string sqlite_version();

// `url` is a postgresql:// address. Each throws common::PirpackError (run) when the server cannot
// be reached or refuses, naming the address without its password. `version` is set to the
// server's, as "PostgreSQL 15.18".
std::unique_ptr<Store> open_postgres_store(const std::string& url, std::string& version);
std::unique_ptr<RunTables> create_postgres_run_tables(const std::string& url);

}  // namespace pirpack::store
