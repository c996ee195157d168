// The browser (wasm) and the native runner agree bit for bit: output#digest
// equals the `digest` that `mp-run --url '<same query>'` prints.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, openPage, waitReady, digest, text, isPlaying, playFor, setSpeed, setInput, mpRun, pickParamChange, setParam, sleep } from './lib.mjs';

let env;
before(async () => {
  env = await setup();
});
after(async () => {
  await env?.close();
});

async function pageDigest(query) {
  const p = await openPage(env.browser, env.url(query));
  try {
    const out = await p.explain(async () => {
      await waitReady(p.page);
      if (await isPlaying(p.page)) await p.page.click('#play');
      return { digest: await digest(p.page), search: await p.page.evaluate(() => location.search) };
    });
    assert.deepEqual(await p.problems(), []);
    return out;
  } finally {
    await p.close();
  }
}

const LINKS = [
  '?v=1&scene=worker-sharding&seed=7&a=10:fail:3&t=30',
  '?v=1&scene=hash-ring&seed=42&servers=12&points=20&keys=500&a=3:fail:2;6:add&t=10',
  '?v=1&scene=payments&seed=3&t=30',
];

for (const link of LINKS) {
  test(`digest of ${link} matches mp-run`, async () => {
    const native = mpRun(link);
    const web = await pageDigest(link);
    assert.match(web.digest, /^[0-9a-f]{16}$/);
    assert.equal(web.digest, native.digest, `browser ${web.digest} vs native ${native.digest}`);
  });
}

test('worker-sharding: fault, scrub back, change a parameter, play on: same digest as mp-run on the resulting URL', async () => {
  const p = await openPage(env.browser, env.url('?v=1&scene=worker-sharding&seed=11'));
  const { page } = p;
  try {
    await p.explain(async () => {
      await waitReady(page);
      if (await isPlaying(page)) await page.click('#play');
      await setSpeed(page, 10);
      await playFor(page, 1000);
      // Inject a fault at the playhead with the keyboard, as a reader would:
      // `]` selects the next server, `f` fails it.
      const before = await page.evaluate(() => new URLSearchParams(location.search).get('a') || '');
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      await page.keyboard.press(']');
      await page.keyboard.press('f');
      await sleep(300);
      const afterFault = await page.evaluate(() => new URLSearchParams(location.search).get('a') || '');
      assert.notEqual(afterFault, before, 'the fault is recorded as an action in the URL (a=)');
      // Play on past the fault, then scrub back before it.
      await playFor(page, 800);
      const max = Number(await page.getAttribute('input#scrub', 'max'));
      const now = Number(new URLSearchParams(await page.evaluate(() => location.search)).get('t') || 0);
      await setInput(page, 'input#scrub', String(Math.max(0, Math.min(max, now / 3)).toFixed(0)));
      await sleep(500);
      // Change a parameter (the first numeric one).
      const changed = await pickParamChange(page);
      assert.ok(changed, 'a numeric parameter to change');
      await setParam(page, changed.key, changed.value);
      await sleep(300);
      await playFor(page, 1000);
      await sleep(300);
      const search = await page.evaluate(() => location.search);
      const web = await digest(page);
      const clock = await text(page, '#clock');
      const native = mpRun(search);
      assert.equal(web, native.digest, `browser ${web} vs mp-run ${native.digest} for ${search} (clock ${clock})`);
      assert.deepEqual(await p.problems(), []);
    });
  } finally {
    await p.close();
  }
});
