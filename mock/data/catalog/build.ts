// Expands the authored specs into full ServiceItems: codes, defaults by type, the long tail of
// licence follow-up items (变更/延续/注销 …), and steps. Pure and deterministic (seeded RNG).
import {
  ITEM_TYPE_CODES,
  type EnterpriseStage,
  type FourWays,
  type ItemType,
  type Material,
  type ProcessStep,
  type ServiceItem,
} from '../../../src/domain/catalog/types'
import { DEPARTMENTS, DEPARTMENT_BY_ID, type DepartmentSeed } from './departments'
import { intBetween, rngFor } from './rng'
import { parseMaterial, type ItemSpec } from './spec'
import { POLICE } from './items.police'
import { HPF, HRSS, MEDINS } from './items.social'
import { HOUSING, NRP, REALTY, TAX } from './items.property'
import { COMMERCE, CULTURE, DEVREFORM, ECO, FIRE, MARKET, SAFETY, TOBACCO, URBAN, UTILITY, WATER } from './items.business'
import { AGRI, CIVIL, DISABLED, EDUCATION, HEALTH, JUSTICE, TRANSPORT, VETERAN } from './items.people'

export const CITY_REGION = '330200'

export const SPECS_BY_DEPARTMENT: Record<string, ItemSpec[]> = {
  police: POLICE,
  hrss: HRSS,
  medins: MEDINS,
  hpf: HPF,
  realty: REALTY,
  nrp: NRP,
  market: MARKET,
  civil: CIVIL,
  transport: TRANSPORT,
  health: HEALTH,
  education: EDUCATION,
  tax: TAX,
  housing: HOUSING,
  justice: JUSTICE,
  veteran: VETERAN,
  disabled: DISABLED,
  devreform: DEVREFORM,
  commerce: COMMERCE,
  culture: CULTURE,
  eco: ECO,
  agri: AGRI,
  safety: SAFETY,
  water: WATER,
  urban: URBAN,
  fire: FIRE,
  tobacco: TOBACCO,
  utility: UTILITY,
}

const pad3 = (n: number): string => String(n).padStart(3, '0')

function fourWaysFrom(letters: string): FourWays {
  return {
    instant: letters.includes('I'),
    online: letters.includes('O'),
    nearby: letters.includes('N'),
    oneVisit: letters.includes('V'),
  }
}

function legalBasis(spec: ItemSpec, dept: DepartmentSeed): string[] {
  const refs = spec.b ?? [0]
  const out = refs.map((r) => (typeof r === 'number' ? dept.laws[r] : r))
  for (const law of out) if (!law) throw new Error(`bad legal basis index in ${spec.name}`)
  return [...new Set(out)]
}

function defaultMaterials(spec: ItemSpec): Material[] {
  const base = spec.aud === 'e' ? ['营业执照', '法人身份证明'] : ['身份证']
  return [...base, `${spec.name}申请表`, '委托书'].map(parseMaterial)
}

function materials(spec: ItemSpec): Material[] {
  const list = spec.m ? spec.m.map(parseMaterial) : defaultMaterials(spec)
  // Every item accepts an authorised agent (代办); add the mandate unless already listed.
  if (!list.some((m) => m.name === '授权委托书')) list.push(parseMaterial('委托书'))
  return list
}

function steps(type: ItemType, ways: FourWays, auto: boolean, visits: number, promisedDays: number): ProcessStep[] {
  const s = (name: string, description: string): ProcessStep => ({ name, description })
  const apply = s('申请', ways.online ? '通过指尖办在线提交，或到窗口提交申请材料' : '到窗口提交申请材料')
  if (auto) {
    return [
      apply,
      s('数据核验', '系统自动比对人口、社保、不动产等部门共享数据'),
      s('自动决定', '核验通过的即时办结；未通过的转人工审核，不直接驳回'),
      s('送达', '结果推送到消息中心，电子证照存入卡包'),
    ]
  }
  if (ways.instant && promisedDays === 0) {
    return [apply, s('受理并办结', '材料齐全的当场办结'), s('送达', '当场领取或电子送达')]
  }
  const review: Record<ItemType, ProcessStep[]> = {
    permit: [s('审查', '对申请材料进行审查'), s('决定', '作出准予或不予许可的决定')],
    benefit: [s('审核', '核对申请人资格和家庭经济状况'), s('决定', '作出给付决定'), s('发放', '按月或一次性发放到本人账户')],
    confirmation: [s('审核', '核实申请事项'), s('决定', '作出确认结果')],
    reward: [s('评审', '组织评审'), s('公示', '公示评审结果'), s('决定', '作出奖励决定')],
    adjudication: [s('调查', '调查核实，组织调解'), s('审理', '开庭或书面审理'), s('裁决', '作出裁决并送达')],
    inspection: [s('检查', '开展现场检查'), s('结论', '出具检查结论')],
    otherPower: [s('审核', '审核申请内容'), s('办结', '出具办理结果')],
    publicService: [s('办理', '按服务规范办理'), s('办结', '出具办理结果')],
  }
  const site = visits === 2 ? [s('现场核查', '工作人员预约上门或到场核查')] : []
  return [apply, s('受理', '材料齐全、符合法定形式的予以受理；需补正的一次性告知'), ...site, ...review[type], s('送达', '快递寄送、窗口领取或电子送达')]
}

interface Built {
  spec: ItemSpec
  item: ServiceItem
}

