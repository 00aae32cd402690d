// Inspection rounds (督查检查): checklists per site type, rounds, per-unit scores,
// findings that go to the problem ledger, and 回头看 re-checks of closed problems.
import { http } from './http'
import type { ListResponse } from './types'

export const INSPECTION_KINDS = [
  'weekly',
  'monthly',
  'covert',
  'higher_level',
  'spot',
  'acceptance',
  'observation',
  'recheck',
] as const
export type InspectionKind = (typeof INSPECTION_KINDS)[number]

export const INSPECTION_LEVELS = ['区', '市', '省'] as const
export type InspectionLevel = (typeof INSPECTION_LEVELS)[number]

export const SEVERITIES = ['一般', '较重', '严重'] as const
export type Severity = (typeof SEVERITIES)[number]

export interface ChecklistItem {
  id: string
  name: string
  kind: 'check' | 'measure'
  /** Measured items only: unit of the value (g/㎡) and the largest passing value. */
  unit?: string
  max?: number
}

export interface SiteType {
  id: string
  name: string
  items: ChecklistItem[]
}

export interface Checklists {
  description?: string
  site_types: SiteType[]
}

export interface Inspection {
  id: number
  kind: InspectionKind
  level: InspectionLevel | null
  date: string
  title: string
  campaign_id: number | null
  note: string
  inspector_ids: number[]
  created_by: number
  created_at: string
}

export interface ScoredItem {
  id: string
  name: string
  passed: boolean
  value?: number
}

export interface InspectionScore {
  id: number
  unit_id: number
  site_type: string | null
  site_name: string
  score: number
  items: ScoredItem[]
  note: string
  created_at: string
}

export interface RecheckEntry {
  problem_id: number
  result: 'confirmed' | 'reopened' | null
  new_problem_id: number | null
  note: string
}

export interface InspectionDetail extends Inspection {
  scores: InspectionScore[]
  finding_problem_ids: number[]
  rechecks: RecheckEntry[]
}

export interface NewInspection {
  kind: InspectionKind
  date: string
  level?: InspectionLevel
  title?: string
  campaign_id?: number
  note?: string
  inspector_ids?: number[]
}

export interface NewScore {
  unit_id: number
  site_type?: string
  site_name?: string
  score?: number
  note?: string
  items?: { id: string; passed?: boolean; value?: number }[]
}

export interface NewFinding {
  category_code: string
  lng: number
  lat: number
  address: string
  description: string
  attachment_ids: number[]
  severity?: Severity
}

export interface ProblemBrief {
  id: number
  number: string
  state: string
  source: string
  campaign_id: number | null
  duplicate_of: number | null
  rebound_of: number | null
}

export interface FindingResult {
  inspection_id: number
  problem: ProblemBrief
}

export interface RecheckSample {
  count: number
  days: number
  category_code?: string
}

export interface RecheckDecision {
  result: 'confirmed' | 'reopened'
  note?: string
  attachment_ids?: number[]
}

export interface RecheckOutcome {
  inspection_id: number
  problem_id: number
  result: 'confirmed' | 'reopened'
  note: string
  new_problem: ProblemBrief | null
  rebound_of: number | null
}

/** A person who may be named as inspector (from GET /assessment/people). */
export interface PersonRef {
  user_id: number
  display_name: string
  roles: string[]
}

/** A campaign header, enough to pick one. */
export interface CampaignRef {
  id: number
  title: string
  doc_number: string
  start_date: string
  end_date: string | null
}

export const inspectionsApi = {
  checklists: () => http.get<Checklists>('/checklists'),
  list: (q: { kind?: InspectionKind; campaign_id?: number } = {}) =>
    http.get<ListResponse<Inspection>>('/inspections', q),
  get: (id: number | string) => http.get<InspectionDetail>(`/inspections/${id}`),
  create: (body: NewInspection) => http.post<InspectionDetail>('/inspections', body),
  score: (id: number, body: NewScore) => http.post<InspectionScore>(`/inspections/${id}/scores`, body),
  finding: (id: number, body: NewFinding) => http.post<FindingResult>(`/inspections/${id}/findings`, body),
  recheckSample: (id: number, body: RecheckSample) =>
    http.post<{ inspection_id: number; sampled_problem_ids: number[] }>(`/inspections/${id}/recheck-sample`, body),
  recheck: (id: number, problemId: number, body: RecheckDecision) =>
    http.post<RecheckOutcome>(`/inspections/${id}/recheck/${problemId}`, body),
  /** Grid workers and inspectors with their names (readers: office roles); period such as 2024. */
  people: (period: string) => http.get<ListResponse<PersonRef>>('/assessment/people', { period }),
  campaigns: () => http.get<ListResponse<CampaignRef>>('/campaigns'),
}
