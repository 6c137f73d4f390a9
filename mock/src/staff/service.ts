// Staff accounts (issue 20): sign-in (password + TOTP, lockout), who am I with my scope, and the
// admin's management: create, scope, disable / enable, reset TOTP, unlock. Every change is
// audited through identity/auth's audit(); routes.ts only parses and answers.
import { randomBytes } from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { ScannerSyncResponse, StaffAccountView, StaffCreateBody, StaffMeResponse, StaffScopeBody, StaffTotpResponse, TokenResponse } from '../../../src/domain/contract'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { catalogState } from '../catalog/state'
import type { DbOrTx } from '../db/client'
import { ApiError } from '../errors'
import type { IdentityServices } from '../identity'
import { parsePhone } from '../identity/accounts'
import { audit, committedError, type StaffRole } from '../identity/auth'
import { checkStaffCredentials, completeSetup, needsSetup, newPasswordProblem, setupRequired } from './first-signin'
import { hashPassword } from '../identity/password'
import { createSession, revokeAll, revokeSession } from '../identity/sessions'
import { base32Encode } from '../identity/totp'
import type { Services } from '../context'
import * as repo from './repo'
import type { StaffRow } from './repo'

type Reply = Parameters<typeof committedError>[0]

export function createStaffService(s: Services, id: IdentityServices) {
  /** Password + TOTP through the one credential check and lockout (staff/first-signin). */
  async function credentials(db: DbOrTx, reply: Reply, body: { username: string; password: string; totp: string }): Promise<{ staff: StaffRow; step: number } | { answer: Reply }> {
    const checked = await checkStaffCredentials(db, s.crypto, reply as FastifyReply, body, s.now())
    if (!checked.ok) return { answer: checked.body }
    // Said only to whoever knows the password and the second factor.
    if (checked.staff.disabledAt) throw new ApiError(403, 'STAFF_DISABLED')
    return { staff: checked.staff as StaffRow, step: checked.step }
  }

  async function login(db: DbOrTx, reply: Reply, body: { username: string; password: string; totp: string; device?: string }): Promise<TokenResponse | Reply> {
    const c = await credentials(db, reply, body)
    if ('answer' in c) return c.answer
    // A one-time password or an unproven TOTP enrolment gets no session: /api/staff/setup first.
    if (needsSetup(c.staff)) throw setupRequired(c.staff)
    await repo.setLastTotpStep(db, c.staff.id, c.step)
    return createSession(db, id.signer, { audience: 'staff', subjectId: c.staff.id, device: body.device ?? '工作台', channel: 'h5' }, s.now())
  }

  /**
   * First sign-in (issue 25): the one-time password and a fresh code of the new TOTP secret (the
   * proof of enrolment), then the holder's own password. After a TOTP reset only the enrolment.
   */
  async function setup(db: DbOrTx, reply: Reply, body: { username: string; password: string; totp: string; newPassword?: string; device?: string }): Promise<TokenResponse | Reply> {
    const c = await credentials(db, reply, body)
    if ('answer' in c) return c.answer
    if (c.staff.mustChangePassword && !body.newPassword) throw new ApiError(400, 'STAFF_PASSWORD_WEAK', undefined, 'newPassword')
    const problem = body.newPassword === undefined ? undefined : newPasswordProblem(body.newPassword, body.password)
    if (problem) throw new ApiError(400, 'STAFF_PASSWORD_WEAK', problem, 'newPassword')
    await completeSetup(db, c.staff, body.newPassword, c.step, s.now())
    return createSession(db, id.signer, { audience: 'staff', subjectId: c.staff.id, device: body.device ?? '工作台', channel: 'h5' }, s.now())
  }

  async function me(db: DbOrTx, staffId: string): Promise<StaffMeResponse> {
    const row = await repo.byId(db, staffId)
    if (!row) throw new ApiError(401, 'UNAUTHENTICATED')
    const v = view(row)
    return { id: v.id, username: v.username, displayName: v.displayName, roles: v.roles, halls: v.halls, ...(v.departmentId ? { departmentId: v.departmentId, departmentName: v.departmentName } : {}) }
  }

  async function logout(db: DbOrTx, sessionId: string): Promise<void> {
    await revokeSession(db, sessionId, 'logout', s.now())
  }

  // ---- Admin: accounts -------------------------------------------------------------------------

  async function list(db: DbOrTx): Promise<StaffAccountView[]> {
    const rows = await repo.list(db)
    const locks = await repo.locksOf(
      db,
      rows.map((r) => r.username),
      s.now(),
    )
    return rows.map((r) => view(r, locks.get(r.username)))
  }

  async function create(db: DbOrTx, request: FastifyRequest, body: StaffCreateBody): Promise<StaffTotpResponse> {
    const now = s.now()
    const scope = checkScope(body)
    const secret = randomBytes(20)
    const row = await repo.insert(db, {
      username: body.username,
      displayName: body.displayName.trim(),
      passwordHash: await hashPassword(body.password),
      totpSecretEnc: s.crypto.encrypt(base32Encode(secret)),
      // The admin chose this password and saw the secret: the holder replaces the one and proves
      // the other at first sign-in (/api/staff/setup), as the bootstrap admin does.
      mustChangePassword: true,
      ...scope,
      createdAt: now,
      updatedAt: now,
    })
    if (!row) throw new ApiError(409, 'STAFF_USERNAME_TAKEN', undefined, 'username')
    await audit(db, request, 'staff.account_created', now, { staffId: row.id, username: row.username, ...scope })
    return totpAnswer(row, secret)
  }

  async function setScope(db: DbOrTx, request: FastifyRequest, staffId: string, body: StaffScopeBody): Promise<StaffAccountView> {
    const now = s.now()
    const before = await must(db, staffId)
    const scope = checkScope(body)
    const row = (await repo.update(db, staffId, { ...scope, ...(body.displayName ? { displayName: body.displayName.trim() } : {}), updatedAt: now }))!
    await audit(db, request, 'staff.scope_changed', now, {
      staffId,
      before: { roles: before.roles, departmentId: before.departmentId, hallIds: before.hallIds },
      after: scope,
    })
    return view(row)
  }

  async function setDisabled(db: DbOrTx, request: FastifyRequest, staffId: string, disabled: boolean): Promise<StaffAccountView> {
    const now = s.now()
    if (disabled && staffId === request.staff?.staffId) throw new ApiError(409, 'STAFF_SELF')
    await must(db, staffId)
    const row = (await repo.update(db, staffId, { disabledAt: disabled ? now : null, updatedAt: now }))!
    // A disabled account's live sessions end now (the auth hook also refuses it).
    const sessions = disabled ? await revokeAll(db, staffId, 'staff_disabled', now) : 0
    await audit(db, request, disabled ? 'staff.account_disabled' : 'staff.account_enabled', now, { staffId, ...(disabled ? { sessionsEnded: sessions } : {}) })
    return view(row)
  }

  async function resetTotp(db: DbOrTx, request: FastifyRequest, staffId: string): Promise<StaffTotpResponse> {
    const now = s.now()
    await must(db, staffId)
    const secret = randomBytes(20)
    // Not enrolled until the holder proves the new secret with a code at their next sign-in (/api/staff/setup).
    const row = (await repo.update(db, staffId, { totpSecretEnc: s.crypto.encrypt(base32Encode(secret)), lastTotpStep: null, totpEnrolledAt: null, updatedAt: now }))!
    // The old authenticator may be lost or copied: its sessions end too.
    const sessions = await revokeAll(db, staffId, 'staff_totp_reset', now)
    await audit(db, request, 'staff.totp_reset', now, { staffId, sessionsEnded: sessions })
    return totpAnswer(row, secret)
  }

  async function unlock(db: DbOrTx, request: FastifyRequest, staffId: string): Promise<StaffAccountView> {
    const now = s.now()
    const row = await must(db, staffId)
    const cleared = await repo.clearLock(db, row.username)
    await audit(db, request, 'staff.account_unlocked', now, { staffId, wasLocked: cleared > 0 })
    return view(row)
  }

  async function villageAgent(db: DbOrTx, request: FastifyRequest, phoneRaw: string, enabled: boolean): Promise<void> {
    const accountId = await repo.setVillageAgent(db, s.crypto.index(parsePhone(phoneRaw)), enabled)
    if (!accountId) throw new ApiError(404, 'GRANTEE_NOT_FOUND', undefined, 'phone')
    await audit(db, request, enabled ? 'staff.village_agent_added' : 'staff.village_agent_removed', s.now(), { accountId })
  }

  /** Keys and revocations for this officer's scanner, and the record of when it had them. */
  async function scannerSync(db: DbOrTx, staffId: string): Promise<ScannerSyncResponse> {
    const now = s.now()
    const keys = await s.codes.keySet({ now, db })
    const revoked = await repo.revokedBy(db, now)
    await repo.recordSync(db, staffId, now)
    const at = now.toISOString()
    return { keys: { keys: keys.keys, fetchedAt: at }, revocations: { items: revoked.map((r) => ({ cid: r.cid, revokedAt: r.revokedAt.toISOString() })), fetchedAt: at }, syncedAt: at }
  }

  async function must(db: DbOrTx, staffId: string): Promise<StaffRow> {
    const row = await repo.byId(db, staffId, true)
    if (!row) throw new ApiError(404, 'STAFF_NOT_FOUND')
    return row
  }

  function totpAnswer(row: StaffRow, secret: Buffer): StaffTotpResponse {
    const b32 = base32Encode(secret)
    return { account: view(row), totpSecret: b32, otpauthUri: `otpauth://totp/${encodeURIComponent(`指尖办:${row.username}`)}?secret=${b32}&issuer=${encodeURIComponent('指尖办')}` }
  }

  return { login, setup, me, logout, list, create, setScope, setDisabled, resetTotp, unlock, villageAgent, scannerSync }
}

