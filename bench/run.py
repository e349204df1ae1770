#!/usr/bin/env python3
"""Benchmark runner: each bench program under CPython and protopy, side by side.

    python3 bench/run.py [--runs N] [--only REGEX] [--protopy PATH] [--python CMD]

Each program runs as `X -c "import NAME; print(NAME.run())"` from this folder,
CPython as `python3 -S` (plain `python3` spends start-up time in a site hook).
The systems alternate, several runs each; the table shows median wall time,
the ratio protopy/CPython, peak RSS of each, and whether outputs matched. It
is printed and written to bench/RESULTS.md.

With protopyc built (`--protopyc PATH`, default target/release/protopyc), each
program with run() is also compiled, in a copy of this folder, and imported
compiled (`PROTOPY_REQUIRE_COMPILED=1`): the `compiled` column, and the
warm-cache compile time of each module (the runtime is built once first).

Programs with a hand-written Rust version in bench/rust-ref/src/bin/ (built
here with cargo) also run that binary: the `rust-ref` column, the physical
limit compiled code is compared with, with its ratio to CPython.
"""
import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def run_once(cmd, cwd, env=None):
    """Wall time, peak RSS (KiB) and stdout of one run."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    out, err = p.communicate()
    elapsed = time.perf_counter() - start
    # communicate() has reaped the child; its rusage is in RUSAGE_CHILDREN
    # only cumulatively, so measure RSS with a separate wait4 run below.
    return elapsed, out.decode(errors="replace"), err.decode(errors="replace"), p.returncode


def peak_rss(cmd, cwd, env=None):
    """Peak RSS (KiB) of one run. A child's ru_maxrss starts at its
    parent's size at fork (this runner's), so with GNU time at hand the
    program is measured under it, whose own size is small."""
    gnu_time = "/usr/bin/time"
    if os.path.exists(gnu_time):
        p = subprocess.run([gnu_time, "-f", "%M"] + cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        lines = p.stderr.strip().splitlines()
        if lines and lines[-1].strip().isdigit():
            return int(lines[-1].strip())
    p = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, _, usage = os.wait4(p.pid, 0)
    return usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--only")
    ap.add_argument("--protopy", default=os.path.join(ROOT, "target", "release", "protopy"))
    ap.add_argument("--python", default="python3 -S")
    ap.add_argument("--protopyc", default=os.path.join(ROOT, "target", "release", "protopyc"))
    ap.add_argument("--no-write", action="store_true", help="do not write bench/RESULTS.md")
    a = ap.parse_args()
    progs = sorted(f[:-3] for f in os.listdir(HERE) if f.endswith(".py") and f != "run.py")
    if a.only:
        progs = [p for p in progs if re.search(a.only, p)]
    systems = {"CPython": shlex.split(a.python), "protopy": [a.protopy]}
    compiled_dir, compile_times = compile_all(a.protopyc, progs) if os.path.exists(a.protopyc) else (None, {})
    compiled_env = dict(os.environ, PROTOPY_REQUIRE_COMPILED="1")
    rust_refs = build_rust_refs()
    rows = []
    # Lines a program prints on stderr about itself (threads_cpu's speedup),
    # by program and system, one per run.
    notes = {}
    for name in progs:
        with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
            has_run = "\ndef run(" in f.read()
        # A program without run() (start-up cost) runs as a script.
        args = ["-c", f"import {name}; print({name}.run())"] if has_run else [name + ".py"]
        times = {s: [] for s in systems}
        outputs = {}
        failed = {}
        runs = dict(systems)
        if has_run and name in compile_times:
            runs["compiled"] = [a.protopy]
        if name in rust_refs:
            runs["rust-ref"] = [rust_refs[name]]
        times = {s: [] for s in runs}
        for _ in range(a.runs):
            for s, base in runs.items():
                cwd, env = (compiled_dir, compiled_env) if s == "compiled" else (HERE, None)
                t, out, err, rc = run_once(base if s == "rust-ref" else base + args, cwd, env)
                if rc != 0:
                    failed[s] = (err.strip().splitlines() or ["exit %d" % rc])[-1][:80]
                else:
                    times[s].append(t)
                    outputs[s] = out
                    said = [l for l in err.splitlines() if l.startswith("speedup")]
                    if said:
                        notes.setdefault(name, {}).setdefault(s, []).append(said[-1])
        rss = {s: peak_rss(base + args, HERE) / 1024 for s, base in systems.items()}
        med = {s: statistics.median(v) if v else None for s, v in times.items()}
        match = "yes" if outputs.get("CPython") is not None and outputs.get("CPython") == outputs.get("protopy") else "NO"
        if "protopy" in failed:
            match = "error: " + failed["protopy"]
        ratio = med["protopy"] / med["CPython"] if med["protopy"] and med["CPython"] else None
        def cell(system):
            """Median time and ratio to CPython of one of the other systems."""
            t = med.get(system)
            if system in failed:
                return "error: " + failed[system][:40]
            if t is not None and outputs.get(system) != outputs.get("CPython"):
                return "output differs"
            if t is not None and med["CPython"]:
                return f"{t:.3f} ({t / med['CPython']:.2f})"
            return "-"
        comp_cell, ref_cell = cell("compiled"), cell("rust-ref")
        ctime = compile_times.get(name)
        ctime_cell = "-" if ctime is None else (f"{ctime:.1f}" if ctime >= 0 else "failed")
        rows.append((name, med["CPython"], med["protopy"], ratio, rss["CPython"], rss["protopy"], match, comp_cell, ctime_cell, ref_cell))
        print(f"{name:18} done", file=sys.stderr)
    fmt = lambda v, f: "-" if v is None else f.format(v)
    lines = [
        "| program | CPython s | protopy s | protopy/CPython | CPython RSS MB | protopy RSS MB | output matches | compiled s (/CPython) | compile s | rust-ref s (/CPython) |",
        "|---|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, c, p, r, rc, rp, m, cc, ct, rr in rows:
        lines.append(f"| {name} | {fmt(c, '{:.3f}')} | {fmt(p, '{:.3f}')} | {fmt(r, '{:.2f}')} | {rc:.1f} | {rp:.1f} | {m} | {cc} | {ct} | {rr} |")
    ratios = [r[3] for r in rows if r[3]]
    if ratios:
        geo = statistics.geometric_mean(ratios)
        lines.append(f"\nGeometric mean of protopy/CPython over {len(ratios)} programs: {geo:.2f}")
    comp_ratios = [float(r[7].split("(")[1].rstrip(")")) for r in rows if "(" in r[7]]
    if comp_ratios:
        lines.append(f"Geometric mean of compiled/CPython over {len(comp_ratios)} programs: {statistics.geometric_mean(comp_ratios):.2f}")
    for name, by_system in notes.items():
        lines.append(f"\n{name} (printed on stderr, every run): " + "; ".join(f"{s}: {' | '.join(said)}" for s, said in by_system.items()))
    table = "\n".join(lines)
    print(table)
    if not a.no_write:
        py = subprocess.run(systems["CPython"] + ["-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True).stdout.strip()
        path = os.path.join(HERE, "RESULTS.md")
        # The hand-written profile notes after the table are kept.
        kept = ""
        if os.path.exists(path):
            old = open(path).read()
            at = old.find(PROFILE_HEADING)
            if at >= 0:
                kept = old[at:]
        with open(path, "w") as f:
            f.write("# Benchmark results\n\n")
            f.write(f"Measured by `python3 bench/run.py --runs {a.runs}` on {time.strftime('%Y-%m-%d')}, "
                    f"CPython {py} (`{a.python}`) against `target/release/protopy`, median of {a.runs} runs each, "
                    f"alternating. Wall time of the whole process; lower ratio is better.\n\n")
            f.write(table + "\n")
            if kept:
                f.write("\n" + kept)


PROFILE_HEADING = "## Where the time goes"


def build_rust_refs():
    """Build bench/rust-ref (release) if cargo is at hand; its binaries by
    program name."""
    crate = os.path.join(HERE, "rust-ref")
    target = os.path.join(ROOT, "target", "rust-ref")
    if not shutil.which("cargo") or not os.path.isdir(crate):
        return {}
    r = subprocess.run(["cargo", "build", "--release", "--quiet", "--manifest-path", os.path.join(crate, "Cargo.toml"), "--target-dir", target],
                       capture_output=True, text=True)
    if r.returncode != 0:
        print("rust-ref build failed:\n" + r.stderr, file=sys.stderr)
        return {}
    bins = {}
    for f in os.listdir(os.path.join(crate, "src", "bin")):
        exe = os.path.join(target, "release", f[:-3])
        if f.endswith(".rs") and os.path.exists(exe):
            bins[f[:-3]] = exe
    return bins


def compile_all(protopyc, progs):
    """Compile each program with run() in a copy of this folder, one
    protopyc run per module after a first one that builds the runtime;
    returns the folder and each module's compile time (-1 if it failed)."""
    work = tempfile.mkdtemp(prefix="protopy-bench-")
    for f in os.listdir(HERE):
        if f.endswith(".py") and f != "run.py":
            shutil.copy(os.path.join(HERE, f), work)
    times = {}
    names = []
    for name in progs:
        with open(os.path.join(HERE, name + ".py"), encoding="utf-8") as f:
            if "\ndef run(" in f.read():
                names.append(name)
    if not names:
        return work, times
    # Warm the cache (the runtime's own build) with a throwaway module.
    with open(os.path.join(work, "bench_warmup.py"), "w") as f:
        f.write("def run():\n    return 0\n")
    subprocess.run([protopyc, "bench_warmup.py"], cwd=work, capture_output=True)
    for name in names:
        start = time.perf_counter()
        r = subprocess.run([protopyc, name + ".py"], cwd=work, capture_output=True, text=True)
        times[name] = time.perf_counter() - start if r.returncode == 0 else -1.0
        print(f"{name:18} compiled in {times[name]:.1f} s", file=sys.stderr)
    return work, times


if __name__ == "__main__":
    main()
