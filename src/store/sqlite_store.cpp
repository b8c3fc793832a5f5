// SQLite through a Poco::Data session; the bulk load works on the raw sqlite3 handle under that
// session: INSERT ... SELECT from a virtual table over each packed batch (below), which beat
// binding many-row VALUES statements, which the design had measured far ahead of one Poco
// execute() a row (0.71 s against 4.2 s for 912,500 ten-column rows).
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/SQLite/Utility.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>
#include <Poco/File.h>
#include <Poco/Path.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <new>
#include <string>
#include <vector>

#include "common/errors.hpp"
#include "store/backends.hpp"

namespace pirpack::store {

namespace {

using common::ErrorKind;
using common::PirpackError;
using namespace Poco::Data::Keywords;

// Every connection pirpack opens is used by one thread at a time, so SQLite's own per-call
// mutexes are pure cost (about 8% of a bulk load here). This must run before SQLite
// initialises, hence at static initialisation; if something initialised it first, the default
// (serialized) stays, which is also correct.
[[maybe_unused]] const int sqlite_threading = sqlite3_config(SQLITE_CONFIG_MULTITHREAD);

std::string quote_identifier(const std::string& name) { return "\"" + name + "\""; }

const char* sql_type(config::ColumnType type) {
    switch (type) {
        case config::ColumnType::integer:
        case config::ColumnType::boolean: return "INTEGER";
        case config::ColumnType::decimal: return "REAL";
        default: return "TEXT";
    }
}

const char* history_schema[] = {
    "CREATE TABLE IF NOT EXISTS pirpack_runs ("
    " run_id INTEGER PRIMARY KEY, programme TEXT NOT NULL, period TEXT NOT NULL, as_of TEXT NOT NULL,"
    " status TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pirpack_input_files ("
    " run_id INTEGER NOT NULL, source TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
    " bytes INTEGER NOT NULL, rows_read INTEGER NOT NULL, rows_loaded INTEGER NOT NULL,"
    " rows_rejected INTEGER NOT NULL, blank_lines INTEGER NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pirpack_kpi_results ("
    " run_id INTEGER NOT NULL, kpi_id TEXT NOT NULL, definition_hash TEXT NOT NULL, scope TEXT NOT NULL,"
    " window TEXT NOT NULL, date_from TEXT NOT NULL, date_to TEXT NOT NULL, value REAL, numerator REAL,"
    " denominator REAL, rag TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pirpack_kpi_results_run ON pirpack_kpi_results (run_id)",
    "CREATE TABLE IF NOT EXISTS pirpack_rejects ("
    " run_id INTEGER NOT NULL, source TEXT NOT NULL, file TEXT NOT NULL, sheet TEXT NOT NULL,"
    " line INTEGER NOT NULL, column_number INTEGER NOT NULL, column_name TEXT NOT NULL,"
    " value TEXT NOT NULL, reason TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pirpack_register ("
    " run_id INTEGER NOT NULL, position INTEGER NOT NULL, action_id TEXT NOT NULL, workstream TEXT NOT NULL,"
    " area TEXT NOT NULL, action TEXT NOT NULL, owner TEXT NOT NULL, due TEXT NOT NULL, status TEXT NOT NULL,"
    " last_update TEXT NOT NULL, notes TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS pirpack_register_run ON pirpack_register (run_id)",
};


void execute_sql(sqlite3* db, const std::string& sql);

// ---- the bulk load: INSERT ... SELECT from a virtual table over one packed batch --------------
//
// Binding ten values a row and stepping a many-row VALUES statement spends most of the writer's
// time in the statement machinery and in copying each text into a std::string first. Instead
// each table writer registers a virtual table whose cursor walks the packed batch in place
// (store/packed_rows.hpp) and runs one INSERT ... SELECT per batch: the values reach SQLite
// without a copy, and rows arrive in batch order, so the rowids are those of row-at-a-time
// inserts. The table lives in the connection's temp schema and is dropped with its writer.

struct FeedTable {
    sqlite3_vtab base{};
    const PackedRows** batch = nullptr;  // the writer's current batch
    std::size_t columns = 0;
};

struct FeedCursor {
    sqlite3_vtab_cursor base{};
    const PackedRows* batch = nullptr;
    std::size_t row = 0;
    const char* next = nullptr;                 // where the row after this one starts
    std::vector<PackedRows::View> values;       // this row's values
    std::size_t columns = 0;

