#include "sample/crime.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <optional>

#include "report/excel/workbook_writer.hpp"
#include "sample/random.hpp"

namespace pirpack::sample {

namespace {

using common::add_days;
using common::days_between;
using report::excel::CellStyle;
using report::excel::WorkbookOptions;
using report::excel::WorkbookWriter;

// Teams that hold crimes, old model and new.
constexpr std::string_view patrol = "Patrol";
constexpr std::string_view piu = "PIU";
constexpr std::string_view lprc = "LPRC";
constexpr std::string_view snt = "SNT";
constexpr std::string_view force_cid = "Force CID";
constexpr std::string_view soac = "SOAC";
constexpr std::string_view dart = "DART";
constexpr std::string_view cate = "CATE Child Abuse";
constexpr std::string_view ocset = "OCSET";
constexpr std::string_view miu = "Major Investigation Unit";
constexpr std::string_view prevention_hub = "Prevention Hub";
constexpr std::string_view tiu = "Telephone Investigation Unit";
constexpr std::string_view cid = "CID";
constexpr std::string_view vsu = "Vulnerability and Safeguarding Unit";

// How an offence tends to end: outcome codes and how long investigations take.
enum class OutcomeProfile {
    property,
    violence,
    harassment,
    rasso,
    child,
    online,
    possession,
    proactive,
    serious,
    shoplifting,
    public_order
};

struct TeamShare {
    std::string_view team;
    double share = 0.0;
};
using Routing = std::array<TeamShare, 3>;

// A Home Office offence, its share of recorded crime, how often it is domestic abuse, and where
// it goes: under the CAM after go-live, and under the old arrangements before.
struct Offence {
    std::string_view group;
    std::string_view subgroup;
    std::string_view name;
    double weight;
    double domestic_abuse;
    OutcomeProfile profile;
    Routing cam;
    Routing old;
    bool rasso = false;
    double arrest = 0.05;  // chance of an arrest when Patrol holds it before go-live
};

constexpr std::string_view vap = "Violence against the person";
constexpr std::string_view sexual = "Sexual offences";
constexpr std::string_view theft = "Theft offences";
constexpr std::string_view damage = "Criminal damage and arson";

const std::vector<Offence>& offences() {
    using P = OutcomeProfile;
    static const std::vector<Offence> table = {
        {vap, "Homicide", "Murder", 0.006, 0.3, P::serious, {{{miu, 1}}}, {{{miu, 1}}}, false, 0.9},
        {vap,
         "Violence with injury",
         "Assault with injury",
         9.0,
         0.36,
         P::violence,
         {{{piu, 0.50}, {patrol, 0.45}, {lprc, 0.05}}},
         {{{patrol, 0.85}, {cid, 0.15}}},
         false,
         0.30},
        {vap,
         "Violence without injury",
         "Assault without injury",
         11.0,
         0.36,
         P::violence,
         {{{patrol, 0.42}, {lprc, 0.43}, {piu, 0.15}}},
         {{{patrol, 0.80}, {tiu, 0.20}}},
         false,
         0.22},
        {vap,
         "Stalking and harassment",
         "Harassment",
         8.5,
         0.45,
         P::harassment,
         {{{lprc, 0.72}, {piu, 0.18}, {snt, 0.10}}},
         {{{tiu, 0.55}, {patrol, 0.35}, {snt, 0.10}}},
         false,
         0.08},
        {vap,
         "Stalking and harassment",
         "Stalking",
         1.8,
         0.60,
         P::harassment,
         {{{piu, 1.0}}},
         {{{patrol, 0.80}, {vsu, 0.20}}},
         false,
         0.25},
        {vap,
         "Stalking and harassment",
         "Malicious communications",
         5.0,
         0.30,
         P::harassment,
         {{{lprc, 0.80}, {piu, 0.10}, {snt, 0.10}}},
         {{{tiu, 0.70}, {patrol, 0.30}}},
         false,
         0.04},
        {sexual,
         "Rape",
         "Rape of a female aged 16 and over",
         0.9,
         0.35,
         P::rasso,
         {{{dart, 1}}},
         {{{cid, 1}}},
         true,
         0.35},
        {sexual,
         "Rape",
         "Rape of a female child under 16",
         0.25,
         0.0,
         P::child,
         {{{cate, 1}}},
         {{{vsu, 1}}},
         true,
         0.30},
        {sexual,
         "Other sexual offences",
         "Sexual assault on a female aged 13 and over",
         1.1,
         0.20,
         P::rasso,
         {{{dart, 1}}},
         {{{cid, 1}}},
         true,
         0.25},
        {sexual,
         "Other sexual offences",
         "Sexual activity involving a child under 16",
         0.4,
         0.0,
         P::child,
         {{{cate, 1}}},
         {{{vsu, 1}}},
         false,
         0.30},
        {sexual,
         "Other sexual offences",
         "Exposure and voyeurism",
         0.5,
         0.0,
         P::public_order,
         {{{piu, 1}}},
         {{{patrol, 1}}},
         false,
         0.15},
        {sexual,
         "Other sexual offences",
         "Indecent images of children",
         0.3,
         0.0,
         P::online,
         {{{ocset, 1}}},
         {{{ocset, 1}}},
         false,
         0.40},
        {"Robbery",
         "Robbery",
         "Robbery of personal property",
         0.7,
         0.0,
         P::serious,
         {{{force_cid, 0.7}, {soac, 0.3}}},
         {{{cid, 1}}},
         false,
         0.30},
        {"Robbery",
         "Robbery",
         "Robbery of business property",
         0.1,
         0.0,
         P::serious,
         {{{force_cid, 1}}},
         {{{cid, 1}}},
         false,
         0.35},
        {theft,
         "Burglary",
         "Residential burglary of a home",
         3.2,
         0.02,
         P::property,
         {{{soac, 1}}},
         {{{soac, 1}}},
         false,
         0.06},
        {theft,
         "Burglary",
         "Burglary business and community",
         1.5,
         0.0,
         P::property,
         {{{piu, 0.55}, {lprc, 0.45}}},
         {{{patrol, 0.70}, {tiu, 0.30}}},
         false,
         0.05},
        {theft,
         "Vehicle offences",
         "Theft of a motor vehicle",
         1.6,
         0.0,
         P::property,
         {{{piu, 0.70}, {soac, 0.30}}},
         {{{patrol, 0.70}, {soac, 0.30}}},
         false,
         0.05},
        {theft,
         "Vehicle offences",
         "Theft from a motor vehicle",
         3.0,
         0.0,
         P::property,
         {{{lprc, 0.75}, {patrol, 0.25}}},
         {{{tiu, 0.65}, {patrol, 0.35}}},
         false,
         0.02},
        {theft,
         "Vehicle offences",
         "Interfering with a motor vehicle",
         0.6,
         0.0,
         P::property,
         {{{lprc, 0.75}, {patrol, 0.25}}},
         {{{tiu, 0.60}, {patrol, 0.40}}},
         false,
         0.03},
        {theft,
         "Theft from the person",
         "Theft from the person",
         0.6,
         0.0,
         P::property,
         {{{lprc, 0.60}, {patrol, 0.40}}},
         {{{patrol, 0.60}, {tiu, 0.40}}},
         false,
         0.05},
        {theft,
         "Bicycle theft",
         "Theft of a pedal cycle",
         0.9,
         0.0,
         P::property,
         {{{lprc, 0.85}, {patrol, 0.15}}},
         {{{tiu, 0.75}, {patrol, 0.25}}},
         false,
         0.02},
        {theft,
         "Shoplifting",
         "Shoplifting",
         7.5,
         0.0,
         P::shoplifting,
         {{{patrol, 0.50}, {lprc, 0.40}, {snt, 0.10}}},
         {{{patrol, 0.70}, {tiu, 0.20}, {snt, 0.10}}},
         false,
         0.28},
        {theft,
         "All other theft offences",
         "Other theft",
         7.0,
         0.05,
         P::property,
         {{{lprc, 0.72}, {patrol, 0.28}}},
         {{{tiu, 0.60}, {patrol, 0.40}}},
         false,
         0.03},
        {theft,
         "All other theft offences",
         "Making off without payment",
         1.0,
         0.0,
         P::property,
         {{{lprc, 0.85}, {patrol, 0.15}}},
         {{{tiu, 0.80}, {patrol, 0.20}}},
         false,
         0.02},
        {damage,
         "Criminal damage",
         "Criminal damage to a dwelling",
         2.4,
         0.15,
         P::property,
         {{{lprc, 0.55}, {patrol, 0.45}}},
         {{{patrol, 0.65}, {tiu, 0.35}}},
         false,
         0.08},
        {damage,
         "Criminal damage",
         "Criminal damage to a vehicle",
         3.6,
         0.05,
         P::property,
         {{{lprc, 0.65}, {patrol, 0.35}}},
         {{{tiu, 0.55}, {patrol, 0.45}}},
         false,
         0.04},
        {damage,
         "Criminal damage",
         "Other criminal damage",
         2.8,
         0.03,
         P::property,
         {{{lprc, 0.60}, {patrol, 0.40}}},
         {{{tiu, 0.50}, {patrol, 0.50}}},
         false,
         0.05},
        {damage,
         "Arson",
         "Arson not endangering life",
         0.6,
         0.05,
         P::property,
         {{{piu, 0.60}, {patrol, 0.40}}},
         {{{patrol, 0.85}, {cid, 0.15}}},
         false,
         0.08},
        {"Drug offences",
         "Possession of drugs",
         "Possession of cannabis",
         2.0,
         0.0,
         P::possession,
         {{{snt, 0.50}, {patrol, 0.50}}},
         {{{snt, 0.45}, {patrol, 0.55}}},
         false,
         0.15},
        {"Drug offences",
         "Trafficking of drugs",
         "Possession with intent to supply",
         0.7,
         0.0,
         P::proactive,
         {{{snt, 0.45}, {force_cid, 0.30}, {prevention_hub, 0.25}}},
         {{{snt, 0.60}, {cid, 0.40}}},
         false,
         0.65},
        {"Possession of weapons offences",
         "Possession of weapons offences",
         "Possession of an article with a blade or point",
         1.0,
         0.02,
         P::proactive,
         {{{patrol, 0.60}, {piu, 0.40}}},
         {{{patrol, 1}}},
         false,
         0.60},
        {"Public order offences",
         "Public order offences",
         "Public fear, alarm or distress",
         6.0,
         0.15,
         P::public_order,
         {{{patrol, 0.45}, {lprc, 0.45}, {snt, 0.10}}},
         {{{patrol, 0.70}, {tiu, 0.20}, {snt, 0.10}}},
         false,
         0.18},
        {"Public order offences",
         "Public order offences",
         "Racially or religiously aggravated public fear, alarm or distress",
         0.8,
         0.0,
         P::public_order,
         {{{piu, 1}}},
         {{{patrol, 1}}},
         false,
         0.20},
        {"Miscellaneous crimes against society",
         "Miscellaneous crimes against society",
         "Breach of a restraining or non-molestation order",
         0.8,
         1.0,
         P::violence,
         {{{piu, 1}}},
         {{{patrol, 1}}},
         false,
         0.45},
        {"Miscellaneous crimes against society",
         "Miscellaneous crimes against society",
         "Other miscellaneous offences",
         1.0,
         0.0,
         P::property,
         {{{lprc, 0.50}, {patrol, 0.50}}},
         {{{tiu, 0.50}, {patrol, 0.50}}},
         false,
         0.10},
    };
    return table;
}

std::vector<double> offence_weights() {
    std::vector<double> weights;
    for (const auto& offence : offences()) weights.push_back(offence.weight);
    return weights;
}

std::string_view pick_team(Rng& rng, const Routing& routing) {
    std::array<double, 3> weights{};
    for (std::size_t i = 0; i < 3; ++i) weights[i] = routing[i].team.empty() ? 0.0 : routing[i].share;
    return routing[rng.pick(weights)].team;
}

// Home Office outcome codes: 1 charge, 3 caution, 7 cannabis warning, 8 community resolution,
// 14/15 evidential difficulties, 16 victim does not support, 18 no suspect, 21 not in the public
// interest.
constexpr int outcome_codes[] = {1, 3, 7, 8, 14, 15, 16, 18, 21};
using OutcomeWeights = std::array<double, 9>;

OutcomeWeights outcome_weights(OutcomeProfile profile, bool domestic) {
    using P = OutcomeProfile;
    if (domestic) return {0.13, 0.02, 0.0, 0.01, 0.05, 0.18, 0.50, 0.03, 0.08};
    switch (profile) {
        case P::property:
            return {0.04, 0.01, 0.0, 0.03, 0.03, 0.06, 0.08, 0.73, 0.02};
        case P::violence:
            return {0.09, 0.03, 0.0, 0.06, 0.06, 0.20, 0.38, 0.12, 0.06};
        case P::harassment:
            return {0.06, 0.02, 0.0, 0.04, 0.08, 0.22, 0.40, 0.12, 0.06};
        case P::rasso:
            return {0.04, 0.00, 0.0, 0.00, 0.06, 0.38, 0.44, 0.03, 0.05};
        case P::child:
            return {0.07, 0.01, 0.0, 0.00, 0.07, 0.40, 0.35, 0.02, 0.08};
        case P::online:
            return {0.35, 0.05, 0.0, 0.00, 0.05, 0.30, 0.05, 0.15, 0.05};
        case P::possession:
            return {0.25, 0.05, 0.30, 0.30, 0.02, 0.04, 0.0, 0.01, 0.03};
        case P::proactive:
            return {0.50, 0.10, 0.0, 0.08, 0.02, 0.20, 0.0, 0.05, 0.05};
        case P::serious:
            return {0.30, 0.00, 0.0, 0.00, 0.10, 0.20, 0.15, 0.20, 0.05};
        case P::shoplifting:
            return {0.28, 0.04, 0.0, 0.12, 0.02, 0.10, 0.06, 0.36, 0.02};
        case P::public_order:
            return {0.10, 0.03, 0.0, 0.08, 0.05, 0.20, 0.30, 0.18, 0.06};
    }
    return {0, 0, 0, 0, 0, 0, 0, 1, 0};
}

// Typical days to an outcome for each team, before the outcome itself stretches or shortens it.
double team_pace_days(std::string_view team) {
    if (team == lprc || team == tiu) return 14;
    if (team == patrol) return 30;
    if (team == piu || team == snt) return 45;
    if (team == cid || team == force_cid || team == soac || team == vsu) return 70;
    if (team == dart || team == cate || team == ocset) return 110;
    if (team == miu) return 200;
    return 60;
}

double months_since_go_live(const Date& date) { return days_between(go_live, date) / 30.44; }

struct CrimeRow {
    std::string reference;
    Date recorded;
    std::string_view lpa;
    std::string_view district;
    const Offence* offence = nullptr;
    bool domestic = false;
    std::string_view risk;
    std::string_view cam_team;
    std::string_view first_team;
    std::string_view final_team;
    int handovers = 0;
    std::optional<int> outcome;
    std::optional<Date> outcome_date;
    bool arrest = false;
};

class CrimeGenerator {
public:
    explicit CrimeGenerator(const ForceContext& force)
        : force_(force),
          rng_(force.seed, "crime", force.index),
          quality_rng_(force.seed, "crime-quality", force.index),
          weights_(offence_weights()) {}

