// Bulk import of grids, zones and units: read the file, dry-run it on the server, show
// every bad row by name (nothing is written), and import only after the admin confirms.
import { computed, ref, shallowRef } from 'vue'
import { adminApi, type ImportKind, type ImportResult } from '@/api/admin'
import { errorText } from './hooks'

export type ImportStage = 'idle' | 'checking' | 'preview' | 'importing' | 'done'

/** What the admin sees for one record of the file. */
export interface RecordInfo {
  code: string
  name: string
  /** "第 3 行" for CSV (header is line 1), "第 2 个要素" for GeoJSON. */
  where: string
}

export interface IssueRow {
  key: string
  where: string
  code: string
  name: string
  field: string
  reason: string
}

export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

/** RFC 4180 rows with the 1-based line each starts on (quoted cells may span lines). */
export function csvRows(text: string): { line: number; cells: string[] }[] {
  const out: { line: number; cells: string[] }[] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  let any = false
  let line = 1
  let start = 1
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else {
        if (ch === '\n') line++
        cell += ch
      }
      continue
    }
    if (ch === '"' && cell === '') quoted = any = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
      any = true
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      out.push({ line: start, cells: row })
      row = []
      cell = ''
      any = false
      line++
      start = line
    } else {
      cell += ch
      any = true
    }
  }
  if (any || cell) {
    row.push(cell)
    out.push({ line: start, cells: row })
  }
  return out
}

const CODE_KEYS = ['code', '编码']
const NAME_KEYS = ['name', '名称']

function pick(o: Record<string, unknown>, keys: string[]): string {
  for (const k of keys) if (o[k] !== undefined && o[k] !== null) return String(o[k])
  return ''
}

/**
 * The file's records in the order the server indexes them (GeoJSON features; CSV data
 * rows without blank lines), so an error's index can be shown with its code and name.
 */
export function fileRecords(text: string): RecordInfo[] {
  const body = text.replace(/^\uFEFF/, '')
  if (/^\s*[[{]/.test(body)) {
    try {
      const fc = JSON.parse(body) as { features?: unknown[] }
      if (!Array.isArray(fc.features)) return []
      return fc.features.map((f, i) => {
        const p = (f && typeof f === 'object' && (f as { properties?: unknown }).properties) || {}
        const props = typeof p === 'object' ? (p as Record<string, unknown>) : {}
        return { code: pick(props, CODE_KEYS), name: pick(props, NAME_KEYS), where: `第 ${i + 1} 个要素` }
      })
    } catch {
      return []
    }
  }
  const rows = csvRows(body)
  if (!rows.length) return []
  const header = rows[0].cells.map((h) => h.trim())
  const col = (keys: string[]) => header.findIndex((h) => keys.includes(h))
  const ci = col(CODE_KEYS)
  const ni = col(NAME_KEYS)
  return rows
    .slice(1)
    .filter((r) => r.cells.some((c) => c !== ''))
    .map((r) => ({ code: ci >= 0 ? (r.cells[ci] ?? '') : '', name: ni >= 0 ? (r.cells[ni] ?? '') : '', where: `第 ${r.line} 行` }))
}

/** Server issues joined with the file's records; file-level issues come first. */
export function issueRows(result: ImportResult | null, records: RecordInfo[]): IssueRow[] {
  if (!result) return []
  return result.errors
    .map((e, i) => {
      const rec = e.index === null ? undefined : records[e.index]
      return {
        key: `${i}`,
        where: e.index === null ? '整个文件' : (rec?.where ?? `第 ${e.index + 1} 项`),
        code: e.code || rec?.code || '',
        name: rec?.name ?? '',
        field: e.field,
        reason: e.reason,
        order: e.index ?? -1,
      }
    })
    .sort((a, b) => a.order - b.order)
    .map(({ order: _order, ...r }) => r)
}

function readBytes(file: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(r.result as ArrayBuffer)
    r.onerror = () => reject(r.error ?? new Error('无法读取文件'))
    r.readAsArrayBuffer(file)
  })
}

