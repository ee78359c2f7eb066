"""`make test` brings the browser its tests drive: tests/chromium.sh finds Chromium,
installs it when root can (apt-get), or stops with one line naming what to run. Each case
runs the real script with a PATH of its own, holding only the programs the case needs."""

import os
import shutil
import subprocess
import time

from ..conftest import ROOT

SCRIPT = os.path.join(ROOT, "tests", "chromium.sh")


def program(folder, name, body):
    path = folder / name
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(0o755)
    return str(path)


def bin_folder(folder):
    path = folder / "bin"
    path.mkdir(exist_ok=True)
    return path


def run(folder, uid, **env):
    """The script as user `uid` (a stand-in `id` says so), with PATH only `folder/bin`."""
    bin_dir = bin_folder(folder)
    program(bin_dir, "id", f"echo {uid}")
    started = time.monotonic()
    done = subprocess.run([shutil.which("sh"), SCRIPT], capture_output=True, text=True,
                          env={"PATH": str(bin_dir), **env}, timeout=30)
    return done, time.monotonic() - started


def test_a_user_who_cannot_install_gets_one_line_naming_the_command(tmp_path):
    done, took = run(tmp_path, 1000)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "sudo apt-get install chromium" in lines[0] and "QUOTES_CHROMIUM" in lines[0]
    assert took < 5


def test_chromium_on_the_path_is_found(tmp_path):
    chrome = program(bin_folder(tmp_path), "chromium", "exit 0")
    done, _ = run(tmp_path, 1000)
    assert done.returncode == 0 and done.stdout.strip() == chrome


def test_quotes_chromium_names_the_browser(tmp_path):
    chrome = program(tmp_path, "my-chrome", "exit 0")
    done, _ = run(tmp_path, 1000, QUOTES_CHROMIUM=chrome)
    assert done.returncode == 0 and done.stdout.strip() == chrome
    done, _ = run(tmp_path, 1000, QUOTES_CHROMIUM=str(tmp_path / "nothing-here"))
    assert done.returncode == 1 and "QUOTES_CHROMIUM" in done.stderr


def test_root_installs_it_with_apt_get(tmp_path):
    bin_dir = bin_folder(tmp_path)
    log = tmp_path / "apt.log"
    # apt-get stands in for Debian's: it records its arguments and "installs" chromium
    program(bin_dir, "apt-get", f'echo "$@" >> {log}\n'
            f'case "$*" in *install*chromium*) printf "#!/bin/sh\\nexit 0\\n" > {bin_dir}/chromium;'
            f' /bin/chmod 755 {bin_dir}/chromium;; esac')
    done, _ = run(tmp_path, 0)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().endswith("/chromium")
    assert "install -y -qq chromium" in log.read_text()
