// Types of scripts/precompress.mjs (imported by the bench in TypeScript).
/** Writes `.br` and `.gz` beside every text file of `dir` of 1 KiB or more; returns the bytes before and after brotli. */
export function precompress(dir: string): { raw: number; br: number }