    void read_row() {
        if (row >= batch->rows) return;
        for (auto& value : values) next = PackedRows::read(next, value);
    }
};

// The module's client data: where a new table finds its writer's batch and width.
struct FeedSource {
    const PackedRows* batch = nullptr;
    std::size_t columns = 0;
};

int feed_connect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** out, char**) {
    auto* source = static_cast<FeedSource*>(aux);
    std::string schema = "CREATE TABLE x(";
    for (std::size_t i = 0; i < source->columns; ++i) schema += (i ? ", c" : "c") + std::to_string(i);
    schema += ")";
    if (int rc = sqlite3_declare_vtab(db, schema.c_str()); rc != SQLITE_OK) return rc;
    auto* table = new (std::nothrow) FeedTable;
    if (!table) return SQLITE_NOMEM;
    table->batch = &source->batch;
    table->columns = source->columns;
    *out = &table->base;
    return SQLITE_OK;
}

int feed_disconnect(sqlite3_vtab* table) {
    delete reinterpret_cast<FeedTable*>(table);
    return SQLITE_OK;
}

int feed_best_index(sqlite3_vtab*, sqlite3_index_info* info) {
    info->estimatedCost = 1e6;
    info->estimatedRows = 4096;
    return SQLITE_OK;
}

int feed_open(sqlite3_vtab* vtab, sqlite3_vtab_cursor** out) {
    auto* table = reinterpret_cast<FeedTable*>(vtab);
    auto* cursor = new (std::nothrow) FeedCursor;
    if (!cursor) return SQLITE_NOMEM;
    cursor->columns = table->columns;
    cursor->values.resize(table->columns);
    *out = &cursor->base;
    return SQLITE_OK;
}

int feed_close(sqlite3_vtab_cursor* cursor) {
    delete reinterpret_cast<FeedCursor*>(cursor);
    return SQLITE_OK;
}

int feed_filter(sqlite3_vtab_cursor* base, int, const char*, int, sqlite3_value**) {
    auto* cursor = reinterpret_cast<FeedCursor*>(base);
    cursor->batch = *reinterpret_cast<FeedTable*>(base->pVtab)->batch;
    cursor->row = 0;
    if (!cursor->batch) return SQLITE_ERROR;
    cursor->next = cursor->batch->bytes.data();
    cursor->read_row();
    return SQLITE_OK;
}

int feed_next(sqlite3_vtab_cursor* base) {
    auto* cursor = reinterpret_cast<FeedCursor*>(base);
    ++cursor->row;
    cursor->read_row();
    return SQLITE_OK;
}

int feed_eof(sqlite3_vtab_cursor* base) {
    auto* cursor = reinterpret_cast<FeedCursor*>(base);
    return cursor->row >= cursor->batch->rows;
}

int feed_column(sqlite3_vtab_cursor* base, sqlite3_context* context, int column) {
    const auto& value = reinterpret_cast<FeedCursor*>(base)->values[static_cast<std::size_t>(column)];
    switch (value.kind) {
        case validate::Value::Kind::null: sqlite3_result_null(context); break;
        case validate::Value::Kind::integer: sqlite3_result_int64(context, value.integer); break;
        case validate::Value::Kind::real: sqlite3_result_double(context, value.real); break;
        case validate::Value::Kind::text:
            sqlite3_result_text(context, value.text.data(), static_cast<int>(value.text.size()), SQLITE_STATIC);
            break;
    }
    return SQLITE_OK;
}

int feed_rowid(sqlite3_vtab_cursor* base, sqlite3_int64* rowid) {
    *rowid = static_cast<sqlite3_int64>(reinterpret_cast<FeedCursor*>(base)->row);
    return SQLITE_OK;
}

const sqlite3_module feed_module = [] {
    sqlite3_module module{};
    module.iVersion = 1;
    module.xCreate = feed_connect;
    module.xConnect = feed_connect;
    module.xBestIndex = feed_best_index;
    module.xDisconnect = feed_disconnect;
    module.xDestroy = feed_disconnect;
    module.xOpen = feed_open;
    module.xClose = feed_close;
    module.xFilter = feed_filter;
    module.xNext = feed_next;
    module.xEof = feed_eof;
    module.xColumn = feed_column;
    module.xRowid = feed_rowid;
    return module;
}();

class SqliteTableWriter : public TableWriter {
public:
    SqliteTableWriter(sqlite3* db, const config::Source& source) : db_(db), columns_(source.columns.size()) {
        std::string placeholders;
        for (size_t i = 0; i < columns_; ++i) placeholders += i ? ",?" : "?";
        statement_ = prepare(source, "INSERT INTO " + quote_identifier(source.name) + " VALUES (" + placeholders + ")");
        static std::atomic<int> feeds{0};  // names must not repeat on a connection
        feed_name_ = "pirpack_feed_" + std::to_string(++feeds);
        feed_source_.columns = columns_;
        if (sqlite3_create_module_v2(db_, feed_name_.c_str(), &feed_module, &feed_source_, nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, std::string("cannot prepare the load of ") + source.name + ": " +
                                                   sqlite3_errmsg(db_));
        execute_sql(db_, "CREATE VIRTUAL TABLE temp." + quote_identifier(feed_name_) + " USING " +
                             quote_identifier(feed_name_));
        feed_ = prepare(source, "INSERT INTO " + quote_identifier(source.name) + " SELECT * FROM temp." +
                                    quote_identifier(feed_name_));
    }
    ~SqliteTableWriter() override {
        sqlite3_finalize(statement_);
        sqlite3_finalize(feed_);
        sqlite3_exec(db_, ("DROP TABLE IF EXISTS temp." + quote_identifier(feed_name_)).c_str(), nullptr, nullptr,
                     nullptr);
        sqlite3_create_module_v2(db_, feed_name_.c_str(), nullptr, nullptr, nullptr);  // unregisters it
    }

    void add_packed(const PackedRows& rows, std::size_t columns) override {
        if (columns != columns_) return TableWriter::add_packed(rows, columns);
        feed_source_.batch = &rows;
        const int rc = sqlite3_step(feed_);
        feed_source_.batch = nullptr;
        sqlite3_reset(feed_);
        if (rc != SQLITE_DONE)
            throw PirpackError(ErrorKind::run, std::string("loading rows failed: ") + sqlite3_errmsg(db_));
        rows_ += static_cast<long>(rows.rows);
    }

    // One row at a time (callers other than the loader; add_rows comes to this too).
    void add_row(const std::vector<validate::Value>& values) override {
        bind_row(statement_, values);
        step(statement_);
        ++rows_;
    }

    long rows() const override { return rows_; }

private:
    sqlite3_stmt* prepare(const config::Source& source, const std::string& sql) {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, std::string("cannot prepare the load of ") + source.name + ": " +
                                                   sqlite3_errmsg(db_));
        return statement;
    }

