#include "report/json/kpis_json.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <ostream>

namespace pirpack::report {

namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

Poco::Dynamic::Var optional_number(const std::optional<double>& value) {
    return value ? Poco::Dynamic::Var(*value) : Poco::Dynamic::Var();
}

Object::Ptr window_object(const kpi::Window& window) {
    Object::Ptr object = new Object;
    object->set("from", common::format_iso_date(window.from));
    object->set("to", common::format_iso_date(window.to));
    return object;
}

Object::Ptr measure_object(const kpi::Measure& measure, const kpi::Window& window) {
    Object::Ptr object = window_object(window);
    object->set("value", optional_number(measure.value));
    if (measure.suppressed) object->set("suppressed", true);
    object->set("numerator", optional_number(measure.numerator));
    object->set("denominator", optional_number(measure.denominator));
    if (measure.interval) {
        Array::Ptr interval = new Array;
        interval->add(measure.interval->low);
        interval->add(measure.interval->high);
        object->set("interval95", interval);
    } else {
        object->set("interval95", Poco::Dynamic::Var());
    }
    return object;
}

Object::Ptr history_object(const kpi::History& history) {
    Object::Ptr object = new Object;
    if (history.previous) {
        Object::Ptr previous = new Object;
        previous->set("period", history.previous->period);
        previous->set("as_of", history.previous->as_of);
        object->set("previous_pack", previous);
    } else {
        object->set("previous_pack", Poco::Dynamic::Var());
    }
    Array::Ptr rag = new Array;
    for (const auto& change : history.rag_changes) {
        Object::Ptr item = new Object;
        item->set("kpi", change.kpi_id);
        item->set("scope", change.scope);
        item->set("before", change.before);
        item->set("after", change.after);
        rag->add(item);
    }
    object->set("rag_changes", rag);
    Array::Ptr restatements = new Array;
    for (const auto& change : history.restatements) {
        Object::Ptr item = new Object;
        item->set("kpi", change.kpi_id);
        item->set("scope", change.scope);
        item->set("month", change.month);
        item->set("reported", optional_number(change.reported));
        item->set("now", optional_number(change.now));
        restatements->add(item);
    }
    object->set("restatements", restatements);
    Array::Ptr definitions = new Array;
    for (const auto& change : history.definition_changes) {
        Object::Ptr item = new Object;
        item->set("kpi", change.kpi_id);
        item->set("before", change.before.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(change.before));
        item->set("after", change.after.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(change.after));
        definitions->add(item);
    }
    object->set("definition_changes", definitions);
    return object;
}

}  // namespace

void write_kpis_json(const config::Programme& programme, const kpi::Evaluation& evaluation,
                     const kpi::History& history, const PackInfo& pack, std::ostream& out) {
    Object document;
    document.set("format", "pirpack-kpis/1");
    document.set("programme", programme.info.name);
    document.set("organisation", programme.info.organisation);
    document.set("protective_marking", programme.info.protective_marking);
    document.set("period", pack.period);
    document.set("as_of", pack.as_of);
    Array::Ptr kpis = new Array;
    for (const auto& result : evaluation.results) {
        const config::Kpi& kpi = *result.kpi;
        Object::Ptr item = new Object;
        item->set("id", kpi.id);
        item->set("workstream", kpi.workstream);
        item->set("title", kpi.title);
        item->set("unit", config::to_string(kpi.unit));
        item->set("direction", config::to_string(kpi.direction));
        item->set("target", optional_number(kpi.target));
        item->set("amber", optional_number(kpi.amber));
        item->set("definition_hash", result.definition_hash);
        Array::Ptr scopes = new Array;
        for (const auto& scope : result.scopes) {
            Object::Ptr s = new Object;
            s->set("scope", scope.scope);
            s->set("baseline", measure_object(scope.baseline, result.windows.baseline));
            s->set("current", measure_object(scope.current, result.windows.current));
            if (scope.matched && result.windows.matched)
                s->set("matched", measure_object(*scope.matched, *result.windows.matched));
            else
                s->set("matched", Poco::Dynamic::Var());
            s->set("rag", kpi::to_string(scope.rag));
            s->set("change_vs_baseline", optional_number(scope.change_vs_baseline));
            s->set("relative_change_vs_baseline", optional_number(scope.relative_change_vs_baseline));
            s->set("change_vs_matched", optional_number(scope.change_vs_matched));
            Object::Ptr significance = new Object;
            if (scope.significance.test.empty()) {
                significance->set("test", Poco::Dynamic::Var());
            } else {
                significance->set("test", scope.significance.test);
                significance->set("statistic", scope.significance.statistic);
                significance->set("p_value", scope.significance.p_value);
                significance->set("significant", scope.significance.significant);
            }
            s->set("significance", significance);
            Array::Ptr monthly = new Array;
            for (size_t m = 0; m < scope.monthly.size(); ++m) {
                Object::Ptr month = new Object;
                month->set("month", result.windows.monthly[m].name);
                month->set("value", optional_number(scope.monthly[m].value));
                month->set("numerator", optional_number(scope.monthly[m].numerator));
                month->set("denominator", optional_number(scope.monthly[m].denominator));
                monthly->add(month);
            }
            s->set("monthly", monthly);
            scopes->add(s);
        }
        item->set("scopes", scopes);
        kpis->add(item);
    }
    document.set("kpis", kpis);
    document.set("since_last_pack", history_object(history));
    Poco::JSON::Stringifier::stringify(document, out, 1);
    out << "\n";
}

}  // namespace pirpack::report
