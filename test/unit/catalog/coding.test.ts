// Content-coding choice for the catalog's pre-compressed documents (mock/src/catalog/http.ts).
import { preferredCoding } from '../../../mock/src/catalog/http'

test.each([
  [undefined, undefined],
  ['', undefined],
  ['identity', undefined],
  ['deflate', undefined],
  ['gzip, deflate, br', 'br'],
  ['gzip', 'gzip'],
  ['br;q=0.5, gzip', 'gzip'],
  ['br;q=0, gzip;q=0', undefined],
  ['*', 'br'],
  ['*;q=0.3, gzip;q=0.8', 'gzip'],
  ['GZIP ; q=1 , BR;q=0.9', 'gzip'],
  ['br;q=abc, gzip', 'gzip'],
] as const)('Accept-Encoding %p → %p', (accept, want) => {
  expect(preferredCoding(accept)).toBe(want)
})
