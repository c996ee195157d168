#!/usr/bin/env node
// Screenshot of the built site, served under /blog/moving-parts/ with the
// strict CSP, in headless Chromium; prints every problem the page reported.
//   node shot.mjs '<query>' out.png [width] [height] [--dark] [--play MS]
import { launch, startSite, openPage, waitReady, sleep } from './lib.mjs';

const args = process.argv.slice(2);
const flag = (n) => args.includes(n);
const val = (n, d) => (args.indexOf(n) >= 0 ? args[args.indexOf(n) + 1] : d);
const pos = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--play'));
const [query = '', out = 'shot.png', w = '1280', h = '900'] = pos;
const site = await startSite();
const browser = await launch();
try {
  const p = await openPage(browser, site.url + query, {
    contextOptions: { viewport: { width: Number(w), height: Number(h) }, colorScheme: flag('--dark') ? 'dark' : 'light' },
  });
  if (/scene=/.test(query) && !/embed=1/.test(query)) await waitReady(p.page).catch((e) => console.log(e.message));
  else await sleep(1500);
  if (flag('--play')) {
    await p.page.click('#play');
    await sleep(Number(val('--play', 2000)));
    await p.page.click('#play');
  }
  await sleep(300);
  await p.page.screenshot({ path: out, fullPage: true });
  const problems = await p.problems();
  console.log(`${out}: ${site.url + query}\n${problems.length ? problems.join('\n') : 'no console errors, CSP violations or failed requests'}`);
  await p.close();
} finally {
  await browser.close();
  await site.close();
}
