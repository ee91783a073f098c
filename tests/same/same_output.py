#!/usr/bin/python3
"""same_output.py — do two builds of versus write the same bytes?  The proof issues 17 (the
reshape) and 19 (speed) ask for: "byte-identical output before and after".

    same_output.py [OPTIONS] OLD_VERSUS NEW_VERSUS
    same_output.py [OPTIONS] --old-rev REV NEW_VERSUS

Each build runs, with its own rules and plugins, over the same inputs:
  golden  every case of tests/golden (its `args`, run from the inputs tree, as run_golden.sh)
  site    `site --json` of the shipped catalog (data/), at -j 1 and at -j 2
  import  `import openrouter` then `import litellm` of data/snapshots/ into an empty catalog
  sample  40 of the imported models (a fixed seed) as a catalog: `compare -f json` and `-f md`
          of 100 ordered pairs of them (the same seed)
  check   `check --json` of both catalogs, `show ID --json` of a few models of each
Every command's stdout is a file, and so is its stderr with its exit status (NAME.status).
The two trees of files are compared byte for byte; the first difference is printed with a
short diff, and a count per part.  Exit status: 0 the same, 1 a difference, 2 could not run.

Where each build gets its rules and plugins: a binary run from its meson build directory uses
its own checkout's rules/ and its build's plugins/ (core/cli/paths.c), and that is the default.
--old-root DIR (--new-root DIR) runs it with DIR/rules instead, and --old-plugins DIR
(--new-plugins) with those plugins: the binary is staged in a temporary install prefix
(PREFIX/bin/versus beside PREFIX/share/versus/rules, the layout core/cli/paths.c reads for an
installed binary) and `versus rules` / `versus plugins` must name the staged directories.
--old-rev REV builds REV: a detached `git worktree` in a temporary directory, `meson setup
--buildtype=debugoptimized`, only the binary and the shipped plugins built (nice, -j
--build-jobs), removed at the end.

Both builds run over the inputs of one tree (--inputs DIR; default the new build's tree):
golden cases and fixtures, data/models, data/snapshots; a build whose behaviour changed on
purpose shows the change as a difference.  Both run in the same directory, one after the
other (the first build's files are moved aside), so a path printed in the output is the
same path; HOME is empty, the VERSUS_* variables unset, COLUMNS=80, LC_ALL=C.UTF-8.
Two things are not compared byte for byte, and only these: durations and rates in stderr
("in 1.63 s" becomes "in <time>", "112/s" "<rate>/s"), and the hashes of the site's .versus-manifest (a cache key over
the bytes of the rules and plugin files, which differ between any two builds): its list of
pages is compared.  Everything runs under nice, in a temporary directory (--keep DIR keeps
both trees: DIR/old, DIR/new).
"""
import argparse
import difflib
import glob
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

SEED = 20260702          # the OpenRouter snapshot's date, as tests/import uses it
PARTS = ["golden", "site", "import", "sample", "check"]


class CannotRun(Exception):
    """Setup failed (no binary, a build that does not compile, a stage the binary ignores)."""


def say(msg):
    print(msg, flush=True)


# {====== Where a build's tree is

def own_tree(binary):
    """(source tree, build dir) of a binary inside a meson build directory, else (None, None)."""
    d = os.path.dirname(os.path.realpath(binary))
    for _ in range(4):
        info = os.path.join(d, "meson-info", "meson-info.json")
        if os.path.isfile(info):
            with open(info) as f:
                dirs = json.load(f)["directories"]
            return os.path.realpath(dirs["source"]), os.path.realpath(dirs["build"])
        d = os.path.dirname(d)
    return None, None


def config_string(build, name, default):
    """A quoted #define of BUILD/core/config.h (the layout an installed binary reads)."""
    try:
        with open(os.path.join(build or "", "core", "config.h")) as f:
            m = re.search(r'#define %s "([^"]*)"' % name, f.read())
    except OSError:
        m = None
    return m.group(1) if m else default


