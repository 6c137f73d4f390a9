// Staff material viewer (issue 20 item 4) on PGlite and PostgreSQL: an officer whose scope covers
// a case gets a short-lived signed link to each material (image, PDF) and the link opens it without
// a bearer header; another hall's or department's officer gets 404; an expired or tampered link
// 403. Each opening (and only an opening) writes one access-log row that the citizen reads in
// 谁查看了我的数据 as "<department>工作人员 查看了 <material>".
import type { AccessLogResponse } from '../../src/domain/contract/records'
import { format } from '../../src/domain/messages'
import { records as recordsText } from '../../src/domain/messages/zh-CN/records'
import { SEED_STAFF } from '../../mock/src/identity/staff'
import { staffUnitName } from '../../mock/src/staff/scope'
import { PNG, itemCode, pickCitizen, staffToken, upload } from './cases-support'
import { forEachDatabase } from './harness'
import { TestClock, get, loginL3, post } from './identity-helpers'

const clock = new TestClock('2026-11-20T02:00:00.000Z')
const PDF = Buffer.from('%PDF-1.4 statement of hardship\n%%EOF\n')

const unitOf = (username: string) => {
  const s = SEED_STAFF.find((x) => x.username === username)!
  return staffUnitName({ departmentId: s.departmentId ?? null, hallIds: s.hallIds })
}

forEachDatabase(
  'staff: material viewer',
  (getEnv) => {
    beforeAll(() => {
      clock.t = Date.parse('2026-11-20T02:00:00.000Z')
    })

    it('in scope: a signed link opens the image and the PDF; out of scope 404; expired or tampered 403; each opening is in the citizen’s access log', async () => {
      const env = getEnv()
      const person = await pickCitizen(env, 'any')
      const u = await loginL3(env, person)
      const U = { token: u.accessToken }
      const img = (await upload(env, u.accessToken)).json()
      const pdf = (await upload(env, u.accessToken, PDF, 'application/pdf')).json()
      // A 临时救助 (民政) case of a 海曙 applicant: window01 (海曙) and approver02 (民政) cover it.
      const sub = await post(
        env,
        '/api/cases',
        { itemCode: itemCode('临时救助申请'), form: { phone: '13800138000', region: '330203', address: '海曙区灵桥路1号' }, materials: [{ name: '居民身份证', mode: 'upload', fileIds: [img.fileId] }, { name: '困难情况说明', mode: 'upload', fileIds: [pdf.fileId] }] },
        U,
      )
      expect(sub.statusCode).toBe(201)
      const c = sub.json().cases[0]
      const win = { token: await staffToken(env, clock, 'window01') }
      const civil = { token: await staffToken(env, clock, 'approver02') }
      const otherHall = { token: await staffToken(env, clock, 'window02') }
      const otherDept = { token: await staffToken(env, clock, 'approver01') }
      const materialLog = async () => (await get(env, '/api/me/access-log', U)).json<AccessLogResponse>().items.filter((e) => e.action === 'case_material.view')
      const open = (url: string) => env.app.inject({ method: 'GET', url })

      // ---- In scope: link, then the bytes without any header ----------------------------------------
      const linkRes = await get(env, `/api/staff/cases/${c.id}/files/${img.fileId}/link`, win)
      expect(linkRes.statusCode).toBe(200)
      const link = linkRes.json()
      expect(link.type).toBe('image/png')
      expect(Date.parse(link.expiresAt) - clock.t).toBeLessThanOrEqual(5 * 60_000)
      expect(await materialLog()).toEqual([]) // minting a link reads nothing
      const shown = await open(link.url)
      expect(shown.statusCode).toBe(200)
      expect(shown.headers['content-type']).toBe('image/png')
      expect(shown.headers['cache-control']).toBe('private, no-store')
      expect(shown.rawPayload.equals(PNG)).toBe(true)

      const pdfLink = (await get(env, `/api/staff/cases/${c.id}/files/${pdf.fileId}/link`, civil)).json()
      expect(pdfLink.type).toBe('application/pdf')
      const pdfShown = await open(pdfLink.url)
      expect(pdfShown.statusCode).toBe(200)
      expect(pdfShown.headers['content-type']).toBe('application/pdf')
      expect(pdfShown.rawPayload.equals(PDF)).toBe(true)

      // ---- Out of scope: no link, and no sign of the case -------------------------------------------
      for (const r of [otherHall, otherDept]) {
        const res = await get(env, `/api/staff/cases/${c.id}/files/${img.fileId}/link`, r)
        expect(res.statusCode).toBe(404)
        expect(res.body).not.toContain(c.number)
      }
      // No session, no link.
      expect((await get(env, `/api/staff/cases/${c.id}/files/${img.fileId}/link`)).statusCode).toBe(401)
      // A link for a file of another material list (the PDF's id under the image's MAC) does not open.
      const [expText, mac] = new URL(link.url, 'http://x').searchParams.get('t')!.split('.')
      const by = new URL(link.url, 'http://x').searchParams.get('by')!
      const refused = [
        link.url.replace(img.fileId, pdf.fileId), // another file
        link.url.replace(`t=${expText}.${mac}`, `t=${expText}.${mac.slice(0, -1)}${mac.endsWith('0') ? '1' : '0'}`), // MAC tampered
        link.url.replace(`t=${expText}.`, `t=${Number(expText) + 3600}.`), // expiry pushed out
        link.url.replace(`by=${by}`, 'by=00000000-0000-4000-8000-000000000000'), // another officer
        link.url.replace(/t=[^&]+/, 't=garbage'),
      ]
      for (const url of refused) {
        const res = await open(url)
        expect(res.statusCode).toBe(403)
        expect(res.json().code).toBe('STAFF_FILE_LINK_INVALID')
        expect(res.json().message).toMatch(/重新/)
      }
      // Expired: the same link six minutes later.
      clock.advance(6 * 60_000)
      const expired = await open(link.url)
      expect(expired.statusCode).toBe(403)
      expect(expired.json().code).toBe('STAFF_FILE_LINK_INVALID')

      // ---- The citizen sees the two openings, and only those ----------------------------------------
      const log = await materialLog()
      expect(log).toHaveLength(2)
      const lines = log.map((e) => {
        expect(e.who).toBe('staff')
        return format(recordsText.access.staffViewed, { department: e.department ?? '', material: e.subject ?? '' })
      })
      expect(lines.sort()).toEqual(
        [format(recordsText.access.staffViewed, { department: unitOf('window01'), material: '居民身份证' }), format(recordsText.access.staffViewed, { department: unitOf('approver02'), material: '困难情况说明' })].sort(),
      )
      expect(unitOf('approver02')).toBe('宁波市民政局')
      expect(lines.join()).toContain('宁波市民政局工作人员')
    }, 120_000)
  },
  { seed: { citizens: 20, enterprises: 1 }, clock: clock.now },
)
