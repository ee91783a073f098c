#!/usr/bin/env python3
"""Self-tests of prose_lint.py: every check fails on a small bad page and passes on a good one
(correct English that looks close to a mistake included), the page parsers find the prose, and
the runner prints `prose-lint: N/M pages clean` and exits 0 only when clean (with a stand-in
for versus). Standard library only: /usr/bin/python3 tests/lint/test_prose_lint.py"""
import io
import json
import os
import stat
import sys
import tempfile
import textwrap
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import prose_lint as P  # noqa: E402

REC_A = {"id": "qwen2", "name": "Qwen2-7B-Instruct",
         "routes": [{"provider": "Together AI", "source": "https://api.together.ai/models/qwen2"},
                    {"provider": "DeepInfra"}]}
REC_B = {"id": "gpt-4o", "name": "GPT-4o", "creator": "OpenAI (US)",
         "routes": [{"provider": "OpenAI API"}]}


def page(md="", text="", js=None, fmt=None, records=(REC_A, REC_B), ids=("qwen2", "gpt-4o"), catalog=None):
    fmt = fmt or ("md" if md else "text" if text else "json")
    return P.Page(fmt, md=textwrap.dedent(md), text=textwrap.dedent(text), json_report=js,
                  records=records, ids=ids, catalog=catalog)


def run(name, pg):
    c = next(c for c in P.CHECKS if c.name == name)
    assert pg.fmt in c.formats, (name, pg.fmt)
    return list(c.func(pg))


def choose_json(values_a, values_b, a="qwen2", b="gpt-4o"):
    return {"sections": [{"id": "deep_dive", "title": "Deep dive", "items": [
        {"key": "choose", "about": [a], "values": values_a, "text": "…"},
        {"key": "choose", "about": [b], "values": values_b, "text": "…"}]}]}


class Registry(unittest.TestCase):
    def test_every_check_has_a_name_doc_and_a_test(self):
        names = [c.name for c in P.CHECKS]
        self.assertEqual(len(names), len(set(names)))
        tests = {k for cls in TESTED for k in dir(cls) if k.startswith("test_")}
        for c in P.CHECKS:
            self.assertTrue(c.doc and "\n" not in c.doc, c.name)
            stem = "test_" + c.name.replace("-", "_")
            self.assertTrue(any(t.startswith(stem) for t in tests), f"no self-test for {c.name}")


class EmptySection(unittest.TestCase):
    def test_empty_section_md(self):
        bad = """\
            # Qwen2-7B-Instruct vs GPT-4o

            Intro.

            ## Decision tradeoffs

            ## Switch friction

            - A note.
            """
        self.assertEqual(len(run("empty-section", page(bad))), 1)
        self.assertIn("Decision tradeoffs", run("empty-section", page(bad))[0])
        self.assertTrue(run("empty-section", page("# T\n\n## Scorecard\n\nx\n")))  # no intro
        self.assertTrue(run("empty-section", page("# T\n\nx\n\n## Last\n")))  # at the end
        self.assertTrue(run("empty-section", page("# T\n\nx\n\n## FAQ\n\n### Q1?\n\n### Q2?\n\nA.\n")))
        good = """\
            # T

            Intro.

            ## FAQ

            ### Which is cheaper?

            GPT-4o is.

            ## Specs

            | Specification | A | B |
            |---|---|---|
            | Released | — | — |
            """
        self.assertEqual(run("empty-section", page(good)), [])

    def test_empty_section_text(self):
        bad = """\
            A vs B
            ======

            Intro.

            Decision tradeoffs
            ------------------

            Switch friction
            ---------------

            - A note.
            """
        out = run("empty-section", page(text=bad))
        self.assertEqual(len(out), 1)
        self.assertIn("Decision tradeoffs", out[0])
        good = bad.replace("Decision tradeoffs\n            ------------------\n",
                           "Decision tradeoffs\n            ------------------\n\n            - One.\n")
        self.assertEqual(run("empty-section", page(text=good)), [])

    def test_empty_section_json(self):
        bad = {"sections": [{"id": "tradeoffs", "title": "Decision tradeoffs", "items": []},
                            {"id": "faq", "title": "FAQ", "items": [{"key": "k", "question": " ", "answer": ""}]}]}
        self.assertEqual(len(run("empty-section", page(js=bad))), 2)
        good = {"sections": [{"id": "tradeoffs", "title": "T", "items": [{"key": "none", "text": "None stands out."}]},
                             {"id": "specs", "title": "Specs", "items": [], "columns": ["a"],
                              "rows": [{"key": "released", "cells": ["x"]}]}]}
        self.assertEqual(run("empty-section", page(js=good)), [])


