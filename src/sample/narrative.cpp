#include "sample/narrative.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"

namespace pirpack::sample {

namespace {

// Written for the sample in its own words; the facts are the seed report's. Numbers the report
// quotes are tags, so the pack shows the figures the data gives.
constexpr NarrativeFile files[] = {
    {"01-local-policing-areas.md", R"MD(# Local Policing Areas

## Summary of Change

Local Policing moved from functional command to three geographic Local Policing Areas: north,
south and east. A Chief Inspector leads each area and one Superintendent oversees all three.
Patrol, Safer Neighbourhood Teams, the new Patrol Investigation Units and the Local Policing
Resolution Centres all sit within each LPA, with Mental Health Triage in the north and south.
Area commanders can move officers between their teams, or form a team for a local problem,
without going through a central function.

Reactive demand now goes to twelve Force Incident Managers and Force Duty Inspectors, so LPA
inspectors can concentrate on what lies ahead. The north and south each have five inspectors
(two SNT, two Patrol, and one for the PIU and LPRC); the east has three, one of each.

## Review Outcomes

Of everything reviewed, this change drew the most consistently positive feedback. Leads describe
clearer ownership of performance, easier surging of people to meet demand, and stronger partner
and community relationships now that one Chief Inspector speaks for each area. A healthy rivalry
between the areas is starting to show.

Two cautions remain. The benefit has to appear in performance, which has not yet moved
decisively while resourcing settles: officer strength stood at
{{kpi.officer_strength_vs_model.current}} of the model in the latest month. And the LPA Chief
Inspector roles are large, with much of their time taken by meetings and administration.

## Residual Activity

- Consider PA support for the three LPA Chief Inspectors, within business-as-usual resourcing [A-01].
)MD"},
    {"02-public-contact.md", R"MD(# Public Contact

## Summary of Change

The OCC inspector, who co-ordinates the first response to critical and major incidents, became
the Force Incident Manager (FIM), the title most forces use for the control-room inspector. A
new Force Duty Inspector (FDI) role spreads the same skills across a wider group. Twelve
inspectors work four shifts, three to a shift, so that one can run the room as FIM while another
covers the county as FDI; a third, when on duty, supports either and works on portfolio tasks.
Their duties include initial firearms and ground command and reviews of missing-person and
custody cases.

Elsewhere in Public Contact, telephone investigators moved into the LPRCs; the IMU went from 20
staff to 16, on four shifts with a light overnight presence; Resolution Centre supervisors went
from seven to three and DDMs from three to four; and the switchboard posts were removed, with
three staff kept on the triage desk until OCC Phase 2.

## Review Outcomes

Senior leads support the principle of the FIM/FDI model but not its resourcing. With too few
inspectors, a single FDI covering the whole county became normal: shifts met the two-inspector
minimum {{kpi.fim_fdi_min_cover.current}} of the time in the latest month, against a target of
{{kpi.fim_fdi_min_cover.target}}, and one FDI had the county to themselves on
{{kpi.fdi_county_cover_share.current}} of shifts. Feedback also described weak ownership of incidents at
tasking, thin oversight of some high-risk missing-person enquiries, and uncertainty about how
the FIM, the FDI, local inspectors and the duty superintendent share command. Leads asked for a
clearer and more reliable view of who is on duty against minimum strengths across the force.

Local Policing command reviewed the model and agreed changes from January 2024: four core
inspectors in the room, TFC-trained shift inspectors aligned to shifts, two out and one in, and
at least three a day. The missing-person process as a whole also needs review.

No problems were found with the other Public Contact changes.

## Residual Activity

- Put the agreed January 2024 FIM inspector changes in place [A-02].
- Improve the missing-person process with the business areas, supported by a business analyst [A-03].
)MD"},
    {"03-patrol-and-piu.md", R"MD(# Patrol & PIU

## Summary of Change

Patrol moved from five shifts working six on and four off to four shifts working four on and
four off. Releasing capacity this way made the Patrol Investigation Units possible, removed
wasteful overlaps between shifts and matched people to demand more closely. SNT and PIU officers
are each rostered for one Friday or Saturday night in five to strengthen weekend cover.

Before the change Patrol investigated most volume crime between emergency calls, which left
little time to plan enquiries. Each LPA now has a PIU that takes a defined list of crime types,
including all medium-risk domestic abuse, while simpler and lower-risk crimes stay with Patrol
under the new crime allocation model. PIUs work five shifts of six on and four off. The north
and south have a sergeant for each shift, the east two sergeants across its five shifts, and
each area a PIU inspector who answers to the LPA Chief Inspector for standards, outcomes and
file quality.

## Review Outcomes

Local Policing command regards the PIUs as a clear improvement: more complex investigations are
dealt with sooner, and their quality is rising as skills grow. That has not yet reached outcomes
and needs watching.

Early on the PIUs lacked stable supervision, with sergeant posts vacant or their holders
redeployed, a risk that eased as the teams settled and every PIU sergeant post was filled by
December 2023. To meet the design the PIUs also need to take more of the crime meant for them:
only {{kpi.piu_crime_allocation_share.current}} of crimes the CAM assigns to PIU were allocated
there, against a target of {{kpi.piu_crime_allocation_share.target}}, and the PIUs received
{{kpi.piu_crime_volume_vs_design.current}} of the volume the CAM designs for them. Newer
investigators and high turnover are what hold this back, which makes CPD and training the
priority. Medium-risk domestic abuse is reaching the PIUs as designed
({{kpi.piu_medium_risk_da_share.current}}).

Arrest rates are a concern beyond the model itself. The arrest rate for crimes held by Patrol
was {{kpi.patrol_arrest_rate.current}} in the latest month, against
{{kpi.patrol_arrest_rate.baseline}} in the baseline year. With a young Patrol workforce the
culture around arrest matters, and Chief Officers have moved to bring custody leadership under
Local Policing.

Two further points: the PIUs hold much of the volume crime but are not represented at daily
tasking, and PSD want stronger accountability at Patrol inspector level for investigation
standards and missing-person reviews.

## Residual Activity

- Move the management of Custody from Criminal Justice to Communities and Response [A-04].
)MD"},
    {"04-local-policing-resolution-centres.md", R"MD(# Local Policing Resolution Centres

## Summary of Change

Each LPA now has a Resolution Centre that brings together telephone investigation, crime
recording, walk-in demand at the front offices and incident progression by telephone or video.
Front counters stay open at Nuneaton, Rugby, Leamington and Stratford, where one member of the
Leamington-based team works each day. Officers and staff work side by side: staff take most of
the transactional front-office work, officers most of the recording and investigation, and each
can cover much of the other's role. An LP sergeant manages each team under the LPA Chief
Inspector, which keeps its productivity in view and its work joined up with Patrol and the PIU.

## Review Summary

The review raised no significant concerns about the LPRCs. The aim of keeping front counters
open was met, and high-volume, low-level demand has moved away from the front line:
{{kpi.lprc_theft_damage_share.current}} of LPRC investigations were theft or criminal damage in
the latest month, and {{kpi.lprc_retained_share.current}} of the crimes allocated to an LPRC
stayed there.

Setting the centres up proved more complex than planned. A project manager and a business
analyst from the Change Team helped with process mapping and systems, at low cost. Staff
reported too few computers, equipment that is hard to use, and noisy, cramped front-office space
for telephone work; these points have gone to Digital Services and to LPRC leaders.

## Residual Activity

N/A)MD"},
    {"05-operations.md", R"MD(# Operations

## Summary of Change

Operations (Firearms, Roads Policing and Dogs) and Operations Support (Duties, Tactical Planning
and Road Safety) now share one Chief Inspector after a vacant Chief Inspector post was deleted;
the Road Safety Unit moved to Criminal Justice to balance the portfolio.

Firearms kept the same number of officers but now has five sergeants, one per shift, with more
constables in their place; sergeants above that number stayed in constable posts until natural
turnover brought them down. Firearms stayed on five shifts, working four on and four off with
the fifth set aside for training. Roads Policing moved to four shifts to release capacity into
the wider model, and regained its own sergeants. The Dog Section kept ten handlers, a trainer
and a liaison officer, but moved to four shifts.

## Review Summary

The review found real problems here, to be weighed against earlier investment in the area and
the compromises any broad redesign needs.

Losing the fifth Roads shift took away capacity and resilience. Roads shifts met minimum
strength {{kpi.roads_psl_met.current}} of the time in the latest month, against
{{kpi.roads_psl_met.baseline}} in the baseline year. Leaders also reported lower morale, less
room for national initiatives and cross-border work, and operations such as abnormal loads that
need skills other teams cannot supply. The expected growth in HS2 abnormal-load escorts, which
should also bring income, is a chance to revisit this.

Roads and Firearms no longer share a shift pattern, which makes joint working, supervision and
wellbeing harder, and separate Roads sergeants make it harder to involve firearms officers in
roads work. Dogs on four shifts are struggling to keep up licensing hours: handlers' training
time was {{kpi.dogs_training_hours.current}} per 28 days against
{{kpi.dogs_training_hours.target}} needed, and Local Policing leaders are returning Dogs to five
shifts.

Several leads also raised Duties: quicker management information from the duties system, the
same approach to planning in Protective Services as in Local Policing, and better forecasting.

## Residual Activity

- Produce zero-cost and costed options for the OPU issues, alongside the HS2 abnormal-loads business case [A-05].
- Consider a review of Duties process, practice and resourcing in 24/25, including Protective Services planning [A-06].
)MD"},
    {"06-force-investigations.md", R"MD(# Force Investigations

## Summary of Change

Force CID became smaller because rape, serious sexual offences and high-risk domestic abuse
moved to the new DART teams, and it moved to four shifts, a change modelled with Process
Evolution. Cyber and Digital joined Force Investigations and its digital media investigators
doubled from three to six, giving live investigations much readier access to specialist advice
and helping the wider workforce build digital skills.

## Review Summary

Apart from the demand that passed to DART, the changes here were small. Sergeant numbers only
just cover each day's incoming work: on {{kpi.fcid_ds_single_cover_share.current}} of days in
the latest month no more than one detective sergeant was on duty for the county, and in the busy
summer sergeants worked rest days on overtime to keep cover
({{kpi.fcid_ds_rest_day_overtime.current}} a week in the latest month). Investigations leaders
consider first-line supervision in FCID insufficient; proposals to add to it were accepted
through business planning and need to be followed through.

The crime allocation model is being reviewed across Protective Services and Local Policing. Work
too minor for the Prevention Hub but once picked up by the Harm Hub, such as lower-level
investigations and SOC level 1 offending, must not be left without an owner, so FCID and the Hub
need to agree where it goes. The growth in Cyber and Digital raised no issues.

## Residual Activity

- Implement the supervisory uplift agreed through business planning [A-07].
- Supts for Intel, FCID, Prevention and LP to make sure no allocation gaps open for lower-level investigations and SOC 1 [A-08].
- Review the crime allocation model again with the allocation data now available [A-15].
)MD"},
    {"07-public-protection.md", R"MD(# Public Protection

## Summary of Change

A Public Protection Unit replaced the Vulnerability and Safeguarding Unit. It brings together
OCSET, the Central Referral and Safeguarding Unit, Missing persons, CATE, DART and strategic
improvement work.

DART investigates all rape, serious sexual offences and high-risk domestic abuse, following the
national move towards specialist RASSO teams and reflecting how far relationship-based offending
overlaps with sexual offending. CATE now has separate child abuse and trafficking and
exploitation teams under one umbrella, so people can move between them as demand peaks. A
Strategic Development Team of a detective inspector and two detective sergeants keeps the force
current across the fourteen strands of public protection, and OCSET grew so that it can manage
all online child sexual exploitation cases.

## Review Summary

Public Protection went live with many vacancies, into an unusually demanding summer. The vacancy
rate stood at {{kpi.public_protection_vacancy_rate.current}} in the latest month and has been
falling, so the focus is turning to training and experience. Leads see the added capacity in
OCSET, digital media investigation and trafficking and exploitation as a real step forward, and
support the separation of DART from CID.

Sergeant resilience across DART and CID has been hard to hold, with frequent county cover
affecting investigative standards; more supervisory capacity has been agreed. Investigators also
report that high-risk domestic abuse, which carries the most immediate risk, crowds out time for
RASSO cases: RASSO investigations took on average {{kpi.dart_rasso_outcome_days.current}} to
reach an outcome in the latest month, against {{kpi.dart_rasso_outcome_days.baseline}} in the
baseline year. Protective Services leaders should watch this and consider a resource review if
it has not eased by Q4 23/24. The new shift patterns were well received.

## Residual Activity

- Implement the additional supervisory capacity agreed through business planning, mainly sergeants [A-09].
- Consider a small review of DART resources if RASSO capacity concerns are not reducing [A-10].
)MD"},
    {"08-intelligence.md", R"MD(# Intelligence

## Summary of Change

Most intelligence teams were unchanged: Local Intelligence, the Force Intelligence Bureau, the
Dedicated Source Unit, the Covert Authorities Bureau, ANPR, Systems Admin and PNSB. The main
change was the Intel Hub, which took in the i24 team, added people, and mixes officers' powers
and policing knowledge with the skills of specialist staff. Three teams give round-the-clock
cover, and a second sergeant was added to strengthen supervision and tasking.

## Review Summary

The Intel Hub only reached its establishment when its second sergeant arrived in December 2023;
it had {{kpi.intel_hub_sergeants_in_post.current}} sergeants in post in the latest month. It is
too soon to judge it on data. The Director of Intelligence sees it as a sound foundation, with
the extra capacity now allowing development and research work. The Intelligence Commissioning
Portal, live since December 2023, will add data on the Hub's volume and performance.

Systems Admin stays in Intelligence for now. The Change Team and Digital Services will look
again at whether the force's separate Systems Admin teams should come together under Digital
Services, given role-based access, the joiners, movers and leavers process, cloud hosting and
the fragility of small teams elsewhere.

## Residual Activity

- Review Systems Admin, led by the Change Team and Digital Services [A-11].
)MD"},
    {"09-prevention.md", R"MD(# Prevention

## Summary of Change

A new Prevention department gathers related functions. Offender management is now one function
under a shared DCI and a dedicated DI, covering RSOMU, IOM, HROMU and MAPPA. RSOMU grew by two
detective constables to two sergeants and sixteen constables in north and south teams, in line
with national ratios and an HMICFRS recommendation on managing registered sex offenders. A new
HROMU of one detective sergeant and four detective constables takes dangerous and violent
offenders, whose management had fallen to IOM with support from a stretched Proactive CID.

The Prevention Hub replaces the Harm Hub, combining existing and new roles: designing out crime,
prevention officers, community harm, problem solving, licensing, youth engagement and civil
interventions.

## Review Summary

The Prevention Hub launched on 20 November 2023, too recently for this review; its posts were
{{kpi.prevention_hub_posts_filled.current}} filled in the latest month. Early feedback points to
stronger ownership of SOAC offences and better suspect and offender management, but the Hub's
work is still taking shape and needs clear KPIs. There is a risk that locally based level 1 SOC
offending falls between SNT, FCID and the Hub, and some confusion about roles, such as youth
engagement, that Local Policing also delivers.

## Residual Activity

- Make sure the crime allocation model review considers the Prevention Hub, so no gap forms around low-level SOC 1 offences [A-12].
- Complete a proportionate review of the Prevention Hub in mid-2024 [A-13].
)MD"},
    {"10-learning-and-development.md", R"MD(# Learning & Development

## Summary of Change

Throughout the design, leads from Local Policing and Protective Services doubted that L&D could
meet core training demand: investigative skills, officer safety training and first aid, driver
training, and the new PEQF entry routes. Training that could not be delivered in house was
bought in, and the external training budget was heavily overspent. The model added investigative
skills trainers (one to three), officer safety trainers (four to six) and driver trainers (three
to four): {{kpi.trainers_in_post.current}} of those trainers were in post in the latest month,
against {{kpi.trainers_in_post.baseline}} before go-live.

## Review Summary

A separate L&D review ran through Q2 and Q3 23/24 and supersedes this report. Themes passed to
it include too little CPD, especially PIP1 in Protective Services; PIU investigators trained
only to PIP1 taking on complex cases; backlogs in mandatory and driver training; and shift
patterns that leave little room for training days. Patrol, PIU and SNT officers spent
{{kpi.training_abstraction_share.current}} of rostered working days training in the latest
month, against {{kpi.training_abstraction_share.baseline}} in the baseline year. Leads still
think L&D is not resourced to train the new teams.

## Residual Activity

- No separate action: the Phase 2 L&D review findings go directly to Chief Officers [A-14].
)MD"},
};

}  // namespace

std::span<const NarrativeFile> narrative_files() { return files; }

std::vector<WrittenFile> write_narrative(const std::string& out_dir) {
    const std::filesystem::path folder = std::filesystem::path(out_dir) / "narrative";
    std::error_code error;
    std::filesystem::create_directories(folder, error);
    if (error)
        throw common::PirpackError(common::ErrorKind::run,
                                   folder.string() + ": cannot create folder: " + error.message(), {},
                                   "check that the output folder is writable");
    std::vector<WrittenFile> written;
    for (const auto& narrative : files) {
        const std::string path = (folder / narrative.file).string();
        std::FILE* file = std::fopen(path.c_str(), "wb");
        if (file == nullptr)
            throw common::PirpackError(common::ErrorKind::run, path + ": cannot create file: " + std::strerror(errno),
                                       {}, "check that the output folder is writable");
        const bool ok = std::fwrite(narrative.text.data(), 1, narrative.text.size(), file) == narrative.text.size();
        if (std::fclose(file) != 0 || !ok)
            throw common::PirpackError(common::ErrorKind::run, path + ": cannot write: " + std::strerror(errno), {},
                                       "check that the disk has free space");
        written.push_back({"narrative/" + std::string(narrative.file), 0});
    }
    return written;
}

}  // namespace pirpack::sample
