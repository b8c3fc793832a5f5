// libFuzzer target: what the review leads write. The narrative tag renderer, the raw-HTML
// neutraliser, the section splitter and the Residual Activity reader all take the same bytes.
#include <cstdint>
#include <string>
#include <string_view>

#include "actions/narrative_items.hpp"
#include "common/diagnostics.hpp"
#include "report/model/figures.hpp"
#include "report/model/narrative.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace pirpack;
    std::string_view text(reinterpret_cast<const char*>(data), size);
    static const std::vector<report::ReportKpi> kpis = [] {
        report::ReportKpi kpi;
        kpi.id = "roads_psl_met";
        kpi.unit = config::Unit::percent;
        report::ScopeRow row;
        row.current = report::value_figure(config::Unit::percent, 88.7);
        row.baseline = report::value_figure(config::Unit::percent, 99.6);
        row.rag = "red";
        kpi.scopes.push_back(row);
        return std::vector<report::ReportKpi>{kpi};
    }();
    common::DiagnosticList sink;
    std::string rendered = report::render_narrative_tags(text, "n.md", kpis, sink);
    // Without a "{{" in the input there is nothing to replace and nothing to complain about.
    if (text.find("{{") == std::string_view::npos && (rendered != text || !sink.items().empty())) __builtin_trap();
    std::string inert = report::neutralise_raw_html(rendered);
    report::split_narrative("n.md", inert, 2);
    actions::read_narrative_items(inert, "n.md");
    return 0;
}
