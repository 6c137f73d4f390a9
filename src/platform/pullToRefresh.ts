// Imported for its effect by the pages that pull to refresh (我的办件). On h5 it defines Taro's
// <taro-pull-to-refresh-core> wrapper, which config/h5/components-dist.js keeps out of the app's
// start (6 KiB of the first screen's script, issue 18); importing it from the page puts it in that
// page's chunk, which loads before the page renders. Mini-programs pull to refresh natively.
if (process.env.TARO_ENV === 'h5') {
  ;(require('@tarojs/components/dist/components/taro-pull-to-refresh-core.js') as { defineCustomElement: () => void }).defineCustomElement()
}

export {}
