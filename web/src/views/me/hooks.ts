import { computed } from 'vue'
import { useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import { useSessionStore } from '@/store/session'
import { useDictStore } from '@/store/dict'
import type { MeRow } from './types'

export function useMe() {
  const { t } = useI18n()
  const router = useRouter()
  const session = useSessionStore()
  const dict = useDictStore()
  void dict.loadGrids().catch(() => undefined)

  const rows = computed<MeRow[]>(() => [
    { label: t('admin.roles'), value: session.roles.map((r) => t('role.' + r)).join('、') },
    { label: t('me.unit'), value: session.user?.unit?.name ?? '—' },
    {
      label: t('me.grids'),
      value:
        (session.user?.grid_ids ?? [])
          .map((id) => dict.grids.find((g) => g.id === id)?.name ?? `#${id}`)
          .join('、') || '—',
    },
  ])

  async function logout() {
    await session.logout().catch(() => undefined)
    await router.replace({ name: 'login' })
  }
  return { session, rows, logout }
}
