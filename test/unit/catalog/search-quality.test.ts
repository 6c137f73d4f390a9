// Search quality table: each query must put the expected item in the top 3. The groups say what
// each row exercises; expected items are named (names are unique) and resolved to their codes.
import { gzipSync } from 'zlib'
import { CATALOG, INDEX, PREPARED, codeOf } from './fixture'
import { search } from '../../../src/domain/catalog/search'

const TABLE: Record<string, Array<[query: string, expected: string]>> = {
  chinese: [
    ['高龄津贴', '高龄津贴申领'],
    ['公积金租房提取', '住房公积金提取（租房）'],
    ['公积金贷款', '住房公积金个人住房贷款'],
    ['社会保险参保证明', '社会保险参保证明打印'],
    ['居民身份证换领', '居民身份证换领'],
    ['企业投资项目备案', '企业投资项目备案'],
    ['异地就医', '异地就医备案'],
    ['结婚登记', '内地居民结婚登记'],
    ['二手房过户', '国有建设用地使用权及房屋所有权转移登记（二手房买卖）'],
    ['网约车驾驶员证', '网络预约出租汽车驾驶员证核发'],
    ['港澳通行证', '往来港澳通行证及签注'],
    ['施工许可证', '建筑工程施工许可证核发'],
  ],
  aliases: [
    ['老人补贴', '高龄津贴申领'],
    ['租房提取', '住房公积金提取（租房）'],
    ['新生儿落户', '出生登记'],
    ['宝宝上户口', '出生登记'],
    ['大学生落户', '高校毕业生落户'],
    ['毕业生落户', '高校毕业生落户'],
    ['暂住证', '居住证申领'],
    ['有无房证明', '不动产登记资料查询'],
    ['年检', '机动车检验标志核发'],
    ['电瓶车上牌', '电动自行车登记'],
    ['失业金', '失业保险金申领'],
    ['无犯罪证明', '无犯罪记录证明开具'],
    ['退休', '基本养老金申领'],
    ['护照', '普通护照签发'],
  ],
  synonyms: [
    ['社保证明', '社会保险参保证明打印'],
    ['身份证补办', '居民身份证补领'],
    ['医保转移', '基本医疗保险关系转移接续'],
    ['医疗保险关系转移', '基本医疗保险关系转移接续'],
    ['驾照换证', '机动车驾驶证换证'],
    ['驾照补办', '机动车驾驶证补证'],
    ['房产证补办', '不动产权证书补证换证'],
    ['低保', '最低生活保障申请'],
    ['残疾证', '残疾人证核发'],
    ['居住证', '居住证申领'],
  ],
  enterprise: [
    ['开公司', '企业设立登记'],
    ['营业执照办理', '企业设立登记'],
    ['公司注册', '企业设立登记'],
    ['公司注销', '企业注销登记'],
    ['核名', '企业名称自主申报'],
    ['项目备案', '企业投资项目备案'],
    ['网约车运输证', '网络预约出租汽车运输证核发'],
    ['食品经营许可证', '食品经营许可'],
    ['餐饮许可证', '食品经营许可'],
    ['刻章', '公章刻制备案'],
    ['领发票', '发票领用'],
    ['环评', '建设项目环境影响报告表审批'],
    ['烟草证', '烟草专卖零售许可'],
    ['消防检查', '公众聚集场所投入使用、营业前消防安全检查'],
    ['抵押登记', '抵押权首次登记'],
  ],
  fullPinyin: [
    ['gaolingjintie', '高龄津贴申领'],
    ['gongjijindaikuan', '住房公积金个人住房贷款'],
    ['shebaozhengming', '社会保险参保证明打印'],
    ['shenfenzheng', '居民身份证换领'],
    ['xinshengerluohu', '出生登记'],
    ['yidijiuyi', '异地就医备案'],
    ['juzhuzheng', '居住证申领'],
    ['wangyueche', '网络预约出租汽车驾驶员证核发'],
    ['gongsizhuce', '企业设立登记'],
    ['fangchanchaxun', '不动产登记资料查询'],
    ['jiazhao', '机动车驾驶证换证'],
    ['jiehundengji', '内地居民结婚登记'],
    ['shipinjingyingxuke', '食品经营许可'],
    ['shiyejin', '失业保险金申领'],
    ['gao ling jin tie', '高龄津贴申领'],
  ],
  initials: [
    ['gljt', '高龄津贴申领'],
    ['sbzm', '社会保险参保证明打印'],
    ['gxbyslh', '高校毕业生落户'],
    ['ydjy', '异地就医备案'],
    ['ybzy', '基本医疗保险关系转移接续'],
  ],
  typos: [
    ['高领津贴', '高龄津贴申领'],
    ['公基金贷款', '住房公积金个人住房贷款'],
    ['身分证', '居民身份证换领'],
    ['yidijiuyii', '异地就医备案'],
    ['gongjijn', '住房公积金提取（租房）'],
    ['gaolnigjintie', '高龄津贴申领'],
    ['juzhuzhneg', '居住证申领'],
  ],
}

