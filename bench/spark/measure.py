#!/usr/bin/env python3
"""Times `textmill run --jobs 2` and the Spark job in local[2] on the same JSONL corpora, checks
that their outputs are identical, and prints the figures side by side (see bench/spark/README.md):
speeds, per-core efficiency (by wall time and by CPU time), shuffle bytes per input byte, and for
`--scaling` corpora (N, 4N, 16N documents) the per-document shuffle bytes, the largest task's
share of all task time and the executors' peak memory (from the OS: /proc/PID/status).

usage: measure.py --textmill BIN --spark-submit BIN --config YAML [--scaling] CORPUS...
"""
import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def size_of(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(folder) for f in fs if not f.startswith("."))


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


TICKS = os.sysconf("SC_CLK_TCK")


def process_table():
    """{pid: (parent pid, start time, CPU seconds, command name)} of every process now."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as f:
                raw = f.read()
        except OSError:
            continue                                      # it ended meanwhile
        head, tail = raw.rsplit(b")", 1)
        fields = tail.split()
        command = head.split(b"(", 1)[1].decode("utf-8", "replace")
        table[int(name)] = (int(fields[1]), int(fields[19]), (int(fields[11]) + int(fields[12])) / TICKS, command)
    return table


# A process's kind: its family by command name (/proc/PID/stat), then the first rule of the family
# whose words are all in its command line (/proc/PID/cmdline): where a Spark run's CPU goes.
PROCESS_KINDS = (
    ("textmill", "textmill", (("--map-side", "map side"), ("dedup-verify", "dedup-verify"))),
    ("python", "Python", (("pyspark.daemon", "workers"), ("pyspark.worker", "workers"), ("textmill_spark.py", "driver"))),
    ("java", "JVM", (("deploy.worker.Worker", "worker daemon"), ("deploy.master.Master", "master daemon"),
                     # spark-class's launcher names SparkSubmit among its arguments: its rule first
                     ("CoarseGrainedExecutorBackend", "executor"), ("launcher.Main", "launcher"),
                     ("deploy.SparkSubmit", "driver"))),
)


def command_line(pid, name):
    """The process's command line, or its command name when it cannot be read."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            line = f.read().replace(b"\0", b" ").decode("utf-8", "replace")
    except OSError:
        line = ""
    return line or name


def process_kind(name, command):
    """'FAMILY ROLE' (e.g. 'JVM executor') of a process with command name `name` and command line
    `command`; 'FAMILY' when no role's words are in it; 'other' for every other program."""
    for prefix, family, roles in PROCESS_KINDS:
        if name.startswith(prefix):
            for word, role in roles:
                if word in command:
                    return f"{family} {role}"
            return family
    return "other"


def total_kind(kinds, family):
    """The CPU seconds of every kind whose name starts with `family` (JVM, Python, textmill)."""
    return sum(v for k, v in kinds.items() if k.startswith(family))


def thread_table(pid):
    """{thread id: (thread name, CPU seconds)} of a process now (/proc/PID/task; empty once it ended).
    A JVM names its threads (`C1 CompilerThre`, `Executor task l`, `VM Thread`; the main thread
    keeps the command name, `java`), cut to 15 bytes."""
    table = {}
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return table
    for tid in tids:
        try:
            with open(f"/proc/{pid}/task/{tid}/stat", "rb") as f:
                raw = f.read()
        except OSError:
            continue
        head, tail = raw.rsplit(b")", 1)
        fields = tail.split()
        table[int(tid)] = (head.split(b"(", 1)[1].decode("utf-8", "replace"), (int(fields[11]) + int(fields[12])) / TICKS)
    return table


def memory_of(pid):
    """(peak RSS, RSS now) of a process in bytes, from /proc/PID/status (VmHWM: the kernel's
    high-water mark of its resident set, which no sampler can miss while the process lives;
    VmRSS); (0, 0) once it ended."""
    peak = now = 0
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    peak = int(line.split()[1]) * 1024
                elif line.startswith(b"VmRSS:"):
                    now = int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return peak, now


