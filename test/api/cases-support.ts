// Shared steps of the case API suites: item codes by name, uploads, seeded people with flags,
// staff tokens (each staff account signs in once per suite: a TOTP code is never accepted twice).
import { and, asc, desc, eq, gte, like, lte, notInArray } from 'drizzle-orm'
import { catalogState } from '../../mock/src/catalog/state'
import { casePersonFlags, citizens } from '../../mock/src/db/schema'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import type { TestEnv } from './harness'
import { newIp, post, type TestClock } from './identity-helpers'

export function itemCode(name: string): string {
  for (const i of catalogState().items.values()) if (i.name === name) return i.code
  throw new Error(`no item ${name}`)
}

export const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cfc0f01f0005000201' + 'a5f6b07e0000000049454e44ae426082', 'hex')

export async function upload(env: TestEnv, token: string, bytes: Buffer = PNG, type = 'image/png') {
  return env.app.inject({ method: 'POST', url: '/api/cases/uploads', remoteAddress: newIp(), headers: { 'content-type': type, authorization: `Bearer ${token}` }, payload: bytes })
}

const tokens = new WeakMap<TestEnv, Map<string, string>>()
/** `which`: the first seeded officer of a role (window01 海曙, approver01 市场监管, admin01), or a username (scope!). */
export async function staffToken(env: TestEnv, clock: TestClock, which: 'window' | 'approver' | 'admin' | `${'window' | 'approver'}0${number}`, fresh = false): Promise<string> {
  let m = tokens.get(env)
  if (!m) tokens.set(env, (m = new Map()))
  const hit = m.get(which)
  if (hit && !fresh) return hit
  const s = SEED_STAFF.find((x) => x.username === which) ?? SEED_STAFF.find((x) => x.roles.includes(which as 'window'))!
  const res = await post(env, '/api/staff/login', { username: s.username, password: s.password, totp: totp(base32Decode(s.totpSecret), clock.now()) })
  if (res.statusCode !== 200) throw new Error(`staff login: ${res.statusCode} ${res.body}`)
  m.set(which, res.json().accessToken)
  return res.json().accessToken
}

export interface Person {
  id: string
  name: string
  idNumber: string
}

const used = new WeakMap<TestEnv, Set<string>>()
function taken(env: TestEnv): Set<string> {
  let s = used.get(env)
  if (!s) used.set(env, (s = new Set()))
  return s
}

/** Seeded citizens from the end of the id order (nextCitizen() hands them out from the start). */
export async function pickCitizen(env: TestEnv, kind: 'elder' | 'young' | 'dishonest' | 'any'): Promise<Person> {
  const db = env.database.db
  const flagged = (await db.select({ h: casePersonFlags.idNumberHmac }).from(casePersonFlags)).map((r) => r.h)
  const notFlagged = flagged.length ? notInArray(citizens.idNumberHmac, flagged) : undefined
  const where =
    kind === 'elder'
      ? and(lte(citizens.birthDate, '1945-01-01'), like(citizens.householdRegionCode, '3302%'), notFlagged)
      : kind === 'young'
        ? and(gte(citizens.birthDate, '1960-01-01'), lte(citizens.birthDate, '2000-01-01'), notFlagged)
        : kind === 'dishonest'
          ? eq(casePersonFlags.dishonest, true)
          : and(lte(citizens.birthDate, '2000-01-01'), notFlagged)
  const rows =
    kind === 'dishonest'
      ? (await db.select({ c: citizens }).from(citizens).innerJoin(casePersonFlags, eq(casePersonFlags.idNumberHmac, citizens.idNumberHmac)).where(where).orderBy(desc(citizens.id))).map((r) => r.c)
      : await db.select().from(citizens).where(where).orderBy(desc(citizens.id))
  const c = rows.find((r) => !taken(env).has(r.id))
  if (!c) throw new Error(`no seeded ${kind} citizen left`)
  taken(env).add(c.id)
  return { id: c.id, name: c.name, idNumber: env.crypto.decrypt(c.idNumberEnc) }
}

export { asc }
