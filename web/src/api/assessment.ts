// 考评 (assessment): schemes, manual entries, scores and their explanation, 定榜,
// people, the accountability log (通报批评/约谈) and the two Word documents.
import { http, requestBlob } from './http'
import type { ListResponse } from './types'

export type SchemeKind = 'territorial' | 'handling'

export interface SchemeItem {
  key: string
  name: string
  /** metric (handling rates), inspection (checklist average) or entries (manual). */
  source: 'metric' | 'inspection' | 'entries' | string
  max: number
  full_by_default: boolean
  metric?: string
}

export interface SchemeDeduction {
  key: string
  name: string
  fact: string
  points: number
  cap: number
}

export interface SchemeFactRef {
  key: string
  name: string
  fact: string
  cap?: number
}

export interface Scheme {
  code: string
  name: string
  kind: SchemeKind | string
  period: string
  unit_types: string[]
  max_score: number
  deduction_cap: number
  bonus_cap: number
  exposure_bottom: number
  campaign_weight: number
  unranked_when_empty: boolean
  items: SchemeItem[]
  deductions: SchemeDeduction[]
  vetoes: SchemeFactRef[]
  bonuses: SchemeFactRef[]
  grades: { grade: string; min: number }[]
  awards: { name: string; amount: number; winners: number }[]
}

export type LineKind = 'item' | 'deduction' | 'bonus' | 'veto' | 'cap'

/** One row of a unit's breakdown. `count` is the fact behind it (a rate for metrics). */
export interface ScoreLine {
  key: string
  name: string
  kind: LineKind | string
  points: number
  max: number
  count: number
  capped: boolean
}

export interface UnitScore {
  unit_id: number
  unit_name: string
  ranked: boolean
  vetoed: boolean
  lines: ScoreLine[]
  score: number | null
  grade: string | null
  rank: number | null
  /** 已评分 / 一票否决 / 无案件 */
  status: string
}

export interface ExposureItem {
  unit_id: number
  unit_name: string
  score: number
  rank: number | null
}

export interface AwardItem {
  tier: string
  amount: number
  unit_id: number
  unit_name: string
  score: number
}

export interface ScoreDiff {
  unit_id: number
  unit_name: string
  frozen_score: number | null
  current_score: number | null
  frozen_rank: number | null
  current_rank: number | null
  frozen_grade: string | null
  current_grade: string | null
}

export interface ScoresResult {
  scheme: string
  scheme_name: string
  period: string
  period_label: string
  evaluated_at: string
  items: UnitScore[]
  exposure: ExposureItem[]
  awards: AwardItem[]
  frozen: boolean
  frozen_at?: string
  frozen_by?: number
  /** Only when frozen: units whose score, grade or rank changed since. */
  diff?: ScoreDiff[]
}

export interface ExplainProblem {
  id: number
  number: string
  state: string
  source: string
  category_code: string
  reported_at: string
  dispatched_at: string | null
  handled_at: string | null
  deadline: string | null
  rework_count: number
  /** Why it moved the score: 上级督查发现, 媒体曝光, 结案, 按期处置, 返工 1 次 … */
  reasons: string[]
}

export interface Entry {
  id: number
  scheme: string
  period: string
  unit_id: number
  item: string
  points: number
  note: string
  created_by: number
  created_at: string
}

export interface ExplainResult extends UnitScore {
  scheme: string
  period: string
  problems: ExplainProblem[]
  entries: Entry[]
  accountability: { id: number; kind: AccountabilityKind; day: string; reason: string }[]
}

export interface NewEntry {
  scheme: string
  unit_id: number
  period: string
  item: string
  points: number
  note?: string
}

export interface PersonScore {
  user_id: number
  display_name: string
  roles: string[]
  reports: number
  valid_reports: number
  verifications: number
  on_time_verifications: number
  patrols: number
  patrol_days: number
  score: number | null
}

export interface PeopleResult {
  period: string
  period_label: string
  items: PersonScore[]
}

export type AccountabilityKind = 'criticism' | 'interview'
export type AccountabilityTarget = 'unit' | 'principal' | 'cadre'

export interface Accountability {
  id: number
  unit_id: number
  unit_name: string
  kind: AccountabilityKind
  kind_label: string
  target: AccountabilityTarget
  target_label: string
  person: string
  reason: string
  day: string
  problem_id: number | null
  created_by: number
  created_at: string
}

export interface NewAccountability {
  unit_id: number
  kind: AccountabilityKind
  target?: AccountabilityTarget
  person?: string
  reason: string
  day: string
  problem_id?: number
}

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

export const assessmentApi = {
  schemes: () => http.get<ListResponse<Scheme>>('/assessment/schemes'),
  scheme: (code: string) => http.get<Scheme>(`/assessment/schemes/${encodeURIComponent(code)}`),
  scores: (scheme: string, period: string, signal?: AbortSignal) =>
    http.get<ScoresResult>('/assessment/scores', { scheme, period }, { signal }),
  explain: (unitId: number, scheme: string, period: string) =>
    http.get<ExplainResult>(`/assessment/scores/${unitId}/explain`, { scheme, period }),
  freeze: (scheme: string, period: string) => http.post<ScoresResult>('/assessment/freeze', { scheme, period }),
  entries: (scheme: string, period: string, unitId?: number | null) =>
    http.get<ListResponse<Entry>>('/assessment/entries', { scheme, period, unit_id: unitId ?? undefined }),
  addEntry: (e: NewEntry) => http.post<Entry>('/assessment/entries', e),
  people: (period: string) => http.get<PeopleResult>('/assessment/people', { period }),
  accountability: (period: string, unitId?: number | null) =>
    http.get<ListResponse<Accountability>>('/accountability', { period, unit_id: unitId ?? undefined }),
  addAccountability: (x: NewAccountability) => http.post<Accountability>('/accountability', x),
  /** 月通报 for a month (YYYY-MM). */
  bulletinDocx: (period: string) => requestBlob('/reports/bulletin.docx', { query: { period } }),
  /** 工作汇报 for a date range (YYYY-MM-DD, both inclusive). */
  workReportDocx: (from: string, to: string) => requestBlob('/reports/work-report.docx', { query: { from, to } }),
}
