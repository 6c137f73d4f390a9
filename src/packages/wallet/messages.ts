// The wallet subpackage's slice of the one message catalogue (src/domain/messages): only the
// areas its code uses, so its mini-program subpackage and its H5 chunks carry no other
// feature's text (issue 9). Same area objects as the aggregate: `messages.ui.x` reads the same.
import { wallet } from '../../domain/messages/zh-CN/wallet'

export const messages = { wallet } as const
export { format } from '../../domain/messages/format'
