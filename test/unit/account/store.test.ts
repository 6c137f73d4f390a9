import { AccountStore, type AccountDeps } from '../../../src/packages/account/store'
import { SessionStore } from '../../../src/stores/session'
import { ApiError } from '../../../src/services/request'
import { levelStep } from '../../../src/services/level'
import type { AuthApi } from '../../../src/services/auth'
import type { IdentityApi } from '../../../src/services/identity'
import type { MandateView, MeResponse, SessionView } from '../../../src/domain/contract'
import { makeIdNumber } from '../../../src/domain/idNumber'
import { messages } from '../../../src/domain/messages'
import { memoryStorage } from '../app/fakes'
import { CONSENT_VERSION } from '../../../src/domain/consent'

const T0 = Date.parse('2026-11-20T02:00:00.000Z')
const TOKENS = { accessToken: 'a1', refreshToken: 'r1'.padEnd(30, 'x'), tokenType: 'Bearer' as const, expiresIn: 900, sessionId: '7d1e5a52-3c55-4e0e-9a55-2a4f7a1c2b11' }
const ME: MeResponse = {
  accountId: '1f0e5a52-3c55-4e0e-9a55-2a4f7a1c2b11',
  phone: '138****5678',
  level: 'L1',
  reauthRequired: false,
  realName: null,
  acting: { kind: 'self', id: null, label: '138****5678' },
  isVillageAgent: false,
}
const VALID_ID = makeIdNumber('330203', '1980-05-06', 12)
/** Same number with a different (so wrong) check digit. */
const WRONG_CHECK = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0')

function setup() {
  let now = T0
  const auth = {
    sendSms: jest.fn(async () => ({ phone: '138****5678', expiresInSeconds: 300, resendAfterSeconds: 60 })),
    login: jest.fn(async () => TOKENS),
    miniLogin: jest.fn(async (): Promise<{ status: 'signed_in'; tokens: typeof TOKENS } | { status: 'bind_required'; bindTicket: string; expiresInSeconds: number }> => ({ status: 'bind_required', bindTicket: 'T'.repeat(32), expiresInSeconds: 600 })),
    refresh: jest.fn(async () => TOKENS),
    logout: jest.fn(async () => ({ ok: true as const })),
    logoutAll: jest.fn(async () => ({ ok: true as const })),
    sendReauthSms: jest.fn(async () => ({ phone: '138****5678', expiresInSeconds: 300, resendAfterSeconds: 60 })),
    reauth: jest.fn(async () => ({ ok: true as const })),
  } satisfies AuthApi
  const identity = {
    me: jest.fn(async () => ME),
    realName: jest.fn(async () => ({ level: 'L2' as const })),
    faceStart: jest.fn(async () => ({ flowId: 'flow-0123456789', method: 'stand-in' as const, clientToken: '123456', expiresInSeconds: 300 })),
    faceComplete: jest.fn(async () => ({ level: 'L3' as const, validUntil: '2026-11-20T02:30:00.000Z' })),
    sessions: jest.fn(async () => ({ items: [] as SessionView[] })),
    revokeSession: jest.fn(async () => ({ ok: true as const })),
    enterprises: jest.fn(async () => ({ items: [] })),
    switchActing: jest.fn(async () => ({ ...TOKENS, accessToken: 'a-ent' })),
    mandates: jest.fn(async () => ({ items: [] as MandateView[] })),
    revokeMandate: jest.fn(async () => ({ ok: true as const })),
    createMandate: jest.fn(async () => ({ id: '5d1e5a52-3c55-4e0e-9a55-2a4f7a1c2b11' })),
    operators: jest.fn(async () => ({ items: [] as { id: string; name: string; phone: string; createdAt: string; revoked: boolean }[] })),
    addOperator: jest.fn(async () => ({ ok: true as const })),
    revokeOperator: jest.fn(async () => ({ ok: true as const })),
    consents: jest.fn(async () => ({ items: [] as { kind: string; version: string; granted: boolean; at: string }[] })),
    setConsent: jest.fn(async () => ({ ok: true as const })),
    exportData: jest.fn(async () => ({ phone: '138****5678' })),
    deleteAccount: jest.fn(async () => ({ ok: true as const })),
  } satisfies IdentityApi
  const session = new SessionStore(memoryStorage())
  const deps: AccountDeps = { auth, identity, session, channel: 'h5', now: () => now }
  const { signIn, identity: realName, security, mandates, privacy } = new AccountStore(deps)
  return { signIn, realName, security, mandates, privacy, auth, identity, session, advance: (ms: number) => { now += ms; signIn.tick() } }
}

