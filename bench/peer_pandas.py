#!/usr/bin/python3
"""The pandas peer: the job an analyst without pirpack would write for the month's KPI sheet.

Reads a sample's extracts as its programme.toml declares them (paths and globs, encodings, the
header row, date formats, the header names of each column), works out fourteen of the
catalogue's KPIs (HR and establishment, duties, overtime claims and crime) over the same
windows pirpack uses (baseline, current, matched, every month from the baseline's start),
writes a workbook with a formatted KPI sheet and a line chart per KPI, then checks every value,
numerator and denominator against pirpack's kpis.json for the same period (relative 1e-9).

Usage: /usr/bin/python3 bench/peer_pandas.py INPUT_DIR KPIS_JSON [--period YYYY-MM] [--out FILE.xlsx]
Exit 0 and "peer matches pirpack for N KPIs", or a list of mismatches and exit 1.
Debian 12: python3-pandas, python3-openpyxl, python3-xlsxwriter (deps/bench-packages.txt).
"""
import argparse
import calendar
import datetime as dt
import glob
import json
import math
import os
import sys
import time
import tomllib

import numpy as np
import pandas as pd

ON_DUTY = ["On duty", "Rest day worked"]
TRUE_WORDS = {"y", "yes", "true", "t", "1"}
FALSE_WORDS = {"n", "no", "false", "f", "0"}


# ---- windows, as src/kpi/windows.cpp defines them ----------------------------------------------

def last_day(year, month):
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def one_year_earlier(d):
    return dt.date(d.year - 1, d.month, 28 if (d.month == 2 and d.day == 29) else d.day)


def fiscal_year_start(d, start_month):
    return dt.date(d.year if d.month >= start_month else d.year - 1, start_month, 1)


def fiscal_quarter_start(d, start_month):
    months_in = (d.month - start_month + 12) % 12
    first, year = d.month - months_in % 3, d.year
    if first < 1:
        first, year = first + 12, year - 1
    return dt.date(year, first, 1)


def workstream_baseline(programme, ws):
    if "baseline" in ws:
        return ws["baseline"]["from"], ws["baseline"]["to"]
    base = programme["baseline"]
    if "go_live" not in ws or ws["go_live"] == programme["go_live"]:
        return base["from"], base["to"]
    length = base["to"] - base["from"]
    to = ws["go_live"] - dt.timedelta(days=1)
    return to - length, to


def compute_windows(programme, ws, current, period):
    """[(name, from, to)]: baseline, current, matched (when the data reaches back), then months."""
    b_from, b_to = workstream_baseline(programme, ws)
    period_end = last_day(period.year, period.month)
    start_month = programme.get("fiscal_year_start_month", 4)
    c_from = {"month": dt.date(period.year, period.month, 1),
              "quarter": fiscal_quarter_start(period, start_month),
              "fiscal_ytd": fiscal_year_start(period, start_month),
              "since_go_live": ws.get("go_live", programme["go_live"])}[current]
    windows = [("baseline", b_from, b_to), ("current", c_from, period_end)]
    m_from = one_year_earlier(c_from)
    data_start = programme["baseline"]["from"]  # pirpack run passes the programme's baseline start
    if current != "since_go_live" and not m_from < data_start:
        windows.append(("matched", m_from, last_day(period_end.year - 1, period_end.month)))
    month = dt.date(b_from.year, b_from.month, 1)
    while month <= period_end:
        windows.append((f"{month.year:04d}-{month.month:02d}", month, last_day(month.year, month.month)))
        month = last_day(month.year, month.month) + dt.timedelta(days=1)
    return windows


# ---- reading the extracts as the programme declares them --------------------------------------

def python_encoding(name, path):
    name = name.lower()
    if name in ("utf-8", "utf8"):
        with open(path, "rb") as f:
            return "utf-8-sig" if f.read(3) == b"\xef\xbb\xbf" else "utf-8"
    return {"windows-1252": "cp1252", "latin-1": "latin-1", "iso-8859-1": "latin-1"}.get(name, name)