class Memory:
    """The peak memory of a run's processes, from the OS (not Spark's sampled executor metrics,
    which a run of a few seconds ends before): each process's own peak RSS (VmHWM, read at every
    sample, so only what a process grows in its last 0.2 s can be missed), the largest of each
    kind, and the largest sum of the RSS of one executor's process tree at one sample (the JVM,
    its Python daemon and workers, their textmill children: what a cluster manager counting an
    executor's processes sees). In local mode the executor is the driver JVM."""

    EXECUTOR = ("JVM executor", "JVM driver")    # the executor JVM: standalone's, else local mode's driver

    def __init__(self):
        self.peaks = {}                          # (pid, start time) → peak RSS
        self.tree = 0                            # the largest executor tree's RSS at one sample
        self.names = {}                          # (pid, start time) → process kind, as `timed` names them

    def sample(self, table, keys, names):
        """Reads the memory of the processes `keys` ((pid, start time), in process table
        `table`, of kinds `names`) and the executors' trees."""
        self.names = names
        now = {}
        for key in keys:
            peak, now[key[0]] = memory_of(key[0])
            self.peaks[key] = max(self.peaks.get(key, 0), peak)
        executors = [k for k in keys if names[k] == "JVM executor"] or [k for k in keys if names[k] == "JVM driver"]
        for key in executors:
            self.tree = max(self.tree, sum(now.get(pid, 0) for pid in under(table, [key[0]])))

    def largest(self, kind):
        """The largest peak RSS of a process whose kind starts with `kind`."""
        return max((v for k, v in self.peaks.items() if self.names.get(k, "").startswith(kind)), default=0)

    def processes(self):
        """{process kind: how many processes of it the run started or had}."""
        counts = {}
        for kind in self.names.values():
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def figures(self):
        """{'executor JVM', 'Python worker', 'textmill', 'executor tree'}: peak bytes."""
        return {"executor JVM": self.largest("JVM executor") or self.largest("JVM driver"),
                "Python worker": self.largest("Python workers"), "textmill": self.largest("textmill"),
                "executor tree": self.tree}


def thread_kind(name):
    """A thread's name without its numbers: the threads of one pool count together."""
    return re.sub(r"\d+", "N", name)


