// The validation helpers through the built package in Node (cases shared with Chromium).
import { test } from 'node:test';
import { readFileSync, readdirSync } from 'node:fs';
import * as lib from 'handinger-wasm';
import { validationCases } from '../shared/validate-cases.mjs';

const dir = new URL('../fixtures/', import.meta.url);
// The seed example first: the cases mutate it.
const names = readdirSync(dir).filter((f) => f.endsWith('.json')).sort((a, b) => (a === 'seed-example.json' ? -1 : b === 'seed-example.json' ? 1 : 0));
const fixtures = names.map((f) => readFileSync(new URL(f, dir), 'utf8'));

for (const c of validationCases(lib, fixtures)) test(c.name, c.run);
