// Shared helpers of the browser tests: the built site served under a
// sub-path with the strict CSP, Debian's Chromium driven by playwright-core,
// and checks that follow "The page contract" in docs/CONVENTIONS.md.
import { chromium } from 'playwright-core';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveDist, serveArticle, DEFAULT_PREFIX } from './serve.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const DIST = path.resolve(process.env.MP_DIST || path.join(ROOT, 'dist'));
export const PREFIX = DEFAULT_PREFIX;
export const SCENES = ['hash-ring', 'worker-sharding', 'payments'];
export const READY = 'section#scene[data-ready="1"]';
export const CHROMIUM = process.env.MP_CHROMIUM || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying hosts this
// machine cannot reach. Playwright adds --headless and a fresh user-data-dir.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
  '--enable-precise-memory-info',
];
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/** Serves dist/ under /blog/moving-parts/ with the strict CSP. */
export async function startSite() {
  return serveDist({ root: DIST, prefix: PREFIX });
}
export { serveArticle };

/** Browser + site for one test file; call `.close()` in `after`. */
export async function setup() {
  const site = await startSite();
  const browser = await launch();
  return {
    site,
    browser,
    /** Absolute URL of the site with a query (string with or without '?'). */
    url(query = '') {
      if (!query) return site.url;
      return site.url + (query.startsWith('?') ? query : '?' + query);
    },
    async close() {
      await browser.close().catch(() => {});
      await site.close();
    },
  };
}

// Runs in every frame before the page's own scripts (CDP, so the CSP does
// not apply to it): records CSP violations, Trunk's start event, the wasm
// memory, and counts animation frames and timer callbacks (idle checks).
const INIT = () => {
  const mp = (window.__mp = {
    csp: [],
    started: false,
    startError: null,
    raf: 0,
    rafMs: [],
    timers: 0,
    memory: null,
  });
  document.addEventListener('securitypolicyviolation', (e) => {
    mp.csp.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || '?'}:${e.lineNumber || 0}`);
  });
  window.addEventListener('TrunkApplicationStarted', (e) => {
    mp.started = true;
    try {
      mp.memory = e.detail && e.detail.wasm && e.detail.wasm.memory;
    } catch {}
  });
  const raf = window.requestAnimationFrame.bind(window);
  mp.rawRaf = raf; // unwrapped, for measuring without being counted
  window.requestAnimationFrame = (cb) =>
    raf((t) => {
      mp.raf++;
      const t0 = performance.now();
      try {
        return cb(t);
      } finally {
        if (mp.rafMs.length < 100000) mp.rafMs.push(performance.now() - t0);
      }
    });
  for (const name of ['setTimeout', 'setInterval']) {
    const orig = window[name].bind(window);
    window[name] = (cb, ms, ...args) =>
      orig(
        typeof cb === 'function'
          ? (...a) => {
              mp.timers++;
              return cb(...a);
            }
          : cb,
        ms,
        ...args,
      );
  }
};

/**
 * Opens `url` in a new page of `target` (a Browser or a BrowserContext) and
 * records every problem: console errors, uncaught exceptions, CSP violations,
 * failed requests and HTTP errors. `problems()` lists them.
 */
export async function openPage(target, url, { waitUntil = 'load', contextOptions = {} } = {}) {
  const context = typeof target.newContext === 'function' ? await target.newContext(contextOptions) : target;
  const ownsContext = context !== target;
  const page = await context.newPage();
  await page.addInitScript(INIT);
  const found = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') found.push(`console error: ${msg.text()}`);
    else if (msg.type() === 'warning' && /Content.Security.Policy|Refused to/i.test(msg.text())) found.push(`console warning: ${msg.text()}`);
  });
  page.on('pageerror', (err) => found.push(`uncaught: ${err.message}`));
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText || '';
    // Downloads and navigations away are not failures of the page.
    if (/ERR_ABORTED/.test(why) && (req.resourceType() === 'document' || req.url().startsWith('blob:'))) return;
    found.push(`request failed: ${req.url()} ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) found.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  page.on('worker', (worker) => {
    worker.on?.('console', (msg) => {
      if (msg.type() === 'error') found.push(`worker console error: ${msg.text()}`);
    });
  });
  /** Every problem seen so far, CSP violations included. */
  const problems = async () => {
    const inPage = [];
    for (const frame of page.frames()) {
      const v = await frame.evaluate(() => (window.__mp ? window.__mp.csp : [])).catch(() => []);
      for (const x of v) inPage.push(`CSP violation (${frame.url()}): ${x}`);
    }
    return [...found, ...inPage];
  };
  /** Runs fn(); if it throws, adds the problems seen so far to the error message. */
  const explain = async (fn) => {
    try {
      return await fn();
    } catch (e) {
      const seen = await problems().catch(() => []);
      if (seen.length && e && typeof e.message === 'string' && !e.message.includes('problems seen in the page')) {
        e.message += `\n  problems seen in the page:\n    ${seen.slice(0, 20).join('\n    ')}`;
      }
      throw e;
    }
  };
  if (url) await page.goto(url, { waitUntil });
  return {
    page,
    context,
    problems,
    explain,
    async close() {
      if (ownsContext) await context.close();
      else await page.close();
    },
  };
}

