#include "sample/establishment.hpp"

#include <filesystem>

#include "report/excel/workbook_writer.hpp"

namespace pirpack::sample {

namespace {

constexpr std::string_view local_policing = "Local Policing";
constexpr std::string_view protective_services = "Protective Services";
constexpr std::string_view enabling_services = "Enabling Services";
constexpr std::string_view force_command = "Force Command";

using FP = FillProfile;

// A builder keeps the table below one line per post group.
struct Row {
    PostGroup group;
    Row(std::string_view team, std::string_view role, std::string_view directorate, std::string_view department,
        std::string_view lpa, std::string_view rank, bool officer, int posts) {
        group.team = team;
        group.role = role;
        group.directorate = directorate;
        group.department = department;
        group.lpa = lpa;
        group.rank = rank;
        group.officer = officer;
        group.posts = posts;
        group.old_team = team;  // most teams kept their name
    }
    Row& was(std::string_view old_team) {
        group.old_team = old_team;
        return *this;
    }
    Row& fill(FP profile) {
        group.profile = profile;
        return *this;
    }
    Row& vacant(int count) {
        group.vacant_at_go_live = count;
        return *this;
    }
    Row& from(std::string_view team, int count, std::string_view rank = {}, bool keep_rank = false) {
        group.predecessors.push_back(Predecessor{team, count, rank, keep_rank});
        return *this;
    }
    Row& between(Date first, std::optional<Date> last) {
        group.effective_from = first;
        group.effective_to = last;
        return *this;
    }
};

Row officers(std::string_view team, std::string_view role, std::string_view directorate, std::string_view department,
             std::string_view lpa, std::string_view rank, int posts) {
    return Row(team, role, directorate, department, lpa, rank, true, posts);
}

Row staff(std::string_view team, std::string_view role, std::string_view directorate, std::string_view department,
          std::string_view lpa, std::string_view grade, int posts) {
    return Row(team, role, directorate, department, lpa, grade, false, posts);
}

std::vector<PostGroup> build_post_groups() {
    constexpr Date harm_hub_last_day{2023, 11, 19};
    std::vector<Row> rows;
    auto add = [&rows](Row row) { rows.push_back(std::move(row)); };
    const std::string_view lpas[] = {"North", "South", "East"};

    // Force command and the bank of 25 unallocated officer posts (4.18 of the seed).
    add(officers("Chief Officer Team", "Chief Constable", force_command, "Chief Officer Team", "Force",
                 "Chief Constable", 1));
    add(officers("Chief Officer Team", "Deputy Chief Constable", force_command, "Chief Officer Team", "Force",
                 "Deputy Chief Constable", 1));
    add(officers("Chief Officer Team", "Assistant Chief Constable", force_command, "Chief Officer Team", "Force",
                 "Assistant Chief Constable", 2));
    add(staff("Chief Officer Team", "Staff Officer", force_command, "Chief Officer Team", "Force", "Grade E", 4));
    add(officers(bank_team, "Unallocated post", force_command, "Chief Officer Team", "Force", "Constable",
                 model_bank_posts)
            .fill(FP::none)
            .was(""));

    // Local Policing: three LPAs under one Superintendent, each led by a Chief Inspector.
    add(officers("Local Policing Command", "Chief Superintendent Local Policing", local_policing,
                 "Local Policing Command", "Force", "Chief Superintendent", 1));
    add(officers("Local Policing Command", "Superintendent Local Policing Areas", local_policing,
                 "Local Policing Command", "Force", "Superintendent", 1));
    for (auto lpa : lpas)
        add(officers("Local Policing Command", "LPA Commander", local_policing, "Local Policing Command", lpa,
                     "Chief Inspector", 1));

    // Patrol: inspectors 2/2/1, the balance of constables makes the model total 1,075.
    const int patrol_inspectors[] = {2, 2, 1};
    const int patrol_sergeants[] = {10, 10, 6};
    const int patrol_constables[] = {145, 150, 81};
    const int roads_to_patrol[] = {3, 3, 1};  // the removed fifth Roads shift returned to Patrol
    for (int i = 0; i < 3; ++i) {
        add(officers("Patrol", "Patrol Inspector", local_policing, "Local Policing Areas", lpas[i], "Inspector",
                     patrol_inspectors[i]));
        add(officers("Patrol", "Patrol Sergeant", local_policing, "Local Policing Areas", lpas[i], "Sergeant",
                     patrol_sergeants[i]));
        add(officers("Patrol", "Patrol Constable", local_policing, "Local Policing Areas", lpas[i], "Constable",
                     patrol_constables[i])
                .fill(FP::patrol_pool)
                .from("Roads Policing", roads_to_patrol[i]));
    }
    // Safer Neighbourhood Teams: inspectors 2/2/1.
    const int snt_inspectors[] = {2, 2, 1};
    const int snt_sergeants[] = {6, 6, 3};
    const int snt_constables[] = {40, 44, 22};
    const int pcsos[] = {30, 32, 16};
    for (int i = 0; i < 3; ++i) {
        add(officers("SNT", "SNT Inspector", local_policing, "Local Policing Areas", lpas[i], "Inspector",
                     snt_inspectors[i]));
        add(officers("SNT", "SNT Sergeant", local_policing, "Local Policing Areas", lpas[i], "Sergeant",
                     snt_sergeants[i]));
        add(officers("SNT", "Neighbourhood Constable", local_policing, "Local Policing Areas", lpas[i], "Constable",
                     snt_constables[i]));
        add(staff("SNT", "PCSO", local_policing, "Local Policing Areas", lpas[i], "PCSO", pcsos[i]));
    }
    // Patrol Investigation Units, new, staffed from Patrol. One inspector per LPA covers the PIU
    // and the LPRC; sergeants: one per shift north and south (5), two for five shifts in the east.
    const int piu_sergeants[] = {5, 5, 2};
    const int piu_constables[] = {35, 35, 16};
    for (int i = 0; i < 3; ++i) {
        add(officers("PIU", "PIU and LPRC Inspector", local_policing, "Local Policing Areas", lpas[i], "Inspector", 1)
                .was("Patrol"));
        add(officers("PIU", "PIU Sergeant", local_policing, "Local Policing Areas", lpas[i], "Sergeant",
                     piu_sergeants[i])
                .was("Patrol")
                .fill(FP::scheduled));
        add(officers("PIU", "PIU Investigator", local_policing, "Local Policing Areas", lpas[i], "Constable",
                     piu_constables[i])
                .was("Patrol"));
    }
    // Local Policing Resolution Centres: telephone investigators and front offices merged, with
    // staff released by the Public Contact reductions.
    const int lprc_constables[] = {8, 9, 5};
    const int lprc_staff[] = {8, 10, 5};
    for (int i = 0; i < 3; ++i) {
        add(officers("LPRC", "LPRC Sergeant", local_policing, "Local Policing Areas", lpas[i], "Sergeant", 1)
                .was("Telephone Investigation Unit"));
        add(officers("LPRC", "LPRC Investigator", local_policing, "Local Policing Areas", lpas[i], "Constable",
                     lprc_constables[i])
                .was("Telephone Investigation Unit"));
        Row resolution_staff = staff("LPRC", "Resolution Officer", local_policing, "Local Policing Areas", lpas[i],
                                     "Grade D", lprc_staff[i]);
        resolution_staff.was("Front Office")
            .from("IMU", i == 2 ? 0 : 2)
            .from("Resolution Centre", i == 1 ? 2 : 1)
            .from("Switchboard", 1);
        add(resolution_staff);
    }
    add(officers("Mental Health Triage", "Mental Health Triage Officer", local_policing, "Local Policing Areas",
                 "North", "Constable", 2));
    add(officers("Mental Health Triage", "Mental Health Triage Officer", local_policing, "Local Policing Areas",
                 "South", "Constable", 2));

    // Public Contact: twelve FIM/FDI inspectors over four shifts replace the OCC inspectors.
    add(officers("FIM/FDI", "Force Incident Manager / Duty Inspector", local_policing, "Public Contact", "Force",
                 "Inspector", 12)
            .was("Patrol")
            .from("OCC Inspectors", 8)
            .fill(FP::scheduled));
    add(staff("OCC Call Handling", "Call Handler", local_policing, "Public Contact", "Force", "Grade C", 60));
    add(staff("DDM", "DDM", local_policing, "Public Contact", "Force", "Grade F", 4)
            .from("DDM", 3)
            .was("Resolution Centre"));
    add(staff("Resolution Centre", "Resolution Centre Supervisor", local_policing, "Public Contact", "Force", "Grade E",
              3));
    add(staff("IMU", "IMU Operator", local_policing, "Public Contact", "Force", "Grade D", 16));
    add(staff("Switchboard Triage Desk", "Triage Desk Operator", local_policing, "Public Contact", "Force", "Grade C",
              3)
            .was("Switchboard"));

    // Operations and Operations Support under one Chief Inspector.
    add(officers("Operations Command", "Chief Inspector Operations", local_policing, "Operations", "Force",
                 "Chief Inspector", 1));
    add(officers("Firearms", "Firearms Inspector", local_policing, "Operations", "Force", "Inspector", 1));
    add(officers("Firearms", "Firearms Sergeant", local_policing, "Operations", "Force", "Sergeant", 5));
    // Surplus firearms sergeants sat in constable posts until their numbers fell to five.
    add(officers("Firearms", "Authorised Firearms Officer", local_policing, "Operations", "Force", "Constable", 43)
            .from("Firearms", 3, "Sergeant", true));
    add(officers("Roads Policing", "Roads Policing Inspector", local_policing, "Operations", "Force", "Inspector", 1));
    // Roads sergeants reintroduced: four roads constables promoted at go-live.
    add(officers("Roads Policing", "Roads Policing Sergeant", local_policing, "Operations", "Force", "Sergeant", 4)
            .from("Roads Policing", 4, "Constable"));
    add(officers("Roads Policing", "Roads Policing Officer", local_policing, "Operations", "Force", "Constable", 24));
    add(officers("Dog Section", "Dog Handler", local_policing, "Operations", "Force", "Constable", 10));
    add(officers("Dog Section", "Dog Trainer", local_policing, "Operations", "Force", "Constable", 1));
    add(officers("Dog Section", "Dog Liaison Officer", local_policing, "Operations", "Force", "Constable", 1));
    add(officers("Tactical Planning", "Tactical Planning Inspector", local_policing, "Operations", "Force", "Inspector",
                 1));
    add(officers("Tactical Planning", "Tactical Planning Sergeant", local_policing, "Operations", "Force", "Sergeant",
                 2));
    add(officers("Tactical Planning", "Tactical Planner", local_policing, "Operations", "Force", "Constable", 4));
    add(staff("Duties Management", "Duties Officer", local_policing, "Operations", "Force", "Grade D", 9));

    // Criminal Justice, which took the Road Safety Unit.
    add(officers("Custody", "Chief Inspector Criminal Justice", enabling_services, "Criminal Justice", "Force",
                 "Chief Inspector", 1));
    add(officers("Custody", "Custody Inspector", enabling_services, "Criminal Justice", "Force", "Inspector", 4));
    add(officers("Custody", "Custody Sergeant", enabling_services, "Criminal Justice", "Force", "Sergeant", 16));
    add(staff("Custody", "Detention Officer", enabling_services, "Criminal Justice", "Force", "Grade C", 24));
    add(staff("Road Safety Unit", "Road Safety Officer", enabling_services, "Criminal Justice", "Force", "Grade D", 6));
    add(staff("Criminal Justice Unit", "Case Officer", enabling_services, "Criminal Justice", "Force", "Grade D", 12));

    // Protective Services: Force Investigations.
    add(officers("Protective Services Command", "Chief Superintendent Protective Services", protective_services,
                 "Protective Services Command", "Force", "Chief Superintendent", 1));
    add(officers("Protective Services Command", "Superintendent Investigations", protective_services,
                 "Protective Services Command", "Force", "Superintendent", 1));
    add(officers("Protective Services Command", "Superintendent Public Protection", protective_services,
                 "Protective Services Command", "Force", "Superintendent", 1));
    add(officers("Force CID", "FCID Detective Chief Inspector", protective_services, "Force Investigations", "Force",
                 "Detective Chief Inspector", 1)
            .was("CID"));
    add(officers("Force CID", "FCID Detective Inspector", protective_services, "Force Investigations", "Force",
                 "Detective Inspector", 2)
            .was("CID"));
    // Four sergeants over four shifts: one per shift, so any gap leaves one DS for the county.
    add(officers("Force CID", "FCID Detective Sergeant", protective_services, "Force Investigations", "Force",
                 "Detective Sergeant", 4)
            .was("CID")
            .fill(FP::scheduled));
    add(officers("Force CID", "FCID Detective Constable", protective_services, "Force Investigations", "Force",
                 "Detective Constable", 28)
            .was("CID")
            .fill(FP::specialist));
    add(officers("Major Investigation Unit", "MIU Detective Chief Inspector", protective_services,
                 "Force Investigations", "Force", "Detective Chief Inspector", 1));
    add(officers("Major Investigation Unit", "MIU Detective Inspector", protective_services, "Force Investigations",
                 "Force", "Detective Inspector", 1));
    add(officers("Major Investigation Unit", "MIU Detective Sergeant", protective_services, "Force Investigations",
                 "Force", "Detective Sergeant", 3));
    add(officers("Major Investigation Unit", "MIU Detective Constable", protective_services, "Force Investigations",
                 "Force", "Detective Constable", 14));
    add(officers("SOAC", "SOAC Detective Inspector", protective_services, "Force Investigations", "Force",
                 "Detective Inspector", 1));
    add(officers("SOAC", "SOAC Detective Sergeant", protective_services, "Force Investigations", "Force",
                 "Detective Sergeant", 2));
    add(officers("SOAC", "SOAC Detective Constable", protective_services, "Force Investigations", "Force",
                 "Detective Constable", 12)
            .fill(FP::specialist));
    // Cyber and Digital moved into Force Investigations; DMIs doubled from three to six.
    add(officers("Cyber and Digital", "Cyber and Digital Detective Sergeant", protective_services,
                 "Force Investigations", "Force", "Detective Sergeant", 1)
            .was("Digital Forensics"));
    add(staff("Cyber and Digital", "Digital Media Investigator", protective_services, "Force Investigations", "Force",
              "Grade G", 6)
            .was("Digital Forensics")
            .vacant(3));
    add(staff("Cyber and Digital", "Cyber Prevent Officer", protective_services, "Force Investigations", "Force",
              "Grade F", 1)
            .was("")
            .vacant(1));

    // Public Protection Unit, replacing the Vulnerability and Safeguarding Unit.
    constexpr std::string_view vsu = "Vulnerability and Safeguarding Unit";
    add(officers("Public Protection Command", "PPU Detective Chief Inspector", protective_services, "Public Protection",
                 "Force", "Detective Chief Inspector", 2)
            .was(vsu));
    add(officers("DART", "DART Detective Inspector", protective_services, "Public Protection", "Force",
                 "Detective Inspector", 2)
            .was("CID"));
    add(officers("DART", "DART Detective Sergeant", protective_services, "Public Protection", "Force",
                 "Detective Sergeant", 6)
            .was(vsu)
            .from("CID", 3)
            .fill(FP::public_protection));
    add(officers("DART", "DART Detective Constable", protective_services, "Public Protection", "Force",
                 "Detective Constable", 40)
            .was(vsu)
            .from("CID", 16)
            .fill(FP::public_protection));
    add(officers("CRASU", "CRASU Detective Sergeant", protective_services, "Public Protection", "Force",
                 "Detective Sergeant", 2)
            .was(vsu));
    add(officers("CRASU", "CRASU Detective Constable", protective_services, "Public Protection", "Force",
                 "Detective Constable", 6)
            .was(vsu)
            .fill(FP::public_protection));
    add(staff("CRASU", "Referral Officer", protective_services, "Public Protection", "Force", "Grade D", 18).was(vsu));
    add(officers("Missing Persons", "Missing Persons Sergeant", protective_services, "Public Protection", "Force",
                 "Sergeant", 1));
    add(officers("Missing Persons", "Missing Persons Officer", protective_services, "Public Protection", "Force",
                 "Constable", 4)
            .fill(FP::public_protection));
    add(staff("Missing Persons", "Missing Persons Coordinator", protective_services, "Public Protection", "Force",
              "Grade D", 2));
    add(officers("CATE Child Abuse", "CATE Detective Inspector", protective_services, "Public Protection", "Force",
                 "Detective Inspector", 1)
            .was(vsu));
    add(officers("CATE Child Abuse", "CATE Detective Sergeant", protective_services, "Public Protection", "Force",
                 "Detective Sergeant", 3)
            .was(vsu)
            .fill(FP::public_protection));
    add(officers("CATE Child Abuse", "CATE Detective Constable", protective_services, "Public Protection", "Force",
                 "Detective Constable", 16)
            .was(vsu)
            .fill(FP::public_protection));
    add(officers("CATE Trafficking and Exploitation", "CATE T&E Detective Sergeant", protective_services,
                 "Public Protection", "Force", "Detective Sergeant", 1)
            .was("")
            .vacant(1));
    add(officers("CATE Trafficking and Exploitation", "CATE T&E Detective Constable", protective_services,
                 "Public Protection", "Force", "Detective Constable", 6)
            .was(vsu)
            .fill(FP::public_protection));
    add(officers("OCSET", "OCSET Detective Sergeant", protective_services, "Public Protection", "Force",
                 "Detective Sergeant", 1));
    add(officers("OCSET", "OCSET Detective Constable", protective_services, "Public Protection", "Force",
                 "Detective Constable", 10)
            .fill(FP::public_protection));
    add(staff("OCSET", "Online Investigator", protective_services, "Public Protection", "Force", "Grade E", 2));
    add(officers("Strategic Development Team", "SDT Detective Inspector", protective_services, "Public Protection",
                 "Force", "Detective Inspector", 1)
            .was(vsu));
    add(officers("Strategic Development Team", "SDT Detective Sergeant", protective_services, "Public Protection",
                 "Force", "Detective Sergeant", 2)
            .was("")
            .vacant(2));

    // Intelligence: the Intel Hub absorbed i24; its second sergeant arrived in December 2023.
    add(staff("Intelligence Command", "Director of Intelligence", protective_services, "Intelligence", "Force",
              "Senior Manager", 1));
    add(officers("Intel Hub", "Intel Hub Inspector", protective_services, "Intelligence", "Force", "Inspector", 1)
            .was("i24"));
    add(officers("Intel Hub", "Intel Hub Sergeant", protective_services, "Intelligence", "Force", "Sergeant", 2)
            .was("i24")
            .fill(FP::scheduled));
    add(officers("Intel Hub", "Intel Hub Constable", protective_services, "Intelligence", "Force", "Constable", 9)
            .was("i24")
            .fill(FP::specialist));
    add(staff("Intel Hub", "Intelligence Researcher", protective_services, "Intelligence", "Force", "Grade E", 15)
            .was("i24")
            .fill(FP::specialist));
    add(officers("Local Intelligence", "Local Intelligence Officer", protective_services, "Intelligence", "Force",
                 "Constable", 3));
    add(staff("Local Intelligence", "Intelligence Officer", protective_services, "Intelligence", "Force", "Grade D",
              12));
    add(officers("Force Intelligence Bureau", "FIB Detective Sergeant", protective_services, "Intelligence", "Force",
                 "Detective Sergeant", 1));
    add(officers("Force Intelligence Bureau", "FIB Detective Constable", protective_services, "Intelligence", "Force",
                 "Detective Constable", 4));
    add(staff("Force Intelligence Bureau", "Intelligence Analyst", protective_services, "Intelligence", "Force",
              "Grade E", 8));
    add(officers("Dedicated Source Unit", "DSU Detective Inspector", protective_services, "Intelligence", "Force",
                 "Detective Inspector", 1));
    add(officers("Dedicated Source Unit", "DSU Detective Sergeant", protective_services, "Intelligence", "Force",
                 "Detective Sergeant", 2));
    add(officers("Dedicated Source Unit", "Source Handler", protective_services, "Intelligence", "Force",
                 "Detective Constable", 8));
    add(staff("Covert Authorities Bureau", "Authorities Officer", protective_services, "Intelligence", "Force",
              "Grade E", 4));
    add(staff("ANPR", "ANPR Officer", protective_services, "Intelligence", "Force", "Grade D", 3));
    add(staff("Systems Admin", "Systems Administrator", protective_services, "Intelligence", "Force", "Grade E", 4));
    add(staff("PNSB", "PNC Operator", protective_services, "Intelligence", "Force", "Grade D", 5));

    // Prevention: one offender management function under a shared DCI and a dedicated DI.
    add(officers("Prevention Command", "Prevention Detective Chief Inspector", protective_services, "Prevention",
                 "Force", "Detective Chief Inspector", 1)
            .was("IOM"));
    add(officers("Prevention Command", "Offender Management Detective Inspector", protective_services, "Prevention",
                 "Force", "Detective Inspector", 1)
            .was("IOM"));
    add(officers("RSOMU", "RSOMU Detective Sergeant", protective_services, "Prevention", "North", "Detective Sergeant",
                 1));
    add(officers("RSOMU", "RSOMU Detective Constable", protective_services, "Prevention", "North",
                 "Detective Constable", 8)
            .vacant(1));
    add(officers("RSOMU", "RSOMU Detective Sergeant", protective_services, "Prevention", "South", "Detective Sergeant",
                 1));
    add(officers("RSOMU", "RSOMU Detective Constable", protective_services, "Prevention", "South",
                 "Detective Constable", 8)
            .vacant(1));
    add(officers("IOM", "IOM Sergeant", protective_services, "Prevention", "Force", "Sergeant", 1));
    add(officers("IOM", "IOM Constable", protective_services, "Prevention", "Force", "Constable", 8));
    add(staff("IOM", "IOM Case Worker", protective_services, "Prevention", "Force", "Grade D", 2));
    add(officers("HROMU", "HROMU Detective Sergeant", protective_services, "Prevention", "Force", "Detective Sergeant",
                 1)
            .was("IOM"));
    add(officers("HROMU", "HROMU Detective Constable", protective_services, "Prevention", "Force",
                 "Detective Constable", 4)
            .was("IOM")
            .vacant(3));
    add(staff("MAPPA", "MAPPA Coordinator", protective_services, "Prevention", "Force", "Grade E", 3));
    // The Harm Hub carried on until the Prevention Hub launched on 20 November 2023.
    struct HubRole {
        std::string_view role;
        std::string_view rank;
        bool officer;
        int posts;
    };
    const HubRole hub_roles[] = {
        {"Prevention Hub Inspector", "Inspector", true, 1},   {"Prevention Hub Sergeant", "Sergeant", true, 2},
        {"Prevention Officer", "Constable", true, 8},         {"Design Out Crime Officer", "Grade E", false, 2},
        {"Problem Solving Coordinator", "Grade E", false, 2}, {"Licensing Officer", "Grade D", false, 3},
        {"Youth Engagement Officer", "Grade D", false, 1},    {"Civil Interventions Officer", "Grade E", false, 1},
        {"Community Harm Officer", "Grade D", false, 1},
    };
    for (const auto& hub : hub_roles)
        add(Row("Harm Hub", hub.role, protective_services, "Prevention", "Force", hub.rank, hub.officer, hub.posts)
                .between(go_live, harm_hub_last_day));
    for (const auto& hub : hub_roles)
        add(Row("Prevention Hub", hub.role, protective_services, "Prevention", "Force", hub.rank, hub.officer,
                hub.posts)
                .between(prevention_hub_go_live, std::nullopt)
                .was("Harm Hub"));

    // Enabling Services: Learning and Development grew its trainers.
    add(officers("Learning and Development", "L&D Inspector", enabling_services, "Learning and Development", "Force",
                 "Inspector", 1));
    add(staff("Learning and Development", "Investigative Skills Trainer", enabling_services, "Learning and Development",
              "Force", "Grade F", 3)
            .vacant(2));
    add(officers("Learning and Development", "Officer Safety Trainer", enabling_services, "Learning and Development",
                 "Force", "Constable", 6)
            .vacant(2));
    add(officers("Learning and Development", "Driver Trainer", enabling_services, "Learning and Development", "Force",
                 "Constable", 4)
            .vacant(1));
    add(staff("Learning and Development", "L&D Coordinator", enabling_services, "Learning and Development", "Force",
              "Grade C", 8));
    add(officers("Professional Standards", "PSD Inspector", enabling_services, "Professional Standards", "Force",
                 "Inspector", 1));
    add(officers("Professional Standards", "PSD Detective Sergeant", enabling_services, "Professional Standards",
                 "Force", "Detective Sergeant", 2));
    add(officers("Professional Standards", "PSD Detective Constable", enabling_services, "Professional Standards",
                 "Force", "Detective Constable", 5));
    add(staff("Professional Standards", "PSD Investigator", enabling_services, "Professional Standards", "Force",
              "Grade E", 6));
    add(staff("Change Team", "Change Analyst", enabling_services, "Change", "Force", "Grade F", 8));

    std::vector<PostGroup> groups;
    groups.reserve(rows.size());
    for (auto& row : rows) groups.push_back(std::move(row.group));
    return groups;
}

}  // namespace

const std::vector<PostGroup>& model_post_groups() {
    static const std::vector<PostGroup> groups = build_post_groups();
    return groups;
}

int count_officer_posts(const Date& date) {
    int total = 0;
    for (const auto& group : model_post_groups()) {
        if (!group.officer || group.team == bank_team) continue;
        if (group.effective_from > date || (group.effective_to && *group.effective_to < date)) continue;
        total += group.posts;
    }
    return total;
}

WrittenFile write_establishment(const std::string& out_dir, std::span<const ForceContext> forces) {
    using report::excel::CellStyle;
    using report::excel::WorkbookOptions;
    using report::excel::WorkbookWriter;
    WrittenFile result{"establishment.xlsx", 0};
    WorkbookOptions options;
    options.created = extract_date;
    options.title = "Establishment - Policing Operating Model";
    options.company = "Warwickshire Police";
    WorkbookWriter book((std::filesystem::path(out_dir) / result.path).string(), options);
    const auto sheet = book.add_sheet("Establishment");
    CellStyle header_style;
    header_style.bold = true;
    header_style.background = 0xD9E1F2;
    const auto header = book.add_style(header_style);
    CellStyle date_style;
    date_style.number_format = "dd/mm/yyyy";
    const auto date = book.add_style(date_style);
    const char* headers[] = {"Force",      "Team",          "Role",  "Directorate",    "Department",  "LPA",
                             "Rank/Grade", "Officer/Staff", "Posts", "Effective From", "Effective To"};
    const double widths[] = {14, 32, 40, 20, 26, 8, 26, 13, 7, 14, 14};
    for (int column = 0; column < 11; ++column) {
        book.write_string(sheet, 0, column, headers[column], header);
        book.set_column_width(sheet, column, column, widths[column]);
    }
    book.freeze_panes(sheet, 1, 0);
    int row = 1;
    for (const auto& force : forces) {
        const std::string name = force_name(force.index);
        for (const auto& group : model_post_groups()) {
            book.write_string(sheet, row, 0, name);
            book.write_string(sheet, row, 1, group.team);
            book.write_string(sheet, row, 2, group.role);
            book.write_string(sheet, row, 3, group.directorate);
            book.write_string(sheet, row, 4, group.department);
            book.write_string(sheet, row, 5, group.lpa);
            book.write_string(sheet, row, 6, group.rank);
            book.write_string(sheet, row, 7, group.officer ? "Officer" : "Staff");
            book.write_number(sheet, row, 8, group.posts);
            book.write_date(sheet, row, 9, group.effective_from, date);
            if (group.effective_to) book.write_date(sheet, row, 10, *group.effective_to, date);
            ++row;
        }
    }
    book.set_autofilter(sheet, 0, 0, row - 1, 10);
    book.close();
    result.rows = row - 1;
    return result;
}

}  // namespace pirpack::sample
