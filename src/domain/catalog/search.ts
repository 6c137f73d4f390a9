// Offline catalog search, run on the device. No pinyin dictionary here: the server ships a compact
// index (mock/data/catalog/buildIndex.ts) with each term's pinyin and a char→pinyin table limited
// to the characters the catalog uses. This module only compares strings.
import { toHalfWidth } from '../text'
import type { Audience, FourWay } from './types'

/** One item in the shipped index. Short keys keep the download small. */
export interface SearchIndexEntry {
  /** Implementation code. */
  c: string
  /** Name. */
  n: string
  /** Aliases. */
  a: string[]
  /** Department id. */
  d: string
  /** Popularity 0-100. */
  p: number
  /** 四办 bitmask, see FOUR_WAY_BITS. */
  w: number
  /** Audience: p(erson), e(nterprise), b(oth). */
  u: 'p' | 'e' | 'b'
  /** Pinyin of each term (name first, then aliases): toneless syllables separated by spaces. */
  y: string[]
}

export interface SearchIndex {
  /** Index format version. */
  v: 1
  /** Catalog version the index was built from. */
  catalog: string
  items: SearchIndexEntry[]
  /** Department id → [full name, ...short names]. */
  depts: Record<string, string[]>
  /** Synonym groups (interchangeable terms). */
  syn: string[][]
  /** Pinyin of each synonym term, for pinyin queries such as "shebao". */
  synPy: Record<string, string>
  /** Toneless reading → the catalog's characters with that reading (inverted on load). */
  chars: Record<string, string>
}

export const FOUR_WAY_BITS: Record<FourWay, number> = { instant: 1, online: 2, nearby: 4, oneVisit: 8 }

export type MatchKind =
  | 'exactName'
  | 'exactAlias'
  | 'namePrefix'
  | 'nameSubstring'
  | 'aliasSubstring'
  | 'synonym'
  | 'allTokens'
  | 'pinyin'
  | 'initials'
  | 'homophone'
  | 'pinyinTypo'
  | 'department'
  | 'browse'

// Tier scores: exact name (an exact alias counts as another name, just below), then name prefix,
// then substring/alias, then pinyin; popularity breaks ties within a tier.
const SCORE: Record<MatchKind, number> = {
  exactName: 1000,
  exactAlias: 950,
  namePrefix: 900,
  nameSubstring: 800,
  aliasSubstring: 750,
  synonym: 700,
  allTokens: 650,
  pinyin: 600,
  initials: 580,
  homophone: 500,
  pinyinTypo: 400,
  department: 300,
  browse: 0,
}

export interface SearchOptions {
  department?: string
  fourWay?: FourWay
  /** 'person' also returns items for both; likewise 'enterprise'. */
  audience?: Exclude<Audience, 'both'>
  /** Default 20. */
  limit?: number
}

export interface SearchHit {
  code: string
  name: string
  score: number
  match: MatchKind
}

interface PreparedTerm {
  /** Normalised text (no brackets or punctuation). */
  text: string
  syl: string[]
  full: string
  ini: string
  /** Offset in `full` where each syllable starts. */
  starts: number[]
}

interface PreparedEntry {
  entry: SearchIndexEntry
  terms: PreparedTerm[]
}

export interface PreparedIndex {
  entries: PreparedEntry[]
  deptNames: Array<{ id: string; names: string[] }>
  synonyms: string[][]
  synPy: Array<{ term: string; full: string; ini: string }>
  /** char → toneless readings. */
  readings: Map<string, string[]>
}

