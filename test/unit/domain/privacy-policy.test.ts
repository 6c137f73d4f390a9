// The privacy policy's "我们收集什么" must name everything the app and the platform keep about a
// person. Tables holding personal data (encrypted columns, uploaded bytes, free text, form values)
// are found from the schema itself, so a new one fails here until the policy says what it is.
import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core'
import { is } from 'drizzle-orm'
import { PgTable as PgTableClass } from 'drizzle-orm/pg-core'
import * as schema from '../../../mock/src/db/schema'
import { RETENTION } from '../../../mock/src/housekeeping'
import { L3_MAX_AGE } from '../../../mock/src/identity/auth'
import { ui } from '../../../src/domain/messages/zh-CN/ui'

const collected = ui.privacy.sections.find((s) => s.heading === '我们收集什么')!.body

/** Per table that holds a person's data: the words the policy uses for it. */
const POLICY_WORDS: Record<string, string[]> = {
  accounts: ['手机号码', '姓名', '身份证号码'],
  citizens: ['姓名', '身份证号码'],
  mini_bindings: ['登录'],
  auth_sessions: ['登录设备', '人脸核验结果'],
  cases: ['申请表', '地址', '联系电话'],
  case_files: ['申请材料', '证件照片', 'PDF'],
  case_commitments: ['告知承诺'],
  case_events: ['随办件保存'],
  case_ratings: ['评价'],
  bookings: ['预约'],
  feedback: ['反馈', '联系电话'],
  mandates: ['委托书'],
  audit_log: ['操作记录'],
  access_log: ['谁查询了我的数据'],
  proofs: ['开具的证明'],
  credentials: ['电子证照'],
}

/** Registry and staff tables: not collected from the person through the app. */
const NOT_COLLECTED = new Set(['enterprises', 'staff_accounts', 'signing_keys'])

const PERSONAL_COLUMN = /(_enc$|^bytes$|^document$|^form$|^content$|^comment$|^address$)/

describe('privacy policy: what we collect', () => {
  const tables: PgTable[] = (Object.values(schema) as unknown[]).filter((v): v is PgTable => is(v, PgTableClass))

  it('names every table of personal data the platform keeps', () => {
    const personal = tables.map((t) => getTableConfig(t)).filter((c) => c.columns.some((col) => PERSONAL_COLUMN.test(col.name))).map((c) => c.name)
    expect(personal.length).toBeGreaterThan(5)
    for (const name of personal) {
      if (NOT_COLLECTED.has(name)) continue
      expect([name, POLICY_WORDS[name] ?? 'missing from POLICY_WORDS']).toEqual([name, expect.any(Array)])
    }
    for (const [table, words] of Object.entries(POLICY_WORDS)) for (const w of words) expect([table, collected.includes(w)]).toEqual([table, true])
  })

  it('names name, ID number, the face check result and uploaded application materials', () => {
    for (const w of ['姓名', '身份证号码', '人脸', '申请材料', '上传']) expect(collected).toContain(w)
    // No face image is kept: only the result (the providers answer pass/fail, auth_sessions.l3_at).
    expect(collected).toContain('不保存人脸图像')
  })

  it('states the kept-for periods the code sets', () => {
    expect(collected).toContain(`${RETENTION.smsCodes / (24 * 3600 * 1000)}天后删除`)
    expect(collected).toContain(`${L3_MAX_AGE / 60_000}分钟`)
  })
})
