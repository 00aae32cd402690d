// Shared wiring for component tests: i18n, Pinia and an in-memory router.
import { createPinia, setActivePinia, type Pinia } from 'pinia'
import { createMemoryHistory, createRouter, type RouteRecordRaw, type Router } from 'vue-router'
import { defineComponent, h } from 'vue'
import { i18n } from '@/i18n'
import { useSessionStore } from '@/store/session'
import type { Role } from '@/api/types'

export function makePinia(roles: Role[] | null = null): Pinia {
  const pinia = createPinia()
  setActivePinia(pinia)
  if (roles) {
    useSessionStore().apply({
      csrf_token: 'csrf-test',
      user: { id: 1, username: 'u', display_name: '测试用户', roles, unit: null, grid_ids: [] },
    })
  }
  return pinia
}

const Blank = defineComponent({ render: () => h('div') })

export function makeRouter(routes: RouteRecordRaw[] = []): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [...routes, { path: '/:p(.*)*', component: Blank }],
  })
}

export function jsonResponse(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': type },
  })
}

export { i18n }