export type StaffService = ReturnType<typeof createStaffService>

/** A scope that fits the roles: window staff at ≥ 1 known hall, approvers in a known department. */
export function checkScope(body: { roles: StaffRole[]; departmentId?: string; hallIds: string[] }): { roles: StaffRole[]; departmentId: string | null; hallIds: string[] } {
  const c = catalogState()
  const unknownHall = body.hallIds.find((h) => !c.halls.has(h))
  if (unknownHall) throw new ApiError(400, 'STAFF_SCOPE_UNKNOWN', format(api.errors.STAFF_SCOPE_UNKNOWN, { value: unknownHall }), 'hallIds')
  if (body.departmentId && !c.departments.has(body.departmentId)) throw new ApiError(400, 'STAFF_SCOPE_UNKNOWN', format(api.errors.STAFF_SCOPE_UNKNOWN, { value: body.departmentId }), 'departmentId')
  if (body.roles.includes('window') && body.hallIds.length === 0) throw new ApiError(400, 'STAFF_SCOPE_HALLS', undefined, 'hallIds')
  if (body.roles.includes('approver') && !body.departmentId) throw new ApiError(400, 'STAFF_SCOPE_DEPARTMENT', undefined, 'departmentId')
  return { roles: [...body.roles], departmentId: body.departmentId ?? null, hallIds: body.roles.includes('window') ? [...body.hallIds] : [] }
}

export function view(r: StaffRow, lockUntil?: Date): StaffAccountView {
  const c = catalogState()
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    roles: r.roles as StaffRole[],
    ...(r.departmentId ? { departmentId: r.departmentId, departmentName: c.departments.get(r.departmentId)?.name ?? r.departmentId } : {}),
    halls: r.hallIds.map((h) => ({ id: h, name: c.halls.get(h)?.name ?? h })),
    disabled: r.disabledAt !== null,
    ...(lockUntil ? { lockedUntil: lockUntil.toISOString() } : {}),
  }
}
