import type { RouteLocationNormalized, RouteLocationRaw } from 'vue-router'
import { useSessionStore } from '@/store/session'
import { t } from '@/i18n'

/**
 * Navigation rule: public pages pass; otherwise restore the session once
 * (GET /session), send strangers to /login?redirect=…, and send users whose
 * roles do not match the page's meta.roles to /403.
 */
export async function sessionGuard(
  to: RouteLocationNormalized,
): Promise<true | RouteLocationRaw> {
  const session = useSessionStore()
  if (to.meta.public) return true
  if (!session.probed) {
    try {
      await session.probe()
    } catch {
      // Server unreachable: fall through to login, which shows the error.
    }
  }
  if (!session.signedIn) return { name: 'login', query: { redirect: to.fullPath } }
  if (to.name === 'home') return session.homePath
  const roles = to.matched.flatMap((r) => r.meta.roles ?? [])
  if (roles.length && !session.hasRole(roles)) return { name: 'forbidden' }
  return true
}

export function setTitle(to: RouteLocationNormalized): void {
  const app = t('app.name')
  document.title = to.meta.title ? `${t(to.meta.title)} · ${app}` : app
}
