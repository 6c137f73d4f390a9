// The slice of the catalogue that the main package needs: tab pages, shared components, the
// app-wide stores, services and platform layer. The other areas belong to subpackages, which load
// them with their own code, so the H5 first screen does not carry every feature's text (issue 9).
// Same area objects and the same shape as the aggregate in ./index: one catalogue, imported in
// slices — `messages.ui.home` reads the same here and there. `account` here is that area's shared
// part (zh-CN/accountShared): the account pages' own text comes with the account subpackage.
import { ui } from './zh-CN/ui'
import { platform } from './zh-CN/platform'
import { accountShared } from './zh-CN/accountShared'
import { validation } from './zh-CN/validation'

export const messages = { ui, platform, account: accountShared, validation } as const
export { lifeEvent } from './zh-CN/lifeEvent'
export { format } from './format'