describe('AccountStore login', () => {
  test('phone is checked as typed; no request for an invalid number', async () => {
    const { signIn: store, auth } = setup()
    store.setPhone('1381234')
    expect(store.phoneError).toBe(messages.validation.phone.format)
    expect(store.canSend).toBe(false)
    await store.sendCode()
    expect(auth.sendSms).not.toHaveBeenCalled()
    store.setPhone('+86 138-1234-5678')
    expect(store.phoneError).toBeUndefined()
    expect(store.canSend).toBe(true)
  })

  test('60 s countdown after sending, then login stores the tokens and loads me', async () => {
    const { signIn: store, auth, session, identity, advance } = setup()
    store.setPhone('13812345678')
    await store.sendCode()
    expect(auth.sendSms).toHaveBeenCalledWith({ phone: '13812345678', purpose: 'login' })
    expect(store.resendSeconds).toBe(60)
    expect(store.canSend).toBe(false)
    advance(59_000)
    expect(store.resendSeconds).toBe(1)
    advance(1_000)
    expect(store.canSend).toBe(true)

    store.setCode('12a34')
    expect(store.code).toBe('1234')
    expect(store.canLogin).toBe(false)
    store.setCode('123456')
    expect(await store.login()).toBe(true)
    expect(auth.login).toHaveBeenCalledWith(expect.objectContaining({ phone: '13812345678', code: '123456', channel: 'h5' }))
    expect(session.accessToken).toBe('a1')
    expect(identity.me).toHaveBeenCalled()
    expect(store.me?.phone).toBe('138****5678')
  })

  test('423 shows the lock screen with the time left, which ends when the time is up', async () => {
    const { signIn: store, auth, advance } = setup()
    const until = new Date(T0 + 3600_000).toISOString()
    auth.login.mockRejectedValueOnce(new ApiError({ status: 423, code: 'LOGIN_LOCKED', message: '已锁定', kind: 'http', body: { lockedUntil: until } }))
    store.setPhone('13812345678')
    await store.sendCode()
    store.setCode('000000')
    expect(await store.login()).toBe(false)
    expect(store.lockedUntil).toBe(until)
    expect(store.lockSecondsLeft).toBe(3600)
    advance(3599_000)
    expect(store.lockSecondsLeft).toBe(1)
    advance(1_000)
    expect(store.lockedUntil).toBeNull()
  })

  test('a wrong code keeps the input state and shows the server message at the code field', async () => {
    const { signIn: store, auth, session } = setup()
    auth.login.mockRejectedValueOnce(new ApiError({ status: 400, code: 'SMS_CODE_WRONG', message: '验证码不正确，还可以再试4次', kind: 'http', field: 'code' }))
    store.setPhone('13812345678')
    await store.sendCode()
    store.setCode('111111')
    expect(await store.login()).toBe(false)
    expect(store.errorField).toBe('code')
    expect(store.error).toContain('验证码')
    expect(session.isLoggedIn).toBe(false)
    store.setCode('22222')
    expect(store.error).toBeUndefined()
  })

  test('SMS_TOO_SOON (the page was reloaded after sending) counts down from retryAfterSeconds and says the sent code still works, with no second frozen wait', async () => {
    const { signIn: store, auth } = setup()
    auth.sendSms.mockRejectedValueOnce(new ApiError({ status: 429, code: 'SMS_TOO_SOON', message: '请42秒后再试', kind: 'http', body: { retryAfterSeconds: 42 } }))
    store.setPhone('13812345678')
    await store.sendCode()
    expect(store.resendSeconds).toBe(42)
    expect(store.error).toBeUndefined()
    expect(store.recentlySent).toBe(true)
    // The code from before the reload logs in: nothing was "sent" in this page's life.
    expect(store.sent).toBeUndefined()
    store.setCode('123456')
    expect(store.canLogin).toBe(true)
    expect(await store.login()).toBe(true)
    expect(auth.login).toHaveBeenCalledWith(expect.objectContaining({ phone: '13812345678', code: '123456' }))
  })

  test('another 429 (today\'s limit) is an error as before', async () => {
    const { signIn: store, auth } = setup()
    auth.sendSms.mockRejectedValueOnce(new ApiError({ status: 429, code: 'SMS_DAILY_LIMIT', message: '已达上限', kind: 'http' }))
    store.setPhone('13812345678')
    await store.sendCode()
    expect(store.error).toBe('已达上限')
    expect(store.recentlySent).toBe(false)
  })
})