def to_dates(series, formats):
    """Date cells come through as dates; text is tried against each declared format in turn."""
    if not pd.api.types.is_object_dtype(series):
        return pd.to_datetime(series).dt.normalize()
    out = pd.to_datetime(series, format=formats[0], errors="coerce")
    for fmt in formats[1:]:
        missing = out.isna() & series.notna()
        if not missing.any():
            break
        out[missing] = pd.to_datetime(series[missing], format=fmt, errors="coerce")
    return out


def read_source(inputs, source, wanted):
    """One source as a DataFrame with the programme's column names, typed; rows missing a required
    value or failing to parse are dropped and counted."""
    spec = source["columns"]
    frames = []
    for path in sorted(glob.glob(os.path.join(inputs, source["path"]))):
        if path.endswith(".xlsx"):
            header = pd.read_excel(path, sheet_name=source.get("sheet", 0), nrows=0).columns
        else:
            encoding = python_encoding(source.get("encoding", "utf-8"), path)
            skip = source.get("header_row", 1) - 1
            header = pd.read_csv(path, encoding=encoding, skiprows=skip, nrows=0,
                                 sep=source.get("delimiter", ",")).columns
        names = {}
        for column in wanted:
            options = spec[column]["header"]
            options = [options] if isinstance(options, str) else options
            names[next(h for h in options if h in header)] = column
        types = {h: (float if spec[c]["type"] in ("decimal", "integer") else str) for h, c in names.items()}
        if path.endswith(".xlsx"):
            frame = pd.read_excel(path, sheet_name=source.get("sheet", 0), usecols=list(names))
        else:
            frame = pd.read_csv(path, encoding=encoding, skiprows=skip, sep=source.get("delimiter", ","),
                                usecols=list(names), dtype=types, keep_default_na=False, na_values=[""])
        frames.append(frame.rename(columns=names))
    df = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    rows = len(df)
    formats = source.get("date_formats", ["%Y-%m-%d"])
    for column in wanted:
        kind = spec[column]["type"]
        if kind == "date":
            df[column] = to_dates(df[column], formats)
        elif kind == "boolean":
            words = df[column].astype(str).str.strip().str.lower()
            df[column] = words.map(lambda w: True if w in TRUE_WORDS else False if w in FALSE_WORDS else None)
        elif kind in ("decimal", "integer"):
            df[column] = pd.to_numeric(df[column], errors="coerce")
    required = [c for c in wanted if spec[c].get("required")]
    df = df.dropna(subset=required)
    if len(df) < rows:
        print(f"peer: {source['name']}: dropped {rows - len(df)} of {rows} rows with a missing or bad value",
              file=sys.stderr)
    return df


# ---- the KPIs, each the same logic as its SQL in programme.toml --------------------------------
# Each takes the data and a window and returns {scope: (value, numerator, denominator)}, None for
# SQL NULL. SUM over no rows is NULL, COUNT is 0, x / NULLIF(0, 0) is NULL.

def share(num, den, scale=100.0):
    return None if den == 0 else scale * num / den


def in_window(frame, column, lo, hi):
    return frame[(frame[column] >= lo) & (frame[column] <= hi)]


def in_post(hr, on):
    return hr[(hr.start_date <= on) & (hr.end_date.isna() | (hr.end_date >= on))]


def count_share(frame, hit):
    """SUM(CASE WHEN hit THEN 1 ELSE 0 END), COUNT(*), 100 * the one over the other."""
    den = len(frame)
    num = int(hit.sum()) if den else None
    return {"": (share(num, den), num, den)}


