// Access tokens: JWT signed with ES256 (jose), 15 minutes, `kid` = RFC 7638 thumbprint of the
// public key so a future key rotation can publish several keys. Citizen and staff tokens have
// different audiences: a token of one kind never verifies on the other kind's endpoints.
import { createPublicKey, type KeyObject } from 'node:crypto'
import { SignJWT, calculateJwkThumbprint, exportJWK, jwtVerify, type JWK } from 'jose'

export const ISSUER = 'zhijian'
export const AUDIENCE = { citizen: 'zhijian-citizen', staff: 'zhijian-staff' } as const
export type Audience = keyof typeof AUDIENCE
export const ACCESS_TOKEN_SECONDS = 15 * 60

export interface ActingClaim {
  kind: 'self' | 'enterprise' | 'proxy'
  /** Enterprise id or mandate id. */
  id?: string
}

export interface AccessClaims {
  sub: string
  sid: string
  act: ActingClaim
  roles?: string[]
}

export interface TokenSigner {
  sign(audience: Audience, claims: AccessClaims, now: Date): Promise<string>
  /** Throws on a bad signature, wrong audience/issuer or expiry (at `now`). */
  verify(token: string, audience: Audience, now: Date): Promise<AccessClaims>
  jwks(): Promise<{ keys: JWK[] }>
}

export function createTokenSigner(privateKey: KeyObject): TokenSigner {
  const publicKey = createPublicKey(privateKey)
  const publicJwk = (async () => {
    const jwk = await exportJWK(publicKey)
    return { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'ES256', use: 'sig' }
  })()
  return {
    async sign(audience, claims, now) {
      const { kid } = await publicJwk
      const iat = Math.floor(now.getTime() / 1000)
      return new SignJWT({ sid: claims.sid, act: claims.act, ...(claims.roles ? { roles: claims.roles } : {}) })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE[audience])
        .setSubject(claims.sub)
        .setIssuedAt(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
        .sign(privateKey)
    },
    async verify(token, audience, now) {
      const { payload } = await jwtVerify(token, publicKey, {
        issuer: ISSUER,
        audience: AUDIENCE[audience],
        algorithms: ['ES256'],
        currentDate: now,
        clockTolerance: 0,
      })
      const act = payload.act as ActingClaim | undefined
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || !act || typeof act.kind !== 'string') throw new Error('malformed claims')
      return { sub: payload.sub, sid: payload.sid, act, roles: Array.isArray(payload.roles) ? (payload.roles as string[]) : undefined }
    },
    async jwks() {
      return { keys: [await publicJwk] }
    },
  }
}