    // The text is bound without a copy, so the values must outlive the step that follows.
    static void bind_row(sqlite3_stmt* statement, const std::vector<validate::Value>& values) {
        for (size_t i = 0; i < values.size(); ++i) {
            const auto& value = values[i];
            int index = static_cast<int>(i) + 1;
            switch (value.kind) {
                case validate::Value::Kind::null: sqlite3_bind_null(statement, index); break;
                case validate::Value::Kind::integer: sqlite3_bind_int64(statement, index, value.integer); break;
                case validate::Value::Kind::real: sqlite3_bind_double(statement, index, value.real); break;
                case validate::Value::Kind::text:
                    sqlite3_bind_text(statement, index, value.text.data(), static_cast<int>(value.text.size()),
                                      SQLITE_STATIC);
                    break;
            }
        }
    }

    void step(sqlite3_stmt* statement) {
        if (sqlite3_step(statement) != SQLITE_DONE)
            throw PirpackError(ErrorKind::run, std::string("loading rows failed: ") + sqlite3_errmsg(db_));
        sqlite3_reset(statement);
    }

    sqlite3* db_;
    std::size_t columns_;
    sqlite3_stmt* statement_ = nullptr;
    std::string feed_name_;
    FeedSource feed_source_;
    sqlite3_stmt* feed_ = nullptr;
    long rows_ = 0;
};

class SqlitePreparedQuery : public PreparedQuery {
public:
    SqlitePreparedQuery(sqlite3* db, const std::string& sql) : db_(db) {
        if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &statement_, nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, sqlite3_errmsg(db_));
        if (!statement_) throw PirpackError(ErrorKind::run, "the SQL holds no statement");
    }
    ~SqlitePreparedQuery() override { sqlite3_finalize(statement_); }