    // Crimes recorded on `date`, in reference order.
    void generate_day(const Date& date, std::vector<CrimeRow>& rows) {
        rows.clear();
        const long count = rng_.count_near(daily_mean(date));
        for (long i = 0; i < count; ++i) rows.push_back(generate_crime(date));
    }

private:
    ForceContext force_;
    Rng rng_;
    Rng quality_rng_;  // its own stream, so recording faults never move the crimes themselves
    std::vector<double> weights_;
    int serial_year_ = 0;
    long serial_ = 0;

    static double daily_mean(const Date& date) {
        // About 45,000 a year: more in summer, fewer in February, a little growth after go-live.
        static constexpr double month_factor[] = {0.94, 0.90, 0.98, 1.00, 1.04, 1.08,
                                                  1.10, 1.08, 1.02, 1.00, 0.96, 0.93};
        static constexpr double weekday_factor[] = {1.02, 0.98, 0.98, 1.00, 1.07, 1.06, 0.89};
        const double growth = date >= go_live ? 1.03 : 1.0;
        return 122.0 * month_factor[date.month - 1] * weekday_factor[common::weekday(date)] * growth;
    }

    std::string next_reference(const Date& date) {
        if (date.year != serial_year_) {
            serial_year_ = date.year;
            serial_ = 0;
        }
        // Reference numbers are not quite consecutive: some are voided or cancelled.
        serial_ += rng_.chance(0.03) ? 2 : 1;
        return fmt::format("{}/{:02}/{:06}", force_.code, date.year % 100, serial_);
    }

