// The catalog store, created on first use inside this subpackage so the main bundle stays small (issue 9).
import type { RootStore } from '../../stores/root'
import { useStore } from '../../stores/useStore'
import { createCatalogApi } from '../../services/catalog'
import { CatalogStore } from './store'

export function catalogStoreOf(root: RootStore): CatalogStore {
  return root.feature('catalog', ({ platform, api }) => new CatalogStore(createCatalogApi(platform, api.request), platform.storage, () => platform.getLocation()))
}

export function useCatalogStore(): CatalogStore {
  return catalogStoreOf(useStore())
}