const rows = Object.entries(TABLE).flatMap(([group, list]) => list.map(([q, name]) => [group, q, name] as const))

describe('search quality', () => {
  it('has at least 40 queries', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40)
  })

  it.each(rows)('[%s] %s → %s in the top 3', (_group, query, name) => {
    const top = search(PREPARED, query, { limit: 3 }).map((h) => h.code)
    expect(top).toContain(codeOf(name))
  })
})

describe('ranking', () => {
  it('puts the exact name first, before items that merely start with it', () => {
    const hits = search(PREPARED, '企业设立登记')
    expect(hits[0]).toMatchObject({ code: codeOf('企业设立登记'), match: 'exactName' })
  })

  it('orders exact, then prefix, then substring, then pinyin tiers', () => {
    const hits = search(PREPARED, '居民身份证', { limit: 50 })
    const kinds = hits.map((h) => h.match)
    expect(kinds[0]).toBe('namePrefix')
    // Scores never increase down the list.
    for (let i = 1; i < hits.length; i++) expect(hits[i].score).toBeLessThanOrEqual(hits[i - 1].score)
    expect(kinds.indexOf('namePrefix')).toBeLessThan(kinds.indexOf('nameSubstring'))
  })

  it('breaks ties by popularity', () => {
    const pop = new Map(CATALOG.items.map((it) => [it.code, it.popularity]))
    const hits = search(PREPARED, '公积金提取', { limit: 10 }).filter((h) => h.match === 'exactAlias')
    expect(hits.length).toBeGreaterThanOrEqual(4)
    for (let i = 1; i < hits.length; i++) expect(pop.get(hits[i].code)!).toBeLessThanOrEqual(pop.get(hits[i - 1].code)!)
    expect(hits[0].code).toBe(codeOf('住房公积金提取（租房）'))
  })

  it('ranks a direct text match above a pinyin-only or homophone match', () => {
    const direct = search(PREPARED, '公积金')
    expect(direct.every((h) => h.match !== 'homophone')).toBe(true)
    const homophone = search(PREPARED, '公基金')
    expect(homophone.length).toBeGreaterThan(0)
    expect(homophone.every((h) => h.match === 'homophone')).toBe(true)
  })

  it('finds department items by department name, below name matches', () => {
    const hits = search(PREPARED, '公安', { limit: 100 })
    expect(hits.length).toBeGreaterThan(10)
    expect(hits.every((h) => CATALOG.items.find((it) => it.code === h.code)!.department === 'police')).toBe(true)
    expect(hits[0].match).toBe('department')
  })

  it('returns nothing for nonsense and does not invent typo matches for short queries', () => {
    expect(search(PREPARED, '火星签证')).toEqual([])
    expect(search(PREPARED, 'qxz')).toEqual([])
    expect(search(PREPARED, 'zzzzzzzz')).toEqual([])
  })

  it('honours the limit and lists by popularity for an empty query', () => {
    const hits = search(PREPARED, '', { limit: 5 })
    expect(hits).toHaveLength(5)
    const top = [...CATALOG.items].sort((a, b) => b.popularity - a.popularity)[0]
    expect(hits[0].code).toBe(top.code)
  })
})

describe('filters', () => {
  const byCode = new Map(CATALOG.items.map((it) => [it.code, it]))

  it('filters by department', () => {
    const hits = search(PREPARED, '证明', { department: 'hrss', limit: 100 })
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((h) => byCode.get(h.code)!.department === 'hrss')).toBe(true)
    expect(search(PREPARED, '证明', { limit: 100 }).length).toBeGreaterThan(hits.length)
  })

  it('filters by a 四办 flag', () => {
    const hits = search(PREPARED, '许可', { fourWay: 'instant', limit: 200 })
    expect(hits.length).toBeGreaterThan(0)
    expect(hits.every((h) => byCode.get(h.code)!.fourWays.instant)).toBe(true)
    const nearby = search(PREPARED, '', { fourWay: 'nearby', limit: 1000 })
    expect(nearby.length).toBe(CATALOG.items.filter((it) => it.fourWays.nearby).length)
  })

  it('filters by audience, keeping items for both', () => {
    const person = search(PREPARED, '登记', { audience: 'person', limit: 500 })
    expect(person.every((h) => byCode.get(h.code)!.audience !== 'enterprise')).toBe(true)
    expect(person.some((h) => byCode.get(h.code)!.audience === 'both')).toBe(true)
    const enterprise = search(PREPARED, '登记', { audience: 'enterprise', limit: 500 })
    expect(enterprise.every((h) => byCode.get(h.code)!.audience !== 'person')).toBe(true)
    expect(search(PREPARED, '企业设立登记', { audience: 'person' })).toEqual([])
  })
})

describe('search index size', () => {
  // Speed is measured by the bench (npm run bench), not asserted here: timing tests flake on
  // noisy machines. Size is deterministic, and it is what every device downloads.
  it('ships a compact index', () => {
    const gz = gzipSync(JSON.stringify(INDEX)).length
    expect(gz).toBeLessThan(60_000)
  })
})
