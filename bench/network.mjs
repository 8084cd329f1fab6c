// The full fetch over loopback, runtime-agnostic: our fetchTask (request, capped body read,
// validation) against what a user would do instead, on the same mock server and payloads:
// a plain fetch + response.json() (no validation at all) and the official Handinger
// TypeScript SDK's tasks.retrieve (no validation either).
import { compare, fmtMs, fmtRatio } from './timing.mjs';

export const NETWORK_ROUTES = [
  { key: 'plain', label: 'fetch + response.json() (no validation)' },
  { key: 'ours', label: 'fetchTask (validated)' },
  { key: 'sdk', label: 'official SDK tasks.retrieve (no validation)' },
];

/**
 * `ids`: [[label, taskId]] served by the mock at `baseUrl`; `Handinger`: the SDK's client class.
 */
export async function runNetworkSuite({ lib, Handinger, baseUrl, apiKey, ids, quick = false }) {
  const sdk = new Handinger({ apiKey, baseURL: baseUrl, maxRetries: 0 });
  const client = new lib.HandingerClient({ apiKey, baseUrl, maxRetries: 0, allowInsecureHttp: true });
  const headers = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
  const rows = [];
  for (const [label, id] of ids) {
    const url = `${baseUrl}/api/tasks/${encodeURIComponent(id)}`;
    const candidates = {
      plain: () => fetch(url, { headers }).then((r) => r.json()),
      ours: () => client.fetchTask(id),
      sdk: () => sdk.tasks.retrieve(id),
    };
    // Sanity: all three get the same task.
    for (const [name, fn] of Object.entries(candidates)) {
      const got = await fn();
      if (got.task.id !== id) throw new Error(`${name} fetched the wrong task for ${id}`);
    }
    const opts = quick ? { rounds: 1, minMs: 2 } : { rounds: 7, minMs: 250, warmup: 3 };
    rows.push({ size: label, results: await compare(candidates, 'plain', opts) });
  }
  return rows;
}

export function formatNetworkRows(runtime, rows) {
  const lines = [
    `#### ${runtime}: full fetch over loopback, median ms (min–max) and ratio to fetch + response.json()`,
    '',
    `| route | ${rows.map((r) => r.size).join(' | ')} |`,
    `|---|${rows.map(() => '---|').join('')}`,
  ];
  for (const route of NETWORK_ROUTES) {
    const cells = rows.map((r) => {
      const x = r.results[route.key];
      return `${fmtMs(x.medianMs)} (${fmtMs(x.minMs)}–${fmtMs(x.maxMs)}) **${fmtRatio(x.ratio)}**`;
    });
    lines.push(`| ${route.label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
