import { computed, ref, shallowRef, watch } from 'vue'
import {
  campaignsApi,
  type Burndown,
  type BurndownBy,
  type Campaign,
  type CampaignHeader,
  type CampaignTemplate,
  type DeliverableState,
  type WorkItem,
} from '@/api/campaigns'
import { attachmentsApi } from '@/api/attachments'
import { ApiError } from '@/api/http'
import { problemsApi } from '@/api/problems'
import { OPEN_STATES, type Problem, type StatItem } from '@/api/types'
import { useSessionStore } from '@/store/session'
import { today as todayStr } from '@/utils/format'
import { campaignStatus } from './logic'
import type { CampaignStatus, ProblemCounts } from './types'

/** Roles the server lets create, edit and delete campaigns and add work items. */
export const MANAGE_ROLES = ['admin', 'dispatcher'] as const

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e)
}

export function countsFromStats(items: StatItem[]): ProblemCounts {
  let open = 0
  let closed = 0
  let total = 0
  for (const i of items) {
    total += i.count
    if ((OPEN_STATES as string[]).includes(i.key)) open += i.count
    else if (i.key === 'closed') closed += i.count
  }
  return { open, closed, total }
}

/** Runs `fn` over `items` with at most `limit` calls in flight. */
async function pool<T>(items: T[], limit: number, fn: (x: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++])
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

export interface CampaignCard {
  header: CampaignHeader
  detail: Campaign | null
  counts: ProblemCounts | null
}

export function useCanManage() {
  const session = useSessionStore()
  return computed(() => session.hasRole([...MANAGE_ROLES]))
}

export function useCampaignList() {
  const cards = ref<CampaignCard[]>([])
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref('')
  const query = ref('')
  const status = ref<CampaignStatus | 'all'>('all')
  const today = todayStr()
  let generation = 0

  async function reload() {
    const gen = ++generation
    loading.value = true
    error.value = ''
    try {
      const { items } = await campaignsApi.list()
      if (gen !== generation) return
      // Running campaigns first, then upcoming, then ended; newest first within each.
      const rank = { running: 0, upcoming: 1, ended: 2 }
      const sorted = [...items].sort(
        (a, b) =>
          rank[campaignStatus(a, today)] - rank[campaignStatus(b, today)] ||
          b.start_date.localeCompare(a.start_date) ||
          b.id - a.id,
      )
      cards.value = sorted.map((header) => ({ header, detail: null, counts: null }))
      loaded.value = true
      loading.value = false
      await pool(cards.value.slice(), 4, async (card) => {
        const [detail, stats] = await Promise.all([
          campaignsApi.get(card.header.id).catch(() => null),
          campaignsApi.problemStates(card.header.id).catch(() => null),
        ])
        if (gen !== generation) return
        const i = cards.value.findIndex((c) => c.header.id === card.header.id)
        if (i >= 0)
          cards.value[i] = { ...cards.value[i], detail, counts: stats ? countsFromStats(stats.items) : null }
      })
    } catch (e) {
      if (gen === generation) error.value = errorText(e)
    } finally {
      if (gen === generation) loading.value = false
    }
  }

  const statusOf = (c: CampaignCard) =>
    campaignStatus({ ...c.header, phases: c.detail?.phases }, today)

  const tally = computed(() => {
    const out = { all: cards.value.length, upcoming: 0, running: 0, ended: 0 }
    for (const c of cards.value) out[statusOf(c)]++
    return out
  })

  const filtered = computed(() => {
    const q = query.value.trim().toLowerCase()
    return cards.value.filter((c) => {
      if (status.value !== 'all' && statusOf(c) !== status.value) return false
      if (!q) return true
      const h = c.header
      return [h.title, h.doc_number, h.issuer].some((s) => s.toLowerCase().includes(q))
    })
  })

  return { cards, filtered, tally, loading, loaded, error, query, status, today, statusOf, reload }
}