    std::string_view draw_lpa(std::string_view& district) {
        const double u = rng_.uniform();
        if (u < 0.38) {
            district = rng_.chance(0.65) ? "Nuneaton and Bedworth" : "North Warwickshire";
            return "North";
        }
        if (u < 0.79) {
            district = rng_.chance(0.55) ? "Warwick" : "Stratford-on-Avon";
            return "South";
        }
        district = "Rugby";
        return "East";
    }

    std::string_view draw_risk(const Date& date) {
        // High-risk domestic abuse grows through the first year of the new model.
        const double growth = date >= go_live ? 1.0 + 0.045 * months_since_go_live(date) : 1.0;
        const double weights[] = {0.62, 0.29, 0.09 * growth};
        static constexpr std::string_view risks[] = {"Standard", "Medium", "High"};
        return risks[rng_.pick(weights)];
    }

    std::string_view route_after(const Offence& offence, const CrimeRow& crime, const Date& date) {
        if (crime.domestic && !offence.rasso && offence.profile != OutcomeProfile::serious) {
            if (crime.risk == "High") return dart;
            if (crime.risk == "Medium") return piu;
            const Routing standard = {{{patrol, 0.50}, {lprc, 0.38}, {piu, 0.12}}};
            return pick_team(rng_, standard);
        }
        std::string_view team = pick_team(rng_, offence.cam);
        // The Prevention Hub only took work from its launch.
        if (team == prevention_hub && date < prevention_hub_go_live) team = snt;
        return team;
    }

