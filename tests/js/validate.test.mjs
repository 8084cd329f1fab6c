// The validation helpers through the built package in Node (cases shared with Chromium).
import { test } from 'node:test';
import { readFileSync } from 'node:fs';
import * as lib from 'handinger-wasm';
import { validationCases } from '../shared/validate-cases.mjs';

// The seed example first: the cases mutate it.
const names = ['seed-example', 'multi-turn-error', 'pending-task', 'running-task'];
const fixtures = names.map((n) => readFileSync(new URL(`../fixtures/${n}.json`, import.meta.url), 'utf8'));

for (const c of validationCases(lib, fixtures)) test(c.name, c.run);
