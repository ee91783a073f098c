#!/usr/bin/python3
"""The static site in a real browser: Debian's Chromium driven through chromedriver by
Debian's python3-selenium (no browser download, no npm).  Builds the site of the frozen golden
catalog at a traffic where the price tiers show, then opens the index, a model page and a pair
page at 390 px (a phone: mobile viewport, touch) and 1280 px, light and dark, and checks: no
horizontal overflow, no request but the page's own file, no console error, the colour scheme
applied, the cost chart visible on the pair page.  Screenshots (full page, and the chart) go to
$VERSUS_BROWSER_ARTIFACTS, else ARTIFACT_DIR, else SOURCE_ROOT/build/browser-artifacts.

Usage: browser_test.py VERSUS SOURCE_ROOT [ARTIFACT_DIR]   (runs under /usr/bin/python3,
where Debian's selenium is).  Prints TAP; exits 0 when every check passed, 1 when one failed
or the browser could not start.  What is missing (chromium, chromium-driver, python3-selenium:
bootstrap.sh installs them) is a skip (77) on a developer's machine and a failure under CI
(CI set, as .ci/run has it): a browser test that cannot start must not pass CI unseen."""
import base64, glob, json, os, shutil, subprocess, sys, tempfile, time
from pathlib import Path

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from tap import ok, finish  # noqa: E402  (tests/tap.py)

if len(sys.argv) < 3:
    sys.exit("usage: browser_test.py VERSUS SOURCE_ROOT [ARTIFACT_DIR]")
VERSUS, SRC = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ARTIFACTS = os.path.abspath(os.environ.get("VERSUS_BROWSER_ARTIFACTS") or
                            (sys.argv[3] if len(sys.argv) > 3 else os.path.join(SRC, "build", "browser-artifacts")))
CHROMIUM = os.environ.get("VERSUS_CHROMIUM", "/usr/bin/chromium")
DRIVER = os.environ.get("VERSUS_CHROMEDRIVER", "/usr/bin/chromedriver")
GOLDEN = os.path.join(SRC, "tests", "fixtures", "golden")


def cannot_start(why):
    """A missing piece: skip on a developer's machine, fail under CI."""
    if os.environ.get("CI"):
        print(f"not ok 1 - the browser starts: {why} (CI is set, so this fails instead of skipping)")
        print("1..1")
        sys.exit(1)
    print(f"1..0 # SKIP {why}")
    sys.exit(77)


try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
except ImportError as e:
    cannot_start(f"selenium cannot be loaded under {sys.executable} ({e}): apt-get install python3-selenium")
for path, package in ((CHROMIUM, "chromium"), (DRIVER, "chromium-driver")):
    if not os.access(path, os.X_OK):
        cannot_start(f"{path} is missing: apt-get install {package} (bootstrap.sh does); no browser is downloaded")

# The flags this machine's closed network needs: without the background-networking ones
# Chromium keeps opening connections that are refused.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--hide-scrollbars"]
PAGES = [("index", "index.html", False), ("model", "models/claude-sonnet-4.html", False),
         ("pair", "compare/claude-sonnet-4-vs-gemini-2.5-pro.html", True)]
WIDTHS = [390, 1280]
SCHEMES = ["light", "dark"]

# In the page: elements sticking out to the right, or whose own content (an unbreakable
# word) does, that no scrolling box (.tw) contains; the deepest of them name the culprit.
MEASURE = """
const w = arguments[0];
const de = document.documentElement;
const found = [];
const clipped = (el) => {
  for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
    const ox = getComputedStyle(p).overflowX;
    if (ox === 'auto' || ox === 'scroll' || ox === 'hidden' || ox === 'clip') return true;
  }
  return false;
};
const describe = (el) => {
  let s = el.tagName.toLowerCase();
  if (el.id) s += '#' + el.id;
  if (el.classList.length) s += '.' + [...el.classList].join('.');
  const sec = el.closest('section[id]');
  if (sec && sec !== el) s = 'section#' + sec.id + ' ' + s;
  return s;
};
for (const el of document.body.querySelectorAll('*')) {
  const r = el.getBoundingClientRect();
  const spills = getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1 &&
    r.left + el.scrollWidth > w + 0.5;
  if ((r.right > w + 0.5 || spills) && !clipped(el)) found.push(el);
}
const offenders = found.filter((el) => !found.some((o) => o !== el && el.contains(o))).map((el) => {
  const r = el.getBoundingClientRect();
  const right = Math.max(r.right, r.left + el.scrollWidth);
  const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 80);
  return describe(el) + ' reaches ' + Math.round(right) + 'px: "' + text + '"';
});
const bg = getComputedStyle(document.body).backgroundColor.match(/\\d+(\\.\\d+)?/g).map(Number);
const chart = document.querySelectorAll('section#cost svg.plot');
const box = chart.length === 1 ? chart[0].getBoundingClientRect() : null;
return {
  scrollWidth: de.scrollWidth, innerWidth: window.innerWidth,
  bodyScroll: document.body.scrollWidth, offenders: offenders.slice(0, 5),
  luminance: (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255,
  title: document.title,
  rows: document.querySelectorAll('table tbody tr').length,
  pairLinks: document.querySelectorAll('a[href^="../compare/"]').length,
  charts: chart.length,
  chart: box && {x: box.x, y: box.y, width: box.width, height: box.height},
  scrollHeight: Math.ceil(Math.max(de.scrollHeight, document.body.scrollHeight)),
};
"""


