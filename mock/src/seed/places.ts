// 宁波 street and neighbourhood material for synthetic addresses, per district code.
import type { Rng } from './rng'

// A few real streets/roads per district (GB/T 2260 code -> [street, neighbourhoods]).
const STREETS: Record<string, { roads: string[]; estates: string[] }> = {
  '330203': { roads: ['中山西路', '解放南路', '柳汀街', '望春路', '集士港路', '环城西路'], estates: ['南苑新村', '孝闻小区', '月湖花园', '望春花园', '天一家园'] },
  '330205': { roads: ['人民路', '大庆南路', '洪塘中路', '江北大道', '北环东路'], estates: ['湾头小区', '洪塘花园', '庄桥新村', '老外滩公寓'] },
  '330206': { roads: ['新大路', '明州路', '太河路', '华山路', '长江路'], estates: ['新碶小区', '九峰花园', '明州新村', '星阳家园'] },
  '330211': { roads: ['车站路', '骆兴路', '庄市大道', '招宝山路'], estates: ['南洪小区', '庄市新村', '骆驼家园', '蛟川花园'] },
  '330212': { roads: ['四明中路', '天童南路', '鄞州大道', '首南西路', '中河路', '宁南南路'], estates: ['钟公庙小区', '四季花城', '东湖花园', '明楼新村', '首南家园'] },
  '330213': { roads: ['南山路', '中山路', '大成路', '岳林东路'], estates: ['锦屏小区', '岳林新村', '溪口花园'] },
  '330225': { roads: ['丹河路', '象山港路', '靖南大街', '天安路'], estates: ['丹城小区', '石浦新村', '东陈家园'] },
  '330226': { roads: ['兴宁中路', '桃源南路', '时代大道', '学勉路'], estates: ['跃龙小区', '桃源新村', '梅林家园'] },
  '330281': { roads: ['阳明西路', '南雷南路', '谭家岭东路', '舜水北路'], estates: ['阳明小区', '凤山新村', '兰江花园'] },
  '330282': { roads: ['新城大道', '慈甬路', '北二环东路', '孙塘南路'], estates: ['浒山新村', '白沙小区', '古塘花园', '宗汉家园'] },
}

export function makeAddress(rng: Rng, districtName: string, districtCode: string): string {
  const s = STREETS[districtCode]
  if (!s) throw new RangeError(`no street data for ${districtCode}`)
  const road = rng.pick(s.roads)
  if (rng.chance(0.8)) {
    const estate = rng.pick(s.estates)
    return `浙江省宁波市${districtName}${road}${rng.int(1, 899)}号${estate}${rng.int(1, 40)}幢${rng.int(1, 28)}0${rng.int(1, 4)}室`
  }
  return `浙江省宁波市${districtName}${road}${rng.int(1, 999)}号`
}

export function hasStreetData(districtCode: string): boolean {
  return districtCode in STREETS
}

// Enterprise name parts: 字号 from two syllable pools (many combinations), then an industry.
const BRAND_A = '甬明华东海天恒信瑞众越宏卓汇锦中博港金永新兴盛鼎嘉泰德宝力丰'.split('')
const BRAND_B = '达诚通远丰源鑫科创业邦辉强顺隆祥安成益泽腾晟昊联洋润'.split('')
export const COMPANY_INDUSTRIES = [
  '电子科技', '机械制造', '服饰', '国际贸易', '物流', '建材', '模具', '文化传媒', '餐饮管理', '网络科技',
  '生物科技', '家居用品', '汽车零部件', '塑料制品', '水产', '软件', '新材料', '电器', '进出口', '船舶服务',
  '精密机械', '环保科技', '信息技术', '轴承', '文具',
]
export const PARTNERSHIP_INDUSTRIES = ['投资管理', '创业投资', '企业管理咨询', '股权投资']
export const SHOP_KINDS = ['小吃店', '便利店', '水果店', '理发店', '五金店', '面馆', '服装店', '副食品店', '维修部', '花店']

export function makeBrand(rng: Rng): string {
  return rng.pick(BRAND_A) + rng.pick(BRAND_B)
}
