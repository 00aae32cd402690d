// 专项行动 (campaigns): list/read/create/update, templates from the seed notices,
// work items (任务台账) with progress, deliverables (材料报送) and the burndown.
import { API_BASE, http } from './http'
import type { ListResponse, StatItem } from './types'

export type PhaseKind = 'mobilize' | 'survey' | 'rectify' | 'accept' | 'sustain' | 'other'
export const PHASE_KINDS: PhaseKind[] = ['mobilize', 'survey', 'rectify', 'accept', 'sustain', 'other']

export type DeliverableKind = 'work_plan' | 'phase_summary' | 'photos' | 'ppt' | 'other'
export const DELIVERABLE_KINDS: DeliverableKind[] = ['work_plan', 'phase_summary', 'photos', 'ppt', 'other']

export type ClockMode = 'normal' | 'every_day'

export type DeliverableStatus = 'not_due' | 'submitted' | 'late' | 'missing'

export interface CampaignPhase {
  id?: number
  name: string
  kind: PhaseKind
  kind_name?: string
  start_date: string
  /** null / absent: open-ended (长期坚持). */
  end_date?: string | null
}

export interface TaskArea {
  id?: number
  name: string
  category_codes?: string[]
  zone_kinds?: string[]
  lead_unit_id?: number | null
  lead_unit_name?: string
  target?: string
  target_quantity?: number | null
  target_uom?: string
}

export interface Deliverable {
  id?: number
  kind: DeliverableKind
  kind_name?: string
  title: string
  due_date: string
  per_unit?: boolean
}

export interface AwardTier {
  name: string
  amount: number
  count?: number | null
}

/** A row of GET /campaigns (header only). */
export interface CampaignHeader {
  id: number
  doc_number: string
  title: string
  issuer: string
  start_date: string
  end_date: string | null
  clock_mode: ClockMode
  weight: number
  version: number
}

export interface Campaign extends CampaignHeader {
  template_id: string | null
  deadline_cap: string | null
  award_tiers: AwardTier[]
  phases: CampaignPhase[]
  task_areas: TaskArea[]
  unit_ids: number[]
  deliverables: Deliverable[]
  created_at: string
  updated_at: string
}

/** Body of POST /campaigns (and, with version, PATCH). */
export interface NewCampaign {
  doc_number?: string
  title: string
  issuer?: string
  start_date: string
  end_date?: string
  clock_mode?: ClockMode
  weight?: number
  unit_ids?: number[]
  award_tiers?: AwardTier[]
  phases?: CampaignPhase[]
  task_areas?: TaskArea[]
  deliverables?: Deliverable[]
}

export type CampaignPatch = Partial<NewCampaign> & { version: number }

export interface CampaignTemplate {
  id: string
  doc_number: string
  title: string
  issuer: string
}

export interface ProgressEntry {
  id: number
  quantity: number
  note: string
  attachment_ids: number[]
  close: boolean
  actor_id: number
  at: string
}

export interface WorkItem {
  id: number
  campaign_id: number
  task_area_id: number | null
  title: string
  target_quantity: number
  uom: string
  owner_unit_id: number
  deadline: string
  done_quantity: number
  remaining_quantity: number
  closed: boolean
  closed_at: string | null
  progress: ProgressEntry[]
  version: number
}

export interface NewWorkItem {
  title: string
  target_quantity: number
  uom: string
  owner_unit_id: number
  task_area_id?: number
  deadline: string
}

export interface WorkItemProgress {
  version: number
  quantity: number
  note?: string
  attachment_ids?: number[]
  close?: boolean
}

export interface Submission {
  id: number
  note: string
  attachment_ids: number[]
  submitted_at: string
}

export interface DeliverableUnitStatus {
  /** null for a deliverable reported once for the whole campaign (per_unit false). */
  unit_id: number | null
  status: DeliverableStatus
  submission?: Submission
}

export interface DeliverableState {
  id: number
  kind: DeliverableKind
  title: string
  due_date: string
  per_unit: boolean
  units: DeliverableUnitStatus[]
}

export interface NewSubmission {
  unit_id?: number
  note?: string
  attachment_ids: number[]
}

export type BurndownBy = 'all' | 'area' | 'unit'

export interface BurndownDay {
  date: string
  open_problems: number
  ideal_problems: number
  /** Remaining quantity per unit of measure (㎡, 处, 座…). */
  remaining_work: Record<string, number>
  ideal_work: Record<string, number>
}

export interface BurndownSeries {
  key: string
  name: string
  days: BurndownDay[]
}

export interface Burndown {
  campaign_id: number
  by: BurndownBy
  from: string
  to: string
  series: BurndownSeries[]
}

const base = (id: number | string) => `/campaigns/${id}`

export const campaignsApi = {
  list: () => http.get<ListResponse<CampaignHeader>>('/campaigns'),
  templates: () => http.get<ListResponse<CampaignTemplate>>('/campaign-templates'),
  get: (id: number | string) => http.get<Campaign>(base(id)),
  create: (body: NewCampaign) => http.post<Campaign>('/campaigns', body),
  fromTemplate: (template: string, start_date: string) =>
    http.post<Campaign>('/campaigns/from-template', { template, start_date }),
  update: (id: number | string, body: CampaignPatch) => http.patch<Campaign>(base(id), body),
  remove: (id: number | string) => http.del<void>(base(id)),
  workItems: (id: number | string) => http.get<ListResponse<WorkItem>>(`${base(id)}/work-items`),
  addWorkItem: (id: number | string, body: NewWorkItem) => http.post<WorkItem>(`${base(id)}/work-items`, body),
  progress: (id: number | string, item: number, body: WorkItemProgress) =>
    http.post<WorkItem>(`${base(id)}/work-items/${item}/progress`, body),
  deliverables: (id: number | string) => http.get<ListResponse<DeliverableState>>(`${base(id)}/deliverables`),
  submit: (id: number | string, deliverable: number, body: NewSubmission) =>
    http.post<Submission & { deliverable_id: number; unit_id: number | null }>(
      `${base(id)}/deliverables/${deliverable}/submissions`,
      body,
    ),
  burndown: (id: number | string, by: BurndownBy = 'all') =>
    http.get<Burndown>(`${base(id)}/burndown`, { by }),
  /** Problems tagged to the campaign, counted by state (GET /stats/problems). */
  problemStates: (id: number) =>
    http.get<ListResponse<StatItem> & { total: number }>('/stats/problems', { group_by: 'state', campaign_id: id }),
}

/** Thumbnail and full-size URLs of an attachment known only by id. */
export const attachmentThumb = (id: number) => `${API_BASE}/attachments/${id}/thumbnail`
export const attachmentFile = (id: number) => `${API_BASE}/attachments/${id}/file`
