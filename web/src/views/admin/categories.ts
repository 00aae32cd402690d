// The category editor: a working copy of the server's document, local checks that mirror
// the server's, and server errors (categories[i].limit.hours …) pinned to row and cell.
import { computed, ref, shallowRef } from 'vue'
import { categoriesApi, type CategoriesDocument, type CategoryDoc } from '@/api/categories'
import { ApiError } from '@/api/http'
import { useDictStore } from '@/store/dict'
import { errorText } from './hooks'

/** Cell errors keyed `${row index}.${column}`; column is code|name|hours|kind|unit_type|deduction|filing_standard|closing_standard|parent. */
export type CellErrors = Record<string, string>

const MAX_HOURS = 8784
const CODE_RE = /^[0-9A-Z]+$/

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T

export function newCategory(parent: string): CategoryDoc {
  return {
    code: parent,
    parent,
    name: '',
    aliases: [],
    limit: { hours: 24, kind: 'working' },
    unit_type: '',
    after_photo_required: true,
    deduction: 1,
    filing_standard: '',
    closing_standard: '',
  }
}

/** The server's rules for the category list, with its messages. */
export function validateCategories(doc: CategoriesDocument): CellErrors {
  const e: CellErrors = {}
  const classes = new Set(doc.classes.map((c) => c.code))
  const codes = new Map<string, number>()
  const names = new Map<string, number>()
  doc.categories.forEach((c, i) => {
    const who = c.code ? `类别 ${c.code} ` : '类别'
    if (!c.code) e[`${i}.code`] = '请填写类别编码'
    else if (c.code.length > 12) e[`${i}.code`] = '类别编码最长 12 位'
    else if (!CODE_RE.test(c.code)) e[`${i}.code`] = `类别编码只能含数字和大写字母：${c.code}`
    else if (codes.has(c.code) || classes.has(c.code)) e[`${i}.code`] = `编码 ${c.code} 重复`
    else if (c.parent && !c.code.startsWith(c.parent)) e[`${i}.code`] = `${who}的编码应以所属大类编码 ${c.parent} 开头`
    if (c.code) codes.set(c.code, i)
    if (!classes.has(c.parent)) e[`${i}.parent`] = `${who}的大类 ${c.parent} 不存在`
    const name = c.name.trim()
    if (!name) e[`${i}.name`] = '请填写类别名称'
    else if (name.length > 40) e[`${i}.name`] = '类别名称最长 40 个字'
    else if (names.has(name)) e[`${i}.name`] = `类别名称「${name}」重复`
    if (name) names.set(name, i)
    const h = c.limit.hours
    if (typeof h !== 'number' || !Number.isFinite(h)) e[`${i}.hours`] = `${who}的整改时限应为数字`
    else if (h <= 0) e[`${i}.hours`] = `${who}的整改时限应大于 0 小时`
    else if (h > MAX_HOURS) e[`${i}.hours`] = `${who}的整改时限不能超过 8784 小时（一年）`
    else if (Math.abs(h * 60 - Math.round(h * 60)) > 1e-6) e[`${i}.hours`] = `${who}的整改时限应为整数分钟`
    if (!c.unit_type.trim()) e[`${i}.unit_type`] = '请填写默认责任单位类型'
    else if (c.unit_type.length > 20) e[`${i}.unit_type`] = '最长 20 个字'
    if (typeof c.deduction !== 'number' || c.deduction < 0 || c.deduction > 100)
      e[`${i}.deduction`] = `${who}的扣分应在 0 到 100 之间`
    for (const k of ['filing_standard', 'closing_standard'] as const) {
      if (!c[k].trim()) e[`${i}.${k}`] = k === 'filing_standard' ? '请填写立案标准' : '请填写结案标准'
      else if (c[k].length > 300) e[`${i}.${k}`] = '最长 300 个字'
    }
  })
  return e
}

/** categories[3].limit.hours → "3.hours"; anything else → null (shown above the table). */
export function cellKey(field: string): string | null {
  const m = /^categories\[(\d+)\]\.(limit\.)?([a-z_]+)/.exec(field)
  return m ? `${m[1]}.${m[3]}` : null
}

export function useCategoryEditor() {
  const dict = useDictStore()
  const original = shallowRef<CategoriesDocument | null>(null)
  const doc = ref<CategoriesDocument | null>(null)
  const loading = ref(false)
  const saving = ref(false)
  const loadError = ref('')
  const cells = ref<CellErrors>({})
  /** Server or form-level messages that belong to no cell. */
  const general = ref<string[]>([])
  const title = ref('')

  async function load() {
    loading.value = true
    loadError.value = ''
    try {
      const r = await categoriesApi.list()
      if (!r.document) throw new Error('服务器未返回可编辑的类别文档')
      original.value = r.document
      doc.value = clone(r.document)
      dict.categories = r.items
      cells.value = {}
      general.value = []
      title.value = ''
    } catch (e) {
      loadError.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  /** Index → 'new' | 'changed' against the loaded document, by code. */
  const changes = computed(() => {
    const out = new Map<number, 'new' | 'changed'>()
    if (!doc.value || !original.value) return out
    const before = new Map(original.value.categories.map((c) => [c.code, JSON.stringify(c)]))
    doc.value.categories.forEach((c, i) => {
      const b = before.get(c.code)
      if (b === undefined) out.set(i, 'new')
      else if (b !== JSON.stringify(c)) out.set(i, 'changed')
    })
    return out
  })
  const removed = computed(() => {
    if (!doc.value || !original.value) return []
    const now = new Set(doc.value.categories.map((c) => c.code))
    return original.value.categories.filter((c) => !now.has(c.code))
  })
  const dirty = computed(() => changes.value.size > 0 || removed.value.length > 0)

  function validate(): boolean {
    if (!doc.value) return false
    cells.value = validateCategories(doc.value)
    general.value = []
    const n = Object.keys(cells.value).length
    title.value = n ? '校验未通过，请修改标红的单元格' : ''
    return n === 0
  }

  function applyServer(e: unknown) {
    const next: CellErrors = {}
    const rest: string[] = []
    if (e instanceof ApiError) {
      for (const fe of e.errors) {
        const k = cellKey(fe.field)
        if (k) next[k] ??= fe.message
        else rest.push(fe.message)
      }
      title.value = `未保存：${e.title}`
      if (!e.errors.length) rest.push(e.message)
    } else {
      title.value = '未保存：保存失败'
      rest.push(errorText(e))
    }
    cells.value = next
    general.value = rest
  }

  async function save(): Promise<boolean> {
    if (!doc.value || !validate()) return false
    saving.value = true
    try {
      await categoriesApi.save(doc.value)
      await load()
      return true
    } catch (e) {
      applyServer(e)
      return false
    } finally {
      saving.value = false
    }
  }

  function revert() {
    if (original.value) doc.value = clone(original.value)
    cells.value = {}
    general.value = []
    title.value = ''
  }

  function add(parent: string): number {
    if (!doc.value) return -1
    doc.value.categories.push(newCategory(parent))
    return doc.value.categories.length - 1
  }

  function remove(index: number) {
    doc.value?.categories.splice(index, 1)
    // Cell errors are keyed by index: they no longer line up.
    cells.value = {}
  }

  return { doc, original, loading, saving, loadError, cells, general, title, changes, removed, dirty, load, validate, save, revert, add, remove }
}
