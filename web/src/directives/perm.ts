import type { Directive, DirectiveBinding } from 'vue'
import { useSessionStore } from '@/store/session'
import type { Role } from '@/api/types'

/**
 * v-perm="['dispatcher']": keeps the element only if the signed-in user has one of
 * the roles (admin always passes). The server still authorizes every action; this
 * only hides buttons a user could not use.
 */
function check(el: HTMLElement, binding: DirectiveBinding<Role[] | Role>) {
  const required = Array.isArray(binding.value) ? binding.value : [binding.value]
  const session = useSessionStore()
  if (!session.hasRole(required)) el.parentNode?.removeChild(el)
}

export const perm: Directive<HTMLElement, Role[] | Role> = {
  mounted: check,
}
