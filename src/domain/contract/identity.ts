// Identity API contract (issue 3): login, sessions, real name (L2), real person (L3), acting
// identities, mandates, staff, privacy. The app imports these only as types.
import { Type, type Static } from '@sinclair/typebox'
import { Channel } from './common'

export const LEVELS = ['L1', 'L2', 'L3'] as const
export const Level = Type.Union(LEVELS.map((l) => Type.Literal(l)), { description: 'L1 phone, L2 real name, L3 real person (face, 30 min).' })
export type Level = (typeof LEVELS)[number]

export const SMS_PURPOSES = ['login', 'reauth'] as const
export const SmsPurpose = Type.Union(SMS_PURPOSES.map((p) => Type.Literal(p)))

const Phone = Type.String({ minLength: 1, maxLength: 20, description: 'Mainland mobile number; spaces, dashes and +86 are accepted.' })
const Device = Type.Optional(Type.String({ maxLength: 80, description: 'Shown in the device list, e.g. "iPhone 15 · 微信".' }))

export const SendSmsBody = Type.Object({ phone: Phone, purpose: Type.Optional(SmsPurpose) }, { additionalProperties: false, title: 'SendSms' })
export type SendSmsBody = Static<typeof SendSmsBody>
export const SendSmsResponse = Type.Object(
  { phone: Type.String({ description: 'Masked.' }), expiresInSeconds: Type.Integer(), resendAfterSeconds: Type.Integer() },
  { title: 'SmsSent' },
)
export type SendSmsResponse = Static<typeof SendSmsResponse>

export const LoginBody = Type.Object(
  {
    phone: Phone,
    code: Type.String({ pattern: '^[0-9]{6}$' }),
    channel: Type.Optional(Channel),
    device: Device,
    bindTicket: Type.Optional(Type.String({ minLength: 20, maxLength: 100, description: 'From mini-login when the openid is not bound yet.' })),
  },
  { additionalProperties: false, title: 'Login' },
)
export type LoginBody = Static<typeof LoginBody>

export const TokenResponse = Type.Object(
  {
    accessToken: Type.String(),
    refreshToken: Type.String(),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ description: 'Seconds (≤ 900).' }),
    sessionId: Type.String({ format: 'uuid' }),
  },
  { title: 'Tokens' },
)
export type TokenResponse = Static<typeof TokenResponse>

export const MiniLoginBody = Type.Object(
  { platform: Type.Union([Type.Literal('weapp'), Type.Literal('alipay')]), code: Type.String({ minLength: 1, maxLength: 200 }), device: Device },
  { additionalProperties: false, title: 'MiniLogin' },
)
export type MiniLoginBody = Static<typeof MiniLoginBody>
export const MiniLoginResponse = Type.Union(
  [
    Type.Object({ status: Type.Literal('signed_in'), tokens: TokenResponse }),
    Type.Object({ status: Type.Literal('bind_required'), bindTicket: Type.String(), expiresInSeconds: Type.Integer() }),
  ],
  { title: 'MiniLoginResult' },
)
export type MiniLoginResponse = Static<typeof MiniLoginResponse>

export const RefreshBody = Type.Object({ refreshToken: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false, title: 'Refresh' })
export type RefreshBody = Static<typeof RefreshBody>
export const ReauthBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false, title: 'Reauth' })
export type ReauthBody = Static<typeof ReauthBody>
export const OkResponse = Type.Object({ ok: Type.Literal(true) }, { title: 'Ok' })
export type OkResponse = Static<typeof OkResponse>

export const ActingKind = Type.Union([Type.Literal('self'), Type.Literal('enterprise'), Type.Literal('proxy')])
export const ActingView = Type.Object({
  kind: ActingKind,
  id: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]),
  label: Type.String({ description: 'Masked person name or enterprise name.' }),
})
export type ActingView = Static<typeof ActingView>

export const MeResponse = Type.Object(
  {
    accountId: Type.String({ format: 'uuid' }),
    phone: Type.String({ description: 'Masked.' }),
    level: Level,
    reauthRequired: Type.Boolean(),
    realName: Type.Union([Type.Object({ name: Type.String({ description: 'Masked.' }), idNumber: Type.String({ description: 'Masked.' }) }), Type.Null()]),
    acting: ActingView,
    isVillageAgent: Type.Boolean(),
  },
  { title: 'Me' },
)
export type MeResponse = Static<typeof MeResponse>

export const RealNameBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 40 }), idNumber: Type.String({ minLength: 1, maxLength: 40 }) },
  { additionalProperties: false, title: 'RealName' },
)
export type RealNameBody = Static<typeof RealNameBody>

