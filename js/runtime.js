// Runtime glue for the wasm core, kept in JS because timers, abort listeners and promise
// plumbing are simpler to get right (and to clean up) here. A Deadline wins every race at
// once, even against a custom fetch that ignores its signal.

// Taken at load, for the parse path: a page script that later swaps these must not change
// what a parse returns (js/fast-path.js does the same for its own).
const jsonParse = JSON.parse;
const parseFloat_ = Number.parseFloat;
const Decoder = TextDecoder;
const decodeWith = uncurry(TextDecoder.prototype.decode);
const Encoder = TextEncoder;
const encodeIntoWith = uncurry(TextEncoder.prototype.encodeInto);
const NodeBuffer = globalThis.process?.versions?.node ? globalThis.Buffer : undefined;
const ucs2WriteWith = typeof NodeBuffer?.prototype?.ucs2Write === 'function' ? uncurry(NodeBuffer.prototype.ucs2Write) : undefined;
const bufferFrom = typeof NodeBuffer?.from === 'function' ? uncurry(NodeBuffer.from) : undefined;
const substring = uncurry(String.prototype.substring);
const Bytes = Uint8Array;
const isArray = Array.isArray;
const hasOwn = Object.hasOwn;
const defineProperty = Object.defineProperty;
const reflectGet = Reflect.get;
const reflectOwnKeys = Reflect.ownKeys;
const isEnumerable = uncurry(Object.prototype.propertyIsEnumerable);
const objectTag = uncurry(Object.prototype.toString);
const AB = ArrayBuffer;

/** Sets `obj[key] = value` as an own, ordinary data property: defined, not assigned, so no
 * setter or inherited accessor runs. */
function defineValue(obj, key, value) {
  defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** `fn` as a plain function taking `this` first: a bound `call`, so that a swapped
 * Function.prototype.call is no way in. */
export function uncurry(fn) {
  return Function.prototype.call.bind(fn);
}

export class Deadline {
  constructor(timeoutMs, userSignal) {
    this.controller = new AbortController();
    this.signal = this.controller.signal;
    this.state = ''; // '' | 'timeout' | 'abort'
    this.userSignal = userSignal ?? null;
    // Rejecters of the races under way. Not one shared never-settling promise: every race
    // against that would leave a reaction on it, a leak per body chunk on a long download.
    this.pending = new Set();
    this.onAbort = () => this.fire('abort');
    this.timer = null;
    if (this.userSignal) {
      // A signal-like object from elsewhere (another realm, a polyfill, a hostile one) may
      // throw or lack methods: never let that escape into the wasm core.
      if (signalAborted(this.userSignal)) this.fire('abort');
      else listen(this.userSignal, 'addEventListener', this.onAbort);
    }
    if (!this.state && timeoutMs != null) this.timer = setTimeout(() => this.fire('timeout'), timeoutMs);
  }

  fire(state) {
    if (this.state) return;
    this.state = state;
    const error = new Error(state);
    for (const reject of this.pending) reject(error);
    this.pending.clear();
    try {
      this.controller.abort();
    } catch {
      // an abort listener threw: the deadline has fired regardless
    }
  }

  /** Resolves like `promise`, or rejects as soon as the deadline fires. */
  race(promise) {
    if (this.state) {
      // Nobody will wait for `promise` now: keep its rejection from going unhandled.
      Promise.resolve(promise).catch(() => {});
      return Promise.reject(new Error(this.state));
    }
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      const settle = (fn) => (v) => {
        this.pending.delete(reject);
        fn(v);
      };
      Promise.resolve(promise).then(settle(resolve), settle(reject));
    });
  }

  dispose() {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending.clear();
    if (this.userSignal) listen(this.userSignal, 'removeEventListener', this.onAbort);
  }
}

/** `signal.aborted`, false when reading it throws. */
function signalAborted(signal) {
  try {
    return signal.aborted === true;
  } catch {
    return false;
  }
}