class RepeatedSentence(unittest.TestCase):
    def test_repeated_sentence(self):
        bad = """\
            # T

            GPT-4o does, in the local capability data; Qwen2 does not. Test it.

            ## FAQ

            ### Which supports tool use?

            GPT-4o does, in the local capability data;   Qwen2 does not!
            """
        out = run("repeated-sentence", page(bad))
        self.assertEqual(len(out), 1)
        self.assertIn("2x", out[0])
        # the text format: the same sentence wrapped differently is still the same sentence
        bad_text = """\
            T
            =

            - GPT-4o has function calling, which Qwen2 lacks in the local
              capability data.
            - GPT-4o has function calling, which Qwen2 lacks in the local capability
              data.
            """
        self.assertEqual(len(run("repeated-sentence", page(text=bad_text))), 1)

    def test_repeated_sentence_good(self):
        good = """\
            # T

            Intro sentence here. Test it. Test it.

            ## Which supports tool use, A or B?

            ## Which supports tool use, A or B?

            | Commercial use | Permitted for all users | Permitted for all users |
            |---|---|---|
            | Openness | Permitted for all users | Permitted for all users |

            If your workload depends on tool use, test it against the endpoint.
            If your workload depends on function calling, test it against the endpoint.
            """
        self.assertEqual(run("repeated-sentence", page(good)), [])


class NestedBrackets(unittest.TestCase):
    def test_nested_brackets(self):
        for bad in ["Choose GPT-4o for capabilities ((vision)).",
                    "GPT-4o wins on context (128k) (against 32k).",
                    "License terms differ (GPT-4o: proprietary (commercial use conditional))."]:
            self.assertTrue(run("nested-brackets", page(bad + "\n")), bad)
            self.assertTrue(run("nested-brackets", page(text=bad + "\n")), bad)

    def test_nested_brackets_good(self):
        twins = [{"id": "edge-free", "name": "Edge Twin"}, {"id": "edge-twin", "name": "Edge Twin"}]
        for good, recs, ids in [
            ("Qwen2-7B-Instruct (qwen2) has the larger window (128k against 8k).", (REC_A, REC_B), ("qwen2", "gpt-4o")),
            ("License terms differ (Edge Twin (edge-free): open weights; Edge Twin (edge-twin): proprietary).",
             twins, ("edge-free", "edge-twin")),
            ("GPT-4o is made by OpenAI (US) (the creator).", (REC_A, REC_B), ("qwen2", "gpt-4o")),
            ("Sources: https://en.wikipedia.org/wiki/X_(model) (archived).".replace(" (archived)", ""),
             (REC_A, REC_B), ("qwen2", "gpt-4o")),
        ]:
            self.assertEqual(run("nested-brackets", page(good + "\n", records=recs, ids=ids)), [], good)
        # a table cell is not prose
        self.assertEqual(run("nested-brackets", page("| a (b (c)) | d |\n|---|---|\n")), [])


class ZeroCount(unittest.TestCase):
    def test_zero_count(self):
        self.assertTrue(run("zero-count", page("GPT-4o ships a 0k-token context window.\n")))
        self.assertTrue(run("zero-count", page("| Context window | 0k | 0M |\n|---|---|---|\n")))
        self.assertTrue(run("zero-count", page(text="Context window    0.0M  128k\n")))

    def test_zero_count_good(self):
        good = ("A 1.5k-token window, 10k, 100k, 1.0k and 2.50M tokens; gpt-40k; see "
                "https://example.com/0k/ and costs $0.00; 0 routes.\n")
        self.assertEqual(run("zero-count", page(good)), [])


