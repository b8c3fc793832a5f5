// The programme definition (programme.toml) as plain structs. The loader fills these only after
// every check in config/programme_loader passes, so code that receives a Programme may rely on
// the invariants written beside each field.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.hpp"
#include "common/source_location.hpp"

namespace pirpack::config {

using common::Date;
using common::SourceLocation;

// An inclusive range of days; from <= to.
struct DateWindow {
    Date from;
    Date to;
};

// Which period a KPI's "current" value covers.
enum class CurrentWindow { month, quarter, fiscal_ytd, since_go_live };

enum class Unit { percent, count, rate_per_100, ratio, days, hours, fte };

enum class Direction { higher_is_better, lower_is_better, neutral };

// `status` is an action status, normalised from what people write ("in-progress", "Complete")
// to one of the register's labels (see actions/status.hpp); an unknown status is a reject.
enum class ColumnType { text, integer, decimal, date, datetime, boolean, enumeration, status };

enum class Encoding { utf8, windows1252, iso8859_1 };

struct ProgrammeInfo {
    std::string name;
    std::string organisation;
    std::string protective_marking;
    std::string description;
    Date go_live;
    DateWindow baseline;            // ends before go_live
    int fiscal_year_start_month = 4;  // 1..12
    int min_cell_count = 0;           // 0 turns disclosure control off
    CurrentWindow current = CurrentWindow::month;
    SourceLocation location;
};

struct Workstream {
    std::string id;    // unique
    std::string name;
    std::string lead;  // may be empty
    std::string directorate;
    std::optional<Date> go_live;           // overrides the programme's
    std::optional<DateWindow> baseline;    // overrides the programme's; ends before go_live
    // Narrative files for its section, plain names within the inputs' narrative/ folder, in the
    // order the report shows them.
    std::vector<std::string> narrative;
    SourceLocation location;
};

struct Column {
    std::string name;                  // the column name KPI SQL uses
    std::vector<std::string> headers;  // headers accepted in the file, first is preferred
    ColumnType type = ColumnType::text;
    bool required = false;
    bool key = false;
    std::vector<std::string> values;   // allowed values, for enumeration columns only
    SourceLocation location;
};

struct Source {
    std::string name;   // the table name KPI SQL uses; unique; [a-z][a-z0-9_]*
    std::string path;   // relative to the inputs folder; may be a glob
    std::string sheet;  // XLSX only; empty means the first visible sheet
    Encoding encoding = Encoding::utf8;
    std::string delimiter;  // empty: detect
    std::vector<std::string> date_formats;  // strftime-style; never empty after loading
    double max_reject_rate = 0.0;           // 0..1
    int header_row = 1;                     // 1-based
    std::string description;
    std::vector<Column> columns;            // in file order of the programme file
    // Indexes to build on the loaded table, each a list of column names. Without an indexes key
    // in the file, one index per date or datetime column, since every KPI window filters on one.
    std::vector<std::vector<std::string>> indexes;
    SourceLocation location;
    SourceLocation path_location;           // where path is set, for "file not found"
};

struct Kpi {
    std::string id;          // unique; [a-z][a-z0-9_]*
    std::string workstream;  // names a Workstream::id
    std::string title;
    std::string description;
    std::string evidence;    // the review finding this KPI tests
    Unit unit = Unit::count;
    Direction direction = Direction::neutral;
    std::optional<double> target;  // absent exactly when direction is neutral
    std::optional<double> amber;   // on the worse side of target, or absent
    std::optional<CurrentWindow> current;  // overrides the programme's
    std::string sql;
    std::vector<std::string> sources_read;  // the sources its SQL names after FROM or JOIN, once each
    SourceLocation location;      // where [[kpi]] starts
    SourceLocation sql_location;  // where the SQL text starts
};

struct Programme {
    std::string file;  // as given to the loader
    ProgrammeInfo info;
    std::vector<Workstream> workstreams;
    std::vector<Source> sources;
    std::vector<Kpi> kpis;

    const Workstream* find_workstream(const std::string& id) const;
    const Source* find_source(const std::string& name) const;
};

// Names used in the programme file for each enum, for messages and for writing it back.
std::string to_string(CurrentWindow value);
std::string to_string(Unit value);
std::string to_string(Direction value);
std::string to_string(ColumnType value);
std::string to_string(Encoding value);

}  // namespace pirpack::config
