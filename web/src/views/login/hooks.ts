import { onMounted, reactive, ref, useTemplateRef } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import { useI18n } from 'vue-i18n'
import type { FormInstance, FormRules } from 'element-plus'
import { ElMessage } from 'element-plus'
import { demoApi } from '@/api/demo'
import { ApiError } from '@/api/http'
import type { DemoLogin } from '@/api/types'
import { useSessionStore } from '@/store/session'
import type { LoginErrors, LoginForm } from './types'

type T = (key: string) => string

/** Pure validation used by the form rules and by tests: returns messages per field. */
export function validateLogin(form: LoginForm, t: T): LoginErrors {
  const errors: LoginErrors = {}
  const u = form.username.trim()
  if (!u) errors.username = t('login.usernameRequired')
  else if (u.length < 2 || u.length > 64) errors.username = t('login.usernameLength')
  if (!form.password) errors.password = t('login.passwordRequired')
  else if (form.password.length < 4) errors.password = t('login.passwordLength')
  return errors
}

/** Only same-app paths are accepted as redirect targets. */
export function safeRedirect(v: unknown): string | null {
  return typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') && !v.startsWith('/login')
    ? v
    : null
}

export function useLogin() {
  const { t } = useI18n()
  const router = useRouter()
  const route = useRoute()
  const session = useSessionStore()

  const formRef = useTemplateRef<FormInstance>('formRef')
  const form = reactive<LoginForm>({ username: '', password: '' })
  const loading = ref(false)
  const serverError = ref('')
  const demos = ref<DemoLogin[]>([])

  const fieldRule = (field: keyof LoginForm) => ({
    trigger: 'blur',
    validator: (_r: unknown, _v: unknown, cb: (e?: Error) => void) => {
      const msg = validateLogin(form, t)[field]
      if (msg) cb(new Error(msg))
      else cb()
    },
  })
  const rules: FormRules<LoginForm> = {
    username: [fieldRule('username')],
    password: [fieldRule('password')],
  }

  onMounted(async () => {
    demos.value = await demoApi.logins().catch(() => [])
  })

  async function submit() {
    serverError.value = ''
    const ok = await formRef.value?.validate().catch(() => false)
    if (!ok) return
    loading.value = true
    try {
      const user = await session.login(form.username.trim(), form.password)
      ElMessage.success(t('login.welcome', { name: user.display_name }))
      await router.replace(safeRedirect(route.query.redirect) ?? session.homePath)
    } catch (e) {
      serverError.value = e instanceof ApiError ? e.message : t('login.failed')
    } finally {
      loading.value = false
    }
  }

  async function useDemo(d: DemoLogin) {
    form.username = d.username
    form.password = d.password
    await submit()
  }

  return { formRef, form, rules, loading, serverError, demos, submit, useDemo }
}
