// The URL holds the whole run: it round-trips, and bad values are clamped or
// dropped with a visible notice while the rest still applies.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, SCENES, waitReady, text, digest, playFor, setSpeed, isPlaying, queryObject, pickParamChange, setParam, sleep } from './lib.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function open(query, fn) {
  const p = await openPage(env.browser, env.url(query));
  try {
    const out = await p.explain(async () => {
      await waitReady(p.page);
      return fn(p.page);
    });
    assert.deepEqual(await p.problems(), [], 'no console errors, CSP violations or failed requests');
    assert.equal(await p.page.$('#panic'), null, 'no panic');
    return out;
  } finally {
    await p.close();
  }
}

const search = (page) => page.evaluate(() => location.search);

// Links with a seed, parameters, actions and a playhead (the hash-ring one
// uses the parameters and fault kinds; the others the shell's keys).
const LINKS = {
  'hash-ring': '?v=1&scene=hash-ring&seed=42&servers=12&points=20&keys=500&a=3:fail:2;6:add&t=10',
  'worker-sharding': '?v=1&scene=worker-sharding&seed=42&t=12.5',
  payments: '?v=1&scene=payments&seed=42&t=12.5',
};

for (const scene of SCENES) {
  test(`${scene}: a link opens as written and survives play/pause and a reload`, async () => {
    const link = LINKS[scene];
    const want = queryObject(link);
    const first = await open(link, async (page) => {
      if (await isPlaying(page)) await page.click('#play');
      await sleep(300);
      const got = queryObject(await search(page));
      for (const [k, v] of Object.entries(want)) {
        assert.equal(got[k], v, `after load, ${k}=${v} is kept in the address bar (got ${await search(page)})`);
      }
      assert.equal(await page.inputValue('input#seed'), '42', 'the seed input shows the seed');
      for (const [k, v] of Object.entries(want)) {
        const input = await page.$(`[data-param="${k}"]`);
        if (input && (await input.evaluate((el) => 'value' in el))) assert.equal(await input.inputValue(), v, `parameter ${k} shows ${v}`);
      }
      // Play a little, pause: the address bar gets the new playhead, the rest stays.
      await setSpeed(page, 1);
      await playFor(page, 800);
      await page.waitForFunction((t0) => new URLSearchParams(location.search).get('t') !== t0, want.t, { timeout: 5000 });
      const after = queryObject(await search(page));
      for (const [k, v] of Object.entries(want)) {
        if (k !== 't') assert.equal(after[k], v, `after play/pause, ${k}=${v} is kept`);
      }
      assert.ok(Number(after.t) > Number(want.t), `t moved forward (${want.t} -> ${after.t})`);
      return { search: await search(page), digest: await digest(page), clock: await text(page, '#clock') };
    });
    // Opening that address reproduces the exact view.
    const second = await open(first.search, async (page) => {
      if (await isPlaying(page)) await page.click('#play');
      return { search: await search(page), digest: await digest(page), clock: await text(page, '#clock') };
    });
    assert.equal(second.digest, first.digest, `same digest after reopening ${first.search}`);
    assert.equal(second.clock, first.clock, 'same clock');
    assert.deepEqual(queryObject(second.search), queryObject(first.search), 'same address');
  });

  test(`${scene}: a changed parameter goes into the URL and comes back`, async () => {
    const changed = await open(`?scene=${scene}&seed=9`, async (page) => {
      const pick = await pickParamChange(page);
      assert.ok(pick, 'the scene has a numeric parameter input');
      await setParam(page, pick.key, pick.value);
      await page.waitForFunction(({ key }) => new URLSearchParams(location.search).has(key), pick, { timeout: 5000 });
      assert.equal(queryObject(await search(page))[pick.key], pick.value, `${pick.key}=${pick.value} in the URL`);
      await sleep(300);
      return { ...pick, search: await search(page), digest: await digest(page) };
    });
    await open(changed.search, async (page) => {
      assert.equal(await page.inputValue(`[data-param="${changed.key}"]`), changed.value);
      assert.equal(await digest(page), changed.digest, 'same digest');
    });
  });
}

test('bad values: notices, and the rest of the URL still applies', async () => {
  const bad = '?scene=hash-ring&servers=1e9&seed=abc&no_such_key=1&a=garbage&points=7&t=3';
  await open(bad, async (page) => {
    const notices = await page.$$eval('ul#notices > li', (lis) => lis.map((li) => li.textContent.trim()));
    assert.ok(notices.length >= 4, `one notice per bad value (servers, seed, unknown key, a): ${JSON.stringify(notices)}`);
    assert.ok(await page.isVisible('ul#notices > li'), 'the notices are visible');
    // The good parts applied.
    assert.equal(await page.inputValue('[data-param="points"]'), '7', 'points=7 applied');
    const servers = Number(await page.inputValue('[data-param="servers"]'));
    assert.ok(servers >= 1 && servers <= 1000, `servers clamped or defaulted (${servers})`);
    assert.match(await page.inputValue('input#seed'), /^\d+$/, 'a whole-number seed is used');
    assert.ok(!/no_such_key|garbage/.test(await search(page)), 'dropped values leave the address bar');
    assert.match(await digest(page), /^[0-9a-f]{16}$/);
    // And the page still works.
    const c0 = await text(page, '#clock');
    await setSpeed(page, 10);
    await playFor(page, 800);
    assert.notEqual(await text(page, '#clock'), c0, 'still plays');
  });
});

test('every scene survives junk in every key', async () => {
  for (const scene of SCENES) {
    await open(`?v=99&scene=${scene}&seed=-1&design=nope&cmp=nope&t=-5&speed=abc&theme=purple&a=1:;;:x&%zz=%zz`, async (page) => {
      assert.ok((await page.$$('ul#notices > li')).length >= 5, `${scene}: notices shown`);
    });
  }
});
