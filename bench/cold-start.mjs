// Cold start: the time from `import` to the first usable call, in a fresh Node process each
// run and in a fresh Chromium context (no HTTP or compiled-code cache) each run. The official
// SDK's import + client construction is measured the same way, as a point of comparison.
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PKG = pathToFileURL(new URL('../pkg/index.node.js', import.meta.url).pathname).href;

const NODE_SCRIPTS = {
  ours: `const t0 = performance.now();
const lib = await import(${JSON.stringify(PKG)});
lib.validateTaskId('tsk_1');
const t1 = performance.now();
console.log(JSON.stringify({ firstCallMs: t1 - t0 }));`,
  sdk: `const t0 = performance.now();
const { default: Handinger } = await import('@ramensoft/handinger');
new Handinger({ apiKey: 'k' });
console.log(JSON.stringify({ firstCallMs: performance.now() - t0 }));`,
};

function runNode(script) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: new URL('..', import.meta.url).pathname });
  return JSON.parse(out.trim().split('\n').pop()).firstCallMs;
}

export function coldStartNode({ runs = 15 } = {}) {
  const result = {};
  for (const [name, script] of Object.entries(NODE_SCRIPTS)) {
    runNode(script); // the first run warms the OS file cache, as on any machine that imported it before
    const xs = Array.from({ length: runs }, () => runNode(script));
    result[name] = { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) };
  }
  return result;
}

/** `harness`: a started tests/browser harness (serves the package over loopback). */
export async function coldStartChromium(browser, harness, { runs = 9 } = {}) {
  const result = {};
  for (const name of ['ours', 'sdk']) {
    const xs = [];
    for (let i = 0; i <= runs; i++) {
      const context = await browser.newContext(); // fresh: no HTTP cache, no compiled wasm cache
      const page = await context.newPage();
      await page.goto(`${harness.url}/`);
      const ms = await page.evaluate(async (name) => {
        const t0 = performance.now();
        if (name === 'ours') {
          const lib = await import('handinger-wasm');
          lib.validateTaskId('tsk_1');
        } else {
          const { default: Handinger } = await import('@ramensoft/handinger');
          new Handinger({ apiKey: 'k' });
        }
        return performance.now() - t0;
      }, name);
      await context.close();
      if (i > 0) xs.push(ms); // the first run warms the server's file cache
    }
    result[name] = { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs) };
  }
  return result;
}

export function formatColdStart(runtime, r) {
  const f = (x) => `${x.medianMs.toFixed(1)} ms (${x.minMs.toFixed(1)}–${x.maxMs.toFixed(1)})`;
  return `#### ${runtime}: cold start, import → first usable call, median (min–max)\n\n| handinger-wasm | official SDK (import + new client) |\n|---|---|\n| ${f(r.ours)} | ${f(r.sdk)} |`;
}
