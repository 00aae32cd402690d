export interface MeRow {
  label: string
  value: string
}
