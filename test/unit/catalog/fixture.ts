// Shared by the catalog tests: the seeded catalog and its prepared search index, built once.
import { CATALOG, SYNONYM_GROUPS } from '../../../mock/data/catalog'
import { buildSearchIndex } from '../../../mock/data/catalog/buildIndex'
import { prepareIndex } from '../../../src/domain/catalog/search'

export const INDEX = buildSearchIndex(CATALOG, SYNONYM_GROUPS)
export const PREPARED = prepareIndex(INDEX)
export { CATALOG }

/** Implementation code of the item with this exact name (names are unique; the data test checks). */
export function codeOf(name: string): string {
  const item = CATALOG.items.find((it) => it.name === name)
  if (!item) throw new Error(`no item named ${name}`)
  return item.code
}
