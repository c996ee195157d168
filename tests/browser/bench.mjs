#!/usr/bin/env node
// Benchmarks of the built site in headless Chromium (printed figures, not a
// gate; run by scripts/bench.sh, not by the tests):
//   1. size: every file of dist/ gzipped at level 9, summed
//   2. frames: the ring at 300 servers x 100 points with 10k keys, playing for
//      10 s: requestAnimationFrame intervals and the time spent inside the
//      page's own animation-frame callbacks (its work per frame), p50/p95/max
//   3. simulated requests (events) per second in the browser: the time to
//      open a worker-sharding link at t=T (default 2400 s, the scene's longest link) minus the time to
//      open it at t=0, against the run's size from `mp-run --url` (the same
//      link, natively, timed the same way: t=T minus t=0)
//   4. memory: an animated run sampled every 30 s (CDP Performance.getMetrics
//      JSHeapUsedSize, and the wasm linear memory)
//
//   node bench.mjs [--minutes N] [--seconds S] [--t T] [--skip-memory]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { launch, startSite, openPage, waitReady, setSpeed, sleep, DIST, ROOT, isPlaying } from './lib.mjs';

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? Number(args[i + 1]) : dflt;
};
const MINUTES = opt('--minutes', 10);
const FRAME_SECONDS = opt('--seconds', 10);
const SIM_T = opt("--t", 2400);
const SKIP_MEMORY = args.includes('--skip-memory');

const pct = (xs, p) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const f1 = (x) => (Number.isFinite(x) ? x.toFixed(1) : 'n/a');
const f2 = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const human = (n) => (n >= 1e6 ? (n / 1e6).toFixed(2) + ' M' : n >= 1e3 ? (n / 1e3).toFixed(1) + ' k' : String(Math.round(n)));

function sizeOfDist() {
  let raw = 0;
  let gz = 0;
  const rows = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const b = fs.readFileSync(p);
        const g = zlib.gzipSync(b, { level: 9 }).length;
        raw += b.length;
        gz += g;
        rows.push([path.relative(DIST, p), b.length, g]);
      }
    }
  };
  walk(DIST);
  rows.sort((a, b) => b[2] - a[2]);
  console.log('\n== size of dist/ (gzip -9 of each file) ==');
  for (const [name, r, g] of rows) console.log(`  ${name.padEnd(48)} ${(r / 1024).toFixed(1).padStart(8)} KiB  ${(g / 1024).toFixed(1).padStart(7)} KiB gz`);
  console.log(`  total: ${(raw / 1024).toFixed(1)} KiB raw, ${(gz / 1024).toFixed(1)} KiB gzipped (aim: under 250 KiB)`);
  return gz;
}

async function frames(browser, site) {
  const query = '?scene=hash-ring&servers=300&points=100&keys=10000';
  const p = await openPage(browser, site.url + query, { contextOptions: { viewport: { width: 1280, height: 900 } } });
  const { page } = p;
  try {
    await waitReady(page, 60000);
    await setSpeed(page, 1);
    if (!(await isPlaying(page))) await page.click('#play');
    await sleep(1000);
    const r = await page.evaluate(async (secs) => {
      const mp = window.__mp;
      const work0 = mp.rafMs.length;
      const gaps = [];
      let last = null;
      const end = performance.now() + secs * 1000;
      await new Promise((resolve) => {
        const tick = (t) => {
          if (last !== null) gaps.push(t - last);
          last = t;
          if (performance.now() < end) mp.rawRaf(tick);
          else resolve();
        };
        mp.rawRaf(tick);
      });
      const work = mp.rafMs.slice(work0); // the page's own callbacks only (ours are unwrapped)
      return { gaps, work };
    }, FRAME_SECONDS);
    await page.click('#play');
    const work = r.work;
    console.log(`\n== frames: ring, 300 servers x 100 points, 10k keys, playing ${FRAME_SECONDS} s (${query}) ==`);
    console.log(`  frames: ${r.gaps.length} (${f1(r.gaps.length / FRAME_SECONDS)} per s)`);
    console.log(`  interval between frames: p50 ${f2(pct(r.gaps, 50))} ms, p95 ${f2(pct(r.gaps, 95))} ms, max ${f2(Math.max(...r.gaps))} ms`);
    console.log(`  page work per frame (its rAF callbacks): p50 ${f2(pct(work, 50))} ms, p95 ${f2(pct(work, 95))} ms, max ${f2(Math.max(...work))} ms over ${work.length} callbacks (aim: p95 under 8 ms)`);
  } catch (e) {
    console.log(`\n== frames: failed: ${e.message.split('\n')[0]}`);
  } finally {
    await p.close();
  }
}

function nativeRun(query) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('cargo', ['run', '--release', '-q', '-p', 'mp-models', '--bin', 'mp-run', '--', '--url', query, '--no-series'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) throw new Error(`mp-run failed: ${(r.stderr || '').slice(-500)}`);
  return { json: JSON.parse(r.stdout), secs };
}

