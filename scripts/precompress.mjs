// Pre-compresses the text assets of a built h5 directory once (brotli 11 and gzip 9 siblings, which
// the server sends to browsers that accept them), so a phone on a weak signal downloads a third of
// the bytes and the server spends no CPU per request. Used by the PWA build (scripts/pwa-sw.mjs)
// and by the bench's hello-world baseline, so both are served the same way.
import path from 'node:path'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) yield* walk(full)
    else yield full
  }
}

/** Writes `.br` and `.gz` beside every text file of `dir` ≥ 1 KiB (smaller ones gain nothing). */
export function precompress(dir) {
  let raw = 0
  let br = 0
  for (const file of walk(dir)) {
    if (!/\.(?:js|css|html|webmanifest|json|svg)$/.test(file)) continue
    const body = readFileSync(file)
    if (body.length < 1024) continue
    const compressed = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } })
    writeFileSync(`${file}.br`, compressed)
    writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }))
    raw += body.length
    br += compressed.length
  }
  return { raw, br }
}
