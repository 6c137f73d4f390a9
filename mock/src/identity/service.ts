// Citizen identity, the rules: sign-in by SMS code (L1) and by mini-program login with openid
// binding, token refresh, re-authentication and logout; real name (L2), real person (L3); the
// account overview, devices, consent, export and deletion. Every POST is idempotent (see
// idempotency.ts); answers that must keep their writes despite failing (counted wrong codes,
// refresh reuse, a spent face flow) come back as `{ ok: false }` for routes.ts to answer with
// committedError instead of throwing (a throw rolls the transaction back).
import { randomBytes } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type {
  ConsentBody,
  ConsentsResponse,
  FaceCompleteBody,
  FaceStartBody,
  FaceStartResponse,
  LevelResponse,
  LoginBody,
  MeResponse,
  MiniLoginBody,
  MiniLoginResponse,
  RealNameBody,
  SendSmsBody,
  SendSmsResponse,
  SessionsResponse,
  TokenResponse,
} from '../../../src/domain/contract'
import { maskIdNumber, maskName, maskPhone, validateIdNumber } from '../../../src/domain'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { validation } from '../../../src/domain/messages/zh-CN/validation'
import { actingLabel } from '../acting/service'
import { chinaDayStart, iso } from '../dates'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import type { Services } from '../context'
import type { IdentityServices } from '.'
import { findOrCreateAccount, parsePhone } from './accounts'
import { L3_MAX_AGE, audit } from './auth'
import { checkCode, sendCode } from './codes'
import { FaceError, type FaceMethod, type FaceSubject } from './face'
import { MiniLoginError, sha256 } from './mini'
import { DAY, HOUR, MINUTE, countEvents, lockKey, recordEvent } from './rate'
import * as repo from './repo'
import { createSession, revokeAll, revokeSession, rotate } from './sessions'
import { CONSENT_VERSION } from '../../../src/domain/consent'

export const REAL_NAME_DAILY_MISMATCHES = 5
export const FACE_FLOW_TTL = HOUR
/** Deletion must follow an export within this time. */
export const EXPORT_FRESH = DAY
export const CONSENT_VERSIONS = { privacy_policy: CONSENT_VERSION, face: CONSENT_VERSION, id_processing: CONSENT_VERSION } as const
export const BIND_TICKET_TTL = 10 * MINUTE

const NAME = /^[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{2ffff}·•]{2,30}$/u

/** A failure whose writes must commit (routes.ts answers it with committedError). */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ApiError }
const ok = <T>(value: T): Outcome<T> => ({ ok: true, value })
const failed = <T>(error: ApiError): Outcome<T> => ({ ok: false, error })

type Channel = 'weapp' | 'alipay' | 'h5' | 'unknown'
interface BindTicketData {
  platform: 'weapp' | 'alipay'
  openidHmac: string
  openidEnc: string
  sessionKeyEnc?: string
}
interface FaceFlowData {
  method: FaceMethod
  outSeqNo: string
  state: Record<string, string>
  sessionId: string
}

/** The latest decision is a grant of the current text: a consent to an older wording asks again. */
export async function hasConsent(db: DbOrTx, accountId: string, kind: repo.ConsentKind): Promise<boolean> {
  const latest = await repo.latestConsent(db, accountId, kind)
  return latest?.granted === true && latest.version === CONSENT_VERSIONS[kind]
}

/** The one mapping of a face provider's failure to the API's answer (start and complete). */
async function faceCall<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof FaceError) throw e.kind === 'refused' ? new ApiError(403, 'STAND_IN_REFUSED') : new ApiError(503, 'FACE_UNAVAILABLE')
    throw e
  }
}

function defaultDevice(channel: string): string {
  return channel === 'weapp' ? '微信小程序' : channel === 'alipay' ? '支付宝小程序' : channel === 'h5' ? '网页版' : '未知设备'
}

