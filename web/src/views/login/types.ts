export interface LoginForm {
  username: string
  password: string
}

export type LoginErrors = Partial<Record<keyof LoginForm, string>>
