"""include_graph.py — the #include graph of core/: include cycles and upward includes.

    python3 tests/lint/include_graph.py SOURCE_ROOT BUILD_DIR

A header stands for the .c files that define what it declares (cli.h for cli.c, and for
completion.c, which defines cli_completion_script).  A.c depends on B.c when it uses a name
that B.c defines and that a header A.c includes (directly or through other headers) declares;
files that depend on each other, directly or round a longer loop, are an include cycle.  An
upward include is a file of a library (BUILD_DIR/meson-info: the static libraries built from
core/) that includes a header of the executable (one whose names only the versus executable's
own files define), as import.c included cli.h; or a file of one of core/'s layer folders
that includes a header of a later layer (the order is core/meson.build's `layers = [...]`,
lowest first: base, model, ... cli).

Prints every cycle and upward include as a TAP comment, then fails on any that
include_graph.allow (beside this file) does not list: the list holds what exists today, to be
emptied as the layers are fixed, and a listed one that is gone is said so it can be removed.
The first check runs the same analysis on a made-up tree, so a broken reader cannot pass.
Standard library only; paths are relative to core/."""
import json, os, re, sys, tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import ok, finish  # noqa: E402

IDENT = re.compile(r"[A-Za-z_]\w*")
INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*"([^"]+)"', re.M)


def strip(text):
    """C text without comments, string and character literals, and preprocessor lines."""
    text = re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  lambda m: " " if m.group(0)[0] == "/" else '""', text, flags=re.S)
    return re.sub(r"^[ \t]*#(?:[^\n]*\\\n)*[^\n]*", "", text, flags=re.M)


def is_function(head):
    """Does a declaration head declare a function (not a pointer to one, not a type)?"""
    before = head.split("=", 1)[0]
    return "(" in before and not re.match(r"[^(]*\(\s*\*", before)


def top_level(text):
    """Each declaration or definition at file scope: (head, kind), kind ';' or '{' (a
    function's body).  A struct's body or an initialiser is skipped to the ';' that ends it."""
    out, head, depth = [], [], 0
    for tok in re.findall(r"[{};]|[^{};]+", text):
        if depth:
            depth += tok == "{"
            depth -= tok == "}"
            continue
        if tok == "{":
            depth = 1
            if is_function("".join(head)):
                out.append(("".join(head), "{"))
                head = []
        elif tok == ";":
            out.append(("".join(head), ";"))
            head = []
        elif tok != "}":
            head.append(tok)
    return out


def name_of(head, function):
    """The name a declaration head declares: before its first '(' for a function, else the
    last identifier before '=' or '['."""
    head = re.sub(r"__attribute__\s*\(\(.*?\)\)", " ", head)
    if function:
        ids = IDENT.findall(head.split("(", 1)[0])
    else:
        ids = IDENT.findall(re.split(r"[=\[]", head, maxsplit=1)[0])
    return ids[-1] if ids else None


def names(text, header):
    """A header's declared names (prototypes, extern variables); a .c file's defined ones
    (functions and variables that are not static)."""
    found = set()
    for head, kind in top_level(strip(text)):
        words = IDENT.findall(head)
        if not words or words[0] in ("static", "typedef") or "static" in words[:3]:
            continue
        fn = is_function(head)
        if header:
            if kind == ";" and (fn or words[0] == "extern"):
                found.add(name_of(head, fn))
        elif kind == "{" or not fn and words[0] not in ("extern", "struct", "enum", "union"):
            found.add(name_of(head, fn))
    found.discard(None)
    return found


