"""What the Spark job's tools leave in the checkout is ignored by git: venv.sh makes
contrib/spark/.venv a symbolic link to a venv cached outside the checkout, and a link is not a
directory, so a `.venv/` pattern would leave it untracked in `git status`."""
import os
import shutil
import subprocess
import unittest

import support


def in_git_checkout():
    return shutil.which("git") is not None and subprocess.run(
        ["git", "rev-parse", "--git-dir"], cwd=support.ROOT, capture_output=True).returncode == 0


@unittest.skipUnless(in_git_checkout(), "not a git checkout")
class Checkout(unittest.TestCase):
    def ignored(self, path):
        """Whether git ignores `path` (relative to the repository), as a file or link of that name."""
        return subprocess.run(["git", "check-ignore", "-q", "--no-index", path], cwd=support.ROOT).returncode == 0

    def test_venv_link_is_ignored(self):
        self.assertTrue(os.path.islink(os.path.join(support.CONTRIB, ".venv")), "run.sh makes .venv a link first")
        self.assertTrue(self.ignored("contrib/spark/.venv"))
        status = subprocess.run(["git", "status", "--porcelain", "--ignored=no", "contrib/spark"], cwd=support.ROOT,
                                capture_output=True, text=True, check=True).stdout
        self.assertNotIn(".venv", status)

    def test_generated_files_are_ignored(self):
        # The data folders by their own name, so that a link to another checkout's data (what the
        # engineers' worktrees use) is ignored as well as a folder: a `.data/` pattern is for
        # folders only, and git will not look beyond a link at `.data/x`.
        for path in ("contrib/spark/.data", "contrib/spark/tmspark.zip", "bench/spark/.data", "bench/data"):
            self.assertTrue(self.ignored(path), path)


if __name__ == "__main__":
    unittest.main()
