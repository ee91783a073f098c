#!/usr/bin/python3
"""Differential escaping tests (hardening issue): hostile strings through every field that
reaches a page, read back by real parsers.

  - Markdown through cmark-gfm with the table and autolink extensions: every table row has
    its header's cell count, and the only links are the related pages and the record's
    source URLs (no autolinked name, no raw HTML, no image);
  - HTML through Python's html.parser: the elements and attributes are those of a benign
    page, and every href is a relative page name;
  - JSON through a strict parser (no duplicate keys, no NaN), keeping the strings as
    recorded;
  - Markdown, HTML and terminal text never carry a control character (but newlines), a bidi
    control or a zero-width character.

Usage: escape_diff.py VERSUS SOURCE_ROOT.  TAP lines (tests/tap.py); exit 1 on a failure."""
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import strictjson  # noqa: E402 (tests/strictjson.py)
from tap import ok as check, finish  # noqa: E402 (tests/tap.py)

VERSUS, SRC = sys.argv[1], sys.argv[2]
CMARK = shutil.which("cmark-gfm")
# core/base/escape.c's list (issue 16, item 12): Unicode's default-ignorable code points.
INVISIBLE = re.compile("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
                       "\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8"
                       "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029]")

# Strings a record may hold (no control characters: those make a record invalid, and the
# validator has its own tests); the rule below carries the control characters.
HOSTILE = [
    "<script>alert(1)</script>", "a & b \"q\" 'q'", "pipe | cell", "back\\slash",
    "javascript:alert(1)", "https://evil.example/x", "www.evil.example", "x@evil.example",
    "rev\u202eersed", "zero\u200bwidth", "[link](https://evil.example)", "![img](x.png)",
    "*em* _em_ `code`", "# heading", "1. list", "&amp; &lt;",
    "tag\U000e0049\U000e0047chars", "soft\u00adhyphen", "hangul\u3164\u115ffillers",
]
RULE_STRINGS = HOSTILE + ["line\nbreak", "\x1b[31mred\x1b[0m", "bell\x07", "tab\there",
                          "\x1b]8;;https://evil.example\x07osc8\x1b]8;;\x07", "cr\rret"]

def lua_string(s):
    return '"' + "".join(c if c.isalnum() or c in " .,:/@#*_`![]()&;<>'|-" else f"\\u{{{ord(c):x}}}" for c in s) + '"'


def make_catalog(tmp):
    models = os.path.join(tmp, "data", "models")
    os.makedirs(models)
    golden = os.path.join(SRC, "tests", "fixtures", "golden", "models")
    a = json.load(open(os.path.join(golden, "gpt-4o.json")))
    b = json.load(open(os.path.join(golden, "o3-mini.json")))
    h = HOSTILE
    a.update(name=("Evil " + " ".join(h[:9]))[:118], creator=h[4], family=h[5], product_type=h[6],
             best_for=" ".join(h), decision_tags=h[:8], architecture=h[10])
    a["license"] = {"name": h[2] + " " + h[8]}
    for i, r in enumerate(a["routes"]):
        r["provider"] = h[i % len(h)] + f" P{i}"
        r["region"] = h[(i + 7) % len(h)]
    a["benchmarks"] = [{"name": h[0], "score": 1, "unit": h[2], "setting": h[8]},
                       {"name": h[7], "score": 2}]
    b["benchmarks"] = [{"name": h[0], "score": 3, "unit": h[2], "setting": h[8]},
                       {"name": h[7], "score": 1}]
    b["name"] = "Other " + h[9] + " " + h[7]
    json.dump(a, open(os.path.join(models, "gpt-4o.json"), "w"))
    json.dump(b, open(os.path.join(models, "o3-mini.json"), "w"))
    sources = a.get("sources", []) + b.get("sources", [])
    rules = os.path.join(tmp, "rules")
    os.makedirs(rules)
    items = ",\n".join("{ key = \"hostile.%d\", text = %s }" % (i, lua_string(s))
                       for i, s in enumerate(RULE_STRINGS))
    rows = ",\n".join("{ key = \"hostile.row%d\", cells = { %s, %s, %s } }" % (
        i, lua_string(s), lua_string(s), lua_string(s)) for i, s in enumerate(RULE_STRINGS))
    faq = ",\n".join("{ key = \"hostile.faq%d\", question = %s, answer = %s }" % (
        i, lua_string(s), lua_string(s)) for i, s in enumerate(RULE_STRINGS))
    with open(os.path.join(rules, "98-hostile.lua"), "w") as f:
        f.write("rule{ key = \"hostile.items\", section = \"deep_dive\", fn = function(p) return {\n"
                + items + "\n} end }\n")
        f.write("rule{ key = \"hostile.rows\", section = \"specs\", fn = function(p) return {\n"
                + rows + "\n} end }\n")
        f.write("rule{ key = \"hostile.list\", section = \"tradeoffs\", fn = function(p) return {\n"
                + items.replace("hostile.", "hostile.t") + "\n} end }\n")
        f.write("rule{ key = \"hostile.faq\", section = \"faq\", fn = function(p) return {\n"
                + faq + "\n} end }\n")
    return os.path.join(tmp, "data"), rules, a, b, sources


