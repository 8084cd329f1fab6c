// `npm run bench` (Node part): parse routes, full fetch over loopback, cold start and scale,
// written to bench/results/node.json (bench/report.mjs turns it into RESULTS.md).
// `--quick` is the smoke run inside npm test: small sizes, few iterations, written to results/*-quick.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import Handinger from '@ramensoft/handinger';
import * as z from 'zod';
import * as lib from '../pkg/index.node.js';
import { startMockApi, TEST_API_KEY } from '../tests/mock-api/index.mjs';
import { coldStartNode, formatColdStart } from './cold-start.mjs';
import { benchFixtures, NETWORK_SIZES } from './fixtures.mjs';
import { formatNetworkRows, runNetworkSuite } from './network.mjs';
import { formatScale, runScale } from './scale.mjs';
import { formatParseRows, runParseSuite } from './suite.mjs';

const quick = process.argv.includes('--quick');
const runtime = `Node ${process.versions.node}`;

const parse = await runParseSuite(lib, z, { quick });
console.log(formatParseRows(runtime, parse), '\n');

const { fixtures, ids } = benchFixtures(quick ? NETWORK_SIZES.slice(0, 2) : NETWORK_SIZES);
const mock = await startMockApi({ fixtures });
let network;
try {
  network = await runNetworkSuite({ lib, Handinger, baseUrl: mock.url, apiKey: TEST_API_KEY, ids, quick });
} finally {
  await mock.close();
}
console.log(formatNetworkRows(runtime, network), '\n');

const coldStart = coldStartNode({ runs: quick ? 2 : 15 });
console.log(formatColdStart(runtime, coldStart), '\n');

const scale = runScale({ quick });
console.log(formatScale(scale));
const [, ten, hundred] = scale.repeat.repeatWasmBytes;
if (hundred > ten) throw new Error(`wasm memory kept growing across calls: ${ten} → ${hundred} bytes`);

{
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/node${quick ? '-quick' : ''}.json`, import.meta.url), JSON.stringify({ runtime, parse, network, coldStart, scale }, null, 2));
}
