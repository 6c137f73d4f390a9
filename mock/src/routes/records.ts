// Records (issue 5): 社保 (L2), 公积金 (L2) and 不动产 (L3) queries through the records source
// adapter; e-proofs with a signed QR; public verification; 谁查询了我的数据. Every query, proof,
// download and verification is written to the access log of the person whose data it is.
import { createHash, timingSafeEqual } from 'node:crypto'
import { desc, eq, inArray } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { Type, type TSchema } from '@sinclair/typebox'
import {
  AccessLogResponse,
  CreateProofBody,
  FundQuery,
  PropertyResponse,
  ProofParams,
  ProofPdfQuery,
  ProofView,
  ProofsResponse,
  ProvidentFundResponse,
  SocialSecurityQuery,
  SocialSecurityResponse,
  VerifyPdfBody,
  VerifyQuery,
  VerifyResponse,
  type ProofKind,
  type ProofView as ProofViewT,
} from '../../../src/domain/contract/records'
import { maskName } from '../../../src/domain/mask'
import { accessLog, accounts, proofs, staffAccounts } from '../db/schema'
import { ApiError } from '../errors'
import { issueProof, newProofNumber, proofStatus, verifiedView, verifyProofCode } from '../proofs'
import { logAccess, resolveSubject, type Subject } from '../records/access'
import { seededSource } from '../records/seeded'
import type { QueryOptions, RecordsSource } from '../records/source'
import { errorResponses, type App, type Services } from './context'

/** How long a PDF download link works. */
const LINK_TTL_MS = 10 * 60_000
const ACCESS_LOG_LIMIT = 200

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export interface RecordsOptions {
  /** The records source system adapter; default: the stand-in's seeded tables. */
  source?: (db: Parameters<typeof seededSource>[0]) => RecordsSource
}

