import { useStore } from '@/stores'
import { apiBase } from '@/services/api'
import { casesClientOf } from '@/services/cases'
import { casesStoreOf, type CasesStore } from './store'

export const CASES_ROUTES = {
  list: '/packages/cases/pages/index',
  detail: '/packages/cases/pages/detail',
  lookup: '/packages/cases/pages/lookup',
  apply: '/packages/apply/pages/index',
} as const

export function useCases(): CasesStore {
  const root = useStore()
  return casesStoreOf(casesClientOf(root, apiBase()), root.platform.chooseFile?.bind(root.platform))
}
