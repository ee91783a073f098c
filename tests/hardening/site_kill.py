#!/usr/bin/env python3
"""Hardening cases 142 and 130: what `versus site` leaves on disk.

142: SIGKILL at many moments of a site build over an existing complete site that gains six
models.  After every kill, every page on disk is a whole HTML document (pages are written
atomically), and the index and every model page link only to pages that exist (model pages
are written after every pair page, the index after every model page).  A rebuild then gives
a site byte-identical to a fresh one (the killed runs' hidden temporaries removed), and
removes the pages of a model that left the catalog but no file of the user's.

130: models whose ids are `index`, `compare` and `models` cannot overwrite the index or
escape their namespace.

Usage: site_kill.py VERSUS SOURCE_ROOT   (TAP on stdout)
"""
import filecmp, html.parser, json, os, re, shutil, signal, subprocess, sys, tempfile, time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import ok as check, finish  # noqa: E402

VERSUS, SRC = sys.argv[1], sys.argv[2]
GOLDEN = os.path.join(SRC, "tests", "fixtures", "golden", "models")


def run(data, out, *extra):
    env = dict(os.environ, HOME="/nonexistent")
    env.pop("VERSUS_DATA", None)
    return subprocess.run([VERSUS, "--data", data, "site", out, *extra], env=env,
                          capture_output=True, text=True, timeout=600)


def add_models(data, ids):
    """Copies of gpt-4o under new ids (a record's id matches its file name)."""
    base = json.load(open(os.path.join(GOLDEN, "gpt-4o.json")))
    for i, new in enumerate(ids):
        r = dict(base, id=new, name=f"Copy {new}")
        with open(os.path.join(data, "models", new + ".json"), "w") as f:
            json.dump(r, f)


class Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs, self.closed = [], False

    def handle_starttag(self, tag, attrs):
        self.hrefs += [v for k, v in attrs if k == "href" and v]

    def handle_endtag(self, tag):
        self.closed = self.closed or tag == "html"


def pages(site):
    for d, _, files in os.walk(site):
        for f in files:
            if f.endswith(".html") and not f.startswith("."):
                yield os.path.join(d, f)


def audit(site):
    """(incomplete pages, dangling links from index/model pages, dangling from pair pages)"""
    broken, meta_dangling, pair_dangling = [], [], 0
    for p in pages(site):
        text = open(p, encoding="utf-8").read()
        parser = Links()
        parser.feed(text)
        if not (parser.closed and text.rstrip().endswith("</html>")):
            broken.append(p)
        for h in parser.hrefs:
            if re.match(r"^[a-z]+:", h) or h.startswith("#"):
                continue
            target = os.path.normpath(os.path.join(os.path.dirname(p), h.split("#")[0]))
            if not os.path.exists(target):
                if os.sep + "compare" + os.sep in p:
                    pair_dangling += 1
                else:
                    meta_dangling.append(f"{os.path.relpath(p, site)} -> {h}")
    return broken, meta_dangling, pair_dangling


