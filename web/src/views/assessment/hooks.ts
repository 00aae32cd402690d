// 考核排名 page logic: URL state, loading scores, validation, the explain mapping
// (which problems/entries are behind a line) and the score chart.
import { computed, onBeforeUnmount, reactive, ref, shallowRef, watch } from 'vue'
import { useRoute, useRouter, type LocationQuery } from 'vue-router'
import { t } from '@/i18n'
import { ApiError } from '@/api/http'
import {
  assessmentApi,
  DOCX_MIME,
  type ExplainResult,
  type Scheme,
  type ScoreDiff,
  type ScoreLine,
  type ScoresResult,
  type UnitScore,
} from '@/api/assessment'
import type { PersonScore } from '@/api/assessment'
import type { Role } from '@/api/types'
import type { ChartOption } from '@/utils/echarts'
import { today } from '@/utils/format'
import type {
  AccountabilityForm,
  AssessmentQuery,
  AssessmentTab,
  EntryForm,
  EntryOption,
  FieldErrors,
  LineEvidence,
  RankedPerson,
} from './types'

// Who may do what; mirrors the server's checks (src/http/assessment*.cpp), which still decide.
export const READER_ROLES: Role[] = ['admin', 'dispatcher', 'inspector', 'leader', 'viewer']
export const ENTRY_ROLES: Role[] = ['admin', 'dispatcher', 'inspector']
export const ACCOUNTABILITY_ROLES: Role[] = ['admin', 'leader']
export const FREEZE_ROLES: Role[] = ['admin']

export const TABS: AssessmentTab[] = ['ranking', 'entries', 'accountability', 'people']
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const SCHEME_CODE = /^[a-z0-9_-]{1,32}$/

export function isMonth(s: unknown): s is string {
  return typeof s === 'string' && MONTH.test(s)
}

/** YYYY-MM of `now` in Shanghai. */
export function currentMonth(now: Date = new Date()): string {
  return today(now).slice(0, 7)
}

