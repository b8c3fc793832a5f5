#include "sample/people.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <queue>
#include <set>

#include "sample/establishment.hpp"
#include "sample/random.hpp"

namespace pirpack::sample {

namespace {

using common::add_days;
using common::days_between;
using common::make_date;

enum class RankLevel { constable, sergeant, inspector, senior, staff };

RankLevel level_of(std::string_view rank, bool officer) {
    if (!officer) return RankLevel::staff;
    if (rank == "Constable" || rank == "Detective Constable") return RankLevel::constable;
    if (rank == "Sergeant" || rank == "Detective Sergeant") return RankLevel::sergeant;
    if (rank == "Inspector" || rank == "Detective Inspector") return RankLevel::inspector;
    return RankLevel::senior;
}

// Dates the seed gives for the posts it names. Vacancies at go-live are filled on `fills`; a
// redeployment takes one holder out on `date` and the post is filled again on `refill`.
struct Redeployment {
    Date date;
    Date refill;
};
struct PostSchedule {
    std::string_view team;
    std::string_view role;
    std::string_view lpa;
    std::vector<Date> fills;
    std::vector<Redeployment> redeployments;
};

const std::vector<PostSchedule>& post_schedules() {
    static const std::vector<PostSchedule> schedules = {
        // PIU sergeants: vacancies and redeployments early on, all posts filled by December 2023.
        {"PIU", "PIU Sergeant", "North", {{2023, 6, 19}, {2023, 9, 4}}, {{{2023, 7, 3}, {2023, 11, 6}}}},
        {"PIU", "PIU Sergeant", "South", {{2023, 7, 17}, {2023, 10, 2}}, {{{2023, 8, 14}, {2023, 12, 4}}}},
        {"PIU", "PIU Sergeant", "East", {{2023, 8, 29}}, {}},
        // The Intel Hub's second sergeant landed in December 2023.
        {"Intel Hub", "Intel Hub Sergeant", "Force", {intel_hub_second_sergeant}, {}},
        // Force CID ran a DS short until the supervisory uplift began to land.
        {"Force CID", "FCID Detective Sergeant", "Force", {{2024, 2, 5}}, {}},
        // FIM/FDI short of inspectors until the January 2024 changes.
        {"FIM/FDI", "Force Incident Manager / Duty Inspector", "Force", {fim_changes, fim_changes}, {}},
    };
    return schedules;
}

const PostSchedule* find_schedule(const PostGroup& group) {
    for (const auto& schedule : post_schedules())
        if (schedule.team == group.team && schedule.role == group.role && schedule.lpa == group.lpa) return &schedule;
    return nullptr;
}

// Student officer intakes into Patrol, before and after go-live.
struct Intake {
    Date date;
    int size;
};
constexpr Intake intakes[] = {
    {{2022, 5, 9}, 24},  {{2022, 9, 12}, 30}, {{2023, 1, 16}, 26},
    {{2023, 5, 15}, 22}, {{2023, 9, 11}, 30}, {{2024, 1, 15}, 26},
};
constexpr double patrol_lpa_weights[] = {0.39, 0.40, 0.21};
constexpr std::string_view lpa_names[] = {"North", "South", "East"};

// Headcount the force holds at go-live: near the model, but below it.
constexpr int officers_at_go_live = 1046;
constexpr double officer_leaving_rate = 0.055;  // a year
constexpr double staff_leaving_rate = 0.085;
constexpr double surplus_sergeant_leaving_rate = 0.30;

constexpr std::string_view leaver_reasons[] = {"Leaver - Retirement", "Leaver - Resignation", "Leaver - Transfer",
                                               "Leaver - Other"};
constexpr double leaver_weights[] = {0.30, 0.45, 0.20, 0.05};

// Teams whose old-model postings were local to an area.
bool is_local_team(std::string_view team) {
    return team == "Patrol" || team == "SNT" || team == "Front Office" || team == "PIU" || team == "LPRC" ||
           team == "Mental Health Triage" || team == "RSOMU";
}

constexpr int slot_vacant = -1;
constexpr int in_pool = -1;
constexpr int not_in_post = -2;
constexpr int unslotted = -3;

struct Slot {
    int group = 0;
    int index = 0;  // within its group: also its relief
    int occupant = slot_vacant;
};

struct Event {
    enum class Kind { fill, redeploy, intake, hub_launch };
    Date date;
    long sequence = 0;
    Kind kind = Kind::fill;
    int target = 0;  // slot for fill and redeploy; intake size
    std::optional<Date> refill;

    bool operator>(const Event& other) const {
        if (date != other.date) return date > other.date;
        return sequence > other.sequence;
    }
};

class Simulation {
public:
    explicit Simulation(const ForceContext& force) : rng_(force.seed, "people", force.index) {
        workforce_.force = force;
    }

