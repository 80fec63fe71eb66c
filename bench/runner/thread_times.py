#!/usr/bin/env python3
"""Where a `--jobs N` run's CPU goes, thread by thread, and what that allows of N cores.

Runs `textmill run CONFIG --input DIR --jobs N` (and the same with --jobs 1), reading every
thread's /proc/PID/task/TID/schedstat (CPU time, time runnable but waiting for a core) and comm
(its name: `reader`, `step-K-W` the W-th worker of step K, `datasync`, `sync`; the main thread,
which writes, has the process's) every few milliseconds, and prints for each thread its CPU
seconds, its share, the time it waited for a core and the time it slept (waiting in a hand-off
or on the disk).

A run is a pipeline: the reader, each step and the writer run at once, each on its own thread,
joined by bounded ordered buffers; only the steps of document stages have N workers, the others
(the reader, a corpus stage's ordered step such as dedup's `process`, the writer) one each. So
the serial parts do not add up: each bounds the run alone. Two bounds are printed, from CPU
seconds only (wall time measures the machine's load):

    shape = CPU(--jobs N) / (fixed + max(largest one-thread part, (CPU(--jobs N) - fixed) / N))
    bound = CPU(--jobs 1) / (fixed + max(largest one-thread part, (CPU(--jobs N) - fixed) / N))

where `fixed` is what the main thread does before the first step thread runs and after the last
one ended (start-up, dedup's save, the commit), which nothing overlaps. `shape` takes its shares
from one run, so the load hardly moves it; `bound` also counts the CPU a second thread adds, but
the CPU seconds of two runs move 10-20 % with the load (caches shared with other processes), so
compare several. The time a worker slept says whether it waited for the serial parts.

Usage: thread_times.py --binary BIN --input DIR [--config pipeline/default.yaml] [--jobs 2]
       [--repeat 3] [--root .]   (the run with the least CPU of --repeat is shown)
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

TICK = 0.003


def sample(pid):
    """{tid: (name, cpu_ns, wait_ns)} of the process's threads now."""
    out = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for t in tids:
        try:
            with open(f"/proc/{pid}/task/{t}/schedstat") as f:
                cpu, wait, _ = map(int, f.read().split())
            with open(f"/proc/{pid}/task/{t}/comm") as f:
                name = f.read().strip()
        except (OSError, ValueError):
            continue
        out[int(t)] = (name, cpu, wait)
    return out