    QueryResult run(const std::vector<std::pair<std::string, std::string>>& parameters) override {
        sqlite3_reset(statement_);
        sqlite3_clear_bindings(statement_);
        for (const auto& [name, value] : parameters) {
            int index = sqlite3_bind_parameter_index(statement_, (":" + name).c_str());
            if (index > 0) sqlite3_bind_text(statement_, index, value.c_str(), -1, SQLITE_TRANSIENT);
        }
        QueryResult result;
        const int columns = sqlite3_column_count(statement_);
        for (int c = 0; c < columns; ++c) {
            std::string name = sqlite3_column_name(statement_, c);
            for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            result.columns.push_back(name);
        }
        for (;;) {
            int rc = sqlite3_step(statement_);
            if (rc == SQLITE_DONE) break;
            if (rc != SQLITE_ROW) throw PirpackError(ErrorKind::run, sqlite3_errmsg(db_));
            std::vector<QueryCell> row(static_cast<size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                QueryCell& cell = row[static_cast<size_t>(c)];
                int type = sqlite3_column_type(statement_, c);
                if (type == SQLITE_NULL) continue;
                cell.null = false;
                if (type == SQLITE_INTEGER || type == SQLITE_FLOAT) {
                    cell.numeric = true;
                    cell.number = sqlite3_column_double(statement_, c);
                }
                const unsigned char* text = sqlite3_column_text(statement_, c);
                cell.text = text ? reinterpret_cast<const char*>(text) : "";
            }
            result.rows.push_back(std::move(row));
        }
        sqlite3_reset(statement_);
        return result;
    }

private:
    sqlite3* db_;
    sqlite3_stmt* statement_ = nullptr;
};

void execute_sql(sqlite3* db, const std::string& sql) {
    char* message = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
        std::string text = message ? message : "unknown error";
        sqlite3_free(message);
        throw PirpackError(ErrorKind::run, "store: " + text + " (in: " + sql.substr(0, 60) + ")");
    }
}

std::vector<std::vector<std::string>> query_text(sqlite3* db, const std::string& sql) {
    SqlitePreparedQuery query(db, sql);
    std::vector<std::vector<std::string>> rows;
    for (const auto& row : query.run({}).rows) {
        std::vector<std::string> texts;
        for (const auto& cell : row) texts.push_back(cell.text);
        rows.push_back(std::move(texts));
    }
    return rows;
}

Poco::Data::Session open_sqlite_session(const std::string& path) {
    Poco::Data::SQLite::Connector::registerConnector();
    Poco::Path parent = Poco::Path(path).parent();
    if (!parent.toString().empty()) Poco::File(parent).createDirectories();
    try {
        return Poco::Data::Session("SQLite", path);
    } catch (const Poco::Exception& failure) {
        throw PirpackError(ErrorKind::run, "cannot open the store: " + failure.displayText(), {path, "", 0, 0, ""},
                           "check the folder exists and pirpack may write to it");
    }
}

