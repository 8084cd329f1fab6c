// Writes bench/RESULTS.md from bench/results/{node,chromium}.json (the last `npm run bench`),
// with the machine, versions and date, so that a skeptic can compare with their own run.
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, release, platform } from 'node:os';
import { formatColdStart } from './cold-start.mjs';
import { formatNetworkRows } from './network.mjs';
import { formatScale } from './scale.mjs';
import { formatParseRows } from './suite.mjs';

// `--quick`: the smoke run's results, reported into results/ (git-ignored) so the report cannot rot.
const quick = process.argv.includes('--quick');
const suffix = quick ? '-quick' : '';
const read = (name) => JSON.parse(readFileSync(new URL(`./results/${name}${suffix}.json`, import.meta.url), 'utf8'));
const version = (pkg) => JSON.parse(readFileSync(new URL(`../node_modules/${pkg}/package.json`, import.meta.url), 'utf8')).version;
const node = read('node');
const chromium = read('chromium');
const ours = JSON.parse(readFileSync(new URL('../pkg/package.json', import.meta.url), 'utf8')).version;
const MB = (b) => `${(b / 1e6).toFixed(1)} MB`;

const chromiumScale = [
  `#### ${chromium.runtime}: scale`,
  '',
  '| payload | route | time ms | turns | wasm memory after |',
  '|---|---|---|---|---|',
  ...chromium.scale.rows.map((r) => `| ${r.payload} (${MB(r.payloadBytes)}) | ${r.route} | ${r.ms.toFixed(0)} | ${r.turns} | ${MB(r.wasmAfterBytes)} |`),
  '',
  `Wasm memory over 100 calls (${MB(chromium.scale.repeat.payloadBytes)}): ${chromium.scale.repeat.repeatWasmBytes.map(MB).join(' → ')} (after 1, 10, 100).`,
].join('\n');

// The targets of issue 7, judged on this run's numbers (worst case over the sizes each covers).
function targets() {
  const rows = [];
  const judge = (what, limit, values) => {
    const worst = Math.max(...values.map(([, v]) => v));
    const at = values.find(([, v]) => v === worst)?.[0];
    rows.push(`| ${what} | ≤ ${limit.toFixed(2)}× | ${worst.toFixed(2)}× (${at}) | ${worst <= limit ? 'met' : `**missed by ${((worst / limit - 1) * 100).toFixed(worst / limit < 1.01 ? 1 : 0)}%**`} |`);
  };
  const from37 = (parse) => parse.filter((r) => r.size !== '2 KB');
  const at2 = (parse) => parse.filter((r) => r.size === '2 KB');
  judge('bytes route, Node, from 37 KB', 1.2, from37(node.parse).map((r) => [r.size, r.results.oursBytes.ratio]));
  judge('bytes route, Node, 2 KB', 1.3, at2(node.parse).map((r) => [r.size, r.results.oursBytes.ratio]));
  judge('bytes route, Chromium, every size', 1.3, chromium.parse.map((r) => [r.size, r.results.oursBytes.ratio]));
  judge('text route, Node, from 37 KB', 1.5, from37(node.parse).map((r) => [r.size, r.results.oursText.ratio]));
  judge('text route, Chromium, from 37 KB', 2.3, from37(chromium.parse).map((r) => [r.size, r.results.oursText.ratio]));
  judge('text route vs JSON.parse + zod, Node, every size', 1, node.parse.map((r) => [r.size, r.textVsZod]));
  judge('text route vs JSON.parse + zod, Chromium, every size', 1, chromium.parse.map((r) => [r.size, r.textVsZod]));
  judge('fetchTask vs fetch + response.json(), Node', 1.2, node.network.map((r) => [r.size, r.results.ours.ratio]));
  judge('fetchTask vs fetch + response.json(), Chromium', 1.2, chromium.network.map((r) => [r.size, r.results.ours.ratio]));
  const peak = node.scale.rows.flatMap((row) => ['oursText', 'oursBytes'].map((k) => [`${row.payload}, ${k}`, row.results[k].peakAddedBytes / row.results[k].payloadBytes]));
  judge('peak memory added, Node, × payload', 3, peak);
  const cold = node.coldStart.ours.medianMs;
  rows.push(`| cold start, Node | < 10 ms | ${cold.toFixed(1)} ms | ${cold < 10 ? 'met' : `**missed by ${(cold - 10).toFixed(1)} ms**`} |`);
  return ['| target | limit | worst measured | |', '|---|---|---|---|', ...rows].join('\n');
}

const md = `# Benchmark results

Written by \`npm run bench\` (bench/report.mjs) on ${new Date().toISOString().slice(0, 10)}.
Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()} ${release()}.
Versions: handinger-wasm ${ours}, ${node.runtime}, ${chromium.runtime}, zod ${version('zod')}, @ramensoft/handinger ${version('@ramensoft/handinger')}.

Every ratio compares two things measured in the same run, interleaved round by round (the
median of per-round ratios); times are per call, median (min–max) over the rounds. Lower is
better. Absolute times depend on the machine; the ratios are what to compare.

The payloads are generated (bench/payloads.mjs): real-shaped turns with prose, nested
structuredOutput on every third turn and non-ASCII text, at about 2 KB, 37 KB, 370 KB, 3.6 MB
and 36 MB; the scale payload has 100 000 short turns.

## Targets

${targets()}

## Numbers

${formatParseRows(node.runtime, node.parse)}

${formatParseRows(chromium.runtime, chromium.parse)}

${formatNetworkRows(node.runtime, node.network)}

${formatNetworkRows(chromium.runtime, chromium.network)}

${formatColdStart(node.runtime, node.coldStart)}

${formatColdStart(chromium.runtime, chromium.coldStart)}

${formatScale(node.scale)}

${chromiumScale}
`;
const out = quick ? './results/RESULTS-quick.md' : './RESULTS.md';
writeFileSync(new URL(out, import.meta.url), md);
console.log(`wrote bench/${out.slice(2)}`);
