// The embed URL inside an iframe of a page on another origin: it reports its
// height with the documented postMessage, fits without scrollbars, links to
// the full page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, serveArticle, SCENES, READY, sleep } from './lib.mjs';

let env;
let article;
before(async () => {
  env = await setup();
  article = await serveArticle({ embedUrl: env.url('?scene=hash-ring&embed=1') });
});
after(async () => {
  await article?.close();
  await env?.close();
});

async function embedIn(scene, width, extra = '') {
  const src = env.url(`?scene=${scene}&embed=1${extra}`);
  const url = `${article.url}?width=${width}&src=${encodeURIComponent(src)}`;
  const p = await openPage(env.browser, url, { contextOptions: { viewport: { width: 1100, height: 900 } } });
  const { page } = p;
  let frame;
  try {
    await p.explain(async () => {
      assert.notEqual(new URL(article.url).origin, new URL(src).origin, 'the article is on another origin');
      await page.waitForFunction(
        () => (window.__mpMessages || []).some((m) => m.data && m.data.type === 'moving-parts:height'),
        null,
        { timeout: 30000 },
      );
      frame = page.frames().find((f) => f.url().startsWith(new URL(src).origin));
      assert.ok(frame, 'the embed frame is there');
      await frame.waitForSelector(READY, { timeout: 30000, state: 'attached' });
      await sleep(800); // let the last height message land
    });
  } catch (e) {
    await p.close();
    throw e;
  }
  return { ...p, frame, src };
}

for (const scene of SCENES) {
  test(`${scene}: embed posts its height to a page on another origin and fits`, async () => {
    const { page, frame, problems, explain, close } = await embedIn(scene, 640);
    try {
      await explain(async () => {
        const msgs = await page.evaluate(() => window.__mpMessages.filter((m) => m.data && m.data.type === 'moving-parts:height'));
        const last = msgs[msgs.length - 1].data;
        assert.equal(last.scene, scene, 'the message names the scene');
        assert.equal(typeof last.height, 'number');
        assert.ok(last.height > 100, `height ${last.height} > 100`);
        assert.equal(msgs[msgs.length - 1].origin, new URL(frame.url()).origin, 'sent by the embed');
        // The iframe now has the reported height: its content needs no scrollbars.
        const fit = await frame.evaluate(() => ({
          sh: document.documentElement.scrollHeight,
          ih: window.innerHeight,
          sw: document.documentElement.scrollWidth,
          iw: window.innerWidth,
        }));
        assert.ok(fit.sh <= fit.ih + 1, `no vertical scrollbar needed (${fit.sh} > ${fit.ih})`);
        assert.ok(fit.sw <= fit.iw + 1, `no horizontal scrollbar needed (${fit.sw} > ${fit.iw})`);
        const iframeH = await page.$eval('#mp-embed', (f) => f.getBoundingClientRect().height);
        assert.ok(Math.abs(iframeH - Math.ceil(last.height)) <= 1, `iframe sized to the message (${iframeH} vs ${last.height})`);
        // Minimal chrome, and a link to the full page.
        const full = await frame.getAttribute('a#open-full', 'href');
        assert.ok(full, 'a#open-full is there');
        const fullUrl = new URL(full, frame.url());
        assert.equal(fullUrl.searchParams.get('scene'), scene);
        assert.ok(!fullUrl.searchParams.has('embed') || fullUrl.searchParams.get('embed') === '0', 'the full page is not the embed');
        assert.deepEqual(await problems(), []);
      });
    } finally {
      await close();
    }
  });
}

test('embed at 360 px wide reports a height and fits the width', async () => {
  const { page, frame, problems, explain, close } = await embedIn('hash-ring', 360);
  try {
    await explain(async () => {
      const fit = await frame.evaluate(() => ({ sw: document.documentElement.scrollWidth, iw: window.innerWidth }));
      assert.ok(fit.iw <= 361, `iframe is 360 px wide (${fit.iw})`);
      assert.ok(fit.sw <= fit.iw + 1, `no horizontal scroll at 360 px (${fit.sw})`);
      const msgs = await page.evaluate(() => window.__mpMessages.filter((m) => m.data && m.data.type === 'moving-parts:height'));
      assert.ok(msgs[msgs.length - 1].data.height > 100);
      assert.deepEqual(await problems(), []);
    });
  } finally {
    await close();
  }
});

test('embed follows theme=dark and theme=light', async () => {
  const colours = {};
  for (const theme of ['light', 'dark']) {
    const { frame, explain, close } = await embedIn('hash-ring', 640, `&theme=${theme}`);
    try {
      await explain(async () => {
        colours[theme] = await frame.evaluate(() => {
          const els = [document.querySelector('main#mp'), document.body, document.documentElement].filter(Boolean);
          for (const el of els) {
            const c = getComputedStyle(el).backgroundColor;
            if (c && c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') return c;
          }
          return getComputedStyle(document.body).color;
        });
      });
    } finally {
      await close();
    }
  }
  assert.notEqual(colours.light, colours.dark, JSON.stringify(colours));
});