class Side:
    """One build: the command that runs it and what it runs with."""

    def __init__(self, name, binary, root, plugins):
        self.name = name
        if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
            raise CannotRun(f"{name}: {binary}: not an executable file")
        self.binary = os.path.realpath(binary)
        self.src, self.build = own_tree(self.binary)
        self.root = os.path.realpath(root) if root else self.src
        self.plugins = os.path.realpath(plugins) if plugins else None
        self.exe = self.binary
        self.staged = None  # the staged plugin directory

    def plugin_dir(self):
        if self.staged:
            return self.staged
        return self.plugins or (os.path.join(self.build, "plugins") if self.build else None)

    def describe(self):
        """One line; refuses a build whose plugin directory holds no plugin (it would run
        quietly without the capability checks, and differ from any build that has them)."""
        d = self.plugin_dir()
        so = sorted(os.path.basename(f) for f in glob.glob(os.path.join(d, "*.so"))) if d else ["?"]
        if not so:
            raise CannotRun(f"{self.name}: no plugin in {d}")
        how = "staged" if self.staged else "its own tree"
        return (f"{self.name}: {self.binary} (rules: {self.root or 'installed'}, {how}; "
                f"plugins: {', '.join(so)})")

    def stage(self, where, env, catalog):
        """Install the binary into a prefix under WHERE with ROOT/rules and the plugins, when
        they are not the binary's own (a build directory's binary ignores any other)."""
        if self.root == self.src and self.plugins in (None, os.path.join(self.build or "", "plugins")):
            return
        if not self.build and not self.plugins:
            raise CannotRun(f"{self.name}: {self.binary} is not in a meson build directory: "
                            f"give its plugins with --{self.name}-plugins")
        if not self.root:
            raise CannotRun(f"{self.name}: {self.binary} is not in a meson build directory: "
                            f"give its rules with --{self.name}-root")
        plugins = self.plugins or os.path.join(self.build, "plugins")
        share = os.path.join(where, config_string(self.build, "VERSUS_DATADIR_REL", "share/versus"))
        lib = os.path.join(where, config_string(self.build, "VERSUS_PLUGINDIR_REL", "lib/versus/plugins"))
        bindir = os.path.join(where, config_string(self.build, "VERSUS_BINDIR_REL", "bin"))
        if not os.path.isdir(os.path.join(self.root, "rules")):
            raise CannotRun(f"{self.name}: {self.root}/rules: no such directory")
        os.makedirs(bindir)
        os.makedirs(lib)
        shutil.copy2(self.binary, os.path.join(bindir, "versus"))
        shutil.copytree(os.path.join(self.root, "rules"), os.path.join(share, "rules"), symlinks=True)
        # data/ as meson installs it (the schema, the importer's aliases), without the snapshots
        data = os.path.join(self.root, "data")
        if os.path.isdir(data):
            shutil.copytree(data, os.path.join(share, "data"), ignore=shutil.ignore_patterns("snapshots"))
        for so in sorted(glob.glob(os.path.join(plugins, "*.so"))):
            shutil.copy2(so, lib)
        self.exe = os.path.join(bindir, "versus")
        self.staged = lib
        # The stage must be what runs: a binary of another layout would quietly fall back to
        # its configured prefix, or a build tree's binary to its own tree.
        own = [os.path.join(d, sub) for d, sub in ((self.src, "rules"), (self.build, "plugins")) if d]
        for cmd in ("rules", "plugins"):
            p = subprocess.run([self.exe, "--data", catalog, cmd], env=env, capture_output=True)
            said = (p.stdout + p.stderr).decode(errors="replace")
            if p.returncode not in (0, 1) or where not in said or \
               any(re.search(re.escape(d) + r"(?![\w.-])", said) for d in own):
                raise CannotRun(f"{self.name}: staged in {where}, but `versus {cmd}` does not "
                                f"use it (exit {p.returncode}):\n{said[:600]}")


# {====== Building a revision

def git(repo, *args, **kw):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=True, **kw).stdout.strip()


def build_rev(repo, rev, where, jobs):
    """A worktree of REV at WHERE/tree, built; returns the binary's path."""
    try:
        sha = git(repo, "rev-parse", "--verify", rev + "^{commit}")
    except subprocess.CalledProcessError as e:
        raise CannotRun(f"--old-rev {rev}: not a revision of {repo}: {e.stderr.strip()}")
    tree = os.path.join(where, "tree")
    git(repo, "worktree", "add", "--detach", tree, sha)
    build = os.path.join(tree, "build")
    log = os.path.join(where, "build.log")
    say(f"# building {rev} ({sha[:12]}) in {tree} (log: {log})")
    with open(log, "w") as out:
        def step(*cmd):
            if subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=tree) != 0:
                out.flush()
                with open(log, errors="replace") as f:
                    tail = f.read()[-1500:]
                raise CannotRun(f"--old-rev {rev}: {' '.join(cmd[:2])} failed:\n{tail}")
        step("meson", "setup", build, "--buildtype=debugoptimized")
        targets = json.loads(subprocess.run(["meson", "introspect", "--targets", build],
                                            check=True, capture_output=True, text=True).stdout)
        want = []
        for t in targets:
            for f in t["filename"]:
                if (t["type"] == "executable" and t["name"] == "versus") or \
                   (t["type"] in ("shared module", "shared_module") and
                    os.path.dirname(f) == os.path.join(build, "plugins")):
                    want.append(os.path.relpath(f, build))
        binary = [w for w in want if os.path.basename(w) == "versus"]
        if len(binary) != 1 or len(want) < 2:
            raise CannotRun(f"--old-rev {rev}: no single 'versus' executable and shipped plugins "
                            f"among the targets ({', '.join(want) or 'none'})")
        step("ninja", "-C", build, "-j", str(jobs), *want)
    return sha, os.path.join(build, binary[0])


