// h5 导航's map links: each map's documented marker URI, the hall's GCJ-02 coordinates passed as
// GCJ-02 (Baidu's default is BD-09, Amap's and Tencent's GCJ-02), name and address encoded.
import { mapLinks } from '../../../src/platform/map-links'
import { HALL_SEEDS } from '../../../mock/data/catalog/halls'

const hall = { lat: 29.8866, lng: 121.5496, name: '江北区行政服务中心', address: '宁波市江北区大庆南路1号' }

function parse(u: string) {
  const url = new URL(u)
  return { origin: url.origin + url.pathname, q: url.searchParams }
}

test('高德: uri.amap.com/marker, position lng,lat, coordinate=gaode (GCJ-02), the name', () => {
  const { origin, q } = parse(mapLinks(hall).amap)
  expect(origin).toBe('https://uri.amap.com/marker')
  expect(q.get('position')).toBe('121.5496,29.8866')
  expect(q.get('coordinate')).toBe('gaode')
  expect(q.get('name')).toBe(hall.name)
  expect(q.get('src')).toBeTruthy()
})

test('百度: api.map.baidu.com/marker, location lat,lng with coord_type=gcj02 (not its BD-09 default), title and address', () => {
  const { origin, q } = parse(mapLinks(hall).baidu)
  expect(origin).toBe('https://api.map.baidu.com/marker')
  expect(q.get('location')).toBe('29.8866,121.5496')
  expect(q.get('coord_type')).toBe('gcj02')
  expect(q.get('title')).toBe(hall.name)
  expect(q.get('content')).toBe(hall.address)
  expect(q.get('output')).toBe('html')
  // Baidu's URI API asks for webapp.<company>.<app>.
  expect(q.get('src')).toMatch(/^webapp\.[\w-]+\.[\w-]+$/)
})

test('腾讯: apis.map.qq.com/uri/v1/marker, coord:lat,lng;title;addr in one marker field, Tencent coordinates (GCJ-02), a referer', () => {
  const { origin, q } = parse(mapLinks(hall).tencent)
  expect(origin).toBe('https://apis.map.qq.com/uri/v1/marker')
  expect(q.get('marker')).toBe(`coord:29.8866,121.5496;title:${hall.name};addr:${hall.address}`)
  expect(q.get('coord_type')).toBe('2')
  expect(q.get('referer')).toBeTruthy()
})

test('names and addresses that carry URL or marker syntax stay inside their field', () => {
  const odd = { ...hall, name: '甲&乙=丙;丁:戊#', address: '某路1号?2楼' }
  const l = mapLinks(odd)
  expect(parse(l.amap).q.get('name')).toBe(odd.name)
  expect(parse(l.baidu).q.get('title')).toBe(odd.name)
  expect(parse(l.baidu).q.get('content')).toBe(odd.address)
  const marker = parse(l.tencent).q.get('marker')!
  // Three fields exactly: coord, title, addr (';' and ':' in the values are blanked).
  expect(marker.split(';')).toHaveLength(3)
  expect(marker).toContain('addr:某路1号?2楼')
  expect(parse(l.tencent).q.get('referer')).toBeTruthy()
})

test('the seeded halls are in China, lat before lng where the map wants it', () => {
  // The hall data (GCJ-02, mock/data/catalog/halls.ts) is around 宁波: lat ~29-30, lng ~121-122.
  for (const h of HALL_SEEDS.slice(0, 5)) {
    const { q } = parse(mapLinks({ ...h.location, name: h.name, address: h.address }).baidu)
    const [lat, lng] = q.get('location')!.split(',').map(Number)
    expect(lat).toBeGreaterThan(28)
    expect(lat).toBeLessThan(31)
    expect(lng).toBeGreaterThan(120)
    expect(lng).toBeLessThan(123)
  }
})
