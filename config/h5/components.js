// h5 build only (config/index.ts): Taro's React components, except that the heavy form controls
// used by a single subpackage page come from their own modules. Taro's own library defines every
// component the app uses in ONE module, so a control used on one feature page (the picker of
// 在线申请, ~16 KB) shipped with the first screen (issue 9). Same factory, same props.
/* eslint-disable import/export -- the named exports below deliberately shadow the star export */
export * from '@tarojs/components/lib/react/index.js'
export { Picker } from './components/Picker.js'
export { Textarea } from './components/Textarea.js'
export { Button } from './components/Button.js'