const PUNCT = /[\s()（）【】[\]「」《》〈〉"“”'‘’、，,。.·・:：;；!！?？/\\\-—_+]/g
const CJK = /[\u3400-\u9fff]/
const LATIN_ONLY = /^[a-z0-9\s']+$/

/** Lower-case, half-width, punctuation removed. */
export function normalise(s: string): string {
  return toHalfWidth(s).toLowerCase().replace(PUNCT, '')
}

function prepareTerm(text: string, pinyin: string): PreparedTerm {
  const syl = pinyin.split(' ').filter(Boolean)
  const starts: number[] = []
  let full = ''
  for (const s of syl) {
    starts.push(full.length)
    full += s
  }
  return { text: normalise(text), syl, full, ini: syl.map((s) => s[0]).join(''), starts }
}

/** Build the in-memory structures once per index download. */
export function prepareIndex(index: SearchIndex): PreparedIndex {
  const readings = new Map<string, string[]>()
  for (const [reading, chars] of Object.entries(index.chars)) {
    for (const ch of chars) readings.set(ch, [...(readings.get(ch) ?? []), reading])
  }
  return {
    entries: index.items.map((entry) => ({
      entry,
      terms: [entry.n, ...entry.a].map((t, i) => prepareTerm(t, entry.y[i] ?? '')),
    })),
    deptNames: Object.entries(index.depts).map(([id, names]) => ({ id, names: names.map(normalise) })),
    synonyms: index.syn.map((g) => g.map(normalise)),
    synPy: Object.entries(index.synPy).map(([term, py]) => {
      const p = prepareTerm(term, py)
      return { term: normalise(term), full: p.full, ini: p.ini }
    }),
    readings,
  }
}

function passesFilters(e: SearchIndexEntry, o: SearchOptions): boolean {
  if (o.department && e.d !== o.department) return false
  if (o.fourWay && (e.w & FOUR_WAY_BITS[o.fourWay]) === 0) return false
  if (o.audience === 'person' && e.u === 'e') return false
  if (o.audience === 'enterprise' && e.u === 'p') return false
  return true
}

/** Query variants with synonyms swapped in (two rounds, capped), the query itself first. */
export function synonymVariants(q: string, groups: string[][], cap = 40): string[] {
  const out = [q]
  const seen = new Set(out)
  let frontier = [q]
  for (let round = 0; round < 2 && out.length < cap; round++) {
    const next: string[] = []
    for (const v of frontier) {
      for (const group of groups) {
        for (const term of group) {
          if (!v.includes(term)) continue
          for (const other of group) {
            if (other === term) continue
            const w = v.replace(term, other)
            if (!seen.has(w) && out.length < cap) {
              seen.add(w)
              out.push(w)
              next.push(w)
            }
          }
        }
      }
    }
    frontier = next
  }
  return out
}

/** Best Chinese-text match of one query string against an entry's terms. */
function textMatch(terms: PreparedTerm[], q: string): MatchKind | null {
  const name = terms[0].text
  if (name === q) return 'exactName'
  const aliases = terms.slice(1)
  if (aliases.some((t) => t.text === q)) return 'exactAlias'
  if (name.startsWith(q)) return 'namePrefix'
  if (name.includes(q)) return 'nameSubstring'
  return aliases.some((t) => t.text.includes(q)) ? 'aliasSubstring' : null
}

const anyTermIncludes = (terms: PreparedTerm[], q: string): boolean => terms.some((t) => t.text.includes(q))

/** Homophones: every query char's readings line up with consecutive syllables of a term. */
function homophoneMatch(terms: PreparedTerm[], charReadings: string[][]): boolean {
  const n = charReadings.length
  for (const t of terms) {
    for (let j = 0; j + n <= t.syl.length; j++) {
      let ok = true
      for (let i = 0; i < n && ok; i++) ok = charReadings[i].includes(t.syl[j + i])
      if (ok) return true
    }
  }
  return false
}

/**
 * Pinyin query against one term: full pinyin from a syllable start, initials, or a mix where each
 * syllable is typed in full or as a prefix ("zhufgjj", "gongjij"). Returns the kind or null.
 */
function pinyinMatch(t: PreparedTerm, q: string): MatchKind | null {
  if (t.full.length === 0) return null
  if (q.length >= 2 && t.starts.some((s) => t.full.startsWith(q, s))) return 'pinyin'
  if (t.ini.includes(q) && (q.length >= 2 || t.ini.startsWith(q))) return 'initials'
  if (q.length >= 3) {
    const first = q.charCodeAt(0)
    for (let j = 0; j < t.syl.length; j++) if (t.syl[j].charCodeAt(0) === first && mixedFrom(t.syl, j, q, 0)) return 'pinyin'
  }
  return null
}

// Consume q from position i using syllables from j on, each typed in full or as a prefix.
function mixedFrom(syl: string[], j: number, q: string, i: number): boolean {
  if (i === q.length) return true
  if (j === syl.length) return false
  const s = syl[j]
  let k = 0
  while (k < s.length && i + k < q.length && s.charCodeAt(k) === q.charCodeAt(i + k)) k++
  for (; k >= 1; k--) if (mixedFrom(syl, j + 1, q, i + k)) return true
  return false
}

/**
 * Is there a substring of `text` within one edit (insert, delete, substitute, or swap of two
 * neighbours) of `q`? Sellers' approximate matching with the transposition rule, behind a cheap
 * filter: one edit leaves one half of q intact, unless it swaps the two chars at the seam.
 */
export function withinOneEdit(q: string, text: string): boolean {
  const m = q.length
  const n = text.length
  if (m === 0) return true
  if (n + 1 < m) return false
  if (m >= 2) {
    const h = m >> 1
    const swapped = q.slice(0, h - 1) + q[h] + q[h - 1] + q.slice(h + 1)
    const plausible =
      text.includes(q.slice(0, h)) || text.includes(q.slice(h)) || text.includes(swapped.slice(0, h)) || text.includes(swapped.slice(h))
    if (!plausible) return false
  }
  if (rows[0].length < n + 1) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(n + 1)
  let prev2 = rows[0]
  let prev = rows[1]
  let cur = rows[2]
  prev.fill(0, 0, n + 1)
  for (let i = 1; i <= m; i++) {
    cur[0] = i
    let rowMin = i
    for (let j = 1; j <= n; j++) {
      const cost = q.charCodeAt(i - 1) === text.charCodeAt(j - 1) ? 0 : 1
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
      if (i > 1 && j > 1 && q[i - 1] === text[j - 2] && q[i - 2] === text[j - 1]) v = Math.min(v, prev2[j - 2] + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > 1) return false
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  for (let j = 0; j <= n; j++) if (prev[j] <= 1) return true
  return false
}

// Scratch rows reused across calls: search runs on every keystroke and should not churn memory.
const rows: Int32Array[] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

const TYPO_MIN_LENGTH = 5

/** Search the catalog. An empty query returns the filtered items by popularity. */
export function search(index: PreparedIndex, rawQuery: string, options: SearchOptions = {}): SearchHit[] {
  const limit = options.limit ?? 20
  const spaced = toHalfWidth(rawQuery).toLowerCase().trim()
  const q = normalise(rawQuery)
  const candidates = index.entries.filter((p) => passesFilters(p.entry, options))
  const best = new Map<PreparedEntry, MatchKind>()
  const offer = (p: PreparedEntry, kind: MatchKind): void => {
    const cur = best.get(p)
    if (cur === undefined || SCORE[kind] > SCORE[cur]) best.set(p, kind)
  }

  if (q.length === 0) {
    for (const p of candidates) offer(p, 'browse')
  } else if (LATIN_ONLY.test(spaced)) {
    latinSearch(index, candidates, q, offer)
  } else {
    chineseSearch(index, candidates, q, spaced, offer)
  }

  return [...best.entries()]
    .map(([p, kind]) => ({ code: p.entry.c, name: p.entry.n, score: SCORE[kind], match: kind, pop: p.entry.p }))
    .sort((a, b) => b.score - a.score || b.pop - a.pop || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .slice(0, limit)
    .map(({ code, name, score, match }) => ({ code, name, score, match }))
}

type Offer = (p: PreparedEntry, kind: MatchKind) => void

function chineseSearch(index: PreparedIndex, candidates: PreparedEntry[], q: string, spaced: string, offer: Offer): void {
  const variants = synonymVariants(q, index.synonyms)
  const tokens = spaced.split(/\s+/).map(normalise).filter(Boolean)
  const tokenVariants = tokens.length > 1 ? tokens.map((t) => synonymVariants(t, index.synonyms)) : null
  const hanzi = [...q].filter((c) => CJK.test(c))
  const charReadings = hanzi.length === q.length ? hanzi.map((c) => index.readings.get(c) ?? []) : null
  const canHomophone = charReadings !== null && charReadings.length >= 2 && charReadings.every((r) => r.length > 0)
  const depts = new Set(index.deptNames.filter((d) => d.names.some((n) => n === q || (q.length >= 2 && n.includes(q)))).map((d) => d.id))

  for (const p of candidates) {
    const direct = textMatch(p.terms, q)
    if (direct) {
      offer(p, direct)
      continue
    }
    if (variants.slice(1).some((v) => textMatch(p.terms, v) !== null)) {
      offer(p, 'synonym')
      continue
    }
    if (tokenVariants && tokenVariants.every((vs) => vs.some((v) => anyTermIncludes(p.terms, v)))) {
      offer(p, 'allTokens')
      continue
    }
    if (canHomophone && homophoneMatch(p.terms, charReadings!)) {
      offer(p, 'homophone')
      continue
    }
    if (depts.has(p.entry.d)) offer(p, 'department')
  }
}

function latinSearch(index: PreparedIndex, candidates: PreparedEntry[], q: string, offer: Offer): void {
  // A pinyin query that spells a synonym term ("shebao", "gjj") also searches that term's group.
  const synonymTerms = index.synPy.filter((s) => s.full === q || (q.length >= 3 && s.ini === q)).map((s) => s.term)
  const synonymQueries = synonymTerms.flatMap((t) => synonymVariants(t, index.synonyms))

  for (const p of candidates) {
    let kind: MatchKind | null = null
    for (const t of p.terms) {
      // Latin text in a name ("KTV", "SC证") matches as is.
      const k = t.text.includes(q) ? 'nameSubstring' : pinyinMatch(t, q)
      if (k && (kind === null || SCORE[k] > SCORE[kind])) kind = k
    }
    if (kind) {
      offer(p, kind)
      continue
    }
    if (synonymQueries.some((v) => anyTermIncludes(p.terms, v))) {
      offer(p, 'pinyin')
      continue
    }
    if (q.length >= TYPO_MIN_LENGTH && p.terms.some((t) => withinOneEdit(q, t.full))) offer(p, 'pinyinTypo')
  }
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const R = 6371008.8
  const rad = Math.PI / 180
  const dLat = (b.lat - a.lat) * rad
  const dLng = (b.lng - a.lng) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)))
}

/** Words a person adds to a bundle's name ("出生一件事", "开办餐馆一件事联办") that the name itself lacks. */
const BUNDLE_SUFFIX = /(一件事|联办|打包办|一次办)+$/

/**
 * Other things search finds besides items — 一件事 bundles, halls — by their name and a few words
 * about them, with the same synonyms as items ("生孩子" → 生育/出生 finds 新生儿出生). Returns the
 * matching keys, best first: name match, then a match in the other words. Chinese text only; an
 * empty or one-character query finds nothing (a hall list by one character is noise).
 */
export function searchNamed(index: PreparedIndex, rawQuery: string, things: ReadonlyArray<{ key: string; name: string; words?: string[] }>): string[] {
  const q = normalise(rawQuery).replace(BUNDLE_SUFFIX, '')
  if (q.length < 2 || LATIN_ONLY.test(q)) return []
  const variants = synonymVariants(q, index.synonyms).filter((v) => v.length >= 2)
  const scored: Array<{ key: string; score: number }> = []
  for (const t of things) {
    const name = normalise(t.name)
    const words = (t.words ?? []).map(normalise)
    let score = 0
    for (const v of variants) {
      const exact = v === q
      if (name.includes(v) || (v.length >= 2 && v.includes(name))) score = Math.max(score, exact ? 3 : 2)
      else if (words.some((w) => w.includes(v))) score = Math.max(score, 1)
    }
    if (score > 0) scored.push({ key: t.key, score })
  }
  return scored.sort((a, b) => b.score - a.score).map((s) => s.key)
}
