// Admin-console endpoints without a resource file of their own: territory lists with
// their 责任人, bulk import (dry run first), the working calendar, assessment schemes
// and the outbound webhook.
import { ApiError, API_BASE, http, parseError, type ProblemDetails } from './http'
import type { ListResponse } from './types'
import { useSessionStore } from '@/store/session'

export interface PersonRef {
  id: number
  display_name: string | null
}

export interface GridRow {
  id: number
  code: string
  name: string
  community_unit_id: number | null
  community: { id: number; name: string | null } | null
  region_id: number | null
  leader_user_id: number | null
  leader: PersonRef | null
  worker_user_ids: number[]
  workers: PersonRef[]
  version: number
}

export interface GridPatch {
  version: number
  community_unit_id?: number | null
  leader_user_id?: number | null
  worker_user_ids?: number[]
}

export interface ZoneUnit {
  unit_id: number
  unit_name?: string
  person: string
  duty: string
}

export interface ZoneRow {
  id: number
  code: string
  name: string
  kind: string
  kind_label: string
  buffer_m: number
  units: ZoneUnit[]
  version: number
}

export interface AssignmentRow {
  id: number
  kind: string
  kind_label: string
  cadre_name: string
  cadre_user_id: number | null
  unit_id: number | null
  unit_name: string | null
  target_unit_id: number | null
  target_unit_name: string | null
  target_zone_id: number | null
  target_name: string
  duty: string
  start_date: string
  end_date: string | null
  version: number
}

export type ImportKind = 'grids' | 'zones' | 'units'

export interface ImportItem {
  index: number
  code: string
  name: string
  action: 'create' | 'update'
}

export interface ImportIssue {
  /** 0-based feature / CSV data row; null: the whole file. */
  index: number | null
  code: string
  field: string
  reason: string
}

export interface ImportResult {
  ok: boolean
  dry_run: boolean
  kind?: ImportKind
  created: number
  updated: number
  items: ImportItem[]
  /** Present when the server refused the file (400 import-invalid). */
  errors: ImportIssue[]
  title?: string
  detail?: string
}

export interface CalendarPeriod {
  start: string
  end: string
}

export interface CalendarYear {
  year: number
  source: string
  note?: string
  holidays: string[]
  makeup_workdays: string[]
  periods: CalendarPeriod[]
}

/** An assessment scheme document; the server validates the whole shape. */
export interface SchemeDoc {
  code: string
  name: string
  kind?: string
  period?: string
  max_score?: number
  items?: { key: string; name: string; source: string; max: number }[]
  [key: string]: unknown
}

export interface WebhookConfig {
  url: string
  enabled: boolean
  events: string[]
  secret_set: boolean
  /** Every event kind the server can push, with its Chinese name. */
  available_events?: { kind: string; name: string }[]
}

export interface WebhookInput {
  url: string
  enabled: boolean
  events: string[]
  /** Omitted: keep the stored secret; "": remove it. */
  secret?: string
}

export interface WebhookDelivery {
  id: number
  event: string
  status: 'pending' | 'delivered' | 'failed'
  attempts: number
  last_error: string
  next_attempt_at: string | null
  created_at: string
  delivered_at: string | null
  payload?: unknown
}

const missing = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 501)

/** POSTs a file body as-is (CSV or GeoJSON text), with the session's CSRF token. */
async function postRaw(path: string, text: string, contentType: string): Promise<Response> {
  const token = useSessionStore().csrfToken
  const headers: Record<string, string> = { 'Content-Type': contentType, Accept: 'application/json, application/problem+json' }
  if (token) headers['X-CSRF-Token'] = token
  try {
    return await fetch(API_BASE + path, { method: 'POST', headers, body: text, credentials: 'same-origin' })
  } catch (e) {
    throw new ApiError(0, { detail: e instanceof Error ? e.message : undefined })
  }
}

export const adminApi = {
  grids: () => http.get<ListResponse<GridRow>>('/grids', { limit: 5000 }),
  updateGrid: (id: number, patch: GridPatch) => http.patch<GridRow>(`/grids/${id}`, patch),
  zones: () => http.get<ListResponse<ZoneRow>>('/zones', { limit: 5000 }),
  updateZone: (id: number, patch: { version: number; units: Omit<ZoneUnit, 'unit_name'>[] }) =>
    http.patch<ZoneRow>(`/zones/${id}`, patch),
  assignments: () => http.get<ListResponse<AssignmentRow>>('/assignments', { limit: 5000 }),

  /**
   * POST /import/{kind}?dry_run=…: a refused file (400 import-invalid) resolves with
   * `ok: false` and every bad row in `errors`; other failures throw ApiError.
   */
  async importFile(kind: ImportKind, text: string, dryRun: boolean): Promise<ImportResult> {
    const isJson = /^\s*[[{]/.test(text)
    const res = await postRaw(
      `/import/${kind}?dry_run=${dryRun ? 'true' : 'false'}`,
      text,
      isJson ? 'application/geo+json' : 'text/csv; charset=utf-8',
    )
    if (res.ok) {
      const body = (await res.json()) as Omit<ImportResult, 'errors'>
      return { ...body, errors: [] }
    }
    if (res.status === 400) {
      const body = (await res.clone().json().catch(() => null)) as
        | (ProblemDetails & { ok?: boolean; errors?: unknown[] })
        | null
      if (body && body.ok === false && Array.isArray(body.errors))
        return {
          ok: false,
          dry_run: dryRun,
          created: 0,
          updated: 0,
          items: [],
          errors: body.errors as ImportIssue[],
          title: body.title,
          detail: body.detail,
        }
    }
    throw await parseError(res)
  },

  calendar: (year: number) => http.get<CalendarYear>(`/calendar/${year}`),
  saveCalendar: (year: number, body: CalendarYear) => http.put<CalendarYear>(`/calendar/${year}`, body),

  schemes: () => http.get<ListResponse<SchemeDoc>>('/assessment/schemes'),
  saveScheme: (code: string, doc: unknown) => http.put<SchemeDoc>(`/assessment/schemes/${encodeURIComponent(code)}`, doc),

  /** null when this server has no webhook endpoint yet. */
  async webhook(): Promise<WebhookConfig | null> {
    try {
      return await http.get<WebhookConfig>('/webhook')
    } catch (e) {
      if (missing(e)) return null
      throw e
    }
  },
  saveWebhook: (body: WebhookInput) => http.put<WebhookConfig>('/webhook', body),
  async deliveries(limit = 50): Promise<WebhookDelivery[] | null> {
    try {
      return (await http.get<ListResponse<WebhookDelivery>>('/webhook/deliveries', { limit })).items
    } catch (e) {
      if (missing(e)) return null
      throw e
    }
  },
}
