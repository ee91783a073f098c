// The static site in a real browser: Debian's Chromium driven by playwright-core (no browser
// download).  Builds the site of the frozen golden catalog at a traffic where the price tiers
// show, then opens the index, a model page and a pair page at 390 and 1280 px, light and dark,
// and checks: no horizontal overflow, no request but the page's own file, no console error,
// the colour scheme applied, the cost chart visible on the pair page.  Screenshots go to
// $VERSUS_BROWSER_ARTIFACTS, else ARTIFACT_DIR, else SOURCE_ROOT/build/browser-artifacts.
//
// Usage: node browser_test.mjs VERSUS SOURCE_ROOT [ARTIFACT_DIR]
//        (browser_test.sh checks first that node, chromium and playwright-core are there)
// Prints TAP; exits 0 when every check passed, 1 when one failed, 77 (skip) when
// playwright-core cannot be loaded.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [versus, srcRoot, artifactArg] = process.argv.slice(2);
if (!versus || !srcRoot) {
  console.error('usage: node browser_test.mjs VERSUS SOURCE_ROOT [ARTIFACT_DIR]');
  process.exit(2);
}
const chromiumPath = process.env.VERSUS_CHROMIUM || '/usr/bin/chromium';
const artifacts = path.resolve(process.env.VERSUS_BROWSER_ARTIFACTS || artifactArg ||
  path.join(srcRoot, 'build', 'browser-artifacts'));

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.log(`1..0 # SKIP playwright-core is not installed (npm ci in tests/browser): ${e.code || e.message}`);
  process.exit(77);
}

// The flags this machine's closed network needs (.library/env/machines/c.md): without the
// background-networking ones Chromium keeps opening connections that are refused.
const chromiumArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

const pages = [
  { name: 'index', file: 'index.html' },
  { name: 'model', file: 'models/claude-sonnet-4.html' },
  { name: 'pair', file: 'compare/claude-sonnet-4-vs-gemini-2.5-pro.html', chart: true },
];
const widths = [390, 1280];
const schemes = ['light', 'dark'];

let n = 0;
let failed = 0;
function check(okay, what, detail) {
  n += 1;
  if (okay) {
    console.log(`ok ${n} - ${what}`);
  } else {
    failed += 1;
    console.log(`not ok ${n} - ${what}`);
    for (const line of [].concat(detail || [])) console.log(`#   ${line}`);
  }
}

const started = Date.now();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'versus-browser-'));
const site = path.join(tmp, 'site');
let browser;
try {
  // The site, made by the versus under test from the frozen catalog.
  const env = { ...process.env, LC_ALL: 'C' };
  for (const k of ['VERSUS_DATA', 'VERSUS_RULES', 'VERSUS_PLUGINS', 'NO_COLOR']) delete env[k];
  let built = true;
  try {
    execFileSync(versus, ['--data', path.join(srcRoot, 'tests', 'fixtures', 'golden'), 'site', site,
      '-j', '2', '--input-tokens', '250000', '--output-tokens', '2000'],
    { env, stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    built = false;
    check(false, 'versus site builds the golden catalog', String(e.stderr || e.message).split('\n'));
  }
  if (built) {
    check(pages.every((p) => fs.existsSync(path.join(site, p.file))),
      'versus site builds the golden catalog (index, model and pair pages present)');
    const models = fs.readdirSync(path.join(srcRoot, 'tests', 'fixtures', 'golden', 'models'))
      .filter((f) => f.endsWith('.json')).length;
    fs.mkdirSync(artifacts, { recursive: true });
    browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, timeout: 60000 });
    for (const pg of pages) {
      for (const width of widths) {
        for (const scheme of schemes) {
          await visit(pg, width, scheme, models);
        }
      }
    }
  }
} catch (e) {
  check(false, 'the browser run finished', String(e.stack || e).split('\n').slice(0, 8));
} finally {
  if (browser) await browser.close().catch(() => {});
  fs.rmSync(tmp, { recursive: true, force: true });
}
console.log(`1..${n}`);
console.log(`# ${n - failed} passed, ${failed} failed, in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${artifacts}`);
process.exit(failed ? 1 : 0);

