#!/usr/bin/env python3
"""Turns bench/run's raw results into the Markdown of bench/results.md.

usage: report.py WORK_DIR SEED SIZE... (SIZE as PAGESxLOCALES)
"""
import collections
import json
import statistics
import sys
from pathlib import Path

work = Path(sys.argv[1])
seed = sys.argv[2]
sizes = sys.argv[3:]
res = work / "results"

COMMANDS = ["build-j2", "build-j1", "lint", "floor-j2", "floor-j1", "baseline-build-j2", "baseline-lint"]
# Issue 12's targets: peak RSS of build and lint ≤ 256 MB up to 2,000 pages (2,000 × 20),
# ≤ 300 MB at 20,000 pages × 9 locales.
def rss_limit_mb(pages):
    return 256 if pages <= 2000 else 300
nproc = __import__("os").cpu_count()


def corpus_info(name):
    info = {}
    for line in (work / name / "corpus.txt").read_text().splitlines():
        if " = " in line:
            k, v = line.split(" = ", 1)
            info[k] = v
    return info


def load(name):
    hf = json.loads((res / f"{name}.hyperfine.json").read_text())
    rows = {}
    for r in hf["results"]:
        cmd = r["command"]
        rows[cmd] = {
            "median": statistics.median(r["times"]),
            "min": min(r["times"]),
            "max": max(r["times"]),
            "runs": len(r["times"]),
            "cpu": r["user"] + r["system"],
            "failed": any(c != 0 for c in r.get("exit_codes", []) if c is not None),
        }
    rss = {}
    rss_file = res / f"{name}.rss"
    if rss_file.exists():
        for line in rss_file.read_text().splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[1].isdigit():
                rss[parts[0]] = int(parts[1]) / 1024
    lint = None
    lint_file = res / f"{name}.lint.json"
    if lint_file.exists():
        try:
            lint = json.loads(lint_file.read_text())
        except json.JSONDecodeError:
            lint = None
    return rows, rss, lint


def fmt(x, digits=2):
    return f"{x:.{digits}f}"


def ok(cond):
    return "yes" if cond else "**no**"


out = []
w = out.append
w("# fluentpress benchmark results")
w("")
w("Written by `bench/run`; see `bench/README.md` for what each number means.")
w("")
w("```")
w((res / "machine.txt").read_text().rstrip())
w("```")
w("")