class SqliteQuerySession : public QuerySession {
public:
    // `mapped`: bytes of the file the session may map (see SqliteRunTables::open_session).
    SqliteQuerySession(const std::string& path, std::size_t mapped) : session_(open_sqlite_session(path)) {
        db_ = Poco::Data::SQLite::Utility::dbHandle(session_);
        execute_sql(db_, "PRAGMA query_only=ON");
        execute_sql(db_, "PRAGMA mmap_size=" + std::to_string(mapped));
    }
    std::unique_ptr<PreparedQuery> prepare(const std::string& sql) override {
        return std::make_unique<SqlitePreparedQuery>(db_, sql);
    }
    std::vector<std::vector<std::string>> query(const std::string& sql) override { return query_text(db_, sql); }

private:
    Poco::Data::Session session_;
    sqlite3* db_ = nullptr;
};

class SqliteRunTables : public RunTables {
public:
    SqliteRunTables(std::string staging, std::string published)
        : staging_(std::move(staging)), published_(std::move(published)), session_(fresh_session(staging_)) {
        db_ = Poco::Data::SQLite::Utility::dbHandle(session_);
        // A scratch database built from scratch each run: no journal to keep, and never synced (a
        // kill cannot lose what the kernel holds; after a power cut the next run builds it again,
        // and an fsync of the scale-1 file took 0.23 s). Pages of 16 KiB rather than 4 KiB: a
        // quarter of the page reads and writes while loading and indexing, about 7% less CPU over
        // the scale-1 sample (must come before the first table is created).
        execute_sql(db_, "PRAGMA page_size=16384");
        execute_sql(db_, "PRAGMA journal_mode=OFF");
        execute_sql(db_, "PRAGMA synchronous=OFF");
        // The planner needs each index's rough shape, not exact counts: a full ANALYZE reads every
        // index to the end (33 s at scale 20), a sampled one reads a thousand rows of each.
        execute_sql(db_, "PRAGMA analysis_limit=1000");
        execute_sql(db_, "BEGIN");
    }
    ~SqliteRunTables() override {
        if (!published_done_) {
            session_.close();
            remove_files(staging_);
        }
    }

    std::unique_ptr<TableWriter> create_table(const config::Source& source) override {
        std::string sql = "CREATE TABLE " + quote_identifier(source.name) + " (";
        for (size_t i = 0; i < source.columns.size(); ++i)
            sql += (i ? ", " : "") + quote_identifier(source.columns[i].name) + " " + sql_type(source.columns[i].type);
        execute_sql(db_, sql + ")");
        return std::make_unique<SqliteTableWriter>(db_, source);
    }

    void create_indexes(const config::Source& source) override {
        int number = 0;
        for (const auto& index : source.indexes) {
            std::string columns;
            for (const auto& column : index) columns += (columns.empty() ? "" : ", ") + quote_identifier(column);
            execute_sql(db_, "CREATE INDEX " + quote_identifier(source.name + "_index_" + std::to_string(++number)) +
                                 " ON " + quote_identifier(source.name) + " (" + columns + ")");
        }
        // Each table is analysed as soon as it is indexed, so that a KPI evaluated while later
        // sources load is planned as it would be at the end.
        execute_sql(db_, "ANALYZE " + quote_identifier(source.name));
    }

    // Commits what is loaded and goes on in a new transaction. The first time, the database
    // turns to WAL mode, in which sessions read the committed tables while this connection
    // writes; the sources loaded until then were written straight into the file, without a
    // journal. publish() turns it back, so that the published file has no WAL beside it.
    bool share_loaded() override {
        execute_sql(db_, "COMMIT");
        if (!wal_) {
            execute_sql(db_, "PRAGMA journal_mode=WAL");
            wal_ = true;
        }
        execute_sql(db_, "BEGIN");
        return true;
    }