    std::string_view route_before(const Offence& offence, const CrimeRow& crime) {
        if (crime.domestic && !offence.rasso && offence.profile != OutcomeProfile::serious) {
            if (crime.risk == "High") return cid;
            if (crime.risk == "Medium") return rng_.chance(0.8) ? patrol : vsu;
            return rng_.chance(0.7) ? patrol : tiu;
        }
        return pick_team(rng_, offence.old);
    }

    // Where a crime goes when the first allocation does not follow the CAM.
    std::string_view misallocate(std::string_view cam) {
        if (cam == piu) return rng_.chance(0.7) ? patrol : lprc;
        if (cam == lprc) return patrol;
        // Patrol's overflow went to the LPRCs and the SNTs: PIU seldom picked up crimes the CAM
        // did not give it, so what it lost to Patrol left its volume below the design.
        if (cam == patrol) return rng_.chance(0.6) ? lprc : (rng_.chance(0.8) ? snt : piu);
        if (cam == dart) return piu;
        if (cam == soac || cam == force_cid) return piu;
        if (cam == snt) return patrol;
        return cam;
    }

    double match_rate(std::string_view cam, const CrimeRow& crime, const Date& date) const {
        const double learning = std::min(1.0, std::max(0.0, months_since_go_live(date) / 12.0));
        if (crime.domestic && crime.risk == "Medium") return 0.90;
        // Inexperience and turnover held PIU allocation below the design.
        if (cam == piu) return 0.72 + 0.08 * learning;
        return 0.84 + 0.06 * learning;
    }

