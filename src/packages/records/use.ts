// The records store, created on first use inside this subpackage so the main bundle stays small (issue 9).
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { apiBase } from '../../services/api'
import { createRecordsApi } from '../../services/records'
import { RecordsStore } from './store'

export function recordsStoreOf(root: RootStore): RecordsStore {
  return root.feature('records', ({ platform, api }) => new RecordsStore({ api: createRecordsApi(api.request), storage: platform.storage, openDocument: platform.openDocument?.bind(platform), apiBase: apiBase() }))
}

export function useRecordsStore(): RecordsStore {
  return recordsStoreOf(useStore())
}
