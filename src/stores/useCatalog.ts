// The catalog store (search index, guides, halls), shared by the subpackages that need it: catalog,
// booking and staff. Created on first use and imported only by subpackage code (never through the
// @/stores index), so it stays out of the main bundle (issue 9).
import type { RootStore } from './root'
import { useStore } from './useStore'
import { createCatalogApi } from '../services/catalog'
import { homeDistrictOf } from '../services/known'
import { CatalogStore } from './catalog'

export function catalogStoreOf(root: RootStore): CatalogStore {
  return root.feature('catalog', ({ platform, api, session }) => {
    const home = homeDistrictOf(api.request)
    return new CatalogStore(createCatalogApi(platform, api.request), platform.storage, () => platform.getLocation(), async () => (session.isLoggedIn ? home() : undefined))
  })
}

export function useCatalogStore(): CatalogStore {
  return catalogStoreOf(useStore())
}