    void finish_load() override {
        execute_sql(db_, "COMMIT");
        loading_ = false;
    }

    // KPI windows read the same pages again and again: mapped, they are shared by the sessions
    // and never copied (about 30% less time over the sample's catalogue). Capped so a large store
    // cannot map more than 256 MB of itself; and nothing while the load goes on, when the rows
    // read ahead hold the memory (mapped pages count as the process's, and took scale 20 from a
    // peak of 610 MB to 870 MB).
    std::unique_ptr<QuerySession> open_session() override {
        return std::make_unique<SqliteQuerySession>(staging_, loading_ ? 0 : std::size_t{256} << 20);
    }

    void publish() override {
        // Back from WAL to a journal, which also writes what the WAL holds into the file and
        // deletes it; every session is closed by now.
        if (wal_) {
            const auto mode = query_text(db_, "PRAGMA journal_mode=DELETE");
            // Still in WAL mode, the file alone would lack what the WAL holds: nothing is moved.
            if (mode.empty() || mode[0].empty() || mode[0][0] != "delete")
                throw PirpackError(ErrorKind::run, "cannot write the run tables' WAL into their file",
                                   {staging_, "", 0, 0, ""}, "check that no other program has the file open");
            wal_ = false;
        }
        session_.close();
        if (std::rename(staging_.c_str(), published_.c_str()) != 0)
            throw PirpackError(ErrorKind::run, "cannot move the run tables into place", {published_, "", 0, 0, ""},
                               "check that pirpack may write to the store's folder");
        published_done_ = true;
    }

    std::string published_location() const override { return published_; }

private:
    static Poco::Data::Session fresh_session(const std::string& path) {
        remove_files(path);  // what a crashed run left behind
        return open_sqlite_session(path);
    }

    // The database and the files SQLite keeps beside it. A WAL left by a killed run must go with
    // its database: beside a new file of the same name it would be replayed into it.
    static void remove_files(const std::string& path) {
        for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
    }

    std::string staging_;
    std::string published_;
    Poco::Data::Session session_;
    sqlite3* db_ = nullptr;
    bool published_done_ = false;
    bool wal_ = false;      // share_loaded() has turned the database to WAL mode
    bool loading_ = true;  // until finish_load()
};

class SqliteStore : public Store {
public:
    explicit SqliteStore(const std::string& path) : session_(open_sqlite_session(path)) {
        db_ = Poco::Data::SQLite::Utility::dbHandle(session_);
        // One writer at a time (the run lock sees to that); WAL lets readers look meanwhile.
        // FULL, not NORMAL: a run deletes the previous pack once its commit returns, so the commit
        // must be on disk by then, or a power cut could leave neither pack nor history of the new one.
        execute("PRAGMA journal_mode=WAL");
        execute("PRAGMA synchronous=FULL");
        for (const char* statement : history_schema) execute(statement);
    }

    void begin() override { session_.begin(); }
    void commit() override { session_.commit(); }
    void rollback() override {
        if (session_.isTransaction()) session_.rollback();
    }

    long start_run(const RunRecord& run) override {
        std::string programme = run.programme, period = run.period, as_of = run.as_of, status = "running";
        session_ << "INSERT INTO pirpack_runs (programme, period, as_of, status) VALUES (?, ?, ?, ?)", use(programme),
            use(period), use(as_of), use(status), now;
        return static_cast<long>(sqlite3_last_insert_rowid(db_));
    }

    void finish_run(long run_id, const std::string& status) override {
        std::string text = status;
        if (status == "published")
            session_ << "UPDATE pirpack_runs SET status = 'superseded' WHERE status = 'published' AND run_id <> ?"
                        " AND programme = (SELECT programme FROM pirpack_runs WHERE run_id = ?)"
                        " AND period = (SELECT period FROM pirpack_runs WHERE run_id = ?)",
                use(run_id), use(run_id), use(run_id), now;
        session_ << "UPDATE pirpack_runs SET status = ? WHERE run_id = ?", use(text), use(run_id), now;
    }