def run_once(cmd, root):
    """Runs cmd, polling its threads: (wall, threads, main thread's CPU when the first step
    thread ran and when the last was last seen, the main thread's id)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, cwd=root, stdout=subprocess.DEVNULL)
    threads = {}  # tid -> [name, cpu, wait, first seen, last seen]
    main_before = None  # main thread's CPU when a step thread first had CPU
    main_after = None   # main thread's CPU when the last step thread was last seen alive
    first_step = last_step = None  # when a step thread first had CPU, and was last seen
    while True:
        now = time.monotonic()
        seen = sample(p.pid)
        steps_alive = False
        for tid, (name, cpu, wait) in seen.items():
            e = threads.setdefault(tid, [name, cpu, wait, now, now])
            e[0], e[1], e[2], e[4] = name, cpu, wait, now
            if tid != p.pid and name.startswith("step-"):
                steps_alive = True
                if main_before is None and cpu > 0 and p.pid in seen:
                    main_before = seen[p.pid][1]
                    first_step = now - start
        if steps_alive and p.pid in seen:
            main_after = seen[p.pid][1]
            last_step = now - start
        if p.poll() is not None:
            break
        time.sleep(TICK)
    wall = time.monotonic() - start
    if p.returncode not in (0, 1):
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}")
    return wall, threads, main_before, main_after, p.pid, first_step, last_step


def measure(binary, config, corpus, jobs, root, repeat):
    best = None
    for _ in range(repeat):
        target = tempfile.mkdtemp(prefix="thread-times-")
        cmd = [binary, "run", config, "--input", corpus, "--output", os.path.join(target, "corpus.jsonl"),
               "--jobs", str(jobs), "--quiet"]
        before = os.times()
        wall, threads, main_before, main_after, pid, first_step, last_step = run_once(cmd, root)
        after = os.times()
        shutil.rmtree(target, ignore_errors=True)
        # CPU of the child from the kernel (user + system), whole process, every thread.
        total = (after.children_user - before.children_user) + (after.children_system - before.children_system)
        polled = sum(e[1] for e in threads.values()) / 1e9
        main = threads.get(pid)
        if main is not None:
            # What the polls missed (the main thread's last moments, mostly) goes to the main thread.
            main[1] += max(0.0, total - polled) * 1e9
        result = (total, wall, threads, main_before, main_after, pid, first_step, last_step)
        if best is None or total < best[0]:
            best = result
    return best


def report(label, result, jobs):
    total, wall, threads, main_before, main_after, pid, first_step, last_step = result
    print(f"{label}: wall {wall:.3f} s, CPU {total:.3f} s")
    names = {}
    main_name = threads[pid][0] if pid in threads else ""
    for k, (tid, (name, cpu, wait, first, last)) in enumerate(sorted(threads.items())):
        if cpu < 1e6:
            continue
        # A binary whose threads carry no names of their own (before session 27): by order made.
        shown = "main (writer)" if tid == pid else (f"thread {k}" if name == main_name else name)
        life = last - first
        slept = max(0.0, life - cpu / 1e9 - wait / 1e9)
        names[shown] = cpu / 1e9
        print(f"  {shown:16s} CPU {cpu / 1e9:7.3f} s {100 * cpu / 1e9 / total:5.1f} %   waited for a core {wait / 1e9:6.3f} s   slept {slept:6.3f} s")
    fixed = 0.0
    if main_before is not None and main_after is not None and pid in threads:
        fixed = main_before / 1e9 + (threads[pid][1] - main_after) / 1e9
        print(f"  main thread before the first step ran and after the last ended: {fixed:.3f} s CPU; "
              f"wall {first_step:.3f} s before, {wall - last_step:.3f} s after (with the syncs' waits for the disk)")
    return names, fixed


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", required=True)
    ap.add_argument("--input", required=True)
    ap.add_argument("--config", default="pipeline/default.yaml")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--root", default=".")
    args = ap.parse_args()
    load = os.getloadavg()[0]
    one = measure(args.binary, args.config, args.input, 1, args.root, args.repeat)
    many = measure(args.binary, args.config, args.input, args.jobs, args.root, args.repeat)
    print(f"load {load:.1f} (1-minute) at the start")
    report("--jobs 1", one, 1)
    names, fixed = report(f"--jobs {args.jobs}", many, args.jobs)
    parallel_steps = {n.rsplit("-", 1)[0] for n in names if n.startswith("step-") and not n.endswith("-0")}
    serial = {n: c for n, c in names.items()
              if n == "reader" or n == "main (writer)" or (n.startswith("step-") and n.rsplit("-", 1)[0] not in parallel_steps)}
    largest = max(serial.items(), key=lambda kv: kv[1]) if serial else ("none", 0.0)
    cpu1, cpuN = one[0], many[0]
    bound = cpu1 / (fixed + max(largest[1], (cpuN - fixed) / args.jobs))
    workers = [n for n in names if n.startswith("step-") and n.rsplit("-", 1)[0] in parallel_steps]
    print(f"one-thread parts: " + ", ".join(f"{n} {c:.3f} s" for n, c in sorted(serial.items())))
    print(f"largest one-thread part: {largest[0]} {largest[1]:.3f} s = {100 * largest[1] / cpuN:.1f} % of --jobs {args.jobs}'s CPU")
    print(f"CPU --jobs {args.jobs} / --jobs 1: {cpuN / cpu1:.3f}")
    shape = cpuN / (fixed + max(largest[1], (cpuN - fixed) / args.jobs))
    print(f"speed-up bound of the run's shape (its own CPU seconds): {cpuN:.3f} / ({fixed:.3f} + max({largest[1]:.3f}, ({cpuN:.3f} - {fixed:.3f}) / {args.jobs})) = {shape:.2f}x")
    print(f"speed-up bound with --jobs 1's CPU: {cpu1:.3f} / ({fixed:.3f} + max({largest[1]:.3f}, ({cpuN:.3f} - {fixed:.3f}) / {args.jobs})) = {bound:.2f}x"
          " (CPU seconds of two runs move 10-20 % with the load: compare several)")
    if workers:
        print(f"workers of parallel steps: {', '.join(sorted(workers))}")


if __name__ == "__main__":
    main()
