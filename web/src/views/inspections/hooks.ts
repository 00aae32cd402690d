// Inspection pages: round list with per-round numbers, the round form, checklist scoring,
// findings with photos, 回头看 and patrol coverage.
import { computed, reactive, ref, shallowRef, watch } from 'vue'
import {
  inspectionsApi,
  type Checklists,
  type Inspection,
  type InspectionDetail,
  type InspectionKind,
  type NewInspection,
  type NewScore,
  type SiteType,
} from '@/api/inspections'
import { patrolsApi, type Coverage, type Patrol } from '@/api/patrols'
import { problemsApi } from '@/api/problems'
import { attachmentsApi } from '@/api/attachments'
import { usersApi } from '@/api/users'
import { ApiError } from '@/api/http'
import type { Attachment, Problem } from '@/api/types'
import { t } from '@/i18n'
import { useSessionStore } from '@/store/session'
import { today } from '@/utils/format'
import type { FieldErrors, FindingForm, ItemAnswer, RoundForm, RoundStats, ScoreForm, ScorePreview } from './types'

export const KIND_TAG: Record<InspectionKind, 'primary' | 'success' | 'warning' | 'danger' | 'info'> = {
  weekly: 'primary',
  monthly: 'primary',
  covert: 'warning',
  higher_level: 'danger',
  spot: 'info',
  acceptance: 'success',
  observation: 'success',
  recheck: 'warning',
}

/** Roles that may create rounds, score and record findings (the server checks again). */
export const INSPECT_ROLES = ['admin', 'dispatcher', 'inspector'] as const
/** Roles that may read patrol coverage. */
export const COVERAGE_ROLES = ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'] as const

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