summaries = {}
for size in sizes:
    pages, locales = (int(x) for x in size.split("x"))
    name = f"p{pages}-l{locales}-s{seed}"
    info = corpus_info(name)
    rows, rss, lint = load(name)
    editions = pages * locales
    source_mb = int(info["source_bytes"]) / 1e6
    floor_mb = int(info["floor_bytes"]) / 1e6
    summaries[size] = (pages, locales, rows, rss)

    w(f"## {pages:,} pages × {locales} locales")
    w("")
    w(
        f"Corpus: seed {seed}, {int(info['segments']):,} segments, "
        f"~{info['english_words_per_page']} English words a page; "
        f"source (content/ + locales/) {source_mb:.1f} MB in "
        f"{int(info['content_files']) + int(info['locales_files']):,} files; "
        f"floor input {floor_mb:.1f} MB in {int(info['floor_files']):,} files."
    )
    if lint is not None:
        errors = sum(1 for d in lint["diagnostics"] if d.get("severity") == "error")
        warnings = collections.Counter(
            d.get("code") for d in lint["diagnostics"] if d.get("severity") == "warning"
        )
        extra = (
            " (" + ", ".join(f"{k}: {v}" for k, v in sorted(warnings.items())) + ")"
            if warnings
            else ""
        )
        w(f"Lint of the corpus: {errors} errors, {sum(warnings.values())} warnings{extra}.")
    load_file = res / f"{name}.load"
    if load_file.exists():
        before, after = load_file.read_text().split()
        w(
            f"Load average (1 min) before / after the timed runs: {before} / {after} "
            f"(on {nproc} cores; above ~0.5 other processes shared the CPU, and wall times suffer first)."
        )
    w("")
    w(
        "| command | median wall s | min–max s | CPU s (user+sys) | page×locale /s "
        "| MB input /s | peak RSS MB | runs |"
    )
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for cmd in COMMANDS:
        r = rows.get(cmd)
        if not r:
            continue
        mb = floor_mb if cmd.startswith("floor") else source_mb
        note = " (exit ≠ 0)" if r["failed"] else ""
        w(
            f"| {cmd}{note} | {fmt(r['median'])} | {fmt(r['min'])}–{fmt(r['max'])} "
            f"| {fmt(r['cpu'])} | {editions / r['median']:,.0f} | {mb / r['median']:.1f} "
            f"| {fmt(rss.get(cmd, float('nan')), 0)} | {r['runs']} |"
        )
    w("")

    def ratio(a, b):
        return rows[a]["median"] / rows[b]["median"] if a in rows and b in rows else float("nan")

    bf2, bf1 = ratio("build-j2", "floor-j2"), ratio("build-j1", "floor-j1")
    sp_b, sp_f = ratio("build-j1", "build-j2"), ratio("floor-j1", "floor-j2")
    lb = ratio("lint", "build-j2")
    peak = max(rss.get(c, 0) for c in ("build-j2", "build-j1", "lint"))
    w("| ratio | value | target | met |")
    w("|---|---:|---:|---|")
    w(f"| build / floor, 2 threads (wall) | {fmt(bf2)} | ≤ 2 | {ok(bf2 <= 2)} |")
    w(f"| build / floor, 1 thread (wall) | {fmt(bf1)} | | |")
    w(
        f"| build / floor, CPU (2 threads) | "
        f"{fmt(rows['build-j2']['cpu'] / rows['floor-j2']['cpu'])} | | |"
    )
    w(f"| build: jobs 1 / jobs 2 (speed-up) | {fmt(sp_b)} | ≥ 1.7 | {ok(sp_b >= 1.7)} |")
    w(f"| floor: jobs 1 / jobs 2 (speed-up) | {fmt(sp_f)} | | |")
    w(f"| lint / build (2 threads) | {fmt(lb)} | < 0.25 | {ok(lb < 0.25)} |")
    limit = rss_limit_mb(pages)
    w(f"| peak RSS of build and lint, MB | {fmt(peak, 0)} | ≤ {limit} | {ok(peak <= limit)} |")
    if "baseline-build-j2" in rows:
        bb, bl = ratio("build-j2", "baseline-build-j2"), ratio("lint", "baseline-lint")
        w(f"| build / baseline build (2 threads, same runs) | {fmt(bb)} | ≤ 1 | {ok(bb <= 1.0)} |")
        w(f"| lint / baseline lint (same runs) | {fmt(bl)} | ≤ 1 | {ok(bl <= 1.0)} |")
        if "baseline-build-j2" in rss:
            w(f"| peak RSS build / baseline build | {fmt(rss['build-j2'] / rss['baseline-build-j2'])} | | |")
        if "baseline-lint" in rss:
            w(f"| peak RSS lint / baseline lint | {fmt(rss['lint'] / rss['baseline-lint'])} | | |")
    w("")

scaling = sorted(
    (s for s in summaries.values() if s[1] == 9), key=lambda s: s[0]
)
if len(scaling) >= 2:
    w("## Scaling with pages (9 locales)")
    w("")
    w("Time per page × locale should stay flat (linear growth); peak RSS should not grow with pages.")
    w("")
    header = "| pages | " + " | ".join(f"{c} ms/(page×locale)" for c in COMMANDS) + " | build-j2 RSS MB | lint RSS MB |"
    w(header)
    w("|---:|" + "---:|" * (len(COMMANDS) + 2))
    for pages, locales, rows, rss in scaling:
        cells = []
        for c in COMMANDS:
            r = rows.get(c)
            cells.append(fmt(1000 * r["median"] / (pages * locales), 3) if r else "–")
        w(
            f"| {pages:,} | " + " | ".join(cells)
            + f" | {fmt(rss.get('build-j2', float('nan')), 0)} | {fmt(rss.get('lint', float('nan')), 0)} |"
        )
    first, last = scaling[0], scaling[-1]
    w("")
    for c in COMMANDS:
        if c in first[2] and c in last[2]:
            growth = last[2][c]["median"] / first[2][c]["median"]
            w(
                f"- {c}: {last[0] // first[0]}× the pages took {growth:.1f}× the time "
                f"(linear: {last[0] / first[0]:.0f}×)."
            )
    w("")

print("\n".join(out))