    Workforce run() {
        create_slots();
        staff_go_live();
        assign_students();
        add_baseline_leavers();
        schedule_go_live_events();
        simulate_after_go_live();
        assign_staff_numbers();
        return std::move(workforce_);
    }

private:
    const std::vector<PostGroup>& groups_ = model_post_groups();
    Rng rng_;
    Workforce workforce_;
    std::set<std::string, std::less<>> text_;  // storage for composed role names
    std::vector<Slot> slots_;
    std::vector<int> first_slot_;    // per group
    std::vector<int> current_slot_;  // per person: a slot, in_pool, not_in_post or unslotted
    std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
    long sequence_ = 0;
    std::map<std::pair<std::string_view, std::string_view>, int> old_relief_counter_;
    std::vector<int> pool_groups_;  // Patrol constable group per LPA
    int pool_relief_counter_[3] = {0, 0, 0};

    std::string_view intern(std::string text) { return *text_.insert(std::move(text)).first; }

    std::vector<Person>& people() { return workforce_.people; }

    const PostGroup& group_of_slot(int slot) const {
        return groups_[static_cast<std::size_t>(slots_[static_cast<std::size_t>(slot)].group)];
    }

    void push_event(Event event) {
        event.sequence = sequence_++;
        events_.push(event);
    }

    // ---- people -----------------------------------------------------------------------------

    Person& new_person(bool officer, Date service_start) {
        Person person;
        person.id = static_cast<int>(people().size());
        person.officer = officer;
        person.service_start = service_start;
        const double u = rng_.uniform();
        if (officer)
            person.fte_percent = u < 0.94 ? 100 : (u < 0.98 ? 80 : 60);
        else
            person.fte_percent = u < 0.78 ? 100 : (u < 0.90 ? 80 : 60);
        people().push_back(std::move(person));
        current_slot_.push_back(not_in_post);
        return people().back();
    }

    Date draw_service_start(bool officer) {
        // A young workforce: the uplift years 2019-2022 brought many officers in.
        if (officer && rng_.chance(0.45))
            return add_days(Date{2019, 4, 1}, rng_.uniform_int(0, days_between(Date{2019, 4, 1}, Date{2022, 3, 1})));
        const Date earliest = officer ? Date{1994, 9, 1} : Date{1998, 1, 5};
        return add_days(earliest, rng_.uniform_int(0, days_between(earliest, Date{2022, 3, 1})));
    }

    Date draw_posting_start(Date service_start) {
        const long span = days_between(service_start, Date{2022, 3, 28});
        if (span <= 0) return service_start;
        if (rng_.chance(0.25)) return service_start;
        return add_days(service_start, rng_.uniform_int(span / 3, span));
    }

    std::string_view first_start_reason(const Person& person, Date start, RankLevel level) {
        if (start == person.service_start) return rng_.chance(0.06) && person.officer ? "Transferee" : "Joiner";
        if (level == RankLevel::sergeant || level == RankLevel::inspector || level == RankLevel::senior)
            return rng_.chance(0.5) ? "Promotion" : "Move";
        return "Move";
    }

    std::string_view old_role(std::string_view old_team, std::string_view rank, bool officer) {
        if (old_team == "Patrol") {
            if (rank == "Inspector") return "Patrol Inspector";
            if (rank == "Sergeant") return "Patrol Sergeant";
            return "Patrol Constable";
        }
        if (old_team == "Telephone Investigation Unit")
            return rank == "Sergeant" ? "TIU Sergeant" : "Telephone Investigator";
        if (old_team == "Front Office") return "Front Office Clerk";
        if (old_team == "Switchboard") return "Switchboard Operator";
        if (old_team == "IMU") return "IMU Operator";
        if (old_team == "Resolution Centre") return "Resolution Centre Supervisor";
        if (old_team == "OCC Inspectors") return "OCC Inspector";
        if (old_team == "Roads Policing") return "Roads Policing Officer";
        if (old_team == "Firearms") return rank == "Sergeant" ? "Firearms Sergeant" : "Authorised Firearms Officer";
        if (old_team == "Digital Forensics")
            return officer ? "Digital Forensics Detective Sergeant" : "Digital Media Investigator";
        if (old_team == "i24") return officer ? intern(fmt::format("i24 {}", rank)) : "Intelligence Researcher";
        if (old_team == "Harm Hub") return "Harm Hub Officer";
        if (!officer)
            return intern(
                fmt::format("{} Officer", old_team == "Vulnerability and Safeguarding Unit" ? "VSU" : old_team));
        const std::string_view short_team = old_team == "Vulnerability and Safeguarding Unit" ? "VSU" : old_team;
        return intern(fmt::format("{} {}", short_team, rank));
    }

    // Old-model postings are spread evenly over the reliefs of each team and rank, as a duties
    // manager would roster them.
    int next_old_relief(std::string_view team, std::string_view rank) { return old_relief_counter_[{team, rank}]++; }

