// The 宁波 stand-in's service catalog: items, 一件事 bundles, halls. Deterministic: the same data
// on every run (authored specs plus seeded defaults), so tests and benchmarks are repeatable.
import type { Catalog, Department, ServiceItem } from '../../../src/domain/catalog/types'
import { buildBundles } from './bundles'
import { buildItems, CITY_REGION } from './build'
import { DEPARTMENTS } from './departments'
import { buildHalls } from './halls'
import { SYNONYM_GROUPS } from './synonyms'

export { SYNONYM_GROUPS }

function assemble(): Catalog {
  const items = buildItems()
  const halls = buildHalls(items)
  const hallsByItem = new Map<string, string[]>()
  for (const hall of halls) for (const code of hall.items) hallsByItem.set(code, [...(hallsByItem.get(code) ?? []), hall.id])
  // An item a hall handles can be booked there, even when it can also be done online (公积金提取):
  // some people would rather go in person.
  const linked: ServiceItem[] = items.map((it) => {
    const hallIds = hallsByItem.get(it.code) ?? []
    return { ...it, halls: hallIds, canBook: it.canBook || hallIds.length > 0 }
  })
  const departments: Department[] = DEPARTMENTS.map(({ id, code, name, shortNames }) => ({ id, code, name, shortNames }))
  return {
    // Bump when the authored data changes; clients compare it to decide whether to re-download.
    version: '2024.06.2',
    city: CITY_REGION,
    departments,
    items: linked,
    bundles: buildBundles(linked),
    halls,
  }
}

export const CATALOG: Catalog = assemble()
export const ITEMS = CATALOG.items
export const BUNDLES = CATALOG.bundles
export const HALLS = CATALOG.halls
export const DEPARTMENT_LIST = CATALOG.departments
