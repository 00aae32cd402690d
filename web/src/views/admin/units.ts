import { computed, reactive, ref, shallowRef } from 'vue'
import { unitsApi, type UnitDetail, type UnitInput } from '@/api/units'
import { useDictStore } from '@/store/dict'
import { errorText, subtreeIds, unitTree } from './hooks'
import type { FieldErrors, UnitRow } from './types'

export const UNIT_CODE_RE = /^[A-Za-z0-9._-]+$/
const PHONE_RE = /^[0-9\-+ ()]*$/

export interface UnitForm {
  code: string
  name: string
  type: string
  parent_id: number | null
  principal: string
  phone: string
  handles: string[]
  disabled: boolean
}

export function emptyUnitForm(parentId: number | null = null): UnitForm {
  return { code: '', name: '', type: 'department', parent_id: parentId, principal: '', phone: '', handles: [], disabled: false }
}

export function unitFormOf(u: UnitDetail): UnitForm {
  return {
    code: u.code,
    name: u.name,
    type: u.type,
    parent_id: u.parent_id,
    principal: u.principal ?? '',
    phone: u.phone ?? '',
    handles: [...(u.handles ?? [])],
    disabled: !!u.disabled,
  }
}

/** The checks the server makes that need no database (messages match its wording). */
export function validateUnit(f: UnitForm): FieldErrors {
  const e: FieldErrors = {}
  const code = f.code.trim()
  if (!code) e.code = '请填写单位编码'
  else if (code.length > 64) e.code = '单位编码最长 64 个字符'
  else if (!UNIT_CODE_RE.test(code)) e.code = '单位编码只能包含字母、数字、-、_ 和 .'
  if (!f.name.trim()) e.name = '请填写单位名称'
  else if (f.name.trim().length > 64) e.name = '单位名称最长 64 个字'
  if (!f.type) e.type = '请选择单位类型'
  if (f.principal.length > 32) e.principal = '负责人最长 32 个字'
  if (!PHONE_RE.test(f.phone)) e.phone = '电话号码只能包含数字、空格和 -+()'
  else if (f.phone.length > 32) e.phone = '电话号码最长 32 个字符'
  if (f.handles.some((h) => !h.trim() || /[,，、;；|]/.test(h)))
    e.handles = '每项应为一个非空的工作类别（不含逗号、顿号）'
  return e
}

export function unitBody(f: UnitForm): UnitInput {
  return {
    code: f.code.trim(),
    name: f.name.trim(),
    type: f.type,
    parent_id: f.parent_id,
    principal: f.principal.trim(),
    phone: f.phone.trim(),
    handles: f.handles.map((h) => h.trim()),
    disabled: f.disabled,
  }
}

export interface TreeOption {
  value: number
  label: string
  disabled?: boolean
  children?: TreeOption[]
}

function toOptions(rows: UnitRow[], blocked: Set<number>): TreeOption[] {
  return rows.map((r) => ({
    value: r.id,
    label: r.name,
    disabled: blocked.has(r.id),
    children: r.children ? toOptions(r.children, blocked) : undefined,
  }))
}

/** The units tab: the full list (with versions), a tree, a filter and the dict kept in step. */
export function useUnits() {
  const dict = useDictStore()
  const units = shallowRef<UnitDetail[]>([])
  const loading = ref(false)
  const error = ref('')
  const filter = reactive({ q: '', type: '' })

  async function load() {
    loading.value = true
    error.value = ''
    try {
      units.value = (await unitsApi.listAll()).items
      dict.units = units.value
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const tree = computed(() => {
    const q = filter.q.trim().toLowerCase()
    if (!q && !filter.type) return unitTree(units.value)
    // A match keeps its ancestors so it stays in context.
    const keep = new Set<number>()
    for (const u of units.value) {
      const hit =
        (!q || u.name.toLowerCase().includes(q) || u.code.toLowerCase().includes(q) || (u.principal ?? '').includes(q)) &&
        (!filter.type || u.type === filter.type)
      if (!hit) continue
      let cur: UnitDetail | undefined = u
      for (let i = 0; cur && i < 64 && !keep.has(cur.id); i++) {
        keep.add(cur.id)
        cur = cur.parent_id !== null ? byId.value.get(cur.parent_id) : undefined
      }
    }
    return unitTree(units.value.filter((u) => keep.has(u.id)))
  })

  /** Parent choices for a unit: the whole tree minus the unit and its descendants. */
  function parentOptions(editingId: number | null): TreeOption[] {
    const blocked = editingId === null ? new Set<number>() : subtreeIds(units.value, editingId)
    return toOptions(unitTree(units.value), blocked)
  }

  const handleOptions = computed(() => {
    const s = new Set<string>()
    for (const u of units.value) for (const h of u.handles ?? []) s.add(h)
    return [...s].sort()
  })

  return { units, byId, tree, loading, error, filter, load, parentOptions, handleOptions }
}
