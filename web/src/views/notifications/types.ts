export type NoticeFilter = 'all' | 'unread'

export type TagType = 'primary' | 'success' | 'warning' | 'danger' | 'info'
