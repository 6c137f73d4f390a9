// Records (issue 5): 社保, 公积金 and 不动产 queries through the records source (stand-in tables or
// the records gateway, RECORDS_PROVIDER), e-proofs with a signed QR, their short-lived download
// links, public verification and 谁查询了我的数据. Every query, proof, download and verification is
// written to the access log of the person whose data it is. routes.ts is a thin layer over this.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { AccessLogResponse, ProofKind, ProofView, RecordArea, VerifyResponse } from '../../../src/domain/contract/records'
import { maskName } from '../../../src/domain/mask'
import type { RecordsConfig } from './config'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import type { CitizenIdentity } from '../identity/auth'
import { issueProof, newProofNumber, proofStatus, verifiedView, verifyProofCode } from '../proofs'
import type { Services } from '../context'
import { logAccess, resolveSubject, type Subject } from './access'
import { httpRecordsSource } from './http'
import * as repo from './repo'
import { seededSource } from './seeded'
import type { PropertyData, ProvidentFundData, QueryOptions, RecordsSource, SocialSecurityData } from './source'

/** How long a PDF download link works. */
export const LINK_TTL_MS = 10 * 60_000
const ACCESS_LOG_LIMIT = 200
const PROOF_LIST_LIMIT = 100

/** A records source per request (the stand-in reads the request's database or transaction). */
export type SourceFor = (db: DbOrTx) => RecordsSource