/** `signal[method]('abort', fn)`, ignoring a missing or throwing method. */
function listen(signal, method, fn) {
  try {
    if (typeof signal[method] === 'function') signal[method]('abort', fn, { once: true });
  } catch {
    // a broken signal: it can no longer abort this call, which still ends by its timeout
  }
}

/** Calls `fetchImpl(url, init)`; a synchronous throw becomes a rejection. */
export function callFetch(fetchImpl, url, init) {
  try {
    return Promise.resolve(fetchImpl.call(undefined, url, init));
  } catch (err) {
    return Promise.reject(err);
  }
}

/** The global fetch, bound (a detached fetch throws "Illegal invocation" in browsers). */
export function defaultFetch() {
  return typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined;
}

/** The page's or worker's own URL (`location.href`), where there is one; else undefined. */
export function locationHref() {
  try {
    const href = globalThis.location?.href;
    return typeof href === 'string' ? href : undefined;
  } catch {
    return undefined;
  }
}

/** `process.env[name]` where a Node-like `process` exists, else undefined. */
export function envVar(name) {
  try {
    const v = globalThis.process?.env?.[name];
    return typeof v === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

// One decoder for every call: constructing one costs microseconds, which shows on small
// bodies. A non-streaming decode() starts from a clean state each time (and drops a BOM, as
// `response.json()` does).
let decoder = null;

/** Bytes (a view into wasm memory) → JSON.parse of their UTF-8 text, as `response.json()`. */
export function parseJsonBytes(view) {
  return jsonParse(textOfBytes(view));
}

/** Number.parseFloat as it was at load: the validator's reading of a decimal literal. */
export function parseDecimal(text) {
  return parseFloat_(text);
}

/** JSON.parse as it was at load (may throw). */
export function parseJson(text) {
  return jsonParse(text);
}

/** Bytes → text (invalid UTF-8 as U+FFFD). */
export function textOfBytes(view) {
  decoder ??= new Decoder();
  return decodeWith(decoder, view);
}

/**
 * A parsed JSON value with `key` replaced by "[redacted]" in every string and object key
 * (iterative: an error body may nest deeply). Objects are rebuilt; JSON data has no cycles.
 */
export function redactDeep(value, key) {
  const scrub = (s) => (s.includes(key) ? s.split(key).join('[redacted]') : s);
  const copy = (v) => (Array.isArray(v) ? new Array(v.length) : v !== null && typeof v === 'object' ? {} : v);
  if (typeof value === 'string') return scrub(value);
  const root = copy(value);
  const stack = root === value ? [] : [[value, root]];
  while (stack.length) {
    const [from, to] = stack.pop();
    for (const k of Object.keys(from)) {
      const v = from[k];
      const out = typeof v === 'string' ? scrub(v) : copy(v);
      if (out !== v && typeof v === 'object') stack.push([v, out]);
      Object.defineProperty(to, Array.isArray(to) ? k : scrub(k), { value: out, enumerable: true, writable: true, configurable: true });
    }
  }
  return root;
}

/**
 * A cause to keep on our error when a key was sent: never the caller's object itself, which
 * may hold the key anywhere (a nested cause, `name`, an axios-style `config.headers`, the
 * request's Headers, a symbol-keyed field). A stand-in Error of the same name, with message,
 * stack and nested causes (3 levels, AggregateError's errors too) copied as text, the key
 * replaced in each. Other fields are dropped: they cannot be checked for the key.
 */
export function redactCause(err, key) {
  const scrub = (v) => String(v ?? '').split(key).join('[redacted]');
  const copy = (e, depth) => {
    try {
      if (e === null || (typeof e !== 'object' && typeof e !== 'function')) return typeof e === 'string' ? scrub(e) : e;
      const out = new Error(scrub(typeof e.message === 'string' ? e.message : String(e)));
      out.name = scrub(typeof e.name === 'string' ? e.name : 'Error');
      out.stack = scrub(typeof e.stack === 'string' ? e.stack : `${out.name}: ${out.message}`);
      if (depth > 0 && e.cause !== undefined) out.cause = copy(e.cause, depth - 1);
      if (depth > 0 && Array.isArray(e.errors)) out.errors = e.errors.slice(0, 10).map((x) => copy(x, depth - 1));
      return out;
    } catch {
      return new Error('[an error that could not be read]');
    }
  };
  return copy(err, 3);
}

/**
 * The `headers` option as [name, value] pairs when it is iterable (a Headers, a Map, an
 * array of pairs); null when it is a plain record (read by the core); a string saying what
 * is wrong otherwise. At most 1000 pairs: an endless iterator must not hang the call.
 */
export function headerPairs(h) {
  try {
    if (typeof h?.[Symbol.iterator] !== 'function') return null;
    const out = [];
    for (const pair of h) {
      if (out.length === 1000) return 'more than 1000 headers';
      if (!Array.isArray(pair) || pair.length !== 2 || typeof pair[0] !== 'string') return 'expected [name, value] pairs';
      out.push(pair[0], pair[1]);
    }
    return out;
  } catch {
    return 'reading it threw';
  }
}

// Intrinsic getters: a value's own `length`/`buffer` properties (or a subclass's) can lie, and
// a Proxy's traps can throw; these read the internal slots and run no user code.
const TypedArray = Object.getPrototypeOf(Uint8Array.prototype);
const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const taTag = uncurry(getter(TypedArray, Symbol.toStringTag));
const taBuffer = uncurry(getter(TypedArray, 'buffer'));
const taOffset = uncurry(getter(TypedArray, 'byteOffset'));
const taLength = uncurry(getter(TypedArray, 'byteLength'));
const abLength = uncurry(getter(ArrayBuffer.prototype, 'byteLength'));

/**
 * A fresh Uint8Array over the real bytes of a Uint8Array (Buffer included) or an ArrayBuffer;
 * undefined when `input` is neither; null when it is but cannot be read (a detached buffer).
 */
export function trueBytes(input) {
  // Cheap answers first: this runs on every parse call, and a thrown TypeError costs
  // microseconds (strings and plain objects are the common inputs).
  if (input === null || typeof input !== 'object') return undefined;
  let tag;
  try {
    tag = taTag(input);
  } catch {
    return undefined;
  }
  if (tag === 'Uint8Array') {
    try {
      return new Bytes(taBuffer(input), taOffset(input), taLength(input));
    } catch {
      return null;
    }
  }
  if (tag !== undefined || !isArrayBuffer(input)) return undefined;
  try {
    return new Bytes(input);
  } catch {
    return null;
  }
}

/** Whether `v` is an ArrayBuffer, by its internal slot (no throw for other objects). */
function isArrayBuffer(v) {
  // ArrayBuffer.isView is false for buffers; the slot check is the byteLength getter, which
  // throws for anything else, so only try it on objects that claim to be one.
  // A claim is `instanceof` (this realm's buffers, whatever their Symbol.toStringTag says, as
  // js/fast-path.js checks) or the tag (other realms' buffers).
  let claims;
  try {
    claims = v instanceof AB || objectTag(v) === '[object ArrayBuffer]';
  } catch {
    return false;
  }
  if (!claims) return false;
  try {
    abLength(v);
    return true;
  } catch {
    return false;
  }
}


/**
 * Copy-on-write null filling for the caller's objects (never mutated): `data` itself when no
 * nullable field is missing, else a copy where only the changed objects are new. THREW when
 * a getter or trap throws (the core turns it into an issue).
 */
export function filledCopy(data, taskFields, turnFields) {
  return orThrew(() => filledCopyOrThrow(data, taskFields, turnFields));
}

function filledCopyOrThrow(data, taskFields, turnFields) {
  const missing = (obj, fields) => {
    const names = [];
    for (let i = 0; i < fields.length; i++) if (obj[fields[i]] === undefined) names[names.length] = fields[i];
    return names;
  };
  const fill = (obj, names) => {
    const out = copyOwn(obj);
    for (let i = 0; i < names.length; i++) defineValue(out, names[i], null);
    return out;
  };
  const task = data.task;
  const taskMissing = missing(task, taskFields);
  const turns = data.turns;
  let newTurns = null;
  for (let i = 0; i < turns.length; i++) {
    const names = missing(turns[i], turnFields);
    if (names.length) {
      if (newTurns === null) {
        newTurns = [];
        for (let j = 0; j < turns.length; j++) newTurns[j] = turns[j];
      }
      newTurns[i] = fill(turns[i], names);
    }
  }
  if (!taskMissing.length && !newTurns) return data;
  const root = copyOwn(data);
  if (taskMissing.length) root.task = fill(task, taskMissing);
  if (newTurns) root.turns = newTurns;
  return root;
}

/**
 * Array.isArray that cannot throw into the wasm core (it throws for a revoked Proxy):
 * 0 = not an array, 1 = an array, 2 = unreadable.
 */
export function arrayCheck(v) {
  try {
    return isArray(v) ? 1 : 0;
  } catch {
    return 2;
  }
}

// Property reads that report a throw by returning a marker instead of throwing: wasm-bindgen's
// `catch` imports leak one externref-table slot per exception (the unset return value), which
// a hostile getter called in a loop would turn into unbounded growth.
const THREW = Object.freeze({ threw: true });
let thrown;

/** The marker `getOrThrew` and friends return when the read threw. */
export function threwMarker() {
  return THREW;
}

/** What the last marked read threw (then forgotten). */
export function takeThrown() {
  const err = thrown;
  thrown = undefined;
  return err;
}

/** `f()`, or THREW with what it threw kept for takeThrown. */
function orThrew(f) {
  try {
    return f();
  } catch (err) {
    thrown = err;
    return THREW;
  }
}

/** Reflect.get(obj, key), or THREW. */
export function getOrThrew(obj, key) {
  return orThrew(() => reflectGet(obj, key));
}

/** Reflect.ownKeys(obj), or THREW. */
export function ownKeysOrThrew(obj) {
  return orThrew(() => reflectOwnKeys(obj));
}

/** JSON.parse that returns undefined instead of throwing. */
export function tryParseJson(text) {
  try {
    return jsonParse(text);
  } catch {
    return undefined;
  }
}

/**
 * An error's message, or the thrown value as text (a custom fetch may throw anything),
 * without letting its getters or traps throw again.
 */
export function thrownText(err) {
  try {
    return typeof err?.message === 'string' ? err.message : String(err);
  } catch {
    return 'an unprintable value';
  }
}

/**
 * What the core reads of a fetch Response, read once and guarded: a custom fetch may hand
 * back something that is not a Response, a Response whose getters throw, or one whose body
 * was already read. Throws an Error saying which (the core reports an APIConnectionError).
 * `headers` is a list of [lower-case name, value] pairs, as Headers iterates them.
 */
export function openResponse(resp) {
  try {
    if (typeof Response === 'function' && !(resp instanceof Response)) throw new Error('it is not a Response');
    const headers = [];
    resp.headers.forEach((value, name) => headers.push([name, value]));
    if (resp.bodyUsed) throw new Error('its body was already read');
    const body = resp.body;
    return {
      status: resp.status,
      url: resp.url,
      redirected: resp.redirected,
      opaqueRedirect: resp.type === 'opaqueredirect',
      headers,
      reader: body == null ? null : body.getReader(),
    };
  } catch (err) {
    thrown = new Error(`fetch resolved with a Response that cannot be read: ${thrownText(err)}`);
    return THREW;
  }
}

/** `reader.read()` as a promise, whatever the reader does (a custom stream may throw). */
export function readChunk(reader) {
  try {
    return Promise.resolve(reader.read());
  } catch (err) {
    return Promise.reject(err);
  }
}

/**
 * `location` resolved against `base` (a redirect's target), or null when it is no URL. With
 * no base: an absolute URL as the platform's parser writes it (IDNA, full-width dots).
 */
export function resolveUrl(location, base) {
  try {
    return new URL(location, base).href;
  } catch {
    return null;
  }
}

/** Whether two absolute URLs share an origin (Authorization is never sent across origins). */
export function sameOrigin(a, b) {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Request headers as a Headers object (what a custom fetch expects to find in init), or the
 * plain record where Headers is missing or refuses a value (fetch then reports it).
 */
export function headersOf(record) {
  try {
    return typeof Headers === 'function' ? new Headers(record) : record;
  } catch {
    return record;
  }
}

/** Cancels a stream or reader, ignoring failures (a rejected cancel must not go unhandled). */
export function cancelQuietly(streamOrReader) {
  try {
    Promise.resolve(streamOrReader.cancel()).catch(() => {});
  } catch {
    // already released or errored: nothing to cancel
  }
}

/** Resolves after `ms`, or rejects at once when `signal` aborts (timer and listener cleaned up). */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signalAborted(signal)) {
      reject(new Error('abort'));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('abort'));
    };
    const timer = setTimeout(() => {
      if (signal) listen(signal, 'removeEventListener', onAbort);
      resolve();
    }, ms);
    if (signal) listen(signal, 'addEventListener', onAbort);
  });
}

