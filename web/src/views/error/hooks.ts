import { computed } from 'vue'
import { useI18n } from 'vue-i18n'
import { useSessionStore } from '@/store/session'
import type { ErrorCode } from './types'

export function useErrorPage(code: () => ErrorCode) {
  const { t } = useI18n()
  const session = useSessionStore()
  const title = computed(() => (code() === 403 ? t('error.forbidden') : t('error.notFound')))
  const home = computed(() => (session.signedIn ? session.homePath : '/login'))
  return { title, home }
}
