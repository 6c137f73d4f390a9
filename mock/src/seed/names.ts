// Name material for synthetic citizens. Surname weights blend the national frequency ranking
// with surnames that are noticeably common in 宁波 (应, 俞, 邵, 竺, 史, 屠…), so lists look local.
import type { Rng } from './rng'

// [surname, weight (≈ per mille of the population)]
const SURNAMES: Array<[string, number]> = [
  ['陈', 72], ['王', 68], ['张', 58], ['李', 56], ['徐', 32], ['周', 30], ['林', 26], ['胡', 24],
  ['刘', 24], ['杨', 20], ['吴', 20], ['黄', 17], ['赵', 15], ['孙', 15], ['朱', 15], ['郑', 14],
  ['应', 12], ['俞', 12], ['邵', 11], ['叶', 11], ['何', 10], ['沈', 10], ['金', 10], ['毛', 9],
  ['钱', 9], ['戴', 9], ['董', 9], ['蒋', 8], ['马', 8], ['郭', 8], ['罗', 7], ['高', 7],
  ['方', 7], ['谢', 7], ['史', 6], ['竺', 5], ['屠', 5], ['严', 5], ['袁', 5], ['丁', 5],
  ['冯', 5], ['许', 5], ['汪', 5], ['范', 4], ['施', 4], ['柴', 4], ['葛', 4], ['宋', 4],
  ['曹', 4], ['贺', 4], ['鲍', 4], ['虞', 4], ['包', 3], ['傅', 3], ['潘', 3], ['姚', 3],
  ['余', 3], ['韩', 3], ['唐', 3], ['卢', 3], ['蔡', 3], ['江', 3], ['程', 3], ['魏', 3],
  ['任', 2], ['秦', 2], ['夏', 2], ['邱', 2], ['石', 2], ['熊', 2], ['谭', 2], ['龚', 2],
  ['楼', 2], ['裘', 2], ['岑', 2], ['乐', 2], ['翁', 2], ['洪', 2], ['舒', 2], ['童', 2],
]
// Compound surnames are rare (well under 1 %), but forms must handle them.
const COMPOUND_SURNAMES = ['欧阳', '司马', '诸葛', '上官', '东方', '慕容', '令狐', '皇甫', '司徒', '尉迟']

const SURNAME_LIST = SURNAMES.map(([s]) => s)
const SURNAME_WEIGHTS = SURNAMES.map(([, w]) => w)

// Given-name characters. Older generations and younger ones draw from different pools.
const MALE_OLD = '国建志明华军伟忠德福荣林根祥海富贵平庆义春生兴发文财宝昌良龙'.split('')
const MALE_NEW = '浩宇轩子涵晨睿泽博皓铭奕辰俊杰鑫磊凯恒彬翔浩然嘉诚宸瑞琦逸'.split('')
const FEMALE_OLD = '秀英兰芳玉珍桂凤梅丽华素美琴萍娟红霞爱月云芬菊淑彩娣'.split('')
const FEMALE_NEW = '欣怡梓涵诗雨萱佳悦婷思琪可馨雅静妍晨露颖瑶蕾心语若汐'.split('')
const NEUTRAL = '文安宁清和明一佳晓雨乐子'.split('')

export function makeName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
  const surname = rng.chance(0.004) ? rng.pick(COMPOUND_SURNAMES) : rng.weighted(SURNAME_LIST, SURNAME_WEIGHTS)
  const modern = birthYear >= 1980
  const pool = sex === 'M' ? (modern ? MALE_NEW : MALE_OLD) : modern ? FEMALE_NEW : FEMALE_OLD
  const char = () => (rng.chance(0.12) ? rng.pick(NEUTRAL) : rng.pick(pool))
  // Single-character given names were common in the 1950s–80s and are rarer now.
  const single = rng.chance(birthYear < 1990 && birthYear >= 1950 ? 0.3 : 0.12)
  if (single) return surname + char()
  let a = char()
  let b = char()
  // Avoid accidental doubles like 建建 except the deliberate reduplicated girls' names (婷婷).
  if (a === b && !(sex === 'F' && modern && rng.chance(0.5))) b = rng.pick(pool)
  if (a === b && sex === 'M') a = rng.pick(NEUTRAL)
  return surname + a + b
}