    void add_input_file(long run_id, const InputFileRecord& file) override {
        InputFileRecord f = file;
        Poco::Int64 bytes = static_cast<Poco::Int64>(f.bytes);
        session_ << "INSERT INTO pirpack_input_files VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", use(run_id), use(f.source),
            use(f.path), use(f.sha256), use(bytes), use(f.rows_read), use(f.rows_loaded), use(f.rows_rejected),
            use(f.blank_lines), now;
    }

    void add_rejects(long run_id, const std::string& source, const std::vector<validate::Reject>& rejects) override {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, "INSERT INTO pirpack_rejects VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &statement,
                               nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, std::string("cannot store rejects: ") + sqlite3_errmsg(db_));
        for (const auto& reject : rejects) {
            const auto& at = reject.location;
            sqlite3_bind_int64(statement, 1, run_id);
            sqlite3_bind_text(statement, 2, source.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 3, at.file.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 4, at.sheet.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_int64(statement, 5, at.line);
            sqlite3_bind_int64(statement, 6, at.column);
            sqlite3_bind_text(statement, 7, at.column_name.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 8, reject.value.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 9, reject.reason.c_str(), -1, SQLITE_STATIC);
            int rc = sqlite3_step(statement);
            sqlite3_reset(statement);
            if (rc != SQLITE_DONE) {
                sqlite3_finalize(statement);
                throw PirpackError(ErrorKind::run, std::string("cannot store a reject: ") + sqlite3_errmsg(db_));
            }
        }
        sqlite3_finalize(statement);
    }

    std::vector<std::vector<std::string>> query(const std::string& sql) override { return query_text(db_, sql); }

    void add_register(long run_id, const std::vector<RegisterRecord>& rows) override {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, "INSERT INTO pirpack_register VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                               &statement, nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, std::string("cannot store the register: ") + sqlite3_errmsg(db_));
        long position = 0;
        for (const auto& row : rows) {
            sqlite3_bind_int64(statement, 1, run_id);
            sqlite3_bind_int64(statement, 2, position++);
            int index = 3;
            for (const std::string* text : {&row.action_id, &row.workstream, &row.area, &row.action, &row.owner,
                                            &row.due, &row.status, &row.last_update, &row.notes})
                sqlite3_bind_text(statement, index++, text->c_str(), -1, SQLITE_STATIC);
            int rc = sqlite3_step(statement);
            sqlite3_reset(statement);
            if (rc != SQLITE_DONE) {
                sqlite3_finalize(statement);
                throw PirpackError(ErrorKind::run, std::string("cannot store the register: ") + sqlite3_errmsg(db_));
            }
        }
        sqlite3_finalize(statement);
    }

    std::vector<std::vector<RegisterRecord>> register_history(const std::string& programme, long except_run_id) override {
        SqlitePreparedQuery query(db_,
                                  "SELECT r.run_id, action_id, workstream, area, action, owner, due, r.status,"
                                  " last_update, notes FROM pirpack_register r JOIN pirpack_runs u ON u.run_id = r.run_id"
                                  " WHERE u.programme = :programme AND u.status = 'published' AND u.run_id <> :except"
                                  " ORDER BY r.run_id, r.position");
        auto result = query.run({{"programme", programme}, {"except", std::to_string(except_run_id)}});
        std::vector<std::vector<RegisterRecord>> history;
        std::string last_run;
        for (const auto& row : result.rows) {
            if (history.empty() || row[0].text != last_run) history.emplace_back();
            last_run = row[0].text;
            history.back().push_back({row[1].text, row[2].text, row[3].text, row[4].text, row[5].text, row[6].text,
                                      row[7].text, row[8].text, row[9].text});
        }
        return history;
    }