    // A holder of `slot` at go-live (or a Patrol constable when slot is in_pool), with the posting
    // they held before it.
    void create_go_live_holder(int group_index, int slot, const Predecessor* predecessor) {
        const PostGroup& group = groups_[static_cast<std::size_t>(group_index)];
        std::string_view old_team = predecessor ? predecessor->team : group.old_team;
        if (old_team.empty()) old_team = "Patrol";
        const std::string_view old_rank = predecessor && !predecessor->rank.empty() ? predecessor->rank : group.rank;
        const std::string_view rank = predecessor && predecessor->keep_rank ? old_rank : group.rank;
        const std::string_view old_lpa = is_local_team(old_team) ? group.lpa : std::string_view("Force");

        Date service_start = draw_service_start(group.officer);
        Date posting_start;
        std::string_view start_reason;
        Person& person = new_person(group.officer, service_start);
        if (!group.officer && rng_.chance(0.06)) {
            // Staff who joined during the baseline year.
            service_start = add_days(data_start, rng_.uniform_int(20, 330));
            person.service_start = service_start;
            posting_start = service_start;
            start_reason = "Joiner";
        } else {
            posting_start = draw_posting_start(service_start);
            start_reason = first_start_reason(person, posting_start, level_of(old_rank, group.officer));
        }
        const int relief = slot >= 0 ? slots_[static_cast<std::size_t>(slot)].index : next_pool_relief(group.lpa);
        const std::string_view role = group.role;

        Posting first;
        first.start = posting_start;
        first.start_reason = start_reason;
        const bool unchanged = old_team == group.team && old_rank == rank && old_lpa == group.lpa;
        if (unchanged) {
            first.group = group_index;
            first.team = group.team;
            first.role = role;
            first.rank = rank;
            first.lpa = group.lpa;
            first.relief = relief;
            person.postings.push_back(first);
        } else {
            first.team = old_team;
            first.role = old_role(old_team, old_rank, group.officer);
            first.rank = old_rank;
            first.lpa = old_lpa;
            first.relief = next_old_relief(old_team, old_rank);
            first.end = baseline_end;
            const bool promoted = old_rank != rank;
            first.end_reason = promoted ? "Promotion" : "Go-live posting";
            person.postings.push_back(first);
            Posting second;
            second.group = group_index;
            second.team = group.team;
            second.role = role;
            second.rank = rank;
            second.lpa = group.lpa;
            second.start = go_live;
            second.start_reason = promoted ? "Promotion" : "Go-live posting";
            second.relief = relief;
            person.postings.push_back(second);
        }
        if (slot >= 0) {
            slots_[static_cast<std::size_t>(slot)].occupant = person.id;
            current_slot_[static_cast<std::size_t>(person.id)] = slot;
        } else {
            current_slot_[static_cast<std::size_t>(person.id)] = in_pool;
        }
    }

    int lpa_index(std::string_view lpa) const {
        for (int i = 0; i < 3; ++i)
            if (lpa_names[i] == lpa) return i;
        return 0;
    }

    int next_pool_relief(std::string_view lpa) { return pool_relief_counter_[lpa_index(lpa)]++; }

    // ---- go-live ----------------------------------------------------------------------------

    void create_slots() {
        first_slot_.assign(groups_.size(), 0);
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            first_slot_[g] = static_cast<int>(slots_.size());
            const PostGroup& group = groups_[g];
            if (group.profile == FillProfile::patrol_pool) {
                pool_groups_.push_back(static_cast<int>(g));
                continue;
            }
            if (group.profile == FillProfile::none) continue;
            for (int i = 0; i < group.posts; ++i) slots_.push_back(Slot{static_cast<int>(g), i, slot_vacant});
        }
    }

    int vacancies_at_go_live(const PostGroup& group) {
        if (group.vacant_at_go_live >= 0) return group.vacant_at_go_live;
        double rate = 0.0;
        switch (group.profile) {
            case FillProfile::standard:
                rate = 0.025;
                break;
            case FillProfile::specialist:
                rate = 0.12;
                break;
            case FillProfile::public_protection:
                rate = 0.32;
                break;
            case FillProfile::scheduled: {
                const PostSchedule* schedule = find_schedule(group);
                return schedule ? static_cast<int>(schedule->fills.size()) : 0;
            }
            default:
                return 0;
        }
        int vacant = 0;
        for (int i = 0; i < group.posts; ++i)
            if (rng_.chance(rate)) ++vacant;
        return vacant;
    }

