// What the platform already knows about the applicant for one form: contact details from the
// account and the last application (to prefill, editable), and their open cases of the same items
// (to warn, or to refuse where only one at a time is allowed).
import { Type, type Static } from '@sinclair/typebox'

export const KnownApplicantQuery = Type.Object(
  {
    /** The item (or bundle) of the form; without it, only the contact details (e.g. the person's district for 就近办). */
    code: Type.Optional(Type.String({ minLength: 1, maxLength: 40 })),
    bundle: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
)
export type KnownApplicantQuery = Static<typeof KnownApplicantQuery>

export const KnownApplicantResponse = Type.Object(
  {
    /** Contact values by form key (phone, region, address): editable suggestions. */
    contact: Type.Record(Type.String(), Type.String()),
    open: Type.Array(
      Type.Object({
        id: Type.String({ format: 'uuid' }),
        number: Type.String(),
        itemCode: Type.String(),
        itemName: Type.String(),
        state: Type.String(),
        /** The item allows one open application at a time: a second is refused. */
        exclusive: Type.Boolean(),
      }),
    ),
    /**
     * 秒批 conditions the applicant already misses by what their account says (their age, from the
     * birth date of their real-name record), so the page warns before the form is filled. Absent
     * when none (or nothing is known yet).
     */
    unmet: Type.Optional(Type.Array(Type.Object({ id: Type.String(), description: Type.String() }))),
  },
  { title: 'KnownApplicant' },
)
export type KnownApplicantResponse = Static<typeof KnownApplicantResponse>
