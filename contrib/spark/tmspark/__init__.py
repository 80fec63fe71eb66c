"""The Spark job's steps (textmill_spark.py runs them; see docs/spark.md)."""
import gc

# A PySpark worker runs gc.collect() after every task (pyspark/daemon.py): a full collection that
# walks every object alive in the process, the ~30,000 of the modules its daemon imported before
# forking it (pyspark, numpy) included. A worker imports this package when its first task
# arrives: what is alive then is moved out of the collector's way (it is still freed by
# reference counting), so each collection walks only what the tasks left.
gc.freeze()
