// Offline report queue. A report that cannot reach the server is stored with its
// photos (as Blobs) in IndexedDB — or localStorage with data URLs where IndexedDB
// is missing — and re-sent when the browser comes back online.
import { ref } from 'vue'
import { ApiError } from '@/api/http'
import { attachmentsApi } from '@/api/attachments'
import { problemsApi } from '@/api/problems'
import type { NewProblem, Problem } from '@/api/types'

export interface OutboxItem {
  id: string
  created_at: string
  payload: Omit<NewProblem, 'attachment_ids' | 'after_attachment_ids'>
  before: Blob[]
  after: Blob[]
  tries: number
  last_error: string | null
}

const DB = 'envgrid'
const STORE = 'outbox'
const LS_KEY = 'envgrid.outbox'

function hasIdb(): boolean {
  return typeof indexedDB !== 'undefined'
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1)
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' })
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

async function idb<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await openDb()
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(STORE, mode)
    const req = fn(tx.objectStore(STORE))
    tx.oncomplete = () => {
      db.close()
      resolve(req.result as T)
    }
    tx.onerror = () => reject(tx.error)
  })
}

function blobToDataUrl(b: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const r = new FileReader()
    r.onload = () => resolve(String(r.result))
    r.onerror = () => reject(r.error)
    r.readAsDataURL(b)
  })
}

async function dataUrlToBlob(u: string): Promise<Blob> {
  return (await fetch(u)).blob()
}

type LsItem = Omit<OutboxItem, 'before' | 'after'> & { before: string[]; after: string[] }

function lsRead(): LsItem[] {
  try {
    return JSON.parse(localStorage.getItem(LS_KEY) || '[]') as LsItem[]
  } catch {
    return []
  }
}

export const outbox = {
  async list(): Promise<OutboxItem[]> {
    if (hasIdb()) {
      const items = await idb<OutboxItem[]>('readonly', (s) => s.getAll())
      return items.sort((a, b) => a.created_at.localeCompare(b.created_at))
    }
    return Promise.all(
      lsRead().map(async (i) => ({
        ...i,
        before: await Promise.all(i.before.map(dataUrlToBlob)),
        after: await Promise.all(i.after.map(dataUrlToBlob)),
      })),
    )
  },
  async put(item: OutboxItem): Promise<void> {
    if (hasIdb()) {
      await idb('readwrite', (s) => s.put(item))
      return
    }
    const rest = lsRead().filter((i) => i.id !== item.id)
    const li: LsItem = {
      ...item,
      before: await Promise.all(item.before.map(blobToDataUrl)),
      after: await Promise.all(item.after.map(blobToDataUrl)),
    }
    localStorage.setItem(LS_KEY, JSON.stringify([...rest, li]))
  },
  async remove(id: string): Promise<void> {
    if (hasIdb()) {
      await idb('readwrite', (s) => s.delete(id))
      return
    }
    localStorage.setItem(LS_KEY, JSON.stringify(lsRead().filter((i) => i.id !== id)))
  },
}

/** Number of queued reports, for badges. */
export const outboxCount = ref(0)

export async function refreshOutboxCount(): Promise<void> {
  try {
    outboxCount.value = (await outbox.list()).length
  } catch {
    outboxCount.value = 0
  }
}

/** Uploads the photos and creates the problem. Throws ApiError. */
export async function sendReport(
  payload: OutboxItem['payload'],
  before: Blob[],
  after: Blob[],
): Promise<Problem> {
  const ids: number[] = []
  for (const b of before) ids.push((await attachmentsApi.upload(b)).id)
  const afterIds: number[] = []
  for (const b of after) afterIds.push((await attachmentsApi.upload(b)).id)
  return problemsApi.create({
    ...payload,
    attachment_ids: ids,
    ...(payload.fixed_on_spot ? { after_attachment_ids: afterIds } : {}),
  })
}

export async function enqueue(
  payload: OutboxItem['payload'],
  before: Blob[],
  after: Blob[],
): Promise<OutboxItem> {
  const item: OutboxItem = {
    id: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
    created_at: new Date().toISOString(),
    payload,
    before,
    after,
    tries: 0,
    last_error: null,
  }
  await outbox.put(item)
  await refreshOutboxCount()
  return item
}

let flushing = false

/**
 * Re-sends queued reports in order. Stops at the first network failure (still
 * offline); a server rejection (4xx) is kept with its message for the user.
 * Resolves to the number sent.
 */
export async function flushOutbox(): Promise<number> {
  if (flushing) return 0
  flushing = true
  let sent = 0
  try {
    for (const item of await outbox.list()) {
      try {
        await sendReport(item.payload, item.before, item.after)
        await outbox.remove(item.id)
        sent++
      } catch (e) {
        const err = e instanceof ApiError ? e : new ApiError(0)
        await outbox.put({ ...item, tries: item.tries + 1, last_error: err.title })
        if (err.isNetwork || err.status === 401 || err.status >= 500) break
      }
    }
  } finally {
    flushing = false
    await refreshOutboxCount()
  }
  return sent
}

/** Listeners that retry when the browser reports it is online again. */
export function startOutboxSync(onSent?: (n: number) => void): void {
  if (typeof window === 'undefined') return
  const run = async () => {
    const n = await flushOutbox()
    if (n && onSent) onSent(n)
  }
  window.addEventListener('online', () => void run())
  void refreshOutboxCount()
  setInterval(() => {
    if (navigator.onLine && outboxCount.value > 0) void run()
  }, 60000)
}
