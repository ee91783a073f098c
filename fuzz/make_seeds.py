#!/usr/bin/python3
"""Make the seed corpora of the render_* and items fuzzers from real reports.

    fuzz/make_seeds.py REPORT.json... [--out fuzz/corpus]

Each REPORT.json is a `versus compare -f json` report (for example a golden file).  For
each it writes, in the byte formats the harnesses read (fuzz/render.c, fuzz/items.c and
fuzz/items_rules/fuzz.lua):
  corpus/render/<name>        the whole report: title, models, cost, traffic, every section
  corpus/render/<name>.<sec>  one section alone (small seeds mutate faster)
  corpus/items/<name>.<sec>   a program per section that rebuilds its items and rows as the
                              Lua tables a rule returns
Strings longer than 255 bytes are cut (the harnesses' length prefix is one byte).
"""
import json
import os
import struct
import sys

SECTIONS = ["summary", "scorecard", "tradeoffs", "cost", "friction", "specs", "pricing",
            "capabilities", "benchmarks", "deep_dive", "faq", "related", "provenance"]
STYLES = ["paragraphs", "list", "faq", "links"]
REASONS = [None, "exceeds_context_window", "exceeds_max_output", "no_routes",
           "no_route_for_provider", "no_complete_price", "overflow"]
BASES = [None, "first_party", "median", "cheapest"]
# The report JSON has no styles: the shipped rules' (rules/*.lua section{}).
SHIPPED_STYLES = {"tradeoffs": "list", "friction": "list", "faq": "faq", "related": "links"}


def s(text):
    b = (text or "").encode("utf-8").replace(b"\0", b"")[:255]
    return bytes([len(b)]) + b


def u64(v):
    return struct.pack(">Q", int(v) & (2**64 - 1))


def dbl(v):
    return struct.pack(">d", float(v if v is not None else 0.0))


# {====== render: fuzz/render.c's format

def cost_block(c):
    status = REASONS.index(c.get("reason")) if c.get("reason") in REASONS else 0
    basis = BASES.index(c.get("basis")) if c.get("basis") in BASES else 0
    b = status | basis << 3 | (0x20 if c.get("fits") else 0) | (0x80 if c.get("batch_applied") else 0)
    out = bytes([b]) + dbl(c.get("monthly_usd"))
    ri = c.get("route_index")
    if ri is not None and c.get("route"):
        out += bytes([min(ri, 3) + 1]) + s(c["route"])
    else:
        out += bytes([0])
    if c.get("tier_above") is not None:
        out += bytes([1]) + dbl(c["tier_above"])
    else:
        out += bytes([0])
    ch = c.get("cheapest")
    if ch:
        out += bytes([min(ch.get("route_index") or 0, 3) + 1]) + dbl(ch.get("monthly_usd")) + s(ch.get("route"))
    else:
        out += bytes([0])
    return out


def strv(items, most):
    items = list(items)[:most]
    return bytes([len(items)]) + b"".join(s(x) for x in items)


def section_ops(i, sec):
    op = lambda code: bytes([i << 3 | code])
    out = b""
    if sec.get("title"):
        out += op(0) + s(sec["title"])
    style = sec.get("style", SHIPPED_STYLES.get(sec["id"]))
    if style in STYLES:
        out += op(1) + bytes([STYLES.index(style)])
    if sec.get("columns"):
        out += op(2) + strv(sec["columns"], 5)
    for it in sec.get("items", []):
        if "question" in it:
            k, body = 1, s(it["question"]) + s(it["answer"])
        else:
            k, body = 0, s(it.get("text"))
        out += op(4) + bytes([k]) + body + s(it.get("key")) + s(it.get("source", ""))
        out += strv(it.get("about", []), 2) + strv(it.get("values", []), 3)
    for row in sec.get("rows", []):
        out += op(6) + strv(row.get("cells", []), 6) + bytes([0]) + s(row.get("key")) + s(row.get("source", ""))
    return out


