// The cases subpackage's slice of the one message catalogue (src/domain/messages): only the
// areas its code uses, so its mini-program subpackage and its H5 chunks carry no other
// feature's text (issue 9). Same area objects as the aggregate: `messages.ui.x` reads the same.
import { accountShared } from '../../domain/messages/zh-CN/accountShared'
import { cases } from '../../domain/messages/zh-CN/cases'

export const messages = { account: accountShared, cases } as const
export { format } from '../../domain/messages/format'
