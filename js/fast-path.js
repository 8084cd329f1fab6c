// The fast path of parsing: JSON.parse first, then a quick look at the object it built.
//
// Why: JSON.parse runs in every route anyway (it builds the value we return), and a check
// of the ~15 fields per turn on the object costs a small fraction of it, whereas copying
// the text into wasm and scanning it there costs 0.6x to 2x of it (in Chromium, encoding a
// JS string into wasm memory alone costs as much as the parse).
//
// What it may decide: only "surely valid". It never rejects and never words an issue:
// whatever it is not sure of (a wrong type, a missing field, an offset timestamp, an
// unknown enum value in strict mode, an object it did not build itself) goes to the Rust
// validator in wasm, the one judge of rejection and of every issue's path, code and text.
// Its field checks are generated from the rule tables of src/validate/schema.rs (a native
// test keeps them in step), and tests/js/fast-path.test.mjs differential-tests it against
// the Rust validator: whatever it accepts, Rust must accept and read the same.

import { parseJson, textOfBytes, trueBytes, uncurry } from './runtime.js';

// BEGIN GENERATED CHECKS from src/validate/schema.rs: `cargo test` fails when they differ,
// and `UPDATE_JS_RULES=1 cargo test js_fast_path` rewrites them.

function checkRoot(o, strict) {
  let v;
  v = o.task; if (!isObject(v) || !checkTask(v, strict)) return false;
  v = o.turns; if (!isArray(v)) return false; for (let i = 0; i < v.length; i++) if (!isObject(v[i]) || !checkTurn(v[i], strict)) return false;
  return true;
}
function checkTask(o, strict) {
  let v;
  if (typeof o.id !== 'string') return false;
  v = o.completedAt; if (v === undefined) o.completedAt = null; else if (v !== null && (typeof v !== 'string' || !surelyDatetime(v))) return false;
  v = o.createdAt; if (typeof v !== 'string' || !surelyDatetime(v)) return false;
  v = o.createdByUserId; if (v === undefined) o.createdByUserId = null; else if (v !== null && typeof v !== 'string') return false;
  if (typeof o.organizationId !== 'string') return false;
  v = o.status; if (typeof v !== 'string' || (strict && v !== 'pending' && v !== 'running' && v !== 'completed' && v !== 'error' && v !== 'aborted')) return false;
  if (typeof o.title !== 'string') return false;
  v = o.totals; if (!isObject(v) || !checkTotals(v, strict)) return false;
  v = o.triggeredBy; if (typeof v !== 'string' || (strict && v !== 'api' && v !== 'email' && v !== 'schedule' && v !== 'ui')) return false;
  v = o.url; if (typeof v !== 'string' || !surelyHttpUrl(v)) return false;
  if (typeof o.workerId !== 'string') return false;
  return true;
}
function checkTotals(o, strict) {
  let v;
  v = o.credits; if (typeof v !== 'number' || !(v >= 0) || v === Infinity) return false;
  v = o.durationMs; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  v = o.turnCount; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  return true;
}
function checkTurn(o, strict) {
  let v;
  if (typeof o.id !== 'string') return false;
  v = o.completedAt; if (v === undefined) o.completedAt = null; else if (v !== null && (typeof v !== 'string' || !surelyDatetime(v))) return false;
  v = o.credits; if (typeof v !== 'number' || !(v >= 0) || v === Infinity) return false;
  v = o.durationMs; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  if (typeof o.input !== 'string') return false;
  v = o.inputTokens; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  if (typeof o.outputText !== 'string') return false;
  v = o.outputTokens; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  if (typeof o.role !== 'string') return false;
  v = o.seq; if (typeof v !== 'number' || !(v >= 0) || !isSafeInteger(v)) return false;
  v = o.startedAt; if (typeof v !== 'string' || !surelyDatetime(v)) return false;
  if (typeof o.status !== 'string') return false;
  v = o.structuredOutput; if (v === undefined) o.structuredOutput = null; else if (v !== null && !isObject(v)) return false;
  if (typeof o.taskId !== 'string') return false;
  return true;
}
const holdsAFieldName = (p) => 'task' in p || 'turns' in p || 'id' in p || 'completedAt' in p || 'createdAt' in p || 'createdByUserId' in p || 'organizationId' in p || 'status' in p || 'title' in p || 'totals' in p || 'triggeredBy' in p || 'url' in p || 'workerId' in p || 'credits' in p || 'durationMs' in p || 'turnCount' in p || 'input' in p || 'inputTokens' in p || 'outputText' in p || 'outputTokens' in p || 'role' in p || 'seq' in p || 'startedAt' in p || 'structuredOutput' in p || 'taskId' in p;
// END GENERATED CHECKS

// Taken at load: a page script that later swaps these cannot make the fast path accept
// (runtime.js does the same for JSON.parse, TextDecoder and the byte checks used here).
const isArray = Array.isArray;
const isSafeInteger = Number.isSafeInteger;
const ObjectPrototype = Object.prototype;
const exec = uncurry(RegExp.prototype.exec);
const charCodeAt = uncurry(String.prototype.charCodeAt);
const ownKeys = Reflect.ownKeys;

