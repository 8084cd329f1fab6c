// One scale measurement in a fresh Node process (run by bench/scale.mjs with --expose-gc):
//   node --expose-gc bench/scale-child.mjs <payload file> <route>
// Prints one JSON line. Peak memory is the process's peak RSS (getrusage maxrss) minus its RSS
// just before the call: an upper bound on what the call added (the preparation before it
// peaks lower than a parse of the whole payload). Wasm memory is read from the instance: it
// never shrinks, so its size after the call is its high-water mark.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [file, route] = process.argv.slice(2);
// The package's Node entry (what users run), and its instance's exports to read its memory.
const require = createRequire(import.meta.url);
const wasmModule = require('../pkg/node/index.js');
const wasm = require('../pkg/node/handinger_wasm.js').__wasm;
const wasmBytes = () => wasm.memory.buffer.byteLength;

const bytes = readFileSync(file);
const text = bytes.toString('utf8');

const routes = {
  jsonParse: () => JSON.parse(text),
  decode: () => JSON.parse(new TextDecoder().decode(bytes)),
  oursText: () => wasmModule.parseTaskWithTurns(text),
  oursBytes: () => wasmModule.parseTaskWithTurns(bytes, { strict: false }),
  // 100 calls in a row, valid and failing ones mixed: does wasm memory come back or keep growing?
  repeat: () => {
    const broken = text.replace('"status":"completed"', '"status":17');
    const sizes = [];
    for (let i = 1; i <= 100; i++) {
      wasmModule.parseTaskWithTurns(i % 2 ? bytes : text);
      if (wasmModule.safeParseTaskWithTurns(broken).success) throw new Error('broken payload accepted');
      if (i === 1 || i === 10 || i === 100) sizes.push(wasmBytes());
    }
    return sizes;
  },
};
const fn = routes[route];
if (!fn) throw new Error(`unknown route ${route}`);

// Instantiate and warm the code paths on a tiny payload, so the measurement is the payload's.
wasmModule.parseTaskWithTurns(readFileSync(new URL('../tests/fixtures/seed-example.json', import.meta.url)));
globalThis.gc();
const wasmBefore = wasmBytes();
const rssBefore = process.memoryUsage().rss;
const heapBefore = process.memoryUsage().heapUsed;
const t0 = performance.now();
const result = fn();
const ms = performance.now() - t0;
const peakRss = process.resourceUsage().maxRSS * 1024;
globalThis.gc();
const heapRetained = process.memoryUsage().heapUsed - heapBefore;
const out = {
  route,
  payloadBytes: bytes.length,
  ms,
  peakAddedBytes: peakRss - rssBefore,
  heapRetainedBytes: heapRetained, // the result object, kept alive below
  wasmBeforeBytes: wasmBefore,
  wasmAfterBytes: wasmBytes(),
  repeatWasmBytes: route === 'repeat' ? result : undefined,
  turns: route === 'repeat' ? undefined : result.turns.length,
};
console.log(JSON.stringify(out));