def analyse(core, library, executable):
    """(cycles, upward, edges) of the tree under core: cycles as sorted tuples of files,
    upward as (file, header), edges as {(a, b): 'names, via header'}."""
    files = {}
    for d, _, fs in os.walk(core):
        for f in fs:
            if f.endswith((".c", ".h")):
                p = os.path.join(d, f)
                files[os.path.relpath(p, core)] = open(p, encoding="utf-8").read()
    by_base = {}
    for rel in files:
        by_base.setdefault(os.path.basename(rel), []).append(rel)

    def resolve(rel, inc):
        for cand in (os.path.join(os.path.dirname(rel), inc), inc, os.path.join("include", inc)):
            cand = os.path.normpath(cand)
            if cand in files:
                return cand
        same = by_base.get(os.path.basename(inc), [])
        return same[0] if len(same) == 1 else None  # config.h is made by the build

    includes = {rel: [h for h in (resolve(rel, i) for i in INCLUDE.findall(text)) if h]
                for rel, text in files.items()}
    declared = {rel: names(t, True) for rel, t in files.items() if rel.endswith(".h")}
    defined = {rel: names(t, False) for rel, t in files.items() if rel.endswith(".c")}
    definer = {}
    for rel, ns in defined.items():
        for n in ns:
            definer.setdefault(n, set()).add(rel)

    def closure(rel):
        seen, todo = [], list(includes[rel])
        while todo:
            h = todo.pop(0)
            if h not in seen:
                seen.append(h)
                todo += includes[h]
        return seen

    edges = {}
    for a in defined:
        used = set(IDENT.findall(strip(files[a])))
        for h in closure(a):
            for n in sorted(declared.get(h, set()) & used):
                for b in definer.get(n, ()):
                    if b != a:
                        edges.setdefault((a, b), []).append(f"{n}, via {h}")

    # Strongly connected components (Tarjan), each of more than one file a cycle.
    graph = {a: sorted(b for (x, b) in edges if x == a) for a in defined}
    index, low, stack, on, cycles = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(tuple(sorted(comp)))

    for v in sorted(graph):
        if v not in index:
            visit(v)

    def owners(h):
        got = {b for n in declared.get(h, ()) for b in definer.get(n, ())}
        stem = os.path.splitext(h)[0] + ".c"
        return got or ({stem} if stem in files else set())

    upward = []
    for rel in sorted(files):
        mine = {rel} if rel.endswith(".c") else owners(rel)
        if not mine or not mine <= library:
            continue
        for h in includes[rel]:
            if owners(h) and owners(h) <= executable:
                upward.append((rel, h))
    return sorted(cycles), upward, edges


def layer_order(core):
    """core/meson.build's `layers = ['base', ...]`, lowest first."""
    with open(os.path.join(core, "meson.build"), encoding="utf-8") as f:
        m = re.search(r"^layers\s*=\s*\[([^\]]*)\]", f.read(), re.M)
    return re.findall(r"'([^']+)'", m.group(1)) if m else []


def layer_violations(core, order):
    """(file, header) for each include of a header in a later layer than the file's own."""
    rank = {name: i for i, name in enumerate(order)}
    out = []
    for d, _, fs in os.walk(core):
        for f in sorted(fs):
            if not f.endswith((".c", ".h")):
                continue
            rel = os.path.relpath(os.path.join(d, f), core)
            mine = rank.get(rel.split(os.sep)[0])
            if mine is None:
                continue
            with open(os.path.join(d, f), encoding="utf-8") as fh:
                incs = INCLUDE.findall(fh.read())
            for inc in incs:
                for layer in order:
                    if os.path.exists(os.path.join(core, layer, inc)) and rank[layer] > mine:
                        out.append((rel, f"{layer}/{inc}"))
    return sorted(out)


def targets(build, core):
    """The .c files (relative to core/) of the static libraries built from core/, and of the
    versus executable, from meson's introspection."""
    with open(os.path.join(build, "meson-info", "intro-targets.json"), encoding="utf-8") as f:
        ts = json.load(f)
    lib, exe = set(), set()
    for t in ts:
        srcs = [os.path.relpath(s, core) for g in t.get("target_sources", [])
                for s in g.get("sources", []) if os.path.abspath(s).startswith(core + os.sep)]
        if t["type"] in ("static library", "shared library"):
            lib.update(srcs)
        elif t["type"] == "executable" and t["name"] == "versus":
            exe.update(srcs)
    return lib, exe


