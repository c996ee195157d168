// Every scene page: loads under the strict CSP, draws, and its controls,
// keyboard, exports, compare mode, themes and layouts work.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  setup,
  openPage,
  SCENES,
  waitReady,
  canvasStats,
  isDrawn,
  text,
  isPlaying,
  playFor,
  setSpeed,
  setInput,
  digest,
  sleep,
} from './lib.mjs';

const DIAGRAM = 'canvas.diagram[data-side="a"]';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function withScene(query, fn, opts = {}) {
  const p = await openPage(opts.context || env.browser, env.url(query), opts);
  try {
    await p.explain(async () => {
      await waitReady(p.page);
      await fn(p.page, p);
    });
    assert.deepEqual(await p.problems(), [], 'no console errors, CSP violations or failed requests');
    assert.equal(await p.page.$('#panic'), null, 'no panic');
  } finally {
    await p.close();
  }
}

for (const scene of SCENES) {
  describe(`scene ${scene}`, () => {
    test('loads under the CSP, ready, diagram drawn, contract elements present', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        assert.equal(await page.getAttribute('section#scene', 'data-scene'), scene);
        const stats = await canvasStats(page, DIAGRAM);
        assert.ok(stats, `${DIAGRAM} exists`);
        assert.ok(isDrawn(stats), `diagram is drawn: ${JSON.stringify(stats)}`);
        for (const sel of [
          '#play[aria-pressed]',
          '#step',
          '#back',
          '#next-event',
          '#reset',
          '#export-png',
          '#export-csv',
          '#copy-embed',
          '#compare-toggle',
          'input#scrub[type="range"]',
          'select#speed',
          'input#seed',
          '#narration[aria-live="polite"]',
          '#clock',
          'output#digest',
          'canvas.chart',
          '[data-param]',
        ]) {
          assert.ok(await page.$(sel), `${sel} is on the page`);
        }
        assert.match(await digest(page), /^[0-9a-f]{16}$/, 'output#digest holds 16 hex digits');
        const speeds = await page.$$eval('select#speed option', (os) => os.map((o) => parseFloat(o.value || o.textContent)));
        assert.ok(Math.min(...speeds) <= 0.1 + 1e-9 && Math.max(...speeds) >= 100 - 1e-9, `speeds 0.1x..100x: ${speeds}`);
      });
    });

    test('play then pause changes the clock and the picture; charts drawn', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        await setSpeed(page, 10);
        const clock0 = await text(page, '#clock');
        const pic0 = await canvasStats(page, DIAGRAM);
        const d0 = await digest(page);
        await playFor(page, 1500);
        await sleep(200);
        const clock1 = await text(page, '#clock');
        const pic1 = await canvasStats(page, DIAGRAM);
        assert.notEqual(clock1, clock0, 'the clock moved');
        assert.notEqual(await digest(page), d0, 'the digest moved');
        assert.notEqual(pic1.hash, pic0.hash, 'the diagram changed');
        assert.ok(isDrawn(pic1), 'the diagram is still drawn');
        // Paused: nothing moves.
        await sleep(700);
        assert.equal(await text(page, '#clock'), clock1, 'paused: the clock stays');
        const charts = await page.$$('canvas.chart');
        let drawn = 0;
        for (let i = 0; i < charts.length; i++) {
          await charts[i].evaluate((el, i) => (el.dataset.testChart = String(i)), i);
          if (isDrawn(await canvasStats(page, `canvas.chart[data-test-chart="${i}"]`))) drawn++;
        }
        assert.ok(drawn >= 1, `at least one chart drawn (${drawn}/${charts.length})`);
      });
    });

    test('step, step back, next event, scrub, reset', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        const d0 = await digest(page);
        const c0 = await text(page, '#clock');
        await page.click('#step');
        await sleep(300);
        const d1 = await digest(page);
        assert.notEqual(d1, d0, 'a step changes the run');
        await page.click('#back');
        await sleep(300);
        assert.equal(await digest(page), d0, 'a step back returns to the same state');
        await page.click('#next-event');
        await sleep(300);
        assert.notEqual(await digest(page), d0, 'next event moves on');
        const max = Number(await page.getAttribute('input#scrub', 'max'));
        assert.ok(max > 0, `scrub has a range (max=${max})`);
        await setInput(page, 'input#scrub', String(Math.round(max / 4)));
        await sleep(500);
        const cScrub = await text(page, '#clock');
        assert.notEqual(cScrub, c0, 'scrubbing moves the clock');
        await page.click('#reset');
        await sleep(500);
        assert.equal(await digest(page), d0, 'reset returns to the start');
        assert.equal(await text(page, '#clock'), c0);
      });
    });

    test('seed input changes the run and the URL', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        await page.click('#next-event');
        await page.click('#next-event');
        await sleep(300);
        const d0 = await digest(page);
        await setInput(page, 'input#seed', '4242');
        await page.waitForFunction(() => new URLSearchParams(location.search).get('seed') === '4242', null, { timeout: 5000 });
        await page.click('#next-event');
        await page.click('#next-event');
        await sleep(300);
        assert.notEqual(await digest(page), d0, 'another seed, another run');
      });
    });

    test('keyboard: ? opens and closes help, space toggles play', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
        assert.ok(!(await page.isVisible('#help')), '#help hidden at first');
        await page.keyboard.press('?');
        await page.waitForSelector('#help', { state: 'visible', timeout: 3000 });
        await page.keyboard.press('?');
        await page.waitForSelector('#help', { state: 'hidden', timeout: 3000 });
        await page.keyboard.press('?');
        await page.waitForSelector('#help', { state: 'visible', timeout: 3000 });
        await page.keyboard.press('Escape');
        await page.waitForSelector('#help', { state: 'hidden', timeout: 3000 });
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
        await page.keyboard.press(' ');
        await page.waitForFunction(() => document.querySelector('#play').getAttribute('aria-pressed') === 'true', null, { timeout: 3000 });
        await page.keyboard.press(' ');
        await page.waitForFunction(() => document.querySelector('#play').getAttribute('aria-pressed') === 'false', null, { timeout: 3000 });
      });
    });

    test('faults by key and by click are recorded as actions in the URL', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        const count = () => page.evaluate(() => (new URLSearchParams(location.search).get('a') || '').split(';').filter(Boolean).length);
        const faults = await page.$$eval('button.fault[data-action]', (bs) =>
          bs.map((b) => ({ kind: b.dataset.action, key: (b.querySelector('kbd') || {}).textContent || '' })),
        );
        assert.ok(faults.length > 0, 'the scene offers faults (button.fault[data-action])');
        const fault = faults.find((f) => f.kind === 'fail') || faults[0];
        // By key: `]` selects the next target (when the scene has targets), then the fault's key.
        const n0 = await count();
        await page.evaluate(() => document.activeElement && document.activeElement.blur());
        await page.keyboard.press(']');
        if (await page.$('select#target')) {
          assert.notEqual(await page.inputValue('select#target'), '', '`]` selects a target');
        }
        assert.ok(fault.key.length === 1, `the fault button shows its key (${fault.key})`);
        await page.keyboard.press(fault.key);
        await page.waitForFunction((n) => (new URLSearchParams(location.search).get('a') || '').split(';').filter(Boolean).length > n, n0, { timeout: 5000 });
        // By click: another target from the picker, then the button.
        await page.click('#next-event');
        await sleep(200);
        const n1 = await count();
        if (await page.$('select#target')) {
          const values = await page.$$eval('select#target option', (os) => os.map((o) => o.value).filter(Boolean));
          const cur = await page.inputValue('select#target');
          const other = values.find((v) => v !== cur) || cur;
          await page.selectOption('select#target', other);
        }
        await page.click(`button.fault[data-action="${fault.kind}"]`);
        await page.waitForFunction((n) => (new URLSearchParams(location.search).get('a') || '').split(';').filter(Boolean).length > n, n1, { timeout: 5000 });
      });
    });

    test('no CPU while paused: no animation frames or timers', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        if (await isPlaying(page)) await page.click('#play');
        await sleep(1500);
        const a = await page.evaluate(() => ({ raf: window.__mp.raf, timers: window.__mp.timers }));
        await sleep(2000);
        const b = await page.evaluate(() => ({ raf: window.__mp.raf, timers: window.__mp.timers }));
        assert.ok(b.raf - a.raf <= 2, `paused, ${b.raf - a.raf} animation frames in 2 s`);
        assert.ok(b.timers - a.timers <= 4, `paused, ${b.timers - a.timers} timer callbacks in 2 s`);
      });
    });

    test('export PNG and CSV', async () => {
      await withScene(`?scene=${scene}&t=60`, async (page) => {
        const [png] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click('#export-png')]);
        assert.match(png.suggestedFilename(), /\.png$/i);
        const pngBytes = await streamBytes(await png.createReadStream());
        assert.deepEqual([...pngBytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
        assert.ok(pngBytes.length > 1000, `PNG of ${pngBytes.length} bytes`);
        const [csv] = await Promise.all([page.waitForEvent('download', { timeout: 10000 }), page.click('#export-csv')]);
        assert.match(csv.suggestedFilename(), /\.csv$/i);
        const lines = (await streamBytes(await csv.createReadStream())).toString('utf8').trim().split(/\r?\n/);
        assert.ok(lines.length >= 2, `CSV has a header and rows (${lines.length} lines)`);
        assert.ok(lines[0].includes(','), 'CSV header has columns');
      });
    });

    test('compare mode shows side b, drawn, and records cmp in the URL', async () => {
      await withScene(`?scene=${scene}`, async (page) => {
        await page.click('#compare-toggle');
        await page.waitForSelector('canvas.diagram[data-side="b"]', { timeout: 5000 });
        await sleep(500);
        assert.ok(isDrawn(await canvasStats(page, 'canvas.diagram[data-side="b"]')), 'side b drawn');
        await page.waitForFunction(() => new URLSearchParams(location.search).has('cmp'), null, { timeout: 5000 });
      });
    });

    test('dark and light themes differ; theme=auto follows the system', async () => {
      const bg = async (query, colorScheme) => {
        let out;
        await withScene(
          query,
          async (page) => {
            out = await page.evaluate(() => {
              const pick = (el) => getComputedStyle(el).backgroundColor;
              const main = document.querySelector('main#mp');
              const c = [main && pick(main), pick(document.body), pick(document.documentElement)];
              return c.find((x) => x && x !== 'rgba(0, 0, 0, 0)' && x !== 'transparent') || c[0];
            });
          },
          { contextOptions: { colorScheme } },
        );
        return out;
      };
      const light = await bg(`?scene=${scene}&theme=light`, 'dark');
      const dark = await bg(`?scene=${scene}&theme=dark`, 'light');
      assert.notEqual(light, dark, `theme=light (${light}) and theme=dark (${dark}) differ`);
      assert.equal(await bg(`?scene=${scene}`, 'dark'), dark, 'auto + dark system = dark');
      assert.equal(await bg(`?scene=${scene}`, 'light'), light, 'auto + light system = light');
    });

    test('layouts: 360 px phone without sideways scroll, HiDPI canvas', async () => {
      await withScene(
        `?scene=${scene}`,
        async (page) => {
          const sw = await page.evaluate(() => document.documentElement.scrollWidth);
          assert.ok(sw <= 361, `no horizontal scroll at 360 px (scrollWidth ${sw})`);
          const s = await canvasStats(page, DIAGRAM);
          assert.ok(isDrawn(s), 'diagram drawn at 360 px');
          assert.ok(s.w >= Math.floor(s.cssW * 2) - 1, `canvas backing store follows devicePixelRatio 2 (${s.w} px for ${s.cssW} css px)`);
        },
        { contextOptions: { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 } },
      );
      await withScene(
        `?scene=${scene}`,
        async (page) => {
          assert.ok(isDrawn(await canvasStats(page, DIAGRAM)), 'diagram drawn at 1280 px');
        },
        { contextOptions: { viewport: { width: 1280, height: 900 } } },
      );
    });
  });
}

async function streamBytes(stream) {
  const chunks = [];
  for await (const c of stream) chunks.push(c);
  return Buffer.concat(chunks);
}