/** Sets each named field that is absent (undefined) to null, on the task and every turn. */
export function fillNulls(data, taskFields, turnFields) {
  // Own properties only, defined rather than assigned: JSON.parse made these objects, so an
  // inherited value (a polluted Object.prototype) or setter must not stand in for null.
  const fill = (obj, fields) => {
    for (let i = 0; i < fields.length; i++) {
      if (!hasOwn(obj, fields[i])) defineValue(obj, fields[i], null);
    }
  };
  const task = hasOwn(data, 'task') ? data.task : undefined;
  if (task !== null && typeof task === 'object') fill(task, taskFields);
  const turns = hasOwn(data, 'turns') ? data.turns : undefined;
  if (isArray(turns)) {
    for (let i = 0; i < turns.length; i++) {
      const turn = turns[i];
      if (turn !== null && typeof turn === 'object') fill(turn, turnFields);
    }
  }
}

/**
 * A shallow copy of `obj`'s own enumerable properties as plain data fields. Not
 * Object.assign: that would run the `__proto__` setter for an own "__proto__" key (which
 * JSON.parse creates), dropping the field and giving the copy a foreign prototype.
 */
export function copyOwn(obj) {
  const out = {};
  const keys = reflectOwnKeys(obj);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!isEnumerable(obj, key)) continue;
    defineValue(out, key, obj[key]);
  }
  return out;
}

