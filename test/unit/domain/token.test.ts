// The sender read from an access token (src/domain/token.ts): account plus acting identity.
import { tokenSender } from '../../../src/domain/token'
import { toBase64Url, utf8Encode } from '../../../src/domain/wallet/types'

const jwt = (payload: unknown) => `${toBase64Url(utf8Encode('{"alg":"ES256"}'))}.${toBase64Url(utf8Encode(JSON.stringify(payload)))}.c2ln`

describe('tokenSender', () => {
  it('names the account and how it acts', () => {
    expect(tokenSender(jwt({ sub: 'u1', sid: 's', act: { kind: 'self' } }))).toBe('u1/self/')
    expect(tokenSender(jwt({ sub: 'u1', sid: 's', act: { kind: 'enterprise', id: 'e9' } }))).toBe('u1/enterprise/e9')
  })
  it('is the same for two sessions of the same sender', () => {
    expect(tokenSender(jwt({ sub: 'u1', sid: 'a', act: { kind: 'self' } }))).toBe(tokenSender(jwt({ sub: 'u1', sid: 'b', act: { kind: 'self' } })))
  })
  it('is null for no token or one it cannot read', () => {
    expect(tokenSender(null)).toBeNull()
    expect(tokenSender('opaque-token')).toBeNull()
    expect(tokenSender('a.!!!.c')).toBeNull()
    expect(tokenSender(jwt({ sid: 's' }))).toBeNull()
    expect(tokenSender(`x.${toBase64Url(utf8Encode('not json'))}.y`)).toBeNull()
  })
})
