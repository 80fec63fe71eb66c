"""A tiny Spark job that loads the classes the TextMill job's driver and executors load (a
context with the job's settings, persisted and checkpointed RDDs, sorted and partitioned
shuffles, a zip, a broadcast, Hadoop file system calls, a text output), so that the JVM can
archive them (`classes.sh`: `-XX:ArchiveClassesAtExit`). It reads and writes only under the
folder given as its argument.

usage: spark-submit classes_warmup.py FOLDER
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from textmill_spark import spark_conf  # noqa: E402


def main(folder):
    from pyspark import SparkContext, StorageLevel
    sc = SparkContext.getOrCreate(spark_conf().setAppName("textmill-classes"))
    try:
        numbers = sc.parallelize(range(2000), 2).mapPartitionsWithIndex(lambda i, it: ((x, i) for x in it))
        numbers.persist(StorageLevel.MEMORY_AND_DISK)
        numbers.count()
        sorted_ = numbers.repartitionAndSortWithinPartitions(2, lambda k: k % 2)
        sorted_.localCheckpoint()
        sorted_.count()
        table = sc.broadcast({0: "even", 1: "odd"})
        pairs = sorted_.map(lambda kv: (kv[0] % 7, 1)).reduceByKey(lambda a, b: a + b, 2)
        joined = pairs.join(pairs.mapValues(lambda v: -v), 2).partitionBy(2).coalesce(1)
        zipped = numbers.map(lambda kv: kv[0]).zip(numbers.map(lambda kv: table.value[kv[1] % 2]))
        sc.union([zipped, zipped]).aggregate(0, lambda acc, _: acc + 1, lambda a, b: a + b)
        joined.collect()
        jvm = sc._jvm
        out = os.path.join(os.path.abspath(folder), "out")
        path = jvm.org.apache.hadoop.fs.Path(out)
        fs = path.getFileSystem(sc._jsc.hadoopConfiguration())
        if fs.exists(path):
            fs.delete(path, True)
        sc.parallelize([b"a", b"b"], 2).map(lambda b: b.decode()).saveAsTextFile(
            out, "org.apache.hadoop.io.compress.GzipCodec")
        stream = fs.create(jvm.org.apache.hadoop.fs.Path(out + "/stats.json"), True)
        stream.write(bytearray(b"{}\n"))
        stream.close()
        sc.emptyRDD().count()
    finally:
        sc.stop()


if __name__ == "__main__":
    main(sys.argv[1])
