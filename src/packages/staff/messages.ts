// The staff subpackage's slice of the one message catalogue (src/domain/messages): only the
// areas its code uses, so its mini-program subpackage and its H5 chunks carry no other
// feature's text (issue 9). Same area objects as the aggregate: `messages.ui.x` reads the same.
import { accountShared } from '../../domain/messages/zh-CN/accountShared'
import { bookingText } from '../../domain/messages/zh-CN/booking'
import { cases } from '../../domain/messages/zh-CN/cases'
import { records } from '../../domain/messages/zh-CN/records'
import { staff, wallet } from '../../domain/messages/zh-CN/wallet'

export const messages = { account: accountShared, booking: bookingText, cases, records, staff, wallet } as const
export { format } from '../../domain/messages/format'
