// Service halls of the 宁波 stand-in: the city 市民服务中心, one 行政服务中心 per district/county,
// street 便民服务中心 and village 代办点. Coordinates are approximate (GCJ-02-ish, enough for
// distance sorting), addresses real-ish; phones use the 0574 area code.
import type { Hall, HallLevel, ServiceItem, TimeRange, WeeklyHours } from '../../../src/domain/catalog/types'

/** A hall as authored; the items it serves are derived from its level (see below). */
type HallSeed = Omit<Hall, 'items'>

const weekdays = (ranges: TimeRange[], saturday?: TimeRange[]): WeeklyHours => ({
  1: ranges,
  2: ranges,
  3: ranges,
  4: ranges,
  5: ranges,
  ...(saturday ? { 6: saturday } : {}),
})
const NO_LUNCH: TimeRange[] = [['09:00', '17:00']]
const LUNCH: TimeRange[] = [['08:30', '12:00'], ['13:30', '17:00']]
const LUNCH_SUMMER: TimeRange[] = [['08:30', '11:45'], ['14:00', '17:30']]
const VILLAGE: TimeRange[] = [['08:30', '11:30'], ['13:30', '16:30']]
const SAT_MORNING: TimeRange[] = [['09:00', '12:00']]

const h = (
  id: string,
  name: string,
  level: HallLevel,
  district: string,
  address: string,
  phone: string,
  lat: number,
  lng: number,
  windows: number,
  hours: WeeklyHours,
): HallSeed => ({ id, name, level, district, address, phone, location: { lat, lng }, windows, hours })