    void allocate_after(CrimeRow& crime, const Date& date) {
        crime.cam_team = route_after(*crime.offence, crime, date);
        crime.first_team =
            rng_.chance(match_rate(crime.cam_team, crime, date)) ? crime.cam_team : misallocate(crime.cam_team);
        crime.final_team = crime.first_team;
        if (crime.first_team == lprc) {
            // Over three in four LPRC investigations stay in the LPRC.
            if (!rng_.chance(0.775)) crime.final_team = rng_.chance(0.55) ? patrol : piu;
        } else if (crime.first_team != crime.cam_team && rng_.chance(0.35)) {
            crime.final_team = crime.cam_team;
        } else if (crime.first_team == patrol && rng_.chance(0.10)) {
            crime.final_team = rng_.chance(0.7) ? piu : lprc;
        } else if (crime.first_team == piu && rng_.chance(0.06)) {
            crime.final_team = crime.domestic ? dart : patrol;
        }
        set_handovers(crime, date);
    }

    void allocate_before(CrimeRow& crime, const Date& date) {
        crime.first_team = route_before(*crime.offence, crime);
        crime.final_team = crime.first_team;
        if (crime.first_team == tiu && rng_.chance(0.30))
            crime.final_team = patrol;
        else if (crime.first_team == patrol && rng_.chance(0.12))
            crime.final_team = rng_.chance(0.5) ? cid : snt;
        set_handovers(crime, date);
    }

