#!/usr/bin/env python3
"""Prose lint: renders every unordered pair of one or more catalogs with `versus compare` (md and
text, plus json for the structured facts) and fails on prose a reader would trip over: empty
sections, a sentence said twice, nested brackets, `0k` counts, a sentence saying nothing (or
no tradeoff) favours a model the verdict gives reasons for, a provider spelt in lower case,
`1 routes` / `2 route`. `--list-checks` lists them; `--check NAME` runs only some.

Usage: prose_lint.py VERSUS_EXE DIR [DIR...] [--max-fail N] [--jobs N] [--check NAME]...
       prose_lint.py --list-checks
Each DIR holds models/*.json (ids are the file names). Run it from the checkout (versus finds
its rules relative to it). One line per failure, `A vs B (fmt): check-name: detail`, at most
--max-fail of them (default 40), then a count per check, then `prose-lint: N/M pages clean`
(a page is one pair in one format: md, text, json; a compare that exits non-zero is a `render`
failure). Exit 0 only when every page is clean.

HOW TO ADD A CHECK (analysts: add it below "the checks" in this file; nothing else changes)
  1. Write a function `def my_check(page):` that *yields* one string per problem it finds.
     A `Page` gives you (see the class below):
       page.fmt              "md", "text" or "json": the rendering under test
       page.body             that rendering's raw text
       page.md, page.text    both renderings; page.json the parsed JSON report (a dict)
       page.records          [record_a, record_b] (the model JSON, as in DIR/models/)
       page.prose()          paragraphs, bullets and FAQ answers: one string each, wrapped
                             lines joined, Markdown links reduced to their text
       page.sentences()      the prose split into sentences
       page.segments()       prose + headings + FAQ questions + table cells (for checks that
                             should also look into tables), URLs removed
       page.headings()       [(level, text, is_empty)]
       page.items(section)   the JSON items of a section id
       page.model_forms(id)  the ways the page may name a model ("Name (id)", "Name", "id")
  2. Register it by decorating it:
       @check("my-check", "One line saying what it catches.")            # md and text
       @check("my-check", "...", formats=("md", "text", "json"))         # also the json page
  3. Add a bad page and a good page for it to tests/lint/test_prose_lint.py.
Keep a check small and free of false positives on correct English: quote the offending words
in the message so a rule author can grep for them.
"""
import html
import itertools
import json
import os
import re
import subprocess
import sys
from collections import Counter, namedtuple
from concurrent.futures import ThreadPoolExecutor

FORMATS = ("md", "text", "json")

# ---------------------------------------------------------------- the check registry

Check = namedtuple("Check", "name doc func formats")
CHECKS = []


def check(name, doc, formats=("md", "text")):
    """Register a check: a function taking a Page and yielding failure messages."""
    def register(func):
        CHECKS.append(Check(name, doc, func, tuple(formats)))
        return func
    return register


# ---------------------------------------------------------------- parsing a page

URL_RE = re.compile(r"(?:https?://|www\.)\S+")
MD_LINK_RE = re.compile(r"\[((?:[^\]\\]|\\.)*)\]\([^)\s]*\)")
MD_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
WS_RE = re.compile(r"\s+")

Block = namedtuple("Block", "kind text level cells")  # kind: heading, question, prose, table


def squash(s):
    return WS_RE.sub(" ", s).strip()


def md_inline(s):
    """Markdown inline text as a reader sees it: links as their text, escapes undone."""
    s = re.sub(r"<!--.*?-->", "", s)
    s = MD_LINK_RE.sub(lambda m: m.group(1), s)
    s = MD_ESCAPE_RE.sub(lambda m: m.group(1), s)
    return html.unescape(s) if "&" in s else s


