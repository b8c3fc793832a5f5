// What the PostgreSQL store needs to run SQL written for SQLite with the same results: KPI SQL
// translated to PostgreSQL's parameters and literal types, and a postgresql:// address turned
// into the key=value form Poco's connector reads. Internal to src/store.
#pragma once

#include <string>
#include <vector>

namespace pirpack::store {

struct PostgresSql {
    std::string text;                     // with $1, $2, ... in place of :name
    std::vector<std::string> parameters;  // names without the colon, in $ order
};

// Rewrites KPI SQL so that PostgreSQL gives the figures SQLite gives:
//  - each :name becomes $n (one number per distinct name), as libpq binds by position;
//  - a decimal literal (100.0, 1.5e3) is read as double precision, as SQLite reads it, where
//    PostgreSQL would read NUMERIC and round quotients to a different last digit;
//  - LIKE becomes ILIKE, as SQLite's LIKE ignores case;
//  - REAL (in a CAST) becomes DOUBLE PRECISION, SQLite's REAL, where PostgreSQL's is 4 bytes.
// Strings, quoted identifiers, comments and :: casts are left as they are.
PostgresSql translate_for_postgres(const std::string& sql);

// "postgresql://user@host:port/db?connect_timeout=5" (anything libpq reads as a URI) as the
// "key=value key=value" string Poco::Data::PostgreSQL reads. Throws common::PirpackError
// (configuration) when libpq cannot read it or a value holds a space (Poco splits on spaces).
std::string postgres_connection_string(const std::string& url);

// The address with any password replaced by "***", for messages and the manifest.
std::string redact_postgres_url(const std::string& url);

}  // namespace pirpack::store
