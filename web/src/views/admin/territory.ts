import { computed, ref, shallowRef } from 'vue'
import { adminApi, type AssignmentRow, type GridRow, type ZoneRow } from '@/api/admin'
import { usersApi, type AdminUser } from '@/api/users'
import { useDictStore } from '@/store/dict'
import { errorText } from './hooks'

export type TerritoryView = 'grids' | 'zones' | 'assignments'

/** Grids, zones and 包保 assignments with their 责任人, filtered by one search box. */
export function useTerritory() {
  const dict = useDictStore()
  const grids = shallowRef<GridRow[]>([])
  const zones = shallowRef<ZoneRow[]>([])
  const assignments = shallowRef<AssignmentRow[]>([])
  const users = shallowRef<AdminUser[]>([])
  const view = ref<TerritoryView>('grids')
  const q = ref('')
  const loading = ref(false)
  const error = ref('')

  async function load() {
    loading.value = true
    error.value = ''
    const r = await Promise.allSettled([
      adminApi.grids().then((x) => (grids.value = x.items)),
      adminApi.zones().then((x) => (zones.value = x.items)),
      adminApi.assignments().then((x) => (assignments.value = x.items)),
      usersApi.list().then((x) => (users.value = x.items)),
      dict.loadUnits(),
    ])
    const bad = r.find((x) => x.status === 'rejected') as PromiseRejectedResult | undefined
    if (bad) error.value = errorText(bad.reason)
    loading.value = false
  }

  const needle = computed(() => q.value.trim().toLowerCase())
  const has = (...xs: (string | null | undefined)[]) =>
    !needle.value || xs.some((x) => (x ?? '').toLowerCase().includes(needle.value))

  const gridRows = computed(() =>
    grids.value.filter((g) =>
      has(g.code, g.name, g.community?.name, g.leader?.display_name, ...g.workers.map((w) => w.display_name)),
    ),
  )
  const zoneRows = computed(() =>
    zones.value.filter((z) =>
      has(z.code, z.name, z.kind_label, ...z.units.flatMap((u) => [u.unit_name, u.person, u.duty])),
    ),
  )
  const assignmentRows = computed(() =>
    assignments.value.filter((a) => has(a.kind_label, a.cadre_name, a.unit_name, a.target_name, a.target_unit_name, a.duty)),
  )

  function putGrid(g: GridRow) {
    grids.value = grids.value.map((x) => (x.id === g.id ? g : x))
  }
  function putZone(z: ZoneRow) {
    zones.value = zones.value.map((x) => (x.id === z.id ? z : x))
  }

  return { grids, zones, assignments, users, view, q, loading, error, load, gridRows, zoneRows, assignmentRows, putGrid, putZone }
}