    void staff_go_live() {
        int officers = 0;
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const PostGroup& group = groups_[g];
            if (group.profile == FillProfile::patrol_pool || group.profile == FillProfile::none) continue;
            if (group.effective_from > go_live) continue;  // the Prevention Hub fills at its own launch
            const int vacant = std::min(vacancies_at_go_live(group), group.posts);
            // Which posts are vacant is chance; the rest are filled in order from predecessors.
            std::vector<int> order(static_cast<std::size_t>(group.posts));
            for (int i = 0; i < group.posts; ++i) order[static_cast<std::size_t>(i)] = i;
            for (int i = group.posts - 1; i > 0; --i)
                std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(rng_.uniform_int(0, i))]);
            std::vector<bool> is_vacant(static_cast<std::size_t>(group.posts), false);
            for (int i = 0; i < vacant; ++i)
                is_vacant[static_cast<std::size_t>(order[static_cast<std::size_t>(i)])] = true;
            std::size_t predecessor = 0;
            int used = 0;
            for (int i = 0; i < group.posts; ++i) {
                if (is_vacant[static_cast<std::size_t>(i)]) continue;
                while (predecessor < group.predecessors.size() && used >= group.predecessors[predecessor].count) {
                    ++predecessor;
                    used = 0;
                }
                const Predecessor* from =
                    predecessor < group.predecessors.size() ? &group.predecessors[predecessor] : nullptr;
                ++used;
                create_go_live_holder(static_cast<int>(g), first_slot_[g] + i, from);
                if (group.officer) ++officers;
            }
        }
        // Patrol holds everyone else: over its establishment at go-live, because the specialist
        // teams launched with vacancies that Patrol officers would move into.
        int pool_posts = 0;
        for (int g : pool_groups_) pool_posts += groups_[static_cast<std::size_t>(g)].posts;
        const int pool_total = officers_at_go_live - officers;
        int placed = 0;
        for (std::size_t i = 0; i < pool_groups_.size(); ++i) {
            const int g = pool_groups_[i];
            const PostGroup& group = groups_[static_cast<std::size_t>(g)];
            const int count = i + 1 == pool_groups_.size() ? pool_total - placed
                                                           : (pool_total * group.posts + pool_posts / 2) / pool_posts;
            placed += count;
            std::size_t predecessor = 0;
            int used = 0;
            for (int k = 0; k < count; ++k) {
                while (predecessor < group.predecessors.size() && used >= group.predecessors[predecessor].count) {
                    ++predecessor;
                    used = 0;
                }
                const Predecessor* from =
                    predecessor < group.predecessors.size() ? &group.predecessors[predecessor] : nullptr;
                ++used;
                create_go_live_holder(g, in_pool, from);
            }
        }
    }

    // Patrol constables who joined in the baseline year's intakes, or in the two years before,
    // are still student officers at go-live.
    void assign_students() {
        std::vector<int> plain;
        for (const auto& person : people())
            if (current_slot_[static_cast<std::size_t>(person.id)] == in_pool && person.postings.size() == 1)
                plain.push_back(person.id);
        for (std::size_t i = plain.size(); i > 1; --i)
            std::swap(plain[i - 1], plain[static_cast<std::size_t>(rng_.uniform_int(0, static_cast<long>(i) - 1))]);
        std::size_t next = 0;
        auto make_student = [&](Date joined) {
            if (next >= plain.size()) return;
            Person& person = people()[static_cast<std::size_t>(plain[next++])];
            person.service_start = joined;
            person.postings.front().start = joined;
            person.postings.front().start_reason = "Joiner";
        };
        for (const auto& intake : intakes)
            if (intake.date < go_live)
                for (int k = 0; k < intake.size; ++k) make_student(intake.date);
        for (int k = 0; k < 40; ++k) make_student(add_days(Date{2020, 9, 7}, rng_.uniform_int(0, 560)));
        for (const auto& person : people())
            if (current_slot_[static_cast<std::size_t>(person.id)] == in_pool &&
                person.service_start >= Date{2021, 4, 1})
                for (auto& posting : people()[static_cast<std::size_t>(person.id)].postings)
                    if (posting.team == "Patrol") posting.role = "Student Officer";
    }

    // People who left during the baseline year: they worked in the old model, so they are copies
    // of a go-live holder's old posting.
    void add_baseline_leavers() {
        const std::size_t holders = people().size();
        int officers = 0, staff = 0;
        for (std::size_t i = 0; i < holders; ++i) (people()[i].officer ? officers : staff) += 1;
        const int officer_leavers = static_cast<int>(officers * officer_leaving_rate + 0.5);
        const int staff_leavers = static_cast<int>(staff * staff_leaving_rate + 0.5);
        for (int k = 0; k < officer_leavers + staff_leavers; ++k) {
            const bool officer = k < officer_leavers;
            std::size_t template_index = 0;
            do {
                template_index = static_cast<std::size_t>(rng_.uniform_int(0, static_cast<long>(holders) - 1));
            } while (people()[template_index].officer != officer);
            const Posting model = people()[template_index].postings.front();
            Person& person = new_person(officer, draw_service_start(officer));
            Posting posting;
            posting.group = model.end ? -1 : model.group;
            posting.team = model.team;
            posting.role = model.role == "Student Officer" ? std::string_view("Patrol Constable") : model.role;
            posting.rank = model.rank;
            posting.lpa = model.lpa;
            posting.relief = model.end ? next_old_relief(model.team, model.rank)
                                       : model.relief + static_cast<int>(rng_.uniform_int(1, 59));
            posting.start = draw_posting_start(person.service_start);
            posting.start_reason = first_start_reason(person, posting.start, level_of(posting.rank, officer));
            posting.end = add_days(data_start, rng_.uniform_int(0, days_between(data_start, baseline_end)));
            posting.end_reason = leaver_reasons[rng_.pick(leaver_weights)];
            person.postings.push_back(posting);
        }
    }

    void schedule_go_live_events() {
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            const PostGroup& group = groups_[g];
            if (group.profile == FillProfile::patrol_pool || group.profile == FillProfile::none) continue;
            if (group.effective_from > go_live) continue;
            const PostSchedule* schedule = group.profile == FillProfile::scheduled ? find_schedule(group) : nullptr;
            std::size_t next_fill = 0;
            for (int i = 0; i < group.posts; ++i) {
                const int slot = first_slot_[g] + i;
                if (slots_[static_cast<std::size_t>(slot)].occupant != slot_vacant) continue;
                Date when;
                if (schedule && next_fill < schedule->fills.size()) {
                    when = schedule->fills[next_fill++];
                } else {
                    when = draw_first_fill(group);
                }
                push_event(Event{when, 0, Event::Kind::fill, slot, {}});
            }
            if (schedule) {
                for (const auto& redeployment : schedule->redeployments)
                    push_event(Event{redeployment.date, 0, Event::Kind::redeploy, first_slot_[g], redeployment.refill});
            }
        }
        for (const auto& intake : intakes)
            if (intake.date >= go_live) push_event(Event{intake.date, 0, Event::Kind::intake, intake.size, {}});
        push_event(Event{prevention_hub_go_live, 0, Event::Kind::hub_launch, 0, {}});
    }

    Date draw_first_fill(const PostGroup& group) {
        switch (group.profile) {
            case FillProfile::public_protection:
                return add_days(Date{2023, 5, 1},
                                rng_.uniform_int(0, days_between(Date{2023, 5, 1}, Date{2024, 5, 31})));
            case FillProfile::specialist:
                return add_days(go_live, rng_.uniform_int(30, 300));
            default:
                return add_days(go_live, rng_.uniform_int(25, 200));
        }
    }

    long refill_delay(const PostGroup& group) {
        switch (group.profile) {
            case FillProfile::public_protection:
                return rng_.uniform_int(45, 120);
            case FillProfile::specialist:
                return rng_.uniform_int(60, 200);
            default:
                return rng_.uniform_int(45, 150);
        }
    }

    // ---- after go-live ----------------------------------------------------------------------

    bool in_post_before(int person, Date date) const {
        const Person& p = workforce_.people[static_cast<std::size_t>(person)];
        const int slot = current_slot_[static_cast<std::size_t>(person)];
        return slot != not_in_post && !p.postings.empty() && !p.postings.back().end && p.postings.back().start < date;
    }

    bool is_protected(int person) const {
        const int slot = current_slot_[static_cast<std::size_t>(person)];
        return slot >= 0 && group_of_slot(slot).profile == FillProfile::scheduled;
    }

    double leaving_rate(int person) const {
        const Person& p = workforce_.people[static_cast<std::size_t>(person)];
        if (!p.officer) return staff_leaving_rate;
        const int slot = current_slot_[static_cast<std::size_t>(person)];
        if (slot >= 0 && p.postings.back().rank != group_of_slot(slot).rank) return surplus_sergeant_leaving_rate;
        return officer_leaving_rate;
    }

    void vacate(int slot, Date date, bool refill) {
        slots_[static_cast<std::size_t>(slot)].occupant = slot_vacant;
        const PostGroup& group = group_of_slot(slot);
        // The Harm Hub's posts close at the Prevention Hub launch, which fills them afresh.
        if (!refill || group.effective_to) return;
        push_event(Event{add_days(date, refill_delay(group)), 0, Event::Kind::fill, slot, {}});
    }

    void end_current_posting(int person, Date last_day, std::string_view reason) {
        Posting& posting = workforce_.people[static_cast<std::size_t>(person)].postings.back();
        posting.end = last_day;
        posting.end_reason = reason;
    }

    void leave(int person, Date date) {
        end_current_posting(person, add_days(date, -1), leaver_reasons[rng_.pick(leaver_weights)]);
        const int slot = current_slot_[static_cast<std::size_t>(person)];
        current_slot_[static_cast<std::size_t>(person)] = not_in_post;
        if (slot >= 0) vacate(slot, date, true);
    }

    void start_posting(int person, int slot, Date date, std::string_view reason) {
        const Slot& target = slots_[static_cast<std::size_t>(slot)];
        const PostGroup& group = groups_[static_cast<std::size_t>(target.group)];
        Posting posting;
        posting.group = target.group;
        posting.team = group.team;
        posting.role = group.role;
        posting.rank = group.rank;
        posting.lpa = group.lpa;
        posting.start = date;
        posting.start_reason = reason;
        posting.relief = target.index;
        workforce_.people[static_cast<std::size_t>(person)].postings.push_back(posting);
        slots_[static_cast<std::size_t>(slot)].occupant = person;
        current_slot_[static_cast<std::size_t>(person)] = slot;
    }

    // Someone already in post moves into `slot`; the post they leave is refilled in turn.
    void move_into(int person, int slot, Date date, std::string_view reason) {
        const int from = current_slot_[static_cast<std::size_t>(person)];
        end_current_posting(person, add_days(date, -1), reason);
        if (from >= 0) vacate(from, date, true);
        start_posting(person, slot, date, reason);
    }

    long service_days(int person, Date date) const {
        return days_between(workforce_.people[static_cast<std::size_t>(person)].service_start, date);
    }

    // Patrol constables free to move: past their two student years, or four for promotion.
    std::vector<int> pool_candidates(std::string_view lpa, Date date, long min_service_days = 730) const {
        std::vector<int> found;
        for (const auto& person : workforce_.people) {
            if (current_slot_[static_cast<std::size_t>(person.id)] != in_pool || !in_post_before(person.id, date))
                continue;
            if (service_days(person.id, date) < min_service_days) continue;
            if (lpa != "Force" && person.postings.back().lpa != lpa) continue;
            found.push_back(person.id);
        }
        return found;
    }

    std::vector<int> slotted_candidates(RankLevel level, std::string_view department, bool patrol_too,
                                        Date date) const {
        std::vector<int> found;
        for (const auto& person : workforce_.people) {
            const int slot = current_slot_[static_cast<std::size_t>(person.id)];
            if (slot < 0 || !in_post_before(person.id, date) || is_protected(person.id)) continue;
            if (level_of(person.postings.back().rank, true) != level || !person.officer) continue;
            const PostGroup& group = group_of_slot(slot);
            if (group.effective_to) continue;
            if (group.department == department || (patrol_too && group.team == "Patrol")) found.push_back(person.id);
        }
        return found;
    }

    int pick_from(const std::vector<int>& candidates) {
        return candidates[static_cast<std::size_t>(rng_.uniform_int(0, static_cast<long>(candidates.size()) - 1))];
    }

    void fill(int slot, Date date) {
        if (slots_[static_cast<std::size_t>(slot)].occupant != slot_vacant) return;
        const PostGroup& group = group_of_slot(slot);
        const RankLevel level = level_of(group.rank, group.officer);
        if (level == RankLevel::staff) {
            Person& person = new_person(false, date);
            start_posting(person.id, slot, date, "Joiner");
            return;
        }
        if (level == RankLevel::constable) {
            auto candidates = pool_candidates(group.lpa, date);
            if (candidates.empty()) candidates = pool_candidates("Force", date);
            if (!candidates.empty()) {
                move_into(pick_from(candidates), slot, date, "Move");
                return;
            }
        } else if (level == RankLevel::sergeant) {
            auto candidates = slotted_candidates(RankLevel::constable, group.department, false, date);
            if (candidates.empty() || rng_.chance(0.45)) candidates = pool_candidates(group.lpa, date, 1460);
            if (candidates.empty()) candidates = pool_candidates("Force", date, 1460);
            if (!candidates.empty()) {
                move_into(pick_from(candidates), slot, date, "Promotion");
                return;
            }
        } else if (level == RankLevel::inspector) {
            const auto candidates = slotted_candidates(RankLevel::sergeant, group.department, true, date);
            if (!candidates.empty()) {
                move_into(pick_from(candidates), slot, date, "Promotion");
                return;
            }
        }
        Person& person = new_person(true, date);
        start_posting(person.id, slot, date, "Transferee");
    }

    void redeploy(int first_slot_of_group, Date date, Date refill) {
        const PostGroup& group = group_of_slot(first_slot_of_group);
        std::vector<int> holders;
        for (int i = 0; i < group.posts; ++i)
            if (slots_[static_cast<std::size_t>(first_slot_of_group + i)].occupant != slot_vacant)
                holders.push_back(first_slot_of_group + i);
        if (holders.empty()) return;
        const int slot = pick_from(holders);
        const int person = slots_[static_cast<std::size_t>(slot)].occupant;
        end_current_posting(person, add_days(date, -1), "Redeployment");
        slots_[static_cast<std::size_t>(slot)].occupant = slot_vacant;
        push_event(Event{refill, 0, Event::Kind::fill, slot, {}});
        // Back to Patrol in the same area, over its establishment.
        Posting posting;
        posting.team = "Patrol";
        posting.role = "Patrol Sergeant";
        posting.rank = workforce_.people[static_cast<std::size_t>(person)].postings.back().rank;
        posting.lpa = group.lpa;
        posting.start = date;
        posting.start_reason = "Redeployment";
        posting.relief = static_cast<int>(rng_.uniform_int(0, 59));
        workforce_.people[static_cast<std::size_t>(person)].postings.push_back(posting);
        current_slot_[static_cast<std::size_t>(person)] = unslotted;
    }

    void take_intake(int size, Date date) {
        for (int k = 0; k < size; ++k) {
            const std::size_t lpa = rng_.pick(patrol_lpa_weights);
            const int g = pool_groups_[lpa];
            const PostGroup& group = groups_[static_cast<std::size_t>(g)];
            Person& person = new_person(true, date);
            Posting posting;
            posting.group = g;
            posting.team = group.team;
            posting.role = "Student Officer";
            posting.rank = group.rank;
            posting.lpa = group.lpa;
            posting.start = date;
            posting.start_reason = "Joiner";
            posting.relief = next_pool_relief(group.lpa);
            person.postings.push_back(posting);
            current_slot_[static_cast<std::size_t>(person.id)] = in_pool;
        }
    }

    void launch_prevention_hub(Date date) {
        // Each Harm Hub post has a Prevention Hub twin with the same role, in the same order.
        for (std::size_t g = 0; g < groups_.size(); ++g) {
            if (groups_[g].team != "Harm Hub") continue;
            std::size_t twin = 0;
            for (std::size_t h = 0; h < groups_.size(); ++h)
                if (groups_[h].team == "Prevention Hub" && groups_[h].role == groups_[g].role) twin = h;
            for (int i = 0; i < groups_[g].posts; ++i) {
                const int from = first_slot_[g] + i;
                const int to = first_slot_[twin] + i;
                const int person = slots_[static_cast<std::size_t>(from)].occupant;
                if (person == slot_vacant) {
                    push_event(Event{add_days(date, rng_.uniform_int(20, 120)), 0, Event::Kind::fill, to, {}});
                    continue;
                }
                end_current_posting(person, add_days(date, -1), "Move");
                slots_[static_cast<std::size_t>(from)].occupant = slot_vacant;
                start_posting(person, to, date, "Move");
            }
        }
    }

    void simulate_after_go_live() {
        const long days = days_between(go_live, data_end);
        for (long offset = 0; offset <= days; ++offset) {
            const Date date = add_days(go_live, offset);
            const std::size_t count = people().size();
            for (std::size_t i = 0; i < count; ++i) {
                const int person = static_cast<int>(i);
                if (!in_post_before(person, date) || is_protected(person)) continue;
                if (rng_.chance(leaving_rate(person) / 365.0)) leave(person, date);
            }
            while (!events_.empty() && events_.top().date <= date) {
                const Event event = events_.top();
                events_.pop();
                switch (event.kind) {
                    case Event::Kind::fill:
                        fill(event.target, date);
                        break;
                    case Event::Kind::redeploy:
                        redeploy(event.target, date, *event.refill);
                        break;
                    case Event::Kind::intake:
                        take_intake(event.target, date);
                        break;
                    case Event::Kind::hub_launch:
                        launch_prevention_hub(date);
                        break;
                }
            }
        }
    }

    // Staff numbers rise with joining date, with gaps, as a payroll system hands them out.
    void assign_staff_numbers() {
        std::vector<std::size_t> order(people().size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [this](std::size_t a, std::size_t b) {
            const Person& x = people()[a];
            const Person& y = people()[b];
            if (x.service_start != y.service_start) return x.service_start < y.service_start;
            return x.id < y.id;
        });
        long number = 1000;
        std::vector<Person> sorted;
        sorted.reserve(order.size());
        for (std::size_t index : order) {
            number += rng_.uniform_int(1, 4);
            Person person = std::move(people()[index]);
            person.staff_number = fmt::format("{}{:06}", workforce_.force.code, number);
            sorted.push_back(std::move(person));
        }
        people() = std::move(sorted);
        workforce_.text_pool = std::move(text_);
    }
};

}  // namespace

