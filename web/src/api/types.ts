// Shapes of the envgrid HTTP API (/api/v1). Times are ISO 8601 strings with +08:00.

export type Role =
  | 'admin'
  | 'dispatcher'
  | 'inspector'
  | 'grid_worker'
  | 'unit_handler'
  | 'leader'
  | 'viewer'

export const ALL_ROLES: Role[] = [
  'admin',
  'dispatcher',
  'inspector',
  'grid_worker',
  'unit_handler',
  'leader',
  'viewer',
]

export interface Ref {
  id: number
  name: string
}

export interface SessionUser {
  id: number
  username: string
  display_name: string
  roles: Role[]
  unit: Ref | null
  grid_ids: number[]
}

export interface Session {
  token: string
  csrf_token: string
  user: SessionUser
}

export interface DemoLogin {
  username: string
  password: string
  role: Role
  display_name: string
}

export interface Health {
  status: string
  db: string
  version: string
}

export interface ListResponse<T> {
  items: T[]
}

export interface PageResponse<T> extends ListResponse<T> {
  next_cursor: string | null
  total?: number
}

export interface Unit {
  id: number
  code: string
  name: string
  type: string
  parent_id: number | null
  principal: string | null
}

export interface Grid {
  id: number
  code: string
  name: string
  community_unit_id: number | null
  worker_ids: number[]
  leader_id: number | null
}

export interface Zone {
  id: number
  name: string
  kind: string
  units: { unit_id: number; duty: string }[]
}

export interface User {
  id: number
  username: string
  display_name: string
  roles: Role[]
  unit_id: number | null
  grid_ids: number[]
  disabled: boolean
}

export interface NewUser {
  username: string
  display_name: string
  password: string
  roles: Role[]
  unit_id?: number | null
  grid_ids?: number[]
}

export interface Category {
  code: string
  name: string
  parent_code: string | null
  limit: { hours: number; kind: 'working' | 'natural' } | null
  unit_type: string | null
  after_photo_required: boolean
  deduction: number
  filing_standard: string | null
  closing_standard: string | null
}

export interface GeoLookup {
  grid: { id: number; code: string; name: string } | null
  zones: { id: number; name: string; kind: string }[]
  suggested_units: { id: number; name: string; reason: string }[]
}

export interface FeatureProps {
  id: number
  code?: string
  name: string
  kind?: string
  open_count?: number
}

export interface Attachment {
  id: number
  sha256: string
  width: number
  height: number
  taken_at: string | null
  lng: number | null
  lat: number | null
  thumbnail_url: string
  url: string
}

export type ProblemState =
  | 'reported'
  | 'rejected'
  | 'registered'
  | 'dispatched'
  | 'handled'
  | 'closed'
  | 'voided'

export const PROBLEM_STATES: ProblemState[] = [
  'reported',
  'registered',
  'dispatched',
  'handled',
  'closed',
  'rejected',
  'voided',
]

export const OPEN_STATES: ProblemState[] = ['reported', 'registered', 'dispatched', 'handled']

export type ProblemSource =
  | 'patrol'
  | 'inspection'
  | 'covert'
  | 'higher_level'
  | 'media'
  | 'citizen'
  | 'self_check'

export const PROBLEM_SOURCES: ProblemSource[] = [
  'patrol',
  'inspection',
  'covert',
  'higher_level',
  'media',
  'citizen',
  'self_check',
]

export type Light = 'green' | 'yellow' | 'red'

export interface Sla {
  deadline: string | null
  used_ratio: number
  light: Light | null
  overdue: boolean
}

export interface EvidenceFlag {
  attachment_id: number
  code: string
  label: string
}

export interface ProblemAttachment {
  id: number
  role: 'before' | 'after'
  thumbnail_url: string
  url: string
  taken_at: string | null
  lng: number | null
  lat: number | null
}

export interface Outcome {
  kind: string
  label?: string
  quantity: number
  unit: string
  amount?: number
}

export interface Problem {
  id: number
  number: string
  state: ProblemState
  state_label: string
  suspended: boolean
  source: ProblemSource
  source_label: string
  category_code: string
  category_name: string
  lng: number
  lat: number
  address: string
  description: string
  grid: { id: number; code: string; name: string } | null
  zones: { id: number; name: string; kind: string }[]
  suggested_unit: Ref | null
  unit: Ref | null
  assist_units: Ref[]
  reporter: { id: number; display_name: string }
  reported_at: string
  dispatched_at: string | null
  handled_at: string | null
  closed_at: string | null
  sla: Sla
  /** The step it waits on (受理, 派遣, 核查) with its own limit; null otherwise. */
  step?: StepSla | null
  flags: {
    outside_grid: boolean
    duplicate_of: { id: number; number: string } | null
    rebound_of: { id: number; number: string } | null
    evidence: EvidenceFlag[]
  }
  rework_count: number
  return_count: number
  campaign_id: number | null
  outcome: Outcome | null
  attachments: ProblemAttachment[]
  allowed_actions: string[]
  version: number
}

export interface NewProblem {
  category_code: string
  source: ProblemSource
  lng: number
  lat: number
  address: string
  description: string
  attachment_ids: number[]
  campaign_id?: number
  fixed_on_spot?: boolean
  after_attachment_ids?: number[]
}

export interface ProblemFilters {
  state?: ProblemState[]
  category?: string
  source?: ProblemSource
  unit_id?: number
  grid_id?: number
  campaign_id?: number
  light?: Light
  overdue?: boolean
  from?: string
  to?: string
  q?: string
  near?: string
}

export interface ActionRequest {
  action: string
  version: number
  comment?: string
  unit_id?: number
  assist_unit_ids?: number[]
  deadline?: string
  attachment_ids?: number[]
  hours?: number
  merge_into?: number
  outcome?: { kind: string; quantity: number }
}

export interface HistoryEntry {
  seq: number
  action: string
  action_label: string
  actor: { id: number; display_name: string }
  from_state: ProblemState | null
  to_state: ProblemState | null
  comment: string | null
  at: string
  hash: string
}

export type StatsGroup = 'state' | 'category' | 'unit' | 'grid' | 'source' | 'day'

export interface StatItem {
  key: string
  label: string
  count: number
}

export interface StepSla {
  step: 'accept' | 'dispatch' | 'verify'
  label: string
  started_at: string
  deadline: string
  light: 'green' | 'yellow' | 'red'
  overdue: boolean
}

export interface Notification {
  id: number
  title: string
  body?: string
  link?: string
  read: boolean
  at: string
}
