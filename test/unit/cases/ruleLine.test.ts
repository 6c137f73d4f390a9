// 秒批 verdict lines on the case page: no doubled brackets after descriptions that end in their own.
import { CIVIL } from '../../../mock/data/catalog/items.people'
import { ruleLine } from '../../../src/packages/cases/ruleLine'

describe('秒批 rule line', () => {
  const rules = CIVIL.flatMap((i) => i.auto ?? [])

  it('reads the rule, then its verdict, without bracket pairs side by side', () => {
    const age = rules.find((r) => r.id === 'age')!
    expect(age.description).toBe('年满80周岁（人口库核验）')
    expect(ruleLine({ description: age.description, passed: false })).toBe('✗ 年满80周岁（人口库核验）：不符合，转人工')
    expect(ruleLine({ description: age.description, passed: true })).toBe('✓ 年满80周岁（人口库核验）：符合')
    for (const r of rules) for (const passed of [true, false]) expect(ruleLine({ description: r.description, passed })).not.toMatch(/（（|））|）（/)
  })
})
