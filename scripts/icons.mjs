#!/usr/bin/env node
// Renders the one SVG icon set (src/assets/icons/*.svg, drawn with currentColor) to the PNGs the
// platforms need: weapp/alipay tab-bar icons must be local PNG files, and the PWA manifest needs
// raster icons. Run `npm run icons` after editing an SVG, then commit the PNGs.
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const src = join(root, 'src/assets/icons')
// Keep in sync with src/styles/tokens.css (--color-primary, --color-text-secondary).
const PRIMARY = '#0B57D0'
const GREY = '#595959'
const WHITE = '#FFFFFF'

const svg = (name, color) =>
  readFileSync(join(src, `${name}.svg`), 'utf8').replace(/currentColor/g, color)

/** One job = one PNG: an icon drawn at `glyph` px, centred on a `size` px canvas. */
const jobs = []
for (const tab of ['home', 'services', 'messages', 'me']) {
  jobs.push({ out: `src/assets/tabbar/${tab}.png`, size: 81, glyph: 60, name: tab, color: GREY })
  jobs.push({ out: `src/assets/tabbar/${tab}-active.png`, size: 81, glyph: 60, name: tab, color: PRIMARY })
}
for (const tile of ['social', 'fund', 'property', 'booking', 'cases', 'credentials', 'search', 'more']) {
  jobs.push({ out: `src/assets/tiles/${tile}.png`, size: 96, glyph: 80, name: tile, color: PRIMARY })
}
// The 12345 hotline button's handset (white on the primary button): drawn, so it needs no emoji font.
jobs.push({ out: 'src/assets/tiles/phone-white.png', size: 48, glyph: 40, name: 'phone', color: WHITE })
// App icons: white glyph on a blue square. "any" icons use most of the canvas; the maskable one
// keeps the glyph inside the 80 % safe zone, and fills the whole square (no rounded corners).
const appIcon = (size, glyphRatio, radiusRatio) => ({ size, glyph: Math.round(size * glyphRatio), name: 'app', color: WHITE, bg: PRIMARY, radius: Math.round(size * radiusRatio) })
jobs.push({ out: 'src/assets/pwa/icon-192.png', ...appIcon(192, 0.62, 0.18) })
jobs.push({ out: 'src/assets/pwa/icon-512.png', ...appIcon(512, 0.62, 0.18) })
jobs.push({ out: 'src/assets/pwa/icon-maskable-512.png', ...appIcon(512, 0.46, 0) })
jobs.push({ out: 'src/assets/pwa/apple-touch-icon-180.png', ...appIcon(180, 0.6, 0) })

const userDataDir = mkdtempSync(join(tmpdir(), 'zj-icons-'))
const browser = await chromium.launchPersistentContext(userDataDir, {
  deviceScaleFactor: 1,
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
})
try {
  const page = browser.pages()[0] ?? await browser.newPage()
  for (const j of jobs) {
    await page.setViewportSize({ width: j.size, height: j.size })
    const pad = (j.size - j.glyph) / 2
    await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">
      <div style="width:${j.size}px;height:${j.size}px;position:relative;background:${j.bg ?? 'transparent'};border-radius:${j.radius ?? 0}px">
        <div style="position:absolute;left:${pad}px;top:${pad}px;width:${j.glyph}px;height:${j.glyph}px">
          ${svg(j.name, j.color).replace('<svg ', `<svg width="${j.glyph}" height="${j.glyph}" `)}
        </div></div></body></html>`)
    mkdirSync(dirname(join(root, j.out)), { recursive: true })
    const png = await page.screenshot({ omitBackground: !j.bg || (j.radius ?? 0) > 0, clip: { x: 0, y: 0, width: j.size, height: j.size } })
    writeFileSync(join(root, j.out), png)
    console.log(`${j.out}  ${j.size}×${j.size}  ${(statSync(join(root, j.out)).size / 1024).toFixed(1)} KiB`)
  }
} finally {
  await browser.close()
  rmSync(userDataDir, { recursive: true, force: true })
}
