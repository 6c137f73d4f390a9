import { useEffect, useState, type ReactNode } from 'react'
import Taro from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { platform } from '@/platform'
import { format, messages } from '@/domain/messages/main'
import { UpdateBar } from './UpdateBar'
import { updateState } from './updateState'
import { goBack, isTabPath } from './nav'

const ob = messages.ui.outbox

interface Props {
  /** Visible page heading (the navigation bar title is set in each page's config). */
  title?: string
  children?: ReactNode
}

/** Removes index.html's static shell (h5) once a real page is on screen; a no-op elsewhere. */
function dropStaticShell(): void {
  if (typeof document === 'undefined' || typeof document.getElementById !== 'function') return
  const shell = document.getElementById('zj-shell')
  shell?.parentNode?.removeChild(shell)
}

/** Root of every page: applies 关怀模式 and shows the update bar when a new version waits. */
/**
 * h5: mirrors 关怀模式 as a class on <html> (the tab bar lives outside every page root), and makes
 * Taro's scrolling page container focusable so keyboard users can scroll it (WCAG 2.1.1).
 */
function syncDocument(elder: boolean): void {
  if (typeof document === 'undefined' || typeof document.querySelector !== 'function') return
  document.documentElement?.classList?.toggle('zj-elder', elder)
  document.querySelectorAll('.taro_page:not([tabindex])').forEach((el) => el.setAttribute('tabindex', '0'))
}

const ui = messages.ui

/**
 * An installed PWA has no browser back button (iOS has no back gesture either) and Taro's h5 tab
 * bar is hidden off the tabs: without this bar a citizen who opened a guide could not get out.
 * Mini-programs have their own navigation bar.
 */
function needsBackBar(): boolean {
  return !!platform.installedApp?.() && !isTabPath(Taro.getCurrentInstance().router?.path)
}

export const Page = observer(function Page({ title, children }: Props) {
  const store = useStore()
  useEffect(dropStaticShell, [])
  const [backBar] = useState(needsBackBar)
  const elder = store.app.elderMode
  useEffect(() => syncDocument(elder), [elder])
  return (
    <View className={store.app.elderMode ? 'page elder' : 'page'}>
      {backBar ? (
        <View className='back-bar' id='back-bar'>
          <Button className='back-bar-btn' onClick={goBack}>‹ {ui.common.back}</Button>
        </View>
      ) : null}
      {store.app.demo ? <View className='demo-banner' id='demo-banner' ariaRole='note'>{ui.demoBanner}</View> : null}
      {updateState.visible ? (
        <UpdateBar onApply={() => updateState.apply?.()} onDismiss={() => updateState.dismiss()} />
      ) : null}
      {store.app.pendingSends > 0 ? (
        <View className='outbox-bar' ariaRole='status' id='outbox-pending'>
          <Text className='outbox-bar-text'>⏳ {format(ob.pending, { n: store.app.pendingSends })}</Text>
        </View>
      ) : store.app.sentNumbers.length > 0 ? (
        <View className='outbox-bar outbox-bar-sent' ariaRole='status' id='outbox-sent'>
          <Text className='outbox-bar-text'>✓ {format(ob.sent, { numbers: store.app.sentNumbers.join('、') })}</Text>
          <Button className='btn btn-secondary' onClick={() => store.app.dismissSent()}>{ob.close}</Button>
        </View>
      ) : null}
      {title ? <View className='page-title' ariaRole='heading' aria-level={1}>{title}</View> : null}
      {children}
    </View>
  )
})
