// The hall-visit rating store mirrors the server: the form only when it says canRate, the rating
// after sending, the server's Chinese message on a refusal.
import { VisitRatingStore } from '../../../src/stores/visitRating'
import { ApiError } from '../../../src/services/request'

const base = { bookingId: 'b1', itemName: '居民身份证首次申领', hallName: '江北区行政服务中心' }

describe('VisitRatingStore', () => {
  it('loads, rates once, shows the refusal message', async () => {
    const sent: unknown[] = []
    let rated = false
    const store = new VisitRatingStore({
      visitRating: async () => ({ ...base, canRate: !rated, ...(rated ? { blocked: 'rated' as const } : {}) }),
      rateVisit: async (id, level, tags, comment) => {
        if (rated) throw new ApiError({ status: 409, code: 'VISIT_ALREADY_RATED', message: '这次大厅服务已经评价过了，每次只能评价一次。', kind: 'http' })
        rated = true
        sent.push([id, level, tags, comment])
        return { ...base, canRate: false, blocked: 'rated' as const, rating: { level, tags, at: '2026-11-23T06:20:00.000Z' } }
      },
    })
    await store.load('b1')
    expect(store.view?.canRate).toBe(true)
    await store.rate(4, ['态度好'], '很快')
    expect(sent).toEqual([['b1', 4, ['态度好'], '很快']])
    expect(store.view).toMatchObject({ canRate: false, rating: { level: 4 } })
    expect(store.thanks).toBe(true)
    await store.rate(5, [])
    expect(store.error).toBe('这次大厅服务已经评价过了，每次只能评价一次。')
  })
})
