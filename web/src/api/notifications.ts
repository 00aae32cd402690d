import { ApiError, http } from './http'

export type NotificationKind =
  | 'dispatched'
  | 'returned'
  | 'extension_requested'
  | 'extension_decided'
  | 'verify_failed'
  | 'deadline_yellow'
  | 'overdue'
  | 'deliverable_due'
  | 'ranking_published'

export const NOTIFICATION_KINDS: NotificationKind[] = [
  'dispatched',
  'returned',
  'extension_requested',
  'extension_decided',
  'verify_failed',
  'deadline_yellow',
  'overdue',
  'deliverable_due',
  'ranking_published',
]

export interface NotificationItem {
  id: number
  kind: NotificationKind | string
  title: string
  body: string
  /** An app path such as /problems/123; may be empty. */
  link: string
  read: boolean
  at: string
}

export interface NotificationPage {
  items: NotificationItem[]
  unread: number
  next_cursor: string | null
  /** false when the server has no notifications endpoint (older build): an empty page. */
  available: boolean
}

export interface NotificationQuery {
  unread?: boolean
  limit?: number
  cursor?: string | null
}

const missing = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 501)

export const notificationsApi = {
  /** GET /notifications; a 404/501 (endpoint not deployed) resolves to an empty, unavailable page. */
  async list(q: NotificationQuery = {}): Promise<NotificationPage> {
    try {
      const r = await http.get<Omit<NotificationPage, 'available'>>('/notifications', {
        unread: q.unread ? 1 : undefined,
        limit: q.limit,
        cursor: q.cursor ?? undefined,
      })
      return {
        items: Array.isArray(r?.items) ? r.items : [],
        unread: typeof r?.unread === 'number' ? r.unread : 0,
        next_cursor: r?.next_cursor ?? null,
        available: true,
      }
    } catch (e) {
      if (missing(e)) return { items: [], unread: 0, next_cursor: null, available: false }
      throw e
    }
  },
  markRead: (id: number) => http.post<void>(`/notifications/${id}/read`),
  markAllRead: () => http.post<void>('/notifications/read-all'),
}
