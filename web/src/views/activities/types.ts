/** Placeholder until the activities module lands (issue 6). */
export interface ActivitiesPlaceholder {
  title: string
  description: string
  items: string[]
}