def render_header(r):
    out = bytes([0x01, 52]) + s(r.get("title"))  # explain on, width 72
    models = r.get("models", [{}, {}])
    out += s(models[0].get("id")) + s(models[1].get("id"))
    costs = r.get("cost", {}).get("models", [{}, {}])
    for m in range(2):
        out += s(models[m].get("name")) + cost_block(costs[m])
    cost = r.get("cost", {})
    t = r.get("traffic", {})
    providers = t.get("providers", [])[:3]
    cheaper = cost.get("cheaper")
    ids = [m.get("id") for m in models]
    d = (1 if cost.get("delta_usd") is not None else 0) | (ids.index(cheaper) + 1 if cheaper in ids else 0) << 1
    d |= (8 if t.get("batch") else 0) | (16 if t.get("cheapest") else 0) | len(providers) << 5
    out += bytes([d]) + dbl(cost.get("delta_usd"))
    out += u64(t.get("requests_per_month", 0)) + u64(t.get("input_tokens", 0))
    out += u64(t.get("output_tokens", 0)) + dbl(t.get("cached_share", 0))
    out += b"".join(s(p) for p in providers)
    return out

# }======

# {====== items: fuzz/items_rules/fuzz.lua's stack programs (no NUL byte: it splits programs)

KEYS = ["text", "question", "answer", "cells", "key", "about", "values"]
STR, KEY, TABLE, SET, APPEND = 24, 1, 5, 6, 7


def p_str(text):
    b = (text or "").encode("utf-8").replace(b"\0", b"")[:255]
    if not b:
        return bytes([KEY, 10 + 17])  # keys[11] is ""
    return bytes([STR, len(b)]) + b


def p_key(name):
    return bytes([KEY, KEYS.index(name) + 17])


def p_list(values):
    out = bytes([TABLE])
    for v in values:
        out += p_str(v) + bytes([APPEND])
    return out


def p_item(it, row):
    out = bytes([TABLE])
    fields = ["cells"] if row else (["question", "answer"] if "question" in it else ["text"])
    for f in fields:
        out += p_key(f) + (p_list(it.get(f, [])) if f == "cells" else p_str(it.get(f))) + bytes([SET])
    for f in ("about", "values"):
        if it.get(f):
            out += p_key(f) + p_list(it[f][:4]) + bytes([SET])
    return out


def items_program(tag, sec):
    out = bytes([tag + 16, TABLE])
    for it in sec.get("items", [])[:8]:
        out += p_item(it, False) + bytes([APPEND])
    for row in sec.get("rows", [])[:8]:
        out += p_item(row, True) + bytes([APPEND])
    return out

# }======


def main(argv):
    out_dir = "fuzz/corpus"
    if "--out" in argv:
        k = argv.index("--out")
        out_dir = argv[k + 1]
        del argv[k:k + 2]
    for path in argv:
        r = json.load(open(path))
        name = os.path.basename(os.path.dirname(path)) if os.path.basename(path) == "expected" else \
            os.path.splitext(os.path.basename(path))[0]
        for d in ("render", "items"):
            os.makedirs(os.path.join(out_dir, d), exist_ok=True)
        header = render_header(r)
        whole = header
        for sec in r.get("sections", []):
            if sec.get("id") not in SECTIONS:
                continue
            i = SECTIONS.index(sec["id"])
            ops = section_ops(i, sec)
            if not ops:
                continue
            whole += ops
            with open(os.path.join(out_dir, "render", f"{name}.{sec['id']}"), "wb") as f:
                f.write(header + ops)
            if sec.get("items") or sec.get("rows"):
                with open(os.path.join(out_dir, "items", f"{name}.{sec['id']}"), "wb") as f:
                    f.write(items_program(i, sec))
        with open(os.path.join(out_dir, "render", name), "wb") as f:
            f.write(whole)


if __name__ == "__main__":
    main(sys.argv[1:])
