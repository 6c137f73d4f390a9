import { DATA_SCOPES, LIFE_EVENT_SCOPES, isMandateCategory, mandateAllows } from '../../../src/domain/mandate'
import { catalog } from '../../../src/domain/messages/zh-CN/catalog'
import { account } from '../../../src/domain/messages/zh-CN/account'

describe('mandate scope', () => {
  const m = { itemCodes: ['330200-GA-001'], categories: ['retirement', 'socialSecurity'] }
  test('an item is covered by its code or by one of its life events', () => {
    expect(mandateAllows(m, { itemCode: '330200-GA-001' })).toBe(true)
    expect(mandateAllows(m, { itemCode: 'X', lifeEvents: ['birth', 'retirement'] })).toBe(true)
    expect(mandateAllows(m, { itemCode: 'X', lifeEvents: ['birth'] })).toBe(false)
    expect(mandateAllows(m, { itemCode: 'X' })).toBe(false)
  })
  test('data scopes are named explicitly; a life event never opens personal records', () => {
    expect(mandateAllows(m, { dataScope: 'socialSecurity' })).toBe(true)
    expect(mandateAllows(m, { dataScope: 'property' })).toBe(false)
    expect(mandateAllows({ itemCodes: [], categories: ['housing'] }, { dataScope: 'property' })).toBe(false)
  })
  test('only known categories are accepted, and every one has a label', () => {
    expect(isMandateCategory('tax')).toBe(false)
    expect(isMandateCategory('')).toBe(false)
    for (const c of DATA_SCOPES) {
      expect(isMandateCategory(c)).toBe(true)
      expect(account.dataScope[c]).toMatch(/\p{Script=Han}/u)
    }
    for (const c of LIFE_EVENT_SCOPES) {
      expect(isMandateCategory(c)).toBe(true)
      expect(catalog.lifeEvent[c]).toMatch(/\p{Script=Han}/u)
    }
  })
})
