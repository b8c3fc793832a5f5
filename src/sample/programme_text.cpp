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
narrative = ["01-local-policing-areas.md", "03-patrol-and-piu.md"]

[[workstream]]
id = "WS2"
name = "Local Policing Resolution Centres"
lead = "Supt Local Policing Areas"
directorate = "Local Policing"
narrative = ["04-local-policing-resolution-centres.md"]

[[workstream]]
id = "WS3"
name = "OCC & IMU"
lead = "Head of Public Contact"
directorate = "Local Policing"
narrative = ["02-public-contact.md"]

[[workstream]]
id = "WS4"
name = "OPU & Operations Support"
lead = "Supt Operations"
directorate = "Local Policing"
narrative = ["05-operations.md"]

[[workstream]]
id = "WS5"
name = "Force CID / DART"
lead = "Supt Investigations"
directorate = "Protective Services"
narrative = ["06-force-investigations.md"]

[[workstream]]
id = "WS6"
name = "Protective Services (OCSET, DMI etc.)"
lead = "Supt Public Protection"
directorate = "Protective Services"
narrative = ["07-public-protection.md"]

[[workstream]]
id = "WS7"
name = "Intel Hub"
lead = "Director of Intelligence"
directorate = "Protective Services"
narrative = ["08-intelligence.md"]

# The Prevention Hub launched later than the rest of the model.
[[workstream]]
id = "WS8"
name = "Prevention Hub"
lead = "Supt Prevention"
directorate = "Protective Services"
narrative = ["09-prevention.md"]
go_live = 2023-11-20
baseline = { from = 2022-11-20, to = 2023-11-19 }

[[workstream]]
id = "WS9"
name = "Enabling and Financial Services"
lead = "Director of Enabling Services"
directorate = "Enabling Services"
narrative = ["10-learning-and-development.md"]

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
name = "training_records"
path = "training_records.csv"
encoding = "utf-8"
date_formats = ["%d/%m/%Y"]
max_reject_rate = 0.0
description = "Mandatory courses falling due for each officer, with the day each was done, from the Learning and Development system"
[source.columns]
staff_number = { header = ["Staff No", "Staff Number"], type = "text", required = true, key = true }
course = { header = "Course", type = "enum", required = true, key = true, values = ["Officer Safety Training", "Driver Refresher"] }
due_date = { header = "Due Date", type = "date", required = true, key = true }
completed_date = { header = ["Completed Date", "Date Completed"], type = "date" }

[[source]]
name = "duties"
path = "duties_*.csv"
encoding = "utf-8"
delimiter = ","
date_formats = ["%Y-%m-%d"]
max_reject_rate = 0.001
description = "One row per person per rostered day from the Duties system, one file per financial year"
# Most duty KPIs look at one team over a window: this index lets each read only that team's days.
indexes = [["duty_date"], ["team", "duty_date"]]
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
# Every crime KPI reads one window of recorded or outcome dates; each index holds every column
# those KPIs read, so a window is one range scan of the index and the table is never read.
indexes = [["recorded_date", "cam_team", "first_team", "final_team", "lpa", "arrest", "domestic_abuse", "da_risk", "rasso", "handovers", "offence_group"], ["outcome_date", "outcome_code", "lpa", "rasso", "final_team", "days_to_outcome"]]
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
first_team = { header = "First Allocated Team", type = "text" }
final_team = { header = "Final Team", type = "text" }
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
status = { header = "Status", type = "status", required = true }
last_update = { header = "Last Update", type = "date" }
notes = { header = "Notes", type = "text" }

# ---- KPIs ------------------------------------------------------------------------------------
# SQL runs once per window with :from and :to bound as ISO dates. Strength KPIs read HR on :to.
# Duty-based KPIs group by the first two characters of the staff number (the force prefix).
# Each evidence names the section of the closure report and the claim the KPI tests.

# ---- WS1 Local Policing Areas ----------------------------------------------------------------

