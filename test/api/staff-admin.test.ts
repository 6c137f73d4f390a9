// Admins manage staff accounts (issue 20): create with a scope, rescope, disable / enable, reset
// TOTP, unlock; every change lands in the audit log. And offline verifications are believed only
// within what the server can vouch for: after the scanner's last sync and the code's iat, not
// after the upload; outside that they are `unverifiable`, never `valid`.
import { and, eq } from 'drizzle-orm'
import { auditLog, credentials } from '../../mock/src/db/schema'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { base32Decode, totp } from '../../mock/src/identity/totp'
import { issueCredential } from '../../mock/src/wallet'
import { forEachDatabase, uuid, type TestEnv } from './harness'
import { TestClock, accountIdOf, get, loginL3, post } from './identity-helpers'

const clock = new TestClock('2026-11-24T02:00:00.000Z')
const MIN = 60_000

async function login(env: TestEnv, username: string, password: string, secret: string) {
  clock.advance(31_000)
  return post(env, '/api/staff/login', { username, password, totp: totp(base32Decode(secret), clock.now()) })
}
const seeded = (username: string) => SEED_STAFF.find((s) => s.username === username)!
async function token(env: TestEnv, username: string): Promise<string> {
  const s = seeded(username)
  const res = await login(env, s.username, s.password, s.totpSecret)
  if (res.statusCode !== 200) throw new Error(`${username}: ${res.body}`)
  return res.json().accessToken
}

