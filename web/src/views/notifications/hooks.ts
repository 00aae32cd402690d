// Notifications shared by the header bell and the notifications page: one feed per tab,
// optimistic "mark read", and a quiet fallback when the server has no endpoint yet.
import { computed, reactive, ref } from 'vue'
import { useRouter } from 'vue-router'
import { notificationsApi, type NotificationItem } from '@/api/notifications'
import { ApiError } from '@/api/http'
import type { NoticeFilter, TagType } from './types'

export const KIND_TAG: Record<string, TagType> = {
  dispatched: 'primary',
  returned: 'warning',
  extension_requested: 'warning',
  extension_decided: 'info',
  verify_failed: 'danger',
  deadline_yellow: 'warning',
  overdue: 'danger',
  deliverable_due: 'primary',
  ranking_published: 'success',
}

/** "刚刚" / "5 分钟前" / "3 小时前" / "2 天前", else the date. */
export function fmtAgo(at: string, now: Date = new Date()): string {
  const t = new Date(at).getTime()
  if (Number.isNaN(t)) return '—'
  const s = Math.round((now.getTime() - t) / 1000)
  if (s < 60) return '刚刚'
  if (s < 3600) return `${Math.floor(s / 60)} 分钟前`
  if (s < 86400) return `${Math.floor(s / 3600)} 小时前`
  if (s < 7 * 86400) return `${Math.floor(s / 86400)} 天前`
  return at.slice(0, 10)
}

/** Only in-app paths are followed (a link is data from the server). */
export function safeLink(link: string | null | undefined): string | null {
  return link && link.startsWith('/') && !link.startsWith('//') ? link : null
}

/** The bell's state: the latest items and the unread count. */
const feed = reactive({
  items: [] as NotificationItem[],
  unread: 0,
  available: true,
  loaded: false,
  error: '',
})

export function resetFeed() {
  feed.items = []
  feed.unread = 0
  feed.available = true
  feed.loaded = false
  feed.error = ''
}

const message = (e: unknown) => (e instanceof ApiError ? e.message : e instanceof Error ? e.message : String(e))

/** Marks one item read everywhere it is shown; restores it if the server refuses. */
async function markRead(n: NotificationItem): Promise<void> {
  if (n.read) return
  const was = feed.unread
  const touch = (read: boolean) => {
    n.read = read
    for (const x of feed.items) if (x.id === n.id) x.read = read
  }
  touch(true)
  feed.unread = Math.max(0, feed.unread - 1)
  try {
    await notificationsApi.markRead(n.id)
  } catch (e) {
    touch(false)
    feed.unread = was
    throw e
  }
}

export function useNotificationFeed(limit = 8) {
  const router = useRouter()

  async function refresh() {
    try {
      const page = await notificationsApi.list({ limit })
      feed.items = page.items
      feed.unread = page.unread
      feed.available = page.available
      feed.error = ''
    } catch (e) {
      feed.error = message(e)
    } finally {
      feed.loaded = true
    }
  }

  /** Click on an item: mark it read (in the background) and go to its link. */
  async function open(n: NotificationItem) {
    void markRead(n).catch(() => undefined)
    const to = safeLink(n.link)
    if (to) await router.push(to)
  }

  async function markAllRead() {
    await notificationsApi.markAllRead()
    for (const x of feed.items) x.read = true
    feed.unread = 0
  }

  return { feed, refresh, open, markRead, markAllRead }
}

/** The notifications page: a paged list (all or unread) on top of the shared feed. */
export function useNotificationsPage(pageSize = 30) {
  const shared = useNotificationFeed()
  const filter = ref<NoticeFilter>('all')
  const items = ref<NotificationItem[]>([])
  const cursor = ref<string | null>(null)
  const loading = ref(false)
  const loadingMore = ref(false)
  const error = ref('')
  const available = ref(true)
  const marking = ref(false)

  async function fetchPage(more: boolean) {
    const page = await notificationsApi.list({ unread: filter.value === 'unread', limit: pageSize, cursor: more ? cursor.value : null })
    available.value = page.available
    items.value = more ? [...items.value, ...page.items] : page.items
    cursor.value = page.next_cursor
    feed.unread = page.unread
    feed.available = page.available
  }

  async function load() {
    loading.value = true
    error.value = ''
    try {
      await fetchPage(false)
    } catch (e) {
      error.value = message(e)
    } finally {
      loading.value = false
    }
  }

  async function more() {
    if (!cursor.value) return
    loadingMore.value = true
    try {
      await fetchPage(true)
    } catch (e) {
      error.value = message(e)
    } finally {
      loadingMore.value = false
    }
  }

  async function markRead(n: NotificationItem) {
    try {
      await shared.markRead(n)
    } catch (e) {
      error.value = message(e)
    }
  }

  async function open(n: NotificationItem) {
    await shared.open(n)
  }

  async function markAllRead() {
    marking.value = true
    try {
      await shared.markAllRead()
      if (filter.value === 'unread') {
        items.value = []
        cursor.value = null
      } else for (const x of items.value) x.read = true
    } catch (e) {
      error.value = message(e)
    } finally {
      marking.value = false
    }
  }

  const unread = computed(() => feed.unread)
  return { filter, items, cursor, loading, loadingMore, error, available, marking, unread, load, more, markRead, open, markAllRead }
}
