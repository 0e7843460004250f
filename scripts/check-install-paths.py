#!/usr/bin/python3
"""Every file a test, benchmark or script reads outside the tree must come from a package that
scripts/install-deps.sh installs.

Finds every absolute path under /usr written in tests/, bench/, scripts/ and fuzz/, asks dpkg
which packages own it, and fails, naming the path and where it is written, unless one of them is
in the install list or pulled in by it (Depends and Pre-Depends, followed through every installed
alternative and provider), or is Essential (in every Debian root). CI's machine keeps what earlier
sessions installed, so without this a missing install step only shows on a fresh machine.

Usage: scripts/check-install-paths.py [--without PACKAGE ...]
  --without drops packages from the install list, to show what would break without them.
"""
import argparse
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCANNED = ("tests", "bench", "scripts", "fuzz")
# A path starts at /usr that no word, variable or path character precedes ("$root/usr/bin" is
# inside an unpacked package, not on this machine).
PATH = re.compile(r"(?<![\w$}./-])/usr/[A-Za-z0-9_.+/-]*")
# What the package we build installs: no other package owns it, and nothing reads it before
# scripts/install-test.sh or dpkg-roundtrip.sh has put it there.
OWN = ("/usr/share/ghostlens",)


def installed_packages():
    """name -> (essential, [dependency groups], [provided names]) of every installed package."""
    fmt = "${Package}\\t${db:Status-Abbrev}\\t${Essential}\\t${Depends}, ${Pre-Depends}\\t${Provides}\\n"
    out = subprocess.run(["dpkg-query", "-W", "-f=" + fmt], check=True, capture_output=True,
                         text=True).stdout
    packages = {}
    for line in out.splitlines():
        name, status, essential, depends, provides = line.split("\t")
        if not status.startswith("ii"):
            continue
        groups = [[bare(alt) for alt in group.split("|")]
                  for group in depends.split(",") if group.strip()]
        packages[name] = (essential == "yes", groups,
                          [bare(p) for p in provides.split(",") if p.strip()])
    return packages


def bare(name):
    """'libfoo:any (>= 1.2)' -> 'libfoo'."""
    return name.strip().split(" ")[0].split(":")[0]


def closure(listed, packages):
    """The listed packages, the Essential ones, and everything installed they depend on."""
    providers = {}
    for name, (_, _, provides) in packages.items():
        for virtual in provides:
            providers.setdefault(virtual, []).append(name)
    todo = [p for p in listed if p in packages]
    todo += [name for name, (essential, _, _) in packages.items() if essential]
    seen = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for group in packages[name][1]:
            for alternative in group:
                if alternative in packages:
                    todo.append(alternative)
                todo += providers.get(alternative, [])
    return seen


def written_paths():
    """path -> ['file:line', ...] for every /usr path in the files of the scanned folders.

    The folders are walked, not asked of git: a fresh root has no git (scripts/fresh-root.sh),
    and these folders hold no build output."""
    found = {}
    files = sorted(path for folder in SCANNED for path in (ROOT / folder).rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts)
    for path in files:
        name = path.relative_to(ROOT).as_posix()
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # binary fixtures
        for number, line in enumerate(text.splitlines(), 1):
            for match in PATH.finditer(line):
                path = match.group(0).rstrip(".-")
                found.setdefault(path, []).append(f"{name}:{number}")
    return found


def owners(path):
    """The packages dpkg says own `path` (none for a path no package ships)."""
    result = subprocess.run(["dpkg-query", "-S", path], capture_output=True, text=True)
    if result.returncode != 0:
        return []
    names = set()
    for line in result.stdout.splitlines():
        if line.startswith("diversion "):
            continue
        for owner in line.split(": ", 1)[0].split(","):
            names.add(bare(owner))
    return sorted(names)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--without", action="append", default=[], metavar="PACKAGE")
    args = parser.parse_args()
    listed = subprocess.run(["bash", str(ROOT / "scripts/install-deps.sh"), "--list"], check=True,
                            capture_output=True, text=True).stdout.split()
    unknown = [p for p in args.without if p not in listed]
    if unknown:
        sys.exit(f"check-install-paths: not in the install list: {' '.join(unknown)}")
    listed = [p for p in listed if p not in args.without]
    packages = installed_packages()
    missing = [p for p in listed if p not in packages]
    if missing:
        sys.exit("check-install-paths: listed but not installed (run scripts/install-deps.sh): "
                 + " ".join(missing))
    reachable = closure(listed, packages)
    paths = written_paths()
    failures = []
    for path, places in sorted(paths.items()):
        if any(path == own or path.startswith(own + "/") for own in OWN):
            continue
        where = ", ".join(places[:3]) + (f" and {len(places) - 3} more" if len(places) > 3 else "")
        found = owners(path)
        if not found:
            failures.append(f"{path} ({where}): no installed package ships it")
        elif not reachable.intersection(found):
            failures.append(f"{path} ({where}): from {', '.join(found)}, which "
                            "scripts/install-deps.sh does not install")
    for failure in failures:
        print("check-install-paths: " + failure, file=sys.stderr)
    if failures:
        sys.exit(1)
    print(f"check-install-paths: {len(paths)} paths under /usr in {', '.join(SCANNED)}, each from "
          f"an installed package ({len(listed)} listed, {len(reachable)} with what they pull in)")


if __name__ == "__main__":
    main()