[[kpi]]
id = "piu_sergeant_vacancies"
workstream = "WS1"
title = "PIU sergeant vacancies by LPA"
description = "PIU sergeant posts with nobody posted into them on the last day of the window."
evidence = "Section 6 Patrol & PIU: sergeant vacancies and redeployments left PIU supervision unstable early on; the risk was reducing as the teams reached a steady state."
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
evidence = "Section 6 Patrol & PIU: more of the crime meant for the PIUs has to reach them to meet the design; inexperience and turnover were holding this back."
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
id = "piu_crime_volume_vs_design"
workstream = "WS1"
title = "PIU crime volume against the CAM design"
description = "Crimes recorded in the window that were first allocated to a PIU (numerator), as a share of those the crime allocation model assigns to PIU (denominator): the volume the design expects."
evidence = "Section 6 Patrol & PIU: to meet the design, the volume of crime allocated to the PIUs needs to increase."
unit = "percent"
direction = "higher_is_better"
target = 100.0
amber = 95.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END)
         / NULLIF(SUM(CASE WHEN cam_team = 'PIU' THEN 1 ELSE 0 END), 0) AS value,
       SUM(CASE WHEN first_team = 'PIU' THEN 1 ELSE 0 END) AS numerator,
       SUM(CASE WHEN cam_team = 'PIU' THEN 1 ELSE 0 END) AS denominator
FROM crime
WHERE cam_team IS NOT NULL AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "piu_medium_risk_da_share"
workstream = "WS1"
title = "Medium-risk domestic abuse allocated to PIU"
description = "Share of medium-risk domestic abuse crimes recorded since go-live that were first allocated to a PIU."
evidence = "Section 6 Patrol & PIU: the PIUs investigate a fixed list of crime types that includes all medium-risk domestic abuse."
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
description = "Crimes recorded in the window and finally held by Patrol in which someone was arrested, per 100 such crimes."
evidence = "Section 6 Patrol & PIU: arrest rates are an issue; Patrol has a young workforce, and custody sergeants were seen to push demand away."
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
id = "arrest_rate_by_lpa"
workstream = "WS1"
title = "Arrests per 100 recorded crimes, by LPA"
description = "Crimes recorded in the window in which someone was arrested, per 100 crimes recorded, for each Local Policing Area, whichever team held them."
evidence = "Section 6 LPAs and Patrol & PIU: each LPA's Chief Inspector now owns its performance, and arrest rates were raised as an issue the better-performing forces do not have."
unit = "rate_per_100"
direction = "higher_is_better"
target = 16.0
amber = 14.0
sql = """
SELECT lpa AS scope,
       100.0 * SUM(CASE WHEN arrest THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN arrest THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE recorded_date BETWEEN :from AND :to
GROUP BY lpa
ORDER BY lpa
"""

[[kpi]]
id = "positive_outcome_rate_by_lpa"
workstream = "WS1"
title = "Positive outcome rate, by LPA"
description = "Of crimes given an outcome in the window, the share charged or summonsed (1), cautioned (3), given a cannabis warning (7) or a community resolution (8), for each Local Policing Area."
evidence = "Section 6 LPAs and Patrol & PIU: success will be judged on performance improvements that are yet to be realised; better investigations in the PIUs have not yet turned into outcomes."
unit = "percent"
direction = "higher_is_better"
target = 20.0
amber = 18.0
sql = """
SELECT lpa AS scope,
       100.0 * SUM(CASE WHEN outcome_code IN (1, 3, 7, 8) THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN outcome_code IN (1, 3, 7, 8) THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE outcome_code IS NOT NULL AND outcome_date BETWEEN :from AND :to
GROUP BY lpa
ORDER BY lpa
"""

