import { computed, reactive, ref, shallowRef, watch } from 'vue'
import {
  feedbackApi,
  type FeedbackField,
  type FeedbackImported,
  type FeedbackList,
  type FeedbackListDetail,
  type FeedbackPreview,
} from '@/api/feedback'
import { ApiError, saveBlob } from '@/api/http'
import { t } from '@/i18n'
import { useSessionStore } from '@/store/session'
import { today as todayStr } from '@/utils/format'
import {
  emptyMeta,
  fileProblem,
  filterItems,
  headerRowFromDetail,
  isMappingError,
  itemTally,
  listTotals,
  matchList,
  metaBody,
  sortLists,
  validateMeta,
} from './logic'
import { headerOptions, sniffRows, type SheetRows } from './sheet'
import type { FieldErrors, ItemFilter, MetaForm, WizardStep } from './types'

/** Roles the server lets import a list. */
export const IMPORT_ROLES = ['admin', 'dispatcher'] as const

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function useCanImport() {
  const session = useSessionStore()
  return computed(() => session.hasRole([...IMPORT_ROLES]))
}

export function useFeedbackLists() {
  const lists = ref<FeedbackList[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref('')
  const query = ref('')
  const source = ref<'all' | FeedbackList['source']>('all')

  const filtered = computed(() =>
    lists.value.filter((l) => (source.value === 'all' || l.source === source.value) && matchList(l, query.value)),
  )
  const totals = computed(() => listTotals(lists.value))

  async function reload() {
    loading.value = true
    error.value = ''
    try {
      lists.value = sortLists((await feedbackApi.list()).items)
      loaded.value = true
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  return { lists, filtered, totals, loading, loaded, error, query, source, reload }
}

export function useFeedbackDetail(id: () => number) {
  const list = ref<FeedbackListDetail | null>(null)
  const loading = ref(false)
  const notFound = ref(false)
  const error = ref('')
  const filter = ref<ItemFilter>('all')
  const query = ref('')
  const downloading = ref(false)

  const items = computed(() => filterItems(list.value?.items ?? [], filter.value, query.value))
  const tally = computed(() => itemTally(list.value?.items ?? []))

  async function load() {
    loading.value = true
    error.value = ''
    notFound.value = false
    try {
      list.value = await feedbackApi.get(id())
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true
      else error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  /** Fetches the 整改情况报告 and saves it; resolves to an error text or ''. */
  async function downloadAnswer(): Promise<string> {
    const l = list.value
    if (!l || downloading.value) return ''
    downloading.value = true
    try {
      const { blob, filename } = await feedbackApi.answerDocx(l.id)
      saveBlob(blob, filename ?? `${l.title}整改情况报告.docx`)
      return ''
    } catch (e) {
      return errorText(e)
    } finally {
      downloading.value = false
    }
  }

  return { list, loading, notFound, error, filter, query, items, tally, downloading, load, downloadAnswer }
}

type Mapping = Partial<Record<FeedbackField, string>>

/** The import wizard: file + details → dry run (with column mapping) → import. */
export function useImportWizard() {
  const step = ref<WizardStep>(0)
  const file = shallowRef<File | null>(null)
  const sheet = shallowRef<SheetRows | null>(null)
  const meta = reactive<MetaForm>(emptyMeta(todayStr()))
  /** Columns the user picked (sent as meta.mapping; kept when another file is chosen). */
  const chosen = ref<Mapping>({})
  /** What the selects show: the columns the server used, with the user's picks on top. */
  const mapping = computed<Mapping>(() => ({ ...(preview.value?.columns ?? {}), ...chosen.value }))
  /** null: let the server find the header row. */
  const headerRow = ref<number | null>(null)
  /** The row the server last used as the header (for the pickers when it gave no preview). */
  const usedHeaderRow = ref<number | null>(null)
  const preview = shallowRef<FeedbackPreview | null>(null)
  const checking = ref(false)
  const importing = ref(false)
  const errors = ref<FieldErrors>({})
  const error = ref('')
  const onlyBad = ref(false)
  /** What the last good preview was made from: the import sends exactly this. */
  let previewed: { file: File; meta: ReturnType<typeof metaBody> } | null = null
  let generation = 0

  const busy = computed(() => checking.value || importing.value)
  const headers = computed(() => {
    if (preview.value) return preview.value.headers.filter((h) => h !== '')
    return headerOptions(sheet.value, headerRow.value ?? usedHeaderRow.value ?? 1)
  })
  const headerRowChoices = computed(() =>
    (sheet.value ?? []).map((cells, i) => ({ row: i + 1, text: cells.filter((c) => c).join(' | ') })).filter((r) => r.text),
  )
  const rows = computed(() => {
    const all = preview.value?.rows ?? []
    return onlyBad.value ? all.filter((r) => !r.ok) : all
  })
  const canImport = computed(
    () => !!preview.value && preview.value.error_count === 0 && preview.value.total > 0 && !busy.value,
  )
  const mappingErrors = computed(() =>
    Object.entries(errors.value).filter(([k]) => isMappingError(k)),
  )

  // An error next to a field goes away as soon as the field is changed.
  watch(
    () => ({ ...meta }),
    (now, before) => {
      const changed = (Object.keys(now) as (keyof MetaForm)[]).filter((k) => now[k] !== before[k])
      if (!changed.length) return
      const next = { ...errors.value }
      for (const k of changed) delete next['meta.' + k]
      if (changed.includes('source')) delete next['meta.source_level']
      errors.value = next
    },
  )

  function reset() {
    generation++
    step.value = 0
    file.value = null
    sheet.value = null
    Object.assign(meta, emptyMeta(todayStr()))
    chosen.value = {}
    headerRow.value = null
    usedHeaderRow.value = null
    preview.value = null
    checking.value = importing.value = false
    errors.value = {}
    error.value = ''
    onlyBad.value = false
    previewed = null
  }

  /** A new file (e.g. the corrected sheet): the user's column picks and header row stay;
   *  on the preview step it is checked at once. */
  async function chooseFile(f: File) {
    const problem = fileProblem(f.name, f.size)
    const rest = { ...errors.value }
    delete rest.file
    errors.value = problem ? { ...rest, file: problem } : rest
    if (problem) return
    file.value = f
    preview.value = null
    onlyBad.value = false
    const gen = generation
    const rows = await sniffRows(f)
    if (gen === generation && file.value === f) sheet.value = rows
    if (step.value === 1 && gen === generation) await check()
  }

  /** Client checks, then the server's dry run. Moves to the step the outcome belongs to. */
  async function check(): Promise<boolean> {
    const local = validateMeta(meta)
    if (!file.value) local.file = t('fb.wiz.fileNeeded')
    if (Object.keys(local).length) {
      errors.value = local
      step.value = 0
      return false
    }
    const gen = ++generation
    const f = file.value as File
    const body = metaBody(meta, chosen.value, headerRow.value)
    checking.value = true
    error.value = ''
    try {
      const p = await feedbackApi.preview(f, f.name, body)
      if (gen !== generation) return false
      preview.value = p
      previewed = { file: f, meta: body }
      usedHeaderRow.value = p.header_row
      errors.value = {}
      step.value = 1
      if (!p.error_count) onlyBad.value = false
      return true
    } catch (e) {
      if (gen !== generation) return false
      preview.value = null
      previewed = null
      if (e instanceof ApiError && e.status === 400) {
        errors.value = e.fieldErrors()
        const keys = Object.keys(errors.value)
        if (keys.length && keys.every(isMappingError)) {
          usedHeaderRow.value = headerRowFromDetail(e.detail) ?? usedHeaderRow.value
          step.value = 1
        } else {
          step.value = 0
          if (!keys.length) error.value = errorText(e)
        }
      } else {
        error.value = errorText(e)
      }
      return false
    } finally {
      if (gen === generation) checking.value = false
    }
  }

  function setMapping(field: FeedbackField, header: string | undefined) {
    const next = { ...chosen.value }
    if (header) next[field] = header
    else delete next[field]
    chosen.value = next
    return check()
  }

  function setHeaderRow(row: number | null) {
    headerRow.value = row
    chosen.value = {}
    return check()
  }

  /** Imports what was previewed; resolves to the new list, or null (errors are set). */
  async function commit(): Promise<FeedbackImported | null> {
    if (!canImport.value || !previewed) return null
    const gen = ++generation
    importing.value = true
    step.value = 2
    error.value = ''
    try {
      const out = await feedbackApi.create(previewed.file, previewed.file.name, previewed.meta)
      return gen === generation ? out : null
    } catch (e) {
      if (gen !== generation) return null
      step.value = 1
      error.value = errorText(e)
      // 422: a row went bad since the preview (a unit disabled, …): show it again.
      if (e instanceof ApiError && e.status === 422) {
        importing.value = false
        await check()
        error.value = errorText(e)
      }
      return null
    } finally {
      if (gen === generation) importing.value = false
    }
  }

  return {
    step,
    file,
    sheet,
    meta,
    chosen,
    mapping,
    headerRow,
    usedHeaderRow,
    preview,
    checking,
    importing,
    busy,
    errors,
    error,
    onlyBad,
    headers,
    headerRowChoices,
    rows,
    canImport,
    mappingErrors,
    reset,
    chooseFile,
    check,
    setMapping,
    setHeaderRow,
    commit,
  }
}