def parse_md(src):
    blocks, para = [], []

    def flush():
        nonlocal para
        if para:
            blocks.append(Block("prose", squash(md_inline(" ".join(para))), 0, None))
        para = []

    for line in src.splitlines():
        if not line.strip():
            flush()
            continue
        h = re.match(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$", line)
        if h:
            flush()
            level = len(h.group(1))
            blocks.append(Block("heading", squash(md_inline(h.group(2))), level, None))
        elif line.lstrip().startswith("|"):
            flush()
            if re.match(r"^\s*\|?(\s*:?-+:?\s*\|)+\s*:?-*:?\s*$", line):
                continue  # the |---|---| rule
            cells = re.split(r"(?<!\\)\|", line.strip())[1:]
            if cells and not cells[-1].strip():
                cells.pop()  # after the closing '|'
            cells = [squash(md_inline(c)) for c in cells]
            blocks.append(Block("table", " | ".join(cells), 0, cells))
        elif re.match(r"^\s*(?:[-*+]|\d+[.)])\s+", line):
            flush()
            para = [re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", line)]
        else:
            para.append(line.strip())
    flush()
    return blocks


RULE_RE = re.compile(r"^(?:=+|-+)$")
TABLE_RULE_RE = re.compile(r"^-+(?: {2,}-+)+$")


def parse_text(src):
    """Terminal text: blocks separated by blank lines; a heading is underlined with = or -;
    a table has a dashed rule under its header and cells apart by two or more spaces;
    bullets start with "- " and continue indented; a FAQ question is unindented with its
    answer indented below it."""
    src = ANSI_RE.sub("", src)
    blocks = []
    groups, cur = [], []
    for line in src.splitlines():
        if line.strip():
            cur.append(line.rstrip())
        elif cur:
            groups.append(cur)
            cur = []
    if cur:
        groups.append(cur)
    for g in groups:
        if len(g) >= 2 and RULE_RE.match(g[-1]) and not any(RULE_RE.match(x) or TABLE_RULE_RE.match(x) for x in g[:-1]):
            blocks.append(Block("heading", squash(" ".join(g[:-1])), 1 if g[-1][0] == "=" else 2, None))
            continue
        if any(TABLE_RULE_RE.match(x) or RULE_RE.match(x) for x in g) or \
                any(re.search(r"\S {2,}\S", x) for x in g):
            for x in g:
                if not (TABLE_RULE_RE.match(x) or RULE_RE.match(x)):
                    cells = [c for c in re.split(r" {2,}", x.strip()) if c]
                    blocks.append(Block("table", " | ".join(cells), 0, cells))
            continue
        item, item_kind = [], None

        def flush():
            if item:
                blocks.append(Block(item_kind, squash(" ".join(item)), 3 if item_kind == "question" else 0, None))

        has_indented = any(x.startswith("  ") for x in g)
        for x in g:
            if x.startswith("- "):
                flush()
                item, item_kind = [x[2:]], "prose"
            elif x.startswith("  "):
                if item_kind == "question":  # the answer starts
                    flush()
                    item, item_kind = [], "prose"
                item.append(x.strip())
                item_kind = item_kind or "prose"
            elif item_kind == "prose" and item and not has_indented:
                item.append(x.strip())  # a wrapped paragraph
            elif item_kind == "question":
                item.append(x.strip())  # a wrapped question
            else:
                flush()
                item = [x.strip()]
                item_kind = "question" if has_indented and not g[0].startswith("- ") else "prose"
        flush()
    return blocks


SENT_SPLIT_RE = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[^a-z\s])")


def split_sentences(text):
    return [s.strip() for s in SENT_SPLIT_RE.split(text) if s.strip()]


def norm_sentence(s):
    s = squash(s).lower()
    return s.rstrip(" .!?;:")


class Page:
    """One pair in one format, with everything a check may need."""

    def __init__(self, fmt, md="", text="", json_report=None, records=(None, None), ids=("a", "b"),
                 catalog=None):
        self.fmt = fmt
        self.md, self.text = md, text
        self.json = json_report if json_report is not None else {}
        self.records = [r or {} for r in records]
        self.ids = list(ids)
        self.catalog = catalog or {}  # id -> display name, every model of the catalog
        self.body = {"md": md, "text": text}.get(fmt, json.dumps(self.json))
        self._blocks = None

    @property
    def blocks(self):
        if self._blocks is None:
            self._blocks = parse_md(self.md) if self.fmt == "md" else \
                parse_text(self.text) if self.fmt == "text" else []
        return self._blocks

    def prose(self):
        return [b.text for b in self.blocks if b.kind == "prose"]

    def sentences(self):
        return [s for p in self.prose() for s in split_sentences(p)]

    def headings(self):
        out = []
        bl = self.blocks
        for i, b in enumerate(bl):
            if b.kind not in ("heading", "question"):
                continue
            nxt = bl[i + 1] if i + 1 < len(bl) else None
            if nxt is None:
                empty = True
            elif nxt.kind in ("heading", "question"):
                # the title wants its intro before any heading; a section heading may be
                # followed by sub-headings (FAQ questions), not by a heading of its level
                empty = b.level == 1 or nxt.level <= b.level
            else:
                empty = False
            out.append((b.level, b.text, empty))
        return out

    def segments(self):
        out = []
        for b in self.blocks:
            parts = b.cells if b.kind == "table" else [b.text]
            out.extend(squash(URL_RE.sub(" ", p)) for p in parts)
        return [s for s in out if s]

    def section(self, sid):
        for s in self.json.get("sections", []):
            if s.get("id") == sid:
                return s
        return {}

    def items(self, sid):
        return self.section(sid).get("items", [])

    def model_name(self, mid):
        for r in self.records:
            if r.get("id") == mid:
                return r.get("name") or mid
        for m in self.json.get("models", []):
            if m.get("id") == mid:
                return m.get("name") or mid
        return self.catalog.get(mid, mid)

    def model_forms(self, mid):
        name = self.model_name(mid)
        return [f"{name} ({mid})", name, mid]


# ---------------------------------------------------------------- helpers for checks

def snippet(s, start, end, width=40):
    a, b = max(0, start - width), min(len(s), end + width)
    return ("…" if a else "") + s[a:b] + ("…" if b < len(s) else "")


def record_strings(rec):
    """Every string value in a record."""
    out = []

    def walk(v):
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    walk(rec)
    return out


def mask_data_strings(page, s, all_names=False):
    """Replace model names (`Name (id)` forms first) and other record strings holding a
    bracket with a placeholder, so a bracket that belongs to the data is not prose. With
    all_names every model name of the catalog is masked ("Llama 3 model" is a name + noun)."""
    names = {}
    for mid, name in page.catalog.items():
        names[mid] = name
    for r in page.records:
        if r.get("id"):
            names[r["id"]] = r.get("name") or r["id"]
    for m in page.json.get("models", []):
        if m.get("id"):
            names.setdefault(m["id"], m.get("name") or m["id"])
    subs = [f"{n} ({i})" for i, n in names.items()]
    subs += [n for n in names.values() if all_names or "(" in n or ")" in n]
    if not all_names:
        for r in page.records:
            subs += [squash(x) for x in record_strings(r) if ("(" in x or ")" in x) and len(x) > 2]
    for x in sorted(set(subs), key=len, reverse=True):
        s = s.replace(x, "\u27e8M\u27e9")
    return s


# ---------------------------------------------------------------- the checks

@check("empty-section", "A heading with nothing under it; in JSON a section with no items and no rows.",
       formats=("md", "text", "json"))
def empty_section(page):
    if page.fmt == "json":
        for s in page.json.get("sections", []):
            items = [it for it in s.get("items", [])
                     if any(str(it.get(k) or "").strip() for k in ("text", "question", "answer"))]
            if not items and not s.get("rows"):
                yield f"section '{s.get('id')}' has no items and no rows"
        return
    for level, text, empty in page.headings():
        if empty:
            mark = "#" * level if page.fmt == "md" else ("title" if level == 1 else "heading")
            yield f"nothing under {mark} \"{text}\""


@check("repeated-sentence", "The same sentence (4+ words, normalised) twice in the prose of one page.")
def repeated_sentence(page):
    counts, first = Counter(), {}
    for s in page.sentences():
        n = norm_sentence(s)
        if len(n.split()) >= 4:
            counts[n] += 1
            first.setdefault(n, squash(s))
    for n, k in counts.items():
        if k > 1:
            sent = first[n]
            yield f"{k}x \"{sent[:110]}{'…' if len(sent) > 110 else ''}\""


@check("nested-brackets", "`((`, `) (` or a parenthesis opened inside an open one, in prose.")
def nested_brackets(page):
    seen = set()
    for p in page.prose():
        s = mask_data_strings(page, URL_RE.sub("\u27e8U\u27e9", p))
        found = []
        for m in re.finditer(r"\(\s*\(|\)\s+\(", s):
            found.append((m.start(), m.end()))
        depth = 0
        for i, ch in enumerate(s):
            if ch == "(":
                if depth > 0:
                    found.append((i, i + 1))
                depth += 1
            elif ch == ")":
                depth = max(0, depth - 1)
        for a, b in sorted(found):
            msg = f"\"{snippet(s, a, b)}\""
            if msg not in seen:
                seen.add(msg)
                yield msg


ZERO_COUNT_RE = re.compile(r"(?<![\w.,/\-])0(?:\.0+)?[kKMBT]\b")


@check("zero-count", "A count rendered as `0k`/`0M` (a small number scaled to zero).")
def zero_count(page):
    for s in (mask_data_strings(page, x, all_names=True) for x in page.segments()):
        for m in ZERO_COUNT_RE.finditer(s):
            yield f"\"{m.group()}\" in \"{snippet(s, m.start(), m.end())}\""


NOTHING_FOR_X = [
    r"nothing (?:in (?:the|this) (?:local )?(?:data|records?) |on this page |here )?(?:favou?rs|points to|recommends) ",
    r"no (?:material |clear |real |strong )?reasons? (?:in (?:the|this) (?:local )?data )?to (?:pick|choose|prefer|favou?r|switch to) ",
    r"no (?:material |clear |real |strong )?advantage (?:in (?:the|this) (?:local )?data )?(?:for|to) ",
]
NOTHING_FOR_EITHER = [
    r"does not separate",
    r"do(?:es)? not (?:clearly )?favou?r (?:either|one)",
    r"favou?rs? neither",
    r"neither model (?:is favou?red|stands out|has (?:a|an|the) (?:edge|advantage))",
]
NO_TRADEOFF = [r"no (?:tradeoff|trade-off|difference) stands out"]


def choose_reasons(page):
    """Model id -> the `values` of the deep_dive `choose` item about that model alone."""
    out = {}
    for it in page.items("deep_dive"):
        about = it.get("about") or []
        if it.get("key") == "choose" and len(about) == 1:
            out.setdefault(about[0], []).extend(it.get("values") or [])
    return out


def named_at(page, s, pos):
    """The models the text at s[pos:] names (the longest form wins; a name two models share
    names both)."""
    best, who = 0, []
    for mid in page.ids:
        for form in page.model_forms(mid):
            if form and s.startswith(form, pos):
                if len(form) > best:
                    best, who = len(form), [mid]
                elif len(form) == best and mid not in who:
                    who.append(mid)
    return who


@check("verdict-contradiction",
       "A sentence saying nothing favours X (or neither model) while the `choose` item about X lists reasons.")
def verdict_contradiction(page):
    # Why X is favoured: the JSON `choose` item about X alone (its `values`) and, failing that,
    # a sentence of the page itself recommending X ("Choose X for ...").
    yield from _contradictions(page, NOTHING_FOR_X, NOTHING_FOR_EITHER)


@check("none-vs-verdict",
       "The tradeoffs `none` sentence (\"no tradeoff stands out\") on a page whose verdict gives a reason.")
def none_vs_verdict(page):
    yield from _contradictions(page, [], NO_TRADEOFF)


def _contradictions(page, for_x, for_either):
    why = {k: f"choose({k}) lists {', '.join(v)}" for k, v in choose_reasons(page).items() if v}
    sentences = page.sentences()
    for s in sentences:
        for m in re.finditer(r"\bChoose ", s):
            for mid in named_at(page, s, m.end()):
                rest = s[m.end():]
                if mid not in why and any(rest.startswith(f + " for ") for f in page.model_forms(mid)):
                    why[mid] = f"the page says \"{s[m.start():s.index(' for ', m.end()) + 4]} …\""
    if not why:
        return
    for s in sentences:
        for pat in for_x:
            for m in re.finditer(pat, s, re.I):
                for mid in named_at(page, s, m.end()):
                    if mid in why:
                        yield f"\"{snippet(s, m.start(), m.end(), 60)}\" but {why[mid]}"
        for pat in for_either:
            m = re.search(pat, s, re.I)
            if m:
                yield f"\"{snippet(s, m.start(), m.end(), 60)}\" but " + "; ".join(why.values())


@check("provider-case", "A provider written in lower case where the record spells it with capitals.")
def provider_case(page):
    spellings = set()
    for r in page.records:
        for route in r.get("routes") or []:
            p = route.get("provider") if isinstance(route, dict) else None
            if isinstance(p, str) and p.strip():
                spellings.add(squash(p))
    segs = page.segments()
    for p in sorted(spellings):
        low = p.lower()
        if low == p or low in spellings:
            continue  # no capitals, or some record spells it this way
        pat = re.compile(r"(?<![\w./:@\-])" + r"\s+".join(map(re.escape, low.split())) + r"(?![\w/@\-]|\.\w)")
        for s in segs:
            m = pat.search(s)
            if m:
                yield f"\"{m.group()}\" (the record writes \"{p}\") in \"{snippet(s, m.start(), m.end())}\""
                break


COUNT_NOUNS = ["route", "provider", "model", "benchmark", "score", "check", "token", "request",
               "capability", "tag", "source"]
PLURAL = {n: ("capabilities" if n == "capability" else n + "s") for n in COUNT_NOUNS}
# words that cannot sit between a count and its noun ("1 of the models" is fine)
FUNCTION_WORDS = set("""a an the of in on at for to from by with and or but nor is are was were be
been has have had that which who than as per each every any all no not only more less most fewer
if so such this these those its their it they one""".split())
NUM = r"(?<![\w.,$/\-])(\d{1,3}(?:,\d{3})+|\d+)(?![.,]\d)"
MID = r"((?:[a-z][a-z\-]* ){0,2})"
ONE_PLURAL_RE = re.compile(NUM + " " + MID + "(" + "|".join(PLURAL.values()) + r")\b")
MANY_SINGULAR_RE = re.compile(NUM + " " + MID + "(" + "|".join(COUNT_NOUNS) + r")\b(?!-)(?: ([a-z]+))?")
# after a singular noun, a word that shows the noun ends its phrase ("2 route and ...")
PHRASE_END = FUNCTION_WORDS | {"is", "are", "was", "were"}


def _mid_ok(mid):
    return all(w not in FUNCTION_WORDS for w in mid.split())


@check("count-plural", "`1 routes` (one with a plural noun) or `2 route` (a plural count with a singular noun).")
def count_plural(page):
    for s in (mask_data_strings(page, x, all_names=True) for x in page.segments()):
        for m in ONE_PLURAL_RE.finditer(s):
            n, mid = int(m.group(1).replace(",", "")), m.group(2)
            if n != 1 or not _mid_ok(mid):
                continue
            yield f"\"{m.group().strip()}\" in \"{snippet(s, m.start(), m.end())}\""
        for m in MANY_SINGULAR_RE.finditer(s):
            n, mid, nxt = int(m.group(1).replace(",", "")), m.group(2), m.group(4)
            if n == 1 or not _mid_ok(mid):
                continue
            if nxt and nxt not in PHRASE_END:
                continue  # a noun adjunct: "2 provider routes", "3 benchmark scores"
            yield f"\"{(m.group(1) + ' ' + mid + m.group(3)).strip()}\" in \"{snippet(s, m.start(), m.end())}\""


# ---------------------------------------------------------------- issue 14's English defects
# Each quotes what the pages said; report.md revision 3 says what they must say instead.

def _phrase_check(page, pattern, flags=0):
    """Every match of pattern in the page's prose and table cells, quoted."""
    for s in page.segments():
        for m in re.finditer(pattern, s, flags):
            yield f"\"{m.group()}\" in \"{snippet(s, m.start(), m.end())}\""


@check("support-for-twice", "\"for support for\": a reason phrase that starts with \"support for\" after \"for\".")
def support_for_twice(page):
    yield from _phrase_check(page, r"\bfor support for\b", re.I)


@check("nor-either", "\"Nor does it … either\": a doubled negative.")
def nor_either(page):
    yield from _phrase_check(page, r"\bNor\b[^.;:]*\beither\b")


# A licence named as a document ("Llama 4 Community License", "Gemma Terms of Use") reads with
# "the" after "under"; a bare id ("Apache 2.0", "MIT") does not take one.
LICENCE_DOC_RE = (r"\bunder (?!the\b|The\b|its\b|their\b|a\b|an\b)((?:[A-Z0-9][\w+-]*(?:\.[\w+-]+)*\s+){0,5}"
                  r"(?:License|Licence|LICENSE|Agreement|AGREEMENT|Terms of Use))\b")  # "MIT. License" is two sentences


@check("licence-article", "A licence document after \"under\" without \"the\" (\"under Llama 4 Community License\").")
def licence_article(page):
    yield from _phrase_check(page, LICENCE_DOC_RE)


@check("threshold-as-size", "A threshold quoted as the size of a gap (\"at least 10% lower … $200.00 against "
       "$400.00\"): say the size.")
def threshold_as_size(page):
    # ... a gap sized by its threshold: two figures follow ("$200.00 against $400.00")
    yield from _phrase_check(page, r"\bat least (?:\d+\s?%|a quarter|a tenth|twice)\s+(?:lower|less|cheaper|larger|"
                                   r"more|bigger|under|smaller)\b[^;]{0,60}?\bagainst\b", re.I)


COVERAGE_RE = re.compile(r"(?i)\bpricing coverage\b|\bsourced input and output token price\b|"
                         r"\bpricing not yet sourced\b")


def _item_text(x):
    return " ".join(str(x.get(k) or "") for k in ("text", "question", "answer")) + \
        " " + " | ".join(str(c) for c in x.get("cells") or [])


@check("coverage-twice", "The pricing-coverage sentence in more than one section (it is the deep dive's).",
       formats=("json",))
def coverage_twice(page):
    where = [s.get("id") for s in page.json.get("sections", [])
             if any(COVERAGE_RE.search(_item_text(x)) for x in s.get("items", []) + s.get("rows", []))]
    if len(where) > 1:
        yield f"a pricing-coverage sentence in {', '.join(where)}"


@check("provider-list-twice", "A model's list of more than six providers printed in more than one section.",
       formats=("json",))
def provider_list_twice(page):
    for r in page.records:
        provs = {}
        for route in r.get("routes") or []:
            p = route.get("provider") if isinstance(route, dict) else None
            if isinstance(p, str) and p.strip():
                provs.setdefault(squash(p).lower(), squash(p))
        if len(provs) <= 6:
            continue
        where = []
        for s in page.json.get("sections", []):
            texts = [_item_text(x) for x in s.get("items", [])]
            texts += [" | ".join(str(c) for c in x.get("cells") or []) for x in s.get("rows", [])]
            for t in texts:
                low = t.lower()
                if sum(1 for p in provs if re.search(r"(?<![\w])" + re.escape(p) + r"(?![\w])", low)) > 6:
                    where.append(s.get("id"))
                    break
        if len(where) > 1:
            yield f"{len(provs)} providers of {r.get('id')} listed in {', '.join(where)}"


# Sentences that were on every page whatever the pair: each is said only where it adds something.
STOCK = [r"treats the result as workflow and deployment fit", r"Confirm the provider-specific limits"]


@check("stock-sentence", "A sentence printed on every page whatever the pair (workflow fit, provider limits, "
       "licence advice for two proprietary models).")
def stock_sentence(page):
    for pat in STOCK:
        yield from _phrase_check(page, pat)
    closed = [str(r.get("openness") or "").lower() == "proprietary" for r in page.records]
    if len(closed) == 2 and all(closed):
        yield from _phrase_check(page, r"\b(?:License|Licence) terms (?:affect|decide)\b[^.]*self-host")


# ---------------------------------------------------------------- running

def load_catalog(d):
    mdir = os.path.join(d, "models")
    recs = {}
    for f in sorted(os.listdir(mdir)):
        if f.endswith(".json"):
            try:
                with open(os.path.join(mdir, f), encoding="utf-8") as fh:
                    recs[f[:-5]] = json.load(fh)
            except (OSError, ValueError):
                recs[f[:-5]] = {}
    return recs


def render(exe, data, a, b, fmt):
    env = dict(os.environ)
    env.pop("NO_COLOR", None)
    env["COLUMNS"] = "80"
    cmd = [exe, "--data", data, "compare", a, b, "-f", fmt]
    try:
        p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
    except subprocess.TimeoutExpired:
        return None, "timed out after 120 s"
    except OSError as e:
        return None, str(e)
    if p.returncode != 0:
        err = (p.stderr.strip().splitlines() or [""])[0]
        return None, f"exit {p.returncode}: {err}"
    return p.stdout, None


def lint_pair(exe, data, recs, catalog, a, b, checks):
    """Lint one pair: returns {fmt: [(check, message)]}."""
    out = {f: [] for f in FORMATS}
    bodies = {}
    for fmt in FORMATS:
        bodies[fmt], err = render(exe, data, a, b, fmt)
        if err:
            out[fmt].append(("render", err))
    report = None
    if bodies["json"] is not None:
        try:
            report = json.loads(bodies["json"])
        except ValueError as e:
            out["json"].append(("render", f"unreadable JSON: {e}"))
    for fmt in FORMATS:
        if bodies[fmt] is None or (fmt == "json" and report is None):
            continue
        page = Page(fmt, md=bodies["md"] or "", text=bodies["text"] or "", json_report=report,
                    records=(recs.get(a), recs.get(b)), ids=(a, b), catalog=catalog)
        for c in checks:
            if fmt not in c.formats:
                continue
            try:
                for msg in c.func(page):
                    out[fmt].append((c.name, msg))
            except Exception as e:  # a broken check is a failure, not a crash
                out[fmt].append((c.name, f"check raised {type(e).__name__}: {e}"))
    return out


def main(argv):
    args, dirs, max_fail, jobs, only = list(argv), [], 40, os.cpu_count() or 4, []
    if "--list-checks" in args:
        for c in CHECKS:
            print(f"{c.name:22} [{','.join(c.formats)}] {c.doc}")
        return 0
    try:
        while "--max-fail" in args:
            i = args.index("--max-fail")
            max_fail = int(args[i + 1])
            del args[i:i + 2]
        while "--jobs" in args:
            i = args.index("--jobs")
            jobs = max(1, int(args[i + 1]))
            del args[i:i + 2]
        while "--check" in args:
            i = args.index("--check")
            only.append(args[i + 1])
            del args[i:i + 2]
    except (IndexError, ValueError):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    if len(args) < 2 or any(x.startswith("--") for x in args):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    exe, dirs = os.path.abspath(args[0]) if os.sep in args[0] else args[0], args[1:]
    checks = [c for c in CHECKS if not only or c.name in only]
    unknown = set(only) - {c.name for c in CHECKS}
    if unknown:
        print(f"prose-lint: unknown check {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2

    work = []
    for d in dirs:
        data = os.path.abspath(d)
        try:
            recs = load_catalog(data)
        except OSError as e:
            print(f"prose-lint: {d}: no catalog ({e.strerror})", file=sys.stderr)
            return 2
        catalog = {mid: (r.get("name") if isinstance(r, dict) else None) or mid for mid, r in recs.items()}
        for a, b in itertools.combinations(sorted(recs), 2):
            work.append((data, recs, catalog, a, b))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(lint_pair, exe, data, recs, catalog, a, b, checks)
                   for data, recs, catalog, a, b in work]
        results = [f.result() for f in futures]

    lines, per_check, clean, total = [], Counter(), 0, 0
    for (data, _, _, a, b), res in zip(work, results):
        for fmt in FORMATS:
            total += 1
            if not res[fmt]:
                clean += 1
            for name, msg in res[fmt]:
                per_check[name] += 1
                lines.append(f"{a} vs {b} ({fmt}): {name}: {msg}")
    for line in lines[:max_fail]:
        print(line)
    if len(lines) > max_fail:
        print(f"... and {len(lines) - max_fail} more failures (--max-fail {max_fail})")
    if per_check:
        print("prose-lint: failures by check: " + ", ".join(f"{k} {v}" for k, v in per_check.most_common()))
    print(f"prose-lint: {clean}/{total} pages clean")
    return 0 if clean == total else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
