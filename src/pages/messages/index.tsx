import { messages } from '@/domain/messages'
import { Page, EmptyState, openServicesTab } from '@/components'

const t = messages.ui.messages

export default function Messages() {
  return (
    <Page title={t.title}>
      <EmptyState title={t.emptyTitle} body={t.emptyBody} actionLabel={t.emptyAction} onAction={() => openServicesTab()} />
    </Page>
  )
}