/** Server field errors keyed by form field; `items[2].value` stays as is, `inspector_ids[0]` → `inspector_ids`. */
export function serverErrors(e: unknown, keep: RegExp = /^items\[\d+\]/): FieldErrors {
  if (!(e instanceof ApiError)) return {}
  const out: FieldErrors = {}
  for (const [k, v] of Object.entries(e.fieldErrors())) {
    const key = keep.test(k) ? k : k.replace(/\[\d+\].*$/, '')
    if (!(key in out)) out[key] = v
  }
  return out
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  async function worker() {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

// ---------------------------------------------------------------- round form

export function emptyRound(day = today()): RoundForm {
  return { kind: 'weekly', level: '', date: day, title: '', inspector_ids: [], campaign_id: null, note: '' }
}

export function validateRound(f: RoundForm): FieldErrors {
  const e: FieldErrors = {}
  if (!f.kind) e.kind = t('insp.form.kindRequired')
  if (!f.date || !/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = t('insp.form.dateRequired')
  if (f.kind === 'higher_level' && !f.level) e.level = t('insp.form.levelRequired')
  if (f.title.trim().length > 200) e.title = t('insp.form.nameTooLong')
  return e
}

export function toNewInspection(f: RoundForm): NewInspection {
  const body: NewInspection = { kind: f.kind as InspectionKind, date: f.date }
  if (f.kind === 'higher_level' && f.level) body.level = f.level
  if (f.title.trim()) body.title = f.title.trim()
  if (f.campaign_id) body.campaign_id = f.campaign_id
  if (f.note.trim()) body.note = f.note.trim()
  if (f.inspector_ids.length) body.inspector_ids = [...f.inspector_ids]
  return body
}

// ---------------------------------------------------------------- scoring

export function emptyScore(): ScoreForm {
  return { unit_id: null, site_type: '', site_name: '', answers: {}, score: null, note: '' }
}

/** Blank answers for every item of a site type. */
export function blankAnswers(type: SiteType | undefined): Record<string, ItemAnswer> {
  const out: Record<string, ItemAnswer> = {}
  for (const it of type?.items ?? []) out[it.id] = { passed: null, value: null }
  return out
}

/** The score the server will compute: passed items ÷ items × 100, two decimals. */
export function previewScore(type: SiteType | undefined, answers: Record<string, ItemAnswer>): ScorePreview {
  if (!type) return { score: null, passed: 0, total: 0, unanswered: 0 }
  let passed = 0
  let unanswered = 0
  for (const it of type.items) {
    const a = answers[it.id]
    if (it.kind === 'measure') {
      if (a?.value === null || a?.value === undefined || !Number.isFinite(a.value)) unanswered++
      else if (a.value <= (it.max ?? Infinity)) passed++
    } else if (a?.passed === null || a?.passed === undefined) unanswered++
    else if (a.passed) passed++
  }
  const total = type.items.length
  const score = unanswered || !total ? null : Math.round((10000 * passed) / total) / 100
  return { score, passed, total, unanswered }
}

export function validateScore(f: ScoreForm, type: SiteType | undefined): FieldErrors {
  const e: FieldErrors = {}
  if (!f.unit_id) e.unit_id = t('insp.unitRequired')
  if (type) {
    type.items.forEach((it, i) => {
      const a = f.answers[it.id]
      if (it.kind === 'measure' && (a?.value === null || a?.value === undefined))
        e[`items[${i}].value`] = t('insp.valueRequired')
      if (it.kind === 'check' && (a?.passed === null || a?.passed === undefined))
        e[`items[${i}].passed`] = t('insp.judgeRequired')
    })
  } else if (f.score === null || !Number.isFinite(f.score) || f.score < 0 || f.score > 100) {
    e.score = t('insp.scoreRequired')
  }
  return e
}

export function toNewScore(f: ScoreForm, type: SiteType | undefined): NewScore {
  const body: NewScore = { unit_id: f.unit_id as number }
  if (f.site_name.trim()) body.site_name = f.site_name.trim()
  if (f.note.trim()) body.note = f.note.trim()
  if (type) {
    body.site_type = type.id
    body.items = type.items.map((it) =>
      it.kind === 'measure'
        ? { id: it.id, value: f.answers[it.id]?.value ?? undefined }
        : { id: it.id, passed: f.answers[it.id]?.passed ?? undefined },
    )
  } else body.score = f.score ?? undefined
  return body
}

export function scoreTone(score: number): 'good' | 'warn' | 'bad' {
  return score >= 90 ? 'good' : score >= 60 ? 'warn' : 'bad'
}

/** Numbers of a round for the list and the detail header. */
export function roundStats(d: InspectionDetail): RoundStats {
  const units = new Set(d.scores.map((s) => s.unit_id))
  const avg = d.scores.length ? d.scores.reduce((a, s) => a + s.score, 0) / d.scores.length : null
  return {
    units: units.size,
    sites: d.scores.length,
    average: avg === null ? null : Math.round(avg * 10) / 10,
    findings: d.finding_problem_ids.length,
    rechecked: d.rechecks.filter((r) => r.result).length,
    sampled: d.rechecks.length,
  }
}

/** Average score per unit, best first. */
export function perUnitAverages(d: InspectionDetail): { unit_id: number; average: number; sites: number }[] {
  const acc = new Map<number, { sum: number; n: number }>()
  for (const s of d.scores) {
    const a = acc.get(s.unit_id) ?? { sum: 0, n: 0 }
    a.sum += s.score
    a.n++
    acc.set(s.unit_id, a)
  }
  return [...acc.entries()]
    .map(([unit_id, a]) => ({ unit_id, average: Math.round((a.sum / a.n) * 10) / 10, sites: a.n }))
    .sort((x, y) => y.average - x.average)
}

// ---------------------------------------------------------------- data hooks

let checklistCache: Promise<Checklists> | null = null
/** Checklists are static reference data: fetched once per page load. */
export function useChecklists() {
  const siteTypes = shallowRef<SiteType[]>([])
  if (!checklistCache) checklistCache = inspectionsApi.checklists().catch((e) => ((checklistCache = null), Promise.reject(e)))
  void checklistCache.then((c) => (siteTypes.value = c.site_types)).catch(() => undefined)
  return { siteTypes }
}

/** Names of users: admins read all accounts, other office roles the inspectors and grid workers. */
export function useNames() {
  const session = useSessionStore()
  const names = ref(new Map<number, string>())
  const inspectors = ref<{ id: number; name: string }[]>([])
  async function load() {
    try {
      if (session.hasRole(['admin'])) {
        const users = (await usersApi.list()).items
        names.value = new Map(users.map((u) => [u.id, u.display_name]))
        inspectors.value = users
          .filter((u) => u.roles.includes('inspector') && !u.disabled)
          .map((u) => ({ id: u.id, name: u.display_name }))
      } else if (session.hasRole(['dispatcher', 'inspector', 'leader', 'viewer'])) {
        const people = (await inspectionsApi.people(today().slice(0, 4))).items
        names.value = new Map(people.map((p) => [p.user_id, p.display_name]))
        inspectors.value = people
          .filter((p) => p.roles.includes('inspector'))
          .map((p) => ({ id: p.user_id, name: p.display_name }))
      }
    } catch {
      // Names are a nicety: ids are shown instead.
    }
  }
  function nameOf(id: number): string {
    if (session.user?.id === id) return session.user.display_name
    return names.value.get(id) ?? t('insp.someone', { id })
  }
  void load()
  return { names, inspectors, nameOf }
}

export function useRoundList() {
  const items = shallowRef<Inspection[]>([])
  const loading = ref(false)
  const error = ref('')
  const stats = ref(new Map<number, RoundStats>())
  const statsLoading = ref(new Set<number>())

  async function reload() {
    loading.value = true
    error.value = ''
    try {
      items.value = (await inspectionsApi.list()).items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  /** Fetches the details of the given rounds (not yet known) for their numbers. */
  async function loadStats(ids: number[]) {
    const todo = ids.filter((id) => !stats.value.has(id) && !statsLoading.value.has(id))
    if (!todo.length) return
    statsLoading.value = new Set([...statsLoading.value, ...todo])
    await mapLimit(todo, 4, async (id) => {
      try {
        const d = await inspectionsApi.get(id)
        stats.value = new Map(stats.value).set(id, roundStats(d))
      } catch {
        // The row keeps its placeholders.
      }
    })
    const left = new Set(statsLoading.value)
    todo.forEach((id) => left.delete(id))
    statsLoading.value = left
  }

  return { items, loading, error, stats, statsLoading, reload, loadStats }
}

/** Filters the round list by kind and text. */
export function filterRounds(rows: Inspection[], kind: InspectionKind | '', q: string): Inspection[] {
  const text = q.trim().toLowerCase()
  return rows.filter(
    (r) =>
      (!kind || r.kind === kind) &&
      (!text || r.title.toLowerCase().includes(text) || r.note.toLowerCase().includes(text)),
  )
}

/** Counters for the list header. */
export function roundKpis(rows: Inspection[], now = today()) {
  const month = now.slice(0, 7)
  return {
    total: rows.length,
    month: rows.filter((r) => r.date.startsWith(month)).length,
    covert: rows.filter((r) => r.kind === 'covert').length,
    higher: rows.filter((r) => r.kind === 'higher_level').length,
    recheck: rows.filter((r) => r.kind === 'recheck').length,
  }
}

export function useInspection(id: () => number) {
  const detail = ref<InspectionDetail | null>(null)
  const loading = ref(false)
  const error = ref('')
  const notFound = ref(false)
  const problems = ref(new Map<number, Problem>())

  async function loadProblems(ids: number[]) {
    const todo = ids.filter((x) => !problems.value.has(x))
    await mapLimit(todo, 4, async (pid) => {
      try {
        const p = await problemsApi.get(pid)
        problems.value = new Map(problems.value).set(pid, p)
      } catch {
        // Shown by number-less link.
      }
    })
  }

  async function reload() {
    loading.value = true
    error.value = ''
    try {
      const d = await inspectionsApi.get(id())
      detail.value = d
      notFound.value = false
      const ids = [
        ...d.finding_problem_ids,
        ...d.rechecks.map((r) => r.problem_id),
        ...d.rechecks.map((r) => r.new_problem_id).filter((x): x is number => !!x),
      ]
      void loadProblems(ids)
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) notFound.value = true
      else error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  const stats = computed(() => (detail.value ? roundStats(detail.value) : null))
  return { detail, loading, error, notFound, problems, stats, reload, loadProblems }
}

// ---------------------------------------------------------------- photos

export interface UploadState {
  file: File
  status: 'uploading' | 'done' | 'error'
  attachment?: Attachment
  error?: string
}

/**
 * Photos chosen in a PhotoInput are uploaded right away (so their EXIF position can
 * place the problem); `ids` are the uploaded attachments in the order chosen.
 */
export function usePhotoUploads(onError: (name: string, msg: string) => void = () => undefined) {
  const files = ref<File[]>([])
  const states = reactive(new Map<File, UploadState>())

  watch(files, (list) => {
    for (const f of [...states.keys()]) if (!list.includes(f)) states.delete(f)
    for (const f of list) {
      if (states.has(f)) continue
      const s: UploadState = { file: f, status: 'uploading' }
      states.set(f, s)
      attachmentsApi
        .upload(f)
        .then((a) => {
          const cur = states.get(f)
          if (cur) Object.assign(cur, { status: 'done', attachment: a })
        })
        .catch((e) => {
          states.delete(f)
          files.value = files.value.filter((x) => x !== f)
          onError(f.name, errorText(e))
        })
    }
  })

  const uploading = computed(() => [...states.values()].filter((s) => s.status === 'uploading').length)
  const attachments = computed(() =>
    files.value.map((f) => states.get(f)?.attachment).filter((a): a is Attachment => !!a),
  )
  const ids = computed(() => attachments.value.map((a) => a.id))
  function reset() {
    files.value = []
    states.clear()
  }
  return { files, uploading, attachments, ids, reset }
}

// ---------------------------------------------------------------- findings

export function emptyFinding(): FindingForm {
  return { category_code: '', severity: '一般', address: '', description: '', lng: null, lat: null }
}

export function validateFinding(f: FindingForm, photos: number, uploading: number): FieldErrors {
  const e: FieldErrors = {}
  if (uploading) e.attachment_ids = t('insp.finding.waitUpload')
  else if (!photos) e.attachment_ids = t('insp.finding.photosRequired')
  if (!f.category_code) e.category_code = t('insp.finding.categoryRequired')
  if (!f.address.trim()) e.address = t('insp.finding.addressRequired')
  if (!f.description.trim()) e.description = t('insp.finding.descriptionRequired')
  if (f.lng === null || f.lat === null || !Number.isFinite(f.lng) || !Number.isFinite(f.lat))
    e.lng = t('insp.finding.positionRequired')
  return e
}

/** The ledger source a finding of this round kind gets (server: source_of). */
export function findingSource(kind: InspectionKind): 'covert' | 'higher_level' | 'inspection' {
  return kind === 'covert' ? 'covert' : kind === 'higher_level' ? 'higher_level' : 'inspection'
}

// ---------------------------------------------------------------- coverage

export interface MissRow {
  user_id: number
  name: string
  days: { date: string; tours: number }[]
}

/** Daily misses grouped per grid worker, most missed first. */
export function groupMisses(c: Coverage | null): MissRow[] {
  const by = new Map<number, MissRow>()
  for (const m of c?.daily_missed ?? []) {
    const row = by.get(m.user_id) ?? { user_id: m.user_id, name: m.name, days: [] }
    row.days.push({ date: m.date, tours: m.tours })
    by.set(m.user_id, row)
  }
  return [...by.values()].sort((a, b) => b.days.length - a.days.length || a.user_id - b.user_id)
}

export function useCoverage() {
  const days = ref(7)
  const data = shallowRef<Coverage | null>(null)
  const patrols = shallowRef<Patrol[]>([])
  const loading = ref(false)
  const error = ref('')
  async function reload() {
    loading.value = true
    error.value = ''
    try {
      const [c, p] = await Promise.all([patrolsApi.coverage(days.value), patrolsApi.list()])
      data.value = c
      patrols.value = p.items.slice(0, 50)
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }
  watch(days, () => void reload())
  const misses = computed(() => groupMisses(data.value))
  return { days, data, patrols, loading, error, misses, reload }
}
