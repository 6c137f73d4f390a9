// h5 build only (config/index.ts): Stencil's component definers, except the pull-to-refresh one.
// Taro's h5 platform defines <taro-pull-to-refresh-core> at app start for every app (6 KiB of the
// first screen's script, issue 18), but only 我的办件 pulls to refresh: that page defines the real
// element itself when its chunk loads (src/packages/cases/pages/index.tsx), before it renders.
/* eslint-disable import/export -- the named export below deliberately shadows the star export */
export * from '@tarojs/components/dist/components/index.js'

export function defineCustomElementTaroPullToRefreshCore() {}
