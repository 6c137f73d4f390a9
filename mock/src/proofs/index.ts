// E-proofs: 参保证明, 公积金缴存证明, 不动产权属证明 and 无房证明. The content is built from the
// source systems at issue time, stored, hashed into a signed QR (`zj.proof`), and rendered to PDF.
// Verification checks the signature, expiry, revocation and that the stored proof still has the
// hash the QR was signed over.
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { PROOF_VALID_DAYS, type ProofField, type ProofKind, type VerifyReason, type VerifyResponse } from '../../../src/domain/contract/records'
import { format, messages } from '../../../src/domain/messages'
import { maskIdNumber, maskName } from '../../../src/domain/mask'
import type { DbOrTx } from '../db/client'
import { proofs } from '../db/schema'
import { ApiError } from '../errors'
import type { SignedCodes } from '../signing'
import { chinaDate as chinaDay } from '../dates'
import type { RecordsSource, SubjectRef } from '../records/source'
import { contentHash, renderProofPdf, type ProofContent } from './pdf'

export { contentHash, renderProofPdf, type ProofContent } from './pdf'

const t = messages.records
const DAY_MS = 86_400_000
const PREFIX: Record<ProofKind, string> = { social_security: 'SB', provident_fund: 'GJ', property: 'FC', no_property: 'WF' }
// Crockford base32 without I, L, O, U: easy to read out and type.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function yuan(cents: number): string {
  const s = (Math.abs(cents) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return cents < 0 ? `-${s}` : s
}

/** 2026-11-20 -> 2026年11月20日 (China time). */
export function chinaDate(d: Date): string {
  const [y, m, day] = chinaDay(d).split('-')
  return `${y}年${m}月${day}日`
}

export function newProofNumber(kind: ProofKind, now: Date): string {
  const bytes = randomBytes(10)
  const tail = Array.from(bytes, (b) => ALPHABET[b & 31]).join('')
  return `${PREFIX[kind]}${chinaDay(now).replace(/-/g, '')}${tail}`
}

/** Accepts a typed number with spaces, dashes or lower case. */
export function normaliseNumber(input: string): string {
  return input.replace(/[\s-]/g, '').toUpperCase()
}

interface BuildInput {
  kind: ProofKind
  number: string
  holder: string
  idNumber: string
  ref: SubjectRef
  source: RecordsSource
  now: Date
}

