// Field encryption for personal data at rest.
// One configured 32-byte master key; two sub-keys derived with HKDF so the search index (HMAC)
// and the ciphertext never share a key. Ciphertext format: `v1.<iv>.<tag>.<data>` (base64url),
// the version prefix leaves room for key rotation.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12

export interface FieldCrypto {
  /** AES-256-GCM with a random IV: the same plaintext encrypts differently each time. */
  encrypt(plain: string): string
  /** Throws if the value was tampered with or encrypted under another key. */
  decrypt(sealed: string): string
  /** Deterministic keyed index (hex) for equality lookups and unique constraints. */
  index(value: string): string
  /** Constant-time comparison of a value with a stored index. */
  matches(value: string, storedIndex: string): boolean
}

export function createFieldCrypto(masterKey: Buffer): FieldCrypto {
  if (masterKey.length !== 32) throw new RangeError('master key must be 32 bytes')
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhijian/field-encryption/v1', 32))
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'zhijian/field-index/v1', 32))

  const index = (value: string): string => createHmac('sha256', macKey).update(value, 'utf8').digest('hex')

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', encKey, iv)
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
      return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.')
    },
    decrypt(sealed) {
      const parts = sealed.split('.')
      if (parts.length !== 4 || parts[0] !== VERSION) throw new Error('unsupported ciphertext format')
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(parts[1], 'base64url'))
      decipher.setAuthTag(Buffer.from(parts[2], 'base64url'))
      return Buffer.concat([decipher.update(Buffer.from(parts[3], 'base64url')), decipher.final()]).toString('utf8')
    },
    index,
    matches(value, storedIndex) {
      const a = Buffer.from(index(value), 'hex')
      const b = Buffer.from(storedIndex, 'hex')
      return a.length === b.length && timingSafeEqual(a, b)
    },
  }
}
