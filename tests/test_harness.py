import os
import subprocess
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
