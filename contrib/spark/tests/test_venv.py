"""contrib/spark/venv.sh run twice at once: the venv is made once, and neither run removes the
venv the other is installing (two test scripts started together once broke each other's venv:
each removed the cache folder and made it again). A stand-in `python3` makes a venv layout and
a stand-in `pip` puts pyspark and numpy in it, slowly, so the two runs overlap."""
import os
import shutil
import subprocess
import tempfile
import unittest

CONTRIB = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

FAKE_PYTHON = r'''#!/usr/bin/env bash
# A stand-in for python3: --version, and -m venv DIR (a venv whose pip "installs" slowly).
set -euo pipefail
if [ "$1" = "--version" ]; then echo "Python 3.11.7"; exit 0; fi
[ "$1" = "-m" ] && [ "$2" = "venv" ] || exit 2
dir="$3"
echo made >>"$FAKE_LOG"
mkdir -p "$dir/bin" "$dir/lib/python3.11/site-packages"
cat >"$dir/bin/pip" <<PIP
#!/usr/bin/env bash
sleep 1
site="$dir/lib/python3.11/site-packages"
mkdir -p "\$site/pyspark" "\$site/numpy"
touch "\$site/pyspark/__init__.py" "\$site/numpy/__init__.py"
PIP
chmod +x "$dir/bin/pip"
ln -sf "$(command -v bash)" "$dir/bin/python"
'''


class VenvScript(unittest.TestCase):
    def test_two_runs_at_once_make_the_venv_once(self):
        work = tempfile.mkdtemp(prefix="textmill-venv-lock-")
        try:
            contrib = os.path.join(work, "spark")
            os.makedirs(contrib)
            for name in ("venv.sh", "requirements.txt", "textmill_spark_paths.py"):
                shutil.copy(os.path.join(CONTRIB, name), contrib)
            fake = os.path.join(work, "bin")
            os.makedirs(fake)
            with open(os.path.join(fake, "python3"), "w") as f:
                f.write(FAKE_PYTHON)
            os.chmod(os.path.join(fake, "python3"), 0o755)
            log = os.path.join(work, "made.log")
            env = dict(os.environ, PATH=fake + os.pathsep + os.environ["PATH"], TEXTMILL_CACHE=os.path.join(work, "cache"),
                       FAKE_LOG=log)
            runs = [subprocess.Popen(["bash", os.path.join(contrib, "venv.sh")], env=env, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True) for _ in range(2)]
            outcomes = [(p.wait(), p.stdout.read(), p.stderr.read()) for p in runs]
            for p in runs:
                p.stdout.close()
                p.stderr.close()
            for status, out, err in outcomes:
                self.assertEqual(status, 0, err)
                self.assertEqual(out.strip(), os.path.join(contrib, ".venv"))
            with open(log) as f:
                self.assertEqual(f.read().split(), ["made"], "the venv was made more than once")
            [cache] = [n for n in os.listdir(os.path.join(work, "cache")) if not n.endswith(".lock")]
            site = os.path.join(work, "cache", cache, "lib", "python3.11", "site-packages")
            for name in ("pyspark/__init__.py", "numpy/__init__.py", "textmill_spark_paths.pth"):
                self.assertTrue(os.path.exists(os.path.join(site, name)), name)
            self.assertEqual(os.path.realpath(os.path.join(contrib, ".venv")), os.path.join(work, "cache", cache))
        finally:
            shutil.rmtree(work)


if __name__ == "__main__":
    unittest.main()