def psl_met(d, lo, hi):
    shifts = in_window(d["psl_duties"], "duty_date", lo, hi)
    grouped = (shifts.assign(on_duty=shifts.status.isin(ON_DUTY))
               .groupby(["force", "team", "duty_date", "shift"]).on_duty.sum().reset_index())
    joined = grouped.merge(d["minimum_strength"], on=["team", "shift"])
    joined = joined[(joined.effective_from <= joined.duty_date)
                    & (joined.effective_to.isna() | (joined.effective_to >= joined.duty_date))]
    return count_share(joined, joined.on_duty >= joined.minimum)


def fcid_single_cover(d, lo, hi):
    ds = in_window(d["fcid_ds"], "duty_date", lo, hi)
    cover = ds.assign(on_duty=ds.status.isin(ON_DUTY)).groupby(["force", "duty_date"]).on_duty.sum()
    return count_share(cover, cover <= 1)


def training_abstraction(d, lo, hi):
    rows = in_window(d["response_duties"], "duty_date", lo, hi)
    if rows.empty:
        return {"": (None, None, None)}
    num, den = int((rows.status == "Training").sum()), int((rows["shift"] != "Rest").sum())
    return {"": (share(num, den), num, den)}


def rest_day_overtime(d, lo, hi):
    days = in_window(d["duty_days"], "duty_date", lo, hi)
    if days.empty:
        return {"": (None, None, None)}
    return {"": (share(days.rdw_overtime.sum(), len(days), 7.0), None, None)}


def overtime_claims_per_week(d, lo, hi):
    claims = in_window(d["overtime_claims"], "claim_date", lo, hi)
    if claims.empty:
        return {"": (None, None, None)}
    return {"": (share(claims.hours.sum(), claims.claim_date.nunique(), 7.0), None, None)}


def patrol_arrest_rate(d, lo, hi):
    crimes = in_window(d["patrol_crime"], "recorded_date", lo, hi)
    return count_share(crimes, crimes.arrest)


def arrest_rate_by_lpa(d, lo, hi):
    crimes = in_window(d["crime"], "recorded_date", lo, hi)
    out = {}
    for lpa, group in crimes.groupby("lpa"):
        num, den = int(group.arrest.sum()), len(group)
        out[lpa] = (share(num, den), num, den)
    return out


def cam_first_team_match(d, lo, hi):
    crimes = in_window(d["cam_crime"], "recorded_date", lo, hi)
    return count_share(crimes, crimes.first_team == crimes.cam_team)


def handovers_per_crime(d, lo, hi):
    crimes = in_window(d["crime"], "recorded_date", lo, hi)
    if crimes.empty:
        return {"": (None, None, None)}
    return {"": (share(crimes.handovers.sum(), len(crimes), 1.0), None, None)}


def dart_rasso_outcome_days(d, lo, hi):
    crimes = in_window(d["dart_rasso_outcomes"], "outcome_date", lo, hi)
    if crimes.empty:
        return {"": (None, None, None)}
    return {"": (share(crimes.days_to_outcome.sum(), len(crimes), 1.0), None, None)}


def piu_sergeant_vacancies(d, lo, hi):
    if hi < pd.Timestamp("2023-04-01"):
        return {}
    est = d["establishment"]
    posts = est[(est.team == "PIU") & (est.rank_grade == "Sergeant") & est.effective_to.isna()].groupby("lpa").posts.sum()
    hr = in_post(d["hr_postings"], hi)
    held = hr[(hr.team == "PIU") & (hr["rank"] == "Sergeant")].groupby("lpa").size()
    return {lpa: (float(p - held.get(lpa, 0)), None, None) for lpa, p in posts.items()}


def officer_strength_vs_model(d, lo, hi):
    est = d["establishment"]
    posts = est[(est.officer_or_staff == "Officer") & (est.team != "Unallocated Officer Bank")
                & est.effective_to.isna()].posts
    posts = posts.sum() if len(posts) else None
    officers = in_post(d["hr_postings"], hi)
    officers = officers[officers.officer_or_staff == "Officer"]
    fte = officers.fte.sum() if len(officers) else None
    value = None if fte is None or not posts else 100.0 * fte / posts
    return {"": (value, fte, posts)}


