// 导航 on h5: loaded when tapped (see h5.ts openLocation), so Taro's h5 action sheet, toast and
// clipboard code are not part of the first screen.
import Taro from '@tarojs/taro'
import { PlatformCancelledError, PlatformFailedError } from './errors'
import { messages } from '../domain/messages/main'
import { mapLinks } from './map-links'
import type { MapPlace } from './types'

/**
 * 导航 on h5, as 随申办 / 粤省事 do on the web: an in-app sheet of map apps and 复制地址. Nothing
 * leaves the app until the person picks a map (then in a new tab, so this one stays); dismissing
 * the sheet is a cancel.
 */
export async function chooseMap(place: MapPlace): Promise<void> {
  const t = messages.platform.mapSheet
  const links = mapLinks(place)
  const choices = [links.amap, links.baidu, links.tencent]
  let tapIndex: number
  try {
    ;({ tapIndex } = await Taro.showActionSheet({ itemList: [t.amap, t.baidu, t.tencent, t.copyAddress] }))
  } catch {
    throw new PlatformCancelledError()
  }
  if (tapIndex < choices.length) return openInNewTab(choices[tapIndex])
  try {
    await Taro.setClipboardData({ data: place.address })
  } catch (e) {
    throw new PlatformFailedError('map', (e as Error)?.message ?? String(e))
  }
  void Taro.showToast({ title: t.copied, icon: 'success' })
}

function openInNewTab(url: string): void {
  const a = document.createElement('a')
  a.href = url
  a.target = '_blank'
  a.rel = 'noopener'
  document.body.appendChild(a)
  a.click()
  a.remove()
}

