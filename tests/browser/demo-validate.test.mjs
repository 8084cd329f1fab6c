// The demo's validator panel: pasted JSON → issues (path, code, message); choosing an
// issue selects the value at its path in the textarea. Plus the path locator (www/json-locate.js)
// on its own, in Node.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { launchChromium } from './harness.mjs';
import { startDemoServer } from '../../www/server.mjs';
import { FIXTURES_DIR } from '../mock-api/index.mjs';
import { locateJsonPaths, rangeForIssue } from '../../www/json-locate.js';

const RESULTS_DIR = new URL('../../test-results/', import.meta.url);
mkdirSync(RESULTS_DIR, { recursive: true });
const fixture = (name) => readFileSync(`${FIXTURES_DIR}/${name}`, 'utf8');

describe('json-locate', () => {
  test('every path of every fixture maps to the text of its value', () => {
    for (const name of ['seed-example.json', 'multi-turn-error.json', 'pending-task.json', 'running-task.json']) {
      const text = fixture(name);
      const ranges = locateJsonPaths(text);
      const body = JSON.parse(text);
      const at = (path) => path.split(/\.|\[(\d+)\]/).filter(Boolean).reduce((v, k) => v[k], body);
      assert.ok(ranges.size > 15, name);
      for (const [path, { start, end }] of ranges) {
        assert.deepEqual(JSON.parse(text.slice(start, end)), path ? at(path) : body, `${name}: ${path}`);
      }
    }
  });

  test('escaped keys, duplicates (the last wins), broken JSON and issue ranges', () => {
    const text = '{"a\\"b": [1, {"c": "x\\"}"}], "d": 1, "d": true}';
    const ranges = locateJsonPaths(text);
    const slice = (path) => text.slice(ranges.get(path).start, ranges.get(path).end);
    assert.equal(slice('a"b[1].c'), '"x\\"}"');
    assert.equal(slice('d'), 'true');
    assert.equal(slice(''), text);
    assert.deepEqual([...locateJsonPaths('{"a": 1, "b": [2, ').keys()], ['a', 'b[0]'], 'complete values survive');
    // A missing field points at the object that should hold it.
    const seed = fixture('seed-example.json');
    const turn = rangeForIssue(seed, { path: 'turns[0].nope', code: 'missing_field', message: '' });
    assert.equal(JSON.parse(seed.slice(turn.start, turn.end)).id, 'trn_4Hq-9Vk2pLm8Rx');
    // invalid_json: the character at the reported line and column.
    const broken = '{\n  "task": ?\n}';
    const r = rangeForIssue(broken, { path: '', code: 'invalid_json', message: 'invalid JSON at line 2, column 11: expected value' });
    assert.equal(broken.slice(r.start, r.end), '?');
  });
});

describe('validator panel', () => {
  let browser;
  let demo;
  let page;
  const problems = [];

  before(async () => {
    browser = await launchChromium();
    demo = await startDemoServer({ port: 0, apiKey: '' });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.goto(demo.url);
    await page.waitForSelector('html[data-ready="true"]', { timeout: 15_000 }).catch(async (err) => {
      // Usually pkg/ missing or being rebuilt: say what the page said.
      throw new Error(`page not ready: ${await page.textContent('#mode')} ${problems.join('; ')}`, { cause: err });
    });
  });

  after(async () => {
    assert.deepEqual(problems, [], 'no console errors in the validator tests');
    await browser?.close();
    await demo?.close();
  });

  const state = () => page.getAttribute('#validate-result', 'data-state');
  const issues = () =>
    page.$$eval('#validate-result .issue', (bs) => bs.map((b) => ({ path: b.dataset.path, code: b.querySelector('.code').textContent, message: b.querySelector('.message').textContent })));
  const selection = () => page.$eval('#json-input', (t) => ({ text: t.value.slice(t.selectionStart, t.selectionEnd), focused: document.activeElement === t }));
  const shot = (name) => page.locator('#validate').screenshot({ path: new URL(`demo-${name}.png`, RESULTS_DIR).pathname });

  test('"Load sample" fills a valid fixture', async () => {
    await page.click('#load-sample');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'valid');
    assert.equal(await page.inputValue('#json-input'), fixture('seed-example.json'));
    assert.match(await page.innerText('#validate-result'), /Valid and consistent: tsk_2Z-YWz3hFq6VlW with 1 turn/);
  });

  test('"Break it" → issues with path, code, message; choosing one selects its value', async () => {
    await page.click('#break-it');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'invalid');
    const found = await issues();
    assert.deepEqual(found.map((i) => `${i.path} ${i.code}`).sort(), [
      'task.createdAt invalid_datetime',
      'task.status invalid_enum_value',
      'turns[0].inputTokens invalid_type',
    ]);
    assert.ok(found.every((i) => i.message.length > 10 && !i.message.startsWith(i.path)), 'messages shown without the repeated path');

    await page.click('#validate-result .issue[data-path="turns[0].inputTokens"]');
    assert.deepEqual(await selection(), { text: '"1842"', focused: true });
    assert.equal(await page.getAttribute('#validate-result .issue[data-path="turns[0].inputTokens"]', 'aria-current'), 'true');
    await shot('validate-issues');
    await page.setViewportSize({ width: 375, height: 812 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot('validate-issues-375-dark');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ colorScheme: 'light' });

    // Keyboard: focus the issue, press Enter.
    await page.focus('#validate-result .issue[data-path="task.createdAt"]');
    await page.keyboard.press('Enter');
    assert.deepEqual(await selection(), { text: '"yesterday"', focused: true });
    await page.focus('#validate-result .issue[data-path="task.status"]');
    await page.keyboard.press('Enter');
    assert.deepEqual(await selection(), { text: '"finished"', focused: true });
  });

  test('consistency issues for a well-typed but contradictory task', async () => {
    await page.click('#load-sample');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'valid');
    await page.click('#make-inconsistent');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'inconsistent');
    assert.match(await page.innerText('#validate-result'), /Valid shape, but inconsistent/);
    assert.deepEqual((await issues()).map((i) => `${i.path} ${i.code}`).sort(), [
      'task.completedAt missing_completed_at',
      'task.totals.turnCount turn_count_mismatch',
      'turns[0].taskId task_id_mismatch',
    ]);
    await page.click('#validate-result .issue[data-path="task.totals.turnCount"]');
    assert.deepEqual(await selection(), { text: '2', focused: true });
    await page.click('#validate-result .issue[data-path="turns[0].taskId"]');
    assert.deepEqual(await selection(), { text: '"tsk_someone-else"', focused: true });
    await shot('validate-consistency');

    // It can still be previewed in the task view.
    await page.click('#validate-result button >> text=Show it in the task view anyway');
    await page.waitForSelector('#task[data-task-id="tsk_2Z-YWz3hFq6VlW"]:not([hidden])');
    assert.match(await page.textContent('#task-source'), /From the validator/);
  });

  test('pasted text: not JSON → invalid_json at its position; typing revalidates', async () => {
    await page.fill('#json-input', '{\n  "task": {\n    "id": tsk\n  }\n}');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'invalid');
    const [issue] = await issues();
    assert.equal(issue.code, 'invalid_json');
    await page.click('#validate-result .issue');
    const { text, focused } = await selection();
    assert.ok(focused);
    assert.equal(text, 't', 'the first character the parser refused');
    await page.fill('#json-input', fixture('pending-task.json'));
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'valid');
    await page.fill('#json-input', '');
    await page.waitForFunction(() => document.querySelector('#validate-result').dataset.state === 'empty');
  });
});