    void set_handovers(CrimeRow& crime, const Date& date) {
        crime.handovers = crime.final_team == crime.first_team ? 0 : 1;
        // Some crimes move and come back, or move twice: fewer as the CAM beds in.
        const double extra = date < go_live ? 0.07 : 0.09 - 0.04 * std::min(1.0, months_since_go_live(date) / 12.0);
        if (rng_.chance(extra)) crime.handovers += 1;
        if (crime.handovers > 0 && rng_.chance(0.08)) crime.handovers += 1;
    }

    double arrest_factor(std::string_view team, const Date& date) const {
        if (team == patrol) return date >= go_live ? 0.72 : 1.0;  // a young Patrol workforce
        if (team == lprc || team == tiu) return 0.25;
        if (team == piu || team == dart || team == cid || team == force_cid) return 1.1;
        return 1.0;
    }

    void set_outcome(CrimeRow& crime) {
        const Offence& offence = *crime.offence;
        const OutcomeWeights weights = outcome_weights(offence.profile, crime.domestic);
        const std::size_t index = rng_.pick(weights);
        const int code = outcome_codes[index];
        double pace = team_pace_days(crime.final_team);
        if (code == 18) pace *= 0.5;               // no suspect: filed early
        if (code == 1 || code == 15) pace *= 1.4;  // charging decisions and evidential reviews take longer
        if (offence.rasso) {
            // RASSO investigations slowed once high-risk domestic abuse pulled DART's investigators.
            pace = 140.0;
            if (crime.recorded >= go_live) pace *= 1.15 + 0.05 * months_since_go_live(crime.recorded);
            if (code == 1) pace *= 1.3;
        }
        const long days = 1 + rng_.skewed_days(pace);
        const Date when = add_days(crime.recorded, days);
        if (when > data_end || rng_.chance(0.02)) return;  // still under investigation
        crime.outcome = code;
        crime.outcome_date = when;
    }

