import { computed, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import {
  PROBLEM_SOURCES,
  PROBLEM_STATES,
  type Light,
  type Problem,
  type ProblemSource,
  type ProblemState,
} from '@/api/types'
import { problemsApi } from '@/api/problems'
import { reportsApi } from '@/api/reports'
import { saveBlob } from '@/api/http'
import { today } from '@/utils/format'
import type { LedgerFilters, SavedFilter } from './types'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const LIGHTS: Light[] = ['green', 'yellow', 'red']

function first(v: LocationQuery[string]): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && s !== '' ? s : undefined
}

function posInt(v: string | undefined): number | undefined {
  if (!v || !/^\d+$/.test(v)) return undefined
  const n = Number(v)
  return n > 0 ? n : undefined
}

/** URL query → filters. Unknown or malformed values are dropped, never trusted. */
export function parseQuery(q: LocationQuery): LedgerFilters {
  const f: LedgerFilters = {}
  const states = (first(q.state) ?? '')
    .split(',')
    .filter((s): s is ProblemState => (PROBLEM_STATES as string[]).includes(s))
  if (states.length) f.state = [...new Set(states)]
  const category = first(q.category)
  if (category) f.category = category
  const source = first(q.source)
  if (source && (PROBLEM_SOURCES as string[]).includes(source)) f.source = source as ProblemSource
  const unit = posInt(first(q.unit_id))
  if (unit) f.unit_id = unit
  const grid = posInt(first(q.grid_id))
  if (grid) f.grid_id = grid
  const campaign = posInt(first(q.campaign_id))
  if (campaign) f.campaign_id = campaign
  const light = first(q.light)
  if (light && (LIGHTS as string[]).includes(light)) f.light = light as Light
  const overdue = first(q.overdue)
  if (overdue === 'true' || overdue === '1') f.overdue = true
  const from = first(q.from)
  if (from && DATE.test(from)) f.from = from
  const to = first(q.to)
  if (to && DATE.test(to)) f.to = to
  const text = first(q.q)?.trim()
  if (text) f.q = text
  const near = first(q.near)
  if (near && /^-?\d+(\.\d+)?,-?\d+(\.\d+)?,\d+(\.\d+)?$/.test(near)) f.near = near
  return f
}

/** Filters → URL query (stable key order, empty values omitted). */
export function toQuery(f: LedgerFilters): Record<string, string> {
  const q: Record<string, string> = {}
  if (f.state?.length) q.state = f.state.join(',')
  if (f.category) q.category = f.category
  if (f.source) q.source = f.source
  if (f.unit_id) q.unit_id = String(f.unit_id)
  if (f.grid_id) q.grid_id = String(f.grid_id)
  if (f.campaign_id) q.campaign_id = String(f.campaign_id)
  if (f.light) q.light = f.light
  if (f.overdue) q.overdue = 'true'
  if (f.from) q.from = f.from
  if (f.to) q.to = f.to
  if (f.q?.trim()) q.q = f.q.trim()
  if (f.near) q.near = f.near
  return q
}

export function sameQuery(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a)
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k])
}

/**
 * Two-way binding between an editable filter object and the route query.
 * Edits are written to the URL (router.replace, debounced); URL changes (links,
 * back/forward) are read back into the filters. `applied` is what the list shows.
 */
export function useLedgerFilters(debounceMs = 250) {
  const route = useRoute()
  const router = useRouter()
  const filters = reactive<LedgerFilters>(parseQuery(route.query))
  const applied = shallowRef<LedgerFilters>(parseQuery(route.query))
  let timer: ReturnType<typeof setTimeout> | undefined

  function assign(next: LedgerFilters) {
    for (const k of Object.keys(filters) as (keyof LedgerFilters)[]) delete filters[k]
    Object.assign(filters, next)
  }

  watch(
    () => route.query,
    (q) => {
      const parsed = parseQuery(q)
      applied.value = parsed
      if (!sameQuery(toQuery(parsed), toQuery(filters))) assign(parsed)
    },
  )

  function flush() {
    clearTimeout(timer)
    const next = toQuery(filters)
    if (!sameQuery(next, toQuery(parseQuery(route.query)))) return router.replace({ query: next })
    return Promise.resolve()
  }

  watch(
    filters,
    () => {
      clearTimeout(timer)
      timer = setTimeout(() => void flush(), debounceMs)
    },
    { deep: true },
  )

  function reset() {
    assign({})
    return flush()
  }

  function setQuery(q: Record<string, string>) {
    assign(parseQuery(q))
    return flush()
  }

  return { filters, applied, flush, reset, setQuery }
}

const SAVED_KEY = 'envgrid.ledger.saved'

export function loadSaved(): SavedFilter[] {
  try {
    const v = JSON.parse(localStorage.getItem(SAVED_KEY) || '[]') as unknown
    return Array.isArray(v) ? (v as SavedFilter[]).filter((s) => s && typeof s.name === 'string') : []
  } catch {
    return []
  }
}

export function useSavedFilters() {
  const saved = ref<SavedFilter[]>(loadSaved())
  const persist = () => localStorage.setItem(SAVED_KEY, JSON.stringify(saved.value))
  function save(name: string, query: Record<string, string>) {
    saved.value = [...saved.value.filter((s) => s.name !== name), { name, query }]
    persist()
  }
  function remove(name: string) {
    saved.value = saved.value.filter((s) => s.name !== name)
    persist()
  }
  return { saved, save, remove }
}

/** Cursor-paged problem list for the applied filters. */
export function useLedgerList(applied: () => LedgerFilters, pageSize = 100) {
  const rows = shallowRef<Problem[]>([])
  const total = ref<number | null>(null)
  const cursor = ref<string | null>(null)
  const loading = ref(false)
  const error = ref('')
  let generation = 0

  async function reload() {
    const gen = ++generation
    loading.value = true
    error.value = ''
    try {
      const page = await problemsApi.list(applied(), { limit: pageSize })
      if (gen !== generation) return
      rows.value = page.items
      cursor.value = page.next_cursor
      total.value = page.total ?? null
    } catch (e) {
      if (gen === generation) {
        rows.value = []
        error.value = e instanceof Error ? e.message : String(e)
      }
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  async function more() {
    if (!cursor.value || loading.value) return
    const gen = generation
    loading.value = true
    try {
      const page = await problemsApi.list(applied(), { limit: pageSize, cursor: cursor.value })
      if (gen !== generation) return
      rows.value = [...rows.value, ...page.items]
      cursor.value = page.next_cursor
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  function replaceRow(p: Problem) {
    rows.value = rows.value.map((r) => (r.id === p.id ? p : r))
  }

  const hasMore = computed(() => !!cursor.value)
  return { rows, total, loading, error, reload, more, hasMore, replaceRow }
}

export async function exportLedger(filters: LedgerFilters): Promise<void> {
  const { blob, filename } = await reportsApi.ledgerXlsx(filters)
  saveBlob(blob, filename ?? `问题台账_${today()}.xlsx`)
}
