// Explicit loading and module identity in Chromium, on the built package. DESIGN: every entry
// shares one set of error classes (instanceof works across `handinger-wasm` and
// `handinger-wasm/sync`), and the exported `init`/`initSync` are harmless to call again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium, startHarness } from './harness.mjs';

let harness, browser;
before(async () => {
  harness = await startHarness();
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await harness?.close();
});

/**
 * A fresh harness page (nothing imported yet); `errors` collects console errors and warnings
 * (e.g. wasm-bindgen's "deprecated parameters" warning), except the 404 that Chromium logs
 * for the missing task these tests ask for on purpose.
 */
async function freshPage() {
  const page = await browser.newPage();
  const errors = [];
  const expected = (text) => /^Failed to load resource: .*status of 404/.test(text);
  page.on('console', (m) => ['error', 'warning'].includes(m.type()) && !expected(m.text()) && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${harness.url}/`);
  return { page, errors };
}

// Both import orders: whichever entry initialises the shared core first, the other must reuse it.
for (const order of [['handinger-wasm', 'handinger-wasm/sync'], ['handinger-wasm/sync', 'handinger-wasm']]) {
  test(`${order[0]} then ${order[1]}: one set of error classes, instanceof works both ways`, async () => {
    const { page, errors } = await freshPage();
    const report = await page.evaluate(async (order) => {
      const [first, second] = [await import(order[0]), await import(order[1])];
      const classes = Object.keys(first).filter((n) => n === 'HandingerError' || first[n]?.prototype instanceof first.HandingerError);
      const errorsOf = async (lib) => [
        (() => { try { lib.validateTaskId(''); } catch (e) { return e; } })(),
        (() => { try { lib.parseTaskWithTurns('{'); } catch (e) { return e; } })(),
        lib.safeParseTaskWithTurns('[]').error,
        await lib.fetchTask('tsk_nope', { baseUrl: location.origin, apiKey: null, maxRetries: 0 }).catch((e) => e),
      ];
      const [a, b] = [await errorsOf(first), await errorsOf(second)];
      return {
        classes,
        differing: classes.filter((n) => first[n] !== second[n]),
        names: a.map((e) => e?.name),
        // e instanceof (class of the entry that did NOT make it), per error
        crossed: [...a.map((e) => e instanceof second[e.name]), ...b.map((e) => e instanceof first[e.name])],
        apiError: [a[3] instanceof second.APIError, b[3] instanceof first.APIError],
      };
    }, order);
    assert.ok(report.classes.length >= 15, `error classes found: ${report.classes}`);
    assert.deepEqual(report.differing, [], 'classes that differ between the entries');
    assert.deepEqual(report.names, ['ValidationError', 'ValidationError', 'ValidationError', 'NotFoundError']);
    assert.deepEqual(report.crossed, Array(8).fill(true));
    assert.deepEqual(report.apiError, [true, true]);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('init and initSync, called explicitly (twice) by the host, are harmless', async () => {
  const { page, errors } = await freshPage();
  const report = await page.evaluate(async () => {
    const lib = await import('handinger-wasm');
    const sync = await import('handinger-wasm/sync');
    // Made before the calls: re-instantiating the wasm would leave it in a discarded memory.
    const client = new lib.HandingerClient({ baseUrl: location.origin, apiKey: null, maxRetries: 0 });
    const url = new URL('/pkg/handinger_wasm_bg.wasm', location.href);
    const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const results = [
      await lib.init(),
      await lib.init({ module_or_path: url }),
      await lib.init({ module_or_path: url }),
      lib.initSync({ module: bytes }),
      lib.initSync({ module: new WebAssembly.Module(bytes) }),
      await sync.init({ module_or_path: url }),
      sync.initSync({ module: bytes }),
    ];
    const { task } = await client.fetchTask('tsk_2Z-YWz3hFq6VlW');
    return {
      allSameInstance: results.every((r) => r === results[0]),
      hasMemory: results[0]?.memory instanceof WebAssembly.Memory,
      status: task.status,
      parsed: sync.parseTaskWithTurns(JSON.stringify(await lib.fetchTask(task.id, { baseUrl: location.origin, apiKey: null }))).task.id,
    };
  });
  assert.deepEqual(report, { allSameInstance: true, hasMemory: true, status: 'completed', parsed: 'tsk_2Z-YWz3hFq6VlW' });
  assert.deepEqual(errors, []);
  await page.close();
});
