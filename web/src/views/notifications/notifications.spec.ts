import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { i18n, jsonResponse, makePinia, makeRouter } from '@/test/helpers'
import { notificationsApi } from '@/api/notifications'
import HeaderBar from '@/layout/components/HeaderBar.vue'
import NotificationsPage from './index.vue'
import { fmtAgo, resetFeed, safeLink } from './hooks'

const note = (id: number, read: boolean, link = `/problems/${id}`) => ({
  id,
  kind: id % 2 ? 'dispatched' : 'overdue',
  title: `问题 ${id} 已派遣至环卫所`,
  body: '请在时限内处置',
  link,
  read,
  at: '2026-12-04T10:00:00+08:00',
})

type Handler = (url: string, init?: RequestInit) => Response | Promise<Response>

function stubFetch(handler: Handler) {
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => handler(url, init))
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

async function render(component: unknown, props: Record<string, unknown>, handler: Handler) {
  const fetchMock = stubFetch(handler)
  const router = makeRouter()
  await router.push('/notifications')
  const wrapper = mount(component as never, {
    props: props as never,
    global: { plugins: [makePinia(['dispatcher']), i18n, router], stubs: { transition: false, 'transition-group': false } },
    attachTo: document.body,
  })
  await flushPromises()
  return { wrapper, fetchMock, router }
}

beforeEach(() => resetFeed())
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('notificationsApi', () => {
  it('treats a missing endpoint as an empty, unavailable feed', async () => {
    stubFetch(() => jsonResponse({ title: 'not found' }, 404, 'application/problem+json'))
    expect(await notificationsApi.list()).toEqual({ items: [], unread: 0, next_cursor: null, available: false })
  })
  it('passes the filters and reads the page', async () => {
    const f = stubFetch(() => jsonResponse({ items: [note(1, false)], unread: 3, next_cursor: '1' }))
    const page = await notificationsApi.list({ unread: true, limit: 50, cursor: '9' })
    expect(f.mock.calls[0][0]).toBe('/api/v1/notifications?unread=1&limit=50&cursor=9')
    expect(page).toMatchObject({ unread: 3, next_cursor: '1', available: true })
  })
  it('still fails loudly on other errors', async () => {
    stubFetch(() => jsonResponse({ title: '服务器内部错误' }, 500, 'application/problem+json'))
    await expect(notificationsApi.list()).rejects.toThrow('服务器内部错误')
  })
})

describe('helpers', () => {
  it('follows only in-app links', () => {
    expect(safeLink('/problems/3')).toBe('/problems/3')
    expect(safeLink('//evil.example')).toBeNull()
    expect(safeLink('https://evil.example')).toBeNull()
    expect(safeLink('')).toBeNull()
  })
  it('says how long ago', () => {
    const now = new Date('2026-12-04T12:00:00+08:00')
    expect(fmtAgo('2026-12-04T11:59:30+08:00', now)).toBe('刚刚')
    expect(fmtAgo('2026-12-04T11:55:00+08:00', now)).toBe('5 分钟前')
    expect(fmtAgo('2026-12-04T09:00:00+08:00', now)).toBe('3 小时前')
    expect(fmtAgo('2026-11-01T09:00:00+08:00', now)).toBe('2026-11-01')
  })
})

describe('notifications page', () => {
  it('lists notifications, marks one read on click and follows its link', async () => {
    const { wrapper, fetchMock, router } = await render(NotificationsPage, {}, (_url, init) => {
      if (init?.method === 'POST') return new Response(null, { status: 204 })
      return jsonResponse({ items: [note(1, false), note(2, true)], unread: 1, next_cursor: null })
    })
    expect(wrapper.find('[data-test="notice-filter"]').text()).toContain('未读 (1)')
    const first = wrapper.find('[data-test="notice-1"]')
    expect(first.classes()).toContain('unread')
    expect(first.text()).toContain('新派遣')
    await first.trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls.some((c) => c[0] === '/api/v1/notifications/1/read' && c[1]?.method === 'POST')).toBe(true)
    expect(router.currentRoute.value.fullPath).toBe('/problems/1')
    expect(wrapper.find('[data-test="notice-1"]').classes()).not.toContain('unread')
    expect(wrapper.find('[data-test="notice-filter"]').text()).toContain('未读 (0)')
  })

  it('marks everything read', async () => {
    const { wrapper, fetchMock } = await render(NotificationsPage, {}, (_url, init) => {
      if (init?.method === 'POST') return new Response(null, { status: 204 })
      return jsonResponse({ items: [note(1, false), note(3, false)], unread: 2, next_cursor: null })
    })
    await wrapper.find('[data-test="notice-read-all"]').trigger('click')
    await flushPromises()
    expect(fetchMock.mock.calls.some((c) => c[0] === '/api/v1/notifications/read-all')).toBe(true)
    expect(wrapper.findAll('.item.unread')).toHaveLength(0)
  })

  it('puts a read mark back when the server refuses it', async () => {
    const { wrapper } = await render(NotificationsPage, {}, (_url, init) => {
      if (init?.method === 'POST') return jsonResponse({ title: '服务暂不可用' }, 503, 'application/problem+json')
      return jsonResponse({ items: [note(1, false)], unread: 1, next_cursor: null })
    })
    await wrapper.find('[data-test="notice-1"] .mark').trigger('click')
    await flushPromises()
    expect(wrapper.find('[data-test="notice-1"]').classes()).toContain('unread')
    expect(wrapper.text()).toContain('服务暂不可用')
  })

  it('says so when the server has no notifications yet', async () => {
    const { wrapper } = await render(NotificationsPage, {}, () => jsonResponse({ title: 'x' }, 404, 'application/problem+json'))
    expect(wrapper.find('[data-test="notice-unavailable"]').exists()).toBe(true)
    expect(wrapper.find('[data-test="notice-read-all"]').attributes('disabled')).toBeDefined()
  })
})

describe('header bell', () => {
  it('counts unread notifications and keeps the to-do count apart', async () => {
    const { wrapper } = await render(HeaderBar, { collapsed: false }, (url) => {
      if (url.startsWith('/api/v1/notifications')) return jsonResponse({ items: [note(5, false)], unread: 12, next_cursor: null })
      if (url.startsWith('/api/v1/problems'))
        return jsonResponse({ items: [{ id: 1, state: 'reported', allowed_actions: ['accept'] }], next_cursor: null })
      return jsonResponse({})
    })
    expect(wrapper.find('[data-test="bell-count"] .el-badge__content').text()).toBe('12')
    expect(wrapper.find('[data-test="todo-pill"]').exists()).toBe(true)
    wrapper.unmount()
  })

  it('shows no count and no error without the endpoint', async () => {
    const { wrapper } = await render(HeaderBar, { collapsed: false }, (url) =>
      url.startsWith('/api/v1/notifications')
        ? jsonResponse({ title: 'x' }, 404, 'application/problem+json')
        : jsonResponse({ items: [], next_cursor: null }),
    )
    const badge = wrapper.find('[data-test="bell-count"] .el-badge__content')
    expect(!badge.exists() || (badge.element as HTMLElement).style.display === 'none').toBe(true)
    expect(wrapper.find('[data-test="todo-pill"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
