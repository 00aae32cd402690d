import { computed, onMounted, ref, shallowRef } from 'vue'
import { isTodo } from '@/utils/todo'
import { problemsApi } from '@/api/problems'
import { OPEN_STATES, type Problem } from '@/api/types'
import { useSessionStore } from '@/store/session'
import { TAB_OF_STATE, type TodoTab } from './types'

/** Open problems on which the signed-in user can act, most urgent first. */
export function useTodos() {
  const session = useSessionStore()
  const items = shallowRef<Problem[]>([])
  const loading = ref(false)
  const error = ref('')
  const tab = ref<TodoTab>('toHandle')

  async function load() {
    loading.value = true
    error.value = ''
    try {
      const unitId = session.hasRole(['dispatcher', 'inspector', 'leader']) ? undefined : session.user?.unit?.id
      const page = await problemsApi.list({ state: OPEN_STATES, unit_id: unitId }, { limit: 200 })
      items.value = page.items
        .filter(isTodo)
        .sort((a, b) => (b.sla.used_ratio ?? 0) - (a.sla.used_ratio ?? 0))
      const first = (['toHandle', 'toVerify', 'toAccept', 'others'] as TodoTab[]).find((k) => byTab.value[k].length)
      if (first && !byTab.value[tab.value].length) tab.value = first
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }
  onMounted(load)

  const byTab = computed(() => {
    const out: Record<TodoTab, Problem[]> = { toHandle: [], toVerify: [], toAccept: [], others: [] }
    for (const p of items.value) out[TAB_OF_STATE[p.state] ?? 'others'].push(p)
    return out
  })

  return { items, loading, error, tab, byTab, load }
}