[[kpi]]
id = "cam_first_team_match"
workstream = "WS1"
title = "Crimes first allocated to the team the CAM names"
description = "Of crimes recorded in the window that the crime allocation model assigns to a team, the share first allocated to that team."
evidence = "Section 5 Crime Allocation Model (5.19-5.21): the CAM aims for the most appropriate team to investigate; many crimes sit in grey areas, and a further CAM review was under way."
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
description = "Mean number of handovers between teams of crimes recorded in the window."
evidence = "Section 5 Crime Allocation Model (5.19): one of the CAM's three principles is the fewest possible handovers between people and teams."
unit = "ratio"
direction = "lower_is_better"
target = 0.20
amber = 0.25
sql = """
SELECT 1.0 * SUM(handovers) / NULLIF(COUNT(*), 0) AS value
FROM crime
WHERE recorded_date BETWEEN :from AND :to
"""

# ---- WS2 Local Policing Resolution Centres ---------------------------------------------------

[[kpi]]
id = "lprc_theft_damage_share"
workstream = "WS2"
title = "LPRC investigations that are theft or criminal damage"
description = "Share of crimes finally held by an LPRC whose Home Office group is theft or criminal damage and arson."
evidence = "Section 6 LPRC: just over half (53%) of LPRC investigations are theft or criminal damage, high-volume low-level demand taken off the front line."
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
description = "Of crimes recorded in the window and first allocated to an LPRC, the share the LPRC still held at the end."
evidence = "Section 6 LPRC: more than 75% of LPRC investigations stay within the team, in line with a right-first-time approach."
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
id = "lprc_share_of_recorded_crime"
workstream = "WS2"
title = "Recorded crime first allocated to an LPRC (the TIU before go-live)"
description = "Share of crimes recorded in the window first allocated to a Local Policing Resolution Centre, or to the Telephone Investigation Unit the LPRCs absorbed."
evidence = "Section 6 LPRC and Public Contact: telephone investigators moved into the new LPRCs, which took high-volume, low-level demand away from the front line."
unit = "percent"
direction = "neutral"
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team IN ('LPRC', 'Telephone Investigation Unit') THEN 1 ELSE 0 END)
         / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team IN ('LPRC', 'Telephone Investigation Unit') THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE recorded_date BETWEEN :from AND :to
"""

# ---- WS3 OCC & IMU ---------------------------------------------------------------------------

[[kpi]]
id = "fim_fdi_min_cover"
workstream = "WS3"
title = "Shifts with the minimum of control-room inspectors"
description = "Early and night shifts meeting the inspector minimum in force at the time: one OCC inspector before go-live, two FIM/FDI inspectors (one FIM, one FDI) after."
evidence = "Section 6 Public Contact: the model needs two inspectors on duty at all times, one FIM and one FDI, but was significantly under-resourced; changes followed in January 2024."
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
id = "fdi_county_cover_share"
workstream = "WS3"
title = "FIM/FDI shifts with a single FDI covering the county"
description = "Early and night FIM/FDI shifts with at most two inspectors on duty, so that at most one Force Duty Inspector was out covering the whole county (the design has three a shift: two out, one in the room)."
evidence = "Section 6 Public Contact: the FIM/FDI model was significantly under-resourced and county-cover FDI was the norm; from January 2024 two inspectors are out and one in the room."
unit = "percent"
direction = "lower_is_better"
target = 25.0
amber = 40.0
sql = """
WITH shifts AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, duty_date, shift,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team = 'FIM/FDI' AND shift IN ('Early', 'Night') AND duty_date BETWEEN :from AND :to
  GROUP BY SUBSTR(staff_number, 1, 2), duty_date, shift)
SELECT 100.0 * SUM(CASE WHEN on_duty <= 2 THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN on_duty <= 2 THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM shifts
"""

[[kpi]]
id = "imu_psl_met"
workstream = "WS3"
title = "IMU shifts meeting minimum strength"
description = "Early and night Incident Management Unit shifts with at least the minimum staff on duty (two early, one overnight)."
evidence = "Section 6 Public Contact: the IMU went from 20 staff to 16 on four shifts with a skeleton overnight; the review found no issue with the wider Public Contact changes."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 90.0
sql = """
WITH shifts AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, team, duty_date, shift,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team = 'IMU' AND shift IN ('Early', 'Night') AND duty_date BETWEEN :from AND :to
  GROUP BY SUBSTR(staff_number, 1, 2), team, duty_date, shift)
