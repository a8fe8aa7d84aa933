import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HARNESS = Path(__file__).resolve().parent.parent / "scripts" / "harness.sh"


class TestOdooSource(unittest.TestCase):
    """`make test` and `make run` fetch Odoo 19.0 when ODOO_PATH holds none,
    and say in one sentence what to do when they cannot."""

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(subprocess.run, ["rm", "-rf", str(self.tmp)], check=False)

    def locate(self, odoo_path, odoo_git):
        env = dict(os.environ, ODOO_PATH=str(odoo_path), ODOO_GIT=odoo_git)
        return subprocess.run(
            ["bash", str(HARNESS), "odoo-path"],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def git(self, *args, cwd):
        subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)

    def odoo_repository(self):
        """A repository whose 19.0 branch has the shape of Odoo's."""
        repo = self.tmp / "odoo.git"
        (repo / "odoo").mkdir(parents=True)
        (repo / "odoo-bin").write_text("#!/usr/bin/env python3\n")
        (repo / "odoo" / "release.py").write_text(
            "version_info = (19, 0, 0, 'final', 0, '')\n"
        )
        self.git("init", "-q", "-b", "19.0", cwd=repo)
        self.git("add", ".", cwd=repo)
        self.git(
            "-c",
            "user.name=t",
            "-c",
            "user.email=t@example.com",
            "commit",
            "-qm",
            "19.0",
            cwd=repo,
        )
        return repo

    def test_a_missing_odoo_is_fetched(self):
        target = self.tmp / "opt" / "odoo"
        result = self.locate(target, f"file://{self.odoo_repository()}")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), str(target))
        self.assertTrue((target / "odoo-bin").is_file())
        self.assertFalse((self.tmp / "opt" / "odoo.partial").exists())

    def test_offline_it_fails_in_one_clear_sentence(self):
        target = self.tmp / "odoo"
        result = self.locate(target, f"file://{self.tmp}/unreachable.git")
        self.assertEqual(result.returncode, 1)
        [error] = [
            line for line in result.stderr.splitlines() if line.startswith("error:")
        ]
        self.assertIn("none could be fetched", error)
        self.assertIn("set ODOO_PATH=", error)
        self.assertFalse(target.exists())

    def test_someone_elses_files_are_left_alone(self):
        target = self.tmp / "odoo"
        target.mkdir()
        (target / "notes.txt").write_text("mine")
        result = self.locate(target, f"file://{self.odoo_repository()}")
        self.assertEqual(result.returncode, 1)
        self.assertEqual(os.listdir(target), ["notes.txt"])


class TestLintGate(unittest.TestCase):
    """`make lint` (and so `make test`) fails on a finding and names it, here
    on a copy of the addon where a line too long commits the transaction by
    hand; the other tools find nothing there."""

    def setUp(self):
        super().setUp()
        self.tmp = Path(tempfile.mkdtemp())
        self.addCleanup(subprocess.run, ["rm", "-rf", str(self.tmp)], check=False)
        self.addon = self.tmp / "clone"
        subprocess.run(
            ["cp", "-r", str(HARNESS.parent.parent), str(self.addon)], check=True
        )

    def lint(self, path):
        env = dict(os.environ, VENV=sys.prefix, BUILD=str(self.tmp / "build"))
        return subprocess.run(
            ["bash", str(self.addon / "scripts" / "harness.sh"), "lint", path],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )

    def test_a_finding_fails_the_gate_and_is_named(self):
        path = "hooks.py"
        source = self.addon / path
        line = len(source.read_text().splitlines()) + 4
        source.write_text(
            source.read_text() + "\n\ndef _commit(self):\n"
            "    self.env.cr.commit()  # the transaction is committed by hand, in the "
            "middle of a request\n"
        )
        result = self.lint(path)
        output = result.stdout + result.stderr
        self.assertEqual(result.returncode, 1, output)
        self.assertIn(f"{path}:{line}:89: E501", output)
        self.assertIn(f"hooks.py:{line}: [E8102(invalid-commit)", output)
        self.assertIn("error: lint: findings above, from ruff check, pylint\n", output)
