import { computed, onMounted, ref, shallowRef } from 'vue'
import { problemsApi } from '@/api/problems'
import type { Problem } from '@/api/types'
import { useSessionStore } from '@/store/session'
import { outbox, type OutboxItem } from '@/utils/outbox'
import { daysAgo, today } from '@/utils/format'

/**
 * The list API has no reporter filter, so "my reports" are the last 90 days of
 * problems visible to me, kept where I am the reporter.
 */
export function useMine() {
  const session = useSessionStore()
  const items = shallowRef<Problem[]>([])
  const queued = ref<OutboxItem[]>([])
  const loading = ref(false)
  const error = ref('')

  async function load() {
    loading.value = true
    error.value = ''
    try {
      queued.value = await outbox.list().catch(() => [])
      const page = await problemsApi.list({ from: daysAgo(90), to: today() }, { limit: 200 })
      items.value = page.items.filter((p) => p.reporter.id === session.user?.id)
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  const thumbOf = (p: Problem) => p.attachments.find((a) => a.role === 'before')?.thumbnail_url ?? ''
  const count = computed(() => items.value.length)
  return { items, queued, loading, error, load, thumbOf, count }
}
