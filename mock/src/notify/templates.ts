// Subscribe-message templates: what each kind carries, how its fields map to the data keys of the
// template the operator picked in the WeChat / Alipay console, and the typed settings (env) that
// name the template ids. The keys depend on the template chosen in the console, so the defaults
// below can be overridden per platform with `<PLATFORM>_TPL_<KIND>_KEYS=field=key,...`.
import { Type } from '@sinclair/typebox'
import { SUBSCRIBE_TEMPLATES, type NotifyTemplatesResponse, type SubscribeTemplate } from '../../../src/domain/contract/notify'
import { format } from '../../../src/domain/messages'
import { api } from '../../../src/domain/messages/zh-CN/api'

export type Channel = 'weapp' | 'alipay'
export const CHANNELS: readonly Channel[] = ['weapp', 'alipay']

/** The fields each kind fills, in the template's order. */
export const TEMPLATE_FIELDS: Record<SubscribeTemplate, readonly string[]> = {
  booking_reminder: ['item', 'time', 'place'],
  case_progress: ['name', 'number', 'state', 'time', 'comment'],
  rating_reply: ['name', 'number', 'reply', 'time'],
}

/**
 * Default data keys. WeChat keys carry their type (thing = ≤ 20 characters, character_string = ≤ 32
 * ASCII, phrase = ≤ 5 Chinese characters, time = "YYYY-MM-DD HH:mm"): the sender formats each value
 * by its key's type, so a remapped key is formatted correctly too. Alipay uses keyword1..n.
 */
export const DEFAULT_KEYS: Record<Channel, Record<SubscribeTemplate, Record<string, string>>> = {
  weapp: {
    booking_reminder: { item: 'thing1', time: 'time2', place: 'thing3' },
    case_progress: { name: 'thing1', number: 'character_string2', state: 'phrase3', time: 'time4', comment: 'thing5' },
    rating_reply: { name: 'thing1', number: 'character_string2', reply: 'thing3', time: 'time4' },
  },
  alipay: {
    booking_reminder: { item: 'keyword1', time: 'keyword2', place: 'keyword3' },
    case_progress: { name: 'keyword1', number: 'keyword2', state: 'keyword3', time: 'keyword4', comment: 'keyword5' },
    rating_reply: { name: 'keyword1', number: 'keyword2', reply: 'keyword3', time: 'keyword4' },
  },
}

export interface TemplateSetting {
  id: string
  /** field -> data key */
  keys: Record<string, string>
}
export type ChannelTemplates = Partial<Record<SubscribeTemplate, TemplateSetting>>
export type NotifyConfig = Record<Channel, ChannelTemplates>

const PREFIX: Record<Channel, string> = { weapp: 'WECHAT', alipay: 'ALIPAY' }
const VENDOR: Record<Channel, string> = { weapp: 'WeChat subscribe-message', alipay: 'Alipay mini-program template-message' }
const envName = (c: Channel, t: SubscribeTemplate) => `${PREFIX[c]}_TPL_${t.toUpperCase()}`
const KEYS_PATTERN = '^[a-z]+=[A-Za-z_]+[0-9]+(,[a-z]+=[A-Za-z_]+[0-9]+)*$'

function props(): Record<string, ReturnType<typeof Type.Optional>> {
  const out: Record<string, ReturnType<typeof Type.Optional>> = {}
  for (const c of CHANNELS) {
    for (const t of SUBSCRIBE_TEMPLATES) {
      const def = Object.entries(DEFAULT_KEYS[c][t])
        .map(([f, k]) => `${f}=${k}`)
        .join(',')
      out[envName(c, t)] = Type.Optional(Type.String({ description: `${VENDOR[c]} template id for \`${t}\` (fields ${TEMPLATE_FIELDS[t].join(', ')}). Unset: that message stays in the inbox only.` }))
      out[`${envName(c, t)}_KEYS`] = Type.Optional(Type.String({ pattern: KEYS_PATTERN, description: `Data keys of that template as \`field=key,...\`; default \`${def}\`.` }))
    }
  }
  out.WECHAT_SUBSCRIBE_TEMPLATE_ID = Type.Optional(Type.String({ description: 'Deprecated alias of `WECHAT_TPL_BOOKING_REMINDER`.' }))
  out.ALIPAY_SUBSCRIBE_TEMPLATE_ID = Type.Optional(Type.String({ description: 'Deprecated alias of `ALIPAY_TPL_BOOKING_REMINDER`.' }))
  return out
}

/** The settings, spread into the server's ConfigSchema (validation + README table). */
export const NotifyConfigProps = props()

const LEGACY: Record<Channel, string> = { weapp: 'WECHAT_SUBSCRIBE_TEMPLATE_ID', alipay: 'ALIPAY_SUBSCRIBE_TEMPLATE_ID' }

/** Template ids and key maps from validated config values; errors name the variable to fix. */
export function notifyConfig(values: Record<string, unknown>): { config: NotifyConfig; errors: string[] } {
  const errors: string[] = []
  const config: NotifyConfig = { weapp: {}, alipay: {} }
  const str = (k: string) => {
    const v = values[k]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
  }
  for (const c of CHANNELS) {
    for (const t of SUBSCRIBE_TEMPLATES) {
      const id = str(envName(c, t)) ?? (t === 'booking_reminder' ? str(LEGACY[c]) : undefined)
      const keys = { ...DEFAULT_KEYS[c][t] }
      const raw = str(`${envName(c, t)}_KEYS`)
      if (raw) {
        for (const pair of raw.split(',')) {
          const [field, key] = pair.split('=')
          if (!TEMPLATE_FIELDS[t].includes(field)) errors.push(format(api.config.pattern, { name: `${envName(c, t)}_KEYS`, value: pair }))
          else keys[field] = key
        }
      }
      if (id) config[c][t] = { id, keys }
    }
  }
  return { config, errors }
}

/** What the app may ask the user to accept: configured ids only. */
export function publicTemplates(config: NotifyConfig): NotifyTemplatesResponse {
  const ids = (c: Channel) => Object.fromEntries(Object.entries(config[c]).map(([t, s]) => [t, s.id]))
  return { weapp: ids('weapp'), alipay: ids('alipay') }
}
