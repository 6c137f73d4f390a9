// The one zh-CN message catalogue, shared by the app and the platform stand-in.
// Each area keeps its own file so that features can grow their text independently. This aggregate
// is for the server and the tests. The app imports slices of it: the main package (tab pages,
// shared components, app-wide stores) through ./main, each subpackage through its own
// src/packages/<feature>/messages.ts, so neither the H5 first screen nor a mini-program
// subpackage carries other features' text (issue 9).
import { validation } from './zh-CN/validation'
import { api } from './zh-CN/api'
import { ui } from './zh-CN/ui'
import { catalog } from './zh-CN/catalog'
import { platform } from './zh-CN/platform'
import { catalogUi } from './zh-CN/catalogUi'
import { account } from './zh-CN/account'
import { records } from './zh-CN/records'
import { cases } from './zh-CN/cases'
import { bookingText } from './zh-CN/booking'
import { docs } from './zh-CN/docs'

import { wallet, staff } from './zh-CN/wallet'

export const messages = { validation, api, ui, catalog, platform, account, catalogUi, records, cases, booking: bookingText, wallet, staff, docs } as const
export type Messages = typeof messages

export { format } from './format'
