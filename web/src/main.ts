import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { router } from './router'
import { i18n } from './i18n'
import { perm } from './directives/perm'
import { configureHttp } from './api/http'
import { useSessionStore } from './store/session'
import { startOutboxSync } from './utils/outbox'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './styles/index.css'

async function bootstrap() {
  // Dev/preview-only fixture API; the branch is dropped from normal production builds.
  if (import.meta.env.VITE_MOCK === '1') {
    const { installMock } = await import('./mock')
    installMock()
  }
  const app = createApp(App)
  const pinia = createPinia()
  app.use(pinia)
  app.use(i18n)
  app.use(router)
  app.directive('perm', perm)

  const session = useSessionStore()
  configureHttp({
    csrfToken: () => session.csrfToken,
    onUnauthorized: () => {
      session.expire()
      const current = router.currentRoute.value
      if (current.name !== 'login')
        void router.replace({ name: 'login', query: { redirect: current.fullPath } })
    },
  })
  startOutboxSync()
  app.mount('#app')
}

void bootstrap()
