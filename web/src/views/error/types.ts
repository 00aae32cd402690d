export type ErrorCode = 403 | 404
