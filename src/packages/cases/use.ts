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

/** '2026-11-20T02:00:00.000Z' → '2026-11-20 10:00' (China time). */
export function chinaTimeText(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
