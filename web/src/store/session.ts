import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { sessionApi } from '@/api/session'
import { ApiError } from '@/api/http'
import type { Role, SessionUser } from '@/api/types'

/** True if `userRoles` grants any of `required`; admin is granted everything. */
export function rolesAllow(userRoles: readonly Role[], required?: readonly Role[]): boolean {
  if (!required || required.length === 0) return true
  if (userRoles.includes('admin')) return true
  return required.some((r) => userRoles.includes(r))
}

/** The landing page for a user: phone roles go to the mobile shell. */
export function homePathFor(roles: readonly Role[]): string {
  if (roles.includes('admin') || roles.includes('dispatcher') || roles.includes('leader'))
    return '/dashboard'
  if (roles.includes('grid_worker')) return '/m/report'
  if (roles.includes('unit_handler')) return '/todo'
  return '/dashboard'
}

export const useSessionStore = defineStore('session', () => {
  const user = ref<SessionUser | null>(null)
  const csrfToken = ref<string | null>(null)
  /** Whether GET /session has been tried since the page loaded. */
  const probed = ref(false)

  const roles = computed<Role[]>(() => user.value?.roles ?? [])
  const signedIn = computed(() => !!user.value)
  const primaryRole = computed<Role | null>(() => roles.value[0] ?? null)
  const homePath = computed(() => homePathFor(roles.value))

  function hasRole(required?: readonly Role[]): boolean {
    return rolesAllow(roles.value, required)
  }

  function apply(s: { csrf_token: string; user: SessionUser } | null) {
    user.value = s?.user ?? null
    csrfToken.value = s?.csrf_token ?? null
  }

  /** Restores the session from the cookie; resolves false when not signed in. */
  async function probe(): Promise<boolean> {
    try {
      apply(await sessionApi.current())
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) {
        probed.value = true
        throw e
      }
      apply(null)
    }
    probed.value = true
    return signedIn.value
  }

  async function login(username: string, password: string) {
    const s = await sessionApi.login(username, password)
    apply(s)
    probed.value = true
    return s.user
  }

  async function logout() {
    try {
      await sessionApi.logout()
    } finally {
      apply(null)
    }
  }

  /** Drops local state after a 401 without calling the server. */
  function expire() {
    apply(null)
  }

  return {
    user,
    csrfToken,
    probed,
    roles,
    signedIn,
    primaryRole,
    homePath,
    hasRole,
    apply,
    probe,
    login,
    logout,
    expire,
  }
})
