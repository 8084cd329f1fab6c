// Nothing package-specific: no wasm plugin, default target (supports top-level await).
export default { base: './', logLevel: 'warn' };