/** The source RECORDS_PROVIDER names. */
export function recordsSourceFor(config: RecordsConfig): SourceFor {
  if (config.provider === 'http') {
    const source = httpRecordsSource(config)
    return () => source
  }
  return seededSource
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

type AreaData = { social_security: SocialSecurityData; provident_fund: ProvidentFundData; property: PropertyData }
const READ: { [A in RecordArea]: (source: RecordsSource, ref: Subject['ref'], o: QueryOptions) => Promise<AreaData[A]> } = {
  social_security: (source, ref, o) => source.socialSecurity(ref, o),
  provident_fund: (source, ref, o) => source.providentFund(ref, o),
  property: (source, ref, o) => source.property(ref, { now: o.now }),
}

export function createRecordsService(s: Services, options: { source?: SourceFor } = {}) {
  const sourceFor = options.source ?? recordsSourceFor(s.config.records)
  const subjectView = (sub: Subject) => ({ acting: sub.acting, name: maskName(sub.name) })

  function linkToken(id: string, exp: number): string {
    return `${exp}.${s.crypto.index(`proof-link:${id}:${exp}`).slice(0, 32)}`
  }
  function view(p: repo.ProofListRow, now: Date): ProofView {
    const exp = Math.floor((now.getTime() + LINK_TTL_MS) / 1000)
    return {
      id: p.id,
      number: p.number,
      kind: p.kind,
      issuedAt: p.issuedAt.toISOString(),
      expiresAt: p.expiresAt.toISOString(),
      status: proofStatus(p, now),
      downloadUrl: `/api/proofs/${p.id}/pdf?t=${linkToken(p.id, exp)}`,
    }
  }

  return {
    /** One area's records of whoever the identity may read (self or a mandate's grantor), logged. */
    async query<A extends RecordArea>(request: FastifyRequest, area: A, year?: number): Promise<AreaData[A] & { subject: ReturnType<typeof subjectView> }> {
      const now = s.now()
      const sub = await resolveSubject(request.db, s.crypto, request.citizen!, area)
      const data = await READ[area](sourceFor(request.db), sub.ref, { now, year })
      await logAccess(request.db, request, { citizenId: sub.citizenId, action: `${area}.view`, at: now, mandateId: sub.mandateId })
      return { ...data, subject: subjectView(sub) }
    },

    /** Issue an e-proof from the source systems' answers now (property kinds need L3). */
    async issue(request: FastifyRequest, kind: ProofKind, verifyUrl: string): Promise<ProofView> {
      const now = s.now()
      const c: CitizenIdentity = request.citizen!
      const area = kind === 'no_property' ? 'property' : kind
      if (area === 'property' && c.level !== 'L3') throw new ApiError(403, 'LEVEL_REQUIRED', undefined, undefined, { requiredLevel: 'L3' })
      const sub = await resolveSubject(request.db, s.crypto, c, area)
      const p = await issueProof({
        kind,
        number: newProofNumber(kind, now),
        holder: sub.name,
        idNumber: sub.ref.idNumber(),
        ref: sub.ref,
        source: sourceFor(request.db),
        now,
        citizenId: sub.citizenId,
        accountId: c.accountId,
        mandateId: sub.mandateId,
        codes: s.codes,
        db: request.db,
        verifyUrl,
      })
      await logAccess(request.db, request, { citizenId: sub.citizenId, action: 'proof.create', at: now, proofId: p.id, mandateId: sub.mandateId })
      return view(p, now)
    },

    /** 我的证明: the proofs this account asked for, newest first. */
    async list(db: DbOrTx, accountId: string): Promise<{ items: ProofView[] }> {
      const now = s.now()
      return { items: (await repo.proofsOf(db, accountId, PROOF_LIST_LIMIT)).map((p) => view(p, now)) }
    },

    /** The PDF behind a short-lived link (no login), logged as a download by its holder. */
    async pdf(request: FastifyRequest, id: string, token: string): Promise<repo.ProofRow> {
      const now = s.now()
      const exp = Number(token.split('.')[0])
      if (!Number.isInteger(exp) || exp * 1000 < now.getTime() || !sameText(linkToken(id, exp), token)) throw new ApiError(403, 'PROOF_LINK_INVALID')
      const p = await repo.proofById(request.db, id)
      if (!p) throw new ApiError(404, 'NOT_FOUND')
      await logAccess(request.db, request, { citizenId: p.citizenId, action: 'proof.download', at: now, proofId: p.id, mandateId: p.mandateId, as: { who: p.mandateId ? 'proxy' : 'self', actorId: p.accountId } })
      return p
    },

    /** Public check of the QR content or the printed number. */
    async verifyCode(request: FastifyRequest, code: string): Promise<VerifyResponse> {
      const now = s.now()
      const r = await verifyProofCode(request.db, s.codes, code, now)
      if (r.proof) await logAccess(request.db, request, { citizenId: r.proof.citizenId, action: 'proof.verify', at: now, proofId: r.proof.id, mandateId: null })
      if (!r.valid) return { valid: false, reason: r.reason }
      return { valid: true, proof: verifiedView(r.proof) }
    },

    /** Public check of a whole PDF: valid only if it is byte for byte the issued file. */
    async verifyPdf(request: FastifyRequest, pdf: Buffer): Promise<VerifyResponse> {
      const now = s.now()
      const p = await repo.proofByPdfHash(request.db, createHash('sha256').update(pdf).digest('hex'))
      if (!p) return { valid: false, reason: 'content_mismatch' }
      const r = await verifyProofCode(request.db, s.codes, p.number, now)
      await logAccess(request.db, request, { citizenId: p.citizenId, action: 'proof.verify', at: now, proofId: p.id, mandateId: null })
      if (!r.valid) return { valid: false, reason: r.reason }
      return { valid: true, proof: verifiedView(r.proof) }
    },

    /** 谁查询了我的数据: always about the account holder themself, whatever identity they act as. */
    async accessLog(db: DbOrTx, citizen: CitizenIdentity): Promise<AccessLogResponse> {
      const self = { ...citizen, acting: { kind: 'self' as const, id: null, forId: citizen.accountId } }
      const sub = await resolveSubject(db, s.crypto, self, 'social_security')
      const rows = await repo.accessLogOf(db, sub.citizenId, ACCESS_LOG_LIMIT)
      const accountIds = [...new Set(rows.filter((r) => r.who !== 'staff' && r.actorId).map((r) => r.actorId!))]
      const staffIds = [...new Set(rows.filter((r) => r.who === 'staff' && r.actorId).map((r) => r.actorId!))]
      const names = new Map<string, string>()
      for (const a of await repo.accountNames(db, accountIds)) names.set(a.id, a.nameEnc ? maskName(s.crypto.decrypt(a.nameEnc)) : '')
      for (const st of await repo.staffNames(db, staffIds)) names.set(st.id, maskName(st.name))
      return {
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          who: r.who === 'enterprise' ? ('proxy' as const) : (r.who as 'self' | 'proxy' | 'staff' | 'public'),
          actor: r.actorId ? (names.get(r.actorId) ?? '') : '',
          action: r.action,
          channel: r.channel,
          ...(r.detail.department ? { department: r.detail.department } : {}),
          ...(r.detail.material ? { subject: r.detail.material } : {}),
        })),
      }
    },
  }
}

export type RecordsService = ReturnType<typeof createRecordsService>
