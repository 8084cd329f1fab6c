// No plugin for the package. Workers are bundled as ES modules: the default 'iife' format
// allows no top-level await, which the package's browser entry uses to load its wasm.
export default { base: './', logLevel: 'warn', worker: { format: 'es' } };