export const FACE_METHODS = ['wechat', 'alipay', 'stand-in'] as const
export const FaceStartBody = Type.Object({ method: Type.Union(FACE_METHODS.map((m) => Type.Literal(m))) }, { additionalProperties: false, title: 'FaceStart' })
export type FaceStartBody = Static<typeof FaceStartBody>
export const FaceStartResponse = Type.Object(
  {
    flowId: Type.String(),
    method: Type.Union(FACE_METHODS.map((m) => Type.Literal(m))),
    clientToken: Type.String({ description: 'verifyId (wx.requestFacialVerify), certifyId (Alipay), or the stand-in challenge.' }),
    clientUrl: Type.Optional(Type.String({ description: 'Alipay only: the signed certify URL for my.startAPVerify.' })),
    expiresInSeconds: Type.Integer(),
  },
  { title: 'FaceStarted' },
)
export type FaceStartResponse = Static<typeof FaceStartResponse>
export const FaceCompleteBody = Type.Object(
  { flowId: Type.String({ minLength: 10, maxLength: 100 }), standInProof: Type.Optional(Type.String({ maxLength: 20 })) },
  { additionalProperties: false, title: 'FaceComplete' },
)
export type FaceCompleteBody = Static<typeof FaceCompleteBody>
export const LevelResponse = Type.Object({ level: Level, validUntil: Type.Optional(Type.String({ format: 'date-time' })) }, { title: 'LevelResult' })
export type LevelResponse = Static<typeof LevelResponse>

export const SessionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  device: Type.String(),
  channel: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastActiveAt: Type.String({ format: 'date-time' }),
  current: Type.Boolean(),
})
export type SessionView = Static<typeof SessionView>
export const SessionsResponse = Type.Object({ items: Type.Array(SessionView) }, { title: 'Sessions' })
export type SessionsResponse = Static<typeof SessionsResponse>
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const OperatorParams = Type.Object({ id: Type.String({ format: 'uuid' }), operatorId: Type.String({ format: 'uuid' }) })

export const SwitchActingBody = Type.Object(
  { kind: ActingKind, id: Type.Optional(Type.String({ format: 'uuid' })) },
  { additionalProperties: false, title: 'SwitchActing' },
)
export type SwitchActingBody = Static<typeof SwitchActingBody>

export const EnterpriseView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  uscc: Type.String(),
  name: Type.String(),
  role: Type.Union([Type.Literal('legal_rep'), Type.Literal('operator')]),
})
export const EnterprisesResponse = Type.Object({ items: Type.Array(EnterpriseView) }, { title: 'MyEnterprises' })
export type EnterprisesResponse = Static<typeof EnterprisesResponse>
export const AddOperatorBody = Type.Object({ phone: Phone }, { additionalProperties: false, title: 'AddOperator' })
export type AddOperatorBody = Static<typeof AddOperatorBody>
export const OperatorView = Type.Object({ id: Type.String({ format: 'uuid' }), name: Type.String({ description: 'Masked.' }), phone: Type.String({ description: 'Masked.' }), createdAt: Type.String({ format: 'date-time' }), revoked: Type.Boolean() })
export const OperatorsResponse = Type.Object({ items: Type.Array(OperatorView) }, { title: 'Operators' })
export type OperatorsResponse = Static<typeof OperatorsResponse>

export const MANDATE_MAX_DAYS = 90
export const CreateMandateBody = Type.Object(
  {
    granteePhone: Phone,
    itemCodes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    categories: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }),
    endsAt: Type.String({ format: 'date-time' }),
  },
  { additionalProperties: false, title: 'CreateMandate' },
)
export type CreateMandateBody = Static<typeof CreateMandateBody>
export const PaperMandateBody = Type.Object(
  {
    grantorName: Type.String({ minLength: 1, maxLength: 40 }),
    grantorIdNumber: Type.String({ minLength: 1, maxLength: 40 }),
    itemCodes: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 }),
    categories: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }),
    endsAt: Type.String({ format: 'date-time' }),
    documentBase64: Type.String({ minLength: 8, description: 'JPEG or PNG photo of the signed 委托书.' }),
  },
  { additionalProperties: false, title: 'PaperMandate' },
)
export type PaperMandateBody = Static<typeof PaperMandateBody>
export const MandateView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  direction: Type.Union([Type.Literal('given'), Type.Literal('received')]),
  counterpart: Type.String({ description: 'Masked name of the other person.' }),
  itemCodes: Type.Array(Type.String()),
  categories: Type.Array(Type.String()),
  endsAt: Type.String({ format: 'date-time' }),
  createdAt: Type.String({ format: 'date-time' }),
  revoked: Type.Boolean(),
  paper: Type.Boolean(),
})
export type MandateView = Static<typeof MandateView>
export const MandatesResponse = Type.Object({ items: Type.Array(MandateView) }, { title: 'Mandates' })
export type MandatesResponse = Static<typeof MandatesResponse>
export const AuditView = Type.Object({ at: Type.String({ format: 'date-time' }), action: Type.String(), actor: Type.String({ description: 'Masked.' }) })
export const AuditResponse = Type.Object({ items: Type.Array(AuditView) }, { title: 'ActionsUnderMandate' })
export type AuditResponse = Static<typeof AuditResponse>

