/** Placeholder until the inspections module lands (issue 6). */
export interface InspectionsPlaceholder {
  title: string
  description: string
  items: string[]
}