def intel_hub_sergeants_in_post(d, lo, hi):
    hr = in_post(d["hr_postings"], hi)
    return {"": (float(((hr.team.isin(["Intel Hub", "i24"])) & (hr["rank"] == "Sergeant")).sum()), None, None)}


def mandatory_training_backlog(d, lo, hi):
    hr = in_post(d["hr_postings"], hi)
    officers = hr[hr.officer_or_staff == "Officer"].staff_number.unique()
    records = d["training_records"]
    records = records[records.staff_number.isin(officers)]
    out = {}
    for course, group in records.groupby("course"):
        overdue = (group.due_date <= hi) & (group.completed_date.isna() | (group.completed_date > hi))
        num, den = int(overdue.sum()), group.staff_number.nunique()
        out[course] = (share(num, den), num, den)
    return out


KPIS = {  # id: (function, source of its data)
    "piu_sergeant_vacancies": (piu_sergeant_vacancies, "HR/establishment"),
    "officer_strength_vs_model": (officer_strength_vs_model, "HR/establishment"),
    "intel_hub_sergeants_in_post": (intel_hub_sergeants_in_post, "HR"),
    "mandatory_training_backlog": (mandatory_training_backlog, "HR/training"),
    "roads_psl_met": (psl_met, "duties"),
    "fcid_ds_single_cover_share": (fcid_single_cover, "duties"),
    "training_abstraction_share": (training_abstraction, "duties"),
    "rest_day_overtime_hours_per_week": (rest_day_overtime, "duties"),
    "overtime_claim_hours_per_week": (overtime_claims_per_week, "overtime claims"),
    "patrol_arrest_rate": (patrol_arrest_rate, "crime"),
    "arrest_rate_by_lpa": (arrest_rate_by_lpa, "crime"),
    "cam_first_team_match": (cam_first_team_match, "crime"),
    "handovers_per_crime": (handovers_per_crime, "crime"),
    "dart_rasso_outcome_days": (dart_rasso_outcome_days, "crime"),
}


def load(inputs, programme):
    sources = {s["name"]: s for s in programme["source"]}
    d = {}
    d["establishment"] = read_source(inputs, sources["establishment"],
                                     ["team", "lpa", "rank_grade", "officer_or_staff", "posts", "effective_to"])
    d["hr_postings"] = read_source(inputs, sources["hr_postings"],
                                   ["staff_number", "officer_or_staff", "rank", "team", "lpa", "fte",
                                    "start_date", "end_date"])
    d["training_records"] = read_source(inputs, sources["training_records"],
                                        ["staff_number", "course", "due_date", "completed_date"])
    d["minimum_strength"] = read_source(inputs, sources["minimum_strength"],
                                        ["team", "shift", "minimum", "effective_from", "effective_to"])
    d["overtime_claims"] = read_source(inputs, sources["overtime_claims"], ["claim_date", "hours"])
    duties = read_source(inputs, sources["duties"],
                         ["duty_date", "staff_number", "rank", "team", "shift", "status", "overtime_hours"])
    # The subsets the duty KPIs read, taken once rather than per window.
    psl = duties[(duties.team == "Roads Policing") & duties["shift"].isin(["Early", "Night"])]
    d["psl_duties"] = psl.assign(force=psl.staff_number.str[:2])
    fcid = duties[duties.team.isin(["Force CID", "CID"]) & (duties["rank"] == "Detective Sergeant")]
    d["fcid_ds"] = fcid.assign(force=fcid.staff_number.str[:2])
    d["response_duties"] = duties[duties.team.isin(["Patrol", "PIU", "SNT"])
                                  & duties["rank"].isin(["Constable", "Sergeant", "Inspector"])]
    rdw = duties.overtime_hours.where(duties.status == "Rest day worked", 0.0)
    d["duty_days"] = rdw.groupby(duties.duty_date).sum(min_count=1).rename("rdw_overtime").reset_index()
    del duties, rdw
    crime = read_source(inputs, sources["crime"],
                        ["recorded_date", "lpa", "rasso", "cam_team", "first_team", "final_team", "handovers",
                         "outcome_date", "days_to_outcome", "arrest"])
    d["crime"] = crime
    d["patrol_crime"] = crime[crime.final_team == "Patrol"]
    d["cam_crime"] = crime[crime.cam_team.notna()]
    d["dart_rasso_outcomes"] = crime[crime.rasso.astype(bool) & crime.final_team.isin(["DART", "CID"])
                                     & crime.days_to_outcome.notna()]
    return d


