import { CASE_STATES, CASE_TRANSITIONS, actionsFor, allowedTransition, actorsForRoles, canRate, isConcluded } from '../../../src/domain/cases'

describe('case state machine', () => {
  it('walks the full path draft → delivered', () => {
    const path: Array<[string, string, string]> = [
      ['draft', 'submit', 'applicant'],
      ['submitted', 'requestSupplement', 'window'],
      ['supplement_requested', 'supplement', 'applicant'],
      ['supplemented', 'accept', 'window'],
      ['accepted', 'startReview', 'approver'],
      ['under_review', 'approve', 'approver'],
      ['approved', 'deliver', 'window'],
    ]
    let state = 'draft'
    for (const [from, action, actor] of path) {
      expect(state).toBe(from)
      const t = allowedTransition(from as never, action as never, actor as never)
      expect(t).toBeDefined()
      state = t!.to
    }
    expect(state).toBe('delivered')
  })
  it('refuses wrong actors and wrong states', () => {
    expect(allowedTransition('submitted', 'accept', 'applicant')).toBeUndefined()
    expect(allowedTransition('submitted', 'approve', 'approver')).toBeUndefined()
    expect(allowedTransition('under_review', 'approve', 'window')).toBeUndefined()
    expect(allowedTransition('approved', 'withdraw', 'applicant')).toBeUndefined()
    expect(allowedTransition('delivered', 'deliver', 'window')).toBeUndefined()
  })
  it('withdraw is possible exactly before conclusion', () => {
    const can = CASE_STATES.filter((s) => actionsFor(s, 'applicant').includes('withdraw'))
    expect(can.sort()).toEqual(['accepted', 'submitted', 'supplement_requested', 'supplemented', 'under_review'].sort())
  })
  it('every transition is unique per (from, action)', () => {
    const keys = CASE_TRANSITIONS.map((t) => `${t.from}/${t.action}`)
    expect(new Set(keys).size).toBe(keys.length)
  })
  it('concluded states allow rating; roles map to actors', () => {
    expect(isConcluded('denied') && canRate('delivered')).toBe(true)
    expect(canRate('under_review')).toBe(false)
    expect(actorsForRoles(['window'])).toEqual(['window'])
    expect(actorsForRoles(['admin'])).toEqual(['window', 'approver'])
  })
})
