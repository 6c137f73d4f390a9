import * as fs from 'fs'
import * as path from 'path'
import { CATALOG, INDEX, codeOf } from './fixture'
import { haversineMeters, normalise, synonymVariants, withinOneEdit } from '../../../src/domain/catalog/search'
import { mergeBundleForm, mergeBundleMaterials } from '../../../src/domain/catalog/bundle'
import { evaluateRules } from '../../../src/domain/catalog/rules'
import { syllables } from '../../../mock/data/catalog/buildIndex'

describe('haversineMeters', () => {
  it('is zero for the same point and symmetric', () => {
    const a = { lat: 29.8612, lng: 121.6219 }
    const b = { lat: 30.17, lng: 121.265 }
    expect(haversineMeters(a, a)).toBe(0)
    expect(haversineMeters(a, b)).toBeCloseTo(haversineMeters(b, a), 6)
  })
  it('matches known distances', () => {
    // One degree of latitude ≈ 111.2 km on the mean sphere.
    expect(haversineMeters({ lat: 29, lng: 121 }, { lat: 30, lng: 121 })).toBeCloseTo(111_195, -1)
    // 宁波市民服务中心 → 慈溪市行政服务中心 is roughly 46 km as the crow flies.
    const d = haversineMeters({ lat: 29.8612, lng: 121.6219 }, { lat: 30.185, lng: 121.271 })
    expect(d).toBeGreaterThan(44_000)
    expect(d).toBeLessThan(50_000)
  })
})

describe('withinOneEdit', () => {
  it.each([
    ['gongjijn', 'zhufanggongjijintiqu', true], // deletion
    ['gongjiijin', 'zhufanggongjijin', true], // insertion
    ['gongjixin', 'gongjijin', true], // substitution
    ['gognjijin', 'gongjijin', true], // swap
    ['gongxixin', 'gongjijin', false], // two edits
    ['abcdef', 'xyz', false],
  ])('%s in %s → %s', (q, text, expected) => {
    expect(withinOneEdit(q, text)).toBe(expected)
  })
})

describe('synonymVariants and normalise', () => {
  it('swaps synonyms in both directions, two rounds deep', () => {
    const v = synonymVariants('身份证补办', [['身份证', '居民身份证'], ['补办', '补领']])
    expect(v[0]).toBe('身份证补办')
    expect(v).toEqual(expect.arrayContaining(['居民身份证补办', '身份证补领', '居民身份证补领']))
  })
  it('drops punctuation, width and case', () => {
    expect(normalise('住房公积金提取（租房）')).toBe('住房公积金提取租房')
    expect(normalise('ＫＴＶ 许可')).toBe('ktv许可')
  })
})

describe('search index', () => {
  it('carries pinyin for every term and readings only for catalog characters', () => {
    for (const e of INDEX.items) expect(e.y).toHaveLength(1 + e.a.length)
    const catalogChars = new Set(
      [...CATALOG.items.flatMap((it) => [it.name, ...it.aliases]), ...INDEX.syn.flat()].join(''),
    )
    for (const chars of Object.values(INDEX.chars)) for (const ch of chars) expect(catalogChars.has(ch)).toBe(true)
    expect(INDEX.chars.ji).toContain('积')
  })
  it('uses contextual readings for polyphones and keeps Latin runs whole', () => {
    expect(syllables('银行')).toEqual(['yin', 'hang'])
    expect(syllables('KTV许可')).toEqual(['ktv', 'xu', 'ke'])
    expect(syllables('住房公积金提取（租房）')).toEqual(['zhu', 'fang', 'gong', 'ji', 'jin', 'ti', 'qu', 'zu', 'fang'])
  })
  it('keeps pinyin-pro out of app code', () => {
    const dir = path.join(__dirname, '../../../src')
    const offenders: string[] = []
    const walk = (d: string): void => {
      for (const f of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, f.name)
        if (f.isDirectory()) walk(p)
        else if (/\.(ts|tsx)$/.test(f.name) && fs.readFileSync(p, 'utf8').includes('pinyin-pro')) offenders.push(p)
      }
    }
    walk(dir)
    expect(offenders).toEqual([])
  })
})

