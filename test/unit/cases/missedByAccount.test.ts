// 高龄津贴's age condition checked from the account before the form: missed only when the fact is known.
import { missedByAccount } from '../../../src/domain/cases/autoApproval'
import { CIVIL } from '../../../mock/data/catalog/items.people'

const rules = CIVIL.find((i) => i.name === '高龄津贴申领')!.auto!

describe('missedByAccount', () => {
  it('reports the age rule for 79, not for 80; ignores facts the account does not give', () => {
    expect(missedByAccount(rules, { 'person.age': 79, 'person.alive': false })).toEqual([{ id: 'age', description: '年满80周岁（人口库核验）', passed: false }])
    expect(missedByAccount(rules, { 'person.age': 80 })).toEqual([])
    expect(missedByAccount(rules, {})).toEqual([])
  })
})
