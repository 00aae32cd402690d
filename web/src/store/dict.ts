import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { categoriesApi } from '@/api/categories'
import { unitsApi } from '@/api/units'
import { gridsApi } from '@/api/grids'
import type { Category, Grid, Unit } from '@/api/types'

/** Reference lists (categories, units, grids) fetched once per session. */
export const useDictStore = defineStore('dict', () => {
  const categories = ref<Category[]>([])
  const units = ref<Unit[]>([])
  const grids = ref<Grid[]>([])
  const pending = new Map<string, Promise<void>>()

  function once(key: string, fn: () => Promise<void>): Promise<void> {
    let p = pending.get(key)
    if (!p) {
      p = fn().catch((e) => {
        pending.delete(key)
        throw e
      })
      pending.set(key, p)
    }
    return p
  }

  const loadCategories = () =>
    once('categories', async () => {
      categories.value = (await categoriesApi.list()).items
    })
  const loadUnits = () =>
    once('units', async () => {
      units.value = (await unitsApi.list()).items
    })
  const loadGrids = () =>
    once('grids', async () => {
      grids.value = (await gridsApi.list()).items
    })

  /** Second-level categories grouped under their parent, for pickers. */
  const categoryGroups = computed(() => {
    const parents = categories.value.filter((c) => !c.parent_code)
    const groups = parents.map((p) => ({
      code: p.code,
      name: p.name,
      children: categories.value.filter((c) => c.parent_code === p.code),
    }))
    const orphans = categories.value.filter(
      (c) => c.parent_code && !parents.some((p) => p.code === c.parent_code),
    )
    if (orphans.length) groups.push({ code: '', name: '其他', children: orphans })
    return groups.filter((g) => g.children.length)
  })

  const categoryByCode = computed(() => new Map(categories.value.map((c) => [c.code, c])))
  const unitById = computed(() => new Map(units.value.map((u) => [u.id, u])))

  function reset() {
    pending.clear()
    categories.value = []
    units.value = []
    grids.value = []
  }

  return {
    categories,
    units,
    grids,
    loadCategories,
    loadUnits,
    loadGrids,
    categoryGroups,
    categoryByCode,
    unitById,
    reset,
  }
})
