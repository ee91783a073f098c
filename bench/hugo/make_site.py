#!/usr/bin/env python3
"""Write a Hugo project that builds the same pair pages as `versus site` from the same records:
one page per unordered pair (a content file with only front matter naming the two models),
the records as Hugo data files, and a template (layout.html beside this script) that renders
the title, a scorecard, specs, pricing with the monthly cost at traffic (first-party route,
else the median of priced routes), capabilities and the related pairs' index.
It is the speed anchor of bench/hugo.sh, not a second implementation: its page says less
than ours (no rules engine, no verdict, no FAQ), which favours Hugo.
Usage: make_site.py CATALOG_DIR OUT_DIR"""
import json, os, shutil, sys

catalog, out = sys.argv[1], sys.argv[2]
here = os.path.dirname(os.path.abspath(__file__))
names = sorted(f[:-5] for f in os.listdir(os.path.join(catalog, "models")) if f.endswith(".json"))
shutil.rmtree(out, ignore_errors=True)
for d in ("data/models", "content/compare", "layouts/_default"):
    os.makedirs(os.path.join(out, d))
# Data keys are file names; ids may hold dots, so each record is stored under a plain key.
keys = {}
for i, name in enumerate(names):
    keys[name] = f"m{i:05d}"
    shutil.copyfile(os.path.join(catalog, "models", name + ".json"),
                    os.path.join(out, "data/models", keys[name] + ".json"))
with open(os.path.join(out, "config.toml"), "w") as f:
    f.write('baseURL = "/"\ntitle = "versus bench"\n'
            'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
            '[params]\nrequests = 100000\ninput = 2000\noutput = 500\n')
for i, a in enumerate(names):
    for b in names[i + 1:]:
        with open(os.path.join(out, "content/compare", f"{a}-vs-{b}.md"), "w") as f:
            f.write(f'---\na: "{keys[a]}"\nb: "{keys[b]}"\n---\n')
shutil.copyfile(os.path.join(here, "layout.html"), os.path.join(out, "layouts/_default/single.html"))
with open(os.path.join(out, "layouts/index.html"), "w") as f:
    f.write('<!DOCTYPE html><html><body><ul>{{ range where .Site.RegularPages "Section" "compare" }}'
            '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n')
print(f"{len(names) * (len(names) - 1) // 2} pair pages in {out}")