class VerdictContradiction(unittest.TestCase):
    def test_verdict_contradiction(self):
        md = "Choose GPT-4o for vision. Nothing in the local data favors Qwen2-7B-Instruct over GPT-4o.\n"
        out = run("verdict-contradiction", page(md, js=choose_json(["open_license"], ["capabilities"])))
        self.assertEqual(len(out), 1)
        self.assertIn("open_license", out[0])
        md2 = "The data gives no material reason to pick GPT-4o; test both.\n"
        self.assertTrue(run("verdict-contradiction", page(md2, js=choose_json([], ["capabilities"]))))
        md3 = "The local data does not separate these two models on anything that matters here.\n"
        self.assertTrue(run("verdict-contradiction", page(md3, js=choose_json(["decision_tags"], []))))
        # without structured reasons, the page's own "Choose X for ..." is the evidence
        md4 = ("Choose Qwen2-7B-Instruct for an open-source license (Apache 2.0). Nothing in the "
               "local data favors Qwen2-7B-Instruct over GPT-4o; choose it only on evidence.\n")
        self.assertTrue(run("verdict-contradiction", page(md4, js={"sections": []})))

    def test_verdict_contradiction_good(self):
        md = ("Choose GPT-4o for vision. Nothing in the local data favors Qwen2-7B-Instruct over "
              "GPT-4o; choose it only on evidence from your own evaluation.\n")
        self.assertEqual(run("verdict-contradiction", page(md, js=choose_json([], ["capabilities"]))), [])
        # two models named alike: "Edge Twin (edge-twin)" is not "Edge Twin (edge-free)"
        twins = [{"id": "edge-free", "name": "Edge Twin"}, {"id": "edge-twin", "name": "Edge Twin"}]
        md = "Nothing in the local data favors Edge Twin (edge-twin) over Edge Twin (edge-free).\n"
        js = choose_json(["cheaper_at_traffic"], [], "edge-free", "edge-twin")
        self.assertEqual(run("verdict-contradiction", page(md, js=js, records=twins, ids=("edge-free", "edge-twin"))), [])
        js = choose_json([], ["cheaper_at_traffic"], "edge-free", "edge-twin")
        self.assertTrue(run("verdict-contradiction", page(md, js=js, records=twins, ids=("edge-free", "edge-twin"))))


class NoneVsVerdict(unittest.TestCase):
    def test_none_vs_verdict(self):
        md = "- No tradeoff stands out in the local data for this pair.\n"
        self.assertTrue(run("none-vs-verdict", page(md, js=choose_json(["more_providers"], []))))
        md2 = md + "\nChoose GPT-4o for vision.\n"
        self.assertTrue(run("none-vs-verdict", page(md2, js={"sections": []})))

    def test_none_vs_verdict_good(self):
        md = ("- No tradeoff stands out in the local data for this pair.\n\nNothing in the local data "
              "favors Qwen2-7B-Instruct over GPT-4o; choose it only on evidence.\n")
        self.assertEqual(run("none-vs-verdict", page(md, js=choose_json([], []))), [])


class ProviderCase(unittest.TestCase):
    def test_provider_case(self):
        out = run("provider-case", page("Qwen2-7B-Instruct is available on together ai and DeepInfra.\n"))
        self.assertEqual(len(out), 1)
        self.assertIn("Together AI", out[0])
        self.assertTrue(run("provider-case", page(text="Qwen2 is available on\n  together\n  ai.\n")))
        self.assertTrue(run("provider-case", page("| Providers | deepinfra | OpenAI API |\n|---|---|---|\n")))

    def test_provider_case_good(self):
        good = ("Qwen2-7B-Instruct is available on Together AI and DeepInfra. Sources: "
                "https://api.together.ai/models/qwen2, https://deepinfra.com/x, "
                "https://openai.com/openai api/. See [docs](https://x.com/deepinfra).\n")
        self.assertEqual(run("provider-case", page(good)), [])
        # a record that itself writes the lower-case spelling may be quoted
        twin = {"id": "t", "name": "T", "routes": [{"provider": "openai api"}]}
        self.assertEqual(run("provider-case", page("T is on openai api.\n", records=(REC_B, twin), ids=("gpt-4o", "t"))), [])


class CountPlural(unittest.TestCase):
    def test_count_plural(self):
        for bad in ["Each model has 1 tracked routes.", "It offers 1 routes.", "GPT-4o leads on 1 benchmarks.",
                    "Qwen2 has 2 route.", "Offered by 0 provider, and", "The footprints differ on 3 check: x",
                    "It has 1 capabilities.", "| Provider routes | 1 routes |",
                    "It scores higher on 1 of 1 shared benchmarks.",
                    "X leads on 1 of 1 comparable shared benchmarks, by 2 points."]:
            self.assertTrue(run("count-plural", page(bad + "\n")), bad)

    def test_count_plural_good(self):
        for good in ["Each model has 1 tracked provider route.", "It has 2 provider routes and 3 benchmark scores.",
                     "Of the other checks, 1 is unknown for at least one model.", "1 of the models is open.",
                     "It leads on 1 of 1 comparable shared benchmark.", "It leads on 1 of 3 comparable "
                     "shared benchmarks.", "At 100,000 requests a month of 2,000 "
                     "input and 500 output tokens each.", "Per 1M tokens.", "0 shared benchmarks.",
                     "It has 1,000 requests and 1.5 tokens; a 4096-token window.", "It has 1 route."]:
            self.assertEqual(run("count-plural", page(good + "\n")), [], good)
        # a model name ending in a number is not a count
        cat = {"llama-3": "Llama 3"}
        self.assertEqual(run("count-plural", page("Llama 3 model is fine.\n", catalog=cat)), [])


