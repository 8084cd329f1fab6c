// Explicit loading and module identity in Node, on the installed package. DESIGN: `import`
// and `require` share one instance (one set of error classes), every entry (`.`, `./sync`)
// shares it too, and `init`/`initSync` are harmless for a host that calls them anyway.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'handinger-wasm';
import * as esmSync from 'handinger-wasm/sync';
import { startMockApi } from '../mock-api/index.mjs';

const require = createRequire(import.meta.url);
const cjs = require('handinger-wasm');
const cjsSync = require('handinger-wasm/sync');
const ENTRIES = { 'import .': esm, 'import ./sync': esmSync, 'require .': cjs, 'require ./sync': cjsSync };
const ERROR_CLASSES = Object.keys(cjs).filter((n) => n === 'HandingerError' || cjs[n]?.prototype instanceof cjs.HandingerError);

let mock;
before(async () => {
  mock = await startMockApi();
});
after(() => mock.close());

/** The errors one entry produces: thrown synchronously by JS guards, and built inside the wasm. */
async function errorsFrom(entry) {
  const caught = (fn) => {
    try {
      fn();
    } catch (err) {
      return err;
    }
    assert.fail('expected a throw');
  };
  return {
    ValidationError: caught(() => entry.validateTaskId('')),
    parse: caught(() => entry.parseTaskWithTurns('{')),
    NotFoundError: await entry.fetchTask('tsk_nope', { baseUrl: mock.url, apiKey: null, maxRetries: 0 }).catch((e) => e),
  };
}

test('every entry, imported or required, exports the very same error classes', () => {
  assert.ok(ERROR_CLASSES.length >= 15, `found ${ERROR_CLASSES}`);
  for (const [name, entry] of Object.entries(ENTRIES)) {
    for (const cls of ERROR_CLASSES) assert.equal(entry[cls], cjs[cls], `${name} ${cls}`);
  }
});

test('an error from one entry is an instance of the classes of every other entry', async () => {
  for (const [from, entry] of Object.entries(ENTRIES)) {
    const errors = await errorsFrom(entry);
    for (const [to, other] of Object.entries(ENTRIES)) {
      const where = `thrown via ${from}, checked against ${to}`;
      assert.ok(errors.ValidationError instanceof other.ValidationError, where);
      assert.ok(errors.parse instanceof other.ValidationError, where);
      assert.ok(errors.NotFoundError instanceof other.NotFoundError, where);
      assert.ok(errors.NotFoundError instanceof other.APIError, where);
      assert.ok(errors.NotFoundError instanceof other.HandingerError, where);
    }
  }
});

test('init and initSync, called explicitly (twice), are harmless on every entry', async () => {
  // A client made before the calls must survive them: re-instantiating the wasm would leave
  // it pointing into a discarded memory.
  const client = new esm.HandingerClient({ baseUrl: mock.url, apiKey: null, maxRetries: 0 });
  for (const [name, entry] of Object.entries(ENTRIES)) {
    assert.equal(typeof entry.init, 'function', name);
    assert.equal(typeof entry.initSync, 'function', name);
    await entry.init();
    await entry.init();
    entry.initSync();
    entry.initSync();
  }
  const { task } = await client.fetchTask('tsk_2Z-YWz3hFq6VlW');
  assert.equal(task.status, 'completed');
  assert.equal(esm.validateTaskId('a/b'), 'a/b');
  assert.equal(cjsSync.parseTaskWithTurns(JSON.stringify(await esm.fetchTask('tsk_2Z-YWz3hFq6VlW', { baseUrl: mock.url, apiKey: null }))).task.id, 'tsk_2Z-YWz3hFq6VlW');
});