Workforce simulate_workforce(const ForceContext& force) { return Simulation(force).run(); }

Strength measure_officer_strength(const Workforce& workforce, const Date& date) {
    Strength strength;
    for (const auto& person : workforce.people) {
        if (!person.officer) continue;
        for (const auto& posting : person.postings) {
            if (posting.start <= date && (!posting.end || *posting.end >= date)) {
                ++strength.headcount;
                strength.fte += person.fte_percent / 100.0;
                break;
            }
        }
    }
    return strength;
}

HrPostingsWriter::HrPostingsWriter(const std::string& out_dir)
    : csv_((std::filesystem::path(out_dir) / file_name).string(), CsvOptions{.byte_order_mark = true, .crlf = true}) {
    for (const char* header : {"Staff No", "Officer/Staff", "Rank/Grade", "Role", "Team", "LPA", "FTE", "Start Date",
                               "End Date", "Start Reason", "End Reason"})
        csv_.field(header);
    csv_.end_header();
}

void HrPostingsWriter::write(const Workforce& workforce) {
    for (const auto& person : workforce.people) {
        for (const auto& posting : person.postings) {
            if (posting.start > data_end || (posting.end && *posting.end < data_start)) continue;
            csv_.field(person.staff_number);
            csv_.field(person.officer ? "Officer" : "Staff");
            csv_.field(posting.rank);
            csv_.field(posting.role);
            csv_.field(posting.team);
            csv_.field(posting.lpa);
            csv_.field_hundredths(person.fte_percent);
            csv_.field_uk_date(posting.start);
            if (posting.end)
                csv_.field_uk_date(*posting.end);
            else
                csv_.field_empty();
            csv_.field(posting.start_reason);
            csv_.field(posting.end_reason);
            csv_.end_row();
        }
    }
}