/** What the proof states, from the source systems now; 409 when there is nothing to prove. */
export async function buildContent(i: BuildInput): Promise<ProofContent> {
  const base = {
    kind: i.kind,
    number: i.number,
    title: t.proofs.kinds[i.kind],
    issuer: t.pdf.issuers[i.kind],
    holder: i.holder,
    idNumber: i.idNumber,
    issuedAt: i.now.toISOString(),
    expiresAt: new Date(i.now.getTime() + PROOF_VALID_DAYS * DAY_MS).toISOString(),
  }
  if (i.kind === 'social_security') {
    const ss = await i.source.socialSecurity(i.ref, { now: i.now })
    if (ss.insured.length === 0) throw new ApiError(409, 'PROOF_NO_RECORDS')
    const fields: ProofField[] = ss.insured.map((x) => ({
      label: t.insurance[x.insurance],
      value: [t.insuredStatus[x.status], format(t.social.since, { date: x.since }), x.employer ? format(t.social.employer, { name: x.employer }) : ''].filter(Boolean).join('，'),
    }))
    fields.push({ label: t.social.totalMonths, value: format(t.common.months, { n: ss.totalPaidMonths }) })
    if (ss.pension) fields.push({ label: t.social.pensionMonthly, value: format(t.common.yuan, { amount: yuan(ss.pension.monthly) }) })
    let months = ss.months
    if (months.length < 12 && ss.year !== null && ss.years.some((y) => y.year === ss.year! - 1)) {
      months = [...months, ...(await i.source.socialSecurity(i.ref, { now: i.now, year: ss.year - 1 })).months]
    }
    const rows = months.slice(0, 12).map((m) => [m.month, m.employer, yuan(m.base), t.social.status[m.status]])
    return { ...base, statement: t.pdf.statement.social_security, fields, table: rows.length ? { head: [...t.pdf.ssHead], rows } : null }
  }
  if (i.kind === 'provident_fund') {
    const pf = await i.source.providentFund(i.ref, { now: i.now })
    if (!pf.account) throw new ApiError(409, 'PROOF_NO_RECORDS')
    const a = pf.account
    const fields = [
      { label: t.fund.accountNo, value: a.accountNo },
      { label: t.pdf.accountStatus, value: t.fund.status[a.status] },
      { label: t.fund.employer, value: a.employer ?? t.common.none },
      { label: t.fund.openedOn, value: a.openedOn },
      { label: t.fund.base, value: format(t.common.yuan, { amount: yuan(a.base) }) },
      { label: t.fund.rates, value: format(t.fund.ratesValue, { employer: a.employerRatePercent, personal: a.personalRatePercent }) },
      { label: t.fund.monthly, value: format(t.common.yuan, { amount: yuan(a.monthlyDeposit) }) },
      { label: t.fund.balance, value: format(t.common.yuan, { amount: yuan(a.balance) }) },
      { label: t.fund.lastDeposit, value: a.lastDepositMonth ?? t.common.none },
    ]
    let entries = pf.history
    if (pf.year !== null && pf.years.includes(pf.year - 1)) entries = [...entries, ...(await i.source.providentFund(i.ref, { now: i.now, year: pf.year - 1 })).history]
    const rows = entries.filter((e) => e.kind === 'deposit').slice(0, 12).map((e) => [e.date, t.fund.kinds[e.kind], yuan(e.amount), yuan(e.balance)])
    return { ...base, statement: t.pdf.statement.provident_fund, fields, table: rows.length ? { head: [...t.pdf.pfHead], rows } : null }
  }
  const re = await i.source.property(i.ref, { now: i.now })
  if (i.kind === 'property') {
    if (re.units.length === 0) throw new ApiError(409, 'PROOF_NO_PROPERTY')
    const fields = re.units.map((u, n) => ({
      label: `${t.property.units} ${n + 1}`,
      value: [
        `${t.property.certNo} ${u.certNo}`,
        `${t.property.location} ${u.location}`,
        format(t.property.areaValue, { area: u.areaM2.toFixed(2) }),
        t.property.uses[u.use],
        `${t.property.registeredOn} ${u.registeredOn}`,
        u.mortgage ? `${t.property.mortgage}：${u.mortgage.holder}` : '',
        u.seized ? t.property.seizedYes : '',
        !u.mortgage && !u.seized ? t.property.clear : '',
      ].filter(Boolean).join('；'),
    }))
    return { ...base, statement: t.pdf.statement.property, fields, table: null }
  }
  if (re.units.length > 0) throw new ApiError(409, 'PROOF_HAS_PROPERTY')
  return { ...base, statement: format(t.pdf.statement.no_property, { date: chinaDate(i.now) }), fields: [], table: null }
}

export interface IssueInput extends BuildInput {
  citizenId: string
  accountId: string
  mandateId: string | null
  codes: SignedCodes
  db: DbOrTx
  verifyUrl: string
}

/** Whether a signed code carries the demo marker (payload claim `demo: true`). */
export function isDemoCode(code: string): boolean {
  try {
    return JSON.parse(Buffer.from(code.split('.')[1] ?? '', 'base64url').toString('utf8')).demo === true
  } catch {
    return false
  }
}