PROPRIETARY = ({"id": "x", "name": "X", "openness": "proprietary"}, {"id": "y", "name": "Y", "openness": "Proprietary"})
OPEN = ({"id": "x", "name": "X", "openness": "open-weights"}, {"id": "y", "name": "Y", "openness": "proprietary"})


def items_json(*sections):
    """{"sections": [...]} from (id, [text, ...]) pairs."""
    return {"sections": [{"id": sid, "title": sid, "items": [{"key": "k", "text": t} for t in texts]}
                         for sid, texts in sections]}


class Issue14English(unittest.TestCase):
    """The English defects issue 14 quotes: each check fails on the old wording, passes on the new."""

    def test_support_for_twice(self):
        self.assertTrue(run("support-for-twice", page("Choose X for support for function calling.\n")))
        self.assertEqual(run("support-for-twice", page("Choose X for function calling, which Y does not offer.\n")), [])
        self.assertEqual(run("support-for-twice", page("X adds support for tools.\n")), [])

    def test_nor_either(self):
        self.assertTrue(run("nor-either",
                            page("Nor does it for X, whose Azure route has no batch discount either.\n")))
        self.assertEqual(run("nor-either", page("Y's Azure route has no batch discount either.\n")), [])
        self.assertEqual(run("nor-either", page("Nor does X's route list one.\n")), [])

    def test_licence_article(self):
        for bad in ["X is under Llama 4 Community License and Y is under Apache 2.0.",
                    "X is under Llama 3.1 Community License.",
                    "X has open weights under Gemma Terms of Use.", "X is open source under MIT License."]:
            self.assertTrue(run("licence-article", page(bad + "\n")), bad)
        for good in ["X is under the Llama 4 Community License and Y is under Apache 2.0.",
                     "X is open source under MIT.", "X is listed under the Gemma Terms of Use.",
                     "X is released under its own License.", "X is open source under MIT. License terms "
                     "decide whether you can self-host.", "Y is under Apache 2.0. License terms differ."]:
            self.assertEqual(run("licence-article", page(good + "\n")), [], good)

    def test_threshold_as_size(self):
        self.assertTrue(run("threshold-as-size", page(
            "Choose X for a monthly cost at least 10% lower at this traffic, $200.00 against $400.00.\n")))
        self.assertTrue(run("threshold-as-size", page(
            "X has a context window at least a quarter larger, 1M tokens against 128k.\n")))
        self.assertEqual(run("threshold-as-size", page(
            "Choose X for a monthly cost 50% lower at this traffic ($200.00 against $400.00).\n")), [])
        self.assertEqual(run("threshold-as-size", page("A route at least 10% cheaper is named: it is.\n")), [])

    def test_coverage_twice(self):
        old = items_json(("pricing", ["Both models have a sourced input and output token price."]),
                         ("deep_dive", ["Pricing coverage is complete for this pair."]))
        self.assertTrue(run("coverage-twice", page(js=old)))
        new = items_json(("pricing", ["Prices shown: X on P."]),
                         ("deep_dive", ["Pricing coverage is complete for this pair."]))
        self.assertEqual(run("coverage-twice", page(js=new)), [])

    def test_provider_list_twice(self):
        names = [f"Cloud {c}" for c in "ABCDEFG"]
        rec = {"id": "x", "name": "X", "routes": [{"provider": n} for n in names]}
        listed = ", ".join(names)
        old = {"sections": [
            {"id": "pricing", "title": "P", "items": [], "rows": [{"key": "providers", "cells": ["Providers", listed, "Q"]}]},
            {"id": "faq", "title": "FAQ", "items": [{"key": "faq.where_to_run", "question": "Where?",
                                                    "answer": "X is available on " + listed + "."}]}]}
        self.assertTrue(run("provider-list-twice", page(js=old, records=(rec, {"id": "y"}))))
        new = json.loads(json.dumps(old))
        new["sections"][1]["items"][0]["answer"] = "X is available from 7 providers (listed in the pricing table)."
        self.assertEqual(run("provider-list-twice", page(js=new, records=(rec, {"id": "y"}))), [])

    def test_stock_sentence(self):
        for bad in ["This page treats the result as workflow and deployment fit, not a universal model winner.",
                    "X does: 1M tokens. Confirm the provider-specific limits before committing to production."]:
            self.assertTrue(run("stock-sentence", page(bad + "\n")), bad)
        lic = ("Both X and Y are proprietary. License terms affect whether you can self-host, redistribute "
               "weights, or rely only on hosted APIs, so confirm the upstream license before deployment.\n")
        self.assertTrue(run("stock-sentence", page(lic, records=PROPRIETARY, ids=("x", "y"))))
        self.assertEqual(run("stock-sentence", page(lic, records=OPEN, ids=("x", "y"))), [])
        self.assertEqual(run("stock-sentence", page("Both X and Y are proprietary.\n", records=PROPRIETARY,
                                                    ids=("x", "y"))), [])