async function visit(pg, width, scheme, models) {
  const label = `${pg.name} ${width}px ${scheme}`;
  const url = pathToFileURL(path.join(site, pg.file)).href;
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height: phone ? 844 : 900 },
    isMobile: phone, hasTouch: phone, deviceScaleFactor: 1,
    colorScheme: scheme, javaScriptEnabled: true, serviceWorkers: 'block',
  });
  // Every request passes through here: the page's own file goes on, anything else (http,
  // https, another file, a websocket) is refused and fails the check.
  const foreign = [];
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u === url) return route.continue();
    foreign.push(u);
    return route.abort();
  });
  context.on('websocket', (ws) => foreign.push(ws.url()));
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (r.url() !== url && !foreign.includes(r.url())) foreign.push(r.url()); });
  try {
    await page.goto(url, { waitUntil: 'load', timeout: 30000 });
    await page.waitForTimeout(100); // late console messages, lazy requests

    const m = await page.evaluate((w) => {
      const de = document.documentElement;
      // Elements sticking out to the right, or whose own content (an unbreakable word) does,
      // that no scrolling box (.tw) contains; the deepest of them name the culprit.
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
        if (el.id) s += `#${el.id}`;
        if (el.classList.length) s += `.${[...el.classList].join('.')}`;
        const sec = el.closest('section[id]');
        if (sec && sec !== el) s = `section#${sec.id} ${s}`;
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
        const text = (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 80);
        return `${describe(el)} reaches ${Math.round(right)}px: "${text}"`;
      });
      const bg = getComputedStyle(document.body).backgroundColor.match(/\d+(\.\d+)?/g).map(Number);
      return {
        scrollWidth: de.scrollWidth, innerWidth: window.innerWidth,
        bodyScroll: document.body.scrollWidth, offenders: offenders.slice(0, 5),
        luminance: (0.2126 * bg[0] + 0.7152 * bg[1] + 0.0722 * bg[2]) / 255,
        title: document.title,
        rows: document.querySelectorAll('table tbody tr').length,
        pairLinks: document.querySelectorAll('a[href^="../compare/"]').length,
      };
    }, width);
    check(m.scrollWidth <= m.innerWidth && m.scrollWidth <= width && m.bodyScroll <= width,
      `${label}: no horizontal overflow (scrollWidth ${m.scrollWidth}, innerWidth ${m.innerWidth})`,
      m.offenders);
    check(m.title.length > 0 && (scheme === 'dark' ? m.luminance < 0.3 : m.luminance > 0.7),
      `${label}: the ${scheme} colours apply (background luminance ${m.luminance.toFixed(2)})`);
    if (pg.name === 'index') {
      check(m.rows === models, `${label}: the index lists ${models} models (${m.rows} rows)`);
    }
    if (pg.name === 'model') {
      check(m.pairLinks >= models - 1,
        `${label}: the model page links to its ${models - 1} pairs (${m.pairLinks} links)`);
    }
    if (pg.chart) {
      const chart = page.locator('section#cost svg.plot');
      const count = await chart.count();
      const visible = count === 1 && await chart.isVisible();
      const box = visible ? await chart.boundingBox() : null;
      check(visible && box && box.width > 0 && box.height > 0 && box.x >= 0 && box.x + box.width <= width + 0.5,
        `${label}: the cost chart (section#cost svg.plot) is visible and inside the viewport` +
        (box ? ` (${Math.round(box.width)}x${Math.round(box.height)} at x ${Math.round(box.x)})` : ` (${count} found)`));
      if (visible) {
        await chart.screenshot({ path: path.join(artifacts, `${pg.name}-chart-${width}-${scheme}.png`) });
      }
    }
    await page.screenshot({ path: path.join(artifacts, `${pg.name}-${width}-${scheme}.png`), fullPage: true });
  } catch (e) {
    check(false, `${label}: the page loads`, String(e.message || e).split('\n').slice(0, 4));
  }
  check(foreign.length === 0, `${label}: no request but the page's own file`,
    [...new Set(foreign)].slice(0, 5).map((u) => (/^(https?|wss?):/.test(u) ? `network: ${u}` : `other: ${u}`)));
  check(errors.length === 0, `${label}: no console error`, errors.slice(0, 5));
  await context.close();
}