describe('bundles', () => {
  const items = new Map(CATALOG.items.map((it) => [it.code, it]))
  const bundle = CATALOG.bundles.find((b) => b.id === 'newborn')!

  it('asks each shared field once and remembers which items use it', () => {
    const form = mergeBundleForm(bundle)
    const keys = form.map((f) => f.key)
    expect(new Set(keys).size).toBe(keys.length)
    const totalAsked = bundle.items.reduce((n, it) => n + it.fields.length, 0)
    expect(form.length).toBeLessThan(totalAsked)
    const birthDate = form.find((f) => f.key === 'newborn.birthDate')!
    expect(birthDate.usedBy).toEqual(
      expect.arrayContaining([codeOf('出生医学证明签发'), codeOf('出生登记'), codeOf('生育保险待遇申领')]),
    )
  })

  it('merges required flags and options', () => {
    const merged = mergeBundleForm({
      ...bundle,
      items: [
        { code: 'a', fields: [{ key: 'x', label: 'X', kind: 'select', required: false, options: ['1'] }] },
        { code: 'b', fields: [{ key: 'x', label: 'X', kind: 'select', required: true, options: ['1', '2'] }] },
      ],
    })
    expect(merged).toEqual([{ key: 'x', label: 'X', kind: 'select', required: true, options: ['1', '2'], usedBy: ['a', 'b'] }])
  })

  it('lists each material once across the bundle', () => {
    const mats = mergeBundleMaterials(bundle, items)
    const names = mats.map((m) => m.name)
    expect(new Set(names).size).toBe(names.length)
    const allNames = bundle.items.flatMap((bi) => items.get(bi.code)!.materials.map((m) => m.name))
    expect(new Set(allNames).size).toBe(names.length)
    expect(mats.find((m) => m.name === '居民身份证')!.usedBy.length).toBeGreaterThan(1)
  })
})

describe('auto-approval rules', () => {
  const rules = CATALOG.items.find((it) => it.name === '高龄津贴申领')!.autoApproval!.rules
  const ok = { 'person.age': 85, 'person.householdRegion': '330212', 'person.alive': true, 'civil.receivingElderAllowance': false }

  it('approves when every fact satisfies its rule', () => {
    expect(evaluateRules(rules, ok)).toEqual({ passed: true, failed: [] })
  })
  it('names the failing rules: under 80, outside the city, already receiving', () => {
    expect(evaluateRules(rules, { ...ok, 'person.age': 79 }).failed.map((r) => r.id)).toEqual(['age'])
    expect(evaluateRules(rules, { ...ok, 'person.householdRegion': '330106' }).failed.map((r) => r.id)).toEqual(['household'])
    expect(evaluateRules(rules, { ...ok, 'civil.receivingElderAllowance': true }).passed).toBe(false)
  })
  it('fails a rule whose fact is missing, so the case goes to a person', () => {
    const { 'person.age': _age, ...noAge } = ok
    expect(evaluateRules(rules, noAge).failed.map((r) => r.id)).toEqual(['age'])
  })
  it('supports in / notStartsWith for the graduate rule', () => {
    const g = CATALOG.items.find((it) => it.name === '高校毕业生落户')!.autoApproval!.rules
    const facts = { 'education.level': '本科', 'person.age': 23, 'person.householdRegion': '420102', 'police.pendingMigration': false }
    expect(evaluateRules(g, facts).passed).toBe(true)
    expect(evaluateRules(g, { ...facts, 'education.level': '高中' }).passed).toBe(false)
    expect(evaluateRules(g, { ...facts, 'person.householdRegion': '330203' }).passed).toBe(false)
  })
})
