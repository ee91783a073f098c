"""tap.py — TAP lines for the Python tests, the way tests/lib.sh prints them for the shell
tests: "ok N - what" or "not ok N - what" (with up to 12 comment lines of detail under a
failure), then finish(): the plan "1..N", "# P passed, F failed", exit 1 when a check failed
or none ran.

    sys.path.insert(0, DIRECTORY_OF_THIS_FILE)
    from tap import ok, finish
"""
import sys

n = failed = 0


def ok(cond, what, detail=""):
    """One check: prints its TAP line; returns cond, so a test can stop early."""
    global n, failed
    n += 1
    if cond:
        print(f"ok {n} - {what}")
    else:
        failed += 1
        print(f"not ok {n} - {what}")
        for line in str(detail).splitlines()[:12]:
            print(f"#   {line}")
    return cond


def skip(what):
    """A check that cannot run here: "ok N # SKIP why", counted as a skip (tests/testlog.py)."""
    global n
    n += 1
    print(f"ok {n} # SKIP {what}")


def finish():
    """The plan and the count; exit 1 when a check failed or none ran, else 0."""
    print(f"1..{n}")
    print(f"# {n - failed} passed, {failed} failed")
    if n == 0:
        print("# no check ran")
    sys.exit(1 if failed or n == 0 else 0)
