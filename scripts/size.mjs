// `npm run size`: what a browser downloads — the .wasm and the JS glue and entry — raw and
// gzip -9 (brotli too, since CDNs serve it). Budget: 40 KB gzip for wasm + glue.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, gzipSync } from 'node:zlib';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '../pkg');
const snippetFiles = (dir) => readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => join(dir, f));
const browserFiles = ['handinger_wasm_bg.wasm', 'handinger_wasm.js', 'index.js'].map((f) => join(pkg, f)).concat(snippetFiles(join(pkg, 'snippets')));

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gz = 0;
let br = 0;
let jsRaw = 0;
let jsGz = 0;
for (const file of browserFiles) {
  const bytes = readFileSync(file);
  const [r, g, b] = [bytes.length, gzipSync(bytes, { level: 9 }).length, brotliCompressSync(bytes).length];
  raw += r;
  gz += g;
  br += b;
  if (file.endsWith('.js')) {
    jsRaw += r;
    jsGz += g;
  }
  console.log(`[size] ${file.slice(pkg.length + 1).padEnd(60)} ${kb(r).padStart(9)} ${kb(g).padStart(9)} gzip ${kb(b).padStart(9)} br`);
}
console.log(`[size] of which JS (glue, snippets, entry): ${kb(jsRaw)} raw, ${kb(jsGz)} gzip`);
console.log(`[size] browser total (wasm + glue + entry): ${kb(raw)} raw, ${kb(gz)} gzip, ${kb(br)} brotli (budget 40 KB gzip)`);

