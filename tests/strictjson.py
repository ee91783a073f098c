"""strictjson.py — what the Python tests share about JSON: documents read strictly (a
duplicate key, NaN or Infinity is an error, not a value, as in jansson), and jsonschema
imported from the python3 that has it.

    sys.path.insert(0, DIRECTORY_OF_THIS_FILE)
    import strictjson
    jsonschema = strictjson.import_jsonschema()
    doc = strictjson.loads(text)
"""
import json
import os
import sys


def import_jsonschema():
    """The jsonschema module; without it, run again under /usr/bin/python3 (Debian's
    python3-jsonschema belongs to it, and it may not be first on PATH), else exit 77
    (meson's "skipped")."""
    try:
        import jsonschema
        return jsonschema
    except ImportError:
        if os.path.exists("/usr/bin/python3") and \
                os.path.realpath(sys.executable) != os.path.realpath("/usr/bin/python3"):
            os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
        print("python3-jsonschema is not installed: skipped")
        sys.exit(77)


def no_dups(pairs):
    """object_pairs_hook: an object with a key twice is an error."""
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError(f"duplicate key among {keys}")
    return dict(pairs)


def no_constant(name):
    """parse_constant: NaN, Infinity and -Infinity are errors."""
    raise ValueError(f"non-finite number {name}")


def loads(text, **hooks):
    """json.loads, strictly; more hooks (parse_float, parse_int) may be given."""
    return json.loads(text, object_pairs_hook=no_dups, parse_constant=no_constant, **hooks)
