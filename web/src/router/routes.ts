import type { RouteRecordRaw } from 'vue-router'
import type { Role } from '@/api/types'

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (menu.*). */
    title?: string
    /** Roles that may open the page; empty/absent = any signed-in user. */
    roles?: Role[]
    /** Reachable without a session. */
    public?: boolean
    /** Shown in the desktop side menu. */
    menu?: boolean
    /** Element Plus icon component name. */
    icon?: string
    /** Menu group key. */
    group?: 'work' | 'campaign' | 'system'
    /** Shown in the mobile tab bar. */
    tab?: boolean
  }
}

const DesktopLayout = () => import('@/layout/DesktopLayout.vue')
const MobileLayout = () => import('@/layout/MobileLayout.vue')

const OFFICE: Role[] = ['admin', 'dispatcher', 'inspector', 'leader', 'viewer', 'unit_handler']

export const desktopChildren: RouteRecordRaw[] = [
  {
    path: 'dashboard',
    name: 'dashboard',
    component: () => import('@/views/dashboard/index.vue'),
    meta: { title: 'menu.dashboard', menu: true, icon: 'Odometer', group: 'work', roles: OFFICE },
  },
  {
    path: 'map',
    name: 'map',
    component: () => import('@/views/map/index.vue'),
    meta: { title: 'menu.map', menu: true, icon: 'MapLocation', group: 'work' },
  },
  {
    path: 'ledger',
    name: 'ledger',
    component: () => import('@/views/ledger/index.vue'),
    meta: { title: 'menu.ledger', menu: true, icon: 'Tickets', group: 'work' },
  },
  {
    path: 'todo',
    name: 'todo',
    component: () => import('@/views/todo/index.vue'),
    meta: { title: 'menu.todo', menu: true, icon: 'Bell', group: 'work' },
  },
  {
    path: 'problems/:id(\\d+)',
    name: 'problem',
    component: () => import('@/views/problem/index.vue'),
    meta: { title: 'menu.problem' },
  },
  {
    path: 'campaigns',
    name: 'campaigns',
    component: () => import('@/views/campaigns/index.vue'),
    meta: { title: 'menu.campaigns', menu: true, icon: 'Flag', group: 'campaign' },
  },
  {
    path: 'campaigns/:id(\\d+)',
    name: 'campaign',
    component: () => import('@/views/campaigns/detail.vue'),
    meta: { title: 'menu.campaign' },
  },
  {
    path: 'feedback-lists',
    name: 'feedback-lists',
    component: () => import('@/views/feedback/index.vue'),
    meta: { title: 'menu.feedback', menu: true, icon: 'DocumentChecked', group: 'campaign', roles: ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'] },
  },
  {
    path: 'feedback-lists/:id(\\d+)',
    name: 'feedback-list',
    component: () => import('@/views/feedback/detail.vue'),
    meta: { title: 'menu.feedbackList', roles: ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'] },
  },
  {
    path: 'inspections',
    name: 'inspections',
    component: () => import('@/views/inspections/index.vue'),
    meta: { title: 'menu.inspections', menu: true, icon: 'View', group: 'campaign' },
  },
  {
    path: 'inspections/:id(\\d+)',
    name: 'inspection',
    component: () => import('@/views/inspections/detail.vue'),
    meta: { title: 'menu.inspection' },
  },
  {
    path: 'notifications',
    name: 'notifications',
    component: () => import('@/views/notifications/index.vue'),
    meta: { title: 'menu.notifications' },
  },
  {
    path: 'activities',
    name: 'activities',
    component: () => import('@/views/activities/index.vue'),
    meta: { title: 'menu.activities', menu: true, icon: 'Notebook', group: 'campaign' },
  },
  {
    path: 'assessment',
    name: 'assessment',
    component: () => import('@/views/assessment/index.vue'),
    meta: { title: 'menu.assessment', menu: true, icon: 'Trophy', group: 'campaign', roles: ['admin', 'dispatcher', 'inspector', 'leader', 'viewer'] },
  },
  {
    path: 'admin',
    name: 'admin',
    component: () => import('@/views/admin/index.vue'),
    meta: { title: 'menu.admin', menu: true, icon: 'Setting', group: 'system', roles: ['admin'] },
  },
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/error/index.vue'),
    props: { code: 403 },
  },
]

export const mobileChildren: RouteRecordRaw[] = [
  {
    path: 'report',
    name: 'm-report',
    component: () => import('@/views/report/index.vue'),
    meta: { title: 'menu.report', tab: true, icon: 'Camera' },
  },
  {
    path: 'mine',
    name: 'm-mine',
    component: () => import('@/views/mine/index.vue'),
    meta: { title: 'menu.mine', tab: true, icon: 'Document' },
  },
  {
    path: 'todo',
    name: 'm-todo',
    component: () => import('@/views/todo/index.vue'),
    meta: { title: 'menu.todo', tab: true, icon: 'Bell', roles: ['unit_handler', 'inspector', 'dispatcher'] },
  },
  {
    path: 'problems/:id(\\d+)',
    name: 'm-problem',
    component: () => import('@/views/problem/index.vue'),
    meta: { title: 'menu.problem' },
  },
  {
    path: 'me',
    name: 'm-me',
    component: () => import('@/views/me/index.vue'),
    meta: { title: 'menu.me', tab: true, icon: 'User' },
  },
]

export const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('@/views/login/index.vue'),
    meta: { public: true, title: 'login.title' },
  },
  { path: '/', name: 'home', component: DesktopLayout, children: desktopChildren },
  { path: '/m', component: MobileLayout, children: mobileChildren, redirect: '/m/report' },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/error/index.vue'),
    props: { code: 404 },
    meta: { public: true },
  },
]
