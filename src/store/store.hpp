// The store has two parts. The run tables hold this run's extracts, loaded into tables named
// after their sources, in a database (SQLite) or schema (PostgreSQL) of their own that is built
// fresh each run and replaces the last run's only when the run succeeds. The history (runs, input
// files with their counts and hashes, rejected rows, KPI figures) lives in the store proper and is
// written in one transaction. The same KPI SQL gives the same figures from either store (see
// postgres_sql.hpp for what that takes). Only files in src/store/ include Poco/Data or a
// database's own headers.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/programme.hpp"
#include "store/packed_rows.hpp"
#include "validate/column_mapping.hpp"

namespace pirpack::store {

struct RunRecord {
    std::string programme;
    std::string period;  // YYYY-MM
    std::string as_of;   // YYYY-MM-DD
};

struct InputFileRecord {
    std::string source;
    std::string path;
    std::string sha256;
    std::uint64_t bytes = 0;
    long rows_read = 0;
    long rows_loaded = 0;
    long rows_rejected = 0;
    long blank_lines = 0;
};

// The database and its version, for the manifest: of the store this process opened last
// ("PostgreSQL 15.18", the server's), or "SQLite 3.40.1" before any.
std::string database_version();

// One stored KPI figure: a KPI, scope and window of a run.
struct KpiRecord {
    std::string kpi_id;
    std::string definition_hash;
    std::string scope;
    std::string window;  // "baseline", "current", "matched" or a month "2023-10"
    std::string from;    // ISO dates
    std::string to;
    std::optional<double> value;
    std::optional<double> numerator;
    std::optional<double> denominator;
    std::string rag;     // for the current window; "" otherwise
};

// One row of the residual-action register as a run stored it, values as loaded (text).
struct RegisterRecord {
    std::string action_id, workstream, area, action, owner, due, status, last_update, notes;
};

struct PastRun {
    long run_id = 0;
    std::string period;
    std::string as_of;
};

// Appends rows to one run table. Rows are buffered and written in bulk.
class TableWriter {
public:
    virtual ~TableWriter() = default;
    virtual void add_row(const std::vector<validate::Value>& values) = 0;
    // The first `count` of `rows`; they must stay unchanged until the call returns.
    virtual void add_rows(const std::vector<std::vector<validate::Value>>& rows, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) add_row(rows[i]);
    }
    // Rows of `columns` values each, as the loader packs them; by default unpacked for add_rows.
    virtual void add_packed(const PackedRows& rows, std::size_t columns) {
        rows.unpack(unpacked_, columns);
        add_rows(unpacked_, rows.rows);
    }
    virtual long rows() const = 0;

private:
    std::vector<std::vector<validate::Value>> unpacked_;  // add_packed's, kept for its capacity
};

// One value of a query result.
struct QueryCell {
    bool null = true;
    bool numeric = false;  // integer or real; `number` holds it
    double number = 0;
    std::string text;      // the value as text (numbers included)
};

struct QueryResult {
    std::vector<std::string> columns;  // lowercased names
    std::vector<std::vector<QueryCell>> rows;
};

// A statement prepared once and run for many windows with its parameters bound by name.
class PreparedQuery {
public:
    virtual ~PreparedQuery() = default;
    // `parameters` maps names without the colon ("from") to ISO text values. Throws
    // common::PirpackError (run) with the database's message when the statement fails.
    virtual QueryResult run(const std::vector<std::pair<std::string, std::string>>& parameters) = 0;
};

class Store {
public:
    virtual ~Store() = default;

    // "postgresql://user@host:port/database" (any address libpq reads) opens the PostgreSQL store,
    // creating its tables on first use; anything else is a SQLite file path ("sqlite://" optional),
    // opened or created. Throws common::PirpackError: configuration for an address that cannot be
    // read, run for a server that cannot be reached.
    static std::unique_ptr<Store> open(const std::string& location);

    // Everything a run writes happens inside one transaction, so a failed run leaves the store
    // as the last good run left it.
    virtual void begin() = 0;
    virtual void commit() = 0;
    virtual void rollback() = 0;