/** UTF-8, or GBK/GB18030 as Excel saves CSV on Chinese Windows (converted to UTF-8 before upload). */
export function decodeFile(bytes: ArrayBuffer): { text: string; converted: boolean } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), converted: false }
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), converted: true }
  }
}

export function useImporter(onImported: () => void) {
  const kind = ref<ImportKind>('grids')
  const fileName = ref('')
  const fileSize = ref(0)
  const text = ref('')
  /** The file was GBK and has been converted to UTF-8. */
  const converted = ref(false)
  const stage = ref<ImportStage>('idle')
  const result = shallowRef<ImportResult | null>(null)
  const error = ref('')

  const records = computed(() => (text.value ? fileRecords(text.value) : []))
  const issues = computed(() => issueRows(result.value, records.value))
  const badRecords = computed(() => new Set(result.value?.errors.map((e) => e.index).filter((i) => i !== null)).size)
  const canImport = computed(() => stage.value === 'preview' && !!result.value?.ok && result.value.items.length > 0)

  function reset() {
    fileName.value = ''
    fileSize.value = 0
    text.value = ''
    converted.value = false
    result.value = null
    error.value = ''
    stage.value = 'idle'
  }

  async function check() {
    if (!text.value) return
    stage.value = 'checking'
    error.value = ''
    result.value = null
    try {
      result.value = await adminApi.importFile(kind.value, text.value, true)
      stage.value = 'preview'
    } catch (e) {
      error.value = errorText(e)
      stage.value = 'idle'
    }
  }

  /** Reads the chosen file and dry-runs it at once. */
  async function choose(file: File) {
    reset()
    if (file.size > MAX_IMPORT_BYTES) {
      error.value = `文件过大（${(file.size / 1048576).toFixed(1)} MB），一次最多导入 50 MB`
      return
    }
    fileName.value = file.name
    fileSize.value = file.size
    const read = decodeFile(await readBytes(file))
    text.value = read.text
    converted.value = read.converted
    await check()
  }

  async function commit() {
    if (!canImport.value) return
    stage.value = 'importing'
    error.value = ''
    try {
      const r = await adminApi.importFile(kind.value, text.value, false)
      result.value = r
      if (r.ok) {
        stage.value = 'done'
        onImported()
      } else stage.value = 'preview'
    } catch (e) {
      error.value = errorText(e)
      stage.value = 'preview'
    }
  }

  return { kind, fileName, fileSize, text, converted, stage, result, error, records, issues, badRecords, canImport, reset, check, choose, commit }
}

/** A small sample file per kind, so the admin sees the expected columns. */
export function templateFor(kind: ImportKind): { name: string; type: string; text: string } {
  if (kind === 'units')
    return {
      name: '单位导入模板.csv',
      type: 'text/csv;charset=utf-8',
      text:
        '\uFEFF编码,名称,单位类型,上级单位编码,主要负责人,电话,职责\r\n' +
        'HWS-2,环卫二所,agency,JD,张三,0533-1234567,环卫\r\n',
    }
  const props =
    kind === 'grids'
      ? { code: '370302010001099', name: '示例网格', community: '370302010001' }
      : { code: 'road-sample', name: '示例道路', kind: 'road', buffer_m: 15, units: [{ unit: 'CGZD', duty: '路长', person: '张三' }] }
  const geometry =
    kind === 'grids'
      ? { type: 'Polygon', coordinates: [[[118.05, 36.8], [118.052, 36.8], [118.052, 36.802], [118.05, 36.802], [118.05, 36.8]]] }
      : { type: 'LineString', coordinates: [[118.05, 36.8], [118.056, 36.8]] }
  return {
    name: kind === 'grids' ? '网格导入模板.geojson' : '责任区导入模板.geojson',
    type: 'application/geo+json',
    text: JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: props, geometry }] }, null, 2),
  }
}