/**
 * The parsed, valid `TaskWithTurns` (absent nullable fields set to null), or undefined when
 * the caller must take the full path. `input` is JSON text or a Uint8Array of UTF-8 (read
 * as `response.json()` reads a body). Never throws.
 */
export function fastParse(input, strict, keepDeclined = true) {
  try {
    // A polluted Object.prototype would make an absent field look present.
    if (holdsAFieldName(ObjectPrototype)) return undefined;
    const data = parseJson(typeof input === 'string' ? input : textOfBytes(input));
    if (isObject(data) && checkRoot(data, strict)) return data;
    // Declined, but parsed: the core may take this parse instead of making its own.
    if (keepDeclined) {
      declinedInput = input;
      declinedData = data;
    }
  } catch {
    // not JSON (or not UTF-8): the core words it
  }
  return undefined;
}

// The input fastParse last declined after parsing it, and that parse (its check may have
// set some absent nullable fields to null, as the core would). Held only until the core's
// verdict in the same call: takeDeclined, or the guard's dropDeclined if the core throws.
let declinedInput;
let declinedData;

/**
 * For the core, once its validator accepted `input`: fastParse's parse of that same input
 * (a string, or the view of a body in wasm memory the core holds), which no one else has
 * seen; else undefined. Always empties the slot.
 */
export function takeDeclined(input) {
  const data = declinedInput === input && input !== undefined ? declinedData : undefined;
  dropDeclined();
  return data;
}

export function dropDeclined() {
  declinedInput = undefined;
  declinedData = undefined;
}

/**
 * `parseTaskWithTurns(input, options)` when the fast path settles it: JSON text, or bytes
 * (a Uint8Array or ArrayBuffer, recognised by runtime.js `trueBytes` as the core does), and
 * options absent or with a plain boolean `strict`. Else undefined: the wasm core decides,
 * reads odd options and words every issue. Never throws.
 */
export function parseFast(input, options) {
  try {
    let strict = true;
    if (options !== undefined && options !== null) {
      // Read as the core reads them (own keys, then `strict`), and only `{ strict }` alone:
      // other keys (a slip of `strict`?) and odd values are left to the core.
      if (typeof options !== 'object') return undefined;
      const keys = ownKeys(options);
      if (keys.length > 1 || (keys.length === 1 && keys[0] !== 'strict')) return undefined;
      const value = options.strict;
      if (value !== undefined) {
        if (typeof value !== 'boolean') return undefined;
        strict = value;
      }
    }
    if (typeof input === 'string') return fastParse(input, strict);
    // Bytes exactly when the core reads bytes (a detached buffer, null here, is left to it).
    // The caller's bytes can change before the core reads them, so the core parses them
    // itself: a declined parse is not kept (it would only add a tree to the peak memory).
    const bytes = trueBytes(input);
    if (bytes) return fastParse(bytes, strict, false);
  } catch {
    // a hostile options object or input: the core reports it
  }
  return undefined;
}

function isObject(v) {
  return v !== null && typeof v === 'object' && !isArray(v);
}

/** Digit value of the code unit at `i`, or a value above 9. */
function digit(s, i) {
  return (charCodeAt(s, i) - 48) >>> 0;
}

/** The two-digit number at `i`, or 100 (out of every range below) when not two digits. */
function twoDigits(s, i) {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a > 9 || b > 9 ? 100 : a * 10 + b;
}

const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The API's own form only, `YYYY-MM-DDTHH:MM:SS[.fraction]Z` with real calendar days: a
 * subset of RFC 3339. Offsets, lower-case letters and anything else go to Rust.
 */
function surelyDatetime(s) {
  const n = s.length;
  if (n < 20 || charCodeAt(s, n - 1) !== 90 /* Z */) return false;
  if (charCodeAt(s, 4) !== 45 || charCodeAt(s, 7) !== 45 || charCodeAt(s, 10) !== 84 || charCodeAt(s, 13) !== 58 || charCodeAt(s, 16) !== 58) return false;
  const century = twoDigits(s, 0);
  const yy = twoDigits(s, 2);
  const month = twoDigits(s, 5);
  const day = twoDigits(s, 8);
  if (century > 99 || yy > 99 || month < 1 || month > 12 || day < 1) return false;
  if (twoDigits(s, 11) > 23 || twoDigits(s, 14) > 59 || twoDigits(s, 17) > 59) return false;
  const year = century * 100 + yy;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month])) return false;
  if (n === 20) return true;
  if (charCodeAt(s, 19) !== 46 /* . */ || n === 21) return false;
  for (let i = 20; i < n - 1; i++) if (digit(s, i) > 9) return false;
  return true;
}

/** Lower-case http(s), a plain host name or IPv4 address, an optional port, printable ASCII. */
const SIMPLE_HTTP_URL = /^https?:\/\/[A-Za-z0-9._-]+(?::(\d{1,5}))?(?:[/?#][\x21-\x7e]*)?$/;

function surelyHttpUrl(s) {
  const m = exec(SIMPLE_HTTP_URL, s);
  return m !== null && (m[1] === undefined || +m[1] <= 65535);
}
