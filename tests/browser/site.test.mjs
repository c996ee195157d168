// The built site itself: the strict CSP, the sub-path, the loader moved out
// of index.html, the compute worker, and the home page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setup, openPage, DIST, SCENES, canvasStats, isDrawn, waitReady, sleep } from './lib.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

test('dist/index.html has no inline script, handler or style and only relative URLs', () => {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    assert.match(m[1], /\bsrc=/, `inline <script> left in index.html: ${m[0].slice(0, 200)}`);
  }
  assert.doesNotMatch(html, /<[a-z][^>]*\son[a-z]+\s*=/i, 'inline event handler');
  assert.doesNotMatch(html, /<style\b/i, '<style> block');
  assert.doesNotMatch(html, /<[a-z][^>]*\sstyle\s*=/i, 'style="" attribute');
  for (const m of html.matchAll(/\s(?:src|href|content)\s*=\s*["']([^"']*\.(?:js|wasm|css|svg|png))["']/gi)) {
    assert.doesNotMatch(m[1], /^(\/|https?:)/, `absolute asset URL ${m[1]}`);
    assert.ok(fs.existsSync(path.join(DIST, m[1])), `${m[1]} is referenced by index.html but missing from dist/`);
  }
  const loader = /<script type="module" src="\.\/(loader-[0-9a-f]+\.js)"/.exec(html);
  assert.ok(loader, 'index.html loads the wasm through ./loader-<hash>.js');
});

test('worker.js imports the glue and the wasm that exist in dist/', () => {
  for (const name of ['worker.js', ...fs.readdirSync(DIST).filter((f) => /^worker-[0-9a-f]+\.js$/.test(f))]) {
    const src = fs.readFileSync(path.join(DIST, name), 'utf8');
    const glue = /from '\.\/([^']+\.js)'/.exec(src);
    const wasm = /new URL\('\.\/([^']+\.wasm)'/.exec(src);
    assert.ok(glue && wasm, `${name} names its glue and wasm`);
    assert.ok(fs.existsSync(path.join(DIST, glue[1])), `${glue[1]} (imported by ${name}) exists`);
    assert.ok(fs.existsSync(path.join(DIST, wasm[1])), `${wasm[1]} (loaded by ${name}) exists`);
    assert.match(src, /worker_run/);
  }
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const meta = /<meta name="mp-worker" content="\.\/(worker-[0-9a-f]+\.js)">/.exec(html);
  assert.ok(meta && fs.existsSync(path.join(DIST, meta[1])), 'index.html announces the hashed worker');
});

test('the wasm starts under the strict CSP, served under a sub-path, with no errors', async () => {
  const { page, problems, explain, close } = await openPage(env.browser, env.url());
  try {
    await explain(async () => {
      const csp = await page.evaluate(async () => (await fetch(location.href)).headers.get('content-security-policy'));
      assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, 'the test server sends the strict CSP');
      assert.ok(new URL(page.url()).pathname.startsWith('/blog/moving-parts/'));
      await page
        .waitForFunction(() => window.__mp && (window.__mp.started || window.__mp.csp.length), null, { timeout: 30000 })
        .catch(() => {});
      await sleep(500);
      assert.deepEqual(await problems(), []);
      assert.ok(await page.evaluate(() => window.__mp.started), 'the wasm loader ran (TrunkApplicationStarted)');
      assert.equal(await page.$('#panic'), null, 'no panic message');
    });
  } finally {
    await close();
  }
});

test('the app renders into main#mp', async () => {
  const { page, problems, explain, close } = await openPage(env.browser, env.url());
  try {
    await explain(async () => {
      await page.waitForSelector('main#mp > *', { timeout: 30000 });
      assert.deepEqual(await problems(), []);
    });
  } finally {
    await close();
  }
});