export function useTemplates() {
  const templates = ref<CampaignTemplate[]>([])
  const loading = ref(false)
  const error = ref('')
  async function load() {
    if (templates.value.length) return
    loading.value = true
    error.value = ''
    try {
      templates.value = (await campaignsApi.templates()).items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }
  return { templates, loading, error, load }
}

/** Uploads photos one by one; `onStep(i, n)` reports progress. Resolves to attachment ids. */
export async function uploadAll(files: File[], onStep?: (i: number, n: number) => void): Promise<number[]> {
  const ids: number[] = []
  for (let i = 0; i < files.length; i++) {
    onStep?.(i + 1, files.length)
    ids.push((await attachmentsApi.upload(files[i])).id)
  }
  return ids
}

export function useCampaignDetail(id: () => number) {
  const campaign = ref<Campaign | null>(null)
  const loading = ref(true)
  const notFound = ref(false)
  const error = ref('')

  const workItems = ref<WorkItem[]>([])
  const workLoading = ref(false)
  const deliverables = ref<DeliverableState[]>([])
  const deliverablesLoading = ref(false)
  const burndown = shallowRef<Burndown | null>(null)
  const burndownBy = ref<BurndownBy>('all')
  const burndownKey = ref<string>('all')
  const burndownLoading = ref(false)
  const counts = ref<ProblemCounts | null>(null)
  const problems = shallowRef<Problem[]>([])
  const problemsLoading = ref(false)

  async function loadCampaign() {
    loading.value = true
    error.value = ''
    notFound.value = false
    try {
      campaign.value = await campaignsApi.get(id())
    } catch (e) {
      campaign.value = null
      if (e instanceof ApiError && e.status === 404) notFound.value = true
      else error.value = errorText(e)
    } finally {
      loading.value = false
    }
  }

  async function loadWork() {
    workLoading.value = true
    try {
      workItems.value = (await campaignsApi.workItems(id())).items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      workLoading.value = false
    }
  }

  async function loadDeliverables() {
    deliverablesLoading.value = true
    try {
      deliverables.value = (await campaignsApi.deliverables(id())).items
    } catch (e) {
      error.value = errorText(e)
    } finally {
      deliverablesLoading.value = false
    }
  }

  async function loadBurndown() {
    burndownLoading.value = true
    try {
      const b = await campaignsApi.burndown(id(), burndownBy.value)
      burndown.value = b
      if (!b.series.some((s) => s.key === burndownKey.value)) burndownKey.value = b.series[0]?.key ?? ''
    } catch (e) {
      burndown.value = null
      error.value = errorText(e)
    } finally {
      burndownLoading.value = false
    }
  }

  async function loadProblems() {
    problemsLoading.value = true
    try {
      const [stats, page] = await Promise.all([
        campaignsApi.problemStates(id()),
        problemsApi.list({ campaign_id: id() }, { limit: 8 }),
      ])
      counts.value = countsFromStats(stats.items)
      problems.value = page.items
    } catch (e) {
      counts.value = null
      problems.value = []
      error.value = errorText(e)
    } finally {
      problemsLoading.value = false
    }
  }

  watch(burndownBy, () => void loadBurndown())

  const burndownSeries = computed(
    () => burndown.value?.series.find((s) => s.key === burndownKey.value) ?? burndown.value?.series[0],
  )

  async function loadAll() {
    await loadCampaign()
    if (!campaign.value) return
    await Promise.all([loadWork(), loadDeliverables(), loadBurndown(), loadProblems()])
  }

  /** After a progress report or a new item: the table and the burndown move together. */
  async function afterWorkChange() {
    await Promise.all([loadWork(), loadBurndown()])
  }

  return {
    campaign,
    loading,
    notFound,
    error,
    workItems,
    workLoading,
    deliverables,
    deliverablesLoading,
    burndown,
    burndownBy,
    burndownKey,
    burndownSeries,
    burndownLoading,
    counts,
    problems,
    problemsLoading,
    loadCampaign,
    loadWork,
    loadDeliverables,
    loadBurndown,
    loadProblems,
    loadAll,
    afterWorkChange,
  }
}
