"""The Spark job's steps (textmill_spark.py runs them; see docs/spark.md)."""
import gc


def _return_freed_memory():
    """glibc's malloc, in a worker: arrays of 128 KB and more in pages of their own, unmapped when
    freed, and the heap's free top given back. By default the threshold for pages of their own
    rises to the largest block freed so far (up to 32 MB), so after a task's first large numpy
    array every later one came from the heap, which keeps what it was given: a worker, reused for
    task after task, grew by each task's peak on top of the last one's (its RSS went 53 → 58 →
    60 → 62 MB over the tasks of a 300 MB job). Elsewhere (another C library), nothing changes."""
    import ctypes
    import ctypes.util
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return
    M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
    mallopt(M_MMAP_THRESHOLD, 128 << 10)
    mallopt(M_TRIM_THRESHOLD, 128 << 10)
    global _trim
    _trim = getattr(libc, "malloc_trim", None)


_trim = None
_return_freed_memory()


def release():
    """Gives the free pages inside glibc's heap back (malloc_trim), at the end of a step that
    made many arrays: the small ones come from the heap, whose holes stay in the worker's RSS
    for the next task otherwise. Nothing elsewhere."""
    if _trim is not None:
        _trim(0)


# A PySpark worker runs gc.collect() after every task (pyspark/daemon.py): a full collection that
# walks every object alive in the process, the ~30,000 of the modules its daemon imported before
# forking it (pyspark, numpy) included. A worker imports this package when its first task
# arrives: what is alive then is moved out of the collector's way (it is still freed by
# reference counting), so each collection walks only what the tasks left.
gc.freeze()