/**
 * Copies the UTF-16 code units `str[start, end)` into wasm memory at byte offset `ptr` (Node
 * only: Buffer#ucs2Write is a plain memory copy there, see hasFastUtf16Copy).
 */
export function writeUtf16(str, memory, ptr, start, end) {
  // substring of a flat string is a slice in V8 (no copy); ucs2Write copies its units.
  const part = start === 0 && end === str.length ? str : substring(str, start, end);
  ucs2WriteWith(bufferFrom(NodeBuffer, memory.buffer, ptr, (end - start) * 2), part);
}

let encoder = null;

/**
 * Encodes `str[start, end)` as UTF-8 into wasm memory at byte offset `ptr` (room for 3 bytes
 * per code unit) and returns the bytes written. Where Buffer is missing (browsers, workers)
 * TextEncoder.encodeInto is faster than any JS-side copy loop (measured in Chromium).
 */
export function writeUtf8(str, memory, ptr, start, end) {
  encoder ??= new Encoder();
  const part = start === 0 && end === str.length ? str : substring(str, start, end);
  return encodeIntoWith(encoder, part, new Bytes(memory.buffer, ptr, (end - start) * 3)).written;
}

/** Whether writeUtf16 can copy (Node's Buffer); else the core takes writeUtf8. */
export function hasFastUtf16Copy() {
  return ucs2WriteWith !== undefined && bufferFrom !== undefined;
}

/** `logger[method](message, details)`; a logger that throws never breaks a request. */
export function logLine(logger, method, message, details) {
  try {
    const fn = logger?.[method] ?? logger?.log;
    if (typeof fn === 'function') details === undefined ? fn.call(logger, message) : fn.call(logger, message, details);
  } catch {
    // a broken logger is the caller's problem, not the request's
  }
}
