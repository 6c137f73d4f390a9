// Catalog domain: types, offline search, bundle merging, auto-approval rules. Pure TypeScript.
export * from './types'
export * from './search'
export * from './bundle'
export * from './rules'