TESTED = [EmptySection, RepeatedSentence, NestedBrackets, ZeroCount, VerdictContradiction, NoneVsVerdict,
          ProviderCase, CountPlural, Issue14English]


class Parsers(unittest.TestCase):
    def test_text_blocks(self):
        text = """\
            A vs B
            ======

            Intro that wraps
            onto a second line.

            Decision tradeoffs
            ------------------

            - First bullet that
              wraps.
            - Second bullet.

            Signal          A        B
            --------------  -------  ---------
            Context window  128k     8k

            Which is cheaper at 100,000 requests a month, a long question that
            wraps?
              A is. It costs
              less.
            """
        pg = page(text=text)
        kinds = [(b.kind, b.text) for b in pg.blocks]
        self.assertIn(("prose", "Intro that wraps onto a second line."), kinds)
        self.assertIn(("prose", "First bullet that wraps."), kinds)
        self.assertIn(("prose", "Second bullet."), kinds)
        self.assertIn(("question", "Which is cheaper at 100,000 requests a month, a long question that wraps?"), kinds)
        self.assertIn(("prose", "A is. It costs less."), kinds)
        self.assertIn(("heading", "Decision tradeoffs"), kinds)
        self.assertEqual([b.cells for b in pg.blocks if b.kind == "table"][1], ["Context window", "128k", "8k"])
        self.assertEqual(pg.sentences()[-2:], ["A is.", "It costs less."])

    def test_md_blocks(self):
        md = "# T\n\n- [A vs B](a-vs-b.md)\n- Edge \\| Unknown \\*x\\* &lt;3\n\n| a \\| b | c |\n|---|---|\n"
        pg = page(md)
        self.assertEqual(pg.prose(), ["A vs B", "Edge | Unknown *x* <3"])
        self.assertEqual([b.cells for b in pg.blocks if b.kind == "table"], [["a | b", "c"]])


FAKE = r'''#!/usr/bin/env python3
import json, sys
a, b, fmt = sys.argv[4], sys.argv[5], sys.argv[7]
bad = "bad" in (a, b)
note = "It offers 1 routes." if bad else "It offers 1 route."
if fmt == "md":
    print(f"# {a} vs {b}\n\n{note}\n\n## Tradeoffs\n\n- A point.")
elif fmt == "text":
    print(f"{a} vs {b}\n======\n\n{note}\n\nTradeoffs\n---------\n\n- A point.")
else:
    print(json.dumps({"sections": [{"id": "tradeoffs", "title": "T", "items": [{"key": "x", "text": "A point."}]}]}))
'''


class Runner(unittest.TestCase):
    def lint(self, ids):
        with tempfile.TemporaryDirectory() as d:
            os.mkdir(os.path.join(d, "models"))
            for i in ids:
                with open(os.path.join(d, "models", i + ".json"), "w") as f:
                    json.dump({"id": i, "name": i}, f)
            exe = os.path.join(d, "versus")
            with open(exe, "w") as f:
                f.write(FAKE.replace("/usr/bin/env python3", sys.executable))
            os.chmod(exe, os.stat(exe).st_mode | stat.S_IXUSR)
            buf = io.StringIO()
            with redirect_stdout(buf):
                rc = P.main([exe, d, "--max-fail", "1"])
            return rc, buf.getvalue().splitlines()

    def test_clean(self):
        rc, lines = self.lint(["m1", "m2", "m3"])
        self.assertEqual((rc, lines[-1]), (0, "prose-lint: 9/9 pages clean"))

    def test_failures(self):
        rc, lines = self.lint(["bad", "m1", "m2"])
        self.assertEqual(rc, 1)
        self.assertEqual(lines[-1], "prose-lint: 5/9 pages clean")
        self.assertEqual(lines[0], 'bad vs m1 (md): count-plural: "1 routes" in "It offers 1 routes."')
        self.assertIn("and 3 more failures", lines[1])


if __name__ == "__main__":
    unittest.main(verbosity=1)
