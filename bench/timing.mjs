// Timing primitives shared by every benchmark (runtime-agnostic: Node and Chromium).
// Candidates are timed in interleaved rounds so that drift (thermal, GC, a noisy neighbour)
// hits all of them alike; each is reported as median/min/max per-op time and as the median
// of its per-round ratio to the baseline of the same round. Never an asserted absolute time.

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Mean time of one call of `fn` (sync or async), repeating it for at least `minMs`. */
async function perOp(fn, minMs) {
  let n = 0;
  const start = performance.now();
  let elapsed;
  do {
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    n++;
    elapsed = performance.now() - start;
  } while (elapsed < minMs);
  return elapsed / n;
}

/**
 * Times `candidates` ({ name: fn }) against `candidates[baseline]`.
 * Returns { name: { medianMs, minMs, maxMs, ratio } } (ratio: median of per-round ratios);
 * `baselineOf` ({ name: otherName }) gives a candidate its own baseline.
 */
export async function compare(candidates, baseline, { rounds, minMs, warmup = 1, baselineOf = {} }) {
  const names = Object.keys(candidates);
  for (let w = 0; w < warmup; w++) for (const name of names) await perOp(candidates[name], 0);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    // Rotate the order each round so no candidate always runs right after another's garbage.
    for (let i = 0; i < names.length; i++) {
      const name = names[(i + r) % names.length];
      samples[name].push(await perOp(candidates[name], minMs));
    }
  }
  const out = {};
  for (const name of names) {
    const xs = samples[name];
    out[name] = {
      medianMs: median(xs),
      minMs: Math.min(...xs),
      maxMs: Math.max(...xs),
      ratio: median(xs.map((x, r) => x / samples[baselineOf[name] ?? baseline][r])),
    };
  }
  return out;
}

export const fmtMs = (ms) => (ms >= 100 ? ms.toFixed(0) : ms >= 1 ? ms.toFixed(2) : ms.toFixed(3));
export const fmtRatio = (x) => (x === undefined ? '–' : `${x.toFixed(2)}×`);