test('the compute worker starts under the CSP and answers a bad request with JSON', async () => {
  const { page, problems, explain, close } = await openPage(env.browser, env.url());
  try {
    await explain(async () => {
      await page.waitForFunction(() => window.__mp && window.__mp.started, null, { timeout: 30000 });
      const workerUrl = await page.evaluate(() => document.querySelector('meta[name="mp-worker"]')?.content || './worker.js');
      const answer = await page.evaluate(
        (workerUrl) =>
          new Promise((resolve) => {
            const w = new Worker(workerUrl, { type: 'module' });
            const timer = setTimeout(() => resolve({ error: 'no answer within 20 s' }), 20000);
            w.onerror = (e) => {
              clearTimeout(timer);
              resolve({ error: `worker error: ${e.message || 'failed to load (missing export worker_run?)'}` });
            };
            w.onmessage = (e) => {
              let parsed = null;
              try {
                parsed = JSON.parse(e.data);
              } catch {}
              if (parsed && typeof parsed === 'object' && 'progress' in parsed && Object.keys(parsed).length === 1) return;
              clearTimeout(timer);
              w.terminate();
              resolve({ raw: e.data, parsed });
            };
            w.postMessage('this is not a valid request');
          }),
        workerUrl,
      );
      assert.equal(answer.error, undefined, answer.error);
      assert.equal(typeof answer.raw, 'string', 'the worker answers with a string');
      assert.notEqual(answer.parsed, null, `the answer is JSON: ${String(answer.raw).slice(0, 200)}`);
      assert.deepEqual(await problems(), []);
    });
  } finally {
    await close();
  }
});

test('home page: a picture and a link for every scene', async () => {
  const { page, problems, explain, close } = await openPage(env.browser, env.url());
  try {
    await explain(async () => {
      await page.waitForSelector('a.scene-card', { timeout: 30000 });
      await sleep(500);
      const cards = await page.$$eval('a.scene-card', (as) =>
        as.map((a) => {
          const img = a.querySelector('img, svg, canvas, picture');
          let picture = false;
          if (img) {
            if (img.tagName === 'IMG') picture = img.complete && img.naturalWidth > 0;
            else if (img.tagName === 'PICTURE') picture = !!img.querySelector('img') && img.querySelector('img').naturalWidth > 0;
            else picture = img.getBoundingClientRect().width > 0;
          }
          return { href: a.getAttribute('href'), text: a.textContent.trim(), picture, tag: img && img.tagName };
        }),
      );
      for (const id of SCENES) {
        const card = cards.find((c) => new URLSearchParams((c.href || '').split('?')[1] || '').get('scene') === id);
        assert.ok(card, `a.scene-card for ${id} (found ${JSON.stringify(cards.map((c) => c.href))})`);
        assert.match(card.href, /^(\.\/|index\.html)?\?/, `${id}: relative link to ?scene=${id}, got ${card.href}`);
        assert.ok(card.picture, `${id}: the card has a picture that loaded (${card.tag})`);
        assert.ok(card.text.length > 10, `${id}: the card has a line of text`);
      }
      for (const c of await page.$$('a.scene-card canvas')) {
        const id = await c.evaluate((el) => {
          el.dataset.testPic = Math.random().toString(36).slice(2);
          return el.dataset.testPic;
        });
        assert.ok(isDrawn(await canvasStats(page, `canvas[data-test-pic="${id}"]`)), 'card picture canvas is drawn');
      }
      // Following a card opens the scene.
      await page.click(`a.scene-card[href*="scene=${SCENES[0]}"]`);
      await waitReady(page);
      assert.equal(new URL(page.url()).searchParams.get('scene'), SCENES[0]);
      assert.ok(new URL(page.url()).pathname.startsWith('/blog/moving-parts/'));
      assert.deepEqual(await problems(), []);
    });
  } finally {
    await close();
  }
});

test('an unknown scene shows the home page with a notice', async () => {
  const { page, problems, explain, close } = await openPage(env.browser, env.url('?scene=no-such-scene'));
  try {
    await explain(async () => {
      await page.waitForSelector('a.scene-card', { timeout: 30000 });
      await page.waitForSelector('ul#notices > li', { timeout: 5000 });
      assert.deepEqual(await problems(), []);
    });
  } finally {
    await close();
  }
});