def remove_worktree(repo, where):
    tree = os.path.join(where, "tree")
    if os.path.isdir(tree):
        subprocess.call(["git", "-C", repo, "worktree", "remove", "--force", tree],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    shutil.rmtree(tree, ignore_errors=True)
    subprocess.call(["git", "-C", repo, "worktree", "prune"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# {====== Running one build over the inputs

class Runner:
    """Runs one side's commands in RUN (the same path for both sides)."""

    def __init__(self, side, run, env, timeout):
        self.side, self.run_dir, self.env, self.timeout = side, run, env, timeout
        self.commands = 0

    def __call__(self, name, args, cwd=None):
        """`versus ARGS` from CWD: stdout to RUN/NAME, stderr and exit status to NAME.status."""
        path = os.path.join(self.run_dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as out:
            try:
                p = subprocess.run([self.side.exe, *args], stdout=out, stderr=subprocess.PIPE,
                                   cwd=cwd or self.run_dir, env=self.env, timeout=self.timeout)
                err, rc = p.stderr, f"exit {p.returncode}"
            except subprocess.TimeoutExpired as e:
                err, rc = e.stderr or b"", f"timed out after {self.timeout} s"
        with open(path + ".status", "wb") as f:
            f.write(err + b"[" + rc.encode() + b"]\n")
        self.commands += 1


def golden_cases(inputs):
    cases = []
    for args in sorted(glob.glob(os.path.join(inputs, "tests", "golden", "*", "args"))):
        with open(args) as f:
            cases.append((os.path.basename(os.path.dirname(args)), f.read().split()))
    return cases


def snapshot(inputs, source):
    found = sorted(glob.glob(os.path.join(inputs, "data", "snapshots", source + "-*.json")))
    if not found:
        raise CannotRun(f"no {source} snapshot in {inputs}/data/snapshots")
    return found[-1]  # the newest date


def run_import(r, o):
    for source in ("openrouter", "litellm"):
        r(f"import/{source}.out", ["import", source, snapshot(o.inputs, source), "-o",
                                   os.path.join(r.run_dir, "import", "catalog")])


def run_rest(r, o, sample, pairs):
    parts = o.parts
    if "golden" in parts:
        for case, args in golden_cases(o.inputs):
            r(f"golden/{case}", args, cwd=o.inputs)
    if "site" in parts:
        for j in o.jobs:
            r(f"site-j{j}.out", ["--data", o.site_data, "site", os.path.join(r.run_dir, f"site-j{j}"),
                                 "--json", "-j", str(j)])
    catalog = os.path.join(r.run_dir, "sample", "catalog")
    if sample:
        os.makedirs(os.path.join(catalog, "models"))
        for m in sample:
            shutil.copy(os.path.join(r.run_dir, "import", "catalog", "models", m + ".json"),
                        os.path.join(catalog, "models"))
        for a, b in pairs:
            for fmt in ("json", "md"):
                r(f"sample/reports/{a}--{b}.{fmt}", ["--data", catalog, "compare", a, b, "-f", fmt])
    if "check" in parts:
        r("check/shipped.json", ["--data", o.site_data, "check", "--json"])
        shipped = sorted(f[:-5] for f in os.listdir(os.path.join(o.site_data, "models"))
                         if f.endswith(".json"))
        for m in shipped[:: max(1, len(shipped) // 3)][:3]:
            r(f"check/show-shipped-{m}.json", ["--data", o.site_data, "show", m, "--json"])
        if sample:
            r("check/sample.json", ["--data", catalog, "check", "--json"])
            for m in sample[:3]:
                r(f"check/show-sample-{m}.json", ["--data", catalog, "show", m, "--json"])


def pick_sample(o, old_out, new_out):
    """N models both imports wrote (the same on every run), and P ordered pairs of them."""
    def ids(out):
        d = os.path.join(out, "import", "catalog", "models")
        return {f[:-5] for f in os.listdir(d) if f.endswith(".json")} if os.path.isdir(d) else set()
    both = sorted(ids(old_out) & ids(new_out))
    sample = sorted(random.Random(o.seed).sample(both, min(o.sample, len(both))))
    pairs = list(itertools.permutations(sample, 2))
    if o.pairs and o.pairs < len(pairs):
        pairs = sorted(random.Random(o.seed).sample(pairs, o.pairs))
    return sample, pairs


# {====== Comparing the two trees

# What the clock writes into stderr: "in 1.63 s", "ETA 7s", "112/s" (site's progress lines).
TIME = re.compile(rb"\b\d[\d,]*(?:\.\d+)? ?(?:s|ms|us|\xc2\xb5s)\b")
RATE = re.compile(rb"\b\d[\d,]*(?:\.\d+)?/s\b")


def normalized(path, data):
    if path.endswith(".status"):
        return RATE.sub(b"<rate>/s", TIME.sub(b"<time>", data))
    if os.path.basename(path).startswith(".versus-manifest"):
        return b"".join(line.split(b" ")[0] + b"\n" for line in data.splitlines())
    return data


def files(top):
    out = []
    for d, _, names in os.walk(top):
        out += [os.path.relpath(os.path.join(d, n), top) for n in names]
    return out


def part_of(rel):
    head = rel.split(os.sep)[0]
    return "site -j " + head[6:].split(".")[0] if head.startswith("site-j") else head


def short_diff(a, b, rel, lines=30):
    if b"\0" in a or b"\0" in b:
        return [f"binary files differ ({len(a)} and {len(b)} bytes)"]
    d = difflib.unified_diff(a.decode(errors="replace").splitlines(),
                             b.decode(errors="replace").splitlines(),
                             "old/" + rel, "new/" + rel, n=2, lineterm="")
    out = [line if len(line) <= 200 else line[:200] + " [...]" for line in d]
    return out[:lines] + ([f"[... {len(out) - lines} more diff lines]"] if len(out) > lines else [])


def compare(old, new):
    """Prints the counts and the first difference; returns the number of differing files."""
    rels = sorted(set(files(old)) | set(files(new)),
                  key=lambda r: (PARTS.index(part_of(r).split()[0]) if part_of(r).split()[0] in PARTS else 99, r))
    counts, differ = {}, []
    for rel in rels:
        c = counts.setdefault(part_of(rel), [0, 0])
        c[0] += 1
        pa, pb = os.path.join(old, rel), os.path.join(new, rel)
        if not os.path.exists(pa) or not os.path.exists(pb):
            differ.append((rel, "only in " + ("new" if os.path.exists(pb) else "old")))
            c[1] += 1
            continue
        with open(pa, "rb") as f:
            a = normalized(rel, f.read())
        with open(pb, "rb") as f:
            b = normalized(rel, f.read())
        if a != b:
            differ.append((rel, short_diff(a, b, rel)))
            c[1] += 1
    for part, (n, d) in counts.items():
        say(f"{part:<10} {n:6d} files compared, {d} differ")
    say(f"{'all':<10} {len(rels):6d} files compared, {len(differ)} differ")
    if differ:
        rel, what = differ[0]
        say(f"FIRST DIFFERENCE: {rel}")
        for line in ([what] if isinstance(what, str) else what):
            say("  " + line)
        more = [r for r, _ in differ[1:11]]
        if more:
            say("other differing files: " + ", ".join(more) + (" ..." if len(differ) > 11 else ""))
    return len(differ)


# {====== The command line

def options(argv):
    p = argparse.ArgumentParser(prog="same_output.py", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("versus", nargs="+", metavar="VERSUS", help="OLD_VERSUS NEW_VERSUS, or NEW_VERSUS with --old-rev")
    p.add_argument("--old-rev", metavar="REV", help="build REV of the repository (--repo) as the old build")
    p.add_argument("--repo", metavar="DIR", help="the git repository of --old-rev (default: the new build's tree)")
    p.add_argument("--build-jobs", type=int, default=1, metavar="N", help="ninja -j for --old-rev (default 1)")
    for side in ("old", "new"):
        p.add_argument(f"--{side}-root", metavar="DIR", help=f"run the {side} build with DIR/rules (default: its own tree)")
        p.add_argument(f"--{side}-plugins", metavar="DIR", help=f"run the {side} build with the plugins of DIR (default: its build's)")
    p.add_argument("--inputs", metavar="DIR", help="the tree of goldens, fixtures, data/ and snapshots (default: the new build's tree)")
    p.add_argument("--site-data", metavar="DIR", help="the catalog of the site and check parts (default: INPUTS/data)")
    p.add_argument("--parts", default=",".join(PARTS), help="which parts (default: all): " + ",".join(PARTS))
    p.add_argument("--jobs", default="1,2", help="the site's -j values (default 1,2)")
    p.add_argument("--sample", type=int, default=40, metavar="N", help="models in the imported sample (default 40)")
    p.add_argument("--pairs", type=int, default=100, metavar="N", help="ordered pairs of the sample; 0 for all (default 100)")
    p.add_argument("--seed", type=int, default=SEED)
    p.add_argument("--timeout", type=int, default=1800, metavar="S", help="per command (default 1800)")
    p.add_argument("--keep", metavar="DIR", help="keep both trees of output in DIR/old and DIR/new")
    o = p.parse_args(argv)
    if len(o.versus) != (1 if o.old_rev else 2):
        p.error("give OLD_VERSUS NEW_VERSUS, or --old-rev REV NEW_VERSUS")
    o.parts = [x for x in o.parts.split(",") if x]
    bad = [x for x in o.parts if x not in PARTS]
    if bad:
        p.error(f"unknown part {bad[0]} (one of {', '.join(PARTS)})")
    o.jobs = [int(j) for j in o.jobs.split(",") if j]
    if "sample" in o.parts and "import" not in o.parts:
        o.parts.append("import")
    return o


def main(argv):
    o = options(argv)
    try:
        os.nice(10)
    except OSError:
        pass
    tmp = tempfile.mkdtemp(prefix="versus-same-")
    repo = None
    started = time.monotonic()
    try:
        new = Side("new", o.versus[-1], o.new_root, o.new_plugins)
        if o.old_rev:
            repo = os.path.realpath(o.repo or new.src or ".")
            sha, binary = build_rev(repo, o.old_rev, os.path.join(tmp, "rev"), o.build_jobs)
            say(f"# built in {time.monotonic() - started:.0f} s")
        else:
            binary = o.versus[0]
        old = Side("old", binary, o.old_root, o.old_plugins)
        o.inputs = os.path.realpath(o.inputs or new.root or new.src or ".")
        o.site_data = os.path.realpath(o.site_data or os.path.join(o.inputs, "data"))
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": os.path.join(tmp, "home"),
               "XDG_CONFIG_HOME": "", "COLUMNS": "80", "LC_ALL": "C.UTF-8", "TZ": "UTC"}
        for side in (old, new):
            side.stage(os.path.join(tmp, "stage-" + side.name), env, o.site_data)
            say("# " + side.describe())
        say(f"# inputs: {o.inputs}; parts: {', '.join(o.parts)}")
        run = os.path.join(tmp, "run")
        out = {s.name: os.path.join(tmp, "out-" + s.name) for s in (old, new)}

        def each_side(what, body):
            for side in (old, new):
                t = time.monotonic()
                if os.path.isdir(out[side.name]):
                    os.rename(out[side.name], run)
                else:
                    os.makedirs(run)
                r = Runner(side, run, env, o.timeout)
                body(r)
                os.rename(run, out[side.name])
                say(f"# {side.name}: {what}, {r.commands} commands, {time.monotonic() - t:.1f} s")

        sample, pairs = [], []
        if "import" in o.parts:
            each_side("import", lambda r: run_import(r, o))
            if "sample" in o.parts:
                sample, pairs = pick_sample(o, out["old"], out["new"])
                if not sample:
                    raise CannotRun("the two imports share no model, so there is no sample to "
                                    "compare (import/*.status says why)")
                say(f"# sample: {len(sample)} models, {len(pairs)} ordered pairs, seed {o.seed}")
        each_side("the rest", lambda r: run_rest(r, o, sample, pairs))
        differ = compare(out["old"], out["new"])
        if o.keep:
            os.makedirs(o.keep, exist_ok=True)
            for name, path in out.items():
                dest = os.path.join(o.keep, name)
                shutil.rmtree(dest, ignore_errors=True)
                shutil.move(path, dest)
            say(f"# kept in {o.keep}/old and {o.keep}/new")
        say(f"# {'DIFFERENT' if differ else 'SAME'}: {time.monotonic() - started:.0f} s in all")
        return 1 if differ else 0
    except CannotRun as e:
        print(f"same_output.py: {e}", file=sys.stderr)
        return 2
    finally:
        if repo:
            remove_worktree(repo, os.path.join(tmp, "rev"))
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
