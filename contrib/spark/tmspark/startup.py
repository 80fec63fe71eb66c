"""The driver's own start-up work, done while Spark starts.

Before the first task can run, the driver needs textmill's description of the config (a child
process), the list of the input files and the zip of this package that the executors import.
None of these needs a SparkContext when the paths are local, so they start before it is made
and overlap the JVM's own start-up (the SparkContext takes about a second), where they used to
follow it while the cores waited. A URI input is listed through Spark's Hadoop FileSystem, so
it waits for the SparkContext, as before.
"""
import threading

from . import inputs, mapside


class Startup:
    """Starts `describe` (a child process) and, in a thread, the listing of the inputs (when all
    are local paths) and `package()` (a function that writes the package zip and returns its
    path; None: no zip). Each result is collected when the job needs it, and an error is raised
    there, as if the step had run then."""

    def __init__(self, settings, package=None):
        self.settings = settings
        self.description = mapside.Description(settings.textmill, settings.config)
        self._files = self._zip = None
        self._list_error = self._zip_error = None
        local = not any(inputs.is_uri(i) for i in settings.inputs)

        def work():
            if local:
                try:
                    self._files = inputs.list_inputs(settings.inputs)
                except BaseException as e:        # raised again by `files`
                    self._list_error = e
            if package is not None:
                try:
                    self._zip = package()
                except BaseException as e:        # raised again by `package_zip`
                    self._zip_error = e
        self._thread = threading.Thread(target=work, name="textmill-startup", daemon=True)
        self._thread.start()

    def plan(self):
        """`mapside.describe` of the config."""
        return self.description.result()

    def files(self, sc):
        """`inputs.list_inputs` of the inputs (through `sc` for URIs)."""
        self._thread.join()
        if self._list_error is not None:
            raise self._list_error
        return self._files if self._files is not None else inputs.list_inputs(self.settings.inputs, sc)

    def package_zip(self):
        """The path of the package zip `package()` wrote (None when no `package` was given)."""
        self._thread.join()
        if self._zip_error is not None:
            raise self._zip_error
        return self._zip
