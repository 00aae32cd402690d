// Assessment schemes as JSON: parse locally (with line and column), check the totals,
// and show the server's verdict field by field.
import { computed, ref, shallowRef } from 'vue'
import { adminApi, type SchemeDoc } from '@/api/admin'
import { ApiError } from '@/api/http'
import { errorText } from './hooks'

export interface SchemeIssue {
  field: string
  message: string
}

/** "第 3 行第 7 列" for a JSON.parse failure, when the engine reports a position. */
export function jsonErrorAt(text: string, e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e)
  const m = /position (\d+)/.exec(msg)
  if (!m) return `JSON 格式错误：${msg}`
  const pos = Number(m[1])
  const before = text.slice(0, pos)
  const line = before.split('\n').length
  const col = pos - before.lastIndexOf('\n')
  return `JSON 格式错误（第 ${line} 行第 ${col} 列）：${msg}`
}

export function checkScheme(text: string, code: string): { doc: SchemeDoc | null; issues: SchemeIssue[] } {
  let v: unknown
  try {
    v = JSON.parse(text)
  } catch (e) {
    return { doc: null, issues: [{ field: '', message: jsonErrorAt(text, e) }] }
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) return { doc: null, issues: [{ field: '', message: '考评方案应为 JSON 对象' }] }
  const doc = v as SchemeDoc
  const issues: SchemeIssue[] = []
  if (doc.code !== code) issues.push({ field: 'code', message: `方案编码应为 ${code}` })
  if (typeof doc.name !== 'string' || !doc.name.trim()) issues.push({ field: 'name', message: '请填写方案名称' })
  if (!Array.isArray(doc.items) || !doc.items.length) issues.push({ field: 'items', message: '至少需要一个考评项目' })
  else {
    const keys = new Set<string>()
    doc.items.forEach((it, i) => {
      if (!it || typeof it.max !== 'number' || it.max < 0) issues.push({ field: `items[${i}].max`, message: '满分应为不小于 0 的数字' })
      if (it?.key && keys.has(it.key)) issues.push({ field: `items[${i}].key`, message: `编码重复：${it.key}` })
      if (it?.key) keys.add(it.key)
    })
    const total = doc.items.reduce((n, it) => n + (typeof it?.max === 'number' ? it.max : 0), 0)
    const max = typeof doc.max_score === 'number' ? doc.max_score : 100
    if (total > max + 1e-9) issues.push({ field: 'items', message: `各项满分合计 ${total} 分，超过总分上限 ${max} 分` })
  }
  return { doc, issues }
}

export function useSchemes() {
  const schemes = shallowRef<SchemeDoc[]>([])
  const code = ref('')
  const text = ref('')
  const loading = ref(false)
  const saving = ref(false)
  const loadError = ref('')
  const issues = ref<SchemeIssue[]>([])
  const issueTitle = ref('')

  const current = computed(() => schemes.value.find((s) => s.code === code.value) ?? null)
  const pretty = (s: unknown) => JSON.stringify(s, null, 2)
  const dirty = computed(() => !!current.value && text.value !== pretty(current.value))
  /** The editor's content when it parses, for the live summary. */
  const preview = computed(() => checkScheme(text.value, code.value).doc ?? current.value)

  function select(c: string) {
    code.value = c
    const s = schemes.value.find((x) => x.code === c)
    text.value = s ? pretty(s) : ''
    issues.value = []
    issueTitle.value = ''
  }

  async function load() {
    loading.value = true
    loadError.value = ''
    try {
      schemes.value = (await adminApi.schemes()).items
      select(schemes.value.some((s) => s.code === code.value) ? code.value : (schemes.value[0]?.code ?? ''))
    } catch (e) {
      loadError.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  function format() {
    try {
      text.value = pretty(JSON.parse(text.value))
    } catch (e) {
      issues.value = [{ field: '', message: jsonErrorAt(text.value, e) }]
      issueTitle.value = '无法格式化'
    }
  }

  function validate(): SchemeDoc | null {
    const r = checkScheme(text.value, code.value)
    issues.value = r.issues
    issueTitle.value = r.issues.length ? `发现 ${r.issues.length} 处问题` : ''
    return r.issues.length ? null : r.doc
  }

  async function save(): Promise<boolean> {
    const doc = validate()
    if (!doc) return false
    saving.value = true
    try {
      const saved = await adminApi.saveScheme(code.value, doc)
      schemes.value = schemes.value.map((s) => (s.code === saved.code ? saved : s))
      select(saved.code)
      return true
    } catch (e) {
      if (e instanceof ApiError) {
        issueTitle.value = e.title
        issues.value = e.errors.length ? e.errors.map((x) => ({ field: x.field, message: x.message })) : [{ field: '', message: e.message }]
      } else {
        issueTitle.value = '保存失败'
        issues.value = [{ field: '', message: errorText(e) }]
      }
      return false
    } finally {
      saving.value = false
    }
  }

  return { schemes, code, text, loading, saving, loadError, issues, issueTitle, current, dirty, preview, select, load, format, validate, save }
}
