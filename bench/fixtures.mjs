// The mock API's tasks for the network benchmark (Node side): the test fixtures plus one
// generated payload per size, served byte for byte like any fixture.
import { loadFixtures } from '../tests/mock-api/index.mjs';
import { payload, SIZES } from './payloads.mjs';

/** Network sizes: loopback fetches of the 36 MB payload would dominate the run for no insight. */
export const NETWORK_SIZES = SIZES.filter(([, bytes]) => bytes <= 4_000_000);

/** → { fixtures (for createMockApi), ids: [[label, taskId]] } */
export function benchFixtures(sizes) {
  const fixtures = loadFixtures();
  const ids = [];
  for (const [label, bytes] of sizes) {
    const id = `tsk_bench_${bytes}`;
    fixtures.set(id, { file: `(generated ${label})`, text: payload(bytes, id) });
    ids.push([label, id]);
  }
  return { fixtures, ids };
}