long HrPostingsWriter::close() {
    csv_.close();
    return csv_.data_rows();
}

namespace {

// Mandatory courses: officer safety training every year for every officer from constable to
// inspector; a driver refresher every three years for those in response-driving teams.
struct Course {
    std::string_view name;
    long cycle_days;
    bool drivers_only;
};
constexpr Course mandatory_courses[] = {
    {"Officer Safety Training", 365, false},
    {"Driver Refresher", 1095, true},
};
// From December 2023 the extra trainers the model funded were all in post.
constexpr Date trainers_in_post{2023, 12, 1};

bool needs_mandatory_training(std::string_view rank) {
    return rank == "Constable" || rank == "Sergeant" || rank == "Inspector" || rank == "Detective Constable" ||
           rank == "Detective Sergeant" || rank == "Detective Inspector";
}

bool drives_on_response(std::string_view team) {
    return team == "Patrol" || team == "Roads Policing" || team == "Firearms" || team == "Dog Section";
}

const Posting* posting_on(const Person& person, const Date& date) {
    for (const auto& posting : person.postings)
        if (posting.start <= date && (!posting.end || *posting.end >= date)) return &posting;
    return nullptr;
}

// Days after the due date that a course is done (negative: done early). Before go-live most
// officers renewed on time; afterwards the four-shift patterns and too few trainers let a
// backlog build, worst for driver training, easing once the trainers were in post.
long completion_delay(Rng& rng, const Course& course, const Date& due) {
    double late = 0.10;
    long longest = 70;
    if (due >= trainers_in_post) {
        late = course.drivers_only ? 0.45 : 0.25;
        longest = 150;
    } else if (due >= go_live) {
        late = course.drivers_only ? 0.60 : 0.45;
        longest = course.drivers_only ? 300 : 200;
    }
    if (rng.chance(late)) return rng.uniform_int(15, longest);
    return rng.uniform_int(-45, 5);
}

}  // namespace

