// Builds the compact search index the app downloads and caches. Server-side only: pinyin-pro is a
// large dictionary and must never reach the app bundle; the client gets just the pinyin of the
// catalog's own terms plus a char→pinyin table for the characters the catalog uses.
import { pinyin } from 'pinyin-pro'
import type { Catalog } from '../../../src/domain/catalog/types'
import { FOUR_WAY_BITS, type SearchIndex } from '../../../src/domain/catalog/search'

const CJK = /[\u3400-\u9fff]/
const ALNUM = /[a-z0-9]/

/** Toneless syllables of a term: one per Chinese char (in context), runs of ASCII letters/digits kept whole. */
export function syllables(text: string): string[] {
  const raw = pinyin(text, { toneType: 'none', type: 'array', v: true }) as string[]
  const out: string[] = []
  let ascii = ''
  const chars = [...text]
  raw.forEach((s, i) => {
    const ch = chars[i] ?? ''
    if (CJK.test(ch)) {
      if (ascii) {
        out.push(ascii)
        ascii = ''
      }
      out.push(s.toLowerCase())
    } else if (ALNUM.test(ch.toLowerCase())) {
      ascii += ch.toLowerCase()
    } else if (ascii) {
      out.push(ascii)
      ascii = ''
    }
  })
  if (ascii) out.push(ascii)
  return out
}

/** All toneless readings of one character (polyphones give several). */
function readingsOf(ch: string): string[] {
  const r = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }) as string[]
  return [...new Set(r.map((x) => x.toLowerCase()).filter((x) => /^[a-z]+$/.test(x)))]
}

export function buildSearchIndex(catalog: Catalog, synonymGroups: string[][]): SearchIndex {
  const chars = new Set<string>()
  const note = (s: string): void => {
    for (const ch of s) if (CJK.test(ch)) chars.add(ch)
  }
  const items = catalog.items.map((it) => {
    const terms = [it.name, ...it.aliases]
    terms.forEach(note)
    let w = 0
    for (const [k, bit] of Object.entries(FOUR_WAY_BITS)) if (it.fourWays[k as keyof typeof it.fourWays]) w |= bit
    return {
      c: it.code,
      n: it.name,
      a: it.aliases,
      d: it.department,
      p: it.popularity,
      w,
      u: it.audience === 'person' ? ('p' as const) : it.audience === 'enterprise' ? ('e' as const) : ('b' as const),
      y: terms.map((t) => syllables(t).join(' ')),
    }
  })
  const synPy: Record<string, string> = {}
  for (const group of synonymGroups) {
    for (const term of group) {
      note(term)
      synPy[term] = syllables(term).join(' ')
    }
  }
  const depts: Record<string, string[]> = {}
  for (const d of catalog.departments) depts[d.id] = [d.name, ...d.shortNames]
  // Group chars by reading: "ji": "积基级…" is far smaller than one entry per char.
  const byReading = new Map<string, string[]>()
  for (const ch of [...chars].sort()) {
    for (const r of readingsOf(ch)) byReading.set(r, [...(byReading.get(r) ?? []), ch])
  }
  const table: Record<string, string> = {}
  for (const r of [...byReading.keys()].sort()) table[r] = byReading.get(r)!.join('')
  return { v: 1, catalog: catalog.version, items, depts, syn: synonymGroups, synPy, chars: table }
}
