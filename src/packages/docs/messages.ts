// The docs subpackage's slice of the one message catalogue (src/domain/messages), issue 9.
import { docs } from '../../domain/messages/zh-CN/docs'

export const messages = { docs } as const
export { format } from '../../domain/messages/format'