def self_test():
    """A made-up tree: a.c and b.c use each other's functions, lib.c includes app.h."""
    tree = {"a.h": "int a_fn(void);\n", "a.c": '#include "a.h"\n#include "b.h"\n'
            "int a_fn(void) { return b_fn(); }\n",
            "b.h": "/* b_fn(void); in a comment */\nint b_fn(void);\nextern const int b_var[];\n",
            "b.c": '#include "b.h"\n#include "a.h"\nconst int b_var[] = {1, 2};\n'
            "int b_fn(void) { return a_fn() + b_var[0]; }\nstatic int quiet(void) { return 0; }\n",
            "app.h": "void app_run(void);\n", "app.c": '#include "app.h"\nvoid app_run(void) {}\n',
            "lib.c": '#include "app.h"\n#include "c.h"\nint lib_fn(void) { return c_fn(); }\n',
            "c.h": "int c_fn(void);\n", "c.c": '#include "c.h"\nint c_fn(void) { return 1; }\n'}
    with tempfile.TemporaryDirectory() as d:
        for name, text in tree.items():
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        lib = {"a.c", "b.c", "c.c", "lib.c"}
        return analyse(d, lib, {"app.c"})


def main():
    src, build = sys.argv[1], sys.argv[2]
    core = os.path.realpath(os.path.join(src, "core"))
    cycles, upward, edges = self_test()
    ok(cycles == [("a.c", "b.c")] and upward == [("lib.c", "app.h")] and
       ("lib.c", "c.c") in edges and ("a.c", "c.c") not in edges,
       "a made-up tree: the a.c-b.c cycle and lib.c's upward include of app.h are found",
       f"cycles {cycles}\nupward {upward}\nedges {sorted(edges)}")

    with tempfile.TemporaryDirectory() as d:
        for name, text in {"meson.build": "layers = ['low', 'high']\n",
                           "low/x.c": '#include "x.h"\n#include "y.h"\n', "low/x.h": "",
                           "high/y.c": '#include "x.h"\n', "high/y.h": ""}.items():
            os.makedirs(os.path.dirname(os.path.join(d, name)), exist_ok=True)
            with open(os.path.join(d, name), "w", encoding="utf-8") as f:
                f.write(text)
        bad = layer_violations(d, layer_order(d))
    ok(bad == [(os.path.join("low", "x.c"), "high/y.h")],
       "a made-up tree of two layers: low/x.c including high/y.h points up, the reverse does not",
       f"{bad}")

    lib, exe = targets(build, core)
    cycles, upward, edges = analyse(core, lib, exe)
    allow = set()
    with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "include_graph.allow"),
              encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                allow.add(" ".join(line.split()))
    found = {"cycle " + " ".join(c): c for c in cycles}
    found.update({f"upward {a} -> {h}": (a, h) for a, h in upward})
    for key, what in sorted(found.items()):
        print(f"# {key}" + (" (allowed)" if key in allow else " (NEW)"))
        if key.startswith("cycle"):
            for a in what:
                for b in what:
                    if (a, b) in edges:
                        print(f"#     {a} -> {b}: {'; '.join(edges[(a, b)][:3])}")
    order = layer_order(core)
    for a, h in layer_violations(core, order):
        found[f"upward {a} -> {h}"] = (a, h)
    for key in sorted(allow - set(found)):
        print(f"# gone, remove it from include_graph.allow: {key}")
    new = sorted(k for k in found if k not in allow)
    ok(len(lib) > 0 and len(exe) > 0, f"{len(lib)} library and {len(exe)} executable files in core/")
    ok(len(order) >= 2 and all(os.path.isdir(os.path.join(core, x)) for x in order),
       f"core/meson.build names {len(order)} layer folders, each a folder of core/: {order}")
    ok(not [k for k in new if k.startswith("cycle")], "no include cycle beyond include_graph.allow",
       "\n".join(k for k in new if k.startswith("cycle")))
    ok(not [k for k in new if k.startswith("upward")],
       "no upward include (a library file including the executable's header, or a header of "
       "a later layer) beyond the list",
       "\n".join(k for k in new if k.startswith("upward")))
    finish()


main()
