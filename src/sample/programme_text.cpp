#include "sample/programme_text.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "common/errors.hpp"

namespace pirpack::sample {

namespace {

// Kept as one text so that it reads as a user's file would. tests/unit/test_sample.cpp checks it
// with the real loader and checks every header it names against the files written.
constexpr std::string_view programme_text =
    R"TOML(# Empower People Phase 1: the programme definition for pirpack (synthetic sample data).

[programme]
name = "Empower People Phase 1 - Policing Operating Model"
organisation = "Warwickshire Police"
protective_marking = "OFFICIAL - SENSITIVE"
description = "Post-implementation review of the new policing operating model: three Local Policing Areas, Patrol Investigation Units, Local Policing Resolution Centres, a Public Protection Unit with DART, an Intel Hub and a Prevention Hub, built on 1,075 officer posts and a bank of 25."
go_live = 2023-04-01
baseline = { from = 2022-04-01, to = 2023-03-31 }
fiscal_year_start_month = 4
min_cell_count = 5
current = "month"

[[workstream]]
id = "WS1"
name = "Local Policing Areas"
lead = "Ch Supt Local Policing"
directorate = "Local Policing"

[[workstream]]
id = "WS2"
name = "Local Policing Resolution Centres"
lead = "Supt Local Policing Areas"
directorate = "Local Policing"

[[workstream]]
id = "WS3"
name = "OCC & IMU"
lead = "Head of Public Contact"
directorate = "Local Policing"

[[workstream]]
id = "WS4"
name = "OPU & Operations Support"
lead = "Supt Operations"
directorate = "Local Policing"

[[workstream]]
id = "WS5"
name = "Force CID / DART"
lead = "Supt Investigations"
directorate = "Protective Services"

[[workstream]]
id = "WS6"
name = "Protective Services (OCSET, DMI etc.)"
lead = "Supt Public Protection"
directorate = "Protective Services"

[[workstream]]
id = "WS7"
name = "Intel Hub"
lead = "Director of Intelligence"
directorate = "Protective Services"

# The Prevention Hub launched later than the rest of the model.
[[workstream]]
id = "WS8"
name = "Prevention Hub"
lead = "Supt Prevention"
directorate = "Protective Services"
go_live = 2023-11-20
baseline = { from = 2022-11-20, to = 2023-11-19 }

[[workstream]]
id = "WS9"
name = "Enabling and Financial Services"
lead = "Director of Enabling Services"
directorate = "Enabling Services"

[[workstream]]
id = "WS10"
name = "System Updates (Origin, Duties, etc.)"
lead = "Head of Digital Services"
directorate = "Enabling Services"

[[workstream]]
id = "WS11"
name = "Management of Change"
lead = "HR Business Partner"
directorate = "Enabling Services"

# ---- sources ---------------------------------------------------------------------------------

[[source]]
name = "establishment"
path = "establishment.xlsx"
sheet = "Establishment"
encoding = "utf-8"
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.0
description = "Posts in the new model by team, role, LPA and rank or grade, from HR position management"
[source.columns]
force = { header = "Force", type = "text", required = true, key = true }
team = { header = "Team", type = "text", required = true, key = true }
role = { header = ["Role", "Post Title"], type = "text", required = true, key = true }
directorate = { header = "Directorate", type = "enum", required = true, values = ["Local Policing", "Protective Services", "Enabling Services", "Force Command"] }
department = { header = "Department", type = "text", required = true }
lpa = { header = "LPA", type = "enum", required = true, key = true, values = ["North", "South", "East", "Force"] }
rank_grade = { header = ["Rank/Grade", "Rank"], type = "text", required = true, key = true }
officer_or_staff = { header = "Officer/Staff", type = "enum", required = true, values = ["Officer", "Staff"] }
posts = { header = "Posts", type = "integer", required = true }
effective_from = { header = "Effective From", type = "date", required = true, key = true }
effective_to = { header = "Effective To", type = "date" }

[[source]]
name = "hr_postings"
path = "hr_postings.csv"
encoding = "utf-8"
delimiter = ","
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.01
description = "Every posting held in the two years, from the HR system (Origin); a blank end date means current"
[source.columns]
staff_number = { header = ["Staff No", "Staff Number"], type = "text", required = true, key = true }
officer_or_staff = { header = "Officer/Staff", type = "enum", required = true, values = ["Officer", "Staff"] }
rank = { header = ["Rank/Grade", "Rank"], type = "text", required = true }
role = { header = "Role", type = "text" }
team = { header = "Team", type = "text", required = true }
lpa = { header = "LPA", type = "enum", required = true, values = ["North", "South", "East", "Force"] }
fte = { header = "FTE", type = "decimal", required = true }
start_date = { header = "Start Date", type = "date", required = true, key = true }
end_date = { header = "End Date", type = "date" }
start_reason = { header = "Start Reason", type = "enum", values = ["Joiner", "Transferee", "Move", "Promotion", "Go-live posting", "Redeployment"] }
end_reason = { header = "End Reason", type = "enum", values = ["Move", "Promotion", "Go-live posting", "Redeployment", "Leaver - Retirement", "Leaver - Resignation", "Leaver - Transfer", "Leaver - Other"] }

[[source]]
name = "duties"
path = "duties_*.csv"
encoding = "utf-8"
delimiter = ","
date_formats = ["%Y-%m-%d"]
max_reject_rate = 0.001
description = "One row per person per rostered day from the Duties system, one file per financial year"
[source.columns]
duty_date = { header = "Duty Date", type = "date", required = true, key = true }
staff_number = { header = ["Staff No", "Staff Number"], type = "text", required = true, key = true }
rank = { header = "Rank", type = "text", required = true }
team = { header = "Team", type = "text", required = true }
lpa = { header = "LPA", type = "enum", values = ["North", "South", "East", "Force"] }
relief = { header = "Relief", type = "text" }
shift = { header = "Shift", type = "enum", required = true, values = ["Early", "Late", "Night", "Day", "Rest"] }
status = { header = "Status", type = "enum", required = true, values = ["On duty", "Rest day", "Rest day worked", "Training", "Sick", "Annual leave", "Court", "Mutual aid"] }
hours = { header = "Hours", type = "decimal", required = true }
overtime_hours = { header = "Overtime Hours", type = "decimal" }

[[source]]
name = "minimum_strength"
path = "minimum_strength.csv"
encoding = "utf-8"
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.0
description = "Minimum strength (PSL) per team and shift, as set by Operations Support"
[source.columns]
team = { header = "Team", type = "text", required = true, key = true }
shift = { header = "Shift", type = "enum", required = true, key = true, values = ["Early", "Late", "Night", "Day"] }
minimum = { header = ["Minimum", "PSL"], type = "integer", required = true }
effective_from = { header = "Effective From", type = "date", required = true, key = true }
effective_to = { header = "Effective To", type = "date" }

# The finance report exports in Windows-1252, with a title and marking above its header.
[[source]]
name = "overtime_claims"
path = "overtime_claims.csv"
encoding = "windows-1252"
delimiter = ","
header_row = 3
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.01
description = "Authorised overtime claims with their cost; inspectors and above do not claim"
[source.columns]
claim_ref = { header = "Claim Ref", type = "text", required = true, key = true }
claim_date = { header = ["Duty Date", "Claim Date"], type = "date", required = true }
staff_number = { header = ["Staff No", "Staff Number"], type = "text", required = true }
team = { header = "Team", type = "text", required = true }
rank = { header = "Rank/Grade", type = "text" }
hours = { header = "Hours", type = "decimal", required = true }
cost = { header = "Cost", type = "decimal", required = true }
reason = { header = "Reason", type = "text" }

[[source]]
name = "crime"
path = "crime_*.xlsx"
sheet = "Crimes"
encoding = "utf-8"
date_formats = ["%d/%m/%Y", "%Y-%m-%d"]
max_reject_rate = 0.01
description = "Recorded crime live in each financial year, with CAM and actual allocation, outcome and arrest"
[source.columns]
crime_ref = { header = ["Crime Reference", "Crime Ref", "URN"], type = "text", required = true, key = true }
recorded_date = { header = "Date Recorded", type = "date", required = true }
lpa = { header = "LPA", type = "enum", required = true, values = ["North", "South", "East"] }
district = { header = "District", type = "text" }
offence_group = { header = "Offence Group", type = "text", required = true }
offence_subgroup = { header = "Offence Subgroup", type = "text" }
offence = { header = "Offence", type = "text", required = true }
domestic_abuse = { header = "Domestic Abuse", type = "boolean", required = true }
da_risk = { header = "DA Risk", type = "enum", values = ["Standard", "Medium", "High"] }
rasso = { header = "RASSO", type = "boolean", required = true }
cam_team = { header = "CAM Team", type = "text" }
first_team = { header = "First Allocated Team", type = "text", required = true }
final_team = { header = "Final Team", type = "text", required = true }
handovers = { header = "Handovers", type = "integer", required = true }
outcome_code = { header = "Outcome", type = "integer" }
outcome_date = { header = "Outcome Date", type = "date" }
days_to_outcome = { header = "Days to Outcome", type = "integer" }
arrest = { header = ["Arrest", "Arrest Made"], type = "boolean", required = true }

[[source]]
name = "actions"
path = "residual_actions.csv"
encoding = "utf-8"
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.0
description = "The residual-action register the closure report hands to owners"
[source.columns]
action_id = { header = ["ID", "Action ID"], type = "text", required = true, key = true }
workstream = { header = "Workstream", type = "text", required = true }
area = { header = "Area", type = "text", required = true }
action = { header = "Action", type = "text", required = true }
owner = { header = "Owner", type = "text" }
due = { header = "Due", type = "text" }
status = { header = "Status", type = "enum", required = true, values = ["Not started", "Open", "In progress", "Complete", "Closed"] }
last_update = { header = "Last Update", type = "date" }
notes = { header = "Notes", type = "text" }

# ---- KPIs ------------------------------------------------------------------------------------
# SQL runs once per window with :from and :to bound as ISO dates. Strength KPIs read HR on :to.
# Duty-based KPIs group by the first two characters of the staff number (the force prefix).

[[kpi]]
id = "officer_strength_vs_model"
workstream = "WS11"
title = "Officer FTE in post against the 1,075-post model"
description = "Officer FTE in post on the last day of the window, as a share of the model's officer posts (the bank of 25 excluded)."
evidence = "The model was sized at 1,075 officer posts rather than 1,100 so that the force could hold strength at or near its establishment."
unit = "percent"
direction = "higher_is_better"
target = 98.0
amber = 95.0
sql = """
SELECT 100.0 * h.fte / e.posts AS value, h.fte AS numerator, e.posts AS denominator
FROM (SELECT SUM(fte) AS fte FROM hr_postings
      WHERE officer_or_staff = 'Officer' AND start_date <= :to
        AND (end_date IS NULL OR end_date >= :to)) AS h,
     (SELECT SUM(posts) AS posts FROM establishment
      WHERE officer_or_staff = 'Officer' AND team <> 'Unallocated Officer Bank'
        AND effective_to IS NULL) AS e
"""

[[kpi]]
id = "piu_sergeant_vacancies"
workstream = "WS1"
title = "PIU sergeant vacancies by LPA"
description = "PIU sergeant posts with nobody posted into them on the last day of the window."
evidence = "The PIUs lost stability early on through sergeant vacancies and redeployments; the review expected this to settle."
unit = "count"
direction = "lower_is_better"
target = 0.0
amber = 1.0
sql = """
SELECT e.lpa AS scope, e.posts - COALESCE(h.in_post, 0) AS value
FROM (SELECT lpa, SUM(posts) AS posts FROM establishment
      WHERE team = 'PIU' AND rank_grade = 'Sergeant' AND effective_to IS NULL
      GROUP BY lpa) AS e
LEFT JOIN (SELECT lpa, COUNT(*) AS in_post FROM hr_postings
           WHERE team = 'PIU' AND rank = 'Sergeant' AND start_date <= :to
             AND (end_date IS NULL OR end_date >= :to)
           GROUP BY lpa) AS h ON h.lpa = e.lpa
WHERE :to >= '2023-04-01'
ORDER BY e.lpa
"""

[[kpi]]
id = "piu_crime_allocation_share"
workstream = "WS1"
title = "Crimes the CAM assigns to PIU that PIU is given"
description = "Of crimes recorded in the window whose crime allocation model team is PIU, the share first allocated to PIU."
evidence = "To deliver the design, PIU needs to take more of the crime allocated to it; inexperience and turnover held it back."
unit = "percent"
direction = "higher_is_better"
target = 90.0
amber = 80.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE cam_team = 'PIU' AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "piu_medium_risk_da_share"
workstream = "WS1"
title = "Medium-risk domestic abuse allocated to PIU"
description = "Share of medium-risk domestic abuse crimes recorded since go-live that were first allocated to a PIU."
evidence = "The PIUs were designed to investigate all medium-risk domestic abuse."
unit = "percent"
direction = "higher_is_better"
target = 90.0
amber = 80.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE domestic_abuse AND da_risk = 'Medium' AND cam_team IS NOT NULL
  AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "patrol_arrest_rate"
workstream = "WS1"
title = "Arrests per 100 crimes held by Patrol"
evidence = "Arrest rates were raised as a concern, with a young Patrol workforce and custody pushing back on demand."
unit = "rate_per_100"
direction = "higher_is_better"
target = 18.0
amber = 15.0
sql = """
SELECT 100.0 * SUM(CASE WHEN arrest THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN arrest THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE final_team = 'Patrol' AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "cam_first_team_match"
workstream = "WS1"
title = "Crimes first allocated to the team the CAM names"
evidence = "The CAM aims for the most appropriate team to hold each investigation; in practice many crimes sit in grey areas."
unit = "percent"
direction = "higher_is_better"
target = 90.0
amber = 85.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team = cam_team THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team = cam_team THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE cam_team IS NOT NULL AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "handovers_per_crime"
workstream = "WS1"
title = "Handovers between teams per crime"
evidence = "One of the CAM's three principles is to keep handovers between people and teams to a minimum."
unit = "ratio"
direction = "lower_is_better"
target = 0.20
amber = 0.25
sql = """
SELECT 1.0 * SUM(handovers) / NULLIF(COUNT(*), 0) AS value
FROM crime
WHERE recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "lprc_theft_damage_share"
workstream = "WS2"
title = "LPRC investigations that are theft or criminal damage"
description = "Share of crimes finally held by an LPRC whose Home Office group is theft or criminal damage and arson."
evidence = "Just over half of LPRC investigations were theft or criminal damage: high-volume, low-level demand moved off the front line."
unit = "percent"
direction = "neutral"
sql = """
SELECT 100.0 * SUM(CASE WHEN offence_group IN ('Theft offences', 'Criminal damage and arson') THEN 1 ELSE 0 END)
         / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN offence_group IN ('Theft offences', 'Criminal damage and arson') THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE final_team = 'LPRC' AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "lprc_retained_share"
workstream = "WS2"
title = "LPRC investigations kept within the LPRC"
evidence = "More than three in four investigations allocated to the LPRCs stayed there, in line with a right-first-time approach."
unit = "percent"
direction = "higher_is_better"
target = 75.0
amber = 70.0
sql = """
SELECT 100.0 * SUM(CASE WHEN final_team = 'LPRC' THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN final_team = 'LPRC' THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE first_team = 'LPRC' AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "fim_fdi_min_cover"
workstream = "WS3"
title = "Shifts with the minimum of control-room inspectors"
description = "Early and night shifts meeting the inspector minimum in force at the time: one OCC inspector before go-live, two FIM/FDI inspectors after."
evidence = "The FIM/FDI model was short of inspectors, so one FDI covering the county was the norm; changes followed in January 2024."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 90.0
sql = """
WITH shifts AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, team, duty_date, shift,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team IN ('FIM/FDI', 'OCC Inspectors') AND shift IN ('Early', 'Night')
    AND duty_date BETWEEN :from AND :to
  GROUP BY SUBSTR(staff_number, 1, 2), team, duty_date, shift)
SELECT 100.0 * SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM shifts AS s
JOIN minimum_strength AS m
  ON m.team = s.team AND m.shift = s.shift AND m.effective_from <= s.duty_date
 AND (m.effective_to IS NULL OR m.effective_to >= s.duty_date)
"""

[[kpi]]
id = "roads_psl_met"
workstream = "WS4"
title = "Roads Policing shifts meeting minimum strength (PSL)"
evidence = "Taking away the fifth Roads shift cut capacity and PSL resilience; Roads leaders found PSL hard to meet at times."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 90.0
sql = """
WITH shifts AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, team, duty_date, shift,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team = 'Roads Policing' AND shift IN ('Early', 'Night') AND duty_date BETWEEN :from AND :to
  GROUP BY SUBSTR(staff_number, 1, 2), team, duty_date, shift)
SELECT 100.0 * SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM shifts AS s
JOIN minimum_strength AS m
  ON m.team = s.team AND m.shift = s.shift AND m.effective_from <= s.duty_date
 AND (m.effective_to IS NULL OR m.effective_to >= s.duty_date)
"""

[[kpi]]
id = "dogs_training_hours"
workstream = "WS4"
title = "Training hours per dog handler per 28 days"
description = "Hours recorded as training by dog handlers (rostered staff of the Dog Section), per handler per 28 days."
evidence = "Moving Dogs from the five-shift AFO pattern to four shifts made dog licensing hours hard to keep up; a return to five shifts was in hand."
unit = "hours"
direction = "higher_is_better"
target = 16.0
amber = 12.0
sql = """
SELECT 28.0 * SUM(CASE WHEN status = 'Training' THEN hours ELSE 0 END) / NULLIF(COUNT(*), 0) AS value
FROM duties
WHERE team = 'Dog Section' AND relief IS NOT NULL AND duty_date BETWEEN :from AND :to
"""

[[kpi]]
id = "fcid_ds_single_cover_share"
workstream = "WS5"
title = "Days with at most one Force CID detective sergeant on duty"
evidence = "There was often a single DS covering the whole county, with too little resilience elsewhere to draw on."
unit = "percent"
direction = "lower_is_better"
target = 20.0
amber = 35.0
sql = """
WITH cover AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, duty_date,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team IN ('Force CID', 'CID') AND rank = 'Detective Sergeant' AND duty_date BETWEEN :from AND :to
  GROUP BY SUBSTR(staff_number, 1, 2), duty_date)
SELECT 100.0 * SUM(CASE WHEN on_duty <= 1 THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN on_duty <= 1 THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM cover
"""

[[kpi]]
id = "fcid_ds_rest_day_overtime"
workstream = "WS5"
title = "Force CID detective sergeant rest-day overtime, hours a week"
evidence = "High demand over the summer at times of low resilience meant detective sergeants worked rest days on overtime."
unit = "hours"
direction = "lower_is_better"
target = 10.0
amber = 20.0
sql = """
SELECT 7.0 * SUM(CASE WHEN status = 'Rest day worked' THEN overtime_hours ELSE 0 END)
         / NULLIF(COUNT(DISTINCT duty_date), 0) AS value
FROM duties
WHERE team IN ('Force CID', 'CID') AND rank = 'Detective Sergeant' AND duty_date BETWEEN :from AND :to
"""

[[kpi]]
id = "dart_rasso_outcome_days"
workstream = "WS5"
title = "Average days from recording to outcome for RASSO investigations"
description = "Mean days to outcome of RASSO crimes held by DART (CID before go-live) whose outcome fell in the window."
evidence = "Investigators were pulled from RASSO cases to high-risk domestic abuse, which carries more immediate risk; a DART resource review was to follow if this persisted into Q4 23/24."
unit = "days"
direction = "lower_is_better"
target = 150.0
amber = 170.0
sql = """
SELECT 1.0 * SUM(days_to_outcome) / NULLIF(COUNT(*), 0) AS value
FROM crime
WHERE rasso AND final_team IN ('DART', 'CID') AND days_to_outcome IS NOT NULL
  AND outcome_date BETWEEN :from AND :to
"""

[[kpi]]
id = "public_protection_vacancy_rate"
workstream = "WS6"
title = "Public Protection Unit FTE vacancy rate"
description = "Posts in the Public Protection department less FTE in post, on the last day of the window, as a share of posts."
evidence = "Public Protection went live with many vacancies, in a summer of high and complex demand; vacancies have been falling since."
unit = "percent"
direction = "lower_is_better"
target = 5.0
amber = 10.0
sql = """
SELECT 100.0 * (e.posts - h.fte) / e.posts AS value, e.posts - h.fte AS numerator, e.posts AS denominator
FROM (SELECT SUM(posts) AS posts FROM establishment
      WHERE department = 'Public Protection' AND effective_to IS NULL) AS e,
     (SELECT COALESCE(SUM(fte), 0) AS fte FROM hr_postings
      WHERE team IN (SELECT team FROM establishment WHERE department = 'Public Protection')
        AND start_date <= :to AND (end_date IS NULL OR end_date >= :to)) AS h
WHERE :to >= '2023-04-01'
"""

[[kpi]]
id = "intel_hub_sergeants_in_post"
workstream = "WS7"
title = "Sergeants in post in the Intel Hub (i24 before go-live)"
evidence = "The Intel Hub reached its establishment only when its second sergeant arrived in December 2023."
unit = "count"
direction = "higher_is_better"
target = 2.0
amber = 1.0
sql = """
SELECT COUNT(*) AS value
FROM hr_postings
WHERE team IN ('Intel Hub', 'i24') AND rank = 'Sergeant' AND start_date <= :to
  AND (end_date IS NULL OR end_date >= :to)
"""

[[kpi]]
id = "prevention_hub_posts_filled"
workstream = "WS8"
title = "Prevention Hub posts filled"
description = "FTE in post in the Prevention Hub on the last day of the window, as a share of its posts; none before its launch."
evidence = "The Prevention Hub only launched on 20 November 2023, so its review was deferred to mid-2024."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 85.0
current = "since_go_live"
sql = """
SELECT 100.0 * h.fte / e.posts AS value, h.fte AS numerator, e.posts AS denominator
FROM (SELECT SUM(posts) AS posts FROM establishment
      WHERE team = 'Prevention Hub' AND effective_to IS NULL) AS e,
     (SELECT COALESCE(SUM(fte), 0) AS fte FROM hr_postings
      WHERE team = 'Prevention Hub' AND start_date <= :to
        AND (end_date IS NULL OR end_date >= :to)) AS h
WHERE :to >= '2023-11-20'
"""

[[kpi]]
id = "training_abstraction_share"
workstream = "WS9"
title = "Rostered working days spent training: Patrol, PIU and SNT"
evidence = "Leads reported a backlog of mandatory and driver training and little room in the shift patterns to take officers off for it."
unit = "percent"
direction = "higher_is_better"
target = 3.0
amber = 2.5
sql = """
SELECT 100.0 * SUM(CASE WHEN status = 'Training' THEN 1 ELSE 0 END)
         / NULLIF(SUM(CASE WHEN shift <> 'Rest' THEN 1 ELSE 0 END), 0) AS value,
       SUM(CASE WHEN status = 'Training' THEN 1 ELSE 0 END) AS numerator,
       SUM(CASE WHEN shift <> 'Rest' THEN 1 ELSE 0 END) AS denominator
FROM duties
WHERE team IN ('Patrol', 'PIU', 'SNT') AND rank IN ('Constable', 'Sergeant', 'Inspector')
  AND duty_date BETWEEN :from AND :to
"""

[[kpi]]
id = "overtime_claim_hours_per_week"
workstream = "WS9"
title = "Overtime hours claimed per week"
description = "Hours on authorised overtime claims dated in the window, per week."
evidence = "Gaps in resilience, such as Force CID sergeants working rest days through the summer, were being covered with overtime."
unit = "hours"
direction = "lower_is_better"
target = 750.0
amber = 850.0
sql = """
SELECT 7.0 * SUM(hours) / NULLIF(COUNT(DISTINCT claim_date), 0) AS value
FROM overtime_claims
WHERE claim_date BETWEEN :from AND :to
"""
)TOML";

}  // namespace

std::string_view programme_toml() { return programme_text; }

WrittenFile write_programme(const std::string& out_dir) {
    WrittenFile result{"programme.toml", 0};
    const std::string path = (std::filesystem::path(out_dir) / result.path).string();
    std::FILE* file = std::fopen(path.c_str(), "wb");
    if (file == nullptr)
        throw common::PirpackError(common::ErrorKind::run, path + ": cannot create file: " + std::strerror(errno), {},
                                   "check that the output folder is writable");
    const std::string_view text = programme_toml();
    const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
    if (std::fclose(file) != 0 || !written)
        throw common::PirpackError(common::ErrorKind::run, path + ": cannot write: " + std::strerror(errno), {},
                                   "check that the disk has free space");
    return result;
}

}  // namespace pirpack::sample
