// `npm run bench` (Chromium part): the same parse and network suites in headless Chromium,
// through the built package's browser entry, plus cold start and scale (the 36 MB and the
// 100 000-turn payloads, wasm memory across 100 calls), written to bench/results/chromium.json.
// `--quick` is the smoke run inside npm test: small sizes, few iterations, written to results/*-quick.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { TEST_API_KEY } from '../tests/mock-api/index.mjs';
import { launchChromium, openPage, startHarness } from '../tests/browser/harness.mjs';
import { coldStartChromium, formatColdStart } from './cold-start.mjs';
import { benchFixtures, NETWORK_SIZES } from './fixtures.mjs';
import { formatNetworkRows } from './network.mjs';
import { formatParseRows } from './suite.mjs';

const quick = process.argv.includes('--quick');
const { fixtures, ids } = benchFixtures(quick ? NETWORK_SIZES.slice(0, 2) : NETWORK_SIZES);
const harness = await startHarness({ fixtures });
const browser = await launchChromium();
try {
  const runtime = `Chromium ${browser.version()}`;
  const { page, errors } = await openPage(browser, harness);
  const parse = await page.evaluate(async (quick) => {
    const lib = await import('handinger-wasm');
    const z = await import('zod');
    const { runParseSuite } = await import('/bench/suite.mjs');
    return runParseSuite(lib, z, { quick });
  }, quick);
  console.log(formatParseRows(runtime, parse), '\n');

  const network = await page.evaluate(
    async ({ quick, ids, apiKey }) => {
      const lib = await import('handinger-wasm');
      const { default: Handinger } = await import('@ramensoft/handinger');
      const { runNetworkSuite } = await import('/bench/network.mjs');
      return runNetworkSuite({ lib, Handinger, baseUrl: location.origin, apiKey, ids, quick });
    },
    { quick, ids, apiKey: TEST_API_KEY },
  );
  console.log(formatNetworkRows(runtime, network), '\n');

  const scale = await page.evaluate(async (quick) => {
    const lib = await import('handinger-wasm');
    const { payload, manyTurns } = await import('/bench/payloads.mjs');
    const memory = (await lib.init()).memory; // init() again returns the running instance's exports
    const cases = quick ? [['370 KB', payload(370_000)], ['2 000 turns', manyTurns(2_000)]] : [['36 MB', payload(36_000_000)], ['100 000 turns', manyTurns(100_000)]];
    const rows = [];
    for (const [label, text] of cases) {
      const bytes = new TextEncoder().encode(text);
      for (const [route, input] of [['oursText', text], ['oursBytes', bytes]]) {
        const t0 = performance.now();
        const result = lib.parseTaskWithTurns(input, { strict: false });
        rows.push({ payload: label, payloadBytes: bytes.length, route, ms: performance.now() - t0, turns: result.turns.length, wasmAfterBytes: memory.buffer.byteLength });
      }
    }
    const text = payload(quick ? 370_000 : 3_600_000);
    const bytes = new TextEncoder().encode(text);
    const broken = text.replace('"status":"completed"', '"status":17');
    const sizes = [];
    for (let i = 1; i <= 100; i++) {
      lib.parseTaskWithTurns(i % 2 ? bytes : text);
      if (lib.safeParseTaskWithTurns(broken).success) throw new Error('broken payload accepted');
      if (i === 1 || i === 10 || i === 100) sizes.push(memory.buffer.byteLength);
    }
    return { rows, repeat: { payloadBytes: bytes.length, repeatWasmBytes: sizes } };
  }, quick);
  const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;
  console.log(`#### ${runtime}: scale\n\n| payload | route | time ms | turns | wasm memory after |\n|---|---|---|---|---|`);
  for (const r of scale.rows) console.log(`| ${r.payload} (${MB(r.payloadBytes)}) | ${r.route} | ${r.ms.toFixed(0)} | ${r.turns} | ${MB(r.wasmAfterBytes)} |`);
  const [one, ten, hundred] = scale.repeat.repeatWasmBytes;
  console.log(`\nWasm memory over 100 calls (${MB(scale.repeat.payloadBytes)}): after 1: ${MB(one)}, after 10: ${MB(ten)}, after 100: ${MB(hundred)}\n`);
  if (hundred > ten) throw new Error(`wasm memory kept growing across calls: ${ten} → ${hundred} bytes`);
  if (errors.length) throw new Error(`console errors: ${errors.join('; ')}`);

  const coldStart = await coldStartChromium(browser, harness, { runs: quick ? 1 : 9 });
  console.log(formatColdStart(runtime, coldStart));

  {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/chromium${quick ? '-quick' : ''}.json`, import.meta.url), JSON.stringify({ runtime, parse, network, scale, coldStart }, null, 2));
  }
} finally {
  await browser.close();
  await harness.close();
}
