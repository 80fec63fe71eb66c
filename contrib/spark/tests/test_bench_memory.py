"""bench/spark/measure.py's peak memory, read from the OS (/proc/PID/status) for the N / 4N / 16N
table: a process's peak is its high-water mark, kept after it freed the memory, so no sampling
interval misses a short peak; an executor's tree is the sum of its processes' RSS at one sample."""
import importlib.util
import os
import subprocess
import sys
import time
import unittest

import support

MB = 1 << 20

# A parent (standing for an executor JVM) whose child (a Python worker) holds 40 MB, and which
# itself touched 120 MB and gave them back before it says "ready".
FAMILY = r"""
import subprocess, sys, time
peak = bytearray(120 << 20)
for i in range(0, len(peak), 4096):
    peak[i] = 1
del peak
child = subprocess.Popen([sys.executable, "-c",
    "import sys, time\nheld = bytearray(40 << 20)\nfor i in range(0, len(held), 4096): held[i] = 1\n"
    "print('held', flush=True)\ntime.sleep(60)"], stdout=subprocess.PIPE)
child.stdout.readline()
print(child.pid, flush=True)
time.sleep(60)
"""


def load_measure():
    path = os.path.join(support.ROOT, "bench", "spark", "measure.py")
    spec = importlib.util.spec_from_file_location("bench_spark_measure", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@unittest.skipUnless(os.path.exists("/proc/self/status"), "needs Linux's /proc")
class PeakMemoryFromTheOS(unittest.TestCase):
    def setUp(self):
        self.measure = load_measure()
        self.parent = subprocess.Popen([sys.executable, "-c", FAMILY], stdout=subprocess.PIPE)
        self.child = int(self.parent.stdout.readline())

    def tearDown(self):
        os.kill(self.child, 9)
        self.parent.kill()
        self.parent.wait()
        self.parent.stdout.close()

    def test_peaks_by_kind_and_the_executor_tree(self):
        m = self.measure
        table = m.process_table()
        parent = (self.parent.pid, table[self.parent.pid][1])
        child = (self.child, table[self.child][1])
        names = {parent: "JVM executor", child: "Python workers"}
        memory = m.Memory()
        memory.sample(table, [parent, child], names)
        figures = memory.figures()
        # The parent's 120 MB were freed before the sample: only its high-water mark knows them.
        self.assertGreaterEqual(figures["executor JVM"], 120 * MB)
        self.assertLess(m.memory_of(self.parent.pid)[1], 100 * MB)
        self.assertGreaterEqual(figures["Python worker"], 40 * MB)
        self.assertLess(figures["Python worker"], 100 * MB)
        self.assertEqual(figures["textmill"], 0)
        # The tree: the parent's RSS now (not its peak) and the child's, at one sample.
        self.assertGreaterEqual(figures["executor tree"], 40 * MB)
        self.assertLess(figures["executor tree"], 120 * MB)
        # A later sample never lowers a peak.
        time.sleep(0.05)
        memory.sample(m.process_table(), [parent, child], names)
        self.assertEqual(memory.figures()["executor JVM"], figures["executor JVM"])

    def test_local_mode_counts_the_driver_as_the_executor(self):
        m = self.measure
        table = m.process_table()
        parent = (self.parent.pid, table[self.parent.pid][1])
        child = (self.child, table[self.child][1])
        memory = m.Memory()
        memory.sample(table, [parent, child], {parent: "JVM driver", child: "textmill map side"})
        figures = memory.figures()
        self.assertGreaterEqual(figures["executor JVM"], 120 * MB)
        self.assertGreaterEqual(figures["textmill"], 40 * MB)
        self.assertEqual(figures["Python worker"], 0)
        self.assertGreaterEqual(figures["executor tree"], 40 * MB)

    def test_a_process_that_ended_reads_as_nothing(self):
        self.assertEqual(self.measure.memory_of(2 ** 22 + 12345), (0, 0))


class ProcessKinds(unittest.TestCase):
    def test_the_launcher_is_not_the_driver(self):
        """spark-class's launcher JVM names the class it launches (SparkSubmit) among its
        arguments: it counts as the launcher (it counted as a second driver JVM)."""
        measure = load_measure()
        jars = "/venv/pyspark/jars/*"
        self.assertEqual(measure.process_kind("java", f"java -Xmx128m -cp {jars} org.apache.spark.launcher.Main "
                                                      "org.apache.spark.deploy.SparkSubmit --master local[2] job.py"), "JVM launcher")
        self.assertEqual(measure.process_kind("java", f"java -cp {jars} -Xmx3g org.apache.spark.deploy.SparkSubmit "
                                                      "--master local[2] job.py"), "JVM driver")
        self.assertEqual(measure.process_kind("java", f"java -cp {jars} org.apache.spark.executor.CoarseGrainedExecutorBackend "
                                                      "--driver-url spark://x"), "JVM executor")


if __name__ == "__main__":
    unittest.main()
