// The new operating model's establishment (its posts), with the history the HR and duties
// generators need: where each post's holders worked before go-live and how its vacancies behave.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sample/sample_context.hpp"

namespace pirpack::sample {

// How a group of posts fills after go-live.
enum class FillProfile {
    standard,           // a few vacancies, filled within months, as in any settled team
    specialist,         // Protective Services teams that went live short and filled slowly
    public_protection,  // went live with many vacancies that fall over the year
    scheduled,          // vacancies filled on dates the seed gives (see people.cpp)
    patrol_pool,        // Patrol constables: no fixed posts held, absorbs joiners and movers
    none,               // no holders (the unallocated bank)
};

// Holders of the first `count` filled posts came from `team` (at `rank`, when it differs) before
// go-live. With keep_rank they stay at that rank in the new post (over establishment).
struct Predecessor {
    std::string_view team;
    int count = 0;
    std::string_view rank = {};
    bool keep_rank = false;
};

struct PostGroup {
    std::string_view team;
    std::string_view role;
    std::string_view directorate;
    std::string_view department;
    std::string_view lpa;   // North, South, East or Force
    std::string_view rank;  // a police rank, or a staff grade
    bool officer = true;
    int posts = 0;
    Date effective_from = go_live;
    std::optional<Date> effective_to;

    // History. old_team is where the remaining holders worked before go-live; an empty old_team
    // means the posts are new. vacant_at_go_live < 0 lets the fill profile decide.
    std::string_view old_team;
    FillProfile profile = FillProfile::standard;
    int vacant_at_go_live = -1;
    std::vector<Predecessor> predecessors = {};
};

// The model as the seed describes it: 1,075 officer posts plus a bank of 25 unallocated.
const std::vector<PostGroup>& model_post_groups();

inline constexpr int model_officer_posts = 1075;
inline constexpr int model_bank_posts = 25;
inline constexpr std::string_view bank_team = "Unallocated Officer Bank";

// Officer posts in force at `date`, without the bank.
int count_officer_posts(const Date& date);

// Writes establishment.xlsx (sheet "Establishment"): one row per post group per force.
WrittenFile write_establishment(const std::string& out_dir, std::span<const ForceContext> forces);

}  // namespace pirpack::sample
