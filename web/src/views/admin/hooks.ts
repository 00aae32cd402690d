import { computed, onMounted, ref, shallowRef } from 'vue'
import { usersApi } from '@/api/users'
import { useDictStore } from '@/store/dict'
import type { Unit, User } from '@/api/types'
import type { AdminTab, UnitRow } from './types'

/** Units as a tree by parent_id; orphans (parent not visible) become roots. */
export function unitTree(units: Unit[]): UnitRow[] {
  const rows = new Map<number, UnitRow>()
  for (const u of units)
    rows.set(u.id, { id: u.id, code: u.code, name: u.name, type: u.type, principal: u.principal })
  const roots: UnitRow[] = []
  for (const u of units) {
    const row = rows.get(u.id) as UnitRow
    const parent = u.parent_id !== null ? rows.get(u.parent_id) : undefined
    if (parent) (parent.children ??= []).push(row)
    else roots.push(row)
  }
  return roots
}

export const UNIT_TYPE_LABELS: Record<string, string> = {
  street: '街道/镇',
  community: '社区',
  village: '村居',
  department: '部门',
  enterprise: '企业',
  agency: '机关单位',
  county: '区县',
}

export function useAdmin() {
  const dict = useDictStore()
  const tab = ref<AdminTab>('units')
  const users = shallowRef<User[]>([])
  const loading = ref(false)
  const error = ref('')

  async function load() {
    loading.value = true
    error.value = ''
    const r = await Promise.allSettled([
      dict.loadUnits(),
      dict.loadCategories(),
      usersApi.list().then((u) => (users.value = u.items)),
    ])
    const bad = r.find((x) => x.status === 'rejected') as PromiseRejectedResult | undefined
    if (bad) error.value = bad.reason instanceof Error ? bad.reason.message : String(bad.reason)
    loading.value = false
  }
  onMounted(load)

  const tree = computed(() => unitTree(dict.units))
  const unitName = (id: number | null) => (id === null ? '—' : (dict.unitById.get(id)?.name ?? `#${id}`))
  const categoryRows = computed(() =>
    [...dict.categories].sort((a, b) => a.code.localeCompare(b.code)),
  )
  return { tab, users, loading, error, tree, unitName, categoryRows, dict }
}