export const CONSENT_KINDS = ['privacy_policy', 'face', 'id_processing'] as const
export const ConsentBody = Type.Object(
  { kind: Type.Union(CONSENT_KINDS.map((k) => Type.Literal(k))), version: Type.String({ minLength: 1, maxLength: 20 }), granted: Type.Boolean() },
  { additionalProperties: false, title: 'Consent' },
)
export type ConsentBody = Static<typeof ConsentBody>
export const ConsentsResponse = Type.Object(
  { items: Type.Array(Type.Object({ kind: Type.String(), version: Type.String(), granted: Type.Boolean(), at: Type.String({ format: 'date-time' }) })) },
  { title: 'Consents' },
)
export type ConsentsResponse = Static<typeof ConsentsResponse>
export const DeleteAccountBody = Type.Object({ confirm: Type.Literal(true) }, { additionalProperties: false, title: 'DeleteAccount' })

export const StaffLoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 200 }), totp: Type.String({ pattern: '^[0-9]{6}$' }), device: Device },
  { additionalProperties: false, title: 'StaffLogin' },
)
export type StaffLoginBody = Static<typeof StaffLoginBody>
/** First sign-in (or after a reset): the one-time password, a code from the newly enrolled TOTP app, and the new password. */
export const StaffSetupBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    totp: Type.String({ pattern: '^[0-9]{6}$' }),
    /** Required on a one-time password; left out after a TOTP reset (enrolment only). */
    newPassword: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    device: Device,
  },
  { additionalProperties: false, title: 'StaffSetup' },
)
export type StaffSetupBody = Static<typeof StaffSetupBody>
export const StaffRole = Type.Union([Type.Literal('window'), Type.Literal('approver'), Type.Literal('admin')])
export type StaffRoleName = Static<typeof StaffRole>
/** A hall of a window officer's scope, named for the screen. */
const StaffHall = Type.Object({ id: Type.String(), name: Type.String() })
/** Scope (issue 20): the department whose items an officer works on; window staff also their halls. */
const StaffScopeFields = {
  departmentId: Type.Optional(Type.String()),
  departmentName: Type.Optional(Type.String()),
  halls: Type.Array(StaffHall),
}
export const StaffMeResponse = Type.Object(
  { id: Type.String({ format: 'uuid' }), username: Type.String(), displayName: Type.String(), roles: Type.Array(StaffRole), ...StaffScopeFields },
  { title: 'StaffMe' },
)
export type StaffMeResponse = Static<typeof StaffMeResponse>
export const StaffAccountView = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    displayName: Type.String(),
    roles: Type.Array(StaffRole),
    ...StaffScopeFields,
    disabled: Type.Boolean(),
    lockedUntil: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { title: 'StaffAccount' },
)
export type StaffAccountView = Static<typeof StaffAccountView>
export const StaffListResponse = Type.Object({ items: Type.Array(StaffAccountView) }, { title: 'StaffList' })
export type StaffListResponse = Static<typeof StaffListResponse>
const StaffScopeBodyFields = {
  roles: Type.Array(StaffRole, { minItems: 1, maxItems: 3, uniqueItems: true }),
  /** Department id of the catalog (e.g. 'civil' 民政局); required for window and approver staff. */
  departmentId: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
  /** Hall ids of the catalog; required (≥ 1) for window staff. */
  hallIds: Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 40, uniqueItems: true }),
}
export const StaffCreateBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-z][a-z0-9_.-]{2,31}$' }),
    displayName: Type.String({ minLength: 1, maxLength: 60 }),
    /** Initial password, handed over out of band. */
    password: Type.String({ minLength: 10, maxLength: 200 }),
    ...StaffScopeBodyFields,
  },
  { additionalProperties: false, title: 'StaffCreate' },
)
export type StaffCreateBody = Static<typeof StaffCreateBody>
export const StaffScopeBody = Type.Object({ displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })), ...StaffScopeBodyFields }, { additionalProperties: false, title: 'StaffScope' })
export type StaffScopeBody = Static<typeof StaffScopeBody>
/** A new TOTP secret (base32): shown once, to be added to the officer's authenticator. */
export const StaffTotpResponse = Type.Object({ account: StaffAccountView, totpSecret: Type.String(), otpauthUri: Type.String() }, { title: 'StaffTotp' })
export type StaffTotpResponse = Static<typeof StaffTotpResponse>
export const StaffIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) })
export const VillageAgentBody = Type.Object({ phone: Phone, enabled: Type.Boolean() }, { additionalProperties: false, title: 'VillageAgent' })
export const CreatedResponse = Type.Object({ id: Type.String({ format: 'uuid' }) }, { title: 'Created' })
export type CreatedResponse = Static<typeof CreatedResponse>