def timed(cmd, tree=False, roots=(), kinds=None, timeline=None, threads=None, memory=None, **kw):
    """(wall seconds, CPU seconds); with `kinds` (a dict), the tree's CPU seconds by process kind
    (JVM, python, textmill, other) are added to it. CPU: of the command and the descendants it waited for
    (getrusage); with `tree`, of every process under it and under `roots` (a standalone cluster's
    worker daemons, whose executors do the work; what the daemons had used before the command is
    left out), sampled from /proc every 0.2 s (Spark's JVM does not wait for its Python workers,
    whose CPU getrusage would miss; the last 0.2 s of each process is missed instead, in Spark's
    favour). With `timeline` (a list), each sample appends (seconds since the start, {kind: CPU
    seconds used so far}), for `busy_cores`. With `threads` (a dict), the JVMs' CPU seconds by
    (process kind, thread kind) are added to it, sampled from /proc/PID/task likewise (a thread that
    ends between two samples loses up to 0.2 s; the daemons' threads count by what they used during the
    command, as their processes do). With `memory` (a Memory), the processes' peak RSS is read at
    every sample too."""
    before, before_threads = {}, {}
    if roots:
        table = process_table()
        before = {(pid, table[pid][1]): table[pid][2] for pid in under(table, roots)}
        if threads is not None:
            before_threads = {(pid, table[pid][1], tid): v for pid in under(table, roots)
                              for tid, (_, v) in thread_table(pid).items()}
    cpu, start = children_cpu(), time.time()
    if timeline is not None:
        timeline.append((0.0, {}))
        timeline.start = start
    errors = tempfile.TemporaryFile()                     # (a pipe could fill up and stop the job)
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errors, **kw)
    seen = {}                                             # (pid, start time) → CPU seconds
    names = {}                                            # (pid, start time) → process kind
    comms = {}                                            # (pid, start time) → command name
    seen_threads = {}                                     # (pid, start time, thread id) → (thread name, CPU seconds)
    if tree:
        while proc.poll() is None:
            table = process_table()
            keys = []
            for pid in under(table, [proc.pid, *roots]):
                key = (pid, table[pid][1])
                keys.append(key)
                seen[key] = table[pid][2]
                if comms.get(key) != table[pid][3]:       # new, or it exec'd (spark-class → java)
                    comms[key] = table[pid][3]
                    names[key] = process_kind(table[pid][3], command_line(pid, table[pid][3]))
                if threads is not None and names[key].startswith("JVM"):
                    for tid, named in thread_table(pid).items():
                        seen_threads[(*key, tid)] = named
            if memory is not None:
                memory.sample(table, [k for k in keys if k[0] not in roots], names)
            if timeline is not None:
                so_far = {}
                for key, v in seen.items():
                    so_far[names[key]] = so_far.get(names[key], 0.0) + v - before.get(key, 0.0)
                timeline.append((time.time() - start, so_far))
            time.sleep(0.2)
    proc.wait()
    seconds = time.time() - start
    errors.seek(0)
    stderr = errors.read()
    errors.close()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(cmd[:3])}… failed ({proc.returncode}):\n{stderr.decode(errors='replace')[-3000:]}")
    waited = children_cpu() - cpu
    used = sum(v - before.get(k, 0.0) for k, v in seen.items())
    if kinds is not None:
        for k, v in seen.items():
            kind = names[k]
            kinds[kind] = kinds.get(kind, 0.0) + v - before.get(k, 0.0)
    if threads is not None:
        for (pid, begun, tid), (name, v) in seen_threads.items():
            k = (names[(pid, begun)], thread_kind(name))
            threads[k] = threads.get(k, 0.0) + v - before_threads.get((pid, begun, tid), 0.0)
    return seconds, max(waited, used) if tree else waited


def busy_cores(timeline, step=1.0):
    """[(start second, {kind: cores busy on average})] for each `step` seconds of a `timed`
    timeline: where the job's cores were idle (start-up, stage barriers, the driver alone)."""
    out, last_t, last = [], 0.0, {}
    for t, so_far in timeline:
        if t - last_t < step and t != timeline[-1][0]:
            continue
        span = t - last_t
        out.append((last_t, {k: (v - last.get(k, 0.0)) / span for k, v in so_far.items() if v - last.get(k, 0.0) > 0}))
        last_t, last = t, so_far
    return out


def timeline_rows(timeline, marks):
    """The lines of a busy-cores timeline: a second a line, the cores busy in all and by family,
    and what happened in that second (`marks`: [(seconds since the start, what)])."""
    rows = []
    families = (("JVM", "JVM"), ("Python", "Py"), ("textmill", "tm"))
    for t, by_kind in busy_cores(timeline):
        total = sum(by_kind.values())
        parts = " ".join(f"{short} {total_kind(by_kind, f):4.2f}" for f, short in families)
        events = "; ".join(name for at, name in marks if t <= at < t + 1.0)
        rows.append(f"    {t:5.1f} s  {total:4.2f} cores  {'#' * round(total * 10):<20}  {parts}{'  | ' + events if events else ''}")
    return rows


def under(table, roots):
    """The pids of `roots` and all their descendants in a process table."""
    inside = {pid for pid in roots if pid in table}
    grew = True
    while grew:
        grew = False
        for pid, (parent, *_) in table.items():
            if parent in inside and pid not in inside:
                inside.add(pid)
                grew = True
    return inside


class Timeline(list):
    """A `timed` timeline, with the epoch second it started and the job's events on it."""
    start = 0.0
    marks = ()