function expand(spec: ItemSpec, dept: DepartmentSeed, seq: number): ServiceItem {
  const rnd = rngFor(spec.name)
  const audience = spec.aud === 'e' ? 'enterprise' : spec.aud === 'b' ? 'both' : 'person'
  const authored = fourWaysFrom(spec.w ?? (audience === 'enterprise' ? 'OV' : 'ONV'))
  const legalDays = spec.L ?? (spec.type === 'adjudication' ? 60 : 20)
  const promisedDays = spec.P ?? (authored.instant ? 0 : Math.max(1, Math.round(legalDays * (0.25 + rnd() * 0.25))))
  // 马上办 is the 即办件 of the 五件制 (当场办结, 立等可取: seeds 000 and 003): an item decided on
  // the spot, promised in 0 days. One that promises working days is a 承诺件, whatever its letters say.
  const ways: FourWays = { ...authored, instant: authored.instant && promisedDays === 0 }
  const auto = spec.auto ? { rules: spec.auto, onFail: 'manualReview' as const } : null
  const visits = spec.v ?? (ways.online && (auto || promisedDays === 0) ? 0 : 1)
  const baseCode = `${ITEM_TYPE_CODES[spec.type]}${dept.code}${pad3(seq)}000`
  return {
    baseCode,
    code: `${CITY_REGION}${baseCode}`,
    name: spec.name,
    aliases: [...new Set(spec.a ?? [])].filter((a) => a !== spec.name),
    subItems: (spec.sub ?? []).map((name, i) => ({ baseCode: `${baseCode.slice(0, 8)}${pad3(i + 1)}`, name })),
    type: spec.type,
    department: dept.id,
    level: spec.lvl ?? (audience === 'enterprise' ? 'city' : 'district'),
    legalBasis: legalBasis(spec, dept),
    steps: steps(spec.type, ways, auto !== null, visits, promisedDays),
    legalDays,
    promisedDays,
    materials: materials(spec),
    fees: spec.f ?? [],
    fourWays: ways,
    visits,
    audience,
    halls: [],
    canApplyOnline: ways.online,
    canBook: spec.book ?? visits > 0,
    autoApproval: auto,
    popularity: spec.pop ?? intBetween(rnd, 4, 30),
    lifeEvents: spec.life ?? [],
    enterpriseStages: spec.stage ?? [],
  }
}

// What each follow-up action asks for, on top of the holder's identity.
const ACTION_MATERIALS: Record<string, string[]> = {
  变更: ['变更申请书', '变更事项证明材料%'],
  变更注册: ['变更注册申请表', '拟执业机构证明%'],
  延续: ['延续申请书', '原许可证件'],
  延续注册: ['延续注册申请表', '体检'],
  延期: ['延期申请书', '原许可证件'],
  注销: ['注销申请书', '原许可证件?'],
  注销注册: ['注销注册申请表'],
  补证: ['补证申请书', '遗失声明*'],
  补发: ['补发申请书', '遗失声明*'],
  换发: ['换发申请书', '原许可证件'],
  换证: ['换证申请表', '原证件'],
  换领: ['换领申请表', '原证件', '照片'],
  迁移: ['迁移申请表', '户口簿'],
  复审: ['复审申请表', '体检', '原证件'],
  校验: ['校验申请书', '执业情况报告'],
  终止: ['终止申请书', '财务清算报告^', '学生安置方案'],
  停业: ['停业申请书'],
  歇业: ['歇业申请书', '原许可证件'],
}
const ACTION_STAGE: Record<string, EnterpriseStage> = { 变更: 'change', 变更注册: 'change', 注销: 'close', 终止: 'close', 歇业: 'close', 停业: 'operate' }

function followUp(parent: Built, action: string): ItemSpec {
  const { spec, item } = parent
  const cycle = spec.cycle!
  const closing = ['注销', '注销注册', '终止', '歇业', '停业'].includes(action)
  const holder = item.audience === 'person' ? '身份证' : '营业执照'
  const extra = ACTION_MATERIALS[action] ?? [`${action}申请书`]
  const rnd = rngFor(`${cycle.licence}${action}`)
  const L = closing ? Math.min(item.legalDays, 20) : item.legalDays
  const stage = ACTION_STAGE[action]
  return {
    type: spec.type,
    name: `${cycle.licence}${action}`,
    a: (spec.a ?? []).slice(0, 1).map((alias) => `${alias}${action}`),
    aud: spec.aud,
    pop: Math.max(1, Math.round(item.popularity * (0.15 + rnd() * 0.3))),
    w: closing ? 'IOV' : spec.w,
    v: item.fourWays.online ? (closing ? 0 : 1) : spec.v,
    L,
    P: closing ? 0 : Math.max(1, Math.min(item.promisedDays, Math.round(L * (0.2 + rnd() * 0.2)))),
    b: item.legalBasis,
    m: [holder, ...extra],
    life: spec.life,
    stage: stage ? [stage] : spec.stage?.includes('start') ? ['operate'] : spec.stage,
    lvl: spec.lvl,
  }
}

export function buildItems(): ServiceItem[] {
  const out: ServiceItem[] = []
  for (const dept of DEPARTMENTS) {
    const specs = SPECS_BY_DEPARTMENT[dept.id] ?? []
    let seq = 0
    const built: Built[] = specs.map((spec) => ({ spec, item: expand(spec, dept, ++seq) }))
    for (const b of built) out.push(b.item)
    for (const b of built) {
      for (const action of b.spec.cycle?.actions ?? []) out.push(expand(followUp(b, action), dept, ++seq))
    }
  }
  for (const id of Object.keys(SPECS_BY_DEPARTMENT)) if (!DEPARTMENT_BY_ID.has(id)) throw new Error(`unknown department ${id}`)
  return out
}
