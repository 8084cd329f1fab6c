// `npm run bench` (Node part): ratios of our routes against JSON.parse and zod, measured in
// one run. `--quick` is the smoke run used by npm test.
import { mkdirSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import * as lib from '../pkg/index.node.js';
import { formatRows, runSuite } from './suite.mjs';

const quick = process.argv.includes('--quick');
const rows = runSuite(lib, z, { quick });
console.log(formatRows(`Node ${process.versions.node}`, rows));
if (!quick) {
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/node.json', import.meta.url), JSON.stringify({ node: process.versions.node, rows }, null, 2));
}
