#include "cli/fault_tables.hpp"

#include "common/fault_point.hpp"

namespace pirpack::cli {

namespace {

using common::fault_point;

class FaultTableWriter : public store::TableWriter {
public:
    explicit FaultTableWriter(std::unique_ptr<store::TableWriter> inner) : inner_(std::move(inner)) {}
    void add_row(const std::vector<validate::Value>& values) override { inner_->add_row(values); }
    void add_rows(const std::vector<std::vector<validate::Value>>& rows, std::size_t count) override {
        fault_point("ingest: load a batch of rows");
        inner_->add_rows(rows, count);
    }
    void add_packed(const store::PackedRows& rows, std::size_t columns) override {
        fault_point("ingest: load a batch of rows");
        inner_->add_packed(rows, columns);
    }
    long rows() const override { return inner_->rows(); }

private:
    std::unique_ptr<store::TableWriter> inner_;
};

class FaultQuery : public store::PreparedQuery {
public:
    explicit FaultQuery(std::unique_ptr<store::PreparedQuery> inner) : inner_(std::move(inner)) {}
    store::QueryResult run(const std::vector<std::pair<std::string, std::string>>& parameters) override {
        fault_point("evaluate: run a KPI query");
        return inner_->run(parameters);
    }

private:
    std::unique_ptr<store::PreparedQuery> inner_;
};

class FaultSession : public store::QuerySession {
public:
    explicit FaultSession(std::unique_ptr<store::QuerySession> inner) : inner_(std::move(inner)) {}
    std::unique_ptr<store::PreparedQuery> prepare(const std::string& sql) override {
        return std::make_unique<FaultQuery>(inner_->prepare(sql));
    }
    std::vector<std::vector<std::string>> query(const std::string& sql) override { return inner_->query(sql); }

private:
    std::unique_ptr<store::QuerySession> inner_;
};

class FaultRunTables : public store::RunTables {
public:
    explicit FaultRunTables(std::unique_ptr<store::RunTables> inner) : inner_(std::move(inner)) {}
    std::unique_ptr<store::TableWriter> create_table(const config::Source& source) override {
        fault_point("ingest: create a run table");
        return std::make_unique<FaultTableWriter>(inner_->create_table(source));
    }
    void create_indexes(const config::Source& source) override {
        fault_point("ingest: index a run table");
        inner_->create_indexes(source);
    }
    bool share_loaded() override {
        fault_point("ingest: share the sources loaded so far");
        return inner_->share_loaded();
    }
    void finish_load() override {
        fault_point("ingest: finish the load");
        inner_->finish_load();
    }
    std::unique_ptr<store::QuerySession> open_session() override {
        return std::make_unique<FaultSession>(inner_->open_session());
    }
    void publish() override {
        fault_point("publish: move the run tables into place");
        inner_->publish();
    }
    std::string published_location() const override { return inner_->published_location(); }

private:
    std::unique_ptr<store::RunTables> inner_;
};

}  // namespace

std::unique_ptr<store::RunTables> with_fault_points(std::unique_ptr<store::RunTables> tables) {
    if (!common::fault_points_enabled()) return tables;
    return std::make_unique<FaultRunTables>(std::move(tables));
}

}  // namespace pirpack::cli
