import { autoApprove, ageOn, checkField, commitmentText, formFor, isKeyMaterial, modesFor, normaliseForm, sniffType, validateForm } from '../../../src/domain/cases'
import { makeIdNumber } from '../../../src/domain'

const today = new Date('2026-11-22T02:00:00Z')

describe('forms as data', () => {
  const elder = formFor({ code: '330200051001001000', name: '高龄津贴申领', audience: 'person' })
  it('explicit form for 高龄津贴, standard forms otherwise', () => {
    expect(elder.fields.map((f) => f.key)).toContain('bankAccount')
    const ent = formFor({ code: 'x', name: '某许可', audience: 'enterprise' })
    expect(ent.fields.find((f) => f.kind === 'uscc')?.prefill).toBe('uscc')
    const bundled = formFor({ code: 'y', name: '某事项', audience: 'person' }, [{ key: 'childName', label: '子女姓名', kind: 'text', required: true }])
    expect(bundled.fields.map((f) => f.key)).toContain('childName')
  })
  it('checks every field kind with the domain rules', () => {
    const id = makeIdNumber('330203', '1940-05-06', 123)
    const values = { applicantName: '张三', applicantIdNumber: id, phone: '13800138000', region: '330203', address: '海曙区某路1号', bankName: '宁波银行', bankAccount: '6222' }
    expect(validateForm(elder.fields, values, today)).toEqual({})
    const bad = validateForm(elder.fields, { ...values, applicantIdNumber: id.slice(0, 17) + (id[17] === '1' ? '2' : '1'), phone: '123', region: '999999', bankName: '花旗', applicantName: '' }, today)
    expect(bad).toEqual({ applicantIdNumber: 'idNumber', phone: 'phone', region: 'region', bankName: 'choice', applicantName: 'required' })
    // A USCC error says what is wrong (issue 21).
    const uscc = { key: 'u', label: 'u', kind: 'uscc', required: true } as const
    expect(checkField(uscc, '91330200MA2XXXXXXX', today)).toBe('usccCheckChar')
    expect(checkField(uscc, '91330200MA2AB3CD0', today)).toBe('usccLength')
    expect(checkField(uscc, '91330200MA2AB3CDO4', today)).toBe('usccForbidden')
    expect(checkField(uscc, '91330200MA2AB3C#04', today)).toBe('usccCharset')
    expect(checkField(uscc, '94330200MA2AB3CD04', today)).toBe('usccAuthority')
    expect(checkField(uscc, '91990200MA2AB3CD04', today)).toBe('usccRegion')
    expect(checkField(uscc, '91330200MA2AB3CD04', today)).toBeUndefined()
    expect(checkField({ key: 'd', label: 'd', kind: 'date', required: true }, '2026-02-30', today)).toBe('date')
    expect(checkField({ key: 'n', label: 'n', kind: 'number', required: true, min: 1, max: 9 }, '10', today)).toBe('range')
    expect(normaliseForm([{ key: 'n', label: 'n', kind: 'number', required: false }], { n: '3' })).toEqual({ n: 3 })
  })
})

describe('materials', () => {
  it('sniffs jpg/png/pdf by bytes only', () => {
    expect(sniffType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg')
    expect(sniffType(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf')
    expect(sniffType(new TextEncoder().encode('GIF89a'))).toBeUndefined()
    expect(sniffType(new TextEncoder().encode('<svg'))).toBeUndefined()
  })
  it('key materials cannot be deferred; commitments where allowed', () => {
    expect(isKeyMaterial('居民身份证')).toBe(true)
    const m = { name: '收入情况说明', form: 'original' as const, copies: 1, required: true, source: 'applicant' as const, commitmentAllowed: true }
    expect(modesFor(m)).toEqual(['upload', 'commitment', 'deferred'])
    expect(modesFor({ ...m, name: '身份证', commitmentAllowed: false })).toEqual(['shared', 'upload'])
    expect(modesFor({ ...m, name: '户口簿', commitmentAllowed: false })).toEqual(['upload'])
    expect(commitmentText('临时救助申请', '收入情况说明')).toMatch(/虚假承诺的后果/)
  })
})

describe('auto-approval outcome', () => {
  const rules = [
    { id: 'age', fact: 'person.age', op: 'gte' as const, value: 80, description: '年满80周岁' },
    { id: 'hh', fact: 'person.householdRegion', op: 'startsWith' as const, value: '3302', description: '户籍在宁波市' },
  ]
  it('lists each rule passed or not', () => {
    expect(autoApprove(rules, { 'person.age': 85, 'person.householdRegion': '330203' })).toEqual({
      approved: true,
      results: [
        { id: 'age', description: '年满80周岁', passed: true },
        { id: 'hh', description: '户籍在宁波市', passed: true },
      ],
    })
    const out = autoApprove(rules, { 'person.age': 79 })
    expect(out.approved).toBe(false)
    expect(out.results.map((r) => r.passed)).toEqual([false, false])
  })
  it('age by birthday', () => {
    expect(ageOn('1946-11-22', '2026-11-22')).toBe(80)
    expect(ageOn('1946-11-23', '2026-11-22')).toBe(79)
  })
})
