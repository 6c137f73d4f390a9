// The platform stand-in for the mini-program journeys: the real server (PGlite, seeded, dev clock
// pinned at DEFAULT_INSTANT) started as a user starts it, with the vendors' server APIs (WeChat
// 人脸核身 2.0, Alipay certify) pointed at the local protocol fakes, so the face checks the
// mini-programs run are decided by the server asking the fake, as in production.
import { execFileSync } from 'node:child_process'
import { generateKeyPairSync } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startAlipayFake, type AlipayFake } from '../fakes/alipay'
import { startWechatFake, type WechatFake } from '../fakes/wechat'
import { httpJson } from './http'
import { ROOT, startServer, type RunningServer } from '../support/server'

export const WECHAT_APPID = 'wx-mini-appid'
export const ALIPAY_APP_ID = '2021000000000077'
/** A small synthetic population (the generator is pure: tests derive the same citizens). */
export const SEED = { name: 'mini-journeys', citizens: 200, enterprises: 10 }

export interface StandIn {
  url: string
  server: RunningServer
  wechat: WechatFake
  alipay: AlipayFake
  /** JSON over real HTTP to the stand-in (dev helpers, staff set-up). */
  api<T = any>(method: string, p: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; body: T }>
  stop(): Promise<void>
}

/**
 * The mini-programs never load the PWA, so the server is given a static directory that already
 * counts as current (the start script then skips its h5 build and needs no build lock).
 */
function currentStaticDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhijian-mini-static-'))
  const hash = execFileSync(process.execPath, ['--import', 'tsx', '-e', "import('./mock/src/start.ts').then((m) => process.stdout.write((m.pwaInputsHash ?? m.default.pwaInputsHash)()))"], { cwd: ROOT, encoding: 'utf8' }).trim()
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>mini-program journeys</title>')
  fs.writeFileSync(path.join(dir, '.build-hash'), `${hash}\n`)
  return dir
}

export async function startStandIn(): Promise<StandIn> {
  const appKeys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  const wechat = await startWechatFake(WECHAT_APPID, 'wx-mini-secret')
  const alipay = await startAlipayFake(ALIPAY_APP_ID, appKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string)
  const staticDir = currentStaticDir()
  let server: RunningServer
  try {
    server = await startServer({
      holdBuildLock: false,
      // A fresh PGlite directory is created and seeded: slow on a loaded 2-core machine.
      timeoutMs: 300_000,
      env: {
        STATIC_DIR: staticDir,
        SEED: SEED.name,
        SEED_CITIZENS: String(SEED.citizens),
        SEED_ENTERPRISES: String(SEED.enterprises),
        // Login codes come from the stand-in's dev mini-code (what wx.login / my.getAuthCode give);
        // the face checks go to the vendors' protocol fakes.
        FACE_PROVIDER: 'real',
        WECHAT_API_BASE: wechat.url,
        WECHAT_APPID,
        WECHAT_SECRET: 'wx-mini-secret',
        ALIPAY_GATEWAY: `${alipay.url}/gateway.do`,
        ALIPAY_APP_ID,
        ALIPAY_PRIVATE_KEY: appKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
        ALIPAY_PUBLIC_KEY: alipay.alipayPublicKey,
      },
    })
  } catch (e) {
    await Promise.all([wechat.close(), alipay.close()])
    fs.rmSync(staticDir, { recursive: true, force: true })
    throw e
  }
  const url = server.url
  return {
    url,
    server,
    wechat,
    alipay,
    api: (method, p, body, headers) => httpJson(url, method, p, body, headers),
    async stop() {
      await server.stop()
      await Promise.all([wechat.close(), alipay.close()])
      fs.rmSync(staticDir, { recursive: true, force: true })
    },
  }
}
