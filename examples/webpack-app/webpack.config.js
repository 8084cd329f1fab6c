// Production build, no loaders or plugins for the package.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export default {
  mode: 'production',
  context: here,
  entry: './src/index.js',
  output: { path: join(here, 'dist'), publicPath: 'auto', clean: true },
  performance: { hints: false },
};
