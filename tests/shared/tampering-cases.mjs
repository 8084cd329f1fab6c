// Built-ins swapped after import, odd buffers and other realms (from two attack rounds on the
// parse fast path): cases run the same in Node (tests/js/tampering.test.mjs) and Chromium
// (tests/browser/tampering.test.mjs). Each returns a string describing the failure, or null
// when it held. `lib`: the package; `raw`: the unguarded core (no fast path).
export function tamperingCases(lib, raw, seed, { realmOf } = {}) {
  const enc = new TextEncoder();
  const bad = seed.replace('"completed"', '"bogusbogu"'); // same length as "completed"
  const ok = (r) => r.success === true;
  const cases = {};
  cases['ArrayBuffer with an own Symbol.toStringTag: fast path and core agree'] = () => {
    const mk = (t) => { const ab = enc.encode(t).buffer; Object.defineProperty(ab, Symbol.toStringTag, { value: 'X' }); return ab; };
    const fast = lib.safeParseTaskWithTurns(mk(seed));
    const core = raw.safeParseTaskWithTurns(mk(seed));
    return ok(fast) === ok(core) ? null : `fast path success=${ok(fast)}, core success=${ok(core)} (${core.error?.issues?.[0]?.message})`;
  };
  cases['ArrayBuffer.prototype[Symbol.toStringTag] replaced: fast path and core agree'] = () => {
    const d = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, Symbol.toStringTag);
    Object.defineProperty(ArrayBuffer.prototype, Symbol.toStringTag, { value: 'Nope', configurable: true });
    try {
      const fast = lib.safeParseTaskWithTurns(enc.encode(seed).buffer);
      const core = raw.safeParseTaskWithTurns(enc.encode(seed).buffer);
      return ok(fast) === ok(core) ? null : `fast path success=${ok(fast)}, core success=${ok(core)}`;
    } finally { Object.defineProperty(ArrayBuffer.prototype, Symbol.toStringTag, d); }
  };
  cases['Number.parseFloat replaced: core still rejects durationMs 1.5e0'] = () => {
    const t = seed.replace(/"durationMs":\s*\d+/, '"durationMs": 1.5e0');
    const pf = Number.parseFloat;
    Number.parseFloat = () => 1;
    let r; try { r = lib.safeParseTaskWithTurns(t); } finally { Number.parseFloat = pf; }
    return ok(r) ? `accepted, durationMs=${r.data.task.totals.durationMs}` : null;
  };
  cases['Buffer.prototype.ucs2Write replaced (Node text route): core still rejects'] = () => {
    if (typeof Buffer === 'undefined') return null;
    const w = Buffer.prototype.ucs2Write;
    Buffer.prototype.ucs2Write = function (s, ...a) { return w.call(this, s.replace('"bogusbogu"', '"completed"'), ...a); };
    let r; try { r = lib.safeParseTaskWithTurns(bad); } finally { Buffer.prototype.ucs2Write = w; }
    return ok(r) ? `accepted, task.status=${r.data.task.status}` : null;
  };
  cases['TextEncoder.prototype.encodeInto replaced (browser text route): core still rejects'] = () => {
    const ei = TextEncoder.prototype.encodeInto;
    TextEncoder.prototype.encodeInto = function (s, v) { return ei.call(this, s.replace('"bogusbogu"', '"completed"'), v); };
    let r; try { r = lib.safeParseTaskWithTurns(bad); } finally { TextEncoder.prototype.encodeInto = ei; }
    return ok(r) ? `accepted, task.status=${r.data.task.status}` : null;
  };
  cases['Function.prototype.call replaced: a plain object is not read as bytes'] = () => {
    const call = Function.prototype.call;
    const tagGet = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
    const good = enc.encode(seed);
    const fake = { not: 'bytes' };
    Function.prototype.call = function (self, ...a) {
      if (self === fake) {
        if (this === tagGet) return 'Uint8Array';
        if (this.name === 'get buffer') return good.buffer;
        if (this.name === 'get byteOffset') return 0;
        if (this.name === 'get byteLength') return good.length;
      }
      return Reflect.apply(this, self, a);
    };
    let r; try { r = lib.safeParseTaskWithTurns(fake); } finally { Function.prototype.call = call; }
    return ok(r) ? `{ not: 'bytes' } accepted as task ${r.data.task.id}` : null;
  };
  cases['Reflect.get replaced: the tree route still rejects a javascript: URL'] = () => {
    const obj = JSON.parse(seed); obj.task.url = 'javascript:alert(1)';
    const rg = Reflect.get;
    Reflect.get = (o, k, ...a) => (k === 'url' ? 'https://ok.example/' : rg(o, k, ...a));
    let r; try { r = lib.safeParseTaskWithTurns(obj); } finally { Reflect.get = rg; }
    return ok(r) ? `accepted, url=${r.data.task.url}` : null;
  };
  cases['Array.isArray replaced: the tree route still rejects turns: {length: 0}'] = () => {
    const obj = JSON.parse(seed); obj.turns = { length: 0 };
    const ia = Array.isArray;
    Array.isArray = (v) => v === obj.turns || ia(v);
    let r; try { r = lib.safeParseTaskWithTurns(obj); } finally { Array.isArray = ia; }
    return ok(r) ? `accepted, turns=${JSON.stringify(r.data.turns)}` : null;
  };
  // Also in tests/js/tampering.test.mjs (Node): here so that Chromium runs them too.
  cases['round 1: RegExp.prototype.exec / Number / call+decode swaps'] = () => {
    const edit = (f) => { const o = JSON.parse(seed); f(o); return JSON.stringify(o); };
    const url = edit((o) => { o.task.url = 'javascript:alert(1)'; });
    const exec = RegExp.prototype.exec; RegExp.prototype.exec = () => ['', undefined];
    let r; try { r = lib.safeParseTaskWithTurns(url); } finally { RegExp.prototype.exec = exec; }
    if (ok(r)) return 'exec swap accepted';
    const port = edit((o) => { o.task.url = 'https://x.io:99999/'; });
    const N = globalThis.Number; globalThis.Number = () => 0;
    try { r = lib.safeParseTaskWithTurns(port); } finally { globalThis.Number = N; }
    if (ok(r)) return 'Number swap accepted';
    const call = Function.prototype.call; const decode = TextDecoder.prototype.decode;
    Function.prototype.call = function (self, ...a) { return this === decode ? seed : Reflect.apply(this, self, a); };
    try { r = lib.safeParseTaskWithTurns(enc.encode('not json')); } finally { Function.prototype.call = call; }
    if (ok(r)) return 'call swap accepted';
    const offset = edit((o) => { o.task.createdAt = '2026-05-11T11:14:22+02:00'; delete o.turns[0].completedAt; });
    const parse = JSON.parse; JSON.parse = () => ({ not: 'a task' });
    try { r = lib.safeParseTaskWithTurns(offset); } finally { JSON.parse = parse; }
    if (!ok(r) || Object.keys(r.data).sort().join() !== 'task,turns') return 'JSON.parse swap';
    Object.prototype.completedAt = 'evil';
    try { r = lib.safeParseTaskWithTurns(edit((o) => { delete o.task.completedAt; })); } finally { delete Object.prototype.completedAt; }
    if (!ok(r) || r.data.task.completedAt !== null) return 'polluted completedAt';
    return null;
  };
  cases['other realm: Uint8Array, ArrayBuffer and parsed object read like this realm'] = () => {
    if (!realmOf) return null;
    const out = [];
    for (const [name, mk] of Object.entries(realmOf)) {
      for (const [t, want] of [[seed, true], [bad, false]]) {
        const a = lib.safeParseTaskWithTurns(mk(t));
        const b = raw.safeParseTaskWithTurns(mk(t));
        if (ok(a) !== want || ok(b) !== want) out.push(`${name} ${want ? 'valid' : 'invalid'}: fast ${ok(a)} core ${ok(b)} ${(a.error ?? b.error)?.issues?.[0]?.message ?? ''}`);
      }
    }
    return out.length ? out.join('; ') : null;
  };
  cases['Uint8Array over shared memory: read as bytes by both paths'] = () => {
    let mem;
    try { mem = new WebAssembly.Memory({ initial: 1, maximum: 1, shared: true }); } catch { return null; }
    const b = enc.encode(seed);
    const u = new Uint8Array(mem.buffer, 0, b.length); u.set(b);
    const a = lib.safeParseTaskWithTurns(u);
    const c = raw.safeParseTaskWithTurns(u);
    const abA = lib.safeParseTaskWithTurns(mem.buffer.slice(0, b.length));
    return ok(a) && ok(c) ? null : `view: fast ${ok(a)} core ${ok(c)}: ${(a.error ?? c.error)?.issues?.[0]?.message}; SAB slice: ${ok(abA)} ${abA.error?.issues?.[0]?.message}`;
  };
  return cases;
}