/** The month before `now`'s month: the one a monthly ranking is usually about. */
export function previousMonth(now: Date = new Date()): string {
  const [y, m] = currentMonth(now).split('-').map(Number)
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`
}

/** First and last day (YYYY-MM-DD) of a YYYY-MM month. */
export function monthBounds(period: string): { first: string; last: string } {
  const [y, m] = period.split('-').map(Number)
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { first: `${period}-01`, last: `${period}-${String(days).padStart(2, '0')}` }
}

/** "2024年9月" (the server's period_label format). */
export function monthLabel(period: string): string {
  if (!isMonth(period)) return period
  const [y, m] = period.split('-').map(Number)
  return `${y}年${m}月`
}

function first(v: LocationQuery[string]): string | undefined {
  const s = Array.isArray(v) ? v[0] : v
  return typeof s === 'string' && s !== '' ? s : undefined
}

/** URL query → page state; malformed values fall back to the defaults. */
export function parseAssessmentQuery(q: LocationQuery, now: Date = new Date()): AssessmentQuery {
  const scheme = first(q.scheme)
  const period = first(q.period)
  const tab = first(q.tab)
  return {
    scheme: scheme && SCHEME_CODE.test(scheme) ? scheme : 'territorial',
    period: isMonth(period) && period <= currentMonth(now) ? period : previousMonth(now),
    tab: tab && (TABS as string[]).includes(tab) ? (tab as AssessmentTab) : 'ranking',
  }
}

export function assessmentQueryToUrl(s: AssessmentQuery): Record<string, string> {
  const q: Record<string, string> = { scheme: s.scheme, period: s.period }
  if (s.tab !== 'ranking') q.tab = s.tab
  return q
}

/** Scheme, month and tab, kept in the URL so a reload or a shared link shows the same. */
export function useAssessmentQuery(now: () => Date = () => new Date()) {
  const route = useRoute()
  const router = useRouter()
  const state = reactive<AssessmentQuery>(parseAssessmentQuery(route.query, now()))
  watch(
    () => route.query,
    (q) => {
      const next = parseAssessmentQuery(q, now())
      if (next.scheme !== state.scheme) state.scheme = next.scheme
      if (next.period !== state.period) state.period = next.period
      if (next.tab !== state.tab) state.tab = next.tab
    },
  )
  function set(p: Partial<AssessmentQuery>) {
    Object.assign(state, p)
    return router.replace({ query: { ...route.query, ...assessmentQueryToUrl(state) } })
  }
  return { state, set }
}

// ---- grades, totals, diff, summary ----

export const GRADE_COLORS: Record<string, string> = {
  A: '#18a058',
  B: '#1d5bd8',
  C: '#f0a020',
  D: '#d03050',
}

export function gradeColor(grade: string | null | undefined): string {
  return (grade && GRADE_COLORS[grade]) || '#98a4b6'
}

export function gradeType(grade: string | null | undefined): 'success' | 'primary' | 'warning' | 'danger' | 'info' {
  switch (grade) {
    case 'A':
      return 'success'
    case 'B':
      return 'primary'
    case 'C':
      return 'warning'
    case 'D':
      return 'danger'
    default:
      return 'info'
  }
}

const round2 = (v: number) => Math.round(v * 100) / 100

/** Item points, deductions (after the overall cap) and bonuses (after theirs) of a unit. */
export function lineTotals(lines: ScoreLine[]): { items: number; deductions: number; bonuses: number } {
  let items = 0
  let deductions = 0
  let bonuses = 0
  for (const l of lines) {
    if (l.kind === 'item') items += l.points
    else if (l.kind === 'deduction') deductions += l.points
    else if (l.kind === 'bonus') bonuses += l.points
    else if (l.kind === 'cap' && l.key === 'deduction_cap') deductions -= l.points
    else if (l.kind === 'cap' && l.key === 'bonus_cap') bonuses -= l.points
  }
  return { items: round2(items), deductions: round2(deductions), bonuses: round2(bonuses) }
}

export function diffByUnit(res: ScoresResult | null): Map<number, ScoreDiff> {
  return new Map((res?.diff ?? []).map((d) => [d.unit_id, d]))
}

export interface ScoreSummary {
  units: number
  ranked: number
  unranked: number
  average: number | null
  top: number | null
  bottom: number | null
  grades: { grade: string; n: number }[]
}

export function summarize(items: UnitScore[], gradeOrder: string[] = ['A', 'B', 'C', 'D']): ScoreSummary {
  const ranked = items.filter((u) => u.ranked && u.score !== null)
  const scores = ranked.map((u) => u.score as number)
  const counts = new Map<string, number>(gradeOrder.map((g) => [g, 0]))
  for (const u of ranked) if (u.grade) counts.set(u.grade, (counts.get(u.grade) ?? 0) + 1)
  return {
    units: items.length,
    ranked: ranked.length,
    unranked: items.length - ranked.length,
    average: scores.length ? round2(scores.reduce((a, b) => a + b, 0) / scores.length) : null,
    top: scores.length ? Math.max(...scores) : null,
    bottom: scores.length ? Math.min(...scores) : null,
    grades: [...counts].map(([grade, n]) => ({ grade, n })),
  }
}

/** "98.5" / "100" / "—": scores are shown with at most two decimals. */
export function fmtScore(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  return String(round2(v))
}

/** A line's fact: a metric's rate as "75%", anything else as the number. */
export function fmtCount(line: ScoreLine, s: Scheme | null | undefined): string {
  const metric = line.kind === 'item' && s?.items.some((i) => i.key === line.key && i.source === 'metric')
  return metric ? `${round2(line.count * 100)}%` : String(round2(line.count))
}

// ---- manual entries ----

/** Items a manual entry may target in a scheme, as the server's entry_keys() lists them. */
export function entryOptions(s: Scheme | null | undefined): EntryOption[] {
  if (!s) return []
  const out: EntryOption[] = []
  const seen = new Set<string>()
  const push = (o: EntryOption) => {
    if (!seen.has(o.key)) {
      seen.add(o.key)
      out.push(o)
    }
  }
  for (const it of s.items) if (it.source === 'entries') push({ key: it.key, name: it.name, kind: 'item', max: it.max, min: 0 })
  const factKey = (f: string) => (f.startsWith('entry:') ? f.slice(6) : null)
  for (const b of s.bonuses) {
    const k = factKey(b.fact)
    if (k) push({ key: k, name: b.name, kind: 'bonus', max: b.cap && b.cap > 0 ? b.cap : null, min: 0 })
  }
  for (const d of s.deductions) {
    const k = factKey(d.fact)
    if (k) push({ key: k, name: d.name, kind: 'deduction', max: null, min: 0 })
  }
  for (const v of s.vetoes) {
    const k = factKey(v.fact)
    if (k) push({ key: k, name: v.name, kind: 'veto', max: 1, min: 0 })
  }
  return out
}

export function emptyEntry(): EntryForm {
  return { unit_id: null, item: '', points: null, note: '' }
}

/** Allowed range of a new entry so that the item's sum stays within [min, max]. */
export function entryRange(opt: EntryOption, existingSum = 0): { min: number; max: number } {
  const max = opt.max === null ? 1000 : round2(opt.max - existingSum)
  const min = round2(Math.max(-1000, opt.min - existingSum))
  return { min, max: Math.min(1000, max) }
}

export function validateEntry(f: EntryForm, options: EntryOption[], existingSum = 0): FieldErrors {
  const e: FieldErrors = {}
  if (!f.unit_id) e.unit_id = t('rank.v.unit')
  const opt = options.find((o) => o.key === f.item)
  if (!f.item || !opt) e.item = t('rank.v.item')
  if (f.points === null || f.points === undefined || !Number.isFinite(f.points)) e.points = t('rank.v.points')
  else if (opt) {
    const r = entryRange(opt, existingSum)
    if (f.points < r.min || f.points > r.max) e.points = t('rank.v.pointsRange', r)
  }
  if (f.note.length > 500) e.note = t('rank.v.note')
  else if (opt && (opt.kind === 'veto' || opt.kind === 'bonus') && !f.note.trim()) e.note = t('rank.v.noteRequired')
  return e
}

// ---- accountability ----

export function emptyAccountability(day: string): AccountabilityForm {
  return { unit_id: null, kind: '', target: 'principal', person: '', reason: '', day, problem_id: null }
}

/** Today if it falls in the month, else the month's last day: records count in the month of their day. */
export function defaultDayIn(period: string, now: Date = new Date()): string {
  const d = today(now)
  const { first, last } = monthBounds(period)
  if (d >= first && d <= last) return d
  return d < first ? first : last
}

export function validateAccountability(f: AccountabilityForm): FieldErrors {
  const e: FieldErrors = {}
  if (!f.unit_id) e.unit_id = t('rank.v.unit')
  if (!f.kind) e.kind = t('rank.v.kind')
  if (!f.reason.trim()) e.reason = t('rank.v.reason')
  else if (f.reason.length > 500) e.reason = t('rank.v.reasonLong')
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.day)) e.day = t('rank.v.day')
  if (f.person.length > 64) e.person = t('rank.v.personLong')
  else if (f.target === 'cadre' && !f.person.trim()) e.person = t('rank.v.person')
  return e
}

/** A date range for the work report: both days, in order, at most a year apart. */
export function validateRange(r: [string, string] | null | undefined): string | null {
  if (!r || !r[0] || !r[1]) return t('rank.v.range')
  const days = (Date.parse(r[1]) - Date.parse(r[0])) / 86400000
  if (!(days >= 0)) return t('rank.v.range')
  if (days > 366) return t('rank.v.rangeLong')
  return null
}

/** The server's field errors of a failed write, keyed by field; {} for other failures. */
export function serverFieldErrors(e: unknown): FieldErrors {
  return e instanceof ApiError ? e.fieldErrors() : {}
}

export function errorText(e: unknown): string {
  if (e instanceof ApiError) {
    const fields = e.errors.map((x) => x.message).filter(Boolean)
    return fields.length ? `${e.title}：${fields.join('；')}` : e.message
  }
  return e instanceof Error ? e.message : String(e)
}

// ---- explain: what is behind each line ----

const FACT_REASONS: Record<string, (r: string) => boolean> = {
  src_higher_level: (r) => r === '上级督查发现',
  src_media: (r) => r === '媒体曝光',
  src_covert: (r) => r === '暗访发现',
  rebound: (r) => r === '问题反弹',
  overdue: (r) => r === '超期未改',
}
const METRIC_REASONS: Record<string, (r: string) => boolean> = {
  on_time_rate: (r) => r === '按期处置',
  close_rate: (r) => r === '结案',
  no_rework_rate: (r) => r.startsWith('返工'),
  no_overdue_rate: (r) => r === '超期未处置',
}

/** Reasons that earned points (结案, 按期处置) are shown green, the rest red. */
export function reasonType(r: string): 'success' | 'danger' {
  return r === '结案' || r === '按期处置' ? 'success' : 'danger'
}

/** Problems, entries and accountability records behind one line of a unit's breakdown. */
export function lineEvidence(s: Scheme | null | undefined, line: ScoreLine, ex: ExplainResult): LineEvidence {
  const out: LineEvidence = { problems: [], entries: [], accountability: [] }
  if (!s) return out
  const entryFact = (fact: string | undefined) =>
    fact?.startsWith('entry:') ? ex.entries.filter((e) => e.item === fact.slice(6)) : []
  if (line.kind === 'item') {
    const it = s.items.find((i) => i.key === line.key)
    if (it?.source === 'metric') {
      // List the problems that cost points: not on time / not closed, or reworked / overdue.
      const m = it.metric ? METRIC_REASONS[it.metric] : undefined
      const hits = new Set(ex.problems.filter((p) => p.reasons.some((r) => m?.(r))).map((p) => p.id))
      const costIsHit = it.metric === 'no_rework_rate' || it.metric === 'no_overdue_rate'
      out.hits = hits
      out.problems = ex.problems.filter((p) => hits.has(p.id) === costIsHit)
      out.note = t('rank.explain.rateNote', { n: ex.problems.length, hit: hits.size, m: out.problems.length })
    } else if (it?.source === 'inspection') {
      out.note = line.count > 0 ? t('rank.explain.inspectionNote', { avg: round2(line.count) }) : t('rank.explain.inspectionNone')
    } else {
      out.entries = ex.entries.filter((e) => e.item === line.key)
      out.note = out.entries.length ? t('rank.explain.entriesNote') : t('rank.table.defaultFull')
    }
    return out
  }
  if (line.kind === 'deduction') {
    const d = s.deductions.find((x) => x.key === line.key)
    const fact = d?.fact ?? ''
    if (FACT_REASONS[fact]) out.problems = ex.problems.filter((p) => p.reasons.some(FACT_REASONS[fact]))
    else if (fact === 'criticisms') out.accountability = ex.accountability.filter((a) => a.kind === 'criticism')
    else if (fact === 'interviews') out.accountability = ex.accountability.filter((a) => a.kind === 'interview')
    else if (fact === 'returns') out.note = t('rank.explain.returnsNote', { n: line.count })
    else out.entries = entryFact(fact)
    return out
  }
  if (line.kind === 'bonus') out.entries = entryFact(s.bonuses.find((b) => b.key === line.key)?.fact)
  if (line.kind === 'veto') out.entries = entryFact(s.vetoes.find((v) => v.key === line.key)?.fact)
  return out
}

// ---- people ----

/** Scored people first, best first; ties share a rank; unscored ones last, unranked. */
export function rankPeople(items: PersonScore[]): RankedPerson[] {
  const scored = items.filter((p) => p.score !== null).sort((a, b) => (b.score as number) - (a.score as number) || a.user_id - b.user_id)
  const rest = items.filter((p) => p.score === null)
  const out: RankedPerson[] = []
  scored.forEach((p, i) => {
    const prev = out[i - 1]
    out.push({ ...p, rank: prev && prev.score === p.score ? prev.rank : i + 1 })
  })
  return [...out, ...rest.map((p) => ({ ...p, rank: null }))]
}

export function pct(n: number, d: number): string {
  return d > 0 ? `${round2((n / d) * 100)}%` : '—'
}

// ---- chart ----

/** Horizontal bars of the ranked units' scores, best on top, coloured by grade. */
export function scoreChartOption(items: UnitScore[], maxScore = 100): ChartOption {
  const ranked = items.filter((u) => u.ranked && u.score !== null)
  return {
    grid: { left: 8, right: 44, top: 8, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (ps: unknown) => {
        const p = (Array.isArray(ps) ? ps[0] : ps) as { dataIndex: number }
        const u = ranked[p.dataIndex]
        if (!u) return ''
        return `${t('rank.table.rank')} ${u.rank ?? '—'} · ${u.unit_name}<br/>${t('rank.table.score')} <b>${fmtScore(u.score)}</b> · ${t('rank.table.grade')} ${u.grade ?? '—'}`
      },
    },
    xAxis: { type: 'value', max: maxScore, splitLine: { lineStyle: { color: '#eef1f6' } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: ranked.map((u) => u.unit_name),
      axisTick: { show: false },
      axisLabel: { color: '#40506a', width: 96, overflow: 'truncate' },
    },
    series: [
      {
        type: 'bar',
        name: t('rank.chart.score'),
        barMaxWidth: 16,
        data: ranked.map((u) => ({
          value: u.score as number,
          itemStyle: { color: gradeColor(u.grade), borderRadius: [0, 3, 3, 0] },
        })),
        label: { show: true, position: 'right', color: '#40506a', fontSize: 11 },
      },
    ],
  }
}

// ---- loading ----

/** The scores of one scheme and month; a newer request cancels the older one. Nothing is
 *  asked while `enabled` is false (a role that may not read scores). */
export function useScores(query: () => { scheme: string; period: string }, enabled: () => boolean = () => true) {
  const result = shallowRef<ScoresResult | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let ctrl: AbortController | null = null

  async function reload() {
    if (!enabled()) return
    const { scheme, period } = query()
    ctrl?.abort()
    const mine = new AbortController()
    ctrl = mine
    loading.value = true
    error.value = null
    try {
      const r = await assessmentApi.scores(scheme, period, mine.signal)
      if (ctrl === mine) result.value = r
    } catch (e) {
      if (ctrl !== mine || (e instanceof DOMException && e.name === 'AbortError')) return
      result.value = null
      error.value = errorText(e)
    } finally {
      if (ctrl === mine) loading.value = false
    }
  }
  watch(() => `${query().scheme}|${query().period}`, reload, { immediate: true })
  onBeforeUnmount(() => ctrl?.abort())
  return { result, loading, error, reload }
}

export function useSchemes() {
  const schemes = shallowRef<Scheme[]>([])
  const error = ref<string | null>(null)
  async function load() {
    try {
      const order = (c: string) => (c === 'territorial' ? 0 : c === 'handling' ? 1 : 2)
      schemes.value = [...(await assessmentApi.schemes()).items].sort((a, b) => order(a.code) - order(b.code))
      error.value = null
    } catch (e) {
      error.value = errorText(e)
    }
  }
  const byCode = computed(() => new Map(schemes.value.map((s) => [s.code, s])))
  return { schemes, byCode, error, load }
}

export function fmtSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`
  return `${Math.round(bytes / 104857.6) / 10} MB`
}