tmp = tempfile.mkdtemp(prefix="versus-site-kill-")
try:
    data, site = os.path.join(tmp, "data"), os.path.join(tmp, "site")
    shutil.copytree(os.path.dirname(GOLDEN), data)
    r = run(data, site, "-j", "2")
    check(r.returncode == 0, "a complete site of the 17 golden models", r.stderr)
    add_models(data, [f"zz-copy-{i}" for i in range(6)])

    # How long the rebuild takes, on a copy, then kills: at growing delays, and at twelve
    # moments of its last third, where the model pages and the index are written.  -j 8, so
    # that several pair pages are in flight when the first model page is taken.
    scratch = os.path.join(tmp, "scratch")
    shutil.copytree(site, scratch)
    t0 = time.monotonic()
    run(data, scratch, "-j", "8")
    whole = time.monotonic() - t0
    delays, d = [], 0.005
    while d < whole / 2:
        delays.append(d)
        d *= 1.6
    delays += [whole * (0.66 + 0.03 * i) for i in range(12)]
    kills = worst_pair = 0
    problems = []
    for delay in delays:
        env = dict(os.environ, HOME="/nonexistent")
        proc = subprocess.Popen([VERSUS, "--data", data, "site", site, "-j", "8"],
                                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        if proc.poll() is not None:
            continue
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        kills += 1
        broken, meta, pair = audit(site)
        worst_pair = max(worst_pair, pair)
        if broken or meta:
            problems.append(f"killed after {delay:.3f} s: incomplete {broken[:3]}, "
                            f"dangling {meta[:3]}")
    check(kills >= 3, f"the build was killed midway {kills} times")
    check(not problems, "after every kill: every page whole, the index and model pages link "
          "only to pages on disk", "\n".join(problems))
    print(f"# pair pages linking to a new pair page not yet written, at worst: {worst_pair}")

    r = run(data, site, "-j", "2")
    fresh = os.path.join(tmp, "fresh")
    r2 = run(data, fresh, "-j", "2")
    cmp = filecmp.dircmp(site, fresh)
    same = r.returncode == 0 and r2.returncode == 0 and not cmp.diff_files and \
        not cmp.left_only and not cmp.right_only and \
        all(not c.diff_files and not c.left_only and not c.right_only
            for c in cmp.subdirs.values())
    check(same, "the rebuild after the kills is byte-identical to a fresh build",
          r.stderr + r2.stderr + f"differ {cmp.diff_files} only in the rebuilt {cmp.left_only} "
          f"only fresh {cmp.right_only} " + " ".join(
              f"{k}: {c.diff_files[:3]} {c.left_only[:3]} {c.right_only[:3]}"
              for k, c in cmp.subdirs.items()))
    broken, meta, pair = audit(site)
    check(not broken and not meta and pair == 0, "and every link of the rebuilt site resolves")

    # A model leaves: its pages go, a file of the user's and a hostile manifest line stay.
    mine = os.path.join(site, "compare", "notes.html")
    open(mine, "w").write("<!DOCTYPE html><html></html>\n")
    outside = os.path.join(tmp, "outside.html")
    open(outside, "w").write("keep")
    with open(os.path.join(site, ".versus-manifest"), "a") as f:
        f.write("compare/../../outside.html 0000000000000000\n")
    os.remove(os.path.join(data, "models", "zz-copy-5.json"))
    r = run(data, site, "-j", "2")
    gone = [p for p in os.listdir(os.path.join(site, "compare")) if "zz-copy-5" in p]
    check(r.returncode == 0 and not gone and
          not os.path.exists(os.path.join(site, "models", "zz-copy-5.html")),
          "a model that left the catalog: its 22 pair pages and its page are removed",
          r.stderr + str(gone[:3]))
    check(re.search(r", 23 removed, ", r.stderr) is not None, "and the summary counts them",
          r.stderr)
    check(os.path.exists(mine) and os.path.exists(outside),
          "a file the manifest does not list, and a manifest path outside DIR, are kept")
    broken, meta, pair = audit(site)
    check(not meta and pair == 0, "no page links to a removed page")

    # Case 130: ids that are names the site itself uses.
    data130, site130 = os.path.join(tmp, "d130"), os.path.join(tmp, "s130")
    os.makedirs(os.path.join(data130, "models"))
    add_models(data130, ["index", "compare", "models"])
    r = run(data130, site130, "-j", "2")
    index = open(os.path.join(site130, "index.html"), encoding="utf-8").read()
    check(r.returncode == 0 and 'href="models/index.html"' in index and
          os.path.isfile(os.path.join(site130, "models", "index.html")) and
          os.path.isfile(os.path.join(site130, "models", "models.html")) and
          os.path.isfile(os.path.join(site130, "compare", "compare-vs-index.html")),
          "case 130: ids index, compare and models live in models/ and compare/; "
          "index.html stays the index", r.stderr)
    _, meta, pair = audit(site130)
    check(not meta and pair == 0, "case 130: every link resolves")
finally:
    shutil.rmtree(tmp, ignore_errors=True)

finish()