async function simulated(browser, site) {
  const base = '?scene=worker-sharding&seed=1';
  console.log(`\n== simulated work in the browser: ${base} opened at t=0 and at t=${SIM_T} ==`);
  try {
    // Warm the binary, then time it natively the same way (t=T minus t=0).
    nativeRun(base + '&t=1');
    const n0 = [];
    const nT = [];
    let nat;
    for (let i = 0; i < 3; i++) {
      n0.push(nativeRun(`${base}&t=0`).secs);
      nat = nativeRun(`${base}&t=${SIM_T}`);
      nT.push(nat.secs);
    }
    const nativeSecs = Math.max(1e-3, pct(nT, 50) - pct(n0, 50));
    const a = nat.json.a || {};
    const last = a.last || {};
    const reqKey = Object.keys(last).find((k) => /request/i.test(k) && !/pct|per_s|rate|ms$/i.test(k));
    const steps = a.steps;
    const timeOpen = async (q) => {
      const p = await openPage(browser, null);
      try {
        const t0 = Date.now();
        await p.page.goto(site.url + q, { waitUntil: 'load' });
        await waitReady(p.page, 600000);
        return (Date.now() - t0) / 1000;
      } finally {
        await p.close();
      }
    };
    const t0s = [];
    const tTs = [];
    for (let i = 0; i < 3; i++) {
      t0s.push(await timeOpen(`${base}&t=0`));
      tTs.push(await timeOpen(`${base}&t=${SIM_T}`));
    }
    const browserSecs = Math.max(1e-3, pct(tTs, 50) - pct(t0s, 50));
    console.log(`  open at t=0: ${f2(pct(t0s, 50))} s; at t=${SIM_T}: ${f2(pct(tTs, 50))} s (medians of 3): ${f2(browserSecs)} s simulating`);
    console.log(`  native mp-run of the same link: ${f2(pct(nT, 50))} s at t=${SIM_T}, ${f2(pct(n0, 50))} s at t=0: ${f2(nativeSecs)} s simulating`);
    if (Number.isFinite(steps)) {
      console.log(`  events (steps): ${human(steps)}: browser ${human(steps / browserSecs)}/s, native ${human(steps / nativeSecs)}/s`);
    }
    if (reqKey) {
      const n = Number(last[reqKey]);
      console.log(`  requests (${reqKey} = ${human(n)}): browser ${human(n / browserSecs)}/s, native ${human(n / nativeSecs)}/s (aim: 1 M in under 1 s in the browser)`);
    } else {
      console.log(`  (no request counter among mp-run's "last" metrics, so events stand in for requests; keys: ${Object.keys(last).join(', ') || 'none'})`);
    }
  } catch (e) {
    console.log(`  failed: ${e.message.split('\n')[0]}`);
  }
}

async function memory(browser, site) {
  // Both designs side by side, restarted whenever a run reaches its end, so
  // the page animates for the whole time.
  const query = '?scene=worker-sharding&cmp=on';
  console.log(`\n== memory: ${query} playing for ${MINUTES} min (restarted at each end), sampled every 30 s ==`);
  const p = await openPage(browser, site.url + query);
  const { page } = p;
  try {
    await waitReady(page, 60000);
    if (!(await isPlaying(page))) await page.click('#play');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples = [];
    const total = Math.max(1, Math.round((MINUTES * 60) / 30));
    for (let i = 0; i <= total; i++) {
      for (let k = 0; i > 0 && k < 15; k++) {
        await sleep(2000);
        if (!(await isPlaying(page))) await page.click('#play');
      }
      const { metrics } = await cdp.send('Performance.getMetrics');
      const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
      const extra = await page.evaluate(() => ({
        wasm: window.__mp.memory ? window.__mp.memory.buffer.byteLength : null,
        used: performance.memory ? performance.memory.usedJSHeapSize : null,
        playing: document.querySelector('#play')?.getAttribute('aria-pressed'),
        clock: document.querySelector('#clock')?.textContent,
      }));
      samples.push({ min: (i * 30) / 60, heap: m.JSHeapUsedSize, nodes: m.Nodes, listeners: m.JSEventListeners, ...extra });
      const s = samples[samples.length - 1];
      console.log(
        `  ${s.min.toFixed(1).padStart(5)} min  JS heap ${(s.heap / 1048576).toFixed(2)} MiB  wasm ${s.wasm ? (s.wasm / 1048576).toFixed(1) + ' MiB' : 'n/a'}  DOM nodes ${s.nodes}  listeners ${s.listeners}  clock ${String(s.clock).trim()} ${s.playing === 'true' ? '' : '(not playing!)'}`,
      );
    }
    const first = samples[Math.min(1, samples.length - 1)];
    const lastS = samples[samples.length - 1];
    console.log(
      `  from minute ${first.min} to ${lastS.min}: JS heap ${((lastS.heap - first.heap) / 1048576).toFixed(2)} MiB, wasm ${
        lastS.wasm && first.wasm ? ((lastS.wasm - first.wasm) / 1048576).toFixed(1) + ' MiB' : 'n/a'
      }, DOM nodes ${lastS.nodes - first.nodes} (aim: flat)`,
    );
  } catch (e) {
    console.log(`  failed: ${e.message.split('\n')[0]}`);
  } finally {
    await p.close();
  }
}

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`${DIST}/index.html not found: run scripts/build.sh first`);
  process.exit(1);
}
sizeOfDist();
const site = await startSite();
const browser = await launch();
try {
  await frames(browser, site);
  await simulated(browser, site);
  if (!SKIP_MEMORY) await memory(browser, site);
} finally {
  await browser.close();
  await site.close();
}