export function createIdentityService(s: Services, id: IdentityServices) {
  // ---- Sign-in -----------------------------------------------------------------------------------

  async function sendSms(db: DbOrTx, body: SendSmsBody, ip: string): Promise<SendSmsResponse> {
    const phone = parsePhone(body.phone)
    const r = await sendCode(db, { crypto: s.crypto, sms: id.sms }, { phone, purpose: body.purpose ?? 'login', ip }, s.now())
    return { phone: maskPhone(phone), ...r }
  }

  async function login(db: DbOrTx, body: LoginBody): Promise<Outcome<TokenResponse>> {
    const now = s.now()
    const phone = parsePhone(body.phone)
    let ticket: repo.TicketRow | undefined
    if (body.bindTicket) {
      ticket = await repo.liveTicket(db, 'mini-bind', sha256(body.bindTicket), now)
      if (!ticket) throw new ApiError(400, 'BIND_TICKET_INVALID', undefined, 'bindTicket')
    }
    const checked = await checkCode(db, s.crypto, { phone, purpose: 'login', code: body.code }, now)
    if (!checked.ok) return failed(checked.error)
    const accountId = await findOrCreateAccount(db, s, phone, now)
    let channel: Channel = body.channel ?? 'unknown'
    if (ticket) {
      const d = ticket.data as BindTicketData
      await repo.markTicketUsed(db, ticket.id, now)
      await repo.bind(db, { platform: d.platform, openidHmac: d.openidHmac, openidEnc: d.openidEnc, sessionKeyEnc: d.sessionKeyEnc ?? null, accountId, createdAt: now })
      channel = d.platform
    }
    return ok(await createSession(db, id.signer, { audience: 'citizen', subjectId: accountId, device: body.device ?? defaultDevice(channel), channel }, now))
  }

  async function miniLogin(db: DbOrTx, body: MiniLoginBody): Promise<MiniLoginResponse> {
    const now = s.now()
    const { platform, code } = body
    let exchanged
    try {
      exchanged = await id.mini.exchange(platform, code, { db, now })
    } catch (e) {
      if (!(e instanceof MiniLoginError)) throw e
      if (e.kind === 'invalid_code') throw new ApiError(401, 'MINI_CODE_INVALID', undefined, 'code')
      if (e.kind === 'refused') throw new ApiError(403, 'STAND_IN_REFUSED')
      throw new ApiError(503, 'MINI_LOGIN_UNAVAILABLE')
    }
    const openidHmac = s.crypto.index(`${platform}:${exchanged.openid}`)
    const sessionKeyEnc = exchanged.sessionKey ? s.crypto.encrypt(exchanged.sessionKey) : undefined
    const bound = await repo.boundAccount(db, platform, openidHmac)
    if (bound) {
      // session_key is kept for decrypting data the mini-program may send later; never returned.
      if (sessionKeyEnc) await repo.setSessionKey(db, platform, openidHmac, sessionKeyEnc)
      const tokens = await createSession(db, id.signer, { audience: 'citizen', subjectId: bound, device: body.device ?? defaultDevice(platform), channel: platform }, now)
      return { status: 'signed_in' as const, tokens }
    }
    const bindTicket = randomBytes(24).toString('base64url')
    const data: BindTicketData = { platform, openidHmac, openidEnc: s.crypto.encrypt(exchanged.openid), sessionKeyEnc }
    await repo.insertTicket(db, { kind: 'mini-bind', secretHash: sha256(bindTicket), data, expiresAt: new Date(now.getTime() + BIND_TICKET_TTL), createdAt: now })
    return { status: 'bind_required' as const, bindTicket, expiresInSeconds: BIND_TICKET_TTL / 1000 }
  }

  async function refresh(db: DbOrTx, refreshToken: string): Promise<Outcome<TokenResponse>> {
    const r = await rotate(db, id.signer, refreshToken, s.now())
    return r.ok ? ok(r.tokens) : failed(r.error)
  }

  async function reauthSms(db: DbOrTx, accountId: string, ip: string): Promise<SendSmsResponse> {
    const a = await repo.account(db, accountId)
    const phone = s.crypto.decrypt(a.phoneEnc!)
    const r = await sendCode(db, { crypto: s.crypto, sms: id.sms }, { phone, purpose: 'reauth', ip }, s.now())
    return { phone: maskPhone(phone), ...r }
  }

  /** A fresh code restores L2 for 12 h on this session. */
  async function reauth(db: DbOrTx, accountId: string, sessionId: string, code: string): Promise<Outcome<{ ok: true }>> {
    const now = s.now()
    const a = await repo.account(db, accountId)
    const checked = await checkCode(db, s.crypto, { phone: s.crypto.decrypt(a.phoneEnc!), purpose: 'reauth', code }, now)
    if (!checked.ok) return failed(checked.error)
    await repo.updateSession(db, sessionId, { authAt: now, lastActiveAt: now })
    return ok({ ok: true as const })
  }

  async function logout(db: DbOrTx, sessionId: string): Promise<void> {
    await revokeSession(db, sessionId, 'logout', s.now())
  }

  async function logoutAll(db: DbOrTx, accountId: string): Promise<void> {
    await revokeAll(db, accountId, 'logout_all', s.now())
  }

  // ---- Real name (L2) and real person (L3) -------------------------------------------------------

  async function me(db: DbOrTx, request: FastifyRequest): Promise<MeResponse> {
    const c = request.citizen!
    const a = await repo.account(db, c.accountId)
    const name = a.realNameEnc ? s.crypto.decrypt(a.realNameEnc) : null
    return {
      accountId: a.id,
      phone: maskPhone(s.crypto.decrypt(a.phoneEnc!)),
      level: c.level,
      reauthRequired: c.reauthRequired,
      realName: name && a.idNumberEnc ? { name: maskName(name), idNumber: maskIdNumber(s.crypto.decrypt(a.idNumberEnc)) } : null,
      acting: { kind: c.acting.kind, id: c.acting.id, label: await actingLabel(db, s.crypto, c.acting, name) },
      isVillageAgent: a.isVillageAgent,
    }
  }

  /** Name + ID number against the identity registry; ≤ 5 mismatches per China day. */
  async function realName(db: DbOrTx, request: FastifyRequest, body: RealNameBody): Promise<Outcome<LevelResponse>> {
    const now = s.now()
    const c = request.citizen!
    await lockKey(db, `real-name:${c.accountId}`)
    const a = await repo.account(db, c.accountId)
    if (a.idNumberHmac) throw new ApiError(409, 'REAL_NAME_ALREADY')
    if (!(await hasConsent(db, c.accountId, 'id_processing'))) throw new ApiError(403, 'CONSENT_REQUIRED', api.identity.consentIdProcessing)
    const failKey = `real-name-fail:${c.accountId}`
    if ((await countEvents(db, failKey, chinaDayStart(now), true)).n >= REAL_NAME_DAILY_MISMATCHES) throw new ApiError(429, 'REAL_NAME_DAILY_LIMIT')

    const name = body.name.trim().replace(/[•・]/g, '·')
    if (!NAME.test(name)) throw new ApiError(400, 'NAME_INVALID', undefined, 'name')
    const checked = validateIdNumber(body.idNumber, now)
    if (!checked.ok) throw new ApiError(400, 'ID_NUMBER_INVALID', validation.idNumber[checked.error], 'idNumber')
    const idNumber = checked.value.idNumber
    const idHmac = s.crypto.index(idNumber)

    let result
    try {
      result = await id.registry.check(name, idNumber, { db })
    } catch (err) {
      request.log.warn({ err }, 'identity registry unavailable')
      throw new ApiError(503, 'REGISTRY_UNAVAILABLE')
    }
    if (result !== 'match') {
      await recordEvent(db, failKey, now)
      return failed(new ApiError(400, result === 'not_found' ? 'ID_NOT_FOUND' : 'NAME_MISMATCH', undefined, result === 'not_found' ? 'idNumber' : 'name'))
    }
    // Two accounts claiming one ID number at once: the second waits here and then sees the first.
    await lockKey(db, `id-number:${idHmac}`)
    if (await repo.accountByIdNumber(db, idHmac)) throw new ApiError(409, 'ID_NUMBER_BOUND', undefined, 'idNumber')
    await repo.setRealName(db, c.accountId, { realNameEnc: s.crypto.encrypt(name), idNumberEnc: s.crypto.encrypt(idNumber), idNumberHmac: idHmac, realNameAt: now })
    await repo.updateSession(db, c.sessionId, { authAt: now })
    await audit(db, request, 'identity.real_name', now)
    return ok({ level: 'L2' as const })
  }

  /** The real-named subject of a face check; the weapp openid only for WeChat's channel. */
  async function faceSubject(db: DbOrTx, accountId: string, method: FaceMethod, outSeqNo: string, needOpenid: boolean): Promise<FaceSubject> {
    const a = await repo.account(db, accountId)
    let openid: string | undefined
    if (method === 'wechat') {
      const enc = await repo.weappOpenidEnc(db, accountId)
      if (!enc && needOpenid) throw new ApiError(400, 'FACE_CHANNEL_UNSUPPORTED', undefined, 'method')
      openid = enc ? s.crypto.decrypt(enc) : undefined
    }
    return { name: s.crypto.decrypt(a.realNameEnc!), idNumber: s.crypto.decrypt(a.idNumberEnc!), openid, outSeqNo }
  }

  async function faceStart(db: DbOrTx, request: FastifyRequest, body: FaceStartBody): Promise<FaceStartResponse> {
    const now = s.now()
    const c = request.citizen!
    if (!(await hasConsent(db, c.accountId, 'face'))) throw new ApiError(403, 'CONSENT_REQUIRED', api.identity.consentFace)
    const method = body.method as FaceMethod
    const provider = id.face[method]
    if (!provider) throw new ApiError(400, 'FACE_CHANNEL_UNSUPPORTED', undefined, 'method')
    const outSeqNo = `zj${randomBytes(12).toString('hex')}`
    const subject = await faceSubject(db, c.accountId, method, outSeqNo, true)
    const started = await faceCall(() => provider.start(subject, now))
    const flowId = randomBytes(24).toString('base64url')
    const data: FaceFlowData = { method, outSeqNo, state: started.state, sessionId: c.sessionId }
    await repo.insertTicket(db, { kind: 'face', secretHash: sha256(flowId), accountId: c.accountId, data, expiresAt: new Date(now.getTime() + FACE_FLOW_TTL), createdAt: now })
    return { flowId, method: body.method, clientToken: started.clientToken, ...(started.clientUrl ? { clientUrl: started.clientUrl } : {}), expiresInSeconds: FACE_FLOW_TTL / 1000 }
  }

  /** The server asks the provider for the verdict itself; a pass gives L3 for 30 minutes. */
  async function faceComplete(db: DbOrTx, request: FastifyRequest, body: FaceCompleteBody): Promise<Outcome<LevelResponse>> {
    const now = s.now()
    const c = request.citizen!
    const flow = await repo.spendTicket(db, 'face', sha256(body.flowId), c.accountId, now)
    if (!flow) throw new ApiError(404, 'FACE_FLOW_INVALID')
    const d = flow.data as FaceFlowData
    const provider = id.face[d.method]
    if (!provider) throw new ApiError(404, 'FACE_FLOW_INVALID')
    const subject = await faceSubject(db, c.accountId, d.method, d.outSeqNo, false)
    const passed = await faceCall(() => provider.passed(subject, d.state, now, body.standInProof))
    await audit(db, request, passed ? 'identity.face_passed' : 'identity.face_failed', now, { method: d.method })
    // The flow is spent either way (committed), so a failed result cannot be retried blindly.
    if (!passed) return failed(new ApiError(400, 'FACE_FAILED'))
    await repo.updateSession(db, c.sessionId, { l3At: now })
    return ok({ level: 'L3' as const, validUntil: iso(new Date(now.getTime() + L3_MAX_AGE)) })
  }

  // ---- Devices, consent, export, deletion ----------------------------------------------------------

  async function sessions(db: DbOrTx, accountId: string, currentSessionId: string): Promise<SessionsResponse> {
    const rows = await repo.liveSessions(db, accountId)
    return {
      items: rows.map((r) => ({ id: r.id, device: r.device, channel: r.channel, createdAt: iso(r.createdAt), lastActiveAt: iso(r.lastActiveAt), current: r.id === currentSessionId })),
    }
  }

  async function revokeDevice(db: DbOrTx, accountId: string, sessionId: string): Promise<void> {
    const row = await repo.ownSession(db, accountId, sessionId)
    if (!row) throw new ApiError(404, 'NOT_FOUND_OR_FORBIDDEN')
    await revokeSession(db, row.id, 'revoked_by_user', s.now())
  }

  async function consents(db: DbOrTx, accountId: string): Promise<ConsentsResponse> {
    const rows = await repo.consentsOf(db, accountId)
    return { items: rows.map((r) => ({ kind: r.kind, version: r.version, granted: r.granted, at: iso(r.at) })) }
  }

  async function giveConsent(db: DbOrTx, request: FastifyRequest, body: ConsentBody): Promise<void> {
    const now = s.now()
    await repo.addConsent(db, { accountId: request.citizen!.accountId, kind: body.kind, version: body.version, granted: body.granted, at: now })
    await audit(db, request, `consent.${body.kind}.${body.granted ? 'granted' : 'withdrawn'}`, now)
  }

  /** Everything stored about the account (ID numbers masked); the export is audited. */
  async function exportData(db: DbOrTx, request: FastifyRequest) {
    const now = s.now()
    const c = request.citizen!
    const r = await repo.exportRows(db, c.accountId)
    const a = r.account
    await audit(db, request, 'account.export', now)
    return {
      exportedAt: iso(now),
      account: {
        id: a.id,
        phone: s.crypto.decrypt(a.phoneEnc!),
        realName: a.realNameEnc ? s.crypto.decrypt(a.realNameEnc) : null,
        // Masked even here: an export file travels; the full number is on the person's own ID card.
        idNumber: a.idNumberEnc ? maskIdNumber(s.crypto.decrypt(a.idNumberEnc)) : null,
        realNameAt: a.realNameAt ? iso(a.realNameAt) : null,
        createdAt: iso(a.createdAt),
      },
      miniProgramBindings: r.bindings.map((b) => ({ platform: b.platform, createdAt: iso(b.createdAt) })),
      sessions: r.sessions.map((x) => ({ device: x.device, channel: x.channel, createdAt: iso(x.createdAt), lastActiveAt: iso(x.lastActiveAt), revokedAt: x.revokedAt ? iso(x.revokedAt) : null })),
      consents: r.consents.map((x) => ({ kind: x.kind, version: x.version, granted: x.granted, at: iso(x.at) })),
      mandates: r.mandates.map((m) => ({ id: m.id, direction: m.grantorId === c.accountId ? 'given' : 'received', itemCodes: m.itemCodes, categories: m.categories, endsAt: iso(m.endsAt), revokedAt: m.revokedAt ? iso(m.revokedAt) : null })),
      enterpriseOperatorRoles: r.operators.map((o) => ({ enterpriseId: o.enterpriseId, createdAt: iso(o.createdAt), revokedAt: o.revokedAt ? iso(o.revokedAt) : null })),
      actions: r.actions.map((x) => ({ at: iso(x.at), action: x.action, actingKind: x.actingKind })),
    }
  }

  /** 注销: needs an export within EXPORT_FRESH; personal data goes, sessions end. */
  async function deleteAccount(db: DbOrTx, request: FastifyRequest): Promise<void> {
    const now = s.now()
    const c = request.citizen!
    if (!(await repo.exportedSince(db, c.accountId, new Date(now.getTime() - EXPORT_FRESH)))) throw new ApiError(409, 'EXPORT_REQUIRED')
    await audit(db, request, 'account.delete', now)
    await repo.eraseAccount(db, c.accountId, now)
    await revokeAll(db, c.accountId, 'account_deleted', now)
  }

  return {
    sendSms,
    login,
    miniLogin,
    refresh,
    reauthSms,
    reauth,
    logout,
    logoutAll,
    me,
    realName,
    faceStart,
    faceComplete,
    sessions,
    revokeDevice,
    consents,
    giveConsent,
    exportData,
    deleteAccount,
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>
