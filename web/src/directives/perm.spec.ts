import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { defineComponent, h, withDirectives } from 'vue'
import { perm } from './perm'
import { rolesAllow } from '@/store/session'
import { makePinia } from '@/test/helpers'
import type { Role } from '@/api/types'

const guarded = (id: string, roles: Role[] | Role) => withDirectives(h('button', { id }, id), [[perm, roles]])

const Buttons = defineComponent({
  render: () =>
    h('div', [
      guarded('dispatch', ['dispatcher']),
      guarded('handle', ['unit_handler', 'grid_worker']),
      guarded('single', 'leader'),
      h('button', { id: 'any' }, 'any'),
    ]),
})

function render(roles: Role[] | null) {
  return mount(Buttons, { global: { plugins: [makePinia(roles)] } })
}

describe('v-perm', () => {
  it('keeps buttons for a matching role and removes the others', () => {
    const w = render(['dispatcher'])
    expect(w.find('#dispatch').exists()).toBe(true)
    expect(w.find('#handle').exists()).toBe(false)
    expect(w.find('#single').exists()).toBe(false)
    expect(w.find('#any').exists()).toBe(true)
  })

  it('accepts any one of several roles and a single role string', () => {
    const w = render(['grid_worker', 'leader'])
    expect(w.find('#dispatch').exists()).toBe(false)
    expect(w.find('#handle').exists()).toBe(true)
    expect(w.find('#single').exists()).toBe(true)
  })

  it('lets admin see everything', () => {
    const w = render(['admin'])
    expect(w.findAll('button')).toHaveLength(4)
  })

  it('hides every guarded button when nobody is signed in', () => {
    const w = render(null)
    expect(w.findAll('button').map((b) => b.attributes('id'))).toEqual(['any'])
  })
})

describe('rolesAllow', () => {
  it('treats an empty requirement as open', () => {
    expect(rolesAllow([], [])).toBe(true)
    expect(rolesAllow(['viewer'], undefined)).toBe(true)
    expect(rolesAllow(['viewer'], ['leader'])).toBe(false)
  })
})