    void add_kpi_results(long run_id, const std::vector<KpiRecord>& records) override {
        sqlite3_stmt* statement = nullptr;
        if (sqlite3_prepare_v2(db_, "INSERT INTO pirpack_kpi_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                               &statement, nullptr) != SQLITE_OK)
            throw PirpackError(ErrorKind::run, std::string("cannot store KPI results: ") + sqlite3_errmsg(db_));
        auto bind_number = [&](int index, const std::optional<double>& value) {
            if (value)
                sqlite3_bind_double(statement, index, *value);
            else
                sqlite3_bind_null(statement, index);
        };
        for (const auto& r : records) {
            sqlite3_bind_int64(statement, 1, run_id);
            sqlite3_bind_text(statement, 2, r.kpi_id.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 3, r.definition_hash.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 4, r.scope.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 5, r.window.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 6, r.from.c_str(), -1, SQLITE_STATIC);
            sqlite3_bind_text(statement, 7, r.to.c_str(), -1, SQLITE_STATIC);
            bind_number(8, r.value);
            bind_number(9, r.numerator);
            bind_number(10, r.denominator);
            sqlite3_bind_text(statement, 11, r.rag.c_str(), -1, SQLITE_STATIC);
            int rc = sqlite3_step(statement);
            sqlite3_reset(statement);
            if (rc != SQLITE_DONE) {
                sqlite3_finalize(statement);
                throw PirpackError(ErrorKind::run, std::string("cannot store a KPI result: ") + sqlite3_errmsg(db_));
            }
        }
        sqlite3_finalize(statement);
    }

    std::optional<PastRun> last_published_run(const std::string& programme, long except_run_id) override {
        SqlitePreparedQuery query(db_,
                                  "SELECT run_id, period, as_of FROM pirpack_runs WHERE programme = :programme "
                                  "AND status = 'published' AND run_id <> :except ORDER BY run_id DESC LIMIT 1");
        auto result = query.run({{"programme", programme}, {"except", std::to_string(except_run_id)}});
        if (result.rows.empty()) return std::nullopt;
        return PastRun{static_cast<long>(result.rows[0][0].number), result.rows[0][1].text, result.rows[0][2].text};
    }

    std::vector<KpiRecord> kpi_results(long run_id) override {
        SqlitePreparedQuery query(db_,
                                  "SELECT kpi_id, definition_hash, scope, window, date_from, date_to, value, numerator,"
                                  " denominator, rag FROM pirpack_kpi_results WHERE run_id = :run"
                                  " ORDER BY kpi_id, scope, window");
        auto result = query.run({{"run", std::to_string(run_id)}});
        std::vector<KpiRecord> records;
        auto number = [](const QueryCell& cell) { return cell.null ? std::nullopt : std::optional<double>(cell.number); };
        for (const auto& row : result.rows)
            records.push_back({row[0].text, row[1].text, row[2].text, row[3].text, row[4].text, row[5].text,
                               number(row[6]), number(row[7]), number(row[8]), row[9].text});
        return records;
    }

private:
    void execute(const std::string& sql) { execute_sql(db_, sql); }

    Poco::Data::Session session_;
    sqlite3* db_ = nullptr;
};

std::string sqlite_path(const std::string& location) {
    return location.rfind("sqlite://", 0) == 0 ? location.substr(9) : location;
}

}  // namespace

std::string sqlite_version() { return std::string("SQLite ") + sqlite3_libversion(); }

std::unique_ptr<Store> open_sqlite_store(const std::string& location) {
    return std::make_unique<SqliteStore>(sqlite_path(location));
}

std::unique_ptr<RunTables> create_sqlite_run_tables(const std::string& store_location) {
    std::string path = sqlite_path(store_location);
    std::string base = path.size() > 3 && path.compare(path.size() - 3, 3, ".db") == 0 ? path.substr(0, path.size() - 3) : path;
    return std::make_unique<SqliteRunTables>(base + "-run.db.staging", base + "-run.db");
}

}  // namespace pirpack::store