TrainingRecordsWriter::TrainingRecordsWriter(const std::string& out_dir)
    : csv_((std::filesystem::path(out_dir) / file_name).string(), CsvOptions{.crlf = true}) {
    for (const char* header : {"Staff No", "Course", "Due Date", "Completed Date"}) csv_.field(header);
    csv_.end_header();
}

void TrainingRecordsWriter::write(const Workforce& workforce) {
    Rng rng(workforce.force.seed, "training", workforce.force.index);
    for (const auto& person : workforce.people) {
        if (!person.officer || person.postings.empty()) continue;
        const Date first_start = person.postings.front().start;
        const std::optional<Date> last_day = person.postings.back().end;
        for (const auto& course : mandatory_courses) {
            // Serving officers fall due at any point of the cycle; joiners a cycle after joining.
            Date due = first_start < add_days(data_start, -course.cycle_days)
                           ? add_days(data_start, rng.uniform_int(-60, course.cycle_days - 61))
                           : add_days(first_start, course.cycle_days);
            while (due <= data_end) {
                const Posting* posting = posting_on(person, due);
                if (posting == nullptr) break;  // left before it fell due
                if (!needs_mandatory_training(posting->rank) ||
                    (course.drivers_only && !drives_on_response(posting->team))) {
                    due = add_days(due, course.cycle_days);
                    continue;
                }
                const Date done = add_days(due, completion_delay(rng, course, due));
                const bool outstanding = done > data_end || (last_day && done > *last_day);
                csv_.field(person.staff_number);
                csv_.field(course.name);
                csv_.field_uk_date(due);
                if (outstanding)
                    csv_.field_empty();
                else
                    csv_.field_uk_date(done);
                csv_.end_row();
                if (outstanding) break;
                due = add_days(done, course.cycle_days);
            }
        }
    }
}

long TrainingRecordsWriter::close() {
    csv_.close();
    return csv_.data_rows();
}

}  // namespace pirpack::sample
