// Deterministic PRNG for property-style loops, so failures are reproducible: the same
// mulberry32 the catalog seed uses.
export { mulberry32 as prng } from '../../../mock/data/catalog/rng'
export const pick = <T>(rnd: () => number, xs: ArrayLike<T>): T => xs[Math.floor(rnd() * xs.length)]
