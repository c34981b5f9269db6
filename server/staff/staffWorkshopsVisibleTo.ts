import type { WorkshopsVisibleTo } from '../access/WorkshopsVisibleTo'
import type { StaffAuth } from '../auth/StaffAuth'

/**
 * Which workshops the signed-in staff member asking may see across workshops (the knowledge bank's
 * search, the action register): the ones they own or co-facilitate; an administrator sees every
 * workshop, as /admin does. Nobody signed in: null (the endpoints answer 401).
 */
export function staffWorkshopsVisibleTo(staff: StaffAuth): WorkshopsVisibleTo {
  return async (request) => {
    const person = await staff.staffOf(request)
    if (!person) return null
    const own = (await staff.storage.workshopsOf(person.id)).map((workshop) => workshop.id)
    const all = person.isAdmin ? (await staff.storage.overview()).map((row) => row.id) : own
    return { staffId: person.id, name: person.name, workshopIds: [...new Set([...own, ...all])], ownWorkshopIds: own }
  }
}