def render(data, rules, fmt, extra=()):
    args = [VERSUS, "--data", data] + (["--rules", rules] if rules else []) + \
        ["compare", "gpt-4o", "o3-mini", "-f", fmt] + list(extra)
    env = dict(os.environ, COLUMNS="100")
    env.pop("NO_COLOR", None)
    p = subprocess.run(args, capture_output=True, env=env, cwd=SRC)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


class Tags(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.hrefs, self.text = set(), set(), [], []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for k, v in attrs:
            self.attrs.add(k)
            if k == "href":
                self.hrefs.append(v)

    def handle_data(self, d):
        self.text.append(d)


def parse_html(doc):
    t = Tags()
    t.feed(doc)
    t.close()
    return t


def md_tables(md):
    """Cell counts of each table row, a list per table (unescaped pipes split cells)."""
    tables, cur = [], None
    for line in md.split("\n"):
        if line.startswith("|"):
            cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
            if cur is None:
                cur = []
                tables.append(cur)
            cur.append(len(cells))
        else:
            cur = None
    return tables


def main():
    tmp = tempfile.mkdtemp()
    try:
        data, rules, a, b, sources = make_catalog(tmp)
        # A benign page of the same pair, for the HTML baseline.
        benign = os.path.join(SRC, "tests", "fixtures", "golden")
        rc, base_html, _ = render(benign, None, "html")
        check(rc == 0, "the benign HTML page renders")
        base = parse_html(base_html)

        for fmt in ("md", "html", "text", "json"):
            rc, out, err = render(data, rules, fmt)
            check(rc == 0, f"{fmt}: the hostile pair renders (exit {rc}; {err.strip()[:120]})")
            if fmt != "json":
                check(not INVISIBLE.search(out), f"{fmt}: no invisible character (bidi, zero-width, tag, soft hyphen, Hangul filler)")
                check(not CONTROL.search(out.replace("\n", "")),
                      f"{fmt}: no control character but newlines")
        rc, md, _ = render(data, rules, "md")
        widths = md_tables(md)
        check(widths and all(len(set(t)) == 1 for t in widths),
              f"md: every table row has its header's cell count ({widths})")
        if CMARK:
            h = subprocess.run([CMARK, "-e", "table", "-e", "autolink", "-e", "strikethrough"],
                               input=md.encode(), capture_output=True).stdout.decode()
            doc = parse_html(h)
            links = [x for x in doc.hrefs]
            bad = [x for x in links if not (re.fullmatch(r"[a-z0-9._-]+-vs-[a-z0-9._-]+\.md", x)
                                            or x in sources)]
            check(not bad, f"md through cmark-gfm: links are related pages or sources only (got {bad[:4]})")
            check(not {"script", "img", "iframe"} & doc.tags, "md through cmark-gfm: no script, img or iframe")
            check("raw HTML omitted" not in h, "md through cmark-gfm: no raw HTML in the Markdown")
            # each table keeps its own column count (the routes table has six, the cost table four)
            cols = [{len(re.findall(r"<t[hd][ >]", row)) for row in re.findall(r"<tr>(.*?)</tr>", t, re.S)}
                    for t in re.findall(r"<table>(.*?)</table>", h, re.S)]
            check(cols and all(len(c) == 1 for c in cols), f"md through cmark-gfm: tables keep their columns ({cols})")
            plain = "".join(doc.text)
            check("evil.example/x" in plain and "x\u200c@evil.example" in plain,
                  "md through cmark-gfm: the hostile URL and address stay visible as text")
        else:
            check(True, "# skip: cmark-gfm not installed")
        rc, page, _ = render(data, rules, "html")
        doc = parse_html(page)
        check(doc.tags <= base.tags, f"html: no element a benign page lacks ({doc.tags - base.tags})")
        check(doc.attrs <= base.attrs, f"html: no attribute a benign page lacks ({doc.attrs - base.attrs})")
        # report.md, Links: a record's http(s) sources are links in html as in md; any other
        # href is a relative page name.
        check(all(re.fullmatch(r"[A-Za-z0-9._~%-]+", x) or x in sources for x in doc.hrefs),
              f"html: every href is a relative page name or a source URL "
              f"({[x for x in doc.hrefs if x not in sources][:3]})")
        rc, js, _ = render(data, rules, "json")
        try:
            r = strictjson.loads(js)
            check(True, "json: a strict parser reads it")
            check(r["models"][0]["name"] == a["name"], "json: the name is kept exactly as recorded")
            texts = [i.get("text", "") for s in r["sections"] for i in s.get("items", [])]
            check(any("\x1b[31m" in t for t in texts), "json: a rule's string is kept, escaped")
        except ValueError as e:
            check(False, f"json: strict parse: {e}")
        rc, txt, _ = render(data, rules, "text")
        check("\x1b" not in txt, "text: no escape sequence from data")
    finally:
        shutil.rmtree(tmp)
    finish()


main()