export type DocKind = 'bulletin' | 'work'

/**
 * Generating a document: which one is running, for how many seconds, and the last error.
 * The blob must be a Word document, else the download counts as failed.
 */
export function useDocDownload(save: (blob: Blob, name: string) => void) {
  const busy = ref<DocKind | null>(null)
  const elapsed = ref(0)
  const error = ref<string | null>(null)
  /** Which document the last error is about. */
  const failed = ref<DocKind | null>(null)
  let timer: ReturnType<typeof setInterval> | undefined

  async function run(
    kind: DocKind,
    name: string,
    fetcher: () => Promise<{ blob: Blob; filename: string | null }>,
    fallbackName: string,
  ): Promise<{ file: string; size: number } | null> {
    if (busy.value) return null
    busy.value = kind
    error.value = null
    failed.value = null
    elapsed.value = 0
    timer = setInterval(() => elapsed.value++, 1000)
    try {
      const { blob, filename } = await fetcher()
      const file = filename ?? fallbackName
      if (!blob.type.startsWith(DOCX_MIME) && !file.endsWith('.docx'))
        throw new Error(t('rank.notDocx', { type: blob.type || '?' }))
      save(blob, file)
      return { file, size: blob.size }
    } catch (e) {
      error.value = `${t('rank.downloadFailed', { name })}：${errorText(e)}`
      failed.value = kind
      return null
    } finally {
      clearInterval(timer)
      busy.value = null
    }
  }
  onBeforeUnmount(() => clearInterval(timer))
  return { busy, elapsed, error, failed, run }
}
