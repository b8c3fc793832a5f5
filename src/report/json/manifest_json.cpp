#include "report/json/manifest_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/Version.h>

#include <ostream>

#include "report/versions.hpp"
#include "store/store.hpp"

namespace pirpack::report {

using Poco::JSON::Array;
using Poco::JSON::Object;

void write_manifest_json(const RunRecord& run, std::ostream& out) {
    Object document;
    document.set("format", "pirpack-manifest/1");
    document.set("programme", run.programme);
    Object::Ptr programme_file = new Object;
    programme_file->set("path", run.programme_file);
    programme_file->set("sha256", run.programme_sha256);
    document.set("programme_file", programme_file);
    document.set("period", run.period);
    document.set("as_of", run.as_of);
    Object::Ptr versions = new Object;
    for (const auto& [name, version] : component_versions()) versions->set(name, version);
    document.set("versions", versions);
    Array::Ptr inputs = new Array;
    long total_read = 0, total_loaded = 0, total_rejected = 0;
    for (const auto& source : run.sources)
        for (const auto& file : source.files) {
            Object::Ptr item = new Object;
            item->set("source", file.source);
            item->set("path", file.path);
            item->set("sha256", file.sha256);
            item->set("bytes", static_cast<Poco::UInt64>(file.bytes));
            item->set("rows_read", file.rows_read);
            item->set("rows_loaded", file.rows_loaded);
            item->set("rows_rejected", file.rows_rejected);
            item->set("blank_lines", file.blank_lines);
            // The accounting every input must satisfy: nothing is lost.
            item->set("rows_accounted", file.rows_read == file.rows_loaded + file.rows_rejected);
            inputs->add(item);
            total_read += file.rows_read;
            total_loaded += file.rows_loaded;
            total_rejected += file.rows_rejected;
        }
    document.set("inputs", inputs);
    Object::Ptr totals = new Object;
    totals->set("rows_read", total_read);
    totals->set("rows_loaded", total_loaded);
    totals->set("rows_rejected", total_rejected);
    document.set("totals", totals);
    Array::Ptr stages = new Array;
    for (const auto& stage : run.stages) {
        Object::Ptr item = new Object;
        item->set("stage", stage.stage);
        item->set("seconds", stage.seconds);
        item->set("rows", stage.rows);
        if (stage.overlapped) item->set("overlapped", true);
        stages->add(item);
    }
    document.set("stages", stages);
    Poco::JSON::Stringifier::stringify(document, out, 1);
    out << "\n";
}

}  // namespace pirpack::report
