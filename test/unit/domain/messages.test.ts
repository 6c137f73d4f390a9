import { validation } from '../../../src/domain/messages/zh-CN/validation'
import type { IdNumberError } from '../../../src/domain/idNumber'
import type { UsccError } from '../../../src/domain/uscc'
import type { PhoneError } from '../../../src/domain/phone'

// Type-level: the catalogue has a message for every error kind (tsc fails otherwise).
const idMessages: Record<IdNumberError, string> = validation.idNumber
const usccMessages: Record<UsccError, string> = validation.uscc
const phoneMessages: Record<PhoneError, string> = validation.phone

const ID_KINDS: IdNumberError[] = ['empty', 'length', 'format', 'region', 'birthDate', 'futureBirthDate', 'checkDigit']
const USCC_KINDS: UsccError[] = ['empty', 'length', 'forbiddenChar', 'charset', 'registrationAuthority', 'region', 'checkChar']
const PHONE_KINDS: PhoneError[] = ['empty', 'format']

describe('validation messages', () => {
  it.each([
    ['idNumber', idMessages, ID_KINDS],
    ['uscc', usccMessages, USCC_KINDS],
    ['phone', phoneMessages, PHONE_KINDS],
  ] as const)('%s: exactly one Chinese sentence per error kind', (_area, msgs, kinds) => {
    expect(Object.keys(msgs).sort()).toEqual([...kinds].sort())
    for (const k of kinds) {
      expect(msgs[k as keyof typeof msgs]).toMatch(/^[\u4e00-\u9fa5]/)
      expect((msgs[k as keyof typeof msgs] as string).length).toBeLessThanOrEqual(60)
    }
    // distinct texts, so the user can tell the problems apart
    expect(new Set(Object.values(msgs)).size).toBe(kinds.length)
  })
  it('every non-empty message tells the user what to do', () => {
    for (const msgs of [idMessages, usccMessages, phoneMessages]) {
      for (const [k, m] of Object.entries(msgs)) if (k !== 'empty') expect(m).toMatch(/请/)
    }
  })
})
