// The feedback store, created on first use inside this subpackage (store-access pattern: /tmp notes, issue 9).
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { FeedbackStore } from './store'

export function feedbackStoreOf(root: RootStore): FeedbackStore {
  return root.feature('feedback', (r) => new FeedbackStore(r.api, r.platform.channel))
}

export function useFeedbackStore(): FeedbackStore {
  return feedbackStoreOf(useStore())
}
