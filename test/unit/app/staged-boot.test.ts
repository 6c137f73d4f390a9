// config/h5/staged-boot-loader.js: the h5 app entry starts up in short tasks, and pages mount as
// React transitions (rendered in slices), issue 18 (TBT). The entry below has the shape Taro's
// h5 loader generates (@tarojs/taro-loader/lib/h5.js), after Babel.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const stagedBoot = require('../../../config/h5/staged-boot-loader.js') as (source: string) => string

const ENTRY = [
  "import { initPxTransform } from '@tarojs/taro'",
  "import { createRouter, createBrowserHistory, handleAppMountWithTabbar } from '@tarojs/router'",
  "import '@tarojs/components/global.css'",
  "import component from '/src/app'",
  "import { window } from '@tarojs/runtime'",
  "import { createReactApp } from '@tarojs/plugin-framework-react/dist/runtime'",
  "import * as React from 'react'",
  "import ReactDOM from 'react-dom/client'",
  'var config = {}',
  'window.__taroAppConfig = config',
  'var inst = createReactApp(component, React, ReactDOM, config)',
  'var history = createBrowserHistory({ window })',
  'handleAppMountWithTabbar(config, history)',
  'createRouter(history, inst, config, React)',
].join('\n')

/** The statements the loader puts right after `var inst = …`, up to the next original line. */
function transitionSnippet(out: string): string {
  const lines = out.split('\n')
  const from = lines.findIndex((l) => l.startsWith('var inst = createReactApp('))
  const to = lines.findIndex((l, i) => i > from && l.startsWith('await yieldToMain();'))
  return lines.slice(from + 1, to).join('\n')
}

describe('staged boot loader', () => {
  test('each import becomes its own stage, with a yield after it', () => {
    const out = stagedBoot(ENTRY)
    expect(out).toMatch(/const React = await import\(\/\* webpackMode: "eager" \*\/ 'react'\);\nawait yieldToMain\(\);/)
    // The style sheet stays a static import.
    expect(out).toContain("import '@tarojs/components/global.css'")
  })

  test('a page mounts inside React.startTransition, one task after it is asked for', async () => {
    const snippet = transitionSnippet(stagedBoot(ENTRY))
    expect(snippet).toContain('startTransition')
    let inTransition = false
    const calls: Array<{ args: unknown[]; inTransition: boolean; self: unknown }> = []
    const inst = {
      mount(this: unknown, ...args: unknown[]) {
        calls.push({ args, inTransition, self: this })
      },
    }
    const React = {
      startTransition(fn: () => void) {
        inTransition = true
        try {
          fn()
        } finally {
          inTransition = false
        }
      },
    }
    let yields = 0
    const yieldToMain = () => {
      yields++
      return Promise.resolve()
    }
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated statements against stand-ins
    new Function('inst', 'React', 'yieldToMain', snippet)(inst, React, yieldToMain)
    const cb = () => undefined
    inst.mount('Page', 'pages/home/index', cb)
    // Not yet: the root renders its wrapper first.
    expect(calls).toHaveLength(0)
    await Promise.resolve()
    await Promise.resolve()
    expect(yields).toBe(1)
    expect(calls).toEqual([{ args: ['Page', 'pages/home/index', cb], inTransition: true, self: inst }])
  })

  test('without startTransition (an older React) the mount is left as it is', () => {
    const snippet = transitionSnippet(stagedBoot(ENTRY))
    const mount = () => undefined
    const inst = { mount }
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated statements against stand-ins
    new Function('inst', 'React', 'yieldToMain', snippet)(inst, {}, () => Promise.resolve())
    expect(inst.mount).toBe(mount)
  })

  test('an entry of another shape fails the build instead of shipping', () => {
    expect(() => stagedBoot(ENTRY.replace('var inst = createReactApp(', 'var app = createReactApp('))).toThrow(/staged-boot-loader: the generated app entry/)
  })
})