    // A run's row is written with status "running" and, in the same transaction, finished as
    // "published" (or left to the rollback): a committed run is always final. Finishing a run
    // "published" marks the earlier published runs of its programme and period "superseded", so
    // the history holds one published run per period, the one whose pack replaced the others.
    virtual long start_run(const RunRecord& run) = 0;
    virtual void finish_run(long run_id, const std::string& status) = 0;

    virtual void add_input_file(long run_id, const InputFileRecord& file) = 0;
    virtual void add_kpi_results(long run_id, const std::vector<KpiRecord>& records) = 0;

    // The newest published run of `programme` other than `except_run_id`, if there is one. A re-run
    // of a period compares with the pack it replaces (that is how a restatement shows), and once
    // it is published, the next period's pack compares with it alone.
    virtual std::optional<PastRun> last_published_run(const std::string& programme, long except_run_id) = 0;
    virtual std::vector<KpiRecord> kpi_results(long run_id) = 0;
    virtual void add_rejects(long run_id, const std::string& source, const std::vector<validate::Reject>& rejects) = 0;

    // Each run stores the register it reported, so the next pack can say what changed.
    virtual void add_register(long run_id, const std::vector<RegisterRecord>& rows) = 0;
    // The registers of the published runs of `programme` other than `except_run_id`, oldest
    // first, each in the order it was stored.
    virtual std::vector<std::vector<RegisterRecord>> register_history(const std::string& programme,
                                                                      long except_run_id) = 0;

    // Runs a query and returns its rows as text (NULL as ""), for tests and reports.
    virtual std::vector<std::vector<std::string>> query(const std::string& sql) = 0;
};

// Whether `store` holds run `run_id` as committed, published or since superseded, with the
// programme, period and as-of date given: publish/ asks this of the run named in a pack, to tell
// a pack the store committed from one whose run was killed before its commit.
bool run_was_committed(Store& store, long run_id, const RunRecord& run);

// A connection for queries, used by one thread at a time.
class QuerySession {
public:
    virtual ~QuerySession() = default;
    // Prepares SQL with :name parameters. Throws common::PirpackError (run) with the database's
    // message when it does not compile.
    virtual std::unique_ptr<PreparedQuery> prepare(const std::string& sql) = 0;
    // Runs a query and returns its rows as text (NULL as "", reals as SQLite writes them).
    virtual std::vector<std::vector<std::string>> query(const std::string& sql) = 0;
};

// This run's extracts. Built at a staging path and moved over the last run's tables by publish(),
// so a failed run leaves them as they were.
class RunTables {
public:
    virtual ~RunTables() = default;

    // Creates an empty database for the store at `store_location`: for SQLite, a file beside it
    // named <store>-run.db(.staging until published); for PostgreSQL, a schema
    // pirpack_run_staging_<server pid>, renamed to pirpack_run when published. Throws
    // common::PirpackError (run).
    static std::unique_ptr<RunTables> create(const std::string& store_location);

    // Creates the source's table; its columns are the mapping's, typed.
    virtual std::unique_ptr<TableWriter> create_table(const config::Source& source) = 0;
    // Builds the source's indexes once its rows are in (faster than keeping them during the load).
    virtual void create_indexes(const config::Source& source) = 0;
    // Makes the sources loaded so far (each with its indexes) readable by sessions opened from
    // now on, while later sources go on loading; nothing is published. False, changing nothing,
    // for a store that cannot: its sessions see the tables only after finish_load().
    virtual bool share_loaded() { return false; }
    // Makes everything loaded durable and readable by query sessions.
    virtual void finish_load() = 0;
    // A new connection; each thread evaluating KPIs takes its own. One opened before
    // finish_load() may be given less memory (SQLite: no mapped pages), so it is best opened
    // again after it.
    virtual std::unique_ptr<QuerySession> open_session() = 0;
    // Replaces the last run's tables with these. After this, sessions must not be used.
    virtual void publish() = 0;
    // Where the tables are once published, for analysts who want to query them.
    virtual std::string published_location() const = 0;
};

}  // namespace pirpack::store