describe('AccountStore real name and face', () => {
  test('a wrong check digit is refused before any request', async () => {
    const { realName: store, identity } = setup()
    store.setName('张三')
    store.setIdNumber(WRONG_CHECK)
    expect(store.idNumberError).toBe(messages.validation.idNumber.checkDigit)
    expect(store.canSubmitRealName).toBe(false)
    expect(await store.submitRealName()).toBe(false)
    expect(identity.realName).not.toHaveBeenCalled()
  })

  test('an unfinished number is not an error while it is typed, only after leaving the field; a letter mid-way is at once', async () => {
    const { realName: store } = setup()
    store.setIdNumber(VALID_ID.slice(0, 16))
    expect(store.idNumberError).toBeUndefined()
    store.setIdNumber('')
    expect(store.idNumberError).toBeUndefined()
    store.setIdNumber('1101X')
    expect(store.idNumberError).toBe(messages.validation.idNumber.format)
    store.setIdNumber(VALID_ID.slice(0, 16))
    store.leaveIdNumber()
    expect(store.idNumberError).toBe(messages.validation.idNumber.length)
    // Submitting judges it too.
    const fresh = setup().realName
    fresh.setName('张三')
    fresh.setIdNumber(VALID_ID.slice(0, 16))
    expect(await fresh.submitRealName()).toBe(false)
    expect(fresh.idNumberError).toBe(messages.validation.idNumber.length)
  })

  test('a valid number is sent normalised and the plain values are dropped after success', async () => {
    const { realName: store, identity } = setup()
    store.setName(' 张三 ')
    store.setIdNumber(VALID_ID.toLowerCase())
    expect(store.idNumberError).toBeUndefined()
    expect(await store.submitRealName()).toBe(true)
    expect(identity.realName).toHaveBeenCalledWith({ name: '张三', idNumber: VALID_ID.toUpperCase() })
    expect(store.idNumber).toBe('')
    expect(store.name).toBe('')
    expect(store.realNameDone?.level).toBe('L2')
  })

  test('server verdicts are shown at the field they concern', async () => {
    const { realName: store, identity } = setup()
    identity.realName.mockRejectedValueOnce(new ApiError({ status: 400, code: 'NAME_MISMATCH', message: '姓名与身份证号码不一致', kind: 'http', field: 'name' }))
    store.setName('李四')
    store.setIdNumber(VALID_ID)
    expect(await store.submitRealName()).toBe(false)
    expect(store.nameError).toBe('姓名与身份证号码不一致')
    expect(store.idNumberError).toBeUndefined()
    expect(store.idNumber).toBe(VALID_ID)
  })

  test('consent is recorded with the current version and read back', async () => {
    const { realName: store, identity } = setup()
    identity.consents.mockResolvedValueOnce({ items: [{ kind: 'id_processing', version: CONSENT_VERSION, granted: true, at: '2026-11-20T02:00:00.000Z' }] })
    expect(store.hasConsent('id_processing')).toBe(false)
    await store.setConsent('id_processing', true)
    expect(identity.setConsent).toHaveBeenCalledWith({ kind: 'id_processing', version: CONSENT_VERSION, granted: true })
    expect(store.hasConsent('id_processing')).toBe(true)
  })

  test('a consent to an older wording is asked again', async () => {
    const { realName: store, identity } = setup()
    identity.consents.mockResolvedValueOnce({ items: [{ kind: 'id_processing', version: '2026-11', granted: true, at: '2026-11-20T02:00:00.000Z' }] })
    await store.loadConsents()
    expect(CONSENT_VERSION).not.toBe('2026-11')
    expect(store.hasConsent('id_processing')).toBe(false)
  })

  test('stand-in face flow sends the proof with the flow id', async () => {
    const { realName: store, identity } = setup()
    const flow = await store.startFace('stand-in')
    expect(flow?.clientToken).toBe('123456')
    expect(await store.completeFace('123456')).toBe(true)
    expect(identity.faceComplete).toHaveBeenCalledWith({ flowId: 'flow-0123456789', standInProof: '123456' })
    expect(store.faceDone?.level).toBe('L3')
    expect(store.faceFlow).toBeUndefined()
  })
})

