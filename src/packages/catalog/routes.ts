// Pages of the catalog subpackage, with their query parameters.
export const CATALOG_ROUTES = {
  search: '/packages/catalog/pages/search',
  guide: '/packages/catalog/pages/guide',
  bundle: '/packages/catalog/pages/bundle',
  halls: '/packages/catalog/pages/halls',
  hall: '/packages/catalog/pages/hall',
  soon: '/packages/soon/pages/index',
} as const

export const guideUrl = (code: string) => `${CATALOG_ROUTES.guide}?code=${encodeURIComponent(code)}`
export const bundleUrl = (code: string) => `${CATALOG_ROUTES.bundle}?code=${encodeURIComponent(code)}`
export const hallUrl = (code: string) => `${CATALOG_ROUTES.hall}?code=${encodeURIComponent(code)}`
export const hallsUrl = (item?: string) => (item ? `${CATALOG_ROUTES.halls}?item=${encodeURIComponent(item)}` : CATALOG_ROUTES.halls)
export const soonUrl = (name: string) => `${CATALOG_ROUTES.soon}?name=${encodeURIComponent(name)}`

/** Query values may arrive encoded once more than expected (h5 vs mini-program routers). */
export function param(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
