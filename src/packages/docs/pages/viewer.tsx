// The in-app document viewer (h5): a PDF (e-proof, receipt) drawn as page images, with 下载 and
// 分享; 返回 goes back to the page the person came from. Mini-programs open documents with their
// own viewer (wx/my.openDocument) and never come here.
import { useEffect, useState } from 'react'
import { useRouter } from '@tarojs/taro'
import { View, Text, Button, Image } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { useStore } from '@/stores'
import { Page, goBack } from '@/components'
import { format, messages } from '../messages'
import './viewer.css'

const t = messages.docs
const MAX_PAGES = 20

function fileName(src: string, title: string): string {
  const base = (title || src.split('?')[0].split('/').filter(Boolean).slice(-2, -1)[0] || 'document').replace(/[\\/:*?"<>|\s]+/g, '_')
  return `${base}.pdf`
}

function sameOriginApi(src: string): boolean {
  try {
    const u = new URL(src, window.location.href)
    return u.origin === window.location.origin && u.pathname.startsWith('/api/')
  } catch {
    return false
  }
}

export default observer(function DocViewer() {
  const root = useStore()
  const { params } = useRouter()
  const src = decodeURIComponent(params.src ?? '')
  const title = decodeURIComponent(params.title ?? '')
  const [pages, setPages] = useState<string[] | null>(null)
  const [bytes, setBytes] = useState<ArrayBuffer | null>(null)
  const [error, setError] = useState('')
  const [note, setNote] = useState('')

  useEffect(() => {
    let live = true
    const width = Math.min(760, (typeof window !== 'undefined' ? window.innerWidth : 390) - 32)
    const load = root.platform.loadDocument
    // Same-origin API paths only: the viewer never becomes a way to fetch another site.
    if (!load || !sameOriginApi(src)) {
      setError(t.failed)
      return
    }
    load
      .call(root.platform, src, width)
      .then((d) => {
        if (!live) return
        setPages(d.pages)
        setBytes(d.bytes)
      })
      .catch(() => live && setError(t.failed))
    return () => {
      live = false
    }
  }, [root, src])

  const name = fileName(src, title)
  return (
    <Page title={title || t.title}>
      <View className='btn-row'>
        <Button className='btn btn-secondary' id='doc-back' onClick={goBack}>{t.back}</Button>
        <Button className='btn btn-secondary' id='doc-download' disabled={!bytes} onClick={() => bytes && void root.platform.saveFile?.(bytes, name, 'application/pdf')}>{t.download}</Button>
        <Button
          className='btn btn-secondary'
          id='doc-share'
          disabled={!bytes}
          onClick={() => {
            if (!bytes) return
            void (root.platform.shareFile?.(bytes, name, 'application/pdf', title || t.title) ?? Promise.resolve(false)).then((ok) => setNote(ok ? '' : t.shareUnavailable))
          }}
        >
          {t.share}
        </Button>
      </View>
      {note ? <View className='notice' ariaRole='status'><Text>{note}</Text></View> : null}
      {error ? <View className='notice notice-danger' ariaRole='alert'><Text>{error}</Text></View> : null}
      {!pages && !error ? <View className='text-muted' ariaRole='status'><Text>{t.loading}</Text></View> : null}
      {pages ? (
        <View className='doc-pages' id='doc-pages'>
          <Text className='text-muted'>{format(t.pages, { n: pages.length })}</Text>
          {pages.map((p, i) => (
            <Image key={i} className='doc-page' src={p} mode='widthFix' ariaLabel={format(t.pageAlt, { n: i + 1 })} />
          ))}
          {pages.length >= MAX_PAGES ? <Text className='text-muted'>{format(t.morePages, { n: MAX_PAGES })}</Text> : null}
        </View>
      ) : null}
    </Page>
  )
})
