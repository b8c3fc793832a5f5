// libFuzzer target: the register's due-date and status readers, which take whatever owners type.
#include <cstdint>
#include <string_view>

#include "actions/due_date.hpp"
#include "actions/status.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    using namespace pirpack::actions;
    for (int fiscal_start : {4, 1, 12, 0}) {
        DueDate due = read_due_date(text, fiscal_start);
        // The invariant the pack relies on: a date exactly when the status says dated.
        if (due.date.has_value() != (due.status == DueStatus::dated)) __builtin_trap();
        describe_due(due);
    }
    read_status(text);
    return 0;
}
