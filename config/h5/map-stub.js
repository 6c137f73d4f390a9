// h5 build only (config/index.ts): stands in for Taro's web <Map> (a Baidu-map element plus hammerjs,
// about 50 KB). The app shows the native map only on mini-programs and never renders <Map> on h5,
// but the components library's single module would otherwise ship it in every first screen.
export const TaroMapCore = undefined
export const M = undefined
export function defineCustomElement() {}
