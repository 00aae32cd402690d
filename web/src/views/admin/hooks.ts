import { reactive, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { ApiError } from '@/api/http'
import type { Unit } from '@/api/types'
import { ADMIN_TABS, type AdminTab, type FieldErrors, type UnitRow } from './types'

/** Units as a tree by parent_id; orphans (parent not visible) become roots. */
export function unitTree(units: (Unit & { disabled?: boolean })[]): UnitRow[] {
  const rows = new Map<number, UnitRow>()
  for (const u of units)
    rows.set(u.id, { id: u.id, code: u.code, name: u.name, type: u.type, principal: u.principal, disabled: u.disabled })
  const roots: UnitRow[] = []
  for (const u of units) {
    const row = rows.get(u.id) as UnitRow
    const parent = u.parent_id !== null ? rows.get(u.parent_id) : undefined
    if (parent && parent !== row) (parent.children ??= []).push(row)
    else roots.push(row)
  }
  return roots
}

/** Ids of a unit and everything under it (a unit cannot move below itself). */
export function subtreeIds(units: Pick<Unit, 'id' | 'parent_id'>[], rootId: number): Set<number> {
  const out = new Set<number>([rootId])
  let grew = true
  while (grew) {
    grew = false
    for (const u of units)
      if (u.parent_id !== null && out.has(u.parent_id) && !out.has(u.id)) {
        out.add(u.id)
        grew = true
      }
  }
  return out
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message
  return e instanceof Error ? e.message : String(e)
}

/**
 * Server validation errors for one form: `fields` feeds `<el-form-item :error>`,
 * `message` is the form-level text (the title, plus errors on fields the form lacks).
 */
export function useFormErrors(known: readonly string[] = []) {
  const fields = reactive<FieldErrors>({})
  const message = ref('')

  function clear() {
    for (const k of Object.keys(fields)) delete fields[k]
    message.value = ''
  }

  /** Local checks: sets the messages and returns true when there are none. */
  function check(errs: FieldErrors): boolean {
    clear()
    Object.assign(fields, errs)
    return Object.keys(errs).length === 0
  }

  /** Spreads an ApiError over the fields (roles[0] → roles); other errors become `message`. */
  function apply(e: unknown) {
    clear()
    if (!(e instanceof ApiError)) {
      message.value = errorText(e)
      return
    }
    const stray: string[] = []
    for (const fe of e.errors) {
      if (!fe || typeof fe.field !== 'string') continue
      const base = fe.field.replace(/\[\d+\].*$/, '').replace(/\..*$/, '')
      const key = known.includes(fe.field) ? fe.field : known.includes(base) ? base : ''
      if (key) fields[key] ??= fe.message
      else stray.push(fe.field ? `${fe.field}：${fe.message}` : fe.message)
    }
    const hasFields = Object.keys(fields).length > 0
    message.value = stray.length ? `${e.title}：${stray.join('；')}` : hasFields ? '' : e.message
  }

  return { fields, message, clear, check, apply }
}

/** The active tab, kept in ?tab= so a reload (or a link) opens the same tab. */
export function useAdminTab() {
  const route = useRoute()
  const router = useRouter()
  const fromQuery = (): AdminTab => {
    const q = route.query.tab
    return typeof q === 'string' && (ADMIN_TABS as string[]).includes(q) ? (q as AdminTab) : 'units'
  }
  const tab = ref<AdminTab>(fromQuery())
  watch(tab, (v) => {
    if (route.query.tab !== v) void router.replace({ query: { ...route.query, tab: v } })
  })
  watch(
    () => route.query.tab,
    () => (tab.value = fromQuery()),
  )
  return { tab }
}
