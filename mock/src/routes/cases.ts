// Online applications (办件): forms, uploads, drafts, submission (one case per item, a bundle
// number over a 一件事), 秒批, the applicant's actions, ratings, the public lookup by case number
// + query code (rate-limited), and the staff API that moves cases by role.
import { createHash } from 'node:crypto'
import { and, desc, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm'
import type { FastifyRequest } from 'fastify'
import { Type } from '@sinclair/typebox'
import type { AutoApprovalRule } from '../../../src/domain/catalog/types'
import { autoApprove } from '../../../src/domain/cases/autoApproval'
import { DEFERRED_DUE_WORKING_DAYS, UPLOAD_MAX_BYTES, sniffType } from '../../../src/domain/cases/materials'
import { allowedTransition, isConcluded, type CaseState } from '../../../src/domain/cases/states'
import { chinaDate, dueDate } from '../../../src/domain/cases/workdays'
import {
  ApplyFormResponse,
  CaseCommentBody,
  CaseDetail,
  CaseDraftListResponse,
  CaseIdParams,
  CaseListResponse,
  CaseLookupBody,
  CaseLookupResponse,
  CaseProvideMaterialBody,
  CaseRateBody,
  CaseSaveDraftBody,
  CaseSupplementBody,
  CaseUploadResponse,
  CaseWithdrawCommitmentBody,
  SubmitCaseBody,
  SubmitCaseResponse,
  type CaseDraftView,
} from '../../../src/domain/contract/cases'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { cases as text } from '../../../src/domain/messages/zh-CN/cases'
import {
  bundleNumbers,
  checkForm,
  checkMaterials,
  definition,
  formResponse,
  isDishonest,
  newQueryCode,
  personFacts,
  prefillValues,
  toDetail,
  toSummary,
  type Applicant,
} from '../cases/apply'
import { moveCase, noticeFor, nextNumber, type Actor, type CaseRow } from '../cases/machine'
import { calendarOverrides, calendarRoutes } from '../cases/calendar'
import { knownApplicantRoutes, refuseDuplicate } from '../cases/duplicates'
import { insertRating, ratingRoutes } from '../cases/ratings'
import type { DbOrTx } from '../db/client'
import { caseBundles, caseCommitments, caseFiles, cases } from '../db/schema'
import { ApiError } from '../errors'
import { committedError, type CitizenIdentity } from '../identity/auth'
import { MINUTE, lockKey, recordEvent, slidingLimit } from '../identity/rate'
import { notifyRoutes } from '../notify/routes'
import { caseworkRoutes } from '../casework/routes'
import { issueFor } from '../cases/issue'
import { errorResponses, type App, type Services } from './context'

/** Public lookup: per client address and per case number, sliding windows. */
export const LOOKUP_LIMIT = { perIp: 10, perNumber: 5, windowMs: 10 * MINUTE }

const citizen = { auth: 'citizen' as const, level: 'L2' as const }

function who(request: FastifyRequest): CitizenIdentity {
  const c = request.citizen
  if (!c) throw new ApiError(401, 'UNAUTHENTICATED')
  return c
}

/** The cases the signed-in identity may see. */
function visibleTo(c: CitizenIdentity): SQL {
  if (c.acting.kind === 'enterprise') return eq(cases.enterpriseId, c.acting.id ?? '00000000-0000-0000-0000-000000000000')
  if (c.acting.kind === 'proxy') {
    return and(eq(cases.accountId, c.accountId), c.acting.forId ? eq(cases.forAccountId, c.acting.forId) : eq(cases.actingKind, 'proxy')) as SQL
  }
  return or(and(eq(cases.accountId, c.accountId), eq(cases.actingKind, 'self')), eq(cases.forAccountId, c.accountId)) as SQL
}

async function caseFor(db: DbOrTx, c: CitizenIdentity, id: string, lock = false): Promise<CaseRow> {
  const q = db
    .select()
    .from(cases)
    .where(and(eq(cases.id, id), visibleTo(c), sql`${cases.state} <> 'draft'`))
  const [row] = lock ? await q.for('update') : await q
  if (!row) throw new ApiError(404, 'CASE_NOT_FOUND')
  return row
}

const applicantActor = (c: CitizenIdentity): Actor => ({ kind: 'applicant', id: c.accountId })

export function caseRoutes(app: App, s: Services): void {
  // Registered from here because app.ts belongs to another area: the subscribe-message template
  // ids (public), ratings of hall visits, and the operator-loaded holiday calendar.
  notifyRoutes(app, s)
  ratingRoutes(app, s)
  calendarRoutes(app, s)
  knownApplicantRoutes(app, s)
  caseworkRoutes(app, s)
  const detail = (db: DbOrTx, row: CaseRow) => toDetail(db, row, s.now(), { crypto: s.crypto, audience: 'applicant' })

  // ---- Forms ------------------------------------------------------------------------------
  app.get(
    '/api/cases/forms/:code',
    {
      schema: {
        tags: ['cases'],
        summary: 'The application form and materials of an item or a bundle (?bundle=true)',
        params: Type.Object({ code: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({ bundle: Type.Optional(Type.Boolean()) }),
        response: { 200: ApplyFormResponse, ...errorResponses(404, 409) },
      },
    },
    async (request) => formResponse(definition(request.params.code, request.query.bundle ?? false)),
  )

  // ---- Uploads (raw bytes; the content addresses the file, so a retry finds the same row) ---
  app.register(async (scope) => {
    scope.addContentTypeParser(['application/octet-stream', 'image/jpeg', 'image/png', 'application/pdf'], { parseAs: 'buffer', bodyLimit: UPLOAD_MAX_BYTES + 1 }, (_req, body, done) =>
      done(null, body),
    )
    scope.setErrorHandler((err) => {
      // A body over the limit: answer in this area's words.
      if ((err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw new ApiError(413, 'CASE_UPLOAD_TOO_LARGE')
      throw err
    })
    scope.post(
      '/api/cases/uploads',
      {
        config: { ...citizen, idempotency: false },
        schema: { tags: ['cases'], summary: 'Upload one material (jpg/png/pdf ≤ 10 MB, raw bytes)', response: { 201: CaseUploadResponse, ...errorResponses(400, 401, 403, 413, 415) } },
      },
      async (request, reply) => {
        const c = who(request)
        const bytes = request.body as Buffer
        if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new ApiError(400, 'CASE_UPLOAD_EMPTY')
        if (bytes.length > UPLOAD_MAX_BYTES) throw new ApiError(413, 'CASE_UPLOAD_TOO_LARGE')
        const type = sniffType(bytes)
        if (!type) throw new ApiError(415, 'CASE_UPLOAD_TYPE')
        const sha256 = createHash('sha256').update(bytes).digest('hex')
        const [row] = await request.db
          .insert(caseFiles)
          .values({ accountId: c.accountId, sha256, type, size: bytes.length, bytes, createdAt: s.now() })
          .onConflictDoUpdate({ target: [caseFiles.accountId, caseFiles.sha256], set: { sha256 } })
          .returning({ id: caseFiles.id })
        reply.code(201)
        return { fileId: row.id, type, size: bytes.length, sha256 }
      },
    )
  })

  app.get(
    '/api/cases/files/:id',
    { config: citizen, schema: { tags: ['cases'], summary: 'One of my uploaded files', params: CaseIdParams } },
    async (request, reply) => {
      const c = who(request)
      const [f] = await request.db.select().from(caseFiles).where(and(eq(caseFiles.id, request.params.id), eq(caseFiles.accountId, c.accountId)))
      if (!f) throw new ApiError(404, 'CASE_NOT_FOUND')
      reply.header('content-type', f.type).header('cache-control', 'private, no-store').header('content-disposition', 'inline')
      return reply.send(f.bytes)
    },
  )

  // ---- Drafts ------------------------------------------------------------------------------
  const draftView = (row: CaseRow): CaseDraftView => {
    const bundle = row.itemCode.startsWith('bundle:')
    const code = bundle ? row.itemCode.slice(7) : row.itemCode
    return {
      id: row.id,
      clientRef: row.clientRef as string,
      itemCode: code,
      bundle,
      title: row.itemName,
      form: row.form,
      materials: row.materials.map((m) => ({ name: m.name, mode: m.mode, ...(m.fileIds ? { fileIds: m.fileIds } : {}) })),
      updatedAt: row.updatedAt.toISOString(),
    }
  }

  app.post(
    '/api/cases/drafts',
    { config: citizen, schema: { tags: ['cases'], summary: 'Save a draft (one per device draft id)', body: CaseSaveDraftBody, response: { 200: Type.Object({ draft: Type.Any() }), ...errorResponses(400, 401, 403, 404, 409) } } },
    async (request) => {
      const c = who(request)
      const b = request.body
      const def = definition(b.itemCode, b.bundle ?? false)
      const mats = await checkMaterials(request.db, def, b.materials, c.accountId, s.now(), true)
      const now = s.now()
      const values = {
        itemCode: b.bundle ? `bundle:${b.itemCode}` : b.itemCode,
        itemName: def.title,
        accountId: c.accountId,
        actingKind: c.acting.kind,
        enterpriseId: c.acting.kind === 'enterprise' ? c.acting.id : null,
        forAccountId: c.acting.kind === 'proxy' ? c.acting.forId : null,
        state: 'draft',
        form: b.form,
        materials: mats.rows,
        promisedDays: Math.max(...def.items.map((i) => i.promisedDays)),
        clientRef: b.clientRef,
        createdAt: now,
        updatedAt: now,
      }
      const [row] = await request.db
        .insert(cases)
        .values(values)
        .onConflictDoUpdate({ target: [cases.accountId, cases.clientRef], set: { form: b.form, materials: mats.rows, updatedAt: now }, setWhere: sql`${cases.state} = 'draft'` })
        .returning()
      if (!row) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
      return { draft: draftView(row) }
    },
  )

  app.get('/api/cases/drafts', { config: citizen, schema: { tags: ['cases'], summary: 'My drafts', response: { 200: CaseDraftListResponse } } }, async (request) => {
    const c = who(request)
    const rows = await request.db
      .select()
      .from(cases)
      .where(and(eq(cases.accountId, c.accountId), eq(cases.state, 'draft')))
      .orderBy(desc(cases.updatedAt))
    return { items: rows.map(draftView) }
  })

  app.post('/api/cases/drafts/:id/delete', { config: citizen, schema: { tags: ['cases'], summary: 'Delete a draft', params: CaseIdParams, response: { 200: Type.Object({ deleted: Type.Boolean() }), ...errorResponses(404) } } }, async (request) => {
    const c = who(request)
    const rows = await request.db
      .delete(cases)
      .where(and(eq(cases.id, request.params.id), eq(cases.accountId, c.accountId), eq(cases.state, 'draft')))
      .returning({ id: cases.id })
    if (rows.length === 0) throw new ApiError(404, 'CASE_DRAFT_NOT_FOUND')
    return { deleted: true }
  })

  // ---- Submit --------------------------------------------------------------------------------
  app.post(
    '/api/cases',
    {
      config: citizen,
      schema: { tags: ['cases'], summary: 'Submit an application (one case per item; a bundle gets one bundle number)', body: SubmitCaseBody, response: { 201: SubmitCaseResponse, ...errorResponses(400, 401, 403, 404, 409, 422) } },
    },
    async (request, reply) => {
      const c = who(request)
      const b = request.body
      const db = request.db
      const now = s.now()
      const def = definition(b.itemCode, b.bundle ?? false)
      const applicant: Applicant = { accountId: c.accountId, level: c.level, acting: c.acting }
      const form = checkForm(def, b.form, await prefillValues(db, s.crypto, applicant), now)
      const mats = await checkMaterials(db, def, b.materials, c.accountId, now)
      await refuseDuplicate(db, c, def.items)
      if (mats.commitments.length > 0) {
        if (c.level !== 'L3') throw new ApiError(403, 'LEVEL_REQUIRED', api.identity.levelL3, undefined, { requiredLevel: 'L3' })
        if (await isDishonest(db, c.accountId)) throw new ApiError(403, 'CASE_COMMITMENT_REFUSED')
      }
      if (b.clientRef) await db.delete(cases).where(and(eq(cases.accountId, c.accountId), eq(cases.clientRef, b.clientRef), eq(cases.state, 'draft')))

      let bundleRowId: string | null = null
      let bundleNumber: string | undefined
      if (def.bundle) {
        bundleNumber = await nextNumber(db, 'YJ', now)
        const [br] = await db.insert(caseBundles).values({ number: bundleNumber, bundleId: def.bundle.id, accountId: c.accountId, createdAt: now }).returning({ id: caseBundles.id })
        bundleRowId = br.id
      }
      const out: CaseRow[] = []
      for (const item of def.items) {
        const number = await nextNumber(db, 'ZJ', now)
        const queryCode = newQueryCode()
        const [draft] = await db
          .insert(cases)
          .values({
            itemCode: item.code,
            itemName: item.name,
            bundleRowId,
            accountId: c.accountId,
            actingKind: c.acting.kind,
            enterpriseId: c.acting.kind === 'enterprise' ? c.acting.id : null,
            forAccountId: c.acting.kind === 'proxy' ? c.acting.forId : null,
            state: 'draft',
            form,
            materials: mats.rows.filter((m) => def.materials.find((d) => d.name === m.name)?.usedBy.includes(item.code)),
            promisedDays: item.promisedDays,
            channel: b.channel ?? 'unknown',
            createdAt: now,
            updatedAt: now,
          })
          .returning()
        let row = await moveCase(db, draft, 'submit', applicantActor(c), now, {
          set: { number, queryCodeEnc: s.crypto.encrypt(queryCode), queryCodeHmac: s.crypto.index(queryCode), submittedAt: now },
        })
        for (const name of mats.commitments) {
          if (!row.materials.some((m) => m.name === name)) continue
          await db.insert(caseCommitments).values({ caseId: row.id, materialName: name, text: formResponse(def).materials.find((m) => m.name === name)?.commitmentText ?? name, signedBy: c.accountId, signedAt: now })
        }
        if (item.autoApproval) row = await runAutoApproval(db, row, item.autoApproval.rules, c, now)
        out.push(row)
      }
      reply.code(201)
      // One after another: `db` is this request's transaction, and a PostgreSQL client runs one query at a time.
      const views = []
      for (const r of out) views.push(await detail(db, r))
      return { ...(bundleNumber ? { bundleNumber } : {}), cases: views }
    },
  )

  /** 秒批: rules on registry data; all pass → approved and delivered with a wallet credential. */
  async function runAutoApproval(db: DbOrTx, row: CaseRow, rules: readonly AutoApprovalRule[], c: CitizenIdentity, now: Date): Promise<CaseRow> {
    const subject = c.acting.kind === 'self' ? c.accountId : c.acting.kind === 'proxy' ? c.acting.forId : null
    const facts = subject ? await personFacts(db, subject, row.itemCode, now) : {}
    const outcome = autoApprove(rules, facts)
    const [withResults] = await db.update(cases).set({ autoResults: outcome.results }).where(eq(cases.id, row.id)).returning()
    const system: Actor = { kind: 'system', id: null }
    // A deferred (容缺) material still to come: no decision without it, so an officer follows up.
    if (!outcome.approved || row.materials.some((m) => m.mode === 'deferred' && !m.providedAt)) {
      const failed = outcome.results.filter((r) => !r.passed).map((r) => r.description)
      // Routed to an officer: the case stays submitted for the window; the applicant is told why.
      await noticeFor(db, withResults, 'submitted', now, undefined, failed.length ? format(text.system.autoFailed, { rules: failed.join('；') }) : undefined)
      return withResults
    }
    let r = await moveCase(db, withResults, 'accept', system, now, { quiet: true, comment: text.system.autoPassed })
    r = await moveCase(db, r, 'startReview', system, now, { quiet: true })
    r = await moveCase(db, r, 'approve', system, now, { quiet: true })
    await issueFor(db, s.crypto, r, now)
    r = await moveCase(db, r, 'deliver', system, now, { quiet: true, comment: text.system.credential })
    await noticeFor(db, r, 'delivered', now, undefined, text.notices.autoApproved)
    return r
  }

  // ---- Reading -------------------------------------------------------------------------------
  app.get(
    '/api/cases',
    { config: citizen, schema: { tags: ['cases'], summary: 'My cases (an enterprise identity: all the enterprise’s cases)', response: { 200: CaseListResponse } } },
    async (request) => {
      const c = who(request)
      const rows = await request.db
        .select()
        .from(cases)
        .where(and(visibleTo(c), sql`${cases.state} <> 'draft'`))
        .orderBy(desc(cases.submittedAt))
        .limit(200)
      const bundles = await bundleNumbers(request.db, rows)
      return { items: rows.map((r) => toSummary(r, s.now(), bundles)) }
    },
  )

  app.get('/api/cases/:id', { config: citizen, schema: { tags: ['cases'], summary: 'Case detail with timeline', params: CaseIdParams, response: { 200: CaseDetail, ...errorResponses(404) } } }, async (request) => {
    const c = who(request)
    return detail(request.db, await caseFor(request.db, c, request.params.id))
  })

  // ---- Applicant actions ---------------------------------------------------------------------
  const caseAction = (summary: string) => ({ config: citizen, schema: { tags: ['cases'], summary, params: CaseIdParams, response: { 200: CaseDetail, ...errorResponses(400, 403, 404, 409) } } })

  app.post('/api/cases/:id/withdraw', { ...caseAction('Withdraw before conclusion'), schema: { ...caseAction('').schema, summary: 'Withdraw before conclusion', body: CaseCommentBody } }, async (request) => {
    const c = who(request)
    const row = await caseFor(request.db, c, request.params.id, true)
    return detail(request.db, await moveCase(request.db, row, 'withdraw', applicantActor(c), s.now(), { comment: request.body.comment }))
  })

  app.post('/api/cases/:id/supplement', { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Send the requested supplement (补正)', body: CaseSupplementBody } }, async (request) => {
    const c = who(request)
    const db = request.db
    const row = await caseFor(db, c, request.params.id, true)
    if (!allowedTransition(row.state as CaseState, 'supplement', 'applicant')) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
    const def = definition(row.itemCode, false)
    const given = await checkMaterials(db, { ...def, materials: def.materials.filter((m) => request.body.materials.some((x) => x.name === m.name)) }, request.body.materials, c.accountId, s.now())
    const materials = row.materials.map((m) => {
      const g = given.rows.find((x) => x.name === m.name)
      return g ? { ...m, ...g, fileIds: [...(m.fileIds ?? []), ...(g.fileIds ?? [])] } : m
    })
    for (const g of given.rows) if (!materials.some((m) => m.name === g.name)) materials.push(g)
    return detail(db, await moveCase(db, row, 'supplement', applicantActor(c), s.now(), { comment: request.body.comment, set: { materials } }))
  })

  app.post('/api/cases/:id/materials', { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Hand in a deferred material (容缺后补)', body: CaseProvideMaterialBody } }, async (request) => {
    const c = who(request)
    const db = request.db
    const row = await caseFor(db, c, request.params.id, true)
    if (isConcluded(row.state as CaseState) || ['rejected', 'withdrawn'].includes(row.state)) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
    const m = row.materials.find((x) => x.name === request.body.name && x.mode === 'deferred')
    if (!m) throw new ApiError(400, 'CASE_MATERIAL_UNKNOWN', undefined, 'name')
    const owned = await db.select({ id: caseFiles.id }).from(caseFiles).where(and(inArray(caseFiles.id, request.body.fileIds), eq(caseFiles.accountId, c.accountId)))
    if (owned.length !== new Set(request.body.fileIds).size) throw new ApiError(400, 'CASE_FILE_NOT_FOUND')
    const materials = row.materials.map((x) => (x === m ? { ...x, fileIds: request.body.fileIds, providedAt: s.now().toISOString() } : x))
    const [updated] = await db.update(cases).set({ materials, updatedAt: s.now() }).where(and(eq(cases.id, row.id), eq(cases.state, row.state))).returning()
    return detail(db, updated)
  })

  app.post(
    '/api/cases/:id/commitments/withdraw',
    { ...caseAction(''), schema: { ...caseAction('').schema, summary: 'Withdraw a 告知承诺 before the decision (the proof is then due under 容缺)', body: CaseWithdrawCommitmentBody } },
    async (request) => {
      const c = who(request)
      const db = request.db
      const row = await caseFor(db, c, request.params.id, true)
      if (isConcluded(row.state as CaseState) || ['rejected', 'withdrawn'].includes(row.state)) throw new ApiError(409, 'CASE_INVALID_TRANSITION')
      const done = await db
        .update(caseCommitments)
        .set({ withdrawnAt: s.now() })
        .where(and(eq(caseCommitments.caseId, row.id), eq(caseCommitments.materialName, request.body.name), isNull(caseCommitments.withdrawnAt)))
        .returning({ id: caseCommitments.id })
      if (done.length === 0) throw new ApiError(404, 'CASE_COMMITMENT_NOT_FOUND')
      const due = dueDate(chinaDate(s.now()), DEFERRED_DUE_WORKING_DAYS, [], await calendarOverrides(db)).due
      const materials = row.materials.map((m) => (m.name === request.body.name ? { name: m.name, mode: 'deferred' as const, dueOn: due } : m))
      const [updated] = await db.update(cases).set({ materials, updatedAt: s.now() }).where(eq(cases.id, row.id)).returning()
      return detail(db, updated)
    },
  )

  app.post('/api/cases/:id/rating', { ...caseAction(''), schema: { ...caseAction('').schema, summary: '好差评 once after conclusion', body: CaseRateBody } }, async (request) => {
    const c = who(request)
    const db = request.db
    const row = await caseFor(db, c, request.params.id)
    if (!isConcluded(row.state as CaseState)) throw new ApiError(409, 'CASE_NOT_CONCLUDED')
    const inserted = await insertRating(db, { caseId: row.id }, c.accountId, request.body, s.now())
    if (!inserted) throw new ApiError(409, 'CASE_ALREADY_RATED')
    return detail(db, row)
  })

  // ---- Public lookup ---------------------------------------------------------------------------
  app.post(
    '/api/cases/lookup',
    { schema: { tags: ['cases'], summary: 'Look a case up by number + query code (no login; rate-limited)', body: CaseLookupBody, response: { 200: CaseLookupResponse, ...errorResponses(400, 404, 429) } } },
    async (request, reply) => {
      const db = request.db
      const now = s.now()
      const number = request.body.number.trim().toUpperCase()
      const ipKey = `case-lookup:ip:${request.ip}`
      const numKey = `case-lookup:no:${number}`
      await lockKey(db, ipKey)
      await lockKey(db, numKey)
      const wait = Math.max((await slidingLimit(db, ipKey, LOOKUP_LIMIT.perIp, LOOKUP_LIMIT.windowMs, now)) ?? 0, (await slidingLimit(db, numKey, LOOKUP_LIMIT.perNumber, LOOKUP_LIMIT.windowMs, now)) ?? 0)
      if (wait > 0) {
        reply.header('retry-after', String(wait))
        return committedError(reply, new ApiError(429, 'CASE_LOOKUP_LIMIT', format(api.errors.CASE_LOOKUP_LIMIT, { seconds: wait }), undefined, { retryAfterSeconds: wait }))
      }
      await recordEvent(db, ipKey, now)
      await recordEvent(db, numKey, now)
      const [row] = await db.select().from(cases).where(eq(cases.number, number))
      if (!row || !row.queryCodeHmac || !s.crypto.matches(request.body.queryCode.trim().toUpperCase(), row.queryCodeHmac)) {
        return committedError(reply, new ApiError(404, 'CASE_LOOKUP_FAILED'))
      }
      const events = (await toDetail(db, row, now, { crypto: s.crypto, audience: 'staff' })).events
      const sum = toSummary(row, now, new Map())
      return {
        number: sum.number,
        itemName: row.itemName,
        state: sum.state,
        submittedAt: sum.submittedAt,
        ...(sum.dueOn ? { dueOn: sum.dueOn } : {}),
        overdue: sum.overdue,
        events: events.map((e) => ({ action: e.action, to: e.to, at: e.at })),
      }
    },
  )
}
