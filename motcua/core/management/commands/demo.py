"""``motcua demo``: migrate, load the demo province, then serve the web server and the worker.

Runs until interrupted (Ctrl-C); stops both child processes on the way out.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Set up the demo database and serve motcua (web + background worker)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-serve", action="store_true", help="Only set up the database and the demo data."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        call_command("i18n_compile", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        if "demo_load" in get_commands():
            call_command("demo_load")
        if "processes_demo" in get_commands():
            call_command("processes_demo")  # internal processes of the demo procedures
        if "dossiers_demo" in get_commands():
            call_command("dossiers_demo")  # a few demo dossiers (once) and fresh API tokens
        if "identity_demo" in get_commands():
            call_command("identity_demo")  # the demo citizen signs in on the portal
        if options["no_serve"]:
            return
        self.serve(options["host"], options["port"])

    def serve(self, host: str, port: int) -> None:
        python = sys.executable
        # The fake national portal (third process) on a free port; web and worker talk to it.
        procedures = Path(__file__).resolve().parents[3] / "catalog" / "demo" / "procedures.json"
        command = [python, "-m", "motcua.cli", "fake_portal", "--port", "0"]
        command += ["--procedures", f"{procedures}"]
        portal = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            command,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert portal.stdout is not None  # noqa: S101 - set by stdout=PIPE
        portal_url = portal.stdout.readline().strip().rsplit(" ", 1)[-1]  # "… on http://…"
        env = {
            **os.environ,
            "USE_NATIONAL_PORTAL": os.environ.get("USE_NATIONAL_PORTAL", "true"),
            "NATIONAL_PORTAL_URL": portal_url,
            "NATIONAL_PORTAL_INTAKE_SECRET": os.environ.get(
                "NATIONAL_PORTAL_INTAKE_SECRET", "demo-intake-secret"
            ),
        }
        web = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [
                python,
                "-m",
                "gunicorn",
                "motcua.wsgi",
                "--bind",
                f"{host}:{port}",
                "--workers",
                "2",
                "--threads",
                "4",
                "--access-logfile",
                "-",
            ],
            env=env,
        )
        worker = subprocess.Popen(  # noqa: S603 - our own interpreter, fixed arguments
            [python, "-m", "motcua.cli", "worker"], env=env
        )
        self.stdout.write(self.style.SUCCESS(f"motcua is running on http://{host}:{port}/"))
        self.stdout.write(f"  API docs: http://{host}:{port}/api/v1/docs")
        self.stdout.write(f"  Fake national portal: {portal_url}/_control/state")
        self.stdout.write("  Press Ctrl-C to stop.")
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        try:
            while not stopping and all(p.poll() is None for p in (web, worker, portal)):
                time.sleep(0.5)
        finally:
            for process in (web, worker, portal):
                if process.poll() is None:
                    process.terminate()
            for process in (web, worker, portal):
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
