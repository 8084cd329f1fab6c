// The error classes of handinger-wasm. This one module is imported by the wasm glue and
// re-exported by every package entry, so `instanceof` works whichever entry created an error.
// Hierarchy and status mapping follow the official Handinger TypeScript SDK.

import { dropDeclined, parseFast } from './fast-path.js';

const apply = Reflect.apply;

export class HandingerError extends Error {}

export class ValidationError extends HandingerError {
  constructor(message, { issues = [] } = {}) {
    super(message);
    /** @type {{ path: string, code: string, message: string }[]} */
    this.issues = issues;
  }
}

export class WaitTimeoutError extends HandingerError {
  constructor(message, { lastTask = null, cause } = {}) {
    // `cause`: the transient error that kept the last polls from succeeding, if any.
    super(message, cause === undefined ? undefined : { cause });
    this.lastTask = lastTask;
  }
}

export class APIError extends HandingerError {
  constructor(message, { status, headers, body, requestId = null, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause });
    this.status = status;
    this.headers = headers;
    /** Parsed JSON body, or the body text when it is not JSON (API key redacted). */
    this.body = body;
    /** The parsed JSON body, as the official SDK names it (undefined when not JSON). */
    this.error = body !== null && typeof body === 'object' ? body : undefined;
    this.requestId = requestId;
  }
}

export class APIResponseValidationError extends APIError {
  constructor(message, props = {}) {
    super(message, props);
    this.issues = props.issues ?? [];
  }
}

export class BadRequestError extends APIError {}
export class AuthenticationError extends APIError {}
export class PermissionDeniedError extends APIError {}
export class NotFoundError extends APIError {}
export class ConflictError extends APIError {}
export class UnprocessableEntityError extends APIError {}
export class RateLimitError extends APIError {}
export class InternalServerError extends APIError {}
export class APIConnectionError extends APIError {}
export class APIConnectionTimeoutError extends APIConnectionError {}
export class APIUserAbortError extends APIError {}

const CLASSES = {
  HandingerError,
  ValidationError,
  WaitTimeoutError,
  APIError,
  APIResponseValidationError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  ConflictError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
};

// A stable `name` that survives minifiers renaming the classes.
for (const [name, cls] of Object.entries(CLASSES)) {
  Object.defineProperty(cls.prototype, 'name', { value: name, writable: true, configurable: true });
}

/** Used by the wasm core: builds an error of the named class. */
export function createError(name, message, props) {
  const cls = CLASSES[name] ?? HandingerError;
  return new cls(message, props);
}

// Guards for the exported functions, applied by every package entry. The core checks its
// arguments itself; these catch what no check can see coming (a revoked Proxy, a detached
// buffer, a freed HandingerClient): the caller still gets a ValidationError, and a function
// returning a promise still rejects rather than throws.
function unreadable(err) {
  if (err instanceof HandingerError) return err;
  let why;
  try {
    why = typeof err?.message === 'string' ? err.message : String(err);
  } catch {
    why = 'an unprintable value was thrown';
  }
  // wasm-bindgen's own words when a HandingerClient method runs without its client.
  // String#includes, not a RegExp: this runs on error paths, maybe near the stack limit.
  const message = why.includes('__wbg_ptr') || why.includes('null pointer passed to rust')
    ? 'HandingerClient method called without its client (taken off the object, as in `const f = client.fetchTask`, or after client.free()): call it as client.fetchTask(…), or bind it'
    : `an argument could not be read: ${why}`;
  return new ValidationError(message, { issues: [{ path: '', code: 'invalid_type', message }] });
}

// Set by guardApi: the instance's shadow-stack pointer. An exception (or trap) unwinding
// through wasm frames skips their epilogues, so the pointer is saved before every call and
// put back if the call throws: otherwise each such exception leaks stack until the instance
// fails ("memory access out of bounds") for good.
let stackPointer = null;

function callRestoring(fn, self, args) {
  const saved = stackPointer?.value;
  try {
    return apply(fn, self, args);
  } catch (err) {
    if (stackPointer && saved !== undefined) stackPointer.value = saved;
    throw err;
  }
}

export function guardAsync(fn) {
  return function (...args) {
    // Where the caller called us: an error made later inside the wasm core would otherwise
    // carry only wasm frames, none of the caller's code.
    const callSite = new Error();
    try {
      return Promise.resolve(callRestoring(fn, this, args)).catch((err) => {
        throw withCallSite(err, callSite);
      });
    } catch (err) {
      return Promise.reject(withCallSite(unreadable(err), callSite));
    }
  };
}

/** Our error with the caller's frames as its stack (other values pass through untouched). */
function withCallSite(err, callSite) {
  if (!(err instanceof HandingerError)) return err;
  try {
    const frames = String(callSite.stack ?? '').split('\n').slice(1).join('\n');
    if (frames) {
      Object.defineProperty(err, 'stack', { value: `${err.name}: ${err.message}\n${frames}`, writable: true, configurable: true });
    }
  } catch {
    // a frozen error from a hostile callback: keep its own stack
  }
  return err;
}

export function guardSync(fn) {
  return function (...args) {
    try {
      return callRestoring(fn, this, args);
    } catch (err) {
      throw unreadable(err);
    }
  };
}

/** Parsing: the fast path (js/fast-path.js) first; the core when it is not sure. */
export function guardParse(fn) {
  const guarded = guardSync(fn);
  return function (input, options) {
    const data = parseFast(input, options);
    if (data !== undefined) return data;
    try {
      return apply(guarded, this, [input, options]);
    } finally {
      dropDeclined(); // the core took the declined parse, or never got to it
    }
  };
}

export function guardSafeParse(fn) {
  return function (...args) {
    const data = parseFast(args[0], args[1]);
    if (data !== undefined) return { success: true, data };
    try {
      return callRestoring(fn, this, args);
    } catch (err) {
      return { success: false, error: unreadable(err) };
    } finally {
      dropDeclined();
    }
  };
}

/** Wraps the core's exports in place of the raw ones; patches HandingerClient's methods. */
export function guardApi(core, wasmExports) {
  if (wasmExports?.__stack_pointer instanceof WebAssembly.Global) stackPointer = wasmExports.__stack_pointer;
  const client = core.HandingerClient?.prototype;
  for (const m of ['fetchTask', 'fetchTaskWithResponse', 'waitForTask']) {
    if (client && !client[m].guarded) {
      client[m] = guardAsync(client[m]);
      client[m].guarded = true;
    }
  }
  return {
    fetchTask: guardAsync(core.fetchTask),
    fetchTaskWithResponse: guardAsync(core.fetchTaskWithResponse),
    waitForTask: guardAsync(core.waitForTask),
    parseTaskWithTurns: guardParse(core.parseTaskWithTurns),
    safeParseTaskWithTurns: guardSafeParse(core.safeParseTaskWithTurns),
    validateTaskId: guardSync(core.validateTaskId),
    checkTaskConsistency: guardSync(core.checkTaskConsistency),
    isTerminalStatus: guardSync(core.isTerminalStatus),
  };
}
