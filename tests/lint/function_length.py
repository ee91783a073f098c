#!/usr/bin/python3
"""function_length.py — no function in core/ over 100 lines (issue 17).

    python3 tests/lint/function_length.py SOURCE_ROOT

A function's length is its lines from the `{` that opens its body (in the first column, the
house style) to the `}` that closes it.  Prints every function over 50 lines as a TAP comment
(longest first) and fails on any over 100.  The first check measures a made-up file, so a
broken reader cannot pass.  Standard library only."""
import os, re, sys, tempfile

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import ok, finish  # noqa: E402

LIMIT, NOTE = 100, 50


def blank_out(text):
    """The text with comments emptied (their newlines kept) and literals reduced to ""."""
    return re.sub(r'/\*.*?\*/|//[^\n]*|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'',
                  lambda m: re.sub(r"[^\n]", "", m.group(0)) if m.group(0)[0] == "/" else '""',
                  text, flags=re.S)


def functions(text):
    """(name, first line, length) of each function defined at file scope."""
    lines = blank_out(text).split("\n")
    out, depth, start, name = [], 0, None, None
    for i, line in enumerate(lines):
        if depth == 0 and line.startswith("{"):
            head, j = "", i - 1
            while j >= 0 and lines[j].strip() and not lines[j].rstrip().endswith((";", "}")):
                head, j = lines[j] + " " + head, j - 1
            called = re.findall(r"([A-Za-z_]\w*)\s*\(", head)
            if called and "=" not in head.split("(", 1)[0]:
                start, name = i, called[0]
        depth += line.count("{") - line.count("}")
        if depth == 0 and start is not None:
            out.append((name, start + 1, i - start + 1))
            start = None
    return out


def main():
    sample = "static int\nshort_one(void)\n{\n\treturn 1;\n}\n\nint\nlong_one(int x)\n{\n" + \
        "\tx++; /* { not a brace */\n" * 120 + '\tif (x) {\n\t\tx = "}";\n\t}\n\treturn x;\n}\n'
    got = functions(sample)
    ok(got == [("short_one", 3, 3), ("long_one", 9, 126)],
       "a made-up file: a 3-line and a 126-line function, braces in comments and strings ignored",
       f"{got}")
    core = os.path.join(sys.argv[1], "core")
    found = []
    for d, _, fs in os.walk(core):
        for f in sorted(fs):
            if f.endswith(".c"):
                path = os.path.join(d, f)
                with open(path, encoding="utf-8") as fh:
                    for name, line, n in functions(fh.read()):
                        found.append((n, os.path.relpath(path, core), line, name))
    found.sort(key=lambda r: (-r[0], r[1], r[2]))
    for n, rel, line, name in found:
        if n > NOTE:
            print(f"# {n:4d} lines  {rel}:{line} {name}")
    over = [r for r in found if r[0] > LIMIT]
    print(f"# {sum(1 for r in found if r[0] > NOTE)} of {len(found)} functions over {NOTE} lines")
    ok(len(found) > 100, f"{len(found)} functions measured in core/")
    ok(not over, f"no function in core/ over {LIMIT} lines",
       "\n".join(f"{rel}:{line} {name}: {n} lines" for n, rel, line, name in over))
    finish()


main()