class EventLog:
    """What Spark's event log says about a run: shuffle bytes written, task times and their
    locality, the executors' peak JVM heap (Spark's own sample, taken at heartbeats and stage ends)."""

    MEMORY = ("JVMHeapMemory",)            # the processes' RSS is read from the OS (`Memory`)

    def __init__(self, folder):
        self.shuffle_bytes = 0
        self.tasks = []                      # (executor run ms, stage id)
        self.spans = []                      # (launch, finish) epoch ms of every task
        self.locality = {}                   # task locality (PROCESS_LOCAL, NODE_LOCAL, ANY, …) → tasks
        self.stage_names = {}
        self.stage_times = {}                # stage id → (submitted, completed) epoch ms
        self.started = None                  # the application's start, epoch ms
        self.peak = {k: 0 for k in self.MEMORY}
        logs = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs if not f.startswith(("appstatus", "."))]
        for log in logs:
            with open(log, encoding="utf-8", errors="replace") as f:
                for line in f:
                    self.read(json.loads(line))

    def read(self, event):
        kind = event.get("Event")
        if kind == "SparkListenerTaskEnd":
            metrics = event.get("Task Metrics") or {}
            self.shuffle_bytes += (metrics.get("Shuffle Write Metrics") or {}).get("Shuffle Bytes Written", 0)
            self.tasks.append((metrics.get("Executor Run Time", 0), event.get("Stage ID")))
            info = event.get("Task Info") or {}
            self.locality[info.get("Locality", "?")] = self.locality.get(info.get("Locality", "?"), 0) + 1
            if info.get("Launch Time") and info.get("Finish Time"):
                self.spans.append((info["Launch Time"], info["Finish Time"]))
            self.memory(event.get("Task Executor Metrics") or {})
        elif kind == "SparkListenerStageExecutorMetrics":
            self.memory(event.get("Executor Metrics") or {})
        elif kind == "SparkListenerStageCompleted":
            info = event.get("Stage Info") or {}
            self.stage_names[info.get("Stage ID")] = (info.get("Stage Name") or "").split(" at ")[0]
            self.stage_times[info.get("Stage ID")] = (info.get("Submission Time"), info.get("Completion Time"), info.get("Number of Tasks"))
        elif kind == "SparkListenerApplicationStart":
            self.started = event.get("Timestamp")

    def marks(self, start):
        """[(seconds since `start` (epoch s), what)]: the application's start, each stage's
        submission and completion."""
        out = [((self.started or 0) / 1000 - start, "Spark context starts")] if self.started else []
        for sid, (submitted, completed, tasks) in sorted(self.stage_times.items()):
            name = f"stage {sid} {self.stage_names.get(sid, '')} ({tasks} tasks)"
            if submitted:
                out.append((submitted / 1000 - start, name + " starts"))
            if completed:
                out.append((completed / 1000 - start, name.split(" (")[0] + " ends"))
        return sorted(out)

    def slots(self, start, end, cores=2):
        """Seconds of the run [start, end] (epoch s) with 0, 1, … `cores` tasks running (more
        counted as `cores`), and of the idle seconds those before the first task and after the
        last: where the cores wait on the driver (start-up, between stages, the end)."""
        edges = sorted([(a / 1000, 1) for a, _ in self.spans] + [(b / 1000, -1) for _, b in self.spans])
        busy = [0.0] * (cores + 1)
        running, at = 0, start
        for t, step in edges:
            t = min(max(t, start), end)
            busy[min(running, cores)] += t - at
            running, at = running + step, t
        busy[min(running, cores)] += end - at
        first = min((a for a, _ in self.spans), default=end * 1000) / 1000
        last = max((b for _, b in self.spans), default=start * 1000) / 1000
        return busy, max(0.0, first - start), max(0.0, end - last)

    def memory(self, metrics):
        for k in self.MEMORY:
            self.peak[k] = max(self.peak[k], metrics.get(k, 0) or 0)

    def largest_task(self):
        """(share of all task time the longest task took, its stage's name)."""
        total = sum(t for t, _ in self.tasks)
        if not total:
            return 0.0, "-"
        longest, stage = max(self.tasks)
        return longest / total, self.stage_names.get(stage, f"stage {stage}")


def concatenated(folder):
    out = b""
    for name in sorted(os.listdir(folder)):
        if name.startswith("part-"):
            with open(os.path.join(folder, name), "rb") as f:
                out += f.read()
    return out