    // The crime system's team list lagged the new model (the System Updates workstream): for some
    // months after go-live a few crimes were saved with no team, or under a team the model had
    // retired. Both faults fade as the updates landed. The baseline year has none.
    void record_faults(CrimeRow& crime, const Date& date) {
        const double u = quality_rng_.uniform();
        if (date < go_live) return;
        const double months = months_since_go_live(date);
        const double no_team = std::max(0.003, 0.03 * (1.0 - months / 9.0));
        const double retired_team = std::max(0.0, 0.05 * (1.0 - months / 6.0));
        if (u < no_team) {
            crime.first_team = {};
            crime.final_team = {};
        } else if (u < no_team + retired_team) {
            crime.first_team = retired_name(crime.first_team);
            crime.final_team = retired_name(crime.final_team);
        }
    }

    static std::string_view retired_name(std::string_view team) {
        if (team == lprc) return tiu;
        if (team == force_cid || team == dart) return cid;
        if (team == cate) return vsu;
        return team;
    }

    CrimeRow generate_crime(const Date& date) {
        CrimeRow crime;
        crime.reference = next_reference(date);
        crime.recorded = date;
        crime.lpa = draw_lpa(crime.district);
        crime.offence = &offences()[rng_.pick(weights_)];
        crime.domestic = rng_.chance(crime.offence->domestic_abuse);
        if (crime.domestic) crime.risk = draw_risk(date);
        if (date >= go_live)
            allocate_after(crime, date);
        else
            allocate_before(crime, date);
        const double arrest =
            crime.offence->arrest * (crime.domestic ? 1.6 : 1.0) * arrest_factor(crime.final_team, date);
        crime.arrest = rng_.chance(std::min(0.95, arrest));
        set_outcome(crime);
        record_faults(crime, date);
        return crime;
    }
};

constexpr const char* crime_headers[] = {
    "Crime Reference", "Date Recorded",  "LPA",     "District",     "Offence Group",   "Offence Subgroup",
    "Offence",         "Domestic Abuse", "DA Risk", "RASSO",        "CAM Team",        "First Allocated Team",
    "Final Team",      "Handovers",      "Outcome", "Outcome Date", "Days to Outcome", "Arrest"};
constexpr double crime_widths[] = {15, 13, 7, 22, 34, 34, 44, 9, 9, 7, 24, 24, 24, 10, 8, 13, 9, 7};
constexpr int crime_columns = 18;

// The extract holds crimes recorded in the two years and, like any "live crime" extract, older
// crimes still open at its start: without them, outcome times early in the baseline would only
// count the quick ones.
constexpr Date carried_over_from{2021, 4, 1};

}  // namespace

// One workbook per financial year, both open at once because forces are written one after
// another; a very large --scale rolls over into part files when a sheet would pass Excel's row
// limit.
struct CrimeWriter::State {
    struct Book {
        std::string file;
        std::unique_ptr<WorkbookWriter> writer;
        WorkbookWriter::SheetId sheet = 0;
        WorkbookWriter::StyleId date_style = 0;
        int row = 0;
        int part = 1;
    };
    std::string out_dir;
    std::map<std::string, Book> books;  // by financial year
    std::vector<WrittenFile> written;

