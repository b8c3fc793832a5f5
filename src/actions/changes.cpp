#include "actions/changes.hpp"

namespace pirpack::actions {

namespace {

// Lowercase ASCII, whitespace runs as one space, trimmed.
std::string fold(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!out.empty() && out.back() != ' ') out.push_back(' ');
        } else {
            out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
        }
    }
    if (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// The first row of each id, by id.
std::map<std::string, const Action*, IdLess> index_by_id(const std::vector<Action>& actions) {
    std::map<std::string, const Action*, IdLess> index;
    for (const auto& action : actions) index.emplace(action.id, &action);
    return index;
}

}  // namespace

bool RegisterChanges::empty() const {
    return added.empty() && closed.empty() && owner_changes.empty() && due_changes.empty() && status_changes.empty();
}

bool due_moved(const DueDate& before, const DueDate& after) {
    if (before.date && after.date) return *before.date != *after.date;
    return before.status != after.status || fold(before.text) != fold(after.text);
}

RegisterChanges compare_registers(const std::vector<Action>& previous, const std::vector<Action>& current) {
    auto before = index_by_id(previous);
    auto after = index_by_id(current);
    RegisterChanges changes;
    // One pass over the union of ids in natural order keeps every list sorted.
    auto b = before.begin();
    auto a = after.begin();
    IdLess less;
    while (b != before.end() || a != after.end()) {
        if (a == after.end() || (b != before.end() && less(b->first, a->first))) {
            changes.closed.push_back(ClosedAction{*b->second, b->second->status, true});
            ++b;
            continue;
        }
        if (b == before.end() || less(a->first, b->first)) {
            changes.added.push_back(*a->second);
            ++a;
            continue;
        }
        const Action& old_row = *b->second;
        const Action& new_row = *a->second;
        if (is_open(old_row.status) && !is_open(new_row.status))
            changes.closed.push_back(ClosedAction{new_row, old_row.status, false});
        else if (old_row.status != new_row.status)
            changes.status_changes.push_back(StatusChange{new_row.id, old_row.status, new_row.status});
        if (fold(old_row.owner) != fold(new_row.owner))
            changes.owner_changes.push_back(OwnerChange{new_row.id, old_row.owner, new_row.owner});
        if (due_moved(old_row.due, new_row.due))
            changes.due_changes.push_back(DueChange{new_row.id, old_row.due, new_row.due});
        ++a;
        ++b;
    }
    return changes;
}

std::map<std::string, int, IdLess> count_due_moves(const std::vector<std::vector<Action>>& history) {
    std::map<std::string, int, IdLess> moves;
    std::map<std::string, DueDate, IdLess> last_seen;
    for (const auto& snapshot : history) {
        for (const auto& [id, action] : index_by_id(snapshot)) {
            auto seen = last_seen.find(id);
            if (seen == last_seen.end()) {
                moves.emplace(id, 0);
                last_seen.emplace(id, action->due);
                continue;
            }
            if (due_moved(seen->second, action->due)) ++moves[id];
            seen->second = action->due;
        }
    }
    return moves;
}

}  // namespace pirpack::actions
