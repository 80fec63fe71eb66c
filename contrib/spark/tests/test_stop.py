"""The driver's end (textmill_spark.stop_at_exit): the SparkContext stops, and PySpark's
accumulator server is left to the process's end rather than waited for."""
import os
import tempfile
import unittest

import support  # noqa: F401  (puts contrib/spark on the path)
from textmill_spark import stop_at_exit


class FakeServer:
    def __init__(self, address):
        self.server_address = address
        self.shut = False

    def shutdown(self):                 # PySpark's stop() calls this, and it waits up to a second
        self.shut = True


class FakeContext:
    def __init__(self, server):
        self._accumulatorServer = server
        self.stopped_with = "not stopped"

    def stop(self):
        # What SparkContext.stop does with the server it still holds.
        self.stopped_with = self._accumulatorServer
        if self._accumulatorServer is not None:
            self._accumulatorServer.shutdown()


class StopAtExit(unittest.TestCase):
    def test_context_stops_without_waiting_for_the_accumulator_server(self):
        server = FakeServer(("127.0.0.1", 4321))
        sc = FakeContext(server)
        stop_at_exit(sc)
        self.assertIsNone(sc.stopped_with, "the context stopped, with no server left to shut down")
        self.assertFalse(server.shut)

    def test_a_unix_socket_file_is_removed(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "accumulators.sock")
            open(path, "w").close()
            server = FakeServer(path)
            stop_at_exit(FakeContext(server))
            self.assertFalse(os.path.exists(path))
            self.assertFalse(server.shut)

    def test_a_context_without_a_server(self):
        sc = FakeContext(None)
        stop_at_exit(sc)
        self.assertIsNone(sc.stopped_with)


if __name__ == "__main__":
    unittest.main()
