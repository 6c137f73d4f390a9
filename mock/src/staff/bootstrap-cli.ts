// `npm run staff:bootstrap -- --username NAME [--name 显示名]`: the first admin of a deployment.
// Migrates, creates the account with a one-time password and a fresh TOTP secret, and prints both
// once (the password must be changed and the TOTP proven at first sign-in). Never seeds.
import QRCode from 'qrcode'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'
import { createFieldCrypto } from '../crypto'
import { configOrExit, connectDatabase, failStartup, StartupError } from '../main'
import { bootstrapAdmin } from './first-signin'

const t = api.bootstrap

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  if (i >= 0) return process.argv[i + 1]
  const eq = process.argv.find((a) => a.startsWith(`${name}=`))
  return eq?.slice(name.length + 1)
}

async function main(): Promise<void> {
  const username = arg('--username')
  if (!username) throw new StartupError([t.usage])
  const config = configOrExit()
  const database = await connectDatabase(config)
  try {
    const r = await bootstrapAdmin(database.db, createFieldCrypto(config.idEncryptionKey), { username, displayName: arg('--name') }, new Date())
    if (!r.created) throw new StartupError([r.reason === 'exists' ? format(t.exists, { username: username.trim().toLowerCase() }) : t.invalid])
    const qr = await QRCode.toString(r.otpauth, { type: 'terminal', small: true, errorCorrectionLevel: 'M' })
    process.stdout.write(
      [format(t.created, { username: r.username }), format(t.password, { password: r.password }), format(t.otpauth, { uri: r.otpauth }), qr, t.next].join('\n') + '\n',
    )
  } finally {
    await database.close()
  }
}

main().catch(failStartup)
