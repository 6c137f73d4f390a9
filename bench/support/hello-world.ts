// A Taro 4 hello-world, the same-run baseline of the H5 benches (issue 9): `taro init` into a
// temporary directory outside the repo (the repo's node_modules linked, nothing installed), built
// for h5 with its own default config, and served as the app's server serves the PWA.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import Fastify from 'fastify'
import { notFoundHandler, registerPwa } from '../../mock/src/static'
import type { BenchContext } from '../types'

export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; log: (l: string) => void }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (b: Buffer) => { out = (out + b.toString()).slice(-20_000) })
    child.stderr.on('data', (b: Buffer) => { out = (out + b.toString()).slice(-20_000) })
    child.on('error', reject)
    child.on('exit', (code) => {
      if (code === 0) resolve()
      else {
        opts.log(out.slice(-3000))
        reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))
      }
    })
  })
}

/** `taro init` a hello-world into `dir` and build its h5; returns the dist directory. */
export async function buildHelloWorld(ctx: BenchContext, dir: string): Promise<string> {
  const taro = path.join(ctx.root, 'node_modules/.bin/taro')
  ctx.log('taro init hello-world (Taro 4, React, TypeScript, webpack5)')
  // Flags per ../shared/TOOLCHAIN.md plus the two prompts it does not cover; no install (the repo's
  // node_modules are linked instead).
  await run(taro, ['init', 'hello', '--description', 'hello', '--typescript', '--no-build-es5', '--framework', 'React', '--compiler', 'Webpack5',
    '--css', 'None', '--template', 'default', '--npm', 'Npm', '--no-autoInstall'], { cwd: dir, log: ctx.log })
  const app = path.join(dir, 'hello')
  fs.symlinkSync(path.join(ctx.root, 'node_modules'), path.join(app, 'node_modules'), 'dir')
  // The template names @tarojs/plugin-generator@4.2.1, which does not exist (TOOLCHAIN.md): drop it.
  const configFile = path.join(app, 'config/index.ts')
  fs.writeFileSync(configFile, fs.readFileSync(configFile, 'utf8').replace(/plugins:\s*\[[^\]]*\]/, 'plugins: []'))
  ctx.log('building hello-world h5')
  await run(taro, ['build', '--type', 'h5'], { cwd: app, env: { NODE_ENV: 'production' }, log: ctx.log })
  return path.join(app, 'dist')
}

/**
 * Serves a built h5 directory the way the app's own server serves dist/h5 (mock/src/static.ts):
 * the same @fastify/static set-up, its brotli/gzip siblings written by the same pre-compression as
 * the PWA build, the same cache headers and SPA fallback. So a baseline differs from the app only
 * in its code, never in how its bytes travel (issue 18: like-for-like LCP).
 */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded when used: an ES module script, which Jest (CommonJS) cannot load with this file.
  const { precompress } = await import('../../scripts/precompress.mjs')
  precompress(dir)
  const app = Fastify({ logger: false })
  const served = await registerPwa(app, dir)
  if (!served) throw new Error(`${dir}/index.html is missing`)
  app.setNotFoundHandler(notFoundHandler(served))
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  return { url: url.replace(/\/$/, ''), close: () => app.close() }
}