export const HALL_SEEDS: HallSeed[] = [
  h('nb-city', '宁波市民服务中心', 'city', '330212', '鄞州区宁穿路1901号', '0574-87187001', 29.8612, 121.6219, 160, weekdays(NO_LUNCH, SAT_MORNING)),
  // District / county centres (行政服务中心).
  h('hs-centre', '海曙区行政服务中心', 'district', '330203', '海曙区南门街道灵桥路198号', '0574-87299001', 29.8640, 121.5521, 60, weekdays(NO_LUNCH, SAT_MORNING)),
  h('jb-centre', '江北区行政服务中心', 'district', '330205', '江北区洪塘街道大庆南路168号', '0574-87669001', 29.8950, 121.5390, 55, weekdays(LUNCH, SAT_MORNING)),
  h('bl-centre', '北仑区行政服务中心', 'district', '330206', '北仑区新碶街道泰山路1号', '0574-86789001', 29.9030, 121.8470, 58, weekdays(NO_LUNCH)),
  h('zh-centre', '镇海区行政服务中心', 'district', '330211', '镇海区骆驼街道东邑北路1号', '0574-86279001', 29.9480, 121.6360, 45, weekdays(LUNCH, SAT_MORNING)),
  h('yz-centre', '鄞州区行政服务中心', 'district', '330212', '鄞州区首南街道天童南路555号', '0574-88129001', 29.8140, 121.5480, 70, weekdays(NO_LUNCH, SAT_MORNING)),
  h('fh-centre', '奉化区行政服务中心', 'district', '330213', '奉化区锦屏街道南山路150号', '0574-88989001', 29.6510, 121.4060, 42, weekdays(LUNCH)),
  h('xs-centre', '象山县行政服务中心', 'district', '330225', '象山县丹东街道靖南大街18号', '0574-65729001', 29.4720, 121.8730, 40, weekdays(LUNCH_SUMMER)),
  h('nh-centre', '宁海县行政服务中心', 'district', '330226', '宁海县跃龙街道时代大道1号', '0574-65579001', 29.2870, 121.4280, 40, weekdays(LUNCH)),
  h('yy-centre', '余姚市行政服务中心', 'district', '330281', '余姚市阳明街道四明西路501号', '0574-62719001', 30.0400, 121.1510, 52, weekdays(NO_LUNCH, SAT_MORNING)),
  h('cx-centre', '慈溪市行政服务中心', 'district', '330282', '慈溪市白沙路街道北三环东路1999号', '0574-63819001', 30.1850, 121.2710, 56, weekdays(NO_LUNCH, SAT_MORNING)),
  // Street / township 便民服务中心.
  h('hs-gulou', '海曙区鼓楼街道便民服务中心', 'street', '330203', '海曙区鼓楼街道中山西路138号', '0574-87361001', 29.8760, 121.5470, 8, weekdays(LUNCH)),
  h('hs-baiyun', '海曙区白云街道便民服务中心', 'street', '330203', '海曙区白云街道翠柏路77号', '0574-87421001', 29.8670, 121.5230, 6, weekdays(LUNCH)),
  h('jb-zhongma', '江北区中马街道便民服务中心', 'street', '330205', '江北区中马街道人民路132号', '0574-87631001', 29.8840, 121.5590, 6, weekdays(LUNCH, SAT_MORNING)),
  h('jb-kongpu', '江北区孔浦街道便民服务中心', 'street', '330205', '江北区孔浦街道环城北路东段450号', '0574-87351001', 29.9030, 121.5740, 6, weekdays(LUNCH)),
  h('bl-daqi', '北仑区大碶街道便民服务中心', 'street', '330206', '北仑区大碶街道灵峰路888号', '0574-86181001', 29.8840, 121.8010, 8, weekdays(LUNCH)),
  h('bl-xinqi', '北仑区新碶街道便民服务中心', 'street', '330206', '北仑区新碶街道华山路2号', '0574-86881001', 29.9070, 121.8410, 7, weekdays(LUNCH, SAT_MORNING)),
  h('zh-zhaobaoshan', '镇海区招宝山街道便民服务中心', 'street', '330211', '镇海区招宝山街道车站路8号', '0574-86261001', 29.9560, 121.7170, 6, weekdays(LUNCH)),
  h('yz-zhonggongmiao', '鄞州区钟公庙街道便民服务中心', 'street', '330212', '鄞州区钟公庙街道四明中路1176号', '0574-88231001', 29.8350, 121.5300, 8, weekdays(NO_LUNCH, SAT_MORNING)),
  h('yz-xiaying', '鄞州区下应街道便民服务中心', 'street', '330212', '鄞州区下应街道海创路99号', '0574-88341001', 29.8390, 121.6000, 6, weekdays(LUNCH)),
  h('yz-jiangshan', '鄞州区姜山镇便民服务中心', 'street', '330212', '鄞州区姜山镇人民路2号', '0574-88451001', 29.7420, 121.5380, 6, weekdays(LUNCH, SAT_MORNING)),
  h('fh-xikou', '奉化区溪口镇便民服务中心', 'street', '330213', '奉化区溪口镇中兴东路68号', '0574-88851001', 29.6680, 121.2430, 5, weekdays(LUNCH_SUMMER)),
  h('xs-shipu', '象山县石浦镇便民服务中心', 'street', '330225', '象山县石浦镇金山路88号', '0574-65981001', 29.2060, 121.9450, 6, weekdays(LUNCH_SUMMER, SAT_MORNING)),
  h('nh-yuelong', '宁海县跃龙街道便民服务中心', 'street', '330226', '宁海县跃龙街道人民路150号', '0574-65511001', 29.2930, 121.4320, 6, weekdays(LUNCH)),
  h('yy-fengshan', '余姚市凤山街道便民服务中心', 'street', '330281', '余姚市凤山街道南雷南路118号', '0574-62611001', 30.0310, 121.1600, 6, weekdays(LUNCH)),
  h('cx-hushan', '慈溪市浒山街道便民服务中心', 'street', '330282', '慈溪市浒山街道青少年宫路55号', '0574-63021001', 30.1700, 121.2650, 7, weekdays(LUNCH, SAT_MORNING)),
  h('cx-zonghan', '慈溪市宗汉街道便民服务中心', 'street', '330282', '慈溪市宗汉街道新界路128号', '0574-63571001', 30.1930, 121.2150, 5, weekdays(LUNCH)),
  // Village 代办点 (代办员 takes the application and runs it for the villager).
  h('yz-zoumatang', '鄞州区姜山镇走马塘村代办点', 'village', '330212', '鄞州区姜山镇走马塘村村民服务中心', '0574-88461101', 29.7350, 121.5610, 1, weekdays(VILLAGE)),
  h('yy-hengkantou', '余姚市梁弄镇横坎头村代办点', 'village', '330281', '余姚市梁弄镇横坎头村党群服务中心', '0574-62351101', 29.9030, 121.0380, 1, weekdays(VILLAGE)),
  h('nh-qiantong', '宁海县前童镇前童村代办点', 'village', '330226', '宁海县前童镇前童村便民服务站', '0574-65381101', 29.2250, 121.3030, 1, weekdays(VILLAGE)),
  h('xs-dongmen', '象山县石浦镇东门村代办点', 'village', '330225', '象山县石浦镇东门村村委会一楼', '0574-65951101', 29.1990, 121.9570, 1, weekdays(VILLAGE)),
  h('fh-yantou', '奉化区溪口镇岩头村代办点', 'village', '330213', '奉化区溪口镇岩头村文化礼堂旁', '0574-88871101', 29.6360, 121.2030, 1, weekdays(VILLAGE)),
  h('cx-wudongzha', '慈溪市观海卫镇五洞闸村代办点', 'village', '330282', '慈溪市观海卫镇五洞闸村村民服务中心', '0574-63611101', 30.2070, 121.3990, 1, weekdays(VILLAGE)),
  h('bl-tongshan', '北仑区春晓街道慈岙村代办点', 'village', '330206', '北仑区春晓街道慈岙村村民服务中心', '0574-86151101', 29.8070, 121.8690, 1, weekdays(VILLAGE)),
]

// Departments whose person-facing items street centres take in (the rest stay at district level).
const STREET_DEPARTMENTS = new Set(['hrss', 'medins', 'hpf', 'civil', 'disabled', 'veteran', 'health', 'police', 'tax', 'utility', 'housing'])
const VILLAGE_DEPARTMENTS = new Set(['hrss', 'medins', 'civil', 'disabled', 'veteran', 'tax'])
// City-level enterprise items that district centres also accept (同城通办 for the busiest ones).
const DISTRICT_ENTERPRISE_MIN_POPULARITY = 20

/** Which items a hall of this level serves in person. */
export function servesItem(level: HallLevel, item: ServiceItem): boolean {
  switch (level) {
    case 'city':
      return true
    case 'district':
      return item.level === 'district' || item.popularity >= DISTRICT_ENTERPRISE_MIN_POPULARITY
    case 'street':
      return item.audience !== 'enterprise' && item.fourWays.nearby && STREET_DEPARTMENTS.has(item.department)
    case 'village':
      return (
        item.audience !== 'enterprise' &&
        item.fourWays.nearby &&
        item.fourWays.online &&
        VILLAGE_DEPARTMENTS.has(item.department) &&
        item.popularity >= 25
      )
  }
}

export function buildHalls(items: ServiceItem[]): Hall[] {
  return HALL_SEEDS.map((seed) => ({ ...seed, items: items.filter((it) => servesItem(seed.level, it)).map((it) => it.code) }))
}