forEachDatabase(
  'staff: admin management and offline bounds',
  (getEnv) => {
    it('an admin creates, scopes, disables, resets TOTP and unlocks; each change is audited', async () => {
      const env = getEnv()
      const admin = { token: await token(env, 'admin01') }
      const me = (await get(env, '/api/staff/me', { token: await token(env, 'approver02') })).json()
      expect(me).toMatchObject({ username: 'approver02', departmentId: 'civil', departmentName: '宁波市民政局', halls: [] })

      // A scope must fit the roles.
      const base = { username: 'window09', displayName: '北仑区行政服务中心 综合窗口', password: 'Window09#2026!' }
      const noHall = await post(env, '/api/staff/accounts', { ...base, roles: ['window'], hallIds: [] }, admin)
      expect(noHall.json()).toMatchObject({ code: 'STAFF_SCOPE_HALLS', field: 'hallIds' })
      const badHall = await post(env, '/api/staff/accounts', { ...base, roles: ['window'], hallIds: ['nowhere'] }, admin)
      expect(badHall.json().code).toBe('STAFF_SCOPE_UNKNOWN')
      expect((await post(env, '/api/staff/accounts', { ...base, roles: ['approver'], hallIds: [] }, admin)).json().code).toBe('STAFF_SCOPE_DEPARTMENT')

      const created = await post(env, '/api/staff/accounts', { ...base, roles: ['window'], hallIds: ['bl-centre'] }, admin)
      expect(created.statusCode).toBe(201)
      const { account, totpSecret } = created.json()
      expect(account).toMatchObject({ username: 'window09', roles: ['window'], halls: [{ id: 'bl-centre', name: '北仑区行政服务中心' }], disabled: false })
      expect((await post(env, '/api/staff/accounts', { ...base, roles: ['window'], hallIds: ['bl-centre'] }, admin)).json().code).toBe('STAFF_USERNAME_TAKEN')
      // The admin's password is one-time: the holder sets their own and proves the TOTP app first.
      let res = await login(env, 'window09', base.password, totpSecret)
      expect(res.json().code).toBe('STAFF_SETUP_REQUIRED')
      clock.advance(31_000)
      res = await post(env, '/api/staff/setup', { username: 'window09', password: base.password, totp: totp(base32Decode(totpSecret), clock.now()), newPassword: 'Beilun-window-2026' })
      expect(res.statusCode).toBe(200)
      const own = 'Beilun-window-2026'
      res = await login(env, 'window09', own, totpSecret)
      expect(res.statusCode).toBe(200)
      const newToken = res.json().accessToken

      // Rescope: now 人社's own window at two halls.
      const scoped = await post(env, `/api/staff/accounts/${account.id}/scope`, { roles: ['window'], departmentId: 'hrss', hallIds: ['bl-centre', 'bl-daqi'] }, admin)
      expect(scoped.json()).toMatchObject({ departmentId: 'hrss', halls: [{ id: 'bl-centre' }, { id: 'bl-daqi' }] })

      // Disable: sessions end and sign-in is refused (said only after both factors).
      expect((await post(env, `/api/staff/accounts/${account.id}/disable`, {}, admin)).json().disabled).toBe(true)
      expect((await get(env, '/api/staff/me', { token: newToken })).statusCode).toBe(401)
      res = await login(env, 'window09', own, totpSecret)
      expect(res.json().code).toBe('STAFF_DISABLED')
      expect((await post(env, `/api/staff/accounts/${account.id}/enable`, {}, admin)).json().disabled).toBe(false)
      expect((await login(env, 'window09', own, totpSecret)).statusCode).toBe(200)

      // Reset TOTP: the live session ends, the old secret stops working, and the new one gets no
      // session until the holder enrols it with a code from it (the proof); the password stays.
      const before = (await login(env, 'window09', own, totpSecret)).json().accessToken
      const reset = (await post(env, `/api/staff/accounts/${account.id}/reset-totp`, {}, admin)).json()
      expect(reset.totpSecret).not.toBe(totpSecret)
      expect(reset.otpauthUri).toContain(`secret=${reset.totpSecret}`)
      expect((await get(env, '/api/staff/cases', { token: before })).statusCode).toBe(401)
      expect((await login(env, 'window09', own, totpSecret)).statusCode).toBe(401)
      const enrol = await login(env, 'window09', own, reset.totpSecret)
      expect(enrol.statusCode).toBe(403)
      expect(enrol.json().code).toBe('STAFF_TOTP_ENROL_REQUIRED')
      expect(enrol.json().message).toMatch(/绑定新的密钥/)
      expect(enrol.body).not.toContain('accessToken')
      // The setup step with a code of the old secret is no proof.
      clock.advance(31_000)
      expect((await post(env, '/api/staff/setup', { username: 'window09', password: own, totp: totp(base32Decode(totpSecret), clock.now()) })).statusCode).toBe(401)
      clock.advance(31_000)
      const enrolled = await post(env, '/api/staff/setup', { username: 'window09', password: own, totp: totp(base32Decode(reset.totpSecret), clock.now()) })
      expect(enrolled.statusCode).toBe(200)
      expect((await get(env, '/api/staff/cases', { token: enrolled.json().accessToken })).statusCode).toBe(200)
      expect((await login(env, 'window09', own, reset.totpSecret)).statusCode).toBe(200)
      // A one-time password still needs the new password at setup.
      const other = (await post(env, '/api/staff/accounts', { ...base, username: 'window10', roles: ['window'], hallIds: ['bl-centre'] }, admin)).json()
      clock.advance(31_000)
      const noNew = await post(env, '/api/staff/setup', { username: 'window10', password: base.password, totp: totp(base32Decode(other.totpSecret), clock.now()) })
      expect(noNew.json()).toMatchObject({ code: 'STAFF_PASSWORD_WEAK', field: 'newPassword' })

      // Lock by five failures, unlock by the admin.
      for (let i = 0; i < 5; i++) await post(env, '/api/staff/login', { username: 'window09', password: 'wrong-password', totp: '000000' })
      expect((await login(env, 'window09', own, reset.totpSecret)).statusCode).toBe(423)
      const listed = (await get(env, '/api/staff/accounts', admin)).json().items.find((a: { id: string }) => a.id === account.id)
      expect(listed.lockedUntil).toBeDefined()
      expect((await post(env, `/api/staff/accounts/${account.id}/unlock`, {}, admin)).statusCode).toBe(200)
      expect((await login(env, 'window09', own, reset.totpSecret)).statusCode).toBe(200)

      // An admin cannot disable themself; a missing account is 404.
      const adminId = (await get(env, '/api/staff/me', admin)).json().id
      expect((await post(env, `/api/staff/accounts/${adminId}/disable`, {}, admin)).json().code).toBe('STAFF_SELF')
      expect((await post(env, `/api/staff/accounts/${uuid()}/unlock`, {}, admin)).statusCode).toBe(404)

      const actions = (await env.database.db.select().from(auditLog).where(and(eq(auditLog.actorId, adminId), eq(auditLog.audience, 'staff')))).map((a) => a.action)
      expect(actions).toEqual(
        expect.arrayContaining(['staff.account_created', 'staff.scope_changed', 'staff.account_disabled', 'staff.account_enabled', 'staff.totp_reset', 'staff.account_unlocked']),
      )
      // No secret in the audit detail.
      const details = JSON.stringify((await env.database.db.select().from(auditLog).where(eq(auditLog.actorId, adminId))).map((a) => a.detail))
      expect(details).not.toContain(base.password)
      expect(details).not.toContain(reset.totpSecret)
    }, 120_000)

    it('offline verifications: believed only after the last sync and the code’s iat and not after the upload; else unverifiable', async () => {
      const env = getEnv()
      const t = await loginL3(env)
      const accountId = await accountIdOf(env, t.phone)
      await env.database.db.transaction(async (tx) => {
        await issueCredential(tx, env.crypto, { holderAccountId: accountId, type: 'bn', title: '高龄津贴', fields: { ttl: '高龄津贴', n: '张三', no: 'NB2026-000999' }, issuedAt: clock.now() })
      })
      const card = (await get(env, '/api/wallet/credentials', { token: t.accessToken })).json().items.find((c: { type: string }) => c.type === 'bn')
      const scanner = { token: await token(env, 'window01') }
      const present = async () => {
        const res = await post(env, `/api/wallet/credentials/${card.id}/present`, { disclose: ['n'] }, { token: t.accessToken })
        if (res.statusCode !== 200) throw new Error(`present: ${res.statusCode} ${res.body}`)
        return res.json().code as string
      }
      const upload = async (code: string, at: Date) => {
        const res = await post(env, '/api/staff/wallet/verifications', { records: [{ clientId: uuid(), code, result: 'valid', mode: 'offline', verifiedAt: at.toISOString() }] }, scanner)
        if (res.statusCode !== 200) throw new Error(`upload: ${res.statusCode} ${res.body}`)
        return res.json().items[0].result as string
      }

      // Never synced: nothing offline is believed.
      const early = await present()
      expect(await upload(early, clock.now())).toBe('unverifiable')

      expect((await post(env, '/api/staff/wallet/sync', {}, scanner)).statusCode).toBe(200)
      clock.advance(10_000)
      const code = await present()
      const issuedAt = clock.now()
      clock.advance(20 * MIN) // back online 20 minutes later; the code expired 60 s after issue
      scanner.token = await token(env, 'window01') // a new sign-in: the bound is the account's last sync, not the session's
      // Inside the bounds: judged at the claimed time.
      expect(await upload(code, new Date(issuedAt.getTime() + 20_000))).toBe('valid')
      expect(await upload(code, new Date(issuedAt.getTime() + 5 * MIN))).toBe('expired')
      // Claimed before the code existed, or after the upload: unverifiable, never valid.
      expect(await upload(code, new Date(issuedAt.getTime() - 5_000))).toBe('unverifiable')
      expect(await upload(code, new Date(clock.t + 10 * MIN))).toBe('unverifiable')
      // A new sync moves the bound: a claim from before it is no longer believed.
      expect((await post(env, '/api/staff/wallet/sync', {}, scanner)).statusCode).toBe(200)
      expect(await upload(code, new Date(issuedAt.getTime() + 20_000))).toBe('unverifiable')
      // The holder sees the unverifiable record as such, not as valid.
      const holder = (await post(env, '/api/auth/refresh', { refreshToken: t.refreshToken })).json().accessToken
      const mine = (await get(env, '/api/wallet/verifications', { token: holder })).json().items as Array<{ result: string; credentialId: string }>
      expect(mine.filter((m) => m.credentialId === card.id).map((m) => m.result).sort()).toEqual(['expired', 'unverifiable', 'unverifiable', 'unverifiable', 'unverifiable', 'valid'])
      expect((await env.database.db.select().from(credentials).where(eq(credentials.id, card.id))).length).toBe(1)
    }, 120_000)
  },
  { seed: { citizens: 20, enterprises: 2 }, clock: clock.now },
)
