// h5 build only (config/index.ts): replaces polyfills that every browser we build for already has.
export {}