// Once a scene page has failed to get ready in this test file, later waits are
// short: the failures still count, without minutes of timeouts each.
let readyFailed = false;

/** Waits until the scene says its first frame is drawn (fails early on a panic). */
export async function waitReady(page, timeout = 30000) {
  if (readyFailed) timeout = Math.min(timeout, 8000);
  try {
    await page.waitForSelector(`${READY}, #panic`, { timeout, state: 'attached' });
    if (!(await page.$(READY))) throw new Error('panic');
  } catch (e) {
    readyFailed = true;
    const panic = await page.$('#panic');
    const why = panic ? `; #panic says: ${(await panic.textContent()).trim().slice(0, 300)}` : '';
    const scene = await page.$('section#scene');
    throw new Error(
      `${READY} did not appear within ${timeout} ms` +
        (scene ? ` (section#scene is there, data-ready=${await scene.getAttribute('data-ready')})` : ' (no section#scene)') +
        why,
    );
  }
}

/**
 * Pixels of a canvas (copied through drawImage, so any context type works):
 * size, number of distinct colours (5 bits a channel), share of the most
 * common colour, and a hash of all pixel bytes.
 */
export async function canvasStats(page, selector) {
  return page.evaluate((sel) => {
    const c = document.querySelector(sel);
    if (!c) return null;
    const w = c.width;
    const h = c.height;
    if (!w || !h) return { w, h, colours: 0, dominant: 1, hash: 0, cssW: c.clientWidth, cssH: c.clientHeight };
    const o = document.createElement('canvas');
    o.width = w;
    o.height = h;
    const x = o.getContext('2d');
    x.drawImage(c, 0, 0);
    const d = x.getImageData(0, 0, w, h).data;
    const counts = new Map();
    let hash = 2166136261;
    for (let i = 0; i < d.length; i += 4) {
      const k = ((d[i] >> 3) << 15) | ((d[i + 1] >> 3) << 10) | ((d[i + 2] >> 3) << 5) | (d[i + 3] >> 3);
      counts.set(k, (counts.get(k) || 0) + 1);
      hash = Math.imul(hash ^ d[i], 16777619) ^ d[i + 1];
      hash = Math.imul(hash ^ d[i + 2], 16777619) ^ d[i + 3];
    }
    let max = 0;
    for (const v of counts.values()) max = Math.max(max, v);
    return { w, h, colours: counts.size, dominant: max / (w * h), hash: hash >>> 0, cssW: c.clientWidth, cssH: c.clientHeight };
  }, selector);
}

/** True when a canvas shows a picture: several colours, not one flat fill. */
export function isDrawn(stats) {
  return !!stats && stats.w > 0 && stats.h > 0 && stats.colours >= 3 && stats.dominant < 0.995;
}

export async function text(page, selector) {
  const el = await page.$(selector);
  return el ? (await el.textContent()).trim() : null;
}