export function recordsRoutes(app: App, s: Services, options: RecordsOptions = {}): void {
  const tags = ['records']
  const sourceFor = options.source ?? seededSource
  const subjectView = (sub: Subject) => ({ acting: sub.acting, name: maskName(sub.name) })

  function linkToken(id: string, exp: number): string {
    return `${exp}.${s.crypto.index(`proof-link:${id}:${exp}`).slice(0, 32)}`
  }
  function view(p: typeof proofs.$inferSelect, now: Date): ProofViewT {
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
  function origin(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}`
  }

  /**
   * A records query: whose data (the person, or the one they act for), read through the source,
   * written to that person's access log. The three areas differ only in level, schema and reader.
   */
  function recordsQuery(
    area: 'social_security' | 'provident_fund' | 'property',
    route: { path: string; level: 'L2' | 'L3'; summary: string; querystring?: TSchema; response: TSchema },
    read: (source: RecordsSource, ref: Subject['ref'], options: QueryOptions) => Promise<object>,
  ): void {
    app.get(
      route.path,
      { config: { level: route.level }, schema: { tags, summary: route.summary, ...(route.querystring ? { querystring: route.querystring } : {}), response: { 200: route.response, ...errorResponses(401, 403, 404) } } },
      async (request) => {
        const now = s.now()
        const sub = await resolveSubject(request.db, s.crypto, request.citizen!, area)
        const data = await read(sourceFor(request.db), sub.ref, { now, year: (request.query as { year?: number } | undefined)?.year })
        await logAccess(request.db, request, { citizenId: sub.citizenId, action: `${area}.view`, at: now, mandateId: sub.mandateId })
        return { ...data, subject: subjectView(sub) }
      },
    )
  }
  recordsQuery(
    'social_security',
    { path: '/api/records/social-security', level: 'L2', summary: '社保: insured status, contributions by year, pension account, pension', querystring: SocialSecurityQuery, response: SocialSecurityResponse },
    (source, ref, o) => source.socialSecurity(ref, o),
  )
  recordsQuery(
    'provident_fund',
    { path: '/api/records/provident-fund', level: 'L2', summary: '公积金: account, history by year, loan, possible withdrawals', querystring: FundQuery, response: ProvidentFundResponse },
    (source, ref, o) => source.providentFund(ref, o),
  )
  recordsQuery(
    'property',
    { path: '/api/records/property', level: 'L3', summary: '不动产: units owned and their registration history (L3)', response: PropertyResponse },
    (source, ref, o) => source.property(ref, { now: o.now }),
  )

  app.post(
    '/api/proofs',
    { config: { level: 'L2' }, schema: { tags, summary: 'Issue an e-proof (PDF with a signed QR; property kinds need L3)', body: CreateProofBody, response: { 201: ProofView, ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request, reply) => {
      const now = s.now()
      const c = request.citizen!
      const kind: ProofKind = request.body.kind
      const area = kind === 'no_property' ? 'property' : kind
      if (area === 'property' && c.level !== 'L3') throw new ApiError(403, 'LEVEL_REQUIRED', undefined, undefined, { requiredLevel: 'L3' })
      const sub = await resolveSubject(request.db, s.crypto, request.citizen!, area)
      const idNumber = sub.ref.idNumber()
      const p = await issueProof({
        kind,
        number: newProofNumber(kind, now),
        holder: sub.name,
        idNumber,
        ref: sub.ref,
        source: sourceFor(request.db),
        now,
        citizenId: sub.citizenId,
        accountId: c.accountId,
        mandateId: sub.mandateId,
        codes: s.codes,
        db: request.db,
        verifyUrl: `${origin(request)}/verify`,
      })
      await logAccess(request.db, request, { citizenId: sub.citizenId, action: 'proof.create', at: now, proofId: p.id, mandateId: sub.mandateId })
      reply.code(201)
      return view(p, now)
    },
  )

  app.get(
    '/api/proofs',
    { config: { level: 'L2' }, schema: { tags, summary: '我的证明: proofs I asked for, newest first', response: { 200: ProofsResponse, ...errorResponses(401, 403) } } },
    async (request) => {
      const now = s.now()
      const rows = await request.db
        .select({ id: proofs.id, number: proofs.number, kind: proofs.kind, issuedAt: proofs.issuedAt, expiresAt: proofs.expiresAt, revokedAt: proofs.revokedAt })
        .from(proofs)
        .where(eq(proofs.accountId, request.citizen!.accountId))
        .orderBy(desc(proofs.issuedAt))
        .limit(100)
      return { items: rows.map((p) => view(p as typeof proofs.$inferSelect, now)) }
    },
  )

  app.get(
    '/api/proofs/:id/pdf',
    {
      schema: {
        tags,
        summary: 'The proof PDF through a short-lived link from 我的证明 (no login: mini-programs download without headers)',
        params: ProofParams,
        querystring: ProofPdfQuery,
        response: { 200: Type.Any({ description: 'application/pdf' }), ...errorResponses(403, 404) },
      },
    },
    async (request, reply) => {
      const now = s.now()
      const { id } = request.params
      const [expText] = request.query.t.split('.')
      const exp = Number(expText)
      if (!Number.isInteger(exp) || exp * 1000 < now.getTime() || !sameText(linkToken(id, exp), request.query.t)) throw new ApiError(403, 'PROOF_LINK_INVALID')
      const [p] = await request.db.select().from(proofs).where(eq(proofs.id, id))
      if (!p) throw new ApiError(404, 'NOT_FOUND')
      await logAccess(request.db, request, { citizenId: p.citizenId, action: 'proof.download', at: now, proofId: p.id, mandateId: p.mandateId, as: { who: p.mandateId ? 'proxy' : 'self', actorId: p.accountId } })
      reply.header('content-type', 'application/pdf')
      reply.header('content-disposition', `inline; filename="${p.number}.pdf"`)
      reply.header('cache-control', 'private, no-store')
      return reply.send(p.pdf)
    },
  )

  app.get(
    '/api/verify',
    { schema: { tags, summary: 'Public check of an e-proof: the QR content (signed code) or the printed proof number', querystring: VerifyQuery, response: { 200: VerifyResponse, ...errorResponses(400) } } },
    async (request) => {
      const now = s.now()
      const r = await verifyProofCode(request.db, s.codes, request.query.code, now)
      if (r.proof) await logAccess(request.db, request, { citizenId: r.proof.citizenId, action: 'proof.verify', at: now, proofId: r.proof.id, mandateId: null })
      if (!r.valid) return { valid: false, reason: r.reason }
      return { valid: true, proof: verifiedView(r.proof) }
    },
  )

  app.post(
    '/api/verify/pdf',
    { schema: { tags, summary: 'Public check of a whole proof PDF: valid only if it is byte for byte the issued file', body: VerifyPdfBody, response: { 200: VerifyResponse, ...errorResponses(400, 413) } } },
    async (request) => {
      const now = s.now()
      const bytes = Buffer.from(request.body.pdfBase64, 'base64')
      const sha = createHash('sha256').update(bytes).digest('hex')
      const [p] = await request.db.select().from(proofs).where(eq(proofs.pdfSha256, sha))
      if (!p) return { valid: false, reason: 'content_mismatch' as const }
      const r = await verifyProofCode(request.db, s.codes, p.number, now)
      await logAccess(request.db, request, { citizenId: p.citizenId, action: 'proof.verify', at: now, proofId: p.id, mandateId: null })
      if (!r.valid) return { valid: false, reason: r.reason }
      return { valid: true, proof: verifiedView(r.proof) }
    },
  )

  app.get(
    '/api/me/access-log',
    { config: { level: 'L2' }, schema: { tags, summary: '谁查询了我的数据: reads of my records, also by proxies and verifiers', response: { 200: AccessLogResponse, ...errorResponses(401, 403, 404) } } },
    async (request) => {
      // Always about the account holder themself, whatever identity they are acting as.
      const self = { ...request.citizen!, acting: { kind: 'self' as const, id: null, forId: request.citizen!.accountId } }
      const sub = await resolveSubject(request.db, s.crypto, self, 'social_security')
      const rows = await request.db.select().from(accessLog).where(eq(accessLog.citizenId, sub.citizenId)).orderBy(desc(accessLog.at)).limit(ACCESS_LOG_LIMIT)
      const accountIds = [...new Set(rows.filter((r) => r.who !== 'staff' && r.actorId).map((r) => r.actorId!))]
      const staffIds = [...new Set(rows.filter((r) => r.who === 'staff' && r.actorId).map((r) => r.actorId!))]
      const names = new Map<string, string>()
      if (accountIds.length) {
        for (const a of await request.db.select({ id: accounts.id, n: accounts.realNameEnc }).from(accounts).where(inArray(accounts.id, accountIds))) {
          names.set(a.id, a.n ? maskName(s.crypto.decrypt(a.n)) : '')
        }
      }
      if (staffIds.length) {
        for (const st of await request.db.select({ id: staffAccounts.id, n: staffAccounts.displayName }).from(staffAccounts).where(inArray(staffAccounts.id, staffIds))) names.set(st.id, maskName(st.n))
      }
      return {
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          who: r.who === 'enterprise' ? ('proxy' as const) : r.who,
          actor: r.actorId ? (names.get(r.actorId) ?? '') : '',
          action: r.action,
          channel: r.channel,
          ...(r.detail.department ? { department: r.detail.department } : {}),
          ...(r.detail.material ? { subject: r.detail.material } : {}),
        })),
      }
    },
  )
}
