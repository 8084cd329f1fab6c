// Readable contrast in both colour schemes: every visible text element of the demo, with a
// task, its turns and an error shown, must reach WCAG AA against the background it sits on
// (4.5:1; 3:1 for large text). Computed from the rendered styles, not from the stylesheet.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from './harness.mjs';
import { startDemoServer } from '../../www/server.mjs';

let browser, demo;
before(async () => {
  browser = await launchChromium();
  demo = await startDemoServer({ port: 0, apiKey: '' });
});
after(async () => {
  await browser?.close();
  await demo?.close();
});

/** In the page: every text element whose contrast is below AA, with the numbers. */
function lowContrast() {
  const parse = (c) => {
    const m = c.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const lum = ({ r, g, b }) => {
    const f = (v) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (top, bottom) => ({
    r: top.r * top.a + bottom.r * (1 - top.a),
    g: top.g * top.a + bottom.g * (1 - top.a),
    b: top.b * top.a + bottom.b * (1 - top.a),
    a: 1,
  });
  // The background actually behind an element: its own and its ancestors', composited.
  const background = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) layers.push(c);
      if (c && c.a === 1) break;
    }
    let bg = { r: 255, g: 255, b: 255, a: 1 };
    if (layers.length && layers.at(-1).a === 1) bg = layers.pop();
    for (const layer of layers.reverse()) bg = over(layer, bg);
    return bg;
  };
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.checkVisibility?.() || el.closest('[hidden]')) continue;
    const style = getComputedStyle(el);
    const fg = parse(style.color);
    if (!fg) continue;
    const bg = background(el);
    const [l1, l2] = [lum(over(fg, bg)), lum(bg)].sort((a, b) => b - a);
    const ratio = (l1 + 0.05) / (l2 + 0.05);
    const size = parseFloat(style.fontSize);
    const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
    if (ratio < (large ? 3 : 4.5)) bad.push(`${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}.${el.className} "${el.textContent.trim().slice(0, 30)}" ${ratio.toFixed(2)}:1`);
  }
  return bad;
}

for (const colorScheme of ['light', 'dark']) {
  test(`${colorScheme}: every visible text reaches WCAG AA contrast`, async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
    await page.goto(demo.url);
    await page.waitForSelector('html[data-ready="true"]');
    assert.deepEqual(await page.evaluate(lowContrast), [], 'the empty page');
    // A task with turns, JSON trees opened, and every status badge the fixtures have.
    for (const id of [...demo.api.fixtures.keys()]) {
      await page.fill('#task-id', id);
      await page.click('#fetch-button');
      await page.waitForSelector(`#task[data-task-id=${JSON.stringify(id)}]:not([hidden])`);
      await page.$$eval('details', (ds) => ds.forEach((d) => (d.open = true)));
      assert.deepEqual(await page.evaluate(lowContrast), [], `task ${id}`);
    }
    // An error panel.
    await page.fill('#task-id', 'tsk_does-not-exist');
    await page.click('#fetch-button');
    await page.waitForSelector('#error:not([hidden])');
    assert.deepEqual(await page.evaluate(lowContrast), [], 'the error panel');
    await page.close();
  });
}