export async function isPlaying(page) {
  return (await page.getAttribute('#play', 'aria-pressed')) === 'true';
}

/** Sets the speed select to the offered speed closest to `want` (e.g. 10 for 10x). */
export async function setSpeed(page, want) {
  return page.evaluate((want) => {
    const s = document.querySelector('select#speed');
    if (!s) return null;
    let best = null;
    let bestD = Infinity;
    for (const o of s.options) {
      const v = parseFloat(o.value || o.textContent);
      if (!Number.isFinite(v)) continue;
      const d = Math.abs(Math.log(v) - Math.log(want));
      if (d < bestD) {
        bestD = d;
        best = o.value;
      }
    }
    if (best === null) return null;
    s.value = best;
    s.dispatchEvent(new Event('input', { bubbles: true }));
    s.dispatchEvent(new Event('change', { bubbles: true }));
    return best;
  }, want);
}

/** Plays for `ms` of wall time, then pauses (via the #play button). */
export async function playFor(page, ms) {
  if (!(await isPlaying(page))) await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play')?.getAttribute('aria-pressed') === 'true', null, { timeout: 5000 });
  await sleep(ms);
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#play')?.getAttribute('aria-pressed') === 'false', null, { timeout: 5000 });
}

/** Sets an <input> (range/number/text) and fires input + change, like a reader would. */
export async function setInput(page, selector, value) {
  await page.evaluate(
    ([sel, value]) => {
      const el = document.querySelector(sel);
      if (!el) throw new Error(`${sel} not found`);
      el.focus();
      el.value = String(value);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      el.dispatchEvent(new Event('change', { bubbles: true }));
      el.blur();
    },
    [selector, value],
  );
}

/** Query parameters as a sorted list of [key, value] (for order-free comparison). */
export function queryEntries(search) {
  return [...new URLSearchParams(search.startsWith('?') ? search.slice(1) : search).entries()].sort((a, b) =>
    a[0] === b[0] ? (a[1] < b[1] ? -1 : 1) : a[0] < b[0] ? -1 : 1,
  );
}
export function queryObject(search) {
  return Object.fromEntries(new URLSearchParams(search.startsWith('?') ? search.slice(1) : search));
}

/**
 * Runs the native runner on a query string and returns its JSON:
 * `cargo run --release -p mp-models --bin mp-run -- --url '<query>'`.
 */
export function mpRun(query) {
  const r = spawnSync('cargo', ['run', '--release', '-q', '-p', 'mp-models', '--bin', 'mp-run', '--', '--url', query], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`mp-run --url '${query}' failed (exit ${r.status}): ${(r.stderr || '').slice(-2000)}`);
  try {
    return JSON.parse(r.stdout);
  } catch (e) {
    throw new Error(`mp-run printed no JSON: ${r.stdout.slice(0, 500)}`);
  }
}

/** Reads `output#digest` (16 hex digits). */
export async function digest(page) {
  const d = await text(page, 'output#digest');
  return d;
}

export function distExists() {
  return fs.existsSync(path.join(DIST, 'index.html'));
}

/**
 * Picks the first enabled numeric parameter input ([data-param], number or
 * range) and a nearby valid value for it (one step down, or up at the minimum).
 * Returns { key, value } (value as text) or null.
 */
export async function pickParamChange(page) {
  return page.evaluate(() => {
    for (const el of document.querySelectorAll('input[data-param]')) {
      if (el.disabled || !(el.type === 'number' || el.type === 'range')) continue;
      const cur = Number(el.value);
      const min = el.min === '' ? -Infinity : Number(el.min);
      const max = el.max === '' ? Infinity : Number(el.max);
      const step = Number(el.step) > 0 ? Number(el.step) : Number.isInteger(cur) ? 1 : 0.1;
      let v = cur - step >= min ? cur - step : cur + step;
      if (v > max) continue;
      v = Number(v.toFixed(6));
      return { key: el.dataset.param, value: String(v) };
    }
    return null;
  });
}

/** Sets parameter `key` to `value` as a reader would (input + change). */
export async function setParam(page, key, value) {
  await setInput(page, `input[data-param="${key}"]`, value);
}