# ---- the workbook ------------------------------------------------------------------------------

def write_workbook(path, programme, period, results):
    import xlsxwriter  # noqa: F401  (pandas' engine; imported so a missing package fails here)
    catalogue = {k["id"]: k for k in programme["kpi"]}
    summary, monthly = [], {}
    for kpi_id, (windows, scopes) in results.items():
        k = catalogue[kpi_id]
        for scope, by_window in scopes.items():
            base, cur = by_window["baseline"][0], by_window["current"][0]
            matched = by_window.get("matched", (None,))[0]
            summary.append({"KPI": kpi_id, "Scope": scope, "Title": k["title"], "Unit": k["unit"],
                            "Target": k.get("target"), "Baseline": base, "Matched": matched, "Current": cur,
                            "Change vs baseline": None if base is None or cur is None else cur - base})
            monthly[f"{kpi_id} {scope}".strip()] = {w[0]: by_window[w[0]][0] for w in windows if w[0][0].isdigit()}
    table = pd.DataFrame(summary)
    trend = pd.DataFrame(monthly)
    trend.index.name = "Month"
    with pd.ExcelWriter(path, engine="xlsxwriter") as writer:
        table.to_excel(writer, sheet_name="KPIs", index=False, startrow=2)
        trend.to_excel(writer, sheet_name="Monthly")
        book, sheet = writer.book, writer.sheets["KPIs"]
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format({"bold": True, "bg_color": "#1F4E79", "font_color": "white", "text_wrap": True,
                                "border": 1})
        number = book.add_format({"num_format": "0.0"})
        sheet.write(0, 0, f"{programme['programme']['name']}: KPIs for {period}", title)
        for c, name in enumerate(table.columns):
            sheet.write(2, c, name, head)
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 1, 26)
        sheet.set_column(2, 2, 60)
        sheet.set_column(3, 3, 12)
        sheet.set_column(4, 8, 12, number)
        sheet.freeze_panes(3, 2)
        sheet.autofilter(2, 0, 2 + len(table), len(table.columns) - 1)
        last = 2 + len(table)
        sheet.conditional_format(3, 8, last, 8, {"type": "3_color_scale"})
        charts = book.add_worksheet("Charts")
        months = len(trend)
        col = 1
        for i, kpi_id in enumerate(results):
            chart = book.add_chart({"type": "line"})
            for scope in results[kpi_id][1]:
                name = f"{kpi_id} {scope}".strip()
                chart.add_series({"name": ["Monthly", 0, col], "categories": ["Monthly", 1, 0, months, 0],
                                  "values": ["Monthly", 1, col, months, col]})
                col += 1
            chart.set_title({"name": catalogue[kpi_id]["title"], "name_font": {"size": 10}})
            chart.set_y_axis({"name": catalogue[kpi_id]["unit"]})
            chart.set_legend({"position": "bottom"})
            charts.insert_chart(1 + (i // 2) * 16, 1 + (i % 2) * 9, chart)


# ---- checking against pirpack ------------------------------------------------------------------

def same(a, b):
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=0.0)


def check(results, kpis_json):
    theirs = {k["id"]: k for k in kpis_json["kpis"]}
    problems = []
    for kpi_id, (windows, scopes) in results.items():
        if kpi_id not in theirs:
            problems.append(f"{kpi_id}: not in kpis.json")
            continue
        their_scopes = {s["scope"]: s for s in theirs[kpi_id]["scopes"]}
        for scope in sorted(set(scopes) | set(their_scopes)):
            if scope not in scopes or scope not in their_scopes:
                problems.append(f"{kpi_id} [{scope}]: scope only in {'pirpack' if scope in their_scopes else 'peer'}")
                continue
            s = their_scopes[scope]
            theirs_by_window = {"baseline": s["baseline"], "current": s["current"]}
            if s.get("matched"):
                theirs_by_window["matched"] = s["matched"]
            for m in s["monthly"]:
                theirs_by_window[m["month"]] = m
            names = [w[0] for w in windows]
            if set(names) != set(theirs_by_window):
                problems.append(f"{kpi_id} [{scope}]: windows differ: peer {names}, pirpack {sorted(theirs_by_window)}")
                continue
            for name, lo, hi in windows:
                t = theirs_by_window[name]
                if "from" in t and (t["from"], t["to"]) != (lo.isoformat(), hi.isoformat()):
                    problems.append(f"{kpi_id} [{scope}] {name}: window {lo}..{hi}, pirpack {t['from']}..{t['to']}")
                mine = scopes[scope][name]
                for field, a in zip(("value", "numerator", "denominator"), mine):
                    b = t[field]
                    if a is not None and field != "value" and b is None:
                        continue  # pirpack leaves out what the SQL does not return
                    if not same(None if a is None else float(a), b):
                        problems.append(f"{kpi_id} [{scope}] {name} {field}: peer {a}, pirpack {b}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs")
    parser.add_argument("kpis_json")
    parser.add_argument("--period", help="YYYY-MM (default: the period of kpis.json)")
    parser.add_argument("--out", default="peer_kpis.xlsx")
    args = parser.parse_args()
    with open(args.kpis_json, encoding="utf-8") as f:
        kpis_json = json.load(f)
    period_text = args.period or kpis_json["period"]
    period = dt.date.fromisoformat(period_text + "-01")
    with open(os.path.join(args.inputs, "programme.toml"), "rb") as f:
        programme = tomllib.load(f)
    info = programme["programme"]
    workstreams = {w["id"]: w for w in programme["workstream"]}
    catalogue = {k["id"]: k for k in programme["kpi"]}

    timings = []
    started = time.perf_counter()
    data = load(args.inputs, programme)
    timings.append(("read", time.perf_counter() - started))

    started = time.perf_counter()
    results = {}
    for kpi_id, (function, _) in KPIS.items():
        k = catalogue[kpi_id]
        windows = compute_windows(info, workstreams[k["workstream"]], k.get("current", info.get("current", "month")),
                                  period)
        per_window = {name: function(data, pd.Timestamp(lo), pd.Timestamp(hi)) for name, lo, hi in windows}
        scopes = sorted({s for rows in per_window.values() for s in rows}) or [""]
        results[kpi_id] = (windows, {s: {name: per_window[name].get(s, (None, None, None)) for name, _, _ in windows}
                                     for s in scopes})
    timings.append(("compute", time.perf_counter() - started))

    started = time.perf_counter()
    write_workbook(args.out, programme, period_text, results)
    timings.append(("write", time.perf_counter() - started))

    problems = check(results, kpis_json)
    print("peer stages: " + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in timings), file=sys.stderr)
    if problems:
        for problem in problems[:50]:
            print("mismatch: " + problem)
        if len(problems) > 50:
            print(f"... and {len(problems) - 50} more")
        print(f"peer does not match pirpack: {len(problems)} mismatches over {len(results)} KPIs")
        return 1
    print(f"peer matches pirpack for {len(results)} KPIs ({', '.join(results)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