def build_site(site):
    env = {k: v for k, v in os.environ.items() if k not in ("VERSUS_DATA", "VERSUS_RULES", "VERSUS_PLUGINS", "NO_COLOR")}
    env["LC_ALL"] = "C"
    p = subprocess.run([VERSUS, "--data", GOLDEN, "site", site, "-j", "2", "--input-tokens", "250000",
                        "--output-tokens", "2000"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    ok(p.returncode == 0 and all(os.path.exists(os.path.join(site, f)) for _, f, _ in PAGES),
       "versus site builds the golden catalog (index, model and pair pages present)", p.stderr)
    return p.returncode == 0


def start_browser(profile):
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for a in CHROMIUM_ARGS + [f"--user-data-dir={profile}"]:
        opts.add_argument(a)
    # The performance log carries every request (Network.*) and the browser log the console.
    opts.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=opts)
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Network.enable", {})
    # Anything but a file: never leaves the machine (the check below still reports it).
    driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["http://*", "https://*", "ws://*", "wss://*"]})
    return driver


def requests_of(driver):
    """The URLs the page asked for since the last call (performance log)."""
    urls = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg["method"] == "Network.requestWillBeSent":
            urls.append(msg["params"]["request"]["url"])
        elif msg["method"] == "Network.webSocketCreated":
            urls.append(msg["params"]["url"])
    return urls


def screenshot(driver, path, height):
    """The whole page, not just the viewport."""
    metrics = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": max(size["height"], height), "scale": 1}})
    Path(path).write_bytes(base64.b64decode(shot["data"]))


def visit(driver, site, name, file, chart, width, scheme, models):
    label = f"{name} {width}px {scheme}"
    url = Path(site, file).as_uri()
    phone = width < 600
    height = 844 if phone else 900
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": phone})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": phone})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.get_log("performance"), driver.get_log("browser")  # drop what came before
    try:
        driver.get(url)
        time.sleep(0.1)  # late console messages, lazy requests
        m = driver.execute_script(MEASURE, width)
        ok(m["scrollWidth"] <= m["innerWidth"] and m["scrollWidth"] <= width and m["bodyScroll"] <= width,
           f"{label}: no horizontal overflow (scrollWidth {m['scrollWidth']}, innerWidth {m['innerWidth']})",
           "\n".join(m["offenders"]))
        lum = m["luminance"]
        ok(bool(m["title"]) and (lum < 0.3 if scheme == "dark" else lum > 0.7),
           f"{label}: the {scheme} colours apply (background luminance {lum:.2f})")
        if name == "index":
            ok(m["rows"] == models, f"{label}: the index lists {models} models ({m['rows']} rows)")
        if name == "model":
            ok(m["pairLinks"] >= models - 1,
               f"{label}: the model page links to its {models - 1} pairs ({m['pairLinks']} links)")
        if chart:
            el = driver.find_elements(By.CSS_SELECTOR, "section#cost svg.plot")
            box = m["chart"]
            visible = len(el) == 1 and el[0].is_displayed()
            ok(visible and box and box["width"] > 0 and box["height"] > 0 and box["x"] >= 0 and
               box["x"] + box["width"] <= width + 0.5,
               f"{label}: the cost chart (section#cost svg.plot) is visible and inside the viewport" +
               (f" ({round(box['width'])}x{round(box['height'])} at x {round(box['x'])})" if box
                else f" ({m['charts']} found)"))
            if visible:
                el[0].screenshot(os.path.join(ARTIFACTS, f"{name}-chart-{width}-{scheme}.png"))
        screenshot(driver, os.path.join(ARTIFACTS, f"{name}-{width}-{scheme}.png"), m["scrollHeight"])
    except Exception as e:  # noqa: BLE001 (any failure of the page is this check's)
        ok(False, f"{label}: the page loads", "\n".join(str(e).splitlines()[:4]))
    foreign = sorted({u for u in requests_of(driver) if u != url and not u.startswith("data:")})
    ok(not foreign, f"{label}: no request but the page's own file",
       "\n".join(("network: " if u.split(":")[0] in ("http", "https", "ws", "wss") else "other: ") + u
                 for u in foreign[:5]))
    errors = [e["message"] for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    ok(not errors, f"{label}: no console error", "\n".join(errors[:5]))


def main():
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="versus-browser-")
    site = os.path.join(tmp, "site")
    driver = None
    try:
        if build_site(site):
            models = len(glob.glob(os.path.join(GOLDEN, "models", "*.json")))
            os.makedirs(ARTIFACTS, exist_ok=True)
            try:
                driver = start_browser(os.path.join(tmp, "profile"))
            except Exception as e:  # noqa: BLE001 (a browser that does not start fails, never skips)
                ok(False, f"the browser starts ({CHROMIUM} through {DRIVER})", str(e))
            if driver:
                ok(True, f"the browser starts ({driver.capabilities.get('browserVersion', '?')})")
                for name, file, chart in PAGES:
                    for width in WIDTHS:
                        for scheme in SCHEMES:
                            visit(driver, site, name, file, chart, width, scheme, models)
    finally:
        if driver:
            driver.quit()
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"# in {time.time() - started:.1f} s; screenshots in {ARTIFACTS}")
    finish()


main()