    void open(Book& book, const std::string& year, int part) {
        book = Book{};
        book.part = part;
        book.file = part == 1 ? fmt::format("crime_{}.xlsx", year) : fmt::format("crime_{}_part{}.xlsx", year, part);
        WorkbookOptions options;
        options.constant_memory = true;
        options.created = extract_date;
        options.title = fmt::format("Recorded crime {}", year);
        options.company = "Warwickshire Police";
        book.writer = std::make_unique<WorkbookWriter>((std::filesystem::path(out_dir) / book.file).string(), options);
        book.sheet = book.writer->add_sheet(sheet_name);
        CellStyle header;
        header.bold = true;
        const auto header_style = book.writer->add_style(header);
        CellStyle date;
        date.number_format = "dd/mm/yyyy";
        book.date_style = book.writer->add_style(date);
        for (int column = 0; column < crime_columns; ++column) {
            book.writer->set_column_width(book.sheet, column, column, crime_widths[column]);
            book.writer->write_string(book.sheet, 0, column, crime_headers[column], header_style);
        }
        book.writer->freeze_panes(book.sheet, 1, 0);
        book.row = 1;
    }

    void finish(Book& book) {
        if (!book.writer) return;
        book.writer->close();
        written.push_back({book.file, book.row - 1L});
        book.writer.reset();
    }

    void write_row(const CrimeRow& crime, const std::string& year) {
        auto [found, is_new] = books.try_emplace(year);
        Book& book = found->second;
        if (is_new) open(book, year, 1);
        if (book.row >= WorkbookWriter::max_rows) {
            const int part = book.part + 1;
            finish(book);
            open(book, year, part);
        }
        WorkbookWriter& w = *book.writer;
        const int r = book.row++;
        const auto s = book.sheet;
        w.write_string(s, r, 0, crime.reference);
        w.write_date(s, r, 1, crime.recorded, book.date_style);
        w.write_string(s, r, 2, crime.lpa);
        w.write_string(s, r, 3, crime.district);
        w.write_string(s, r, 4, crime.offence->group);
        w.write_string(s, r, 5, crime.offence->subgroup);
        w.write_string(s, r, 6, crime.offence->name);
        w.write_string(s, r, 7, crime.domestic ? "Y" : "N");
        if (!crime.risk.empty()) w.write_string(s, r, 8, crime.risk);
        w.write_string(s, r, 9, crime.offence->rasso ? "Y" : "N");
        if (!crime.cam_team.empty()) w.write_string(s, r, 10, crime.cam_team);
        if (!crime.first_team.empty()) w.write_string(s, r, 11, crime.first_team);
        if (!crime.final_team.empty()) w.write_string(s, r, 12, crime.final_team);
        w.write_number(s, r, 13, crime.handovers);
        if (crime.outcome) w.write_number(s, r, 14, *crime.outcome);
        if (crime.outcome_date) {
            w.write_date(s, r, 15, *crime.outcome_date, book.date_style);
            w.write_number(s, r, 16, static_cast<double>(days_between(crime.recorded, *crime.outcome_date)));
        }
        w.write_string(s, r, 17, crime.arrest ? "Y" : "N");
    }
};

CrimeWriter::CrimeWriter(std::string out_dir) : state_(std::make_unique<State>()) {
    state_->out_dir = std::move(out_dir);
}

CrimeWriter::~CrimeWriter() = default;

void CrimeWriter::write(const ForceContext& force) {
    CrimeGenerator generator(force);
    std::vector<CrimeRow> rows;
    const long days = days_between(carried_over_from, data_end);
    for (long offset = 0; offset <= days; ++offset) {
        const Date date = add_days(carried_over_from, offset);
        generator.generate_day(date, rows);
        const std::string label = date < go_live ? "2022-23" : "2023-24";
        for (const auto& crime : rows) {
            if (date < data_start && crime.outcome_date && *crime.outcome_date < data_start) continue;
            state_->write_row(crime, label);
        }
    }
}

std::vector<WrittenFile> CrimeWriter::close() {
    for (auto& [year, book] : state_->books) state_->finish(book);
    std::sort(state_->written.begin(), state_->written.end(),
              [](const WrittenFile& a, const WrittenFile& b) { return a.path < b.path; });
    return state_->written;
}

}  // namespace pirpack::sample
