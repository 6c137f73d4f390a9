// The database's transition table is the domain's state machine, row for row; due dates across
// the 2027 Spring Festival through the API with an injected clock.
import { caseTransitionRules } from '../../mock/src/db/schema'
import { CASE_TRANSITIONS } from '../../src/domain/cases/states'
import { forEachDatabase } from './harness'
import { TestClock, loginL2, post } from './identity-helpers'
import { itemCode, pickCitizen, staffToken } from './cases-support'

const clock = new TestClock('2027-02-03T02:00:00.000Z') // Wednesday before the 2027 Spring Festival

forEachDatabase(
  'cases: machine and calendar',
  (getEnv) => {
    it('case_transition_rules holds exactly the domain transitions', async () => {
      const rows = await getEnv().database.db.select().from(caseTransitionRules)
      const key = (r: { from: string; to: string; action: string }) => `${r.from}>${r.to}:${r.action}`
      expect(rows.map((r) => key({ from: r.fromState, to: r.toState, action: r.action })).sort()).toEqual(CASE_TRANSITIONS.map(key).sort())
    })

    it('a case accepted on 2027-02-03 with 3 working days is due 2027-02-10 (除夕 and 初三 are off; provisional)', async () => {
      const env = getEnv()
      const u = await loginL2(env, await pickCitizen(env, 'any'))
      const res = await post(
        env,
        '/api/cases',
        { itemCode: itemCode('临时救助申请'), form: { phone: '13800138000', region: '330203', address: '海曙区' }, materials: [{ name: '困难情况说明', mode: 'deferred' }] },
        { token: u.accessToken },
      )
      expect(res.statusCode).toBe(201)
      const c = res.json().cases[0]
      const win = await staffToken(env, clock, 'window')
      const acc = await post(env, `/api/staff/cases/${c.id}/accept`, {}, { token: win })
      // Thu 02-04 (1), Fri 02-05 除夕 off, weekend, Mon 02-08 初三 off, Tue 02-09 (2), Wed 02-10 (3).
      expect(acc.json()).toMatchObject({ state: 'accepted', dueOn: '2027-02-10', dueProvisional: true })
      // 容缺 material due 10 working days after submission: 02-04, 02-09..12, 02-15..19 → 02-19.
      expect(acc.json().materials.find((m: { name: string }) => m.name === '困难情况说明').dueOn).toBe('2027-02-19')
    })
  },
  { seed: { citizens: 60, enterprises: 1 }, clock: clock.now },
)
