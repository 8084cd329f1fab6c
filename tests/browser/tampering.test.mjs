// The tampering cases (tests/shared/tampering-cases.mjs) in headless Chromium, plus the
// check that a big valid payload takes the fast path. Each case reports a failure as a
// string, null when it held.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launchChromium, openPage, startHarness } from './harness.mjs';
import { tamperingCases } from '../shared/tampering-cases.mjs';

let harness, browser, page, results;
before(async () => {
  harness = await startHarness();
  browser = await launchChromium();
  ({ page } = await openPage(browser, harness));
  results = await page.evaluate(async () => {
    const lib = await import('handinger-wasm');
    const raw = await import('/pkg/handinger_wasm.js');
    const { tamperingCases } = await import('/shared/tampering-cases.mjs');
    const seed = await fetch('/fixtures/seed-example.json').then((r) => r.text());
    const frame = document.createElement('iframe');
    document.body.append(frame);
    const W = frame.contentWindow;
    const realmOf = {
      'iframe Uint8Array': (t) => { const b = new TextEncoder().encode(t); const u = new W.Uint8Array(b.length); u.set(b); return u; },
      'iframe ArrayBuffer': (t) => { const b = new TextEncoder().encode(t); const u = new W.Uint8Array(b.length); u.set(b); return u.buffer; },
      'iframe object': (t) => W.JSON.parse(t),
    };
    const out = {};
    for (const [name, run] of Object.entries(tamperingCases(lib, raw, seed, { realmOf }))) {
      try { out[name] = run(); } catch (e) { out[name] = 'THREW ' + e; }
    }
    // Regression: a big valid text and its bytes take the fast path (wasm memory does not grow).
    const { payload } = await import('/bench/payloads.mjs');
    const wasm = await lib.init();
    const text = payload(24_000_000);
    const before = wasm.memory.buffer.byteLength;
    lib.parseTaskWithTurns(text);
    lib.parseTaskWithTurns(new TextEncoder().encode(text));
    const grew = wasm.memory.buffer.byteLength - before;
    out['fast path taken for a 24 MB valid payload (wasm memory growth < 8 MB)'] = grew < 8_000_000 ? null : `grew ${grew}`;
    return out;
  });
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

const seed = readFileSync(new URL('../fixtures/seed-example.json', import.meta.url), 'utf8');
const names = [...Object.keys(tamperingCases({}, {}, seed)), 'fast path taken for a 24 MB valid payload (wasm memory growth < 8 MB)'];
for (const name of names) {
  test(name, () => assert.equal(results[name] ?? null, null));
}
