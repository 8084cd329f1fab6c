// What `npm publish` would ship: `npm pack --dry-run` of pkg/, and the manifest's fields.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const pkgDir = new URL('../../pkg/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', pkgDir), 'utf8'));

test('npm pack ships the entries, .wasm and .d.ts files, and nothing else', () => {
  const [report] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json'], { cwd: pkgDir, encoding: 'utf8' }));
  const files = report.files.map((f) => f.path).sort();
  for (const needed of ['index.js', 'index.node.js', 'index.d.ts', 'sync.js', 'wasm-inline.js', 'handinger_wasm.js', 'handinger_wasm.d.ts', 'handinger_wasm_bg.wasm', 'node/index.js', 'node/index.d.ts', 'node/handinger_wasm.js', 'node/handinger_wasm_bg.wasm', 'node/package.json', 'package.json', 'README.md', 'index.node.d.ts', 'LICENSE-MIT', 'LICENSE-APACHE']) {
    assert.ok(files.includes(needed), `missing ${needed}`);
  }
  assert.ok(files.some((f) => /^snippets\/[^/]+\/js\/errors\.d\.ts$/.test(f)), 'error class types');
  for (const f of files) {
    assert.doesNotMatch(f, /\.(rs|toml|lock|tgz|map)$|^(src|tests|target|www|bench|examples)\/|(^|\/)\.env|\.npmrc$/, `should not ship ${f}`);
  }
  assert.ok(report.unpackedSize < 2_000_000, `unpacked size ${report.unpackedSize}`);
});

test("the package's README is for users: no build, test or layout sections", () => {
  const readme = readFileSync(new URL('README.md', pkgDir), 'utf8');
  assert.match(readme, /## Usage/);
  assert.doesNotMatch(readme, /npm test|## Two commands|## Layout|cargo /);
});

test('package.json has what JS tooling expects', () => {
  for (const key of ['name', 'version', 'description', 'license', 'repository', 'keywords', 'type', 'exports', 'main', 'module', 'types', 'files', 'sideEffects', 'engines']) {
    assert.ok(manifest[key] !== undefined, `missing ${key}`);
  }
  assert.equal(manifest.name, 'handinger-wasm');
  assert.equal(manifest.type, 'module');
  assert.equal(manifest.license, 'MIT OR Apache-2.0');
  // `types` first in every condition object that has one. The one exception is deliberate:
  // `node` comes before the top-level `types`, so TypeScript resolving for CommonJS (node16)
  // reaches node/index.d.ts (CJS-typed) instead of the ESM index.d.ts.
  const walk = (node, where) => {
    if (typeof node !== 'object') return;
    const keys = Object.keys(node);
    if (keys.includes('types')) assert.equal(keys.filter((k) => k !== 'node')[0], 'types', `types first in ${where}`);
    for (const k of keys) walk(node[k], `${where}.${k}`);
  };
  walk(manifest.exports, 'exports');
  assert.deepEqual(Object.keys(manifest.exports), ['.', './sync', './package.json']);
});
