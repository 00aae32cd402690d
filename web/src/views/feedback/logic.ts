// Pure helpers of the 交办清单 pages (no Vue, no fetch): labels, progress, filters,
// the details form check and where the server's field errors belong.
import {
  cleanMeta,
  type FeedbackCounts,
  type FeedbackField,
  type FeedbackItem,
  type FeedbackList,
  type FeedbackMeta,
  type PreviewRow,
  type SourceLevel,
} from '@/api/feedback'
import { t } from '@/i18n'
import type { DueInfo, FieldErrors, ItemFilter, MetaForm } from './types'

export const LEVEL_KEY: Record<SourceLevel, string> = { 区: 'district', 市: 'city', 省: 'province' }

/** Fields the server needs a column for (the place: lng+lat or grid). */
export const REQUIRED_FIELDS: FeedbackField[] = ['description', 'address', 'category']

export const MAX_FILE_MB = 20

/** "市级督查", "媒体曝光", "群众举报". */
export function sourceLabel(l: Pick<FeedbackList, 'source' | 'source_level'>): string {
  if (l.source === 'higher_level' && l.source_level)
    return t('fb.levelSource', { level: t('fb.level.' + LEVEL_KEY[l.source_level]) })
  return t('fb.source.' + l.source)
}

export function sourceTag(l: Pick<FeedbackList, 'source' | 'source_level'>): 'danger' | 'warning' | 'primary' | 'info' {
  if (l.source === 'higher_level') return l.source_level === '区' ? 'primary' : 'danger'
  return l.source === 'media' ? 'warning' : 'info'
}

/** Closed share in whole percent (0 for an empty list). */
export function progressPct(c: FeedbackCounts): number {
  return c.items ? Math.round((c.closed / c.items) * 100) : 0
}

function dayNumber(d: string): number {
  const [y, m, day] = d.split('-').map(Number)
  return Math.round(Date.UTC(y, m - 1, day) / 86400000)
}

/** Days to (or past) the list's due date; null without one or once every item is closed. */
export function dueInfo(due: string | null, today: string, c?: FeedbackCounts): DueInfo | null {
  if (!due || (c && c.items > 0 && c.closed >= c.items)) return null
  const n = dayNumber(due) - dayNumber(today)
  if (n > 0) return { kind: 'left', days: n }
  if (n === 0) return { kind: 'today', days: 0 }
  return { kind: 'past', days: -n }
}

export function dueText(d: DueInfo): string {
  if (d.kind === 'today') return t('fb.dueToday')
  return d.kind === 'left' ? t('fb.dueIn', { n: d.days }) : t('fb.duePast', { n: d.days })
}

export function listTotals(lists: FeedbackList[]) {
  let items = 0
  let closed = 0
  let overdue = 0
  for (const l of lists) {
    items += l.counts.items
    closed += l.counts.closed
    overdue += l.counts.overdue
  }
  return { lists: lists.length, items, closed, open: items - closed, overdue }
}

export function matchList(l: FeedbackList, q: string): boolean {
  const s = q.trim().toLowerCase()
  if (!s) return true
  return [l.title, l.doc_number, l.issuing_body, l.filename].some((x) => (x || '').toLowerCase().includes(s))
}

/** Newest received first, then newest imported. */
export function sortLists(lists: FeedbackList[]): FeedbackList[] {
  return [...lists].sort((a, b) => b.received_on.localeCompare(a.received_on) || b.id - a.id)
}

const CLOSED_STATES = ['closed', 'voided', 'rejected']

export function itemClosed(i: FeedbackItem): boolean {
  return !!i.closed_at || CLOSED_STATES.includes(i.state)
}

export function filterItems(items: FeedbackItem[], filter: ItemFilter, q = ''): FeedbackItem[] {
  const s = q.trim().toLowerCase()
  return items.filter((i) => {
    if (filter === 'open' && itemClosed(i)) return false
    if (filter === 'closed' && !itemClosed(i)) return false
    if (filter === 'overdue' && !i.overdue) return false
    if (!s) return true
    return [i.values.description, i.values.address, i.number, i.ref].some((x) => (x || '').toLowerCase().includes(s))
  })
}

export function itemTally(items: FeedbackItem[]): Record<ItemFilter, number> {
  const closed = items.filter(itemClosed).length
  return { all: items.length, open: items.length - closed, closed, overdue: items.filter((i) => i.overdue).length }
}

export function emptyMeta(today: string): MetaForm {
  return {
    title: '',
    doc_number: '',
    issuing_body: '',
    source: 'higher_level',
    source_level: '',
    received_on: today,
    due_on: '',
    campaign_id: null,
  }
}

/** The checks the server makes on `meta`, keyed the way it names them. */
export function validateMeta(m: MetaForm): FieldErrors {
  const e: FieldErrors = {}
  if (!m.title.trim()) e['meta.title'] = t('fb.wiz.titleNeeded')
  if (m.source === 'higher_level' && !m.source_level) e['meta.source_level'] = t('fb.wiz.levelNeeded')
  if (m.due_on && m.received_on && m.due_on < m.received_on) e['meta.due_on'] = t('fb.wiz.dueBefore')
  return e
}

export function metaBody(
  m: MetaForm,
  mapping: Partial<Record<FeedbackField, string>>,
  headerRow: number | null,
): FeedbackMeta {
  return cleanMeta({
    title: m.title,
    doc_number: m.doc_number,
    issuing_body: m.issuing_body,
    source: m.source,
    source_level: m.source_level || undefined,
    received_on: m.received_on,
    due_on: m.due_on,
    campaign_id: m.campaign_id ?? undefined,
    header_row: headerRow ?? undefined,
    mapping,
  })
}

/** Errors that belong to the preview step (columns, header row) rather than to the form. */
export function isMappingError(field: string): boolean {
  return field.startsWith('meta.mapping') || field === 'meta.header_row'
}

/** The header row the server used, from its detail "第 2 行作为表头". */
export function headerRowFromDetail(detail?: string): number | null {
  const m = /第\s*(\d+)\s*行作为表头/.exec(detail || '')
  return m ? Number(m[1]) : null
}

/** Client-side check of the chosen file's name and size ('' = fine). */
export function fileProblem(name: string, size: number): string {
  const lower = name.toLowerCase()
  if (lower.endsWith('.xls')) return t('fb.wiz.xls')
  if (!lower.endsWith('.xlsx') && !lower.endsWith('.csv')) return t('fb.wiz.badType')
  if (size > MAX_FILE_MB * 1024 * 1024) return t('fb.wiz.tooBig', { mb: MAX_FILE_MB })
  return ''
}

export function fieldLabel(field: string): string {
  const key = 'fb.wiz.fields.' + field
  const s = t(key)
  return s === key ? field : s
}

/** The messages of a preview row, each naming its column ("经度：经纬度应为数字…";
 *  a message that already names it, like "责任单位「x」不存在", is kept as it is). */
export function rowIssues(r: PreviewRow): string[] {
  return r.errors.map((e) => {
    const label = fieldLabel(e.field)
    return e.message.includes(label) ? e.message : `${label}：${e.message}`
  })
}

/** Preview cells that carry an error (lat shares lng's message). */
export function badFields(r: PreviewRow): Set<string> {
  const s = new Set(r.errors.map((e) => e.field))
  if (s.has('lng')) s.add('lat')
  return s
}
