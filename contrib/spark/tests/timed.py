"""Runs the tests as `python -m unittest discover -p 'test_*.py'` does (arguments: test names to
run instead of all), then prints the seconds of each test, slowest first: no single test should
dominate the suite's time."""
import sys
import time
import unittest


class TimedResult(unittest.TextTestResult):
    """A text result that also keeps each test's wall-clock seconds."""

    times = []

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def stopTest(self, test):
        TimedResult.times.append((time.monotonic() - self._started, test.id()))
        super().stopTest(test)


def main(names):
    loader = unittest.defaultTestLoader
    suite = loader.loadTestsFromNames(names) if names else loader.discover(".", pattern="test_*.py")
    started = time.monotonic()
    result = unittest.TextTestRunner(resultclass=TimedResult, verbosity=1).run(suite)
    print(f"contrib/spark tests: {time.monotonic() - started:.0f} s in all (class set-ups included); each test:", file=sys.stderr)
    for seconds, name in sorted(TimedResult.times, reverse=True):
        print(f"  {seconds:6.1f} s  {name}", file=sys.stderr)
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
