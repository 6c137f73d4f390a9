import { useEffect, useState } from 'react'
import Taro, { useRouter } from '@tarojs/taro'
import { View, Text, Button } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { format, messages } from '@/packages/catalog/messages'
import { Page, SectionHeader, EmptyState, ROUTES, goBack } from '@/components'
import { useCatalogStore } from '@/stores/useCatalog'
import type { BundleDetailResponse } from '@/domain/contract/catalog'
import { userMessage } from '@/services/request'
import { guideUrl, param } from '../routes'
import './catalog.css'

const t = messages.catalogUi.bundle
const c = messages.catalog

/** 一件事: the items it covers, one merged form and one merged materials list. */
export default observer(function BundlePage() {
  const store = useCatalogStore()
  const code = param(useRouter().params.code)
  const [doc, setDoc] = useState<BundleDetailResponse | undefined>(undefined)
  const [error, setError] = useState<string | undefined>(undefined)

  useEffect(() => {
    let live = true
    store.bundle(code).then(
      (d) => live && setDoc(d),
      (e: unknown) => live && setError(format(t.failed, { reason: userMessage(e) })),
    )
    return () => {
      live = false
    }
  }, [store, code])

  if (error) return <Page><EmptyState title={error} body='' actionLabel={messages.ui.common.back} onAction={goBack} /></Page>
  if (!doc) return <Page><View className='card'><Text className='card-text'>{t.loading}</Text></View></Page>

  return (
    <Page title={doc.bundle.name}>
      <View className='card cat-section'>
        <Text className='card-text'>{doc.bundle.description}</Text>
        <Text className='text-muted text-small'>{`${doc.bundle.leadDepartmentName} · ${c.visits[doc.bundle.visits as 0 | 1 | 2]} · ${format(c.guide.promisedDays, { days: doc.bundle.promisedDays })}`}</Text>
      </View>

      <View className='card cat-section'>
        <SectionHeader title={t.items} />
        {doc.items.map((i) => (
          <View key={i.code} className='list-row' ariaRole='link' onClick={() => void Taro.navigateTo({ url: guideUrl(i.code) })}>
            <View className='cat-material-text'>
              <Text>{i.name}</Text>
              <Text className='text-muted text-small'>{i.departmentName}</Text>
            </View>
            <Text className='chevron'>›</Text>
          </View>
        ))}
      </View>

      <View className='card cat-section'>
        <SectionHeader title={t.form} />
        {doc.form.map((f) => (
          <View key={f.key} className='cat-kv'>
            <Text className='cat-kv-key'>{f.label}</Text>
            <Text className='cat-kv-value text-muted'>{[f.required ? t.requiredField : '', format(t.usedBy, { count: f.usedBy.length })].filter(Boolean).join(' · ')}</Text>
          </View>
        ))}
      </View>

      <View className='card cat-section'>
        <SectionHeader title={t.materials} />
        {doc.materials.map((m) => (
          <View key={m.name} className='cat-material'>
            <View className='cat-material-text'>
              <Text>{m.name}</Text>
              <Text className='text-muted text-small'>
                {[c.materialForm[m.form], format(c.guide.copies, { count: m.copies }), m.required ? c.guide.required : c.guide.optional, format(t.usedBy, { count: m.usedBy.length })].join(' · ')}
              </Text>
            </View>
          </View>
        ))}
      </View>

      <View className='cat-actions'>
        <Button className='btn' id='bundle-apply' onClick={() => void Taro.navigateTo({ url: `${ROUTES.apply}?code=${encodeURIComponent(doc.bundle.code)}&bundle=1` })}>{t.apply}</Button>
      </View>
    </Page>
  )
})