export async function issueProof(i: IssueInput): Promise<typeof proofs.$inferSelect> {
  const content = await buildContent(i)
  const hash = contentHash(content)
  const id = randomUUID()
  const ttlSeconds = PROOF_VALID_DAYS * 86_400
  const code = await i.codes.sign('proof', { n: content.number, h: hash.slice(0, 32) }, { now: i.now, ttlSeconds, db: i.db })
  const expires = new Date(content.expiresAt)
  const pdf = await renderProofPdf(content, {
    code,
    verifyHint: format(t.pdf.verifyHint, { url: i.verifyUrl, days: PROOF_VALID_DAYS }),
    labels: { name: t.pdf.name, idNumber: t.pdf.idNumber, number: t.pdf.number, issuedAt: t.pdf.issuedAt, validUntil: t.pdf.validUntil, stamp: t.pdf.stamp, sealPurpose: t.pdf.sealPurpose },
    issuedOn: chinaDate(i.now),
    validUntil: chinaDate(expires),
    // A demo server's codes say so (signing/index.ts); so does the paper they are printed on.
    demo: isDemoCode(code) ? { line: t.pdf.demo, mark: t.pdf.demoMark } : undefined,
  })
  const [row] = await i.db
    .insert(proofs)
    .values({
      id,
      number: content.number,
      kind: i.kind,
      citizenId: i.citizenId,
      accountId: i.accountId,
      mandateId: i.mandateId,
      content,
      contentHash: hash,
      pdf,
      pdfSha256: createHash('sha256').update(pdf).digest('hex'),
      issuedAt: i.now,
      expiresAt: expires,
    })
    .returning()
  return row
}

export function proofStatus(p: { expiresAt: Date; revokedAt: Date | null }, now: Date): 'valid' | 'expired' | 'revoked' {
  return p.revokedAt ? 'revoked' : p.expiresAt <= now ? 'expired' : 'valid'
}

/** A proof's public view for a verifier: masked holder, the stated fields. */
export function verifiedView(p: typeof proofs.$inferSelect): NonNullable<VerifyResponse['proof']> {
  const c = p.content as ProofContent
  const fields = [...c.fields]
  if (c.statement) fields.unshift({ label: '', value: c.statement })
  if (c.table) for (const r of c.table.rows) fields.push({ label: r[0], value: r.slice(1).join(' ／ ') })
  return {
    number: p.number,
    kind: p.kind,
    title: c.title,
    issuer: c.issuer,
    holder: maskName(c.holder),
    idNumber: maskIdNumber(c.idNumber),
    issuedAt: p.issuedAt.toISOString(),
    expiresAt: p.expiresAt.toISOString(),
    fields,
  }
}

export type VerifyOutcome = { valid: true; proof: typeof proofs.$inferSelect } | { valid: false; reason: VerifyReason; proof?: typeof proofs.$inferSelect }

/** Check a scanned code (compact JWS) or a typed proof number. */
export async function verifyProofCode(db: DbOrTx, codes: SignedCodes, input: string, now: Date): Promise<VerifyOutcome> {
  const code = input.trim()
  let number: string
  let signedHash: string | null = null
  if (code.split('.').length === 3) {
    const r = await codes.verify(code, { now, kind: 'proof', db })
    if (!r.ok) return { valid: false, reason: r.reason }
    if (typeof r.claims.n !== 'string' || typeof r.claims.h !== 'string') return { valid: false, reason: 'malformed' }
    number = r.claims.n
    signedHash = r.claims.h
  } else {
    number = normaliseNumber(code)
    if (!/^[A-Z]{2}\d{8}[0-9A-Z]{10}$/.test(number)) return { valid: false, reason: 'malformed' }
  }
  const [p] = await db.select().from(proofs).where(eq(proofs.number, number))
  if (!p) return { valid: false, reason: 'not_found' }
  // The stored content must still hash to what was recorded and (for a QR) to what was signed.
  const hash = contentHash(p.content as ProofContent)
  if (hash !== p.contentHash || (signedHash !== null && !hash.startsWith(signedHash))) return { valid: false, reason: 'content_mismatch' }
  const status = proofStatus(p, now)
  if (status !== 'valid') return { valid: false, reason: status, proof: p }
  return { valid: true, proof: p }
}