class Cluster:
    """A standalone Spark cluster on 127.0.0.1: a master and `workers` workers sharing two cores
    (one worker of two cores by default, Spark's deployment of one worker a machine, as
    docs/spark.md runs it; two workers of one core each stand for two one-core machines, each
    with an executor JVM of its own), started from the venv's pyspark with `spark-class`,
    stopped on exit."""

    def __init__(self, work, workers=1):
        self.work = work
        self.workers = workers
        self.daemons = []

    def __enter__(self):
        import pyspark
        import socket
        # The venv link resolved, as contrib/spark/submit resolves it: the executors' class path
        # is then the one the class archive was made for.
        home = os.path.realpath(os.path.dirname(pyspark.__file__))
        env = dict(os.environ, SPARK_HOME=home, SPARK_LOCAL_IP="127.0.0.1", SPARK_WORKER_DIR=os.path.join(self.work, "worker"))

        def port():
            with socket.socket() as s:
                s.bind(("127.0.0.1", 0))
                return s.getsockname()[1]
        master_port = port()
        self.url = f"spark://127.0.0.1:{master_port}"
        spark_class = os.path.join(home, "bin", "spark-class")
        try:
            self.start("master", [spark_class, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                                  "--port", str(master_port), "--webui-port", str(port())], env, "I have been elected leader")
            for k in range(self.workers):
                self.start(f"worker{k}", [spark_class, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1",
                                          "--cores", str(2 // self.workers), "--memory", "2g", "--webui-port", str(port()), self.url],
                           env, "Successfully registered with master")
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.daemons_pids = [p.pid for p in self.daemons]   # the master and the workers
        return self

    def start(self, name, command, env, ready):
        log = os.path.join(self.work, f"{name}.log")
        with open(log, "wb") as out:
            self.daemons.append(subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=self.work))
        deadline = time.time() + 180
        while time.time() < deadline and self.daemons[-1].poll() is None:
            with open(log, encoding="utf-8", errors="replace") as f:
                if ready in f.read():
                    return
            time.sleep(0.5)
        raise SystemExit(f"the standalone {name} did not start; see {log}")

    def __exit__(self, *_):
        for p in reversed(self.daemons):
            p.terminate()
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def measure(a, corpus, work, cluster=None):
    """One corpus through both (the Spark job in local[2], or on `cluster`): a dict of figures."""
    mb = size_of(corpus) / 1e6
    single = os.path.join(work, "single")
    best = None
    for _ in range(2):                               # the machine is shared: best of two
        shutil.rmtree(single, ignore_errors=True)
        s = timed([a.textmill, "run", a.config, "--input", corpus, "--output", single + "/corpus.jsonl",
                   "--jobs", "2", "--quiet"])
        best = s if best is None or s[0] < best[0] else best
    spark = os.path.join(work, "spark")
    shutil.rmtree(spark, ignore_errors=True)
    events = os.path.join(work, "events")
    shutil.rmtree(events, ignore_errors=True)
    os.makedirs(events)
    master = ["--master", cluster.url, "--conf", "spark.executor.memory=1536m"] if cluster else ["--master", "local[2]"]
    kinds, timeline, threads, memory = {}, Timeline(), {}, Memory()
    load = os.getloadavg()[0]
    wall, cpu = timed(tree=True, kinds=kinds, timeline=timeline, memory=memory, threads=threads if a.threads else None, roots=cluster.daemons_pids if cluster else (), cmd=[a.spark_submit, *master, "--driver-memory", "3g",
                       "--conf", "spark.eventLog.enabled=true",
                       "--conf", "spark.eventLog.compress=false", "--conf", f"spark.eventLog.dir=file://{events}",
                       "--conf", "spark.eventLog.logStageExecutorMetrics=true",
                       *[arg for c in a.conf for arg in ("--conf", c)],
                       os.path.join(ROOT, "contrib", "spark", "textmill_spark.py"), a.config,
                       "--input", corpus, "--output", spark, "--textmill", a.textmill, "--split-mb", a.split_mb,
                       "--shuffle-partitions", a.shuffle_partitions, *(["--storage", a.storage] if a.storage else [])])
    load = (load, os.getloadavg()[0])
    with open(os.path.join(spark, "stats.json")) as f:
        stats = json.load(f)
    # Side files carry their output's name: corpus.duplicates.jsonl, corpus.errors.jsonl.
    files = {"corpus": "corpus.jsonl", "duplicates": "corpus.duplicates.jsonl", "errors": "corpus.errors.jsonl"}
    same = all(concatenated(os.path.join(spark, k)) == open(os.path.join(single, name), "rb").read()
               for k, name in files.items())
    log = EventLog(events)
    share, stage = log.largest_task()
    timeline.marks = log.marks(timeline.start)
    slots = log.slots(timeline.start, timeline.start + wall)
    return dict(corpus=os.path.relpath(corpus, ROOT) + (" (standalone)" if cluster else ""), mb=mb, records=stats["records"], single=best[0], single_cpu=best[1],
                wall=wall, cpu=cpu, stats=stats, same=same, shuffle=log.shuffle_bytes, share=share, stage=stage,
                peak=log.peak, memory=memory.figures(), processes=memory.processes(), load=load, kinds=kinds, timeline=timeline, slots=slots, locality=log.locality, threads=threads)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--textmill", required=True)
    ap.add_argument("--spark-submit", required=True)
    ap.add_argument("--config", required=True)
    ap.add_argument("--split-mb", default="128", help="the job's --split-mb (default 128, the job's own)")
    ap.add_argument("--shuffle-partitions", default="0", help="the job's --shuffle-partitions (default 0: the job's own, one per 64 MB of input)")
    ap.add_argument("--storage", default=None, choices=["MEMORY_AND_DISK", "DISK_ONLY", "MEMORY_ONLY"],
                    help="the job's --storage (default: the job's own), to compare where its persisted blocks wait")
    ap.add_argument("--scaling", action="store_true", help="the corpora are N, 4N, 16N documents: print the scaling table")
    ap.add_argument("--standalone", action="store_true",
                    help="also run the job on a standalone cluster on 127.0.0.1 (a master, one 2-core worker; --workers 2: two 1-core workers)")
    ap.add_argument("--conf", action="append", default=[], metavar="KEY=VALUE",
                    help="a Spark setting for the job (spark-submit --conf; repeatable), to try settings")
    ap.add_argument("--workers", type=int, choices=(1, 2), default=1,
                    help="with --standalone, the cluster's workers: 1 of two cores (default: one worker a machine, "
                         "as docs/spark.md deploys it) or 2 of one core each (two executor JVMs)")
    ap.add_argument("--only-standalone", action="store_true", help="with --standalone, skip the local[2] runs")
    ap.add_argument("--timeline", action="store_true",
                    help="print each Spark run's busy cores a second (in all; JVM, Python, textmill) and where its steps end")
    ap.add_argument("--threads", action="store_true",
                    help="print the JVMs' CPU seconds by thread (JIT compilers, task threads, the main thread's start-up, GC)")
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    a.config = os.path.abspath(a.config)                  # a standalone executor runs in its own folder
    work = tempfile.mkdtemp(prefix="bench-spark-")
    try:
        rows = [] if a.standalone and a.only_standalone else [measure(a, corpus, work) for corpus in a.corpora]
        if a.standalone:
            with Cluster(work, a.workers) as cluster:
                standalone = [measure(a, corpus, work, cluster) for corpus in a.corpora]
        else:
            standalone = []
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end (shared: compare ratios)")
    print(f"config: {a.config}\n")
    everything = rows + standalone
    print(f"{'corpus':<47} {'MB':>6} {'records':>8} | {'textmill --jobs 2':>18} | {'Spark (2 cores)':>18} | {'ratio':>5} | identical")
    for r in everything:
        print(f"{r['corpus']:<47} {r['mb']:6.1f} {r['records']:8d} | {r['single']:6.1f} s {r['mb'] / r['single']:6.1f} MB/s | "
              f"{r['wall']:6.1f} s {r['mb'] / r['wall']:6.1f} MB/s | {r['wall'] / r['single']:5.1f} | {'yes' if r['same'] else 'NO'}")
    print("\nPer-core efficiency (target >= 0.5): Spark's MB/s a core over textmill's, both on the same 2 cores, by wall\n"
          "time (the issue's definition) and by CPU seconds (textmill's over the Spark job's: JVM, Python and the textmill\n"
          "children); shuffle bytes written per input byte (target <= 0.2):")
    for r in everything:
        print(f"  {r['corpus']}: efficiency {r['single'] / r['wall']:.2f} by wall time, {r['single_cpu'] / max(r['cpu'], 1e-9):.2f} "
              f"by CPU ({r['single_cpu']:.1f} s against {r['cpu']:.1f} s); shuffle {r['shuffle'] / 1e6:.1f} MB = "
              f"{r['shuffle'] / (r['mb'] * 1e6):.3f} of the input; load {r['load'][0]:.1f} -> {r['load'][1]:.1f} over the Spark run")
    print("\nThe Spark job's CPU seconds by process (sampled from /proc, by command line; with --standalone the master's\n"
          "and workers' daemons count by what they used during the job, the executors they start in full; 'in N': N processes):")
    for r in everything:
        k = r["kinds"]
        families = ", ".join(f"{f} {total_kind(k, f):.1f}" for f in ("JVM", "Python", "textmill"))
        count = r["processes"]
        parts = ", ".join(f"{n} {v:.1f}" + (f" in {count[n]}" if count.get(n, 0) > 1 else "")
                          for n, v in sorted(k.items(), key=lambda kv: -kv[1]))
        print(f"  {r['corpus']}: {families} ({parts})")
    for name, runs in (("local[2]", rows), ("standalone", standalone)):
        if len(runs) >= 2:
            r1, r2 = runs[-2], runs[-1]
            def ratio(a, b):
                return f"{a / b:.2f}" if a > 0 and b > 0 else "n/a (a time did not grow: a noisy run)"
            wall = ratio(r2["single"] - r1["single"], r2["wall"] - r1["wall"])
            cpu = ratio(r2["single_cpu"] - r1["single_cpu"], r2["cpu"] - r1["cpu"])
            print(f"  marginal efficiency, {name}, {r1['mb']:.0f} MB -> {r2['mb']:.0f} MB (start-up and per-stage costs left out): "
                  f"{wall} by wall time, {cpu} by CPU (textmill +{r2['single_cpu'] - r1['single_cpu']:.1f} CPU s, "
                  f"the job +{r2['cpu'] - r1['cpu']:.1f} CPU s)")
    print("\nPeak RSS from the OS (/proc/PID/status VmHWM, read at every sample): the largest executor JVM (local\n"
          "mode: the driver's), Python worker and textmill child, and the largest sum of one executor's process tree:")
    for r in everything:
        m = r["memory"]
        print(f"  {r['corpus']}: executor JVM {m['executor JVM'] / 1e6:.0f} MB, Python worker {m['Python worker'] / 1e6:.0f} MB, "
              f"textmill {m['textmill'] / 1e6:.0f} MB, executor tree {m['executor tree'] / 1e6:.0f} MB")
    print("\nThe Spark job's 2 task slots over its wall time (event log): seconds with both, one or no task running;\n"
          "of those with none, before the first task (start-up) and after the last (the driver's end):")
    for r in everything:
        (none, one, *more), before, after = r["slots"]
        print(f"  {r['corpus']}: both busy {sum(more):.1f} s, one {one:.1f} s, none {none:.1f} s "
              f"({before:.1f} before the first task, {after:.1f} after the last, {none - before - after:.1f} between tasks); "
              f"tasks by locality: {', '.join(f'{k} {v}' for k, v in sorted(r['locality'].items()))}")
    print("\nWhere the Spark job's time goes (seconds; the rest of the wall time is JVM and Python start-up):")
    for r in everything:
        sec, st = r["stats"]["seconds"], r["stats"]
        # With record files the map side runs in dedup's first job ("map side, exact copies and
        # band buckets"), or without dedup in the write's ("map side and write").
        mapped = sum(v for k, v in sec.items() if k.startswith("map side"))
        dedup = sum(v for k, v in sec.items() if not k.startswith("map side") and k not in ("write", "total"))
        print(f"  {r['corpus']}: start-up {r['wall'] - sec['total']:.1f}, map side (textmill in {st['partitions']} partitions"
              f"{', with the first dedup shuffle' if 'map side' not in sec else ''}) "
              f"{mapped:.1f}, dedup {dedup:.1f} ({st['candidates']} candidates in {st['groups']} groups, largest "
              f"{st['largest_group']}; {st['group_rounds']} label rounds), write {sec.get('write', 0):.1f}")
    if a.threads:
        print("\nThe JVMs' CPU seconds by thread (sampled from /proc/PID/task; numbers in a name become N, so a pool's\n"
              "threads count together; the main thread is `java`; threads under 0.05 s left out):")
        for r in everything:
            print(f"  {r['corpus']}:")
            by_process = {}
            for (kind, name), v in r["threads"].items():
                by_process.setdefault(kind, []).append((v, name))
            for kind, rows_ in sorted(by_process.items(), key=lambda kv: -sum(v for v, _ in kv[1])):
                shown = ", ".join(f"{name} {v:.2f}" for v, name in sorted(rows_, reverse=True) if v >= 0.05)
                print(f"    {kind} {sum(v for v, _ in rows_):.1f}: {shown}")
    if a.timeline:
        print("\nBusy cores a second (CPU seconds of the job's processes a second, of 2) and Spark's stages (event log):")
        for r in everything:
            print(f"  {r['corpus']}:")
            print("\n".join(timeline_rows(r["timeline"], r["timeline"].marks)))
    if a.scaling:
        print("\nScaling (N, 4N, 16N documents; flat columns mean a run's cost grows linearly):")
        print("  (peak RSS from the OS, /proc/PID/status VmHWM of every process of the job: the largest executor JVM\n"
              "  (local mode: the driver's), Python worker and textmill child; executor tree: the largest sum of one\n"
              "  executor's processes' RSS at one sample; JVM heap: Spark's own sample, 0 where a run ended before it)")
        print(f"  {'documents':>9} {'MB':>6} | {'shuffle B/doc':>13} | {'largest task share':>18} (stage) | "
              f"{'executor JVM':>12} | {'Python worker':>13} | {'textmill':>8} | {'executor tree':>13} | {'JVM heap':>8} | "
              f"{'largest group':>13} | {'s/1k docs':>9}")
        for r in everything:
            m = {k: v / 1e6 for k, v in r["memory"].items()}
            print(f"  {r['records']:9d}{'s' if 'standalone' in r['corpus'] else ' '}{r['mb']:6.1f} | {r['shuffle'] / r['records']:13.0f} | {r['share']:18.3f} "
                  f"({r['stage']}) | {m['executor JVM']:9.0f} MB | {m['Python worker']:10.0f} MB | {m['textmill']:5.0f} MB | "
                  f"{m['executor tree']:10.0f} MB | {r['peak']['JVMHeapMemory'] / 1e6:5.0f} MB | "
                  f"{r['stats']['largest_group']:13d} | {r['wall'] * 1000 / r['records']:9.2f}")
    elif len(rows) >= 2:
        r1, r2 = rows[0], rows[-1]
        per_mb_spark = (r2["wall"] - r1["wall"]) / (r2["mb"] - r1["mb"])
        fixed = r1["wall"] - per_mb_spark * r1["mb"]
        per_mb_single = (r2["single"] - r1["single"]) / (r2["mb"] - r1["mb"])
        print(f"\nfitted on the two corpora: Spark local[2] {fixed:.1f} s fixed + {per_mb_spark * 1000:.0f} s/GB "
              f"({1 / per_mb_spark:.1f} MB/s marginal); textmill --jobs 2 {per_mb_single * 1000:.0f} s/GB "
              f"({1 / per_mb_single:.1f} MB/s)")


if __name__ == "__main__":
    main()