describe('AccountStore sessions and identity', () => {
  test('log out everywhere clears the local session even when the server call fails', async () => {
    const { security: store, auth, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    auth.logoutAll.mockRejectedValueOnce(new ApiError({ status: 0, code: 'OFFLINE', message: '网络未连接', kind: 'offline' }))
    await store.logout(true)
    expect(auth.logoutAll).toHaveBeenCalled()
    expect(session.isLoggedIn).toBe(false)
    expect(store.me).toBeUndefined()
  })

  test('revoking the current session signs out; another device only reloads the list', async () => {
    const { security: store, identity, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    const item = (id: string, current: boolean) => ({ id, device: 'd', channel: 'h5', createdAt: '', lastActiveAt: '', current })
    identity.sessions.mockResolvedValue({ items: [item('s-other', false), item('s-here', true)] })
    await store.loadSessions()
    await store.revokeSession('s-other')
    expect(identity.revokeSession).toHaveBeenCalledWith('s-other')
    expect(session.isLoggedIn).toBe(true)
    await store.revokeSession('s-here')
    expect(session.isLoggedIn).toBe(false)
  })

  test('switching identity stores the new token pair', async () => {
    const { mandates: store, identity, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    expect(await store.switchActing('enterprise', 'e-1')).toBe(true)
    expect(identity.switchActing).toHaveBeenCalledWith({ kind: 'enterprise', id: 'e-1' })
    expect(session.accessToken).toBe('a-ent')
  })

  test('mandates split into given and received; revoke reloads', async () => {
    const { mandates: store, identity } = setup()
    const m = (id: string, direction: 'given' | 'received') => ({ id, direction, counterpart: '*三', itemCodes: [], categories: [], endsAt: '', createdAt: '', revoked: false, paper: false })
    identity.mandates.mockResolvedValue({ items: [m('1', 'given'), m('2', 'received'), m('3', 'given')] })
    await store.loadMandates()
    expect(store.givenMandates.map((x) => x.id)).toEqual(['1', '3'])
    expect(store.receivedMandates.map((x) => x.id)).toEqual(['2'])
    await store.revokeMandate('1')
    expect(identity.revokeMandate).toHaveBeenCalledWith('1')
    expect(identity.mandates).toHaveBeenCalledTimes(2)
  })
})

describe('walking up the levels', () => {
  const refusal = (body: Record<string, unknown>, status = 403, code = 'LEVEL_REQUIRED') => new ApiError({ status, code, message: 'x', kind: 'http', body })
  test('levelStep reads the refusal: log in, real name, re-verify or face check', () => {
    expect(levelStep(refusal({}, 401, 'UNAUTHENTICATED'))).toBe('L1')
    expect(levelStep(refusal({ requiredLevel: 'L2' }))).toBe('L2')
    expect(levelStep(refusal({ requiredLevel: 'L2', reauth: true }))).toBe('reauth')
    expect(levelStep(refusal({ requiredLevel: 'L3' }))).toBe('L3')
    expect(levelStep(refusal({}, 403, 'FORBIDDEN'))).toBeNull()
    expect(levelStep(new Error('boom'))).toBeNull()
  })

  test('re-authentication: code to the own phone, countdown, then L2 again', async () => {
    const { signIn: store, auth, identity, session, advance } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    expect(store.canReauth).toBe(false)
    await store.sendReauthCode()
    expect(auth.sendReauthSms).toHaveBeenCalledTimes(1)
    expect(store.canSendReauth).toBe(false)
    await store.sendReauthCode()
    expect(auth.sendReauthSms).toHaveBeenCalledTimes(1)
    advance(60_000)
    expect(store.canSendReauth).toBe(true)
    store.setCode('12a34')
    expect(store.canReauth).toBe(false)
    identity.me.mockResolvedValueOnce({ ...ME, level: 'L2' })
    store.setCode('123456')
    expect(await store.reauth()).toBe(true)
    expect(auth.reauth).toHaveBeenCalledWith('123456')
    expect(store.me?.level).toBe('L2')
    expect(store.code).toBe('')
  })

  test('a wrong re-authentication code shows the server message beside the field', async () => {
    const { signIn: store, auth, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    await store.sendReauthCode()
    auth.reauth.mockRejectedValueOnce(new ApiError({ status: 400, code: 'CODE_WRONG', message: '验证码不正确，还可以再试4次', kind: 'http', field: 'code' }))
    store.setCode('000000')
    expect(await store.reauth()).toBe(false)
    expect(store.error).toBe('验证码不正确，还可以再试4次')
    expect(store.errorField).toBe('code')
  })
})

describe('granting a mandate and managing operators', () => {
  test('the grant form checks phone and scope, sends the end date from the chosen length, then lists the mandate', async () => {
    const { mandates: store, identity, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    expect(store.canGrant).toBe(false)
    store.setGrantPhone('1381234')
    expect(store.grantPhoneError).toBeDefined()
    store.setGrantPhone('138 1234 5678')
    expect(store.canGrant).toBe(false)
    store.toggleGrantCategory('socialSecurity')
    store.toggleGrantCategory('retirement')
    store.toggleGrantCategory('retirement')
    store.setGrantDays(90)
    expect(store.canGrant).toBe(true)
    expect(await store.grantMandate()).toBe(true)
    expect(identity.createMandate).toHaveBeenCalledWith({ granteePhone: '13812345678', itemCodes: [], categories: ['socialSecurity'], endsAt: new Date(T0 + 90 * 86_400_000).toISOString() })
    expect(identity.mandates).toHaveBeenCalled()
    expect(store.notice).toBe(messages.account.grant.done)
    expect(store.grantCategories).toEqual([])
  })

  test('granting without a recent face check walks the user to it instead of showing an error', async () => {
    const { mandates: store, identity, session } = setup()
    session.setTokens({ accessToken: 'a', refreshToken: 'r' })
    identity.createMandate.mockRejectedValueOnce(new ApiError({ status: 403, code: 'LEVEL_REQUIRED', message: '需要刷脸', kind: 'http', body: { requiredLevel: 'L3' } }))
    store.setGrantPhone('13812345678')
    store.toggleGrantCategory('property')
    expect(await store.grantMandate()).toBe(false)
    expect(store.state.step).toBe('L3')
    expect(store.error).toBeUndefined()
    // A refusal for another reason is an error beside the form, not a gate.
    identity.createMandate.mockRejectedValueOnce(new ApiError({ status: 404, code: 'GRANTEE_NOT_FOUND', message: '对方还没有实名', kind: 'http', field: 'granteePhone' }))
    expect(await store.grantMandate()).toBe(false)
    expect(store.state.step).toBeNull()
    expect(store.error).toBe('对方还没有实名')
  })

  test('operators: add by phone (refused phone never sent), list, revoke', async () => {
    const { mandates: store, identity } = setup()
    store.setOperatorPhone('12')
    expect(await store.addOperator('ent-1')).toBe(false)
    expect(identity.addOperator).not.toHaveBeenCalled()
    store.setOperatorPhone('13912345678')
    identity.operators.mockResolvedValueOnce({ items: [{ id: 'op1', name: '张*', phone: '139****5678', createdAt: '2026-11-20T02:00:00.000Z', revoked: false }] })
    expect(await store.addOperator('ent-1')).toBe(true)
    expect(identity.addOperator).toHaveBeenCalledWith('ent-1', { phone: '13912345678' })
    expect(store.operators).toHaveLength(1)
    await store.revokeOperator('ent-1', 'op1')
    expect(identity.revokeOperator).toHaveBeenCalledWith('ent-1', 'op1')
    expect(store.notice).toBe(messages.account.operators.revokedDone)
  })
})

describe('mini-program one-tap login', () => {
  test('a bound WeChat user is signed in by the login code alone', async () => {
    const { signIn: store, auth, session } = setup()
    auth.miniLogin.mockResolvedValueOnce({ status: 'signed_in', tokens: TOKENS })
    expect(await store.miniLogin('weapp', async () => 'wx-code-1')).toBe(true)
    expect(auth.miniLogin).toHaveBeenCalledWith({ platform: 'weapp', code: 'wx-code-1', device: undefined })
    expect(session.accessToken).toBe(TOKENS.accessToken)
  })

  test('an unbound user verifies the phone once; the login carries the binding ticket', async () => {
    const { signIn: store, auth, session } = setup()
    expect(await store.miniLogin('alipay', async () => 'auth-code')).toBe(false)
    expect(session.isLoggedIn).toBe(false)
    expect(store.bindTicket).toBe('T'.repeat(32))
    expect(store.notice).toBe(messages.account.login.bindNeeded)
    store.setPhone('13812345678')
    await store.sendCode()
    store.setCode('123456')
    expect(await store.login()).toBe(true)
    expect(auth.login).toHaveBeenCalledWith(expect.objectContaining({ phone: '13812345678', code: '123456', bindTicket: 'T'.repeat(32) }))
    expect(store.bindTicket).toBeNull()
  })

  test('a platform that cannot give a code shows an error and stays on the phone form', async () => {
    const { signIn: store, auth } = setup()
    expect(await store.miniLogin('weapp', async () => { throw new Error('wx.login:fail') })).toBe(false)
    expect(auth.miniLogin).not.toHaveBeenCalled()
    expect(store.error).toBeDefined()
    expect(store.busy).toBe('')
  })
})