SELECT 100.0 * SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN s.on_duty >= m.minimum THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM shifts AS s
JOIN minimum_strength AS m
  ON m.team = s.team AND m.shift = s.shift AND m.effective_from <= s.duty_date
 AND (m.effective_to IS NULL OR m.effective_to >= s.duty_date)
"""

# ---- WS4 OPU & Operations Support ------------------------------------------------------------

[[kpi]]
id = "roads_psl_met"
workstream = "WS4"
title = "Roads Policing shifts meeting minimum strength (PSL)"
description = "Early and night Roads Policing shifts with at least the minimum officers on duty."
evidence = "Section 6 Operations: removing the fifth Roads shift cut capacity and PSL resilience; Roads leaders find PSL hard to meet at times."
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
id = "firearms_psl_met"
workstream = "WS4"
title = "Firearms shifts meeting minimum strength (PSL)"
description = "Early and night Firearms shifts with at least the minimum officers on duty: a control, as Firearms kept its numbers and its five shifts."
evidence = "Section 6 Operations: Firearms kept the same number of officers and stayed on five shifts, four on and four off with the fifth for training, so its resilience should be unchanged."
unit = "percent"
direction = "higher_is_better"
target = 90.0
amber = 85.0
sql = """
WITH shifts AS (
  SELECT SUBSTR(staff_number, 1, 2) AS force_code, team, duty_date, shift,
         SUM(CASE WHEN status IN ('On duty', 'Rest day worked') THEN 1 ELSE 0 END) AS on_duty
  FROM duties
  WHERE team = 'Firearms' AND shift IN ('Early', 'Night') AND duty_date BETWEEN :from AND :to
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
evidence = "Section 6 Operations: moving Dogs from the five-shift AFO pattern to four shifts made dog licensing hours hard to keep up; a return to five shifts was in hand."
unit = "hours"
direction = "higher_is_better"
target = 16.0
amber = 12.0
sql = """
SELECT 28.0 * SUM(CASE WHEN status = 'Training' THEN hours ELSE 0 END) / NULLIF(COUNT(*), 0) AS value
FROM duties
WHERE team = 'Dog Section' AND relief IS NOT NULL AND duty_date BETWEEN :from AND :to
"""

# ---- WS5 Force CID / DART --------------------------------------------------------------------

[[kpi]]
id = "fcid_ds_single_cover_share"
workstream = "WS5"
title = "Days with at most one Force CID detective sergeant on duty"
description = "Days on which at most one Force CID (CID before go-live) detective sergeant was on duty or working a rest day."
evidence = "Section 7 Force Investigations: there is regularly only one DS covering the county, and not enough resilience elsewhere to keep drawing on."
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
description = "Overtime hours of Force CID (CID before go-live) detective sergeants on rest days worked, per week of the window."
evidence = "Section 7 Force Investigations: high demand in the summer at times of low resilience required detective sergeants to work rest days on overtime."
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
evidence = "Section 7 Public Protection: RASSO cases are not getting the time they need because investigators are pulled to high-risk domestic abuse; a DART resource review follows if this persists into Q4 23/24."
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
id = "dart_rasso_share"
workstream = "WS5"
title = "RASSO share of DART's RASSO and high-risk domestic abuse caseload"
description = "Of crimes recorded in the window that are RASSO or high-risk domestic abuse and held by DART (CID before go-live), the share that are RASSO."
evidence = "Section 7 Public Protection: DART investigates both RASSO and high-risk domestic abuse, and the domestic abuse cases, carrying the most immediate risk, take the time RASSO cases need."
unit = "percent"
direction = "neutral"
sql = """
SELECT 100.0 * SUM(CASE WHEN rasso THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN rasso THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE final_team IN ('DART', 'CID') AND (rasso OR (domestic_abuse AND da_risk = 'High'))
  AND recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "high_risk_da_share"
workstream = "WS5"
title = "Domestic abuse crimes assessed as high risk"
description = "Share of domestic abuse crimes recorded in the window whose risk assessment is high: the demand that goes to DART."
evidence = "Section 7 Public Protection: investigators say they only have the resilience to manage the domestic abuse demand, which carries the most immediate risk."
unit = "percent"
direction = "neutral"
sql = """
SELECT 100.0 * SUM(CASE WHEN da_risk = 'High' THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN da_risk = 'High' THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE domestic_abuse AND recorded_date BETWEEN :from AND :to
"""

# ---- WS6 Protective Services -----------------------------------------------------------------

[[kpi]]
id = "public_protection_vacancy_rate"
workstream = "WS6"
title = "Public Protection Unit FTE vacancy rate"
description = "Posts in the Public Protection department less FTE in post, on the last day of the window, as a share of posts."
evidence = "Section 7 Public Protection: the PPU went live with a high number of vacancies during a summer of exceptionally high demand; vacancies are now lowering."
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
id = "protective_services_vacancy_rate"
workstream = "WS6"
title = "Protective Services FTE vacancy rate since go-live"
description = "Posts in the Protective Services directorate in force on the last day of the window, less FTE in post in its teams, as a share of posts."
evidence = "Section 5 Workforce Planning (5.10-5.11): teams had to launch with vacancies, and a number of them, particularly in Protective Services, were not at establishment at go-live."
unit = "percent"
direction = "lower_is_better"
target = 5.0
amber = 10.0
sql = """
SELECT 100.0 * (e.posts - h.fte) / e.posts AS value, e.posts - h.fte AS numerator, e.posts AS denominator
FROM (SELECT SUM(posts) AS posts FROM establishment
      WHERE directorate = 'Protective Services' AND effective_from <= :to
        AND (effective_to IS NULL OR effective_to >= :to)) AS e,
     (SELECT COALESCE(SUM(fte), 0) AS fte FROM hr_postings
      WHERE team IN (SELECT team FROM establishment WHERE directorate = 'Protective Services')
        AND start_date <= :to AND (end_date IS NULL OR end_date >= :to)) AS h
WHERE :to >= '2023-04-01'
"""

[[kpi]]
id = "rsomu_hromu_strength"
workstream = "WS6"
title = "RSOMU and HROMU officer strength against the model"
description = "FTE in post in the Registered Sex Offender and High Risk Offender Management Units on the last day of the window, as a share of the model's posts (RSOMU 2 DS and 16 DC; HROMU 1 DS and 4 DC). HROMU did not exist before go-live."
evidence = "Section 7 Prevention: RSOMU grew by two DCs to two sergeants and 16 constables in north and south teams, and a new HROMU of one DS and four DCs took on dangerous and violent offenders."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 85.0
sql = """
SELECT e.team AS scope, 100.0 * h.fte / e.posts AS value, h.fte AS numerator, e.posts AS denominator
FROM (SELECT team, SUM(posts) AS posts FROM establishment
      WHERE team IN ('RSOMU', 'HROMU') AND effective_to IS NULL
      GROUP BY team) AS e
JOIN (SELECT team, SUM(fte) AS fte FROM hr_postings
      WHERE team IN ('RSOMU', 'HROMU') AND start_date <= :to
        AND (end_date IS NULL OR end_date >= :to)
      GROUP BY team) AS h ON h.team = e.team
ORDER BY e.team
"""

[[kpi]]
id = "dmi_in_post"
workstream = "WS6"
title = "Digital media investigators in post"
description = "Digital media investigators in post on the last day of the window (in Digital Forensics before go-live, Cyber and Digital after)."
evidence = "Section 7 Force Investigations: the Cyber and Digital team grew from three DMIs to six; the review found no issues with this growth."
unit = "count"
direction = "higher_is_better"
target = 6.0
amber = 5.0
sql = """
SELECT COUNT(*) AS value
FROM hr_postings
WHERE role = 'Digital Media Investigator' AND start_date <= :to
  AND (end_date IS NULL OR end_date >= :to)
"""

# ---- WS7 Intel Hub ---------------------------------------------------------------------------

[[kpi]]
id = "intel_hub_sergeants_in_post"
workstream = "WS7"
title = "Sergeants in post in the Intel Hub (i24 before go-live)"
description = "Sergeants posted to the Intel Hub (the i24 team before go-live) on the last day of the window."
evidence = "Section 7 Intelligence: a second sergeant gives the Intel Hub its supervisory capacity, and only landed in December 2023."
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
id = "intel_hub_posts_filled"
workstream = "WS7"
title = "Intel Hub posts filled"
description = "Intel Hub posts with someone of the post's rank or grade in them on the last day of the window, as a share of its posts (people over establishment at a rank do not fill posts at another)."
evidence = "Section 7 Intelligence: the Intel Hub only recently reached its establishment, with the second sergeant landing in December 2023 and most other vacancies filled."
unit = "percent"
direction = "higher_is_better"
target = 100.0
amber = 90.0
sql = """
SELECT 100.0 * SUM(CASE WHEN COALESCE(h.in_post, 0) > e.posts THEN e.posts ELSE COALESCE(h.in_post, 0) END)
         / SUM(e.posts) AS value,
       SUM(CASE WHEN COALESCE(h.in_post, 0) > e.posts THEN e.posts ELSE COALESCE(h.in_post, 0) END) AS numerator,
       SUM(e.posts) AS denominator
FROM (SELECT rank_grade, SUM(posts) AS posts FROM establishment
      WHERE team = 'Intel Hub' AND effective_to IS NULL
      GROUP BY rank_grade) AS e
LEFT JOIN (SELECT rank, COUNT(*) AS in_post FROM hr_postings
           WHERE team = 'Intel Hub' AND start_date <= :to AND (end_date IS NULL OR end_date >= :to)
           GROUP BY rank) AS h ON h.rank = e.rank_grade
WHERE :to >= '2023-04-01'
"""

# ---- WS8 Prevention Hub ----------------------------------------------------------------------

[[kpi]]
id = "prevention_hub_posts_filled"
workstream = "WS8"
title = "Prevention Hub posts filled"
description = "FTE in post in the Prevention Hub on the last day of the window, as a share of its posts; none before its launch."
evidence = "Section 7 Prevention: the Prevention Hub only launched on 20 November 2023, too early to review; a proportionate review follows in mid-2024."
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

# ---- WS9 Enabling and Financial Services -----------------------------------------------------

[[kpi]]
id = "training_abstraction_share"
workstream = "WS9"
title = "Rostered working days spent training: Patrol, PIU and SNT"
description = "Share of rostered working days (not rest days) of Patrol, PIU and SNT constables, sergeants and inspectors recorded as training."
evidence = "Section 8 Learning & Development: leads cannot extract officers and build in training days, a capacity and shift-pattern problem."
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
id = "trainers_in_post"
workstream = "WS9"
title = "Investigative skills, officer safety and driver trainers in post"
description = "Trainers in the three roles the model grew (investigative skills, officer safety, driver) in post on the last day of the window; the model has 13 posts."
evidence = "Section 8 Learning & Development: the model grew investigative skills trainers from one to three, officer safety trainers from four to six and driver trainers from three to four."
unit = "count"
direction = "higher_is_better"
target = 13.0
amber = 11.0
sql = """
SELECT COUNT(*) AS value
FROM hr_postings
WHERE team = 'Learning and Development'
  AND role IN ('Investigative Skills Trainer', 'Officer Safety Trainer', 'Driver Trainer')
  AND start_date <= :to AND (end_date IS NULL OR end_date >= :to)
"""

[[kpi]]
id = "mandatory_training_backlog"
workstream = "WS9"
title = "Officers out of date for mandatory training, by course"
description = "Of officers in post on the last day of the window with a record for the course, the share with a renewal fallen due and not yet done."
evidence = "Section 8 Learning & Development: leads report a backlog of mandatory training and a driver training capacity backlog, with L&D not resourced to clear it."
unit = "percent"
direction = "lower_is_better"
target = 5.0
amber = 10.0
sql = """
SELECT course AS scope,
       100.0 * SUM(CASE WHEN due_date <= :to AND (completed_date IS NULL OR completed_date > :to) THEN 1 ELSE 0 END)
         / NULLIF(COUNT(DISTINCT staff_number), 0) AS value,
       SUM(CASE WHEN due_date <= :to AND (completed_date IS NULL OR completed_date > :to) THEN 1 ELSE 0 END) AS numerator,
       COUNT(DISTINCT staff_number) AS denominator
FROM training_records
WHERE staff_number IN (SELECT staff_number FROM hr_postings
                       WHERE officer_or_staff = 'Officer' AND start_date <= :to
                         AND (end_date IS NULL OR end_date >= :to))
GROUP BY course
ORDER BY course
"""

[[kpi]]
id = "rest_day_overtime_hours_per_week"
workstream = "WS9"
title = "Rest-day overtime worked across the force, hours a week"
description = "Overtime hours on rest days worked, all teams, per week of the window."
evidence = "Sections 6 Operations and 7 Force Investigations: Roads find PSL hard to meet and detective sergeants worked rest days on overtime in the summer; rest-day working is the cost of gaps in resilience."
unit = "hours"
direction = "lower_is_better"
target = 275.0
amber = 325.0
sql = """
SELECT 7.0 * SUM(CASE WHEN status = 'Rest day worked' THEN overtime_hours ELSE 0 END)
         / NULLIF(COUNT(DISTINCT duty_date), 0) AS value
FROM duties
WHERE duty_date BETWEEN :from AND :to
"""

[[kpi]]
id = "overtime_claim_hours_per_week"
workstream = "WS9"
title = "Overtime hours claimed per week"
description = "Hours on authorised overtime claims dated in the window, per week."
evidence = "Sections 6 Operations and 7 Force Investigations: gaps in resilience, such as Force CID sergeants working rest days through the summer, were covered with paid overtime."
unit = "hours"
direction = "lower_is_better"
target = 750.0
amber = 850.0
sql = """
SELECT 7.0 * SUM(hours) / NULLIF(COUNT(DISTINCT claim_date), 0) AS value
FROM overtime_claims
WHERE claim_date BETWEEN :from AND :to
"""

# ---- WS10 System Updates ---------------------------------------------------------------------

[[kpi]]
id = "crimes_without_team_share"
workstream = "WS10"
title = "Crimes recorded with no allocated team"
description = "Share of crimes recorded in the window with no first or final allocated team in the crime system: a data-quality measure."
evidence = "Section 5 Management of Change (5.7) and Section 6 Patrol & PIU: the model needed system changes to carry its new teams, and Athena remained a challenging system awaiting its V6 upgrade."
unit = "percent"
direction = "lower_is_better"
target = 0.5
amber = 1.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team IS NULL OR final_team IS NULL THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team IS NULL OR final_team IS NULL THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE recorded_date BETWEEN :from AND :to
"""

[[kpi]]
id = "crimes_in_retired_teams_share"
workstream = "WS10"
title = "Crimes recorded since go-live allocated to a retired team"
description = "Share of crimes recorded since go-live allocated (first or finally) to a team the new model retired: the Telephone Investigation Unit, CID or the Vulnerability and Safeguarding Unit. None before go-live."
evidence = "Section 5 Management of Change (5.7): the restructure required system changes, so the crime system had to stop offering the old model's teams."
unit = "percent"
direction = "lower_is_better"
target = 0.5
amber = 1.0
sql = """
SELECT 100.0 * SUM(CASE WHEN first_team IN ('Telephone Investigation Unit', 'CID', 'Vulnerability and Safeguarding Unit')
                          OR final_team IN ('Telephone Investigation Unit', 'CID', 'Vulnerability and Safeguarding Unit')
                        THEN 1 ELSE 0 END) / NULLIF(COUNT(*), 0) AS value,
       SUM(CASE WHEN first_team IN ('Telephone Investigation Unit', 'CID', 'Vulnerability and Safeguarding Unit')
                  OR final_team IN ('Telephone Investigation Unit', 'CID', 'Vulnerability and Safeguarding Unit')
                THEN 1 ELSE 0 END) AS numerator,
       COUNT(*) AS denominator
FROM crime
WHERE recorded_date >= '2023-04-01' AND recorded_date BETWEEN :from AND :to
"""

# ---- WS11 Management of Change ---------------------------------------------------------------

[[kpi]]
id = "officer_strength_vs_model"
workstream = "WS11"
title = "Officer FTE in post against the 1,075-post model"
description = "Officer FTE in post on the last day of the window, as a share of the model's officer posts (the bank of 25 excluded)."
evidence = "Section 4 Design (4.18-4.20): the chosen model has 1,075 officer posts rather than 1,100, plus a bank of 25 unallocated, so that strength can be held at or near the model."
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
id = "establishment_fill_by_team_rank"
workstream = "WS11"
title = "Officer posts filled, by team and rank"
description = "For each team and rank of the Local Policing and Protective Services directorates, posts with an officer of that rank in them on the last day of the window, as a share of posts (officers over establishment do not fill posts elsewhere)."
evidence = "Section 5 Workforce Planning (5.10): allocating people to posts in the new teams needed careful sequencing, teams launched with vacancies, and workforce planning data is a weakness."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 85.0
sql = """
SELECT e.team || ' - ' || e.rank_grade AS scope,
       100.0 * (CASE WHEN COALESCE(h.in_post, 0) > e.posts THEN e.posts ELSE COALESCE(h.in_post, 0) END)
         / e.posts AS value,
       CASE WHEN COALESCE(h.in_post, 0) > e.posts THEN e.posts ELSE COALESCE(h.in_post, 0) END AS numerator,
       e.posts AS denominator
FROM (SELECT team, rank_grade, SUM(posts) AS posts FROM establishment
      WHERE officer_or_staff = 'Officer' AND directorate IN ('Local Policing', 'Protective Services')
        AND effective_from <= :to AND (effective_to IS NULL OR effective_to >= :to)
      GROUP BY team, rank_grade) AS e
LEFT JOIN (SELECT team, rank, COUNT(*) AS in_post FROM hr_postings
           WHERE officer_or_staff = 'Officer' AND start_date <= :to
             AND (end_date IS NULL OR end_date >= :to)
           GROUP BY team, rank) AS h ON h.team = e.team AND h.rank = e.rank_grade
ORDER BY e.team, e.rank_grade
"""

[[kpi]]
id = "model_posts_filled"
workstream = "WS11"
title = "Posting progress: model posts filled"
description = "All posts of the model, officer and staff (the bank excluded), with someone of the post's rank or grade in its team on the last day of the window, as a share of posts."
evidence = "Section 5 Management of Change (5.7-5.11): posting people into the new teams was one of the largest management-of-change exercises the force has run; teams launched short of establishment at a viable tipping point."
unit = "percent"
direction = "higher_is_better"
target = 95.0
amber = 90.0
sql = """
SELECT 100.0 * SUM(f.filled) / SUM(f.posts) AS value, SUM(f.filled) AS numerator, SUM(f.posts) AS denominator
FROM (SELECT e.posts,
             CASE WHEN COALESCE(h.in_post, 0) > e.posts THEN e.posts ELSE COALESCE(h.in_post, 0) END AS filled
      FROM (SELECT team, rank_grade, SUM(posts) AS posts FROM establishment
            WHERE team <> 'Unallocated Officer Bank'
              AND effective_from <= :to AND (effective_to IS NULL OR effective_to >= :to)
            GROUP BY team, rank_grade) AS e
      LEFT JOIN (SELECT team, rank, COUNT(*) AS in_post FROM hr_postings
                 WHERE start_date <= :to AND (end_date IS NULL OR end_date >= :to)
                 GROUP BY team, rank) AS h ON h.team = e.team AND h.rank = e.rank_grade) AS f
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
