// Pure pieces behind issue 18's journeys: the .ics a booked visit downloads on h5, and search
// finding 一件事 bundles and halls by name with the catalog's synonyms.
import { icsText } from '../../../src/platform/calendar-ics'
import { prepareIndex, searchNamed, type SearchIndex } from '../../../src/domain/catalog/search'

describe('icsText', () => {
  const ev = { uid: 'b1@zhijian', title: '居民身份证首次申领（宁波市民服务中心）', startsAt: '2026-12-08T01:00:00.000Z', endsAt: '2026-12-08T01:30:00.000Z', location: '宁波市民服务中心 宁穿路1901号', description: '请带齐材料，到达后出示签到码。' }
  const text = icsText(ev, new Date('2026-12-07T12:30:00.000Z'))

  it('is one VEVENT in UTC with a reminder an hour before, CRLF lines', () => {
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(text).toContain('DTSTART:20261208T010000Z\r\n')
    expect(text).toContain('DTEND:20261208T013000Z\r\n')
    expect(text).toContain('DTSTAMP:20261207T123000Z\r\n')
    expect(text).toContain('TRIGGER:-PT1H')
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true)
  })

  it('escapes commas and folds long lines at 75 octets without splitting a character', () => {
    const long = icsText({ ...ev, description: '请带齐材料，到达后出示签到码，,;'.repeat(4) }, new Date(0))
    for (const line of long.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
    expect(long).toContain('\\,\\;')
    // Unfolded, the text is whole again.
    expect(long.replace(/\r\n /g, '')).toContain('请带齐材料，到达后出示签到码，\\,\\;请带齐材料')
  })
})

describe('searchNamed', () => {
  const index: SearchIndex = { v: 1, catalog: 't', items: [], depts: {}, syn: [['生孩子', '生育', '出生'], ['小孩', '新生儿', '孩子']], synPy: {}, chars: {} }
  const p = prepareIndex(index)
  const things = [
    { key: 'newborn', name: '新生儿出生' },
    { key: 'restaurant', name: '开办餐馆' },
    { key: 'hall', name: '鄞州区行政服务中心', words: ['鄞州区'] },
  ]

  it.each(['生孩子', '新生儿', '出生一件事', '新生儿出生一件事'])('%s finds 新生儿出生', (q) => {
    expect(searchNamed(p, q, things)[0]).toBe('newborn')
  })

  it('finds halls by name or district; one character or latin finds nothing', () => {
    expect(searchNamed(p, '鄞州', things)).toEqual(['hall'])
    expect(searchNamed(p, '生', things)).toEqual([])
    expect(searchNamed(p, 'gjj', things)).toEqual([])
  })
})
