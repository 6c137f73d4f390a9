// Compact authoring format for catalog items. build.ts expands a spec into a full ServiceItem
// (codes, defaults by type and department, materials, steps). Keeping the authored lines short
// is what lets a person review 200 items at a glance.
import type {
  AutoApprovalRule,
  EnterpriseStage,
  Fee,
  ItemType,
  LifeEvent,
  Material,
} from '../../../src/domain/catalog/types'

export interface ItemSpec {
  type: ItemType
  name: string
  /** Aliases people type. */
  a?: string[]
  /** Sub-item names (子项). */
  sub?: string[]
  /** Audience: p(erson) (default), e(nterprise), b(oth). */
  aud?: 'p' | 'e' | 'b'
  /** Popularity 0-100; default is drawn from the seed (low). */
  pop?: number
  /** 四办 letters: I 马上办, O 网上办, N 就近办, V 一次办. Default by type and audience. */
  w?: string
  /** Visits; default 0 when the item is 网上办 and 即办 or auto-approved, else 1. */
  v?: 0 | 1 | 2
  /** Legal / promised working days. */
  L?: number
  P?: number
  /** Legal basis: index into the department's laws, or a full title. Default: law 0. */
  b?: Array<number | string>
  /** Materials: a MATERIALS key, or a name with flags (see parseMaterial). */
  m?: string[]
  f?: Fee[]
  life?: LifeEvent[]
  stage?: EnterpriseStage[]
  /** Implementing level; default 'district' for person items, 'city' for enterprise ones. */
  lvl?: 'city' | 'district'
  auto?: AutoApprovalRule[]
  /** Booking allowed; default: true when the item needs a visit. */
  book?: boolean
  /**
   * Licence lifecycle: the certificate's name and the follow-up items to generate for it,
   * e.g. { licence: '食品经营许可证', actions: ['变更', '延续', '注销'] }.
   */
  cycle?: { licence: string; actions: string[] }
}

export const fee = (name: string, yuan: number | null, basis: string): Fee => ({
  name,
  amountFen: yuan === null ? null : Math.round(yuan * 100),
  basis,
})

const mat = (name: string, o: Partial<Material> = {}): Material => ({
  name,
  form: 'original',
  copies: 1,
  required: true,
  source: 'applicant',
  commitmentAllowed: false,
  ...o,
})

/** Materials that recur across items, written once. */
export const MATERIALS: Record<string, Material> = {
  身份证: mat('居民身份证', { source: 'government', issuer: '公安机关', sampleNote: '在有效期内；网上办理时以电子证照或刷脸核验代替' }),
  户口簿: mat('居民户口簿', { source: 'government', issuer: '公安机关', sampleNote: '首页及本人页' }),
  照片: mat('近期免冠照片', { copies: 2, sampleNote: '近6个月内白底免冠彩色证件照，可在大厅免费拍摄' }),
  营业执照: mat('营业执照', { source: 'shared', issuer: '市场监管部门', sampleNote: '已通过电子营业执照共享获取，无需提交' }),
  法人身份证明: mat('法定代表人身份证明', { sampleNote: '加盖单位公章，附法定代表人身份证复印件' }),
  委托书: mat('授权委托书', { required: false, sampleNote: '委托他人办理时提供，写明委托事项、权限和期限，并附受托人身份证' }),
  结婚证: mat('结婚证', { source: 'government', issuer: '民政部门' }),
  不动产权证书: mat('不动产权证书', { source: 'shared', issuer: '不动产登记机构', sampleNote: '或原房屋所有权证、国有土地使用证' }),
  租赁合同: mat('房屋租赁合同', { form: 'copy', sampleNote: '已办理租赁登记备案的可免交' }),
  劳动合同: mat('劳动合同', { form: 'copy' }),
  学历证书: mat('学历证书', { source: 'shared', issuer: '教育部门', sampleNote: '通过学信网在线核验；境外学历附教育部留学服务中心认证书' }),
  无犯罪: mat('无犯罪记录证明', { source: 'government', issuer: '公安机关', commitmentAllowed: true }),
  出生证明: mat('出生医学证明', { source: 'shared', issuer: '卫生健康部门', sampleNote: '新版出生医学证明已电子化，医院签发后自动共享' }),
  死亡证明: mat('居民死亡医学证明（推断）书', { source: 'shared', issuer: '医疗机构或公安机关' }),
  银行卡: mat('本人社会保障卡或银行账户信息', { form: 'copy', sampleNote: '用于发放待遇，须为申请人本人账户' }),
  驾驶证: mat('机动车驾驶证', { source: 'government', issuer: '公安交通管理部门' }),
  行驶证: mat('机动车行驶证', { source: 'government', issuer: '公安交通管理部门' }),
  体检: mat('身体条件证明', { source: 'intermediary', sampleNote: '县级或部队团级以上医疗机构、或有资质的体检机构出具，6个月内有效' }),
  章程: mat('公司章程', { sampleNote: '全体股东签署；可使用登记机关提供的章程范本' }),
  住所证明: mat('住所（经营场所）使用证明', { form: 'copy', commitmentAllowed: true, sampleNote: '自有房产提供产权证明，租赁的提供租赁合同；可作住所申报承诺' }),
  平面图: mat('经营场所平面布局图', { sampleNote: '标明功能区、设备位置和面积' }),
  承诺书: mat('告知承诺书', { sampleNote: '申请人签署，承诺符合条件、所填信息真实' }),
  购房合同: mat('商品房买卖合同', { source: 'shared', issuer: '住房和城乡建设部门', sampleNote: '网签合同已共享，无需提交' }),
  完税: mat('契税完税凭证', { source: 'shared', issuer: '税务部门' }),
  残疾证: mat('中华人民共和国残疾人证', { source: 'government', issuer: '残疾人联合会' }),
  退伍证: mat('退出现役证', { source: 'government', issuer: '部队' }),
  医疗费: mat('医疗费用原始票据及费用明细清单', { sampleNote: '电子票据可在线上传' }),
  病历: mat('病历资料', { form: 'copy', sampleNote: '出院记录、诊断证明等' }),
  施工合同: mat('建设工程施工合同', { form: 'copy' }),
  图纸: mat('建设工程设计图纸', { source: 'intermediary', sampleNote: '由设计单位出具，已通过施工图联合审查的可共享' }),
}

/**
 * A material reference: a MATERIALS key, or a name with trailing flags:
 *   ?  not required     %  copy instead of original     *  a commitment may replace it
 *   @  fetched by data sharing (免提交)                   ^  issued by an intermediary
 */
export function parseMaterial(ref: string): Material {
  const known = MATERIALS[ref]
  if (known) return { ...known }
  const m = /^(.*?)([?%*@^]*)$/.exec(ref)
  const name = m ? m[1] : ref
  const flags = m ? m[2] : ''
  return mat(name, {
    required: !flags.includes('?'),
    form: flags.includes('%') ? 'copy' : 'original',
    commitmentAllowed: flags.includes('*'),
    source: flags.includes('@') ? 'shared' : flags.includes('^') ? 'intermediary' : 'applicant',
  })
}

export const rule = (
  id: string,
  fact: string,
  op: AutoApprovalRule['op'],
  value: AutoApprovalRule['value'],
  description: string,
): AutoApprovalRule => ({ id, fact, op, value, description })
