import { useEffect, type ReactNode } from 'react'
import { View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { UpdateBar } from './UpdateBar'
import { updateState } from './updateState'

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
export const Page = observer(function Page({ title, children }: Props) {
  const store = useStore()
  useEffect(dropStaticShell, [])
  return (
    <View className={store.app.elderMode ? 'page elder' : 'page'}>
      {updateState.visible ? (
        <UpdateBar onApply={() => updateState.apply?.()} onDismiss={() => updateState.dismiss()} />
      ) : null}
      {title ? <View className='page-title' ariaRole='heading'>{title}</View> : null}
      {children}
    </View>
  )
})
